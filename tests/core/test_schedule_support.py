"""Shared helpers of the schedule tests (random small events, an exact MILP) and their checks."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from partact_app.core.categories import ASSOCIATION, CATEGORY_KEYS, COMPANY
from partact_app.core.scoring import Party, affinity_matrix, allowed_matrix

CATS = CATEGORY_KEYS[:5]


@st.composite
def events(draw, windows: bool = False, max_side: int = 6, max_rounds: int = 5):
    """(companies, associations, rounds, tables) of a small random event."""
    rounds = draw(st.integers(1, max_rounds))
    nc = draw(st.integers(0, max_side))
    na = draw(st.integers(0, max_side))
    tables = draw(st.integers(1, max(1, max(nc, na) + 1)))
    cnames = [f"Company {i}" for i in range(nc)]
    anames = [f"Association {i}" for i in range(na)]

    def window():
        if not windows or not draw(st.booleans()):
            return None, None
        lo = draw(st.integers(1, rounds))
        hi = draw(st.integers(lo, rounds))
        return (lo if lo > 1 or draw(st.booleans()) else None), (hi if hi < rounds else None)

    def party(i, kind, names, others):
        lo, hi = window()
        return Party(
            id=(1 if kind == COMPANY else 100) + i,
            name=names[i],
            kind=kind,
            offers=draw(st.frozensets(st.sampled_from(CATS), max_size=3)),
            needs=draw(st.frozensets(st.sampled_from(CATS), max_size=3)),
            languages=draw(st.sampled_from([frozenset({"fr"}), frozenset({"fr", "en"}), frozenset({"de"}), frozenset({"en", "de"})])),
            wishes=draw(st.frozensets(st.sampled_from(others), max_size=2)) if others else frozenset(),
            avoid=draw(st.frozensets(st.sampled_from(others), max_size=1)) if others and draw(st.integers(0, 4)) == 0 else frozenset(),
            present_from=lo,
            present_to=hi,
        )

    cs = [party(i, COMPANY, cnames, anames) for i in range(nc)]
    as_ = [party(i, ASSOCIATION, anames, cnames) for i in range(na)]
    return cs, as_, rounds, tables


def presence(parties, rounds):
    m = np.zeros((len(parties), rounds), dtype=bool)
    for i, p in enumerate(parties):
        if not p.absent:
            m[i, (p.present_from or 1) - 1 : (p.present_to or rounds)] = True
    return m


def exact_optimum(cs, as_, rounds, tables) -> float:
    """The true optimum by a time-indexed MILP (tiny instances only)."""
    nc, na = len(cs), len(as_)
    if nc == 0 or na == 0:
        return 0.0
    w = affinity_matrix(cs, as_)
    ok = allowed_matrix(cs, as_)
    pc, pa = presence(cs, rounds), presence(as_, rounds)
    trip = [(i, j, r) for i in range(nc) for j in range(na) if ok[i, j] for r in range(rounds) if pc[i, r] and pa[j, r]]
    if not trip:
        return 0.0
    nx, ny = len(trip), (nc + na) * rounds
    cost = np.zeros(nx + ny)
    for e, (i, j, _) in enumerate(trip):
        cost[e] = -w[i, j]
    for p in range(nc + na):
        for k in range(rounds):
            cost[nx + p * rounds + k] = -100.0 * (rounds - k) / rounds
    groups: dict = {}
    for e, (i, j, r) in enumerate(trip):
        for key in (("c", i, r), ("a", j, r), ("p", i, j), ("r", r)):
            groups.setdefault(key, []).append(e)
    rows, cols, vals, lo, hi = [], [], [], [], []
    for n, (key, es) in enumerate(groups.items()):
        rows += [n] * len(es)
        cols += es
        vals += [1] * len(es)
        lo.append(0)
        hi.append(tables if key[0] == "r" else 1)
    n = len(groups)
    for p in range(nc + na):
        es = [e for e, t in enumerate(trip) if (p < nc and t[0] == p) or (p >= nc and t[1] == p - nc)]
        rows += [n] * (len(es) + rounds)
        cols += es + [nx + p * rounds + k for k in range(rounds)]
        vals += [1] * len(es) + [-1] * rounds
        lo.append(0)
        hi.append(0)
        n += 1
    a = sparse.csr_matrix((vals, (rows, cols)), shape=(n, nx + ny))
    res = milp(cost, constraints=LinearConstraint(a, lo, hi), integrality=np.r_[np.ones(nx), np.zeros(ny)], bounds=Bounds(0, 1))
    assert res.status == 0
    return -res.fun


def test_exact_optimum_hand_checked():
    c = Party(1, "C", COMPANY, offers=frozenset({"it"}), languages=frozenset({"fr"}))
    a = Party(2, "A", ASSOCIATION, needs=frozenset({"it"}), languages=frozenset({"fr"}))
    # one round, one pair: affinity 10 + fair(1) twice
    assert exact_optimum([c], [a], 1, 1) == 210.0
