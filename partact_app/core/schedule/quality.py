"""The quality of a stored schedule, as the organiser's console says it in words.

Computed from the meetings and the parties alone (pure, no text): the engine's own
:class:`~partact_app.core.schedule.problem.Report` numbers (meetings per company and per
association, longest sit-out, value and bound), plus what an organiser asks about a
schedule: the meetings of a pair with no common language (the engine never plans one; a
schedule made before someone's languages were edited may hold some), the pairs a common
language rules out, and the wishes met out of the wishes asked.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from partact_app.core.schedule.problem import Instance, Meeting, make_report
from partact_app.core.schedule.results import Quality
from partact_app.core.scoring import Party, name_key


def _wishes(holders: Sequence[Party], others: Sequence[Party], met: set[tuple[int, int]], holder_first: bool):
    """(asked, met) for the wishes of ``holders`` naming one of ``others`` (absent parties count for nothing)."""
    by_name = {name_key(p.name): p for p in others if not p.absent}
    asked = hit = 0
    for holder in holders:
        if holder.absent:
            continue
        for wished in {name_key(name) for name in holder.wishes}:
            other = by_name.get(wished)
            if other is None:
                continue
            asked += 1
            pair = (holder.id, other.id) if holder_first else (other.id, holder.id)
            hit += pair in met
    return asked, hit


def schedule_quality(
    companies: Sequence[Party],
    associations: Sequence[Party],
    rounds: int,
    tables: int,
    meetings: Sequence[Meeting],
    *,
    bound: float | None = None,
    kept_through: int = 0,
) -> Quality:
    """The quality of ``meetings`` (those of rounds 1..``rounds``; later ones are ignored).

    ``bound``: the bound the engine reported for this schedule; when None it is
    recomputed (the flow LP: a first plan's bound, or with ``kept_through = k`` the value
    of the meetings of rounds 1..k plus the LP bound of the rest, as a re-plan reports).
    Raises ``ScheduleError`` for invalid parties (``Instance.build``).
    """
    t0 = time.perf_counter()
    instance = Instance.build(companies, associations, rounds, tables)
    known_c, known_a = instance.row_of, instance.col_of
    inside = [m for m in meetings if 1 <= m.round <= rounds and m.company in known_c and m.association in known_a]
    if bound is None:
        kept = [m for m in inside if m.round <= kept_through]
        from partact_app.core.schedule.engine import lp_bound  # the engine (scipy) only when a bound is computed

        bound = lp_bound(instance, kept, min(max(kept_through, 0), rounds))
    report = make_report(instance, inside, bound, t0)

    by_id = {p.id: p for p in (*companies, *associations)}
    no_language = sum(1 for m in inside if not (by_id[m.company].languages & by_id[m.association].languages))
    active_c = [c.languages for c in companies if not c.absent]
    active_a = [a.languages for a in associations if not a.absent]
    excluded = sum(1 for lc in active_c for la in active_a if not (lc & la))
    met = {(m.company, m.association) for m in inside}
    asked_c, met_c = _wishes(companies, associations, met, holder_first=True)
    asked_a, met_a = _wishes(associations, companies, met, holder_first=False)
    return Quality(
        meetings=report.meetings,
        company_min=report.company_min,
        company_max=report.company_max,
        association_min=report.association_min,
        association_max=report.association_max,
        longest_sitout=report.longest_sitout,
        no_common_language=no_language,
        language_excluded=excluded,
        wishes_asked=asked_c + asked_a,
        wishes_met=met_c + met_a,
        value=report.value,
        bound=report.bound,
        ratio=report.ratio,
    )
