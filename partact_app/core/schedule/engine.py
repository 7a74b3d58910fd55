"""The engine: ``make_schedule`` and ``replan`` (who meets whom, in which round, where).

1. choose the meetings with the flow LP (:mod:`.lp`): exact, and its value is an upper
   bound for every schedule;
2. split them into rounds: König peeling (:mod:`.konig`), exact when everyone involved
   is present in every round to plan; else the window heuristics (:mod:`.windows`);
3. plan the tables (:mod:`.tables`): the side that fits stays seated.

``replan`` keeps rounds 1..k of a previous schedule and re-plans the rest, keeping as
many planned meetings as possible in place.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from partact_app.core.categories import COMPANY
from partact_app.core.schedule.konig import konig_split, order_rounds
from partact_app.core.schedule.lp import FlowLP, select
from partact_app.core.schedule.problem import (
    EMPTY_PLAN,
    Instance,
    Meeting,
    Pairs,
    Plan,
    Schedule,
    ScheduleError,
    Sides,
    can_meet,
    make_report,
    seated_side,
    sitout_runs,
)
from partact_app.core.schedule.tables import assign_seats, moving_tables
from partact_app.core.schedule.windows import WindowProblem, conflict_free, plan_value, window_plan
from partact_app.core.scoring import Party, matrix_value

# Re-planning: value points a kept meeting (same pair, same round) is worth when the
# exact and the stable plan are compared.
STABILITY_BONUS = 2.0
# The stable plan wins ties up to this.
SCORE_TOL = 1e-9


class _Previous(NamedTuple):
    """What a plan starts from: nothing for a first plan."""

    kept: Sequence[Meeting]  # meetings of rounds 1..after, kept exactly
    after: int
    future: Sequence[Meeting]  # planned meetings after ``after`` of pairs not yet met
    everything: Sequence[Meeting]  # the whole previous schedule (seats to keep)


_FIRST = _Previous((), 0, (), ())


@dataclass
class _Rest:
    """The rounds ``after + 1 .. R`` still to plan, as the heuristics see them.

    ``problem.present`` is the presence in those rounds (0-based f = round - after - 1);
    ``problem.candidates`` the pairs allowed, not met in the kept rounds and with a
    common present round; ``problem.held`` the kept meetings per participant. ``kept``
    holds the kept meetings (1-based rounds) and ``kept_tables`` their tables.
    ``preferred_round``/``preferred_table`` (nc, na): a pair's round (0-based, -1 =
    none) and table in the previous plan; ``future`` those meetings as a plan.
    """

    after: int
    problem: WindowProblem
    cap: Sides
    sitout: Sides
    kept: Plan
    kept_tables: np.ndarray
    future: Plan
    preferred_round: np.ndarray
    preferred_table: np.ndarray

    @classmethod
    def build(cls, instance: Instance, previous: _Previous) -> _Rest:
        R, T, after = instance.rounds, instance.tables, previous.after
        nc, na = instance.shape
        kept, kept_tables = instance.index(previous.kept, "kept")
        held = Sides(
            np.bincount(kept.rows, minlength=nc).astype(np.int64),
            np.bincount(kept.cols, minlength=na).astype(np.int64),
        )
        met = np.zeros((nc, na), dtype=bool)
        met[kept.rows, kept.cols] = True
        present = Sides(instance.present.company[:, after:].copy(), instance.present.association[:, after:].copy())
        cap = Sides(
            np.minimum(present.company.sum(axis=1), np.maximum(R - held.company, 0)),
            np.minimum(present.association.sum(axis=1), np.maximum(R - held.association, 0)),
        )
        candidates = instance.allowed & ~met & can_meet(present.company, present.association)
        future, future_tables = instance.index(previous.future, "previous")
        future = future._replace(round=future.round - after - 1)
        preferred_round = np.full((nc, na), -1, dtype=np.int64)
        preferred_table = np.zeros((nc, na), dtype=np.int64)
        preferred_round[future.rows, future.cols] = future.round
        preferred_table[future.rows, future.cols] = future_tables
        # sit-out runs before the first round to plan
        busy_c = np.zeros((nc, R), dtype=bool)
        busy_a = np.zeros((na, R), dtype=bool)
        busy_c[kept.rows, kept.round - 1] = True
        busy_a[kept.cols, kept.round - 1] = True
        sitout = Sides(
            sitout_runs(busy_c, instance.present.company, after),
            sitout_runs(busy_a, instance.present.association, after),
        )
        problem = WindowProblem(instance.affinity, candidates, present, held, R, T)
        return cls(after, problem, cap, sitout, kept, kept_tables, future, preferred_round, preferred_table)

    @property
    def n_rounds(self) -> int:
        return self.problem.present.company.shape[1]

    def flow_lp(self) -> FlowLP:
        """The flow LP over the rounds to plan; with a previous plan, its pairs get a
        tie-break bonus whose total stays below the objective's granularity (5 / R),
        so it only chooses among optimal sets."""
        p = self.problem
        bonus = None
        if len(self.future.rows):
            bonus = np.zeros(p.shape)
            bonus[self.future.rows, self.future.cols] = 1.0 / (p.rounds * (len(self.future.rows) + 1))
        return FlowLP(p.weight, p.candidates, self.cap, p.held, self.n_rounds * p.tables, p.rounds, bonus)

    def stability(self, plan: Plan) -> float:
        """Value of ``plan`` plus :data:`STABILITY_BONUS` per meeting kept in its round."""
        keep = int((self.preferred_round[plan.rows, plan.cols] == plan.round).sum())
        return plan_value(self.problem, plan) + STABILITY_BONUS * keep


def _split(rest: _Rest, chosen: Pairs, target: float) -> Plan:
    """Rounds (0-based, rounds to plan) for the ``chosen`` pairs: König when everyone
    involved is present throughout (exact), else the window pipeline."""
    p = rest.problem
    prefer = rest.preferred_round[chosen.rows, chosen.cols] if len(chosen.rows) else np.zeros(0, dtype=np.int64)
    involved_c, involved_a = np.unique(chosen.rows), np.unique(chosen.cols)
    if bool(p.present.company[involved_c].all() and p.present.association[involved_a].all()):
        rounds = konig_split(
            chosen, rest.n_rounds, p.tables, sitout=rest.sitout, prefer=prefer, balanced=not len(rest.future.rows)
        )
        plan = Plan.of(chosen, rounds)
        return order_rounds(plan, rest.n_rounds) if rest.after == 0 else plan
    return window_plan(p, chosen, prefer, rest.sitout, target)


def _stable(rest: _Rest, target: float) -> Plan:
    """Re-planning alternative: every still-valid planned meeting stays in its round
    (locked), and the window pipeline re-optimises the freed slots around them."""
    p, fut = rest.problem, rest.future
    f = fut.round
    ok = p.candidates[fut.rows, fut.cols] & p.present.company[fut.rows, f] & p.present.association[fut.cols, f]
    init = conflict_free(p, fut.where(ok))
    return window_plan(p, EMPTY_PLAN.pairs(), None, rest.sitout, target, init=init)


def _tables(instance: Instance, side: str | None, rest: _Rest, plan: Plan, previous: _Previous) -> np.ndarray:
    """Tables of the new meetings (``plan`` in 1-based rounds)."""
    T = instance.tables
    if side is not None:
        party = instance.companies if side == COMPANY else instance.associations
        index = instance.row_of if side == COMPANY else instance.col_of
        prev_seat = np.zeros(len(party), dtype=np.int64)
        for m in sorted(previous.everything, key=lambda m: m.round):
            pid = m.company if side == COMPANY else m.association
            if pid in index:
                prev_seat[index[pid]] = m.table
        active = instance.active()
        seats = assign_seats(len(party), active.company if side == COMPANY else active.association, prev_seat, T)
        return seats[plan.rows] if side == COMPANY else seats[plan.cols]
    nc, na = instance.shape
    last = Sides(np.zeros(nc, dtype=np.int64), np.zeros(na, dtype=np.int64))
    order = np.argsort(rest.kept.round, kind="stable")
    last.company[rest.kept.rows[order]] = rest.kept_tables[order]
    last.association[rest.kept.cols[order]] = rest.kept_tables[order]
    planned = rest.preferred_round[plan.rows, plan.cols] == plan.round - rest.after - 1
    keep_table = np.where(planned, rest.preferred_table[plan.rows, plan.cols], 0)
    return moving_tables(plan, T, last, keep_table)


def _plan(instance: Instance, seated: str | None, previous: _Previous, t0: float) -> Schedule:
    """Plan rounds ``previous.after + 1 .. R`` around the kept meetings."""
    side = seated_side(instance.companies, instance.associations, instance.tables, seated)
    rest = _Rest.build(instance, previous)
    selection = select(rest.flow_lp())
    kept = rest.kept
    past_value = matrix_value(instance.affinity, kept.rows, kept.cols, instance.rounds) if len(kept.rows) else 0.0
    bound = past_value + selection.value
    target = selection.value + plan_value(rest.problem, EMPTY_PLAN)

    plan = _split(rest, selection.pairs, target)
    if len(rest.future.rows):
        # re-planning: also try keeping every still-valid planned meeting in place; keep
        # it unless it loses more than the stability bonus
        stable = _stable(rest, target)
        if rest.stability(stable) >= rest.stability(plan) - SCORE_TOL:
            plan = stable
    plan = plan._replace(round=plan.round + rest.after + 1)  # actual 1-based rounds
    tables = _tables(instance, side, rest, plan, previous)
    meetings = tuple(sorted(list(previous.kept) + instance.meetings(plan, tables), key=lambda m: (m.round, m.table)))
    return Schedule(meetings, make_report(instance, meetings, bound, t0), side)


def lp_bound(instance: Instance, kept: Sequence[Meeting] = (), after: int = 0) -> float:
    """The LP bound of a first plan of ``instance`` (what ``make_schedule`` reports); with
    ``kept`` meetings of rounds 1..``after``, their value plus the LP bound of the rounds
    after ``after`` (what ``replan`` reports, without its tie-break bonus)."""
    if not kept and not after:
        return select(_Rest.build(instance, _FIRST).flow_lp()).value
    previous = _Previous(tuple(kept), after, (), tuple(kept))
    plan, _ = instance.index(list(kept), "kept")
    past = matrix_value(instance.affinity, plan.rows, plan.cols, instance.rounds) if len(plan.rows) else 0.0
    return past + select(_Rest.build(instance, previous).flow_lp()).value


# --------------------------------------------------------------------------- public API


def make_schedule(
    companies: Sequence[Party],
    associations: Sequence[Party],
    rounds: int,
    tables: int,
    *,
    seated: str | None = None,
) -> Schedule:
    """The schedule of the event that maximises ``scoring.value``.

    Maximises ``sum affinity(c, a) + sum_p fair_total(deg p)`` over sets of meetings in
    rounds 1..R at tables 1..T such that every participant meets at most once a round,
    only inside its presence window and never while absent, a pair meets at most once,
    and forbidden pairs (``scoring.allowed``) never meet.

    Parameters
    ----------
    companies, associations : sequences of Party
        Each side's parties (kind ``COMPANY`` / ``ASSOCIATION``, distinct ids).
    rounds, tables : int
        R >= 1 rounds, T >= 1 tables.
    seated : {COMPANY, ASSOCIATION, NOBODY}, optional
        Force the side that keeps one table all event, or nobody (both sides move,
        tables assigned round by round); default: :func:`seated_side`.

    Returns
    -------
    Schedule
        ``meetings`` sorted by (round, table); ``report.bound`` is the flow LP's optimum,
        an upper bound of every schedule. Without availability windows (everyone present
        throughout) ``report.value == report.bound``: the schedule is optimal.
        ``check_schedule`` finds no violation.

    Raises
    ------
    ScheduleError
        Invalid input (``code`` names the problem).

    Examples
    --------
    >>> from partact_app.core.categories import ASSOCIATION, COMPANY
    >>> fr = frozenset({"fr"})
    >>> cs = [Party(1, "C1", COMPANY, offers=frozenset({"it"}), languages=fr)]
    >>> as_ = [Party(2, "A1", ASSOCIATION, needs=frozenset({"it"}), languages=fr)]
    >>> s = make_schedule(cs, as_, rounds=1, tables=1)
    >>> s.meetings, s.report.value, s.report.ratio
    ((Meeting(round=1, table=1, company=1, association=2, score=10),), 210.0, 1.0)
    """
    t0 = time.perf_counter()
    instance = Instance.build(companies, associations, rounds, tables)
    return _plan(instance, seated, _FIRST, t0)


def replan(
    companies: Sequence[Party],
    associations: Sequence[Party],
    rounds: int,
    tables: int,
    previous: Sequence[Meeting],
    after_round: int,
    *,
    seated: str | None = None,
) -> Schedule:
    """Keep rounds 1..after_round of ``previous`` exactly and re-plan the others.

    Absent participants get no meeting after ``after_round``; pairs that already met do
    not meet again; fairness counts the meetings already held (their next meeting is
    worth ``fair_weight(held + 1)``). Two plans are compared on value +
    :data:`STABILITY_BONUS` per previously planned meeting kept in its round: the LP's
    choice (with a tie-break bonus for planned pairs) and a stable plan that locks every
    still-valid planned meeting. Kept meetings keep their table where possible.
    ``report.bound`` is the value of the held meetings plus the LP bound of the rest.
    """
    t0 = time.perf_counter()
    instance = Instance.build(companies, associations, rounds, tables)
    if isinstance(after_round, bool) or not isinstance(after_round, (int, np.integer)) or not 0 <= after_round <= rounds:
        raise ScheduleError(
            "after_round_invalid",
            f"after_round must be within 0..{rounds}, got {after_round!r}",
            after_round=after_round, rounds=rounds,
        )
    kept = [m for m in previous if m.round <= after_round]
    future = [m for m in previous if m.round > after_round]
    instance.index(list(previous), "previous")  # unknown ids -> ScheduleError
    # planned pairs that were already held cannot be preferred again
    held = {(m.company, m.association) for m in kept}
    future = [m for m in future if (m.company, m.association) not in held and m.round <= rounds]
    return _plan(instance, seated, _Previous(kept, int(after_round), future, list(previous)), t0)
