"""Choosing the meetings: a min-cost-flow LP (exact, integral) solved with HiGHS.

The LP (maximisation form; HiGHS minimises its negation)::

    maximise   sum_{(i,j) in P} w_ij x_ij
             + sum_i sum_{k=1..cap_i} fair_weight(held_i + k) y_ik
             + sum_j sum_{k=1..cap_j} fair_weight(held_j + k) z_jk
    subject to sum_j x_ij = sum_k y_ik          (one row per company i)
               sum_i x_ij = sum_k z_jk          (one row per association j)
               sum_{i,k} y_ik <= total          (the total row)
               0 <= x, y, z <= 1

over the candidate pairs P. It is a flow network: source -> company (degree arcs y) ->
association (pair arcs x) -> sink (degree arcs z). ``fair_weight`` decreases in k, so
an optimum uses a participant's k-th degree arc only after the (k-1)-th: the arcs price
the concave fairness term exactly, and the optimum is the best *set* of meetings with
at most ``cap`` meetings per participant and ``total`` in all. The constraint matrix is
a network matrix, so every vertex is integral: the dual simplex returns a 0/1 solution
(asserted). The optimum is an upper bound for every schedule with the same caps (it
relaxes the rounds) and is reached when the chosen pairs can be split into rounds.

Column layout: y (company degree arcs), z (association degree arcs), then x (pairs).
Rows: companies 0..nc-1, associations nc..nc+na-1, the total row last.

Above :data:`FULL_LP_PAIRS` candidate pairs the LP is solved by column generation:
start from each participant's best pairs, then add the pairs with a negative reduced
cost ``-w_ij - u_i - v_j`` (min form, ``u``/``v`` the row duals) and warm-start, until
none is left, which proves optimality over all pairs.

Backends (:data:`BACKEND`, a module switch; the tests run both): ``"highs"`` drives HiGHS
through its own Python interface, the ``highspy`` package (``highspy.Highs``: the model
is passed once as a ``HighsLp``, pairs priced in are appended with ``addCols`` and the
dual simplex restarts from the previous basis); ``"linprog"`` solves the full LP with
``scipy.optimize.linprog(method="highs-ds")`` in one go, the fallback when highspy is
missing.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from partact_app.core.schedule.problem import Pairs, Sides
from partact_app.core.scoring import fair_total, fair_weight

try:
    import highspy
except ImportError:  # pragma: no cover - highspy is a dependency; linprog is the fallback
    highspy = None


def _quiet_first_highs() -> None:
    """HiGHS prints a two-line banner on the C standard output when a process creates its first model (before
    ``output_flag`` can be turned off): create that first model here, with file descriptor 1 pointed at
    /dev/null for the moment, so the CLI's output (a JSON line) and the server's log stay clean."""
    if highspy is None:
        return
    import os
    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)


_quiet_first_highs()

# Candidate pairs up to which the full LP is solved in one go (else column generation).
FULL_LP_PAIRS = 40000
# Column generation: each participant starts with its best
# INITIAL_PER_CAP * cap + INITIAL_EXTRA pairs; at most COLUMN_BATCH pairs (most negative
# reduced cost first) are added per iteration, and at most MAX_ITERATIONS solves are run.
INITIAL_PER_CAP = 2
INITIAL_EXTRA = 4
COLUMN_BATCH = 5000
MAX_ITERATIONS = 200
# A variable this far from an integer means a non-vertex solution; a reduced cost below
# -REDUCED_TOL prices a pair into the LP.
INTEGRALITY_TOL = 1e-6
REDUCED_TOL = 1e-7
# HiGHS options: quiet, no presolve (it would not keep the basis between solves), the
# simplex (dual by default), one thread (the server runs several requests at once).
HIGHS_OPTIONS = (("output_flag", False), ("presolve", "off"), ("solver", "simplex"), ("threads", 1))
# Implementation switch (tests exercise both): "highs" (highspy) or "linprog" (scipy).
BACKEND = "highs" if highspy is not None else "linprog"


class LPFailure(RuntimeError):
    """HiGHS did not return an optimal integral vertex (should never happen)."""


class FlowLP(NamedTuple):
    """The meeting-choice LP of :func:`select`, as arrays.

    weight : (nc, na) array
        Affinity of each pair (``w_ij``).
    candidates : (nc, na) bool array
        Pairs that may be chosen (``P``).
    cap : Sides of int arrays
        At most ``cap`` meetings per participant (rounds it can still meet in).
    held : Sides of int arrays
        Meetings already held: the fairness term continues at ``fair_weight(held + 1)``.
    total : int
        At most this many meetings in all (the free tables).
    rounds : int
        ``R`` of ``fair_weight``.
    bonus : (nc, na) array or None
        Small extra weight per pair (re-planning tie-break), not counted in the value.
    """

    weight: np.ndarray
    candidates: np.ndarray
    cap: Sides
    held: Sides
    total: int
    rounds: int
    bonus: np.ndarray | None = None


class Selection(NamedTuple):
    """The chosen pairs and their value: affinities plus fairness increments
    ``fair_total(held + deg) - fair_total(held)`` per participant (without the bonus)."""

    pairs: Pairs
    value: float


_NO_PAIRS = Pairs(np.zeros(0, np.int64), np.zeros(0, np.int64))


def select(problem: FlowLP, backend: str | None = None) -> Selection:
    """The optimal set of meetings of ``problem`` (see the module docstring for the LP).

    Parameters
    ----------
    problem : FlowLP
        Weights, candidate pairs, degree caps, meetings held, total cap and ``R``.
    backend : {"highs", "linprog"}, optional
        Defaults to the module's :data:`BACKEND`. Column generation (above
        :data:`FULL_LP_PAIRS` pairs) needs ``"highs"``; ``"linprog"`` always solves the
        full LP.

    Returns
    -------
    Selection
        Chosen pairs (each participant at most ``cap`` times, at most ``total`` pairs,
        only candidates) and the LP optimum without the bonus. Both backends return the
        same optimal value; among several optimal sets the one returned may differ.

    Raises
    ------
    LPFailure
        If the solver does not report an optimal integral vertex.

    Examples
    --------
    >>> w = np.array([[10, 0], [0, 0]])
    >>> lp = FlowLP(w, np.ones((2, 2), bool), Sides(np.ones(2, int), np.ones(2, int)),
    ...             Sides(np.zeros(2, int), np.zeros(2, int)), total=2, rounds=1)
    >>> sel = select(lp)
    >>> sorted(zip(sel.pairs.rows.tolist(), sel.pairs.cols.tolist())), sel.value
    ([(0, 0), (1, 1)], 410.0)
    """
    backend = backend or BACKEND
    nc, na = problem.weight.shape
    cap_c = np.asarray(problem.cap.company, dtype=np.int64)
    cap_a = np.asarray(problem.cap.association, dtype=np.int64)
    held = Sides(np.asarray(problem.held.company, dtype=np.int64), np.asarray(problem.held.association, dtype=np.int64))
    cand = problem.candidates & (cap_c[:, None] > 0) & (cap_a[None, :] > 0)
    pr_all, pc_all = np.nonzero(cand)
    if len(pr_all) == 0 or problem.total <= 0:
        return Selection(_NO_PAIRS, 0.0)
    w_all = problem.weight[pr_all, pc_all].astype(np.float64)
    if problem.bonus is not None:
        w_all = w_all + problem.bonus[pr_all, pc_all]
    # caps beyond the number of candidate partners or the total are useless columns
    cap = Sides(
        np.minimum(np.minimum(cap_c, np.bincount(pr_all, minlength=nc)), problem.total),
        np.minimum(np.minimum(cap_a, np.bincount(pc_all, minlength=na)), problem.total),
    )
    network = _Network(cap, held, problem.total, problem.rounds)
    model = _BACKENDS[backend](network)
    chosen = _solve(model, Pairs(pr_all, pc_all), w_all, column_generation=backend == "highs")
    rows, cols = pr_all[chosen], pc_all[chosen]
    val = float(problem.weight[rows, cols].sum())
    dc, da = np.bincount(rows, minlength=nc), np.bincount(cols, minlength=na)
    val += _fair_increment(held.company, dc, problem.rounds) + _fair_increment(held.association, da, problem.rounds)
    return Selection(Pairs(rows.astype(np.int64), cols.astype(np.int64)), val)


def _solve(model: _HighsModel | _LinprogModel, pairs: Pairs, weight: np.ndarray, column_generation: bool) -> np.ndarray:
    """Indices (into ``pairs``) of the pairs of an optimal vertex, by column generation
    when allowed and the pairs are many, else over all pairs at once."""
    ne = len(pairs.rows)
    nc = model.network.nc
    if ne <= FULL_LP_PAIRS or not column_generation:
        active = np.ones(ne, dtype=bool)
    else:
        active = _initial_columns(pairs, weight, model.network.cap)
    order = np.nonzero(active)[0]
    model.add(Pairs(pairs.rows[order], pairs.cols[order]), weight[order])
    for _ in range(MAX_ITERATIONS):
        x, duals = model.solve()
        if active.all():
            break
        reduced = -weight - duals[pairs.rows] - duals[nc + pairs.cols]
        priced = (~active) & (reduced < -REDUCED_TOL)
        if not priced.any():
            break
        add = np.nonzero(priced)[0]
        if len(add) > COLUMN_BATCH:
            add = add[np.argsort(reduced[add], kind="stable")[:COLUMN_BATCH]]
        active[add] = True
        order = np.concatenate([order, add])
        model.add(Pairs(pairs.rows[add], pairs.cols[add]), weight[add])
    else:  # pragma: no cover - column generation always converges
        raise LPFailure("column generation did not converge")
    if np.any(np.abs(x - np.round(x)) > INTEGRALITY_TOL):
        raise LPFailure("LP solution is not integral")
    return order[x[model.network.n_degree :] > 0.5]


def _fair_increment(held: np.ndarray, deg: np.ndarray, rounds: int) -> float:
    """Sum over participants of fair_weight(held + 1) + ... + fair_weight(held + deg)."""
    return float((fair_total(held + deg, rounds) - fair_total(held, rounds)).sum())


def _initial_columns(pairs: Pairs, weight: np.ndarray, cap: Sides) -> np.ndarray:
    """Mask of each participant's best ``INITIAL_PER_CAP * cap + INITIAL_EXTRA`` pairs."""
    ne = len(pairs.rows)
    active = np.zeros(ne, dtype=bool)
    for side, side_cap in ((pairs.rows, cap.company), (pairs.cols, cap.association)):
        order = np.lexsort((-weight, side))  # grouped by participant, best first
        s = side[order]
        start = np.searchsorted(s, np.arange(len(side_cap)))
        rank = np.arange(ne) - start[s]
        active[order[rank < (INITIAL_PER_CAP * side_cap[s] + INITIAL_EXTRA)]] = True
    return active


# --------------------------------------------------------------------------- the network


def _degree_arcs(cap: np.ndarray, held: np.ndarray, rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """Owner and weight of every degree arc: participant p gets arcs k = 1..cap[p] worth
    ``fair_weight(held[p] + k)`` (owner-major, k ascending)."""
    owner = np.repeat(np.arange(len(cap)), cap)
    k = np.arange(len(owner)) - np.repeat(np.cumsum(cap) - cap, cap) + 1
    return owner, fair_weight(held[owner] + k, rounds)


class _Columns(NamedTuple):
    """LP columns in compressed sparse column form: column k has the nonzeros
    ``index[start[k]:start[k + 1]]`` (rows, ascending) and ``value[...]``; ``start`` has
    one entry per column plus the end."""

    start: np.ndarray
    index: np.ndarray
    value: np.ndarray

    def then(self, other: _Columns) -> _Columns:
        return _Columns(
            np.concatenate([self.start[:-1], self.start[-1] + other.start]),
            np.concatenate([self.index, other.index]),
            np.concatenate([self.value, other.value]),
        )


class _Network:
    """The degree-arc columns (costs and matrix) and the row layout of the LP.

    Column y_k (company degree arc) has -1 in its company's row and +1 in the total row;
    z_k (association degree arc) has -1 in its association's row; a pair column has +1 in
    its company's and its association's row.
    """

    def __init__(self, cap: Sides, held: Sides, total: int, rounds: int) -> None:
        self.cap = cap
        self.nc, self.na = len(cap.company), len(cap.association)
        nc, na = self.nc, self.na
        yc, fy = _degree_arcs(cap.company, held.company, rounds)
        za, fz = _degree_arcs(cap.association, held.association, rounds)
        ny, nz = len(yc), len(za)
        self.n_degree = ny + nz
        self.nrow = nc + na + 1
        self.total = float(total)
        self.degree_cost = -np.concatenate([fy, fz])
        self.degree_columns = _Columns(
            np.concatenate([np.arange(0, 2 * ny, 2), 2 * ny + np.arange(nz + 1)]).astype(np.int32),
            np.concatenate([np.stack([yc, np.full(ny, nc + na)], axis=1).ravel(), nc + za]).astype(np.int32),
            np.concatenate([np.tile([-1.0, 1.0], ny), -np.ones(nz)]),
        )

    def pair_columns(self, pairs: Pairs) -> _Columns:
        n = len(pairs.rows)
        return _Columns(
            np.arange(0, 2 * n + 1, 2, dtype=np.int32),
            np.stack([pairs.rows, self.nc + pairs.cols], axis=1).ravel().astype(np.int32),
            np.ones(2 * n),
        )

    def full(self, pairs: Pairs, weight: np.ndarray) -> tuple[np.ndarray, _Columns, np.ndarray, np.ndarray]:
        """Cost, columns and row bounds of the LP over ``pairs`` (min form)."""
        cost = np.concatenate([self.degree_cost, -weight])
        lo = np.zeros(self.nrow)
        hi = np.zeros(self.nrow)
        lo[-1], hi[-1] = -np.inf, self.total
        return cost, self.degree_columns.then(self.pair_columns(pairs)), lo, hi


class _HighsModel:
    """The LP in a ``highspy.Highs`` instance, built at the first solve; pairs added
    after it become new columns (``addCols``) and the next solve warm-starts from the
    current basis (the new columns are nonbasic at their lower bound 0)."""

    def __init__(self, network: _Network) -> None:
        self.network = network
        self.pairs = _NO_PAIRS
        self.weight = np.zeros(0)
        self.highs = None
        self.iterations: list[int] = []  # simplex iterations of each solve (diagnostics)

    def add(self, pairs: Pairs, weight: np.ndarray) -> None:
        if self.highs is not None and len(pairs.rows):
            n = len(pairs.rows)
            cols = self.network.pair_columns(pairs)
            status = self.highs.addCols(n, -weight, np.zeros(n), np.ones(n), 2 * n, cols.start[:-1], cols.index, cols.value)
            if status == highspy.HighsStatus.kError:
                raise LPFailure("HiGHS rejected the new columns")
        self.pairs = Pairs(np.concatenate([self.pairs.rows, pairs.rows]), np.concatenate([self.pairs.cols, pairs.cols]))
        self.weight = np.concatenate([self.weight, weight])

    def _build(self) -> None:
        cost, cols, lo, hi = self.network.full(self.pairs, self.weight)
        n, nrow = len(cost), self.network.nrow
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = nrow
        lp.col_cost_ = cost
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.ones(n)
        lo[-1] = -highspy.kHighsInf
        lp.row_lower_ = lo
        lp.row_upper_ = hi
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.num_col_ = n
        lp.a_matrix_.num_row_ = nrow
        lp.a_matrix_.start_ = cols.start
        lp.a_matrix_.index_ = cols.index
        lp.a_matrix_.value_ = cols.value
        self.highs = highspy.Highs()
        for key, val in HIGHS_OPTIONS:
            self.highs.setOptionValue(key, val)
        if self.highs.passModel(lp) == highspy.HighsStatus.kError:
            raise LPFailure("HiGHS rejected the model")

    def solve(self) -> tuple[np.ndarray, np.ndarray]:
        """(x of every column, row duals) of an optimal vertex."""
        if self.highs is None:
            self._build()
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise LPFailure(f"HiGHS: {self.highs.modelStatusToString(status)}")
        self.iterations.append(self.highs.getInfo().simplex_iteration_count)
        sol = self.highs.getSolution()
        return np.asarray(sol.col_value), np.asarray(sol.row_dual)


class _LinprogModel:
    """The full LP through ``scipy.optimize.linprog(method="highs-ds")`` (no warm start)."""

    def __init__(self, network: _Network) -> None:
        self.network = network
        self.pairs = _NO_PAIRS
        self.weight = np.zeros(0)

    def add(self, pairs: Pairs, weight: np.ndarray) -> None:
        self.pairs = Pairs(np.concatenate([self.pairs.rows, pairs.rows]), np.concatenate([self.pairs.cols, pairs.cols]))
        self.weight = np.concatenate([self.weight, weight])

    def solve(self) -> tuple[np.ndarray, np.ndarray]:
        """(x of every column, row duals) of an optimal vertex."""
        cost, cols, lo, hi = self.network.full(self.pairs, self.weight)
        mat = sparse.csc_matrix((cols.value, cols.index, cols.start), shape=(self.network.nrow, len(cost))).tocsr()
        res = linprog(
            cost,
            A_ub=mat[-1:],
            b_ub=hi[-1:],
            A_eq=mat[:-1],
            b_eq=np.zeros(self.network.nrow - 1),
            bounds=(0.0, 1.0),
            method="highs-ds",
        )
        if res.status != 0:
            raise LPFailure(f"linprog failed: {res.message}")
        duals = np.concatenate([res.eqlin.marginals, res.ineqlin.marginals])
        return np.asarray(res.x), duals


_BACKENDS = {"highs": _HighsModel, "linprog": _LinprogModel}
