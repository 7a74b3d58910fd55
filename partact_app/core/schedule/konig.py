"""Splitting chosen meetings into rounds when every participant is present throughout.

König's edge-colouring theorem: a bipartite graph of maximum degree F splits into F
matchings. :func:`konig_split` pads the chosen pairs into an F-regular bipartite
multigraph with *idle partners* and peels F perfect matchings, one per round; the
matching weights only choose *which* perfect matching (short sit-out runs, the round a
pair had in a previous plan). The order of whole rounds does not change the value, so
:func:`order_rounds` then reorders them to shorten sit-out runs.

Rounds are indexed 0..F-1 here (the rounds still to plan).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from partact_app.core.schedule.problem import Pairs, Plan, Sides

# Cost of an edge of the padded multigraph in a round's perfect matching; real meetings
# get it minus their bonus, so every cost stays positive (a full matching of minimum cost).
MATCHING_BASE_COST = 20000.0
# Bonus of a real meeting: min(run, SITOUT_RUN_CAP)**2 for each participant (sit-out run
# before the round), plus PREFERRED_ROUND_BONUS in the round the pair had before. The
# preference outweighs any sit-out bonus (2 * SITOUT_RUN_CAP**2 = 288).
SITOUT_RUN_CAP = 12.0
PREFERRED_ROUND_BONUS = 10000.0
# order_rounds: passes over all swaps of two rounds.
ORDER_PASSES = 6


def konig_split(
    pairs: Pairs,
    n_rounds: int,
    tables: int,
    *,
    sitout: Sides | None = None,
    prefer: np.ndarray | None = None,
    balanced: bool = True,
) -> np.ndarray:
    """Round (0..n_rounds-1) of every pair: a proper edge colouring with capped colours.

    Parameters
    ----------
    pairs : Pairs
        E distinct pairs; each participant in at most ``n_rounds`` of them, and
        ``E <= n_rounds * tables``.
    n_rounds, tables : int
        F rounds, at most ``tables`` meetings a round.
    sitout : Sides, optional
        Sit-out run of each participant before the first round (indexed by participant).
    prefer : (E,) int array, optional
        A preferred round per pair, or -1.
    balanced : bool
        Pad with ``m = floor(E/F)`` fewer idle partners per side (see Notes); False
        pads with ``m = 0``, which gives the matchings more idle edges to choose from
        (used when following ``prefer``). Round sizes are balanced either way.

    Returns
    -------
    (E,) int array
        Every pair gets a round; a participant meets at most once a round and every
        round holds ``floor(E/F)`` or ``ceil(E/F)`` pairs, at most ``tables``.

    Raises
    ------
    ValueError
        If a degree exceeds ``n_rounds`` or E exceeds ``n_rounds * tables``.

    Notes
    -----
    With ``m = floor(E/F)`` (or 0), add ``p = |A| - m`` idle nodes to the company side
    and ``q = |C| - m`` to the association side, and ``S = E - F m`` filler edges between
    idle nodes: F parallel edges on each of the first ``floor(S/F)`` idle pairs and the
    remainder on the next one (at most ``K = min(T, |C|, |A|) - m`` pairs). Each
    participant's missing degree ``F - deg`` goes to idle nodes, so the multigraph is
    F-regular: it has a perfect matching, and removing one leaves it (F-1)-regular. A
    perfect matching with f filler edges holds ``m + f`` real meetings, and f is
    ``floor(S/F)`` or one more (the full filler pairs are used every round), so rounds
    hold ``floor(E/F)`` or ``ceil(E/F) <= T`` meetings. Peeling F perfect matchings of
    minimum cost (``min_weight_full_bipartite_matching``) colours every real edge.
    """
    rows, cols = pairs
    ne = len(rows)
    out = np.full(ne, -1, dtype=np.int64)
    if ne == 0:
        return out
    F = n_rounds
    uc, ri = np.unique(rows, return_inverse=True)
    ua, ci = np.unique(cols, return_inverse=True)
    n1, n2 = len(uc), len(ua)
    dc = np.bincount(ri, minlength=n1)
    da = np.bincount(ci, minlength=n2)
    if dc.max() > F or da.max() > F or ne > F * tables:
        raise ValueError("konig_split: degrees or size exceed the rounds")
    # Idle partners: q for companies (right side), p for associations (left side), and
    # filler edges between the first K of them. A round with f filler edges holds
    # m_lo + f meetings, and f <= K keeps every round within min(tables, n1, n2).
    m_lo = ne // F if balanced else 0
    K = min(tables, n1, n2) - m_lo
    S = ne - F * m_lo  # filler edges
    q = n1 - m_lo
    p = n2 - m_lo
    L, Rn = n1 + p, n2 + q
    count = np.zeros((L, Rn), dtype=np.int64)
    edge_at = np.full((n1, n2), -1, dtype=np.int64)
    count[ri, ci] = 1
    edge_at[ri, ci] = np.arange(ne)
    filler = np.zeros(max(p, q, 1), dtype=np.int64)
    if S:
        full, rest = divmod(S, F)
        filler[:full] = F
        if rest:
            filler[full] = rest
        assert full + (rest > 0) <= K
        d = np.arange(K)
        count[n1 + d, n2 + d] = filler[:K]
    _pour(count, F - dc, n2, F - filler[:q], by_row=True)
    _pour(count, F - da, n1, F - filler[:p], by_row=False)

    rc = np.zeros(n1) if sitout is None else np.asarray(sitout.company, float)[uc]
    ra = np.zeros(n2) if sitout is None else np.asarray(sitout.association, float)[ua]
    pref = np.full(ne, -1) if prefer is None else np.asarray(prefer)
    for r in range(F):
        sup_r, sup_c = np.nonzero(count)
        cost = np.full(len(sup_r), MATCHING_BASE_COST)
        real = (sup_r < n1) & (sup_c < n2)
        er = edge_at[sup_r[real], sup_c[real]]
        bonus = np.minimum(rc[sup_r[real]], SITOUT_RUN_CAP) ** 2 + np.minimum(ra[sup_c[real]], SITOUT_RUN_CAP) ** 2
        bonus = bonus + PREFERRED_ROUND_BONUS * (pref[er] == r)
        cost[real] = MATCHING_BASE_COST - bonus
        mat = sparse.csr_matrix((cost, (sup_r, sup_c)), shape=(L, Rn))
        mr, mc = min_weight_full_bipartite_matching(mat)
        count[mr, mc] -= 1
        hit = (mr < n1) & (mc < n2)
        out[edge_at[mr[hit], mc[hit]]] = r
        met_c = np.zeros(n1, bool)
        met_c[mr[hit]] = True
        met_a = np.zeros(n2, bool)
        met_a[mc[hit]] = True
        rc = np.where(met_c, 0, rc + 1)
        ra = np.where(met_a, 0, ra + 1)
    assert (out >= 0).all() and not count.any()
    return out


def _pour(count: np.ndarray, units: np.ndarray, offset: int, capacity: np.ndarray, by_row: bool) -> None:
    """Distribute member ``i``'s ``units[i]`` idle edges round-robin over the idle
    partners (nodes ``offset + k``, each taking at most ``capacity[k]``), in ``count``
    (rows are the company side when ``by_row``, else columns)."""
    total = int(units.sum())
    if total == 0:
        return
    levels = np.arange(int(capacity.max()))
    slot_node = np.nonzero(capacity[None, :] > levels[:, None])[1]  # level-major
    assert len(slot_node) == total, (len(slot_node), total)
    owner = np.repeat(np.arange(len(units)), units)
    node = offset + slot_node
    if by_row:
        np.add.at(count, (owner, node), 1)
    else:
        np.add.at(count, (node, owner), 1)


def order_rounds(plan: Plan, n_rounds: int, passes: int = ORDER_PASSES) -> Plan:
    """``plan`` with whole rounds permuted (same value) to shorten sit-out runs.

    Local search over swaps of two rounds, minimising lexicographically (longest run of
    rounds without a meeting, sum over participants of their longest run squared), for
    the participants of ``plan`` only.
    """
    rows, cols, rnd = plan.rows, plan.cols, plan.round
    F = n_rounds
    if len(rows) == 0 or F < 3:
        return plan
    uc, ri = np.unique(rows, return_inverse=True)
    ua, ci = np.unique(cols, return_inverse=True)
    busy = np.zeros((len(uc) + len(ua), F), dtype=bool)
    busy[ri, rnd] = True
    busy[len(uc) + ci, rnd] = True
    cost = _RunCost(busy)
    order = np.arange(F)
    current = cost(order)
    for _ in range(passes):
        improved = False
        for i in range(F - 1):
            for j in range(i + 1, F):
                order[i], order[j] = order[j], order[i]
                c = cost(order)
                if c < current:
                    current = c
                    improved = True
                else:
                    order[i], order[j] = order[j], order[i]
        if not improved:
            break
    position = np.empty(F, dtype=np.int64)
    position[order] = np.arange(F)  # old round order[k] becomes round k
    return plan._replace(round=position[rnd])


class _RunCost:
    """Cost of an order of the rounds: (longest run of rounds without a meeting, sum of
    each participant's longest run squared), for the (n, F) ``busy`` matrix.

    The idle rounds of a participant, in the order, are the bits of one integer (F <= 62);
    ``y &= y >> 1`` shortens every run of ones by one, so the longest run is the number
    of steps until ``y`` is 0 (a few steps: sit-out runs are short). Beyond 62 rounds, a
    plain scan of the rounds gives the same numbers.
    """

    MAX_BITS = 62

    def __init__(self, busy: np.ndarray) -> None:
        self.busy = busy
        n_rounds = busy.shape[1]
        self.idle = (~busy).astype(np.int64)
        self.bits = np.int64(1) << np.arange(min(n_rounds, self.MAX_BITS), dtype=np.int64)

    def longest_runs(self, order: np.ndarray) -> np.ndarray:
        if self.busy.shape[1] > self.MAX_BITS:
            m = self.busy[:, order]
            run = np.zeros(m.shape[0], dtype=np.int64)
            best = np.zeros(m.shape[0], dtype=np.int64)
            for f in range(m.shape[1]):
                run = np.where(m[:, f], 0, run + 1)
                np.maximum(best, run, out=best)
            return best
        y = self.idle[:, order] @ self.bits
        best = np.zeros(len(y), dtype=np.int64)
        while True:
            alive = y != 0
            if not alive.any():
                return best
            best += alive
            y &= y >> 1

    def __call__(self, order: np.ndarray) -> tuple[int, int]:
        best = self.longest_runs(order)
        return (int(best.max()), int((best * best).sum()))
