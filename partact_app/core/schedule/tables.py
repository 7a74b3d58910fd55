"""Table plan: which table each meeting of the schedule uses.

The side that fits keeps one table all event (its *seat*) and the other side moves. When
neither side fits, tables are assigned round by round with a minimum-cost assignment that
keeps participants at the table of their previous meeting as often as possible.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from partact_app.core.schedule.problem import Plan, Sides

# moving_tables: cost of a meeting at a table = 2 - [company was there last]
# - [association was there last] - KEEP_PLANNED_TABLE * [the meeting had this table in
# the previous plan]; keeping a planned table beats keeping both participants in place.
KEEP_PLANNED_TABLE = 3.0


def assign_seats(n: int, active: np.ndarray, previous: np.ndarray, tables: int) -> np.ndarray:
    """Seat (1-based table) of each of ``n`` participants of the seated side, 0 for
    inactive ones.

    ``previous`` holds a previous seat (0 = none): an active participant keeps it when it
    is a valid table not already taken by someone earlier in the list; the others get the
    free tables in ascending order, in list order. Requires ``active.sum() <= tables``;
    the seats of active participants are then distinct.
    """
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


def moving_tables(plan: Plan, tables: int, last: Sides, prefer: np.ndarray | None = None) -> np.ndarray:
    """Tables (1-based) of the meetings of ``plan`` when nobody is seated.

    Round by round (ascending ``plan.round``), a minimum-cost assignment of the round's
    meetings to tables (``linear_sum_assignment``) with the cost of
    :data:`KEEP_PLANNED_TABLE`: it minimises the participants who change table, after
    keeping the tables of ``prefer`` (a table per meeting, 0 = none). ``last``: each
    participant's previous table (0 = none), updated in place. A round's meetings get
    distinct tables (requires at most ``tables`` meetings a round).
    """
    rows, cols, rounds = plan.rows, plan.cols, plan.round
    out = np.zeros(len(rows), dtype=np.int64)
    pref = np.zeros(len(rows), dtype=np.int64) if prefer is None else prefer
    t_ids = np.arange(1, tables + 1)
    for r in np.unique(rounds):
        e = np.nonzero(rounds == r)[0]
        lc, la = last.company[rows[e]], last.association[cols[e]]
        cost = (
            2.0
            - (lc[:, None] == t_ids[None, :])
            - (la[:, None] == t_ids[None, :])
            - KEEP_PLANNED_TABLE * (pref[e][:, None] == t_ids[None, :])
        )
        mr, mc = linear_sum_assignment(cost)
        out[e[mr]] = t_ids[mc]
        last.company[rows[e]] = out[e]
        last.association[cols[e]] = out[e]
    return out
