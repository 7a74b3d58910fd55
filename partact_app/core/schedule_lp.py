"""Choosing the meetings: a min-cost-flow LP (exact, integral) solved with HiGHS.

Network: source -> company (arcs k = 1..cap_c worth fair(held_c + k)) -> association
(one arc per candidate pair, worth its affinity) -> sink (arcs worth fair(held_a + k)),
with at most ``total_cap`` units of flow. The constraint matrix is a network matrix, so a
vertex solution (dual simplex) is integral; this is asserted. Its value is an upper
bound for every schedule with the same degree caps, and it is reached exactly when the
chosen meetings can be split into rounds (always without availability windows: König).

Variables: y (company degree arcs), z (association degree arcs), then x (pairs).
Rows: one per company (sum x - sum y = 0), one per association (sum x - sum z = 0) and
the total (sum y <= total_cap).

Large instances are solved by column generation: start from each participant's best
pairs, then add the pairs with a negative reduced cost (min form) until none is left,
which proves optimality over all pairs. HiGHS is driven through scipy's bundled
bindings (``scipy.optimize._highspy``) to warm-start after adding columns; if they are
unavailable the public ``scipy.optimize.linprog(method="highs-ds")`` solves the full LP.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

try:  # private but stable-ish scipy module; the public path below is the fallback
    from scipy.optimize._highspy import _core as _highs
except Exception:  # pragma: no cover - depends on the scipy build
    _highs = None

# Candidate pairs up to which the full LP is solved in one go.
FULL_LP_PAIRS = 40000
_INT_TOL = 1e-6
_RED_TOL = 1e-7
# Implementation switch (tests exercise both): "highs" (bindings) or "linprog".
BACKEND = "highs" if _highs is not None else "linprog"


class LPFailure(RuntimeError):
    """HiGHS did not return an optimal integral vertex (should never happen)."""


@dataclass(frozen=True)
class Selection:
    rows: np.ndarray  # company index of each chosen pair
    cols: np.ndarray  # association index of each chosen pair
    value: float  # LP optimum without the bonus (affinity + fairness increments)


def _degree_columns(cap: np.ndarray, held: np.ndarray, rounds: int):
    owner = np.repeat(np.arange(len(cap)), cap)
    k = np.arange(len(owner)) - np.repeat(np.cumsum(cap) - cap, cap) + 1
    return owner, 100.0 * (rounds - (held[owner] + k) + 1) / rounds


class _Model:
    """The LP over a subset of pairs; columns of pairs can be added."""

    def __init__(self, nc, na, cap_c, cap_a, held_c, held_a, total_cap, rounds, backend):
        self.nc, self.na = nc, na
        self.backend = backend
        yc, fy = _degree_columns(cap_c, held_c, rounds)
        za, fz = _degree_columns(cap_a, held_a, rounds)
        self.ny, self.nz = len(yc), len(za)
        ny, nz = self.ny, self.nz
        self.nrow = nc + na + 1
        self.total_cap = float(total_cap)
        self.deg_cost = -np.concatenate([fy, fz])
        r = np.concatenate([yc, np.full(ny, nc + na), nc + za])
        c = np.concatenate([np.arange(ny), np.arange(ny), ny + np.arange(nz)])
        v = np.concatenate([-np.ones(ny), np.ones(ny), -np.ones(nz)])
        self.deg_matrix = sparse.csc_matrix((v, (r, c)), shape=(self.nrow, ny + nz))
        self.pr = np.zeros(0, np.int64)
        self.pc = np.zeros(0, np.int64)
        self.w = np.zeros(0)
        self.h = None

    def _pair_matrix(self, pr, pc):
        n = len(pr)
        idx = np.stack([pr, self.nc + pc], axis=1).ravel()
        return sparse.csc_matrix(
            (np.ones(2 * n), idx, np.arange(0, 2 * n + 1, 2)), shape=(self.nrow, n)
        )

    def add(self, pr, pc, w):
        if self.h is not None and len(pr):
            n = len(pr)
            m = self._pair_matrix(pr, pc)
            self.h.addCols(
                n, -w, np.zeros(n), np.ones(n), 2 * n,
                m.indptr[:-1].astype(np.int32), m.indices.astype(np.int32), m.data,
            )
        self.pr = np.concatenate([self.pr, pr])
        self.pc = np.concatenate([self.pc, pc])
        self.w = np.concatenate([self.w, w])

    def solve(self):
        """Returns (x of the pairs, row duals)."""
        if self.backend == "highs":
            return self._solve_highs()
        return self._solve_linprog()

    def _full(self):
        cost = np.concatenate([self.deg_cost, -self.w])
        mat = sparse.hstack([self.deg_matrix, self._pair_matrix(self.pr, self.pc)], format="csc")
        lo = np.zeros(self.nrow)
        hi = np.zeros(self.nrow)
        lo[-1], hi[-1] = -np.inf, self.total_cap
        return cost, mat, lo, hi

    def _solve_highs(self):
        h = _highs
        if self.h is None:
            cost, mat, lo, hi = self._full()
            n = len(cost)
            lp = h.HighsLp()
            lp.num_col_ = n
            lp.num_row_ = self.nrow
            lp.a_matrix_.num_col_ = n
            lp.a_matrix_.num_row_ = self.nrow
            lp.a_matrix_.format_ = h.MatrixFormat.kColwise
            lp.col_cost_ = cost
            lp.col_lower_ = np.zeros(n)
            lp.col_upper_ = np.ones(n)
            lo[-1] = -h.kHighsInf
            lp.row_lower_ = lo
            lp.row_upper_ = hi
            lp.a_matrix_.start_ = mat.indptr
            lp.a_matrix_.index_ = mat.indices
            lp.a_matrix_.value_ = mat.data
            self.h = h._Highs()
            for key, val in (("output_flag", False), ("presolve", "off"), ("solver", "simplex"), ("threads", 1)):
                self.h.setOptionValue(key, val)
            if self.h.passModel(lp) == h.HighsStatus.kError:
                raise LPFailure("HiGHS rejected the model")
        self.h.run()
        if self.h.getModelStatus() != h.HighsModelStatus.kOptimal:
            raise LPFailure(f"HiGHS: {self.h.modelStatusToString(self.h.getModelStatus())}")
        sol = self.h.getSolution()
        x = np.asarray(sol.col_value)
        return x, np.asarray(sol.row_dual)

    def _solve_linprog(self):
        cost, mat, lo, hi = self._full()
        mat = mat.tocsr()
        res = linprog(
            cost,
            A_ub=mat[-1:],
            b_ub=hi[-1:],
            A_eq=mat[:-1],
            b_eq=np.zeros(self.nrow - 1),
            bounds=(0.0, 1.0),
            method="highs-ds",
        )
        if res.status != 0:
            raise LPFailure(f"linprog failed: {res.message}")
        duals = np.concatenate([res.eqlin.marginals, res.ineqlin.marginals])
        return np.asarray(res.x), duals


def select(
    weight: np.ndarray,
    candidates: np.ndarray,
    cap_c: np.ndarray,
    cap_a: np.ndarray,
    held_c: np.ndarray,
    held_a: np.ndarray,
    total_cap: int,
    rounds: int,
    bonus: np.ndarray | None = None,
    backend: str | None = None,
) -> Selection:
    """Optimal set of meetings.

    weight: (nc, na) affinity; candidates: (nc, na) bool, pairs that may be chosen;
    cap_c/cap_a: degree caps; held_c/held_a: meetings already held (fairness offset);
    total_cap: at most this many meetings; bonus: optional small extra weight per pair
    (stability tie-break), not counted in ``value``.
    """
    backend = backend or BACKEND
    nc, na = weight.shape
    cap_c = np.asarray(cap_c, dtype=np.int64)
    cap_a = np.asarray(cap_a, dtype=np.int64)
    held_c = np.asarray(held_c, dtype=np.int64)
    held_a = np.asarray(held_a, dtype=np.int64)
    cand = candidates & (cap_c[:, None] > 0) & (cap_a[None, :] > 0)
    pr_all, pc_all = np.nonzero(cand)
    if len(pr_all) == 0 or total_cap <= 0:
        return Selection(np.zeros(0, np.int64), np.zeros(0, np.int64), 0.0)
    w_all = weight[pr_all, pc_all].astype(np.float64)
    if bonus is not None:
        w_all = w_all + bonus[pr_all, pc_all]
    # caps beyond the number of candidate partners or the total are useless columns
    cap_c = np.minimum(np.minimum(cap_c, np.bincount(pr_all, minlength=nc)), total_cap)
    cap_a = np.minimum(np.minimum(cap_a, np.bincount(pc_all, minlength=na)), total_cap)

    ne = len(pr_all)
    model = _Model(nc, na, cap_c, cap_a, held_c, held_a, total_cap, rounds, backend)
    if ne <= FULL_LP_PAIRS or backend != "highs":
        active = np.ones(ne, dtype=bool)
    else:
        active = _initial_columns(pr_all, pc_all, w_all, cap_c, cap_a)
    order = np.nonzero(active)[0]
    model.add(pr_all[order], pc_all[order], w_all[order])
    for _ in range(200):
        x, duals = model.solve()
        if active.all():
            break
        red = -w_all - duals[pr_all] - duals[nc + pc_all]
        viol = (~active) & (red < -_RED_TOL)
        if not viol.any():
            break
        add = np.nonzero(viol)[0]
        if len(add) > 5000:
            add = add[np.argsort(red[add], kind="stable")[:5000]]
        active[add] = True
        order = np.concatenate([order, add])
        model.add(pr_all[add], pc_all[add], w_all[add])
    else:  # pragma: no cover - column generation always converges
        raise LPFailure("column generation did not converge")
    if np.any(np.abs(x - np.round(x)) > _INT_TOL):
        raise LPFailure("LP solution is not integral")
    xp = x[model.ny + model.nz :]
    chosen = order[xp > 0.5]
    rows, cols = pr_all[chosen], pc_all[chosen]
    val = float(weight[rows, cols].sum())
    dc = np.bincount(rows, minlength=nc)
    da = np.bincount(cols, minlength=na)
    val += _fair_increment(held_c, dc, rounds) + _fair_increment(held_a, da, rounds)
    return Selection(rows.astype(np.int64), cols.astype(np.int64), val)


def _fair_increment(held: np.ndarray, deg: np.ndarray, rounds: int) -> float:
    """Sum over participants of fair(held + 1) + ... + fair(held + deg)."""

    def total(d):
        return 100.0 * d * (2 * rounds + 1 - d) / (2 * rounds)

    return float((total(held + deg) - total(held)).sum())


def _initial_columns(pr, pc, w, cap_c, cap_a) -> np.ndarray:
    """Each participant's best ``2 * cap + 4`` pairs (by weight)."""
    ne = len(pr)
    active = np.zeros(ne, dtype=bool)
    for side, cap in ((pr, cap_c), (pc, cap_a)):
        order = np.lexsort((-w, side))  # grouped by participant, best first
        s = side[order]
        start = np.searchsorted(s, np.arange(len(cap)))
        rank = np.arange(ne) - start[s]
        active[order[rank < (2 * cap[s] + 4)]] = True
    return active
