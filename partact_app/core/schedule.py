"""The schedule engine: who meets whom, in which round, at which table.

Pure core code (numpy/scipy). See ``docs/schedule-engine.md`` for the method:

1. choose the meetings with a min-cost-flow LP (:mod:`schedule_lp`): exact, and its
   value is an upper bound for every schedule;
2. split them into rounds (:mod:`schedule_split`): König peeling, exact without
   availability windows; a greedy urgency-driven split plus slot filling with windows;
3. plan the tables (:mod:`schedule_tables`): the side that fits stays seated.

``replan`` keeps rounds 1..k of a previous schedule and re-plans the rest, keeping as
many planned meetings as possible in place.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from partact_app.core.categories import ASSOCIATION, COMPANY
from partact_app.core.schedule_lp import select
from partact_app.core.schedule_split import (
    fill,
    improve,
    kempe_repair,
    konig_split,
    order_rounds,
    sitout_runs,
    window_split,
)
from partact_app.core.schedule_tables import assign_seats, moving_tables
from partact_app.core.scoring import (
    Party,
    affinity,
    affinity_matrix,
    allowed,
    allowed_matrix,
    fair_total,
    value,
)

__all__ = [
    "Meeting",
    "Report",
    "Schedule",
    "ScheduleError",
    "make_schedule",
    "replan",
    "greedy_schedule",
    "check_schedule",
    "seated_side",
]

_EPS = 1e-6


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Meeting:
    round: int  # 1-based
    table: int  # 1-based
    company: int  # Party.id
    association: int  # Party.id
    score: int  # affinity of the pair


@dataclass(frozen=True)
class Report:
    meetings: int
    value: float
    bound: float
    ratio: float  # value / bound, 1.0 when bound is 0
    company_min: int  # meetings per company (companies not marked absent)
    company_max: int
    association_min: int
    association_max: int
    longest_sitout: int  # longest run of consecutive present rounds without a meeting
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...]
    report: Report
    seated: str | None  # COMPANY | ASSOCIATION | None: which side keeps its table


class ScheduleError(ValueError):
    """Invalid input; ``code`` and ``params`` let the UI translate the message."""

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


# --------------------------------------------------------------------------- validation


def _validate(
    companies: Sequence[Party], associations: Sequence[Party], rounds: Any, tables: Any
) -> None:
    if isinstance(rounds, bool) or not isinstance(rounds, (int, np.integer)) or rounds < 1:
        raise ScheduleError("rounds_invalid", f"rounds must be an integer >= 1, got {rounds!r}", rounds=rounds)
    if isinstance(tables, bool) or not isinstance(tables, (int, np.integer)) or tables < 1:
        raise ScheduleError("tables_invalid", f"tables must be an integer >= 1, got {tables!r}", tables=tables)
    for kind, side in ((COMPANY, companies), (ASSOCIATION, associations)):
        seen: set[int] = set()
        for p in side:
            if p.kind != kind:
                raise ScheduleError(
                    "kind_invalid",
                    f"{p.name!r} has kind {p.kind!r} but is listed as {kind}",
                    name=p.name, id=p.id, kind=p.kind, expected=kind,
                )
            if p.id in seen:
                raise ScheduleError("duplicate_id", f"duplicate {kind} id {p.id}", id=p.id, kind=kind)
            seen.add(p.id)
            lo = 1 if p.present_from is None else p.present_from
            hi = rounds if p.present_to is None else p.present_to
            if not (1 <= lo <= hi <= rounds):
                raise ScheduleError(
                    "window_invalid",
                    f"presence window of {p.name!r} ({p.present_from}..{p.present_to}) "
                    f"must lie within rounds 1..{rounds}",
                    name=p.name, id=p.id, present_from=p.present_from,
                    present_to=p.present_to, rounds=rounds,
                )


def _presence(parties: Sequence[Party], rounds: int) -> np.ndarray:
    """(n, R) bool: present in each round (window, and not absent)."""
    m = np.zeros((len(parties), rounds), dtype=bool)
    for i, p in enumerate(parties):
        if p.absent:
            continue
        lo = 1 if p.present_from is None else p.present_from
        hi = rounds if p.present_to is None else p.present_to
        m[i, lo - 1 : hi] = True
    return m


def seated_side(
    companies: Sequence[Party], associations: Sequence[Party], tables: int, seated: str | None = None
) -> str | None:
    """The side that keeps one table all event (participants not marked absent count).

    Default: associations when there are at most ``tables`` of them, else companies when
    there are at most ``tables`` of them, else nobody. ``seated`` forces a side.
    """
    n_c = sum(not p.absent for p in companies)
    n_a = sum(not p.absent for p in associations)
    if seated is None:
        if n_a <= tables:
            return ASSOCIATION
        if n_c <= tables:
            return COMPANY
        return None
    if seated not in (COMPANY, ASSOCIATION):
        raise ScheduleError("seated_invalid", f"seated must be {COMPANY!r} or {ASSOCIATION!r}, got {seated!r}", seated=seated)
    n = n_c if seated == COMPANY else n_a
    if n > tables:
        raise ScheduleError(
            "seated_too_many",
            f"{n} {seated} participants cannot keep one of {tables} tables each",
            side=seated, count=n, tables=tables,
        )
    return seated


# --------------------------------------------------------------------------- engine


@dataclass
class _Event:
    companies: list[Party]
    associations: list[Party]
    rounds: int
    tables: int
    aff: np.ndarray = field(init=False)
    allow: np.ndarray = field(init=False)
    pres_c: np.ndarray = field(init=False)
    pres_a: np.ndarray = field(init=False)
    ci: dict[int, int] = field(init=False)
    ai: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.aff = affinity_matrix(self.companies, self.associations)
        self.allow = allowed_matrix(self.companies, self.associations)
        self.pres_c = _presence(self.companies, self.rounds)
        self.pres_a = _presence(self.associations, self.rounds)
        self.ci = {p.id: i for i, p in enumerate(self.companies)}
        self.ai = {p.id: j for j, p in enumerate(self.associations)}

    def index(self, meetings: Sequence[Meeting], what: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        try:
            r = np.array([m.round for m in meetings], dtype=np.int64)
            t = np.array([m.table for m in meetings], dtype=np.int64)
            c = np.array([self.ci[m.company] for m in meetings], dtype=np.int64)
            a = np.array([self.ai[m.association] for m in meetings], dtype=np.int64)
        except KeyError as exc:
            raise ScheduleError(
                "previous_unknown",
                f"{what} meeting refers to unknown participant id {exc.args[0]}",
                id=exc.args[0],
            ) from None
        return r, t, c, a


def _plan(
    ev: _Event,
    seated: str | None,
    kept: Sequence[Meeting] = (),
    after: int = 0,
    previous_future: Sequence[Meeting] = (),
    previous_all: Sequence[Meeting] = (),
    t0: float | None = None,
) -> Schedule:
    t0 = time.perf_counter() if t0 is None else t0
    R, T = ev.rounds, ev.tables
    nc, na = len(ev.companies), len(ev.associations)
    side = seated_side(ev.companies, ev.associations, T, seated)
    F = R - after

    kr, kt, kc, ka = ev.index(kept, "kept")
    held_c = np.bincount(kc, minlength=nc).astype(np.int64)
    held_a = np.bincount(ka, minlength=na).astype(np.int64)
    met = np.zeros((nc, na), dtype=bool)
    met[kc, ka] = True

    avail_c = ev.pres_c[:, after:].copy()
    avail_a = ev.pres_a[:, after:].copy()
    cap_c = np.minimum(avail_c.sum(axis=1), np.maximum(R - held_c, 0))
    cap_a = np.minimum(avail_a.sum(axis=1), np.maximum(R - held_a, 0))
    overlap = (avail_c.astype(np.float32) @ avail_a.T.astype(np.float32)) > 0
    cand = ev.allow & ~met & overlap

    # previous plan of the rounds to re-plan: stability preferences
    pf_r, pf_t, pf_c, pf_a = ev.index(previous_future, "previous")
    bonus = None
    pref_round = np.full((nc, na), -1, dtype=np.int64)
    pref_table = np.zeros((nc, na), dtype=np.int64)
    if len(pf_r):
        pref_round[pf_c, pf_a] = pf_r - after - 1
        pref_table[pf_c, pf_a] = pf_t
        # tie-break only: the total bonus stays below the objective's granularity (5 / R)
        eps = 1.0 / (R * (len(pf_r) + 1))
        bonus = np.zeros((nc, na))
        bonus[pf_c, pf_a] = eps

    sel = select(ev.aff, cand, cap_c, cap_a, held_c, held_a, F * T, R, bonus)
    rows, cols = sel.rows, sel.cols
    past_value = value([(ev.companies[c].id, ev.associations[a].id) for c, a in zip(kc, ka)], ev.companies, ev.associations, R) if len(kc) else 0.0
    bound = past_value + sel.value

    # sit-out runs before the first round to plan
    busy_c = np.zeros((nc, R), dtype=bool)
    busy_a = np.zeros((na, R), dtype=bool)
    busy_c[kc, kr - 1] = True
    busy_a[ka, kr - 1] = True
    run_c = sitout_runs(busy_c, ev.pres_c, after)
    run_a = sitout_runs(busy_a, ev.pres_a, after)

    prefer = pref_round[rows, cols] if len(rows) else np.zeros(0, dtype=np.int64)
    target = sel.value + _partial_value(ev, _EMPTY_PLAN, held_c, held_a)
    involved_c = np.unique(rows)
    involved_a = np.unique(cols)
    no_windows = bool(avail_c[involved_c].all() and avail_a[involved_a].all())
    if no_windows:
        rnd = konig_split(rows, cols, F, T, run_c, run_a, prefer, balanced=not len(pf_r))
        if after == 0:
            rnd = order_rounds(rows, cols, rnd, F)
        plan = (rows, cols, rnd)
    else:
        plan = _window_plan(ev, rows, cols, avail_c, avail_a, cand, held_c, held_a, prefer, run_c, run_a, target)
    if len(pf_r):
        # re-planning: also try keeping every still-valid planned meeting in place and
        # re-optimising around it; keep it unless it loses more than the stability bonus
        f = pf_r - after - 1
        ok = cand[pf_c, pf_a] & avail_c[pf_c, f] & avail_a[pf_a, f]
        init = _conflict_free(pf_c[ok], pf_a[ok], f[ok], nc, na, F, T)
        stable = _window_plan(ev, _NONE, _NONE, avail_c, avail_a, cand, held_c, held_a, None, run_c, run_a, target, init=init)
        def score(pl):
            keep = int((pref_round[pl[0], pl[1]] == pl[2]).sum())
            return _partial_value(ev, pl, held_c, held_a) + STABILITY_BONUS * keep
        if score(stable) >= score(plan) - 1e-9:
            plan = stable
    rows, cols, rnd = plan
    rnd = rnd + after + 1  # actual 1-based rounds

    # tables
    if side is not None:
        n_side = nc if side == COMPANY else na
        party = ev.companies if side == COMPANY else ev.associations
        index = ev.ci if side == COMPANY else ev.ai
        prev_seat = np.zeros(n_side, dtype=np.int64)
        for m in sorted(previous_all, key=lambda m: m.round):
            pid = m.company if side == COMPANY else m.association
            if pid in index:
                prev_seat[index[pid]] = m.table
        active = np.array([not p.absent for p in party], dtype=bool)
        seats = assign_seats(n_side, active, prev_seat, T)
        tab = seats[rows] if side == COMPANY else seats[cols]
    else:
        last_c = np.zeros(nc, dtype=np.int64)
        last_a = np.zeros(na, dtype=np.int64)
        order = np.argsort(kr, kind="stable")
        last_c[kc[order]] = kt[order]
        last_a[ka[order]] = kt[order]
        ptab = np.where(pref_round[rows, cols] == rnd - after - 1, pref_table[rows, cols], 0)
        tab = moving_tables(rnd, rows, cols, T, last_c, last_a, ptab)

    new = [
        Meeting(int(r), int(t), ev.companies[c].id, ev.associations[a].id, int(ev.aff[c, a]))
        for r, t, c, a in zip(rnd, tab, rows, cols)
    ]
    meetings = tuple(sorted(list(kept) + new, key=lambda m: (m.round, m.table)))
    report = _report(ev, meetings, bound, t0)
    return Schedule(meetings, report, side)


_NONE = np.zeros(0, dtype=np.int64)
_EMPTY_PLAN = (_NONE, _NONE, _NONE)
# Re-planning: value points a kept meeting (same pair, same round) is worth.
STABILITY_BONUS = 2.0


def _conflict_free(c, a, f, nc, na, F, T):
    """Keep a subset of (company, association, round) meetings that is a valid plan."""
    busy_c = np.zeros((nc, F), bool)
    busy_a = np.zeros((na, F), bool)
    used = np.zeros(F, np.int64)
    pair = set()
    keep = np.zeros(len(c), bool)
    for i in range(len(c)):
        ci, ai, fi = int(c[i]), int(a[i]), int(f[i])
        if busy_c[ci, fi] or busy_a[ai, fi] or used[fi] >= T or (ci, ai) in pair:
            continue
        busy_c[ci, fi] = busy_a[ai, fi] = True
        used[fi] += 1
        pair.add((ci, ai))
        keep[i] = True
    return c[keep], a[keep], f[keep]


def _place(rows, cols, rnd, lock, avail_c, avail_a, used, T):
    """Kempe-repair the unplaced edges, then return the placed ones and the free slots."""
    if (rnd < 0).any():
        rnd = kempe_repair(rows, cols, rnd, avail_c, avail_a, used, T, locked=lock)
    placed = rnd >= 0
    rows, cols, rnd, lock = rows[placed], cols[placed], rnd[placed], lock[placed]
    free_c, free_a = avail_c.copy(), avail_a.copy()
    free_c[rows, rnd] = False
    free_a[cols, rnd] = False
    return rows, cols, rnd, lock, free_c, free_a


def _window_plan(ev, rows, cols, avail_c, avail_a, cand, held_c, held_a, prefer, run_c, run_a, target, init=None, iterations=4):
    """Split with availability windows: urgency-driven rounds, Kempe repair, residual LPs
    over the slots still free (pairs need a common free round), a greedy fill and a
    local search. ``init`` = (companies, associations, rounds) of meetings placed
    beforehand and locked (re-planning)."""
    R, T = ev.rounds, ev.tables
    nc, na = avail_c.shape[0], avail_a.shape[0]
    F = avail_c.shape[1]
    i_r, i_c, i_t = init if init is not None else _EMPTY_PLAN
    free_c, free_a = avail_c.copy(), avail_a.copy()
    free_c[i_r, i_t] = False
    free_a[i_c, i_t] = False
    used = np.bincount(i_t, minlength=F).astype(np.int64)
    rnd = window_split(rows, cols, free_c, free_a, used, T, prefer, avail_c, avail_a, run_c, run_a)
    rows = np.concatenate([i_r, rows])
    cols = np.concatenate([i_c, cols])
    rnd = np.concatenate([i_t, rnd])
    lock = np.arange(len(rows)) < len(i_r)
    rows, cols, rnd, lock, free_c, free_a = _place(rows, cols, rnd, lock, avail_c, avail_a, used, T)
    taken = np.zeros((nc, na), dtype=bool)
    for _ in range(iterations):
        taken[:] = False
        taken[rows, cols] = True
        room = used < T
        fc, fa = free_c & room[None, :], free_a & room[None, :]
        overlap = (fc.astype(np.float32) @ fa.T.astype(np.float32)) > 0
        cand2 = cand & ~taken & overlap
        if not cand2.any():
            break
        deg_c = held_c + np.bincount(rows, minlength=nc)
        deg_a = held_a + np.bincount(cols, minlength=na)
        sel = select(ev.aff, cand2, fc.sum(axis=1), fa.sum(axis=1), deg_c, deg_a, int((T - used).sum()), R)
        if len(sel.rows) == 0:
            break
        r2 = window_split(sel.rows, sel.cols, free_c, free_a, used, T, None, avail_c, avail_a)
        n_before = len(rows)
        rows = np.concatenate([rows, sel.rows])
        cols = np.concatenate([cols, sel.cols])
        rnd = np.concatenate([rnd, r2])
        lock = np.concatenate([lock, np.zeros(len(r2), bool)])
        rows, cols, rnd, lock, free_c, free_a = _place(rows, cols, rnd, lock, avail_c, avail_a, used, T)
        if len(rows) == n_before:
            break
    taken[:] = False
    taken[rows, cols] = True
    cand2 = cand & ~taken
    deg_c = held_c + np.bincount(rows, minlength=nc)
    deg_a = held_a + np.bincount(cols, minlength=na)
    extra = fill(ev.aff, cand2, free_c, free_a, used, T, deg_c, deg_a, R)
    if extra:
        ex = np.array(extra, dtype=np.int64)
        rnd = np.concatenate([rnd, ex[:, 0]])
        rows = np.concatenate([rows, ex[:, 1]])
        cols = np.concatenate([cols, ex[:, 2]])
        lock = np.concatenate([lock, np.zeros(len(ex), bool)])
    best = improve(ev.aff, cand, rows, cols, rnd, avail_c, avail_a, used, T, held_c, held_a, R, locked=lock)[:3]
    if init is not None or (prefer is not None and (prefer >= 0).any()):
        return best  # re-planning: stay close to the previous plan
    if _partial_value(ev, best, held_c, held_a) >= target - 1e-6:
        return best  # reached the LP bound
    # a second start: greedy rounds on the marginal objective, improved the same way
    free_c, free_a = avail_c.copy(), avail_a.copy()
    used = np.zeros(F, dtype=np.int64)
    g = fill(ev.aff, cand.copy(), free_c, free_a, used, T, held_c.copy(), held_a.copy(), R, passes=1)
    if g:
        ga = np.array(g, dtype=np.int64)
        alt = improve(ev.aff, cand, ga[:, 1], ga[:, 2], ga[:, 0], avail_c, avail_a, used, T, held_c, held_a, R)[:3]
        if _partial_value(ev, alt, held_c, held_a) > _partial_value(ev, best, held_c, held_a) + 1e-9:
            return alt
    return best


def _partial_value(ev, plan, held_c, held_a) -> float:
    rows, cols, _ = plan
    R = ev.rounds
    dc = held_c + np.bincount(rows, minlength=len(held_c))
    da = held_a + np.bincount(cols, minlength=len(held_a))
    return float(ev.aff[rows, cols].sum() + fair_total(dc, R).sum() + fair_total(da, R).sum())


def _report(ev: _Event, meetings: Sequence[Meeting], bound: float, t0: float) -> Report:
    R = ev.rounds
    val = value(meetings, ev.companies, ev.associations, R)
    nc, na = len(ev.companies), len(ev.associations)
    busy_c = np.zeros((nc, R), dtype=bool)
    busy_a = np.zeros((na, R), dtype=bool)
    for m in meetings:
        busy_c[ev.ci[m.company], m.round - 1] = True
        busy_a[ev.ai[m.association], m.round - 1] = True
    act_c = np.array([not p.absent for p in ev.companies], dtype=bool)
    act_a = np.array([not p.absent for p in ev.associations], dtype=bool)
    dc, da = busy_c.sum(axis=1)[act_c], busy_a.sum(axis=1)[act_a]
    longest = max(_longest_run(busy_c[act_c], ev.pres_c[act_c]), _longest_run(busy_a[act_a], ev.pres_a[act_a]))
    if bound <= _EPS:
        ratio = 1.0
    else:
        ratio = val / bound
        if abs(ratio - 1.0) < 1e-9:
            ratio = 1.0
    return Report(
        meetings=len(meetings),
        value=round(val, 6),
        bound=round(bound, 6),
        ratio=ratio,
        company_min=int(dc.min()) if len(dc) else 0,
        company_max=int(dc.max()) if len(dc) else 0,
        association_min=int(da.min()) if len(da) else 0,
        association_max=int(da.max()) if len(da) else 0,
        longest_sitout=longest,
        seconds=time.perf_counter() - t0,
    )


def _longest_run(busy: np.ndarray, present: np.ndarray) -> int:
    """Longest run of consecutive present rounds without a meeting."""
    if busy.size == 0:
        return 0
    idle = present & ~busy
    run = np.zeros(busy.shape[0], dtype=np.int64)
    best = 0
    for f in range(busy.shape[1]):
        run = np.where(idle[:, f], run + 1, 0)
        best = max(best, int(run.max()))
    return best


# --------------------------------------------------------------------------- public API


def make_schedule(
    companies: Sequence[Party],
    associations: Sequence[Party],
    rounds: int,
    tables: int,
    *,
    seated: str | None = None,
) -> Schedule:
    """An optimal (exact without availability windows) schedule of the event."""
    t0 = time.perf_counter()
    _validate(companies, associations, rounds, tables)
    ev = _Event(list(companies), list(associations), int(rounds), int(tables))
    return _plan(ev, seated, t0=t0)


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
    not meet again; fairness counts the meetings already held; among optimal plans, the
    one keeping most previously planned meetings (same pair in the same round) wins, and
    kept meetings keep their table where possible.
    """
    t0 = time.perf_counter()
    _validate(companies, associations, rounds, tables)
    if isinstance(after_round, bool) or not isinstance(after_round, (int, np.integer)) or not 0 <= after_round <= rounds:
        raise ScheduleError(
            "after_round_invalid",
            f"after_round must be within 0..{rounds}, got {after_round!r}",
            after_round=after_round, rounds=rounds,
        )
    ev = _Event(list(companies), list(associations), int(rounds), int(tables))
    kept = [m for m in previous if m.round <= after_round]
    future = [m for m in previous if m.round > after_round]
    ev.index(list(previous), "previous")  # unknown ids -> ScheduleError
    # planned pairs that were already held cannot be preferred again
    held = {(m.company, m.association) for m in kept}
    future = [m for m in future if (m.company, m.association) not in held and m.round <= rounds]
    return _plan(ev, seated, kept, int(after_round), future, list(previous), t0=t0)


def greedy_schedule(
    companies: Sequence[Party], associations: Sequence[Party], rounds: int, tables: int
) -> Schedule:
    """Baseline: round by round, a maximum-weight matching (at most ``tables`` meetings) on
    the marginal objective affinity + fair(deg_c + 1) + fair(deg_a + 1).

    Its report's ``bound`` is the engine's LP bound; ``seconds`` excludes computing it."""
    t0 = time.perf_counter()
    _validate(companies, associations, rounds, tables)
    ev = _Event(list(companies), list(associations), int(rounds), int(tables))
    R, T = ev.rounds, ev.tables
    nc, na = len(ev.companies), len(ev.associations)
    cand = ev.allow.copy()
    free_c, free_a = ev.pres_c.copy(), ev.pres_a.copy()
    used = np.zeros(R, dtype=np.int64)
    deg_c = np.zeros(nc, dtype=np.int64)
    deg_a = np.zeros(na, dtype=np.int64)
    added = fill(ev.aff, cand, free_c, free_a, used, T, deg_c, deg_a, R, passes=1)
    rnd = np.array([e[0] for e in added], dtype=np.int64) + 1
    rows = np.array([e[1] for e in added], dtype=np.int64)
    cols = np.array([e[2] for e in added], dtype=np.int64)
    side = seated_side(ev.companies, ev.associations, T)
    if side is not None:
        party = ev.companies if side == COMPANY else ev.associations
        active = np.array([not p.absent for p in party], dtype=bool)
        seats = assign_seats(len(party), active, np.zeros(len(party), np.int64), T)
        tab = seats[rows] if side == COMPANY else seats[cols]
    else:
        tab = moving_tables(rnd, rows, cols, T, np.zeros(nc, np.int64), np.zeros(na, np.int64))
    meetings = tuple(
        sorted(
            (
                Meeting(int(r), int(t), ev.companies[c].id, ev.associations[a].id, int(ev.aff[c, a]))
                for r, t, c, a in zip(rnd, tab, rows, cols)
            ),
            key=lambda m: (m.round, m.table),
        )
    )
    seconds = time.perf_counter() - t0  # the baseline's own time, without the bound
    # bound: the same LP as make_schedule
    cap_c, cap_a = ev.pres_c.sum(axis=1), ev.pres_a.sum(axis=1)
    overlap = (ev.pres_c.astype(np.float32) @ ev.pres_a.T.astype(np.float32)) > 0
    sel = select(ev.aff, ev.allow & overlap, cap_c, cap_a, np.zeros(nc, np.int64), np.zeros(na, np.int64), R * T, R)
    report = replace(_report(ev, meetings, sel.value, t0), seconds=seconds)
    return Schedule(meetings, report, side)


# --------------------------------------------------------------------------- validator


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

    Presence (window, absence) is only enforced after ``after_round``: meetings already
    held before a participant was marked absent or got a new window are legitimate.
    Likewise the seated side (``seated``) must keep one table only after ``after_round``. With ``seated``, each participant of that side
    must use a single table.
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
            lo = 1 if p.present_from is None else p.present_from
            hi = rounds if p.present_to is None else p.present_to
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

