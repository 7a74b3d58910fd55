"""Scoring: hand-checked affinity / fairness values and the vectorised helpers."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partact_app.core.categories import ASSOCIATION, CATEGORY_KEYS, COMPANY, LANGUAGE_CODES
from partact_app.core.scoring import (
    Party,
    affinity,
    affinity_matrix,
    allowed,
    allowed_matrix,
    fair,
    fair_total,
    give,
    value,
)

FR = frozenset({"fr"})


def company(i, name=None, **kw):
    kw.setdefault("languages", FR)
    return Party(i, name or f"C{i}", COMPANY, **kw)


def association(i, name=None, **kw):
    kw.setdefault("languages", FR)
    return Party(i, name or f"A{i}", ASSOCIATION, **kw)


def test_give_counts_offers_matching_needs():
    c = company(1, offers=frozenset({"it", "legal", "premises"}))
    a = association(2, needs=frozenset({"it", "premises", "goods"}))
    assert give(c, a) == 2
    assert give(a, c) == 0


def test_affinity_hand_checked():
    c = company(1, "Acme", offers=frozenset({"it", "legal"}), needs=frozenset({"premises"}))
    a = association(2, "Helping Hands", offers=frozenset({"premises"}), needs=frozenset({"it"}))
    # give(c->a) = 1, give(a->c) = 1: 10 * 2 + 15 (both ways)
    assert affinity(c, a) == 35
    # one-way only: no mutual bonus
    a_oneway = association(3, needs=frozenset({"it", "legal"}))
    assert affinity(c, a_oneway) == 20
    # wishes, matched by name (case and spaces ignored)
    c_w = company(1, "Acme", offers=frozenset({"it", "legal"}), needs=frozenset({"premises"}), wishes=frozenset({"helping  HANDS"}))
    assert affinity(c_w, a) == 65
    a_w = association(2, "Helping Hands", offers=frozenset({"premises"}), needs=frozenset({"it"}), wishes=frozenset({"Acme"}))
    assert affinity(c_w, a_w) == 95
    assert affinity(company(9), association(9)) == 0


def test_fair_hand_checked():
    assert fair(1, 10) == pytest.approx(100.0)
    assert fair(10, 10) == pytest.approx(10.0)
    assert fair(3, 12) == pytest.approx(250 / 3)
    assert fair(1, 1) == pytest.approx(100.0)
    # closed form of fair(1) + ... + fair(d)
    for r in (1, 5, 12):
        for d in range(r + 1):
            assert fair_total(d, r) == pytest.approx(sum(fair(k, r) for k in range(1, d + 1)))


def test_allowed_language_and_avoid():
    c = company(1, "Acme", languages=frozenset({"de", "en"}))
    assert allowed(c, association(2, languages=frozenset({"en"})))
    assert not allowed(c, association(2, languages=frozenset({"fr"})))
    assert not allowed(c, association(2, languages=frozenset()))
    a = association(2, "Tree Club", languages=frozenset({"en"}))
    assert not allowed(company(1, "Acme", languages=frozenset({"en"}), avoid=frozenset({"tree club"})), a)
    assert not allowed(c, association(2, "Tree Club", languages=frozenset({"en"}), avoid=frozenset({"ACME"})))


def test_value_hand_checked():
    c1 = company(1, offers=frozenset({"it"}), needs=frozenset({"premises"}))
    c2 = company(2)
    a1 = association(11, offers=frozenset({"premises"}), needs=frozenset({"it"}))
    a2 = association(12)
    # R = 2: c1 meets a1 (35) and a2 (0); c1 has 2 meetings: 100 + 50; a1, a2: 100 each
    assert value([(1, 11), (1, 12)], [c1, c2], [a1, a2], 2) == pytest.approx(35 + 150 + 200)
    assert value([], [c1, c2], [a1, a2], 2) == 0.0


party_sets = st.frozensets(st.sampled_from(CATEGORY_KEYS[:5]), max_size=3)
langs = st.frozensets(st.sampled_from(LANGUAGE_CODES), max_size=2)


@st.composite
def sides(draw):
    nc = draw(st.integers(0, 5))
    na = draw(st.integers(0, 5))
    cnames = [f"C{i}" for i in range(nc)]
    anames = [f"A{i}" for i in range(na)]
    def mk(i, kind, names, others):
        return Party(
            i, names[i % max(len(names), 1)] if names else "x", kind,
            draw(party_sets), draw(party_sets), draw(langs),
            draw(st.frozensets(st.sampled_from(others), max_size=2)) if others else frozenset(),
            draw(st.frozensets(st.sampled_from(others), max_size=1)) if others else frozenset(),
        )
    cs = [mk(i, COMPANY, cnames, anames) for i in range(nc)]
    as_ = [mk(i, ASSOCIATION, anames, cnames) for i in range(na)]
    return cs, as_


@settings(max_examples=60, deadline=None)
@given(sides())
def test_matrices_match_scalar_functions(s):
    cs, as_ = s
    am = affinity_matrix(cs, as_)
    lm = allowed_matrix(cs, as_)
    assert am.shape == lm.shape == (len(cs), len(as_))
    for i, c in enumerate(cs):
        for j, a in enumerate(as_):
            assert am[i, j] == affinity(c, a)
            assert lm[i, j] == allowed(c, a)


def test_empty_matrices():
    assert affinity_matrix([], [association(1)]).shape == (0, 1)
    assert allowed_matrix([company(1)], []).shape == (1, 0)
    assert isinstance(affinity_matrix([company(1)], [association(1)]), np.ndarray)
