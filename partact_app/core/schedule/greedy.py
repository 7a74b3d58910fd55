"""The greedy baseline of the benchmark: round by round, the best matching of the moment.

It exists to measure the engine against (``benchmarks/schedule.py``); the application
never uses it.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from partact_app.core.categories import COMPANY
from partact_app.core.schedule.engine import lp_bound
from partact_app.core.schedule.problem import Instance, Schedule, Sides, Slots, make_report, seated_side
from partact_app.core.schedule.tables import assign_seats, moving_tables
from partact_app.core.schedule.windows import WindowProblem, fill
from partact_app.core.scoring import Party


def greedy_schedule(
    companies: Sequence[Party], associations: Sequence[Party], rounds: int, tables: int
) -> Schedule:
    """Baseline: for r = 1..R, a maximum-weight matching of at most ``tables`` meetings
    of the participants present in round r, on the marginal objective
    ``affinity(c, a) + fair_weight(deg c + 1) + fair_weight(deg a + 1)`` (one pass of
    :func:`~partact_app.core.schedule.windows.fill`).

    The result satisfies every hard constraint (``check_schedule`` finds nothing); its
    report's ``bound`` is the engine's LP bound and ``seconds`` excludes computing it.
    """
    t0 = time.perf_counter()
    instance = Instance.build(companies, associations, rounds, tables)
    R, T = instance.rounds, instance.tables
    nc, na = instance.shape
    problem = WindowProblem(
        instance.affinity, instance.allowed, instance.present,
        Sides(np.zeros(nc, np.int64), np.zeros(na, np.int64)), R, T,
    )
    slots = Slots(instance.present.copy(), np.zeros(R, dtype=np.int64))
    plan = fill(problem, instance.allowed.copy(), slots, problem.held.copy(), passes=1)
    plan = plan._replace(round=plan.round + 1)
    side = seated_side(instance.companies, instance.associations, T)
    if side is not None:
        n = nc if side == COMPANY else na
        active = instance.active()
        seats = assign_seats(n, active.company if side == COMPANY else active.association, np.zeros(n, np.int64), T)
        tab = seats[plan.rows] if side == COMPANY else seats[plan.cols]
    else:
        tab = moving_tables(plan, T, Sides(np.zeros(nc, np.int64), np.zeros(na, np.int64)))
    meetings = tuple(sorted(instance.meetings(plan, tab), key=lambda m: (m.round, m.table)))
    seconds = time.perf_counter() - t0  # the baseline's own time, without the bound
    report = replace(make_report(instance, meetings, lp_bound(instance), t0), seconds=seconds)
    return Schedule(meetings, report, side)
