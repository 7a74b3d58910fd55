"""Rounds under availability windows: heuristics that place and repair meetings.

With windows, splitting a set of meetings into rounds is NP-hard in general (a pair
may only meet in the intersection of both windows). :func:`window_plan` runs the
pipeline of ``docs/schedule-engine.md``:

1. :func:`window_split` - round by round, a maximum-weight matching (at most the free
   tables) of the chosen pairs, weighted by urgency;
2. :func:`kempe_repair` - leftovers placed by swapping two rounds along an alternating
   path;
3. residual LPs (:func:`partact_app.core.schedule.lp.select`) over the slots still
   free, placed the same way;
4. :func:`fill` - greedy per-round matchings on the marginal objective, and
   :func:`improve` - a local search (replace a partner, add meetings through swaps);
5. a second start from :func:`fill` alone, kept when better.

Every helper takes the :class:`WindowProblem` (the static data) first; the state that
changes travels in a :class:`~partact_app.core.schedule.problem.Plan` and a
:class:`~partact_app.core.schedule.problem.Slots`. Rounds are indexed 0..F-1 here (the
rounds still to plan). Invariant kept by every helper: the placed meetings form a valid
plan (``Plan``) that respects ``present``, and ``used[f]`` counts the meetings of round f.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy.optimize import linear_sum_assignment

from partact_app.core.schedule.lp import FlowLP, select
from partact_app.core.schedule.problem import EMPTY_PLAN, Pairs, Plan, Sides, Slots, can_meet, taken_pairs
from partact_app.core.scoring import fair_total, fair_weight

# window_split: weight of a pair in round f (higher = more urgent), a sum of
#   URGENCY_BASE
#   + URGENCY_SLACK / (1 + slack) for each participant (free rounds left minus pairs left)
#   + URGENCY_COMMON / (common free rounds left of the pair)
#   + URGENCY_SITOUT * (min(run, URGENCY_RUN_CAP) of both participants' sit-out runs)
#   + URGENCY_PREFERRED in the round the pair had in the previous plan.
URGENCY_BASE = 1.0
URGENCY_SLACK = 8.0
URGENCY_COMMON = 4.0
URGENCY_SITOUT = 0.05
URGENCY_RUN_CAP = 10
URGENCY_PREFERRED = 40.0
# window_plan: at most this many residual LPs; passes of fill and improve.
RESIDUAL_LPS = 4
FILL_PASSES = 3
IMPROVE_PASSES = 3
# kempe_repair: at most this many alternating paths tried (per call; improve's own cap).
KEMPE_MAX_STEPS = 200000
IMPROVE_KEMPE_STEPS = 20000
# A replacement must gain more than this; a plan must beat another by this to win.
GAIN_TOL = 1e-9
# The window pipeline stops early when a plan is within this of the LP bound.
BOUND_TOL = 1e-6


class WindowProblem(NamedTuple):
    """The static data of the window heuristics.

    weight : (nc, na) array
        Affinity of each pair.
    candidates : (nc, na) bool array
        Pairs that may meet at all (allowed, not met before, a common present round).
    present : Sides of (n, F) bool arrays
        Presence in each round to plan.
    held : Sides of int arrays
        Meetings already held (re-planning); degrees count from there.
    rounds : int
        ``R``: no participant gets more than R meetings; ``fair_weight`` uses it.
    tables : int
        ``T``: at most T meetings a round.
    """

    weight: np.ndarray
    candidates: np.ndarray
    present: Sides
    held: Sides
    rounds: int
    tables: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.weight.shape


def plan_value(problem: WindowProblem, plan: Plan) -> float:
    """Value of the meetings of ``plan`` plus the fairness of the meetings held:
    ``sum w_ij + sum_p fair_total(held_p + deg_p)``."""
    deg = plan.degrees(problem.held)
    R = problem.rounds
    return float(
        problem.weight[plan.rows, plan.cols].sum()
        + fair_total(deg.company, R).sum()
        + fair_total(deg.association, R).sum()
    )


# --------------------------------------------------------------------------- matchings


def capped_matching(weight: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-weight matching with at most ``cap`` edges; entries <= 0 are not edges.

    With ``n_rows > cap`` (after transposing so that rows are the smaller side),
    ``n_rows - cap`` dummy columns of weight ``max + 1`` are added: every maximum
    assignment uses all of them, so at most ``cap`` real edges remain, and they form a
    maximum-weight matching of that size. Returns (rows, cols) of the kept edges.
    """
    n1, n2 = weight.shape
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    if cap <= 0 or n1 == 0 or n2 == 0 or not (weight > 0).any():
        return empty
    w = np.where(weight > 0, weight, 0.0)
    transposed = n1 > n2
    if transposed:
        w = w.T
    n_rows, n_cols = w.shape
    forced = max(0, n_rows - cap)
    if forced:
        big = float(w.max()) + 1.0
        w = np.hstack([w, np.full((n_rows, forced), big)])
    r, c = linear_sum_assignment(w, maximize=True)
    keep = c < n_cols
    r, c = r[keep], c[keep]
    keep = w[r, c] > 0
    r, c = r[keep], c[keep]
    return (c, r) if transposed else (r, c)


# --------------------------------------------------------------------------- split


def window_split(
    problem: WindowProblem,
    pairs: Pairs,
    slots: Slots,
    prefer: np.ndarray | None = None,
    sitout: Sides | None = None,
) -> np.ndarray:
    """Greedy round-by-round split of ``pairs`` into the free ``slots``.

    For f = 0..F-1: a :func:`capped_matching` (at most the free tables of round f) of
    the pairs still to place that are both free in f, weighted by urgency (see the
    ``URGENCY_*`` constants); ``sitout`` (runs before round 0) and ``prefer`` (a round
    per pair, or -1) add to it. ``slots`` is updated in place. Returns the round of each
    pair, -1 when it could not be placed.
    """
    rows, cols = pairs
    free_c, free_a = slots.free
    used = slots.used
    ne = len(rows)
    F = free_c.shape[1]
    out = np.full(ne, -1, dtype=np.int64)
    if ne == 0:
        return out
    pref = np.full(ne, -1) if prefer is None else np.asarray(prefer)
    nc, na = free_c.shape[0], free_a.shape[0]
    rc = np.zeros(nc) if sitout is None else np.asarray(sitout.company, float).copy()
    ra = np.zeros(na) if sitout is None else np.asarray(sitout.association, float).copy()
    pc, pa = problem.present
    for f in range(F):
        todo = out < 0
        ok = todo & free_c[rows, f] & free_a[cols, f]
        room = problem.tables - int(used[f])
        if ok.any() and room > 0:
            rem_c = np.bincount(rows[todo], minlength=nc)
            rem_a = np.bincount(cols[todo], minlength=na)
            slack_c = free_c[:, f:].sum(axis=1) - rem_c
            slack_a = free_a[:, f:].sum(axis=1) - rem_a
            e = np.nonzero(ok)[0]
            er, ec = rows[e], cols[e]
            both = (free_c[er, f:] & free_a[ec, f:]).sum(axis=1)
            w = (
                URGENCY_BASE
                + URGENCY_SLACK / (1.0 + np.maximum(slack_c[er], 0))
                + URGENCY_SLACK / (1.0 + np.maximum(slack_a[ec], 0))
                + URGENCY_COMMON / np.maximum(both, 1)
                + URGENCY_SITOUT * (np.minimum(rc[er], URGENCY_RUN_CAP) + np.minimum(ra[ec], URGENCY_RUN_CAP))
                + URGENCY_PREFERRED * (pref[e] == f)
            )
            ur, ir = np.unique(er, return_inverse=True)
            ua, ia = np.unique(ec, return_inverse=True)
            mat = np.zeros((len(ur), len(ua)))
            mat[ir, ia] = w
            idx = np.full((len(ur), len(ua)), -1, dtype=np.int64)
            idx[ir, ia] = e
            mr, mc = capped_matching(mat, room)
            chosen = idx[mr, mc]
            out[chosen] = f
            free_c[rows[chosen], f] = False
            free_a[cols[chosen], f] = False
            used[f] += len(chosen)
        met_c = np.zeros(nc, bool)
        met_a = np.zeros(na, bool)
        met_c[rows[out == f]] = True
        met_a[cols[out == f]] = True
        rc = np.where(met_c, 0, rc + pc[:, f])
        ra = np.where(met_a, 0, ra + pa[:, f])
    return out


def fill(
    problem: WindowProblem, candidates: np.ndarray, slots: Slots, degrees: Sides, passes: int = FILL_PASSES
) -> Plan:
    """New meetings in the free ``slots``, round by round, on the marginal objective.

    In each round, a :func:`capped_matching` of the free participants with fewer than R
    meetings, on ``w_ij + fair_weight(deg_i + 1) + fair_weight(deg_j + 1)`` over the
    ``candidates`` (pairs that may still meet); repeated for up to ``passes`` passes
    while something was added. ``candidates``, ``slots`` and ``degrees`` are updated in
    place. Returns the added meetings, in the order they were added.
    """
    weight, R = problem.weight, problem.rounds
    free_c, free_a = slots.free
    used = slots.used
    deg_c, deg_a = degrees
    added: list[tuple[int, np.ndarray, np.ndarray]] = []
    F = free_c.shape[1]
    for _ in range(passes):
        changed = False
        for f in range(F):
            room = problem.tables - int(used[f])
            if room <= 0:
                continue
            fc = np.nonzero(free_c[:, f] & (deg_c < R))[0]
            fa = np.nonzero(free_a[:, f] & (deg_a < R))[0]
            if len(fc) == 0 or len(fa) == 0:
                continue
            sub = candidates[np.ix_(fc, fa)]
            if not sub.any():
                continue
            gain = (
                weight[np.ix_(fc, fa)]
                + fair_weight(deg_c[fc] + 1, R)[:, None]
                + fair_weight(deg_a[fa] + 1, R)[None, :]
            )
            gain = np.where(sub, gain, 0.0)
            mr, mc = capped_matching(gain, room)
            if len(mr) == 0:
                continue
            c, a = fc[mr], fa[mc]
            candidates[c, a] = False
            free_c[c, f] = False
            free_a[a, f] = False
            deg_c[c] += 1
            deg_a[a] += 1
            used[f] += len(c)
            added.append((f, c, a))
            changed = True
        if not changed:
            break
    if not added:
        return EMPTY_PLAN
    rows = np.concatenate([c for _, c, _ in added]).astype(np.int64)
    cols = np.concatenate([a for _, _, a in added]).astype(np.int64)
    rnd = np.concatenate([np.full(len(c), f, dtype=np.int64) for f, c, _ in added])
    return Plan.of(Pairs(rows, cols), rnd)


# --------------------------------------------------------------------------- Kempe swaps


class _Colouring:
    """The rounds of a plan's meetings, indexed both ways: ``at_c[i, f]`` / ``at_a[j, f]``
    is the meeting of company i / association j in round f, or -1. Updates the plan's
    ``round`` array and ``used`` in place."""

    def __init__(self, problem: WindowProblem, plan: Plan, used: np.ndarray) -> None:
        present_c, present_a = problem.present
        F = present_c.shape[1]
        self.plan = plan
        self.used = used
        self.at_c = np.full((present_c.shape[0], F), -1, dtype=np.int64)
        self.at_a = np.full((present_a.shape[0], F), -1, dtype=np.int64)
        placed = np.nonzero(plan.round >= 0)[0]
        self.at_c[plan.rows[placed], plan.round[placed]] = placed
        self.at_a[plan.cols[placed], plan.round[placed]] = placed
        self.allowed = present_c[plan.rows] & present_a[plan.cols]  # (E, F) rounds each meeting may take

    def place(self, e: int, r: int) -> None:
        rows, cols, rnd, _ = self.plan
        rnd[e] = r
        self.at_c[rows[e], r] = e
        self.at_a[cols[e], r] = e
        self.used[r] += 1

    def path(self, association: int, r1: int, r2: int) -> list[int] | None:
        """Meetings of the r1/r2 alternating path from ``association`` (busy in r1), or
        None when one of them is locked or cannot take the other round."""
        rows, cols, _, lock = self.plan
        path: list[int] = []
        side, node, r, other = "a", association, r1, r2
        while True:
            x = self.at_a[node, r] if side == "a" else self.at_c[node, r]
            if x < 0:
                return path
            if lock[x] or not self.allowed[x, other]:
                return None
            path.append(int(x))
            if side == "a":
                side, node = "c", int(rows[x])
            else:
                side, node = "a", int(cols[x])
            r, other = other, r
            if len(path) > 4 * self.at_c.shape[0] + 4:  # cannot happen in a bipartite graph
                return None

    def swap(self, path: list[int], r1: int, r2: int) -> None:
        """Recolour the meetings of ``path`` r1 <-> r2 (``used`` is left to the caller)."""
        rows, cols, rnd, _ = self.plan
        for x in path:
            self.at_c[rows[x], rnd[x]] = -1
            self.at_a[cols[x], rnd[x]] = -1
        for x in path:
            rnd[x] = r2 if rnd[x] == r1 else r1
            self.at_c[rows[x], rnd[x]] = x
            self.at_a[cols[x], rnd[x]] = x


def kempe_repair(
    problem: WindowProblem,
    plan: Plan,
    used: np.ndarray,
    max_steps: int = KEMPE_MAX_STEPS,
    cap_degrees: bool = False,
) -> np.ndarray:
    """Place the unplaced meetings of ``plan`` (``round == -1``), in order.

    A meeting (i, j) goes directly into a round where both are present and free and a
    table is left; else, for rounds r1 (i free) and r2 (j free), the path from j that
    alternates r1-meetings and r2-meetings is recoloured r1 <-> r2, which frees j in r1
    (the classic König argument), and (i, j) takes r1. Every recoloured meeting must
    allow both rounds (``present``), none may be ``locked``, and both rounds must keep at
    most T meetings. With ``cap_degrees``, meetings of a participant that already has R
    meetings (``held`` included) are skipped (optional additions). At most ``max_steps``
    paths are tried in all. ``plan.round`` and ``used`` are updated in place; returns
    ``plan.round``. A meeting that cannot be placed keeps -1.
    """
    rows, cols, rnd, _ = plan
    board = _Colouring(problem, plan, used)
    steps = 0
    deg = plan.where(rnd >= 0).degrees(problem.held) if cap_degrees else None
    for e in np.nonzero(rnd < 0)[0]:
        c, a = int(rows[e]), int(cols[e])
        if deg is not None and (deg.company[c] >= problem.rounds or deg.association[a] >= problem.rounds):
            continue
        allowed_r = np.nonzero(board.allowed[e])[0]
        at_c, at_a = board.at_c, board.at_a
        direct = next((r for r in allowed_r if at_c[c, r] < 0 and at_a[a, r] < 0 and used[r] < problem.tables), None)
        if direct is not None:
            board.place(e, direct)
        else:
            free_c = [r for r in allowed_r if at_c[c, r] < 0]
            free_a = [r for r in allowed_r if at_a[a, r] < 0]
            placed = False
            for r1 in free_c:
                for r2 in free_a:
                    if r1 == r2:
                        continue
                    steps += 1
                    if steps > max_steps:
                        return rnd
                    path = board.path(a, r1, r2)
                    if path is None:
                        continue
                    n1 = sum(1 for x in path if rnd[x] == r1)
                    n2 = len(path) - n1
                    new1 = used[r1] - n1 + n2 + 1
                    new2 = used[r2] - n2 + n1
                    if new1 > problem.tables or new2 > problem.tables:
                        continue
                    board.swap(path, r1, r2)
                    used[r1], used[r2] = new1 - 1, new2
                    board.place(e, r1)
                    placed = True
                    break
                if placed:
                    break
            if not placed:
                continue
        if deg is not None:
            deg.company[c] += 1
            deg.association[a] += 1
    return rnd


# --------------------------------------------------------------------------- local search


def _replacement_round(problem: WindowProblem, plan: Plan, f: int, side: str) -> bool:
    """One replacement matching in round f on one side; ``plan`` is updated in place.

    Side "c": a free present company i (fewer than R meetings) takes the place of i' in
    an unlocked meeting (i', j) of round f when
    ``w_ij + fair_weight(deg_i + 1) - w_i'j - fair_weight(deg_i')`` > 0 and (i, j) may
    meet and does not yet; the newcomers and meetings are matched by a maximum-weight
    :func:`capped_matching` of these gains. Side "a" is symmetric. Returns whether
    anything changed.
    """
    rows, cols, rnd, lock = plan
    R = problem.rounds
    e_r = np.nonzero((rnd == f) & ~lock)[0]
    if len(e_r) == 0:
        return False
    deg_c, deg_a = plan.degrees(problem.held)
    taken = taken_pairs(plan, problem.shape)
    # Oriented (newcomer's side, keeper's side): side "a" is side "c" on the transposed matrices.
    if side == "c":
        mine, other, present, deg = rows, cols, problem.present.company, deg_c
        weight, candidates = problem.weight, problem.candidates
    else:
        mine, other, present, deg = cols, rows, problem.present.association, deg_a
        weight, candidates, taken = problem.weight.T, problem.candidates.T, taken.T
    busy = np.zeros(present.shape[0], bool)
    busy[mine[rnd == f]] = True
    newcomers = np.nonzero(present[:, f] & ~busy & (deg < R))[0]
    if len(newcomers) == 0:
        return False
    tgt = other[e_r]  # the other side keeps its slot
    old = mine[e_r]
    ok = candidates[np.ix_(newcomers, tgt)] & ~taken[np.ix_(newcomers, tgt)]
    gain = (
        weight[np.ix_(newcomers, tgt)]
        + fair_weight(deg[newcomers] + 1, R)[:, None]
        - weight[old, tgt][None, :]
        - fair_weight(deg[old], R)[None, :]
    )
    gain = np.where(ok & (gain > GAIN_TOL), gain, 0.0)
    if not gain.any():
        return False
    mr, mc = capped_matching(gain, len(e_r))
    if len(mr) == 0:
        return False
    mine[e_r[mc]] = newcomers[mr]  # rows or cols of the plan, in place
    return True


def _additions(problem: WindowProblem, plan: Plan, used: np.ndarray, kempe_steps: int) -> Plan | None:
    """``plan`` plus every pair that can still be added, best marginal gain
    ``w_ij + fair_weight(deg_i + 1) + fair_weight(deg_j + 1)`` first, directly or through
    a Kempe swap (:func:`kempe_repair`); None when no pair is a candidate."""
    rows, cols, rnd, _ = plan
    present_c, present_a = problem.present
    nc, na = problem.shape
    F = present_c.shape[1]
    R = problem.rounds
    deg_c, deg_a = plan.degrees(problem.held)
    busy_c = np.zeros((nc, F), bool)
    busy_a = np.zeros((na, F), bool)
    busy_c[rows, rnd] = True
    busy_a[cols, rnd] = True
    has_c = (present_c & ~busy_c).any(axis=1) & (deg_c < R)
    has_a = (present_a & ~busy_a).any(axis=1) & (deg_a < R)
    pool = problem.candidates & ~taken_pairs(plan, (nc, na)) & has_c[:, None] & has_a[None, :]
    pool &= can_meet(present_c, present_a)
    pr, pc = np.nonzero(pool)
    if not (len(pr) and (used < problem.tables).any()):
        return None
    gain = problem.weight[pr, pc] + fair_weight(deg_c[pr] + 1, R) + fair_weight(deg_a[pc] + 1, R)
    order = np.argsort(-gain, kind="stable")
    extended = plan.then(Plan.of(Pairs(pr[order], pc[order]), np.full(len(pr), -1)))
    kempe_repair(problem, extended, used, max_steps=kempe_steps, cap_degrees=True)
    return extended.where(extended.round >= 0)


def improve(
    problem: WindowProblem,
    plan: Plan,
    used: np.ndarray,
    passes: int = IMPROVE_PASSES,
    kempe_steps: int = IMPROVE_KEMPE_STEPS,
) -> Plan:
    """Local search on a valid ``plan``: each pass makes replacements, then additions.

    * replacement (:func:`_replacement_round`): per side and round, newcomers take the
      place of a partner when that raises the value;
    * addition (:func:`_additions`): pairs with a common free present round are added,
      directly or after a Kempe swap; a meeting always adds a positive
      ``fair_weight``, so the value increases.

    Stops after ``passes`` passes or a pass without change. ``used`` is updated in
    place; locked meetings never change. Returns the improved plan (a copy), whose value
    is at least ``plan``'s.
    """
    plan = Plan(*(a.copy() for a in plan))
    for _ in range(passes):
        changed = False
        for side in ("c", "a"):
            for f in range(problem.present.company.shape[1]):
                changed |= _replacement_round(problem, plan, f, side)
        grown = _additions(problem, plan, used, kempe_steps)
        if grown is not None:
            if len(grown.rows) > len(plan.rows):
                changed = True
            plan = grown
        if not changed:
            break
    return plan


# --------------------------------------------------------------------------- the pipeline


def conflict_free(problem: WindowProblem, plan: Plan) -> Plan:
    """The meetings of ``plan`` (placed, 0-based rounds) kept greedily in order while they
    form a valid plan: each participant once a round, each pair once, at most T a round."""
    nc, na = problem.shape
    F = problem.present.company.shape[1]
    busy_c = np.zeros((nc, F), bool)
    busy_a = np.zeros((na, F), bool)
    used = np.zeros(F, np.int64)
    pair = set()
    keep = np.zeros(len(plan.rows), bool)
    for i, (c, a, f) in enumerate(zip(plan.rows.tolist(), plan.cols.tolist(), plan.round.tolist())):
        if busy_c[c, f] or busy_a[a, f] or used[f] >= problem.tables or (c, a) in pair:
            continue
        busy_c[c, f] = busy_a[a, f] = True
        used[f] += 1
        pair.add((c, a))
        keep[i] = True
    return plan.where(keep)


def _place(problem: WindowProblem, plan: Plan, used: np.ndarray) -> tuple[Plan, Slots]:
    """Kempe-repair the unplaced meetings, then the placed ones and the slots left."""
    if (plan.round < 0).any():
        kempe_repair(problem, plan, used)
    plan = plan.where(plan.round >= 0)
    return plan, Slots.around(problem.present, plan, used)


def _residual_lps(problem: WindowProblem, plan: Plan, slots: Slots) -> tuple[Plan, Slots]:
    """Up to :data:`RESIDUAL_LPS` times: the flow LP over the pairs with a common free
    round (caps = free rounds, total = free tables), split and placed like the first."""
    nc, na = problem.shape
    R, T = problem.rounds, problem.tables
    for _ in range(RESIDUAL_LPS):
        room = slots.used < T
        fc, fa = slots.free.company & room[None, :], slots.free.association & room[None, :]
        cand = problem.candidates & ~taken_pairs(plan, (nc, na)) & can_meet(fc, fa)
        if not cand.any():
            break
        lp = FlowLP(
            problem.weight, cand, Sides(fc.sum(axis=1), fa.sum(axis=1)),
            plan.degrees(problem.held), int((T - slots.used).sum()), R,
        )
        chosen = select(lp).pairs
        if len(chosen.rows) == 0:
            break
        rounds = window_split(problem, chosen, slots)
        n_before = len(plan.rows)
        plan, slots = _place(problem, plan.then(Plan.of(chosen, rounds)), slots.used)
        if len(plan.rows) == n_before:
            break
    return plan, slots


def window_plan(
    problem: WindowProblem,
    chosen: Pairs,
    prefer: np.ndarray | None,
    sitout: Sides | None,
    target: float,
    init: Plan | None = None,
) -> Plan:
    """A valid plan of the rounds to plan, from the LP's ``chosen`` pairs.

    Parameters
    ----------
    problem : WindowProblem
    chosen : Pairs
        Pairs to place first (the flow LP's choice); some may be dropped or replaced.
    prefer : (len(chosen),) int array or None
        A preferred round per pair, or -1 (re-planning).
    sitout : Sides or None
        Sit-out runs before the first round to plan.
    target : float
        The LP bound as a :func:`plan_value`: a plan reaching it is optimal.
    init : Plan, optional
        Meetings placed beforehand (:func:`conflict_free`), locked (re-planning).

    Returns
    -------
    Plan
        Valid (each participant once a round and only when present, each pair once and
        only if a candidate, at most T meetings a round); ``init`` is contained in it.
        Unless re-planning (``init`` given, or a preferred round), when the first plan
        misses ``target`` a second start (:func:`fill` then :func:`improve`) is also
        tried and the better plan kept.
    """
    F = problem.present.company.shape[1]
    replanning = init is not None or (prefer is not None and bool((prefer >= 0).any()))
    init = EMPTY_PLAN if init is None else init
    slots = Slots.around(problem.present, init, np.bincount(init.round, minlength=F).astype(np.int64))
    rounds = window_split(problem, chosen, slots, prefer, sitout)
    plan, slots = _place(problem, init.then(Plan.of(chosen, rounds)), slots.used)
    plan, slots = _residual_lps(problem, plan, slots)
    extra = fill(problem, problem.candidates & ~taken_pairs(plan, problem.shape), slots, plan.degrees(problem.held))
    best = improve(problem, plan.then(extra), slots.used)
    if replanning:
        return best  # stay close to the previous plan
    if plan_value(problem, best) >= target - BOUND_TOL:
        return best  # reached the LP bound
    # a second start: greedy rounds on the marginal objective, improved the same way
    slots = Slots(problem.present.copy(), np.zeros(F, dtype=np.int64))
    greedy = fill(problem, problem.candidates.copy(), slots, problem.held.copy(), passes=1)
    if len(greedy.rows):
        alt = improve(problem, greedy, slots.used)
        if plan_value(problem, alt) > plan_value(problem, best) + GAIN_TOL:
            return alt
    return best
