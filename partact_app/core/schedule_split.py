"""Splitting chosen meetings into rounds, and filling free slots.

* :func:`konig_split` - exact when every participant is present in every round to plan:
  a bipartite graph of max degree F splits into F matchings (König). We pad it to an
  F-regular multigraph with "idle partners" sized so that every round holds
  floor(E/F) or ceil(E/F) <= T meetings, then peel F perfect matchings. Each perfect
  matching is a minimum-cost one that favours participants who sat out the previous
  rounds (short sit-out runs) and, when re-planning, pairs planned in that round before.
* :func:`window_split` - availability windows make the split NP-hard in general: round
  by round, a maximum-weight matching (capped at the free tables) of the chosen pairs,
  weighted by urgency (how little slack each participant and the pair have left).
* :func:`fill` - greedy per-round matchings on the marginal objective for free slots.

Rounds are indexed 0..F-1 here (the rounds still to plan).
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

# --------------------------------------------------------------------------- helpers


def capped_matching(weight: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-weight matching with at most ``cap`` edges; entries <= 0 are not edges."""
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


def sitout_runs(busy: np.ndarray, present: np.ndarray, upto: int) -> np.ndarray:
    """Current sit-out run of each participant just before column ``upto``.

    ``busy``/``present``: (n, F) bool. A run counts consecutive present rounds without a
    meeting; rounds where the participant is not present end nothing and add nothing.
    """
    n = busy.shape[0]
    run = np.zeros(n, dtype=np.int64)
    for f in range(upto):
        idle = present[:, f] & ~busy[:, f]
        run = np.where(busy[:, f], 0, run + idle)
    return run


# --------------------------------------------------------------------------- König


def konig_split(
    rows: np.ndarray,
    cols: np.ndarray,
    n_rounds: int,
    cap: int,
    run_c: np.ndarray | None = None,
    run_a: np.ndarray | None = None,
    prefer: np.ndarray | None = None,
    balanced: bool = True,
) -> np.ndarray:
    """Round (0..n_rounds-1) of every edge, each participant at most once a round and at
    most ``cap`` edges a round. Requires degrees <= n_rounds and len(rows) <= n_rounds*cap.

    run_c/run_a: sit-out runs before the first round (indexed like rows/cols values);
    prefer: per edge, a preferred round or -1; balanced: rounds hold floor(E/F) or
    ceil(E/F) meetings (else anything up to ``cap``, to follow ``prefer``).
    """
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
    if dc.max() > F or da.max() > F or ne > F * cap:
        raise ValueError("konig_split: degrees or size exceed the rounds")
    # Idle partners: q for companies (right side), p for associations (left side), and
    # filler edges between the first K of them. A round with f filler edges holds
    # m_lo + f meetings, and f <= K keeps every round within min(cap, n1, n2).
    m_lo = ne // F if balanced else 0
    K = min(cap, n1, n2) - m_lo
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
    _pour(count, np.arange(n1), F - dc, n2, F - filler[:q], by_row=True)
    _pour(count, np.arange(n2), F - da, n1, F - filler[:p], by_row=False)

    rc = np.zeros(n1) if run_c is None else np.asarray(run_c, float)[uc]
    ra = np.zeros(n2) if run_a is None else np.asarray(run_a, float)[ua]
    pref = np.full(ne, -1) if prefer is None else np.asarray(prefer)
    big = 20000.0
    for r in range(F):
        sup_r, sup_c = np.nonzero(count)
        cost = np.full(len(sup_r), big)
        real = (sup_r < n1) & (sup_c < n2)
        er = edge_at[sup_r[real], sup_c[real]]
        bonus = np.minimum(rc[sup_r[real]], 12.0) ** 2 + np.minimum(ra[sup_c[real]], 12.0) ** 2
        bonus = bonus + 10000.0 * (pref[er] == r)
        cost[real] = big - bonus
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


def _pour(count, members, units, offset, capacity, by_row):
    """Distribute each member's idle ``units`` round-robin over idle partners with the
    given ``capacity`` (free degree) each."""
    total = int(units.sum())
    if total == 0:
        return
    levels = np.arange(int(capacity.max()))
    slot_node = np.nonzero(capacity[None, :] > levels[:, None])[1]  # level-major
    assert len(slot_node) == total, (len(slot_node), total)
    owner = np.repeat(members, units)
    node = offset + slot_node
    if by_row:
        np.add.at(count, (owner, node), 1)
    else:
        np.add.at(count, (node, owner), 1)


# --------------------------------------------------------------------------- windows


def window_split(
    rows: np.ndarray,
    cols: np.ndarray,
    free_c: np.ndarray,
    free_a: np.ndarray,
    used: np.ndarray,
    cap: int,
    prefer: np.ndarray | None = None,
    present_c: np.ndarray | None = None,
    present_a: np.ndarray | None = None,
    run_c: np.ndarray | None = None,
    run_a: np.ndarray | None = None,
) -> np.ndarray:
    """Greedy round-by-round split for availability windows.

    free_c/free_a: (n, F) bool, participant present and not yet busy in each round
    (updated in place); used: (F,) meetings already in each round (updated in place).
    Returns the round of each edge, -1 when it could not be placed.
    """
    ne = len(rows)
    F = free_c.shape[1]
    out = np.full(ne, -1, dtype=np.int64)
    if ne == 0:
        return out
    pref = np.full(ne, -1) if prefer is None else np.asarray(prefer)
    nc, na = free_c.shape[0], free_a.shape[0]
    rc = np.zeros(nc) if run_c is None else np.asarray(run_c, float).copy()
    ra = np.zeros(na) if run_a is None else np.asarray(run_a, float).copy()
    pc = free_c if present_c is None else present_c
    pa = free_a if present_a is None else present_a
    for f in range(F):
        todo = out < 0
        ok = todo & free_c[rows, f] & free_a[cols, f]
        room = cap - int(used[f])
        if ok.any() and room > 0:
            rem_c = np.bincount(rows[todo], minlength=nc)
            rem_a = np.bincount(cols[todo], minlength=na)
            slack_c = free_c[:, f:].sum(axis=1) - rem_c
            slack_a = free_a[:, f:].sum(axis=1) - rem_a
            e = np.nonzero(ok)[0]
            er, ec = rows[e], cols[e]
            both = (free_c[er, f:] & free_a[ec, f:]).sum(axis=1)
            w = (
                1.0
                + 8.0 / (1.0 + np.maximum(slack_c[er], 0))
                + 8.0 / (1.0 + np.maximum(slack_a[ec], 0))
                + 4.0 / np.maximum(both, 1)
                + 0.05 * (np.minimum(rc[er], 10) + np.minimum(ra[ec], 10))
                + 40.0 * (pref[e] == f)
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
    weight: np.ndarray,
    candidates: np.ndarray,
    free_c: np.ndarray,
    free_a: np.ndarray,
    used: np.ndarray,
    cap: int,
    deg_c: np.ndarray,
    deg_a: np.ndarray,
    rounds: int,
    passes: int = 3,
) -> list[tuple[int, int, int]]:
    """Add meetings in free slots, round by round, on the marginal objective.

    weight: (nc, na) affinity; candidates: (nc, na) bool pairs that may still meet
    (updated in place). Returns new (round index, company index, association index).
    """
    added: list[tuple[int, int, int]] = []
    F = free_c.shape[1]
    for _ in range(passes):
        changed = False
        for f in range(F):
            room = cap - int(used[f])
            if room <= 0:
                continue
            fc = np.nonzero(free_c[:, f] & (deg_c < rounds))[0]
            fa = np.nonzero(free_a[:, f] & (deg_a < rounds))[0]
            if len(fc) == 0 or len(fa) == 0:
                continue
            sub = candidates[np.ix_(fc, fa)]
            if not sub.any():
                continue
            gain = (
                weight[np.ix_(fc, fa)]
                + 100.0 * (rounds - deg_c[fc])[:, None] / rounds
                + 100.0 * (rounds - deg_a[fa])[None, :] / rounds
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
            added.extend((f, int(x), int(y)) for x, y in zip(c, a))
            changed = True
        if not changed:
            break
    return added


def kempe_repair(
    rows: np.ndarray,
    cols: np.ndarray,
    rnd: np.ndarray,
    present_c: np.ndarray,
    present_a: np.ndarray,
    used: np.ndarray,
    cap: int,
    locked: np.ndarray | None = None,
    max_steps: int = 200000,
    limit: tuple[int, np.ndarray, np.ndarray] | None = None,
) -> np.ndarray:
    """Place unplaced edges (``rnd == -1``) by swapping two rounds along alternating paths.

    For an unplaced edge (c, a) and rounds r1 (c free) and r2 (a free), the path starting
    at a that alternates r1-edges and r2-edges is recoloured r1 <-> r2, which frees a in
    r1 (classic König argument); every recoloured edge must allow both rounds (presence)
    and the rounds must keep at most ``cap`` meetings. ``locked`` edges never move.
    ``limit`` = (rounds, held_c, held_a) skips edges whose participant already has
    ``rounds`` meetings (when the unplaced edges are optional additions).
    ``rnd``/``used`` are updated in place; returns ``rnd``.
    """
    F = present_c.shape[1]
    nc, na = present_c.shape[0], present_a.shape[0]
    at_c = np.full((nc, F), -1, dtype=np.int64)
    at_a = np.full((na, F), -1, dtype=np.int64)
    placed = np.nonzero(rnd >= 0)[0]
    at_c[rows[placed], rnd[placed]] = placed
    at_a[cols[placed], rnd[placed]] = placed
    lock = np.zeros(len(rows), bool) if locked is None else locked
    ok_e = present_c[rows] & present_a[cols]  # (E, F) rounds allowed for each edge
    steps = 0
    if limit is not None:
        deg_c = limit[1] + np.bincount(rows[placed], minlength=nc)
        deg_a = limit[2] + np.bincount(cols[placed], minlength=na)
    def place(e: int, c: int, a: int, r: int) -> None:
        rnd[e] = r
        at_c[c, r] = e
        at_a[a, r] = e
        used[r] += 1
        if limit is not None:
            deg_c[c] += 1
            deg_a[a] += 1

    for e in np.nonzero(rnd < 0)[0]:
        c, a = int(rows[e]), int(cols[e])
        if limit is not None:
            if deg_c[c] >= limit[0] or deg_a[a] >= limit[0]:
                continue
        allowed_r = np.nonzero(ok_e[e])[0]
        # direct placement first
        direct = next((r for r in allowed_r if at_c[c, r] < 0 and at_a[a, r] < 0 and used[r] < cap), None)
        if direct is not None:
            place(e, c, a, direct)
            continue
        free_c = [r for r in allowed_r if at_c[c, r] < 0]
        free_a = [r for r in allowed_r if at_a[a, r] < 0]
        done = False
        for r1 in free_c:
            for r2 in free_a:
                if r1 == r2:
                    continue
                steps += 1
                if steps > max_steps:
                    return rnd
                path = _kempe_path(a, r1, r2, rows, cols, at_c, at_a, ok_e, lock)
                if path is None:
                    continue
                n1 = sum(1 for x in path if rnd[x] == r1)
                n2 = len(path) - n1
                new1 = used[r1] - n1 + n2 + 1
                new2 = used[r2] - n2 + n1
                if new1 > cap or new2 > cap:
                    continue
                for x in path:
                    at_c[rows[x], rnd[x]] = -1
                    at_a[cols[x], rnd[x]] = -1
                for x in path:
                    rnd[x] = r2 if rnd[x] == r1 else r1
                    at_c[rows[x], rnd[x]] = x
                    at_a[cols[x], rnd[x]] = x
                used[r1], used[r2] = new1 - 1, new2
                place(e, c, a, r1)
                done = True
                break
            if done:
                break
    return rnd


def _kempe_path(a, r1, r2, rows, cols, at_c, at_a, ok_e, lock):
    """Edges of the r1/r2 alternating path from association ``a`` (busy in r1), or None
    when one of them cannot take the other round or is locked."""
    path = []
    side, node, r, other = "a", a, r1, r2
    while True:
        x = at_a[node, r] if side == "a" else at_c[node, r]
        if x < 0:
            return path
        if lock[x] or not ok_e[x, other]:
            return None
        path.append(int(x))
        if side == "a":
            side, node = "c", int(rows[x])
        else:
            side, node = "a", int(cols[x])
        r, other = other, r
        if len(path) > 4 * at_c.shape[0] + 4:  # cannot happen in a bipartite graph
            return None


def improve(
    weight: np.ndarray,
    candidates: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    rnd: np.ndarray,
    present_c: np.ndarray,
    present_a: np.ndarray,
    used: np.ndarray,
    cap: int,
    held_c: np.ndarray,
    held_a: np.ndarray,
    rounds: int,
    passes: int = 3,
    kempe_steps: int = 20000,
    locked: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Local search on a placed schedule (windows case).

    * replacement: in round r, a free company c takes the place of c' with association a
      when affinity(c, a) + fair(deg c + 1) > affinity(c', a) + fair(deg c') (and the
      symmetric move for associations), one matching per round and side;
    * addition: any allowed pair with a free present round each is added, directly or
      after a Kempe swap (:func:`kempe_repair`); adding a meeting always increases value.

    ``candidates`` are the pairs allowed to meet at all (not met before); ``used`` is
    updated in place. ``locked`` edges (re-planning: kept meetings) never change.
    Returns rows, cols, rounds and the locked mask of the result.
    """
    nc, na = present_c.shape[0], present_a.shape[0]
    F = present_c.shape[1]
    rows, cols, rnd = rows.copy(), cols.copy(), rnd.copy()
    lock = np.zeros(len(rows), bool) if locked is None else locked.copy()
    for _ in range(passes):
        changed = False
        # --- replacements
        for side in ("c", "a"):
            for f in range(F):
                deg_c = held_c + np.bincount(rows, minlength=nc)
                deg_a = held_a + np.bincount(cols, minlength=na)
                taken = np.zeros((nc, na), dtype=bool)
                taken[rows, cols] = True
                e_r = np.nonzero((rnd == f) & ~lock)[0]
                if len(e_r) == 0:
                    continue
                busy_c = np.zeros(nc, bool)
                busy_a = np.zeros(na, bool)
                busy_c[rows[rnd == f]] = True
                busy_a[cols[rnd == f]] = True
                if side == "c":
                    newcomers = np.nonzero(present_c[:, f] & ~busy_c & (deg_c < rounds))[0]
                    if len(newcomers) == 0:
                        continue
                    tgt = cols[e_r]  # associations keeping their slot
                    old = rows[e_r]
                    ok = candidates[np.ix_(newcomers, tgt)] & ~taken[np.ix_(newcomers, tgt)]
                    gain = (
                        weight[np.ix_(newcomers, tgt)]
                        + 100.0 * (rounds - deg_c[newcomers])[:, None] / rounds
                        - weight[old, tgt][None, :]
                        - 100.0 * (rounds - deg_c[old] + 1)[None, :] / rounds
                    )
                else:
                    newcomers = np.nonzero(present_a[:, f] & ~busy_a & (deg_a < rounds))[0]
                    if len(newcomers) == 0:
                        continue
                    tgt = rows[e_r]
                    old = cols[e_r]
                    ok = candidates[np.ix_(tgt, newcomers)].T & ~taken[np.ix_(tgt, newcomers)].T
                    gain = (
                        weight[np.ix_(tgt, newcomers)].T
                        + 100.0 * (rounds - deg_a[newcomers])[:, None] / rounds
                        - weight[tgt, old][None, :]
                        - 100.0 * (rounds - deg_a[old] + 1)[None, :] / rounds
                    )
                gain = np.where(ok & (gain > 1e-9), gain, 0.0)
                if not gain.any():
                    continue
                mr, mc = capped_matching(gain, len(e_r))
                if len(mr) == 0:
                    continue
                e = e_r[mc]
                if side == "c":
                    rows[e] = newcomers[mr]
                else:
                    cols[e] = newcomers[mr]
                changed = True
        # --- additions (direct or through a Kempe swap)
        deg_c = held_c + np.bincount(rows, minlength=nc)
        deg_a = held_a + np.bincount(cols, minlength=na)
        busy_c = np.zeros((nc, F), bool)
        busy_a = np.zeros((na, F), bool)
        busy_c[rows, rnd] = True
        busy_a[cols, rnd] = True
        has_c = (present_c & ~busy_c).any(axis=1) & (deg_c < rounds)
        has_a = (present_a & ~busy_a).any(axis=1) & (deg_a < rounds)
        taken = np.zeros((nc, na), dtype=bool)
        taken[rows, cols] = True
        pool = candidates & ~taken & has_c[:, None] & has_a[None, :]
        pool &= (present_c.astype(np.float32) @ present_a.T.astype(np.float32)) > 0
        pr, pc = np.nonzero(pool)
        if len(pr) and (used < cap).any():
            g = weight[pr, pc] + 100.0 * (rounds - deg_c[pr]) / rounds + 100.0 * (rounds - deg_a[pc]) / rounds
            order = np.argsort(-g, kind="stable")
            pr, pc = pr[order], pc[order]
            all_r = np.concatenate([rows, pr])
            all_c = np.concatenate([cols, pc])
            all_t = np.concatenate([rnd, np.full(len(pr), -1)])
            all_l = np.concatenate([lock, np.zeros(len(pr), bool)])
            all_t = kempe_repair(
                all_r, all_c, all_t, present_c, present_a, used, cap, locked=all_l,
                max_steps=kempe_steps, limit=(rounds, held_c, held_a),
            )
            keep = all_t >= 0
            if keep.sum() > len(rows):
                changed = True
            rows, cols, rnd, lock = all_r[keep], all_c[keep], all_t[keep], all_l[keep]
        if not changed:
            break
    return rows, cols, rnd, lock



def order_rounds(rows: np.ndarray, cols: np.ndarray, rnd: np.ndarray, n_rounds: int, passes: int = 6) -> np.ndarray:
    """Reorder whole rounds (the value does not depend on their order) to shorten sit-out
    runs: local search over swaps of two rounds minimising (longest run, sum of squared
    longest runs per participant). Returns the new round of every edge."""
    F = n_rounds
    if len(rows) == 0 or F < 3:
        return rnd
    uc, ri = np.unique(rows, return_inverse=True)
    ua, ci = np.unique(cols, return_inverse=True)
    busy = np.zeros((len(uc) + len(ua), F), dtype=bool)
    busy[ri, rnd] = True
    busy[len(uc) + ci, rnd] = True

    def cost(order):
        m = busy[:, order]
        run = np.zeros(m.shape[0], dtype=np.int64)
        best = np.zeros(m.shape[0], dtype=np.int64)
        for f in range(F):
            run = np.where(m[:, f], 0, run + 1)
            np.maximum(best, run, out=best)
        return (int(best.max()), int((best * best).sum()))

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
    return position[rnd]
