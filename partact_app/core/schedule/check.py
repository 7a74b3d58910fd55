"""The validator: every hard constraint of a schedule, checked from the parties alone.

Independent of how the engine works (no LP, no arrays): it is what the tests and the
benchmark hold every schedule to.
"""

from __future__ import annotations

from collections.abc import Sequence

from partact_app.core.categories import COMPANY
from partact_app.core.schedule.problem import Meeting, round_window
from partact_app.core.scoring import Party, affinity, allowed, value


def check_schedule(
    meetings: Sequence[Meeting],
    companies: Sequence[Party],
    associations: Sequence[Party],
    rounds: int,
    tables: int,
    *,
    after_round: int = 0,
    seated: str | None = None,
) -> list[str]:
    """Violations of the hard constraints (empty list: the schedule is valid).

    Checked: rounds in 1..R and tables in 1..T; known participants; each participant
    at most once a round and each table at most once a round (so at most T meetings a
    round); a pair at most once; allowed pairs only (``scoring.allowed``); the score is
    the pair's affinity; participants present (inside :func:`round_window`, not
    absent). Presence is only enforced after ``after_round``: meetings already held
    before a participant was marked absent or got a new window are legitimate. Likewise,
    with ``seated``, each participant of that side must keep a single table only after
    ``after_round``.
    """
    errors: list[str] = []
    cs = {p.id: p for p in companies}
    as_ = {p.id: p for p in associations}
    seen_part: set[tuple[str, int, int]] = set()
    seen_table: set[tuple[int, int]] = set()
    seen_pair: set[tuple[int, int]] = set()
    seats: dict[int, int] = {}
    per_round: dict[int, int] = {}
    for m in meetings:
        where = f"round {m.round} table {m.table} ({m.company}, {m.association})"
        if not 1 <= m.round <= rounds:
            errors.append(f"{where}: round outside 1..{rounds}")
        if not 1 <= m.table <= tables:
            errors.append(f"{where}: table outside 1..{tables}")
        c, a = cs.get(m.company), as_.get(m.association)
        if c is None:
            errors.append(f"{where}: unknown company {m.company}")
        if a is None:
            errors.append(f"{where}: unknown association {m.association}")
        for key in (("c", m.company, m.round), ("a", m.association, m.round)):
            if key in seen_part:
                errors.append(f"{where}: {'company' if key[0] == 'c' else 'association'} {key[1]} meets twice in round {m.round}")
            seen_part.add(key)
        if (m.round, m.table) in seen_table:
            errors.append(f"{where}: table {m.table} used twice in round {m.round}")
        seen_table.add((m.round, m.table))
        per_round[m.round] = per_round.get(m.round, 0) + 1
        if (m.company, m.association) in seen_pair:
            errors.append(f"{where}: pair meets more than once")
        seen_pair.add((m.company, m.association))
        if c is None or a is None:
            continue
        if not allowed(c, a):
            errors.append(f"{where}: forbidden pair (no common language or avoided)")
        for p in (c, a):
            lo, hi = round_window(p, rounds)
            if not lo <= m.round <= hi and m.round > after_round:
                errors.append(f"{where}: {p.name!r} not present in round {m.round}")
            if p.absent and m.round > after_round:
                errors.append(f"{where}: {p.name!r} is absent")
        if m.score != affinity(c, a):
            errors.append(f"{where}: score {m.score} != affinity {affinity(c, a)}")
        if seated is not None and m.round > after_round:
            pid = m.company if seated == COMPANY else m.association
            if seats.setdefault(pid, m.table) != m.table:
                errors.append(f"{where}: seated {seated} {pid} changes table")
    for r, n in per_round.items():
        if n > tables:
            errors.append(f"round {r}: {n} meetings for {tables} tables")
    return errors


def objective_parts(meetings: Sequence[Meeting], companies: Sequence[Party], associations: Sequence[Party], rounds: int) -> dict[str, float]:
    """Affinity and fairness parts of the objective (for reports and debugging)."""
    aff = float(sum(m.score for m in meetings))
    total = value(meetings, companies, associations, rounds)
    return {"affinity": aff, "fairness": total - aff, "value": total}
