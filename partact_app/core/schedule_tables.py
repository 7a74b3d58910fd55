"""Table plan: which table each meeting of the schedule uses.

The side that fits keeps one table all event (its *seat*) and the other side moves. When
neither side fits, tables are assigned round by round with a minimum-cost assignment that
keeps participants at the table of their previous meeting as often as possible.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


def assign_seats(n: int, active: np.ndarray, previous: np.ndarray, tables: int) -> np.ndarray:
    """Seat (1-based table) of each of ``n`` participants of the seated side, 0 for
    inactive ones. ``previous`` holds a previous seat (0 = none) to keep when possible."""
    seats = np.zeros(n, dtype=np.int64)
    taken = np.zeros(tables + 1, dtype=bool)
    for i in range(n):
        t = int(previous[i])
        if active[i] and 1 <= t <= tables and not taken[t]:
            seats[i] = t
            taken[t] = True
    free = iter(np.nonzero(~taken[1:])[0] + 1)
    for i in range(n):
        if active[i] and seats[i] == 0:
            seats[i] = int(next(free))
    return seats


def moving_tables(
    rounds: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    tables: int,
    last_c: np.ndarray,
    last_a: np.ndarray,
    prefer: np.ndarray | None = None,
) -> np.ndarray:
    """Tables (1-based) when nobody is seated: per round, minimise the number of
    participants who change table (``last_c``/``last_a``: previous table, 0 = none;
    updated in place). ``prefer``: a table to keep for a meeting (0 = none)."""
    out = np.zeros(len(rows), dtype=np.int64)
    pref = np.zeros(len(rows), dtype=np.int64) if prefer is None else prefer
    t_ids = np.arange(1, tables + 1)
    for r in np.unique(rounds):
        e = np.nonzero(rounds == r)[0]
        lc, la = last_c[rows[e]], last_a[cols[e]]
        cost = (
            2.0
            - (lc[:, None] == t_ids[None, :])
            - (la[:, None] == t_ids[None, :])
            - 3.0 * (pref[e][:, None] == t_ids[None, :])
        )
        mr, mc = linear_sum_assignment(cost)
        out[e[mr]] = t_ids[mc]
        last_c[rows[e]] = out[e]
        last_a[cols[e]] = out[e]
    return out
