"""Schedule engine: hard constraints, optimality, edge cases, table plan, validator."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partact_app.core.categories import ASSOCIATION, COMPANY
from partact_app.core.schedule import (
    Meeting,
    Report,
    Schedule,
    ScheduleError,
    check_schedule,
    greedy_schedule,
    make_schedule,
)
from partact_app.core.schedule import lp
from partact_app.core.schedule import konig
from partact_app.core.schedule.konig import konig_split
from partact_app.core.schedule.problem import Pairs, Sides
from partact_app.core.schedule.windows import capped_matching
from partact_app.core.schedule import replan, round_window
from partact_app.core.scoring import Party, affinity, affinity_matrix, allowed_matrix, fair, fair_total, fair_weight, value
from tests.core.test_schedule_support import events, exact_optimum

FR = frozenset({"fr"})
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def company(i, **kw):
    kw.setdefault("languages", FR)
    return Party(i, kw.pop("name", f"C{i}"), COMPANY, **kw)


def association(i, **kw):
    kw.setdefault("languages", FR)
    return Party(i, kw.pop("name", f"A{i}"), ASSOCIATION, **kw)


def assert_valid(s: Schedule, cs, as_, rounds, tables, after_round=0):
    errors = check_schedule(s.meetings, cs, as_, rounds, tables, after_round=after_round, seated=s.seated)
    assert errors == []
    r = s.report
    assert r.meetings == len(s.meetings)
    assert r.value == pytest.approx(value(s.meetings, cs, as_, rounds), abs=1e-6)
    assert r.value <= r.bound + 1e-6
    assert 0.0 <= r.ratio <= 1.0 + 1e-9


# --------------------------------------------------------------------------- properties


@SETTINGS
@given(events(windows=False))
def test_without_windows_every_constraint_holds_and_bound_is_reached(ev):
    cs, as_, rounds, tables = ev
    s = make_schedule(cs, as_, rounds, tables)
    assert_valid(s, cs, as_, rounds, tables)
    assert s.report.value == pytest.approx(s.report.bound, abs=1e-6)
    assert s.report.ratio == 1.0


@SETTINGS
@given(events(windows=True))
def test_with_windows_every_constraint_holds(ev):
    cs, as_, rounds, tables = ev
    s = make_schedule(cs, as_, rounds, tables)
    assert_valid(s, cs, as_, rounds, tables)


@settings(max_examples=25, deadline=None)
@given(events(windows=False, max_side=3, max_rounds=3))
def test_bound_is_the_true_optimum_without_windows(ev):
    cs, as_, rounds, tables = ev
    s = make_schedule(cs, as_, rounds, tables)
    assert s.report.bound == pytest.approx(exact_optimum(cs, as_, rounds, tables), abs=1e-6)


@settings(max_examples=25, deadline=None)
@given(events(windows=True, max_side=3, max_rounds=4))
def test_bound_is_an_upper_bound_with_windows(ev):
    cs, as_, rounds, tables = ev
    s = make_schedule(cs, as_, rounds, tables)
    assert exact_optimum(cs, as_, rounds, tables) <= s.report.bound + 1e-6


@SETTINGS
@given(events(windows=True))
def test_greedy_baseline_is_valid_and_not_better_than_the_bound(ev):
    cs, as_, rounds, tables = ev
    g = greedy_schedule(cs, as_, rounds, tables)
    assert_valid(g, cs, as_, rounds, tables)


@SETTINGS
@given(events(windows=False))
def test_engine_never_worse_than_greedy_without_windows(ev):
    cs, as_, rounds, tables = ev
    assert make_schedule(cs, as_, rounds, tables).report.value >= greedy_schedule(cs, as_, rounds, tables).report.value - 1e-6


@settings(max_examples=40, deadline=None)
@given(events(windows=True, max_side=6))
def test_linprog_backend_gives_the_same_optimum(ev):
    cs, as_, rounds, tables = ev
    w = affinity_matrix(cs, as_)
    ok = allowed_matrix(cs, as_)
    nc, na = len(cs), len(as_)
    problem = lp.FlowLP(w, ok, Sides(np.full(nc, rounds), np.full(na, rounds)), Sides(np.zeros(nc, int), np.zeros(na, int)), rounds * tables, rounds)
    a = lp.select(problem, backend="highs")
    b = lp.select(problem, backend="linprog")
    assert a.value == pytest.approx(b.value, abs=1e-6)


def test_column_generation_matches_the_full_lp(monkeypatch):
    rng = np.random.default_rng(3)
    w = rng.integers(0, 80, size=(40, 50)).astype(float)
    ok = rng.random((40, 50)) < 0.8
    problem = lp.FlowLP(w, ok, Sides(np.full(40, 8), np.full(50, 8)), Sides(np.zeros(40, int), np.zeros(50, int)), 8 * 30, 8)
    full = lp.select(problem)
    monkeypatch.setattr(lp, "FULL_LP_PAIRS", 10)
    colgen = lp.select(problem)
    assert colgen.value == pytest.approx(full.value, abs=1e-6)


def test_column_generation_warm_starts_one_highs_model(monkeypatch):
    # start from each participant's best `cap` pairs only, so that pricing must add columns:
    # they go into the same HiGHS instance, which restarts from its basis
    models = []
    monkeypatch.setitem(lp._BACKENDS, "highs", lambda network: models.append(lp._HighsModel(network)) or models[-1])
    monkeypatch.setattr(lp, "FULL_LP_PAIRS", 10)
    monkeypatch.setattr(lp, "INITIAL_PER_CAP", 1)
    monkeypatch.setattr(lp, "INITIAL_EXTRA", 0)
    rng = np.random.default_rng(3)
    w = rng.integers(0, 80, size=(40, 50)).astype(float)
    ok = rng.random((40, 50)) < 0.8
    problem = lp.FlowLP(w, ok, Sides(np.full(40, 8), np.full(50, 8)), Sides(np.zeros(40, int), np.zeros(50, int)), 8 * 30, 8)
    colgen = lp.select(problem)
    (model,) = models
    assert len(model.iterations) >= 2 and len(model.pairs.rows) < ok.sum()
    assert model.iterations[-1] < model.iterations[0]  # warm start: far fewer pivots
    assert colgen.value == pytest.approx(lp.select(problem, backend="linprog").value, abs=1e-6)


@pytest.mark.parametrize("windows", [False, True])
def test_linprog_fallback_plans_to_the_same_bound(monkeypatch, windows):
    from benchmarks.schedule import instance

    cs, as_ = instance(12, 14, 6, seed=4, windows=0.3 if windows else 0.0)
    first = make_schedule(cs, as_, 6, 12)
    cs2 = [replace(c, absent=c.id == cs[0].id) for c in cs]
    reports = {}
    for backend in ("highs", "linprog"):
        monkeypatch.setattr(lp, "BACKEND", backend)
        s = make_schedule(cs, as_, 6, 12)
        assert_valid(s, cs, as_, 6, 12)
        r = replan(cs2, as_, 6, 12, first.meetings, 3)
        assert_valid(r, cs2, as_, 6, 12, after_round=3)
        reports[backend] = (s.report, r.report)
        if not windows:
            assert s.report.value == pytest.approx(s.report.bound, abs=1e-6)
    (s_h, r_h), (s_l, r_l) = reports["highs"], reports["linprog"]
    assert (s_h.bound, r_h.bound) == pytest.approx((s_l.bound, r_l.bound), abs=1e-6)


def test_fair_weight_is_the_marginal_of_fair_total():
    k = np.arange(1, 13)
    assert fair_weight(k, 12) == pytest.approx([fair(int(i), 12) for i in k])
    assert np.cumsum(fair_weight(k, 12)) == pytest.approx(fair_total(k, 12))
    assert fair_weight(1, 12) == 100.0 and fair_weight(12, 12) == pytest.approx(100 / 12)


def test_round_window():
    assert round_window(company(1), 5) == (1, 5)
    assert round_window(company(1, present_from=2), 5) == (2, 5)
    assert round_window(company(1, present_to=3), 5) == (1, 3)
    assert round_window(company(1, present_from=2, present_to=2, absent=True), 5) == (2, 2)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 6), st.integers(1, 8), st.integers(0, 10**6), st.booleans())
def test_konig_split_is_proper_and_respects_the_cap(n_rounds, cap, seed, balanced):
    rng = np.random.default_rng(seed)
    nc, na = rng.integers(1, 9), rng.integers(1, 9)
    # random simple bipartite graph with degrees <= n_rounds and <= n_rounds * cap edges
    pairs = [(i, j) for i in range(nc) for j in range(na)]
    rng.shuffle(pairs)
    dc, da, edges = np.zeros(nc, int), np.zeros(na, int), []
    for i, j in pairs:
        if dc[i] < n_rounds and da[j] < n_rounds and len(edges) < n_rounds * cap:
            edges.append((i, j))
            dc[i] += 1
            da[j] += 1
    rows = np.array([e[0] for e in edges], dtype=np.int64)
    cols = np.array([e[1] for e in edges], dtype=np.int64)
    rnd = konig_split(Pairs(rows, cols), n_rounds, cap, balanced=balanced)
    assert ((rnd >= 0) & (rnd < n_rounds)).all()
    assert len(set(zip(rows, rnd))) == len(rows)
    assert len(set(zip(cols, rnd))) == len(cols)
    sizes = np.bincount(rnd, minlength=n_rounds)
    assert sizes.max(initial=0) <= cap
    if balanced and len(rows):
        assert sizes.max() - sizes.min() <= 1


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.integers(1, 70), st.integers(0, 10**6))
def test_round_order_cost_counts_the_longest_idle_runs(n, n_rounds, seed):
    rng = np.random.default_rng(seed)
    busy = rng.random((n, n_rounds)) < rng.random()
    order = rng.permutation(n_rounds)
    expected = []
    for row in busy[:, order]:
        runs = "".join("x" if b else "." for b in row).split("x")
        expected.append(max(len(r) for r in runs))
    assert konig._RunCost(busy).longest_runs(order).tolist() == expected


def test_capped_matching():
    w = np.array([[5.0, 1.0], [4.0, 0.0], [0.0, 3.0]])
    r, c = capped_matching(w, 1)
    assert list(zip(r, c)) == [(0, 0)]
    r, c = capped_matching(w, 5)
    assert sorted(zip(r.tolist(), c.tolist())) == [(0, 0), (2, 1)]
    assert len(capped_matching(w, 0)[0]) == 0
    assert len(capped_matching(np.zeros((0, 3)), 2)[0]) == 0


# --------------------------------------------------------------------------- examples


def everyone(n_c, n_a, **kw):
    return [company(i + 1, **kw) for i in range(n_c)], [association(100 + i, **kw) for i in range(n_a)]


def test_balanced_event_everyone_meets_every_round():
    cs, as_ = everyone(4, 4)
    s = make_schedule(cs, as_, 4, 4)
    assert s.report.meetings == 16
    assert (s.report.company_min, s.report.company_max) == (4, 4)
    assert s.report.longest_sitout == 0
    assert s.seated == ASSOCIATION
    assert_valid(s, cs, as_, 4, 4)


def test_fairness_spreads_meetings_when_tables_are_short():
    # 6 associations, 2 companies, 3 rounds, 2 tables: 6 meetings, each association once
    cs, as_ = everyone(2, 6)
    s = make_schedule(cs, as_, 3, 2)
    assert s.report.meetings == 6
    assert (s.report.association_min, s.report.association_max) == (1, 1)
    assert s.seated == COMPANY  # 6 associations do not fit on 2 tables, 2 companies do


def test_wish_is_honoured():
    cs = [company(1, name="Acme", wishes=frozenset({"Zoo"})), company(2)]
    as_ = [association(101, name="Zoo"), association(102)]
    s = make_schedule(cs, as_, 1, 2)
    pairs = {(m.company, m.association) for m in s.meetings}
    assert (1, 101) in pairs
    assert all(m.score == affinity(cs[m.company - 1], as_[m.association - 101]) for m in s.meetings)


def test_one_side_empty():
    cs, _ = everyone(3, 0)
    s = make_schedule(cs, [], 3, 2)
    assert s.meetings == ()
    assert s.report.ratio == 1.0 and s.report.bound == 0.0
    assert s.report.association_min == s.report.association_max == 0
    assert make_schedule([], [], 2, 1).meetings == ()


def test_more_tables_than_pairs():
    cs, as_ = everyone(2, 1)
    s = make_schedule(cs, as_, 3, 50)
    assert s.report.meetings == 2
    assert_valid(s, cs, as_, 3, 50)


def test_participant_without_allowed_partner():
    cs = [company(1), company(2, languages=frozenset({"de"}))]
    as_ = [association(101), association(102)]
    s = make_schedule(cs, as_, 2, 2)
    assert all(m.company != 2 for m in s.meetings)
    assert s.report.company_min == 0
    assert s.report.longest_sitout == 2
    assert_valid(s, cs, as_, 2, 2)


def test_single_round():
    cs, as_ = everyone(3, 2)
    s = make_schedule(cs, as_, 1, 5)
    assert s.report.meetings == 2
    assert_valid(s, cs, as_, 1, 5)


def test_everyone_absent():
    cs, as_ = everyone(3, 3, absent=True)
    s = make_schedule(cs, as_, 3, 3)
    assert s.meetings == ()
    assert s.report.ratio == 1.0


def test_absent_participant_never_meets():
    cs, as_ = everyone(3, 3)
    cs[0] = replace(cs[0], absent=True)
    s = make_schedule(cs, as_, 3, 3)
    assert all(m.company != cs[0].id for m in s.meetings)
    assert_valid(s, cs, as_, 3, 3)


def test_avoid_is_respected():
    cs = [company(1, name="Acme", avoid=frozenset({"Zoo"}))]
    as_ = [association(101, name="Zoo"), association(102)]
    s = make_schedule(cs, as_, 2, 2)
    assert {(m.company, m.association) for m in s.meetings} == {(1, 102)}


def test_windows_are_respected():
    cs = [company(1, present_from=2), company(2, present_to=1)]
    as_ = [association(101), association(102, present_from=2, present_to=2)]
    s = make_schedule(cs, as_, 3, 2)
    assert_valid(s, cs, as_, 3, 2)
    for m in s.meetings:
        if m.company == 1:
            assert m.round >= 2
        if m.company == 2:
            assert m.round == 1
        if m.association == 102:
            assert m.round == 2


@pytest.mark.parametrize("tables", [0, -1])
def test_tables_invalid(tables):
    cs, as_ = everyone(2, 2)
    with pytest.raises(ScheduleError) as exc:
        make_schedule(cs, as_, 3, tables)
    assert exc.value.code == "tables_invalid"
    assert exc.value.params["tables"] == tables
    assert str(exc.value)


@pytest.mark.parametrize("rounds", [0, -3])
def test_rounds_invalid(rounds):
    cs, as_ = everyone(2, 2)
    with pytest.raises(ScheduleError) as exc:
        make_schedule(cs, as_, rounds, 2)
    assert exc.value.code == "rounds_invalid"


@pytest.mark.parametrize("window", [(0, None), (None, 4), (3, 2), (4, 4)])
def test_window_invalid(window):
    cs, as_ = everyone(2, 2)
    cs[1] = replace(cs[1], present_from=window[0], present_to=window[1])
    with pytest.raises(ScheduleError) as exc:
        make_schedule(cs, as_, 3, 2)
    assert exc.value.code == "window_invalid"
    assert exc.value.params["name"] == cs[1].name
    assert isinstance(exc.value, ValueError)


def test_kind_and_duplicate_errors():
    cs, as_ = everyone(2, 2)
    with pytest.raises(ScheduleError) as exc:
        make_schedule(as_, cs, 2, 2)
    assert exc.value.code == "kind_invalid"
    with pytest.raises(ScheduleError) as exc:
        make_schedule([cs[0], cs[0]], as_, 2, 2)
    assert exc.value.code == "duplicate_id"


# --------------------------------------------------------------------------- table plan


def test_seated_side_default_and_override():
    cs, as_ = everyone(5, 3)
    s = make_schedule(cs, as_, 4, 4)
    assert s.seated == ASSOCIATION
    seat = {}
    for m in s.meetings:
        assert seat.setdefault(m.association, m.table) == m.table
    s2 = make_schedule(cs, as_, 4, 5, seated=COMPANY)
    assert s2.seated == COMPANY
    assert check_schedule(s2.meetings, cs, as_, 4, 5, seated=COMPANY) == []
    with pytest.raises(ScheduleError) as exc:
        make_schedule(cs, as_, 4, 4, seated=COMPANY)
    assert exc.value.code == "seated_too_many"
    assert exc.value.params == {"side": COMPANY, "count": 5, "tables": 4}
    with pytest.raises(ScheduleError) as exc:
        make_schedule(cs, as_, 4, 4, seated="nobody")
    assert exc.value.code == "seated_invalid"


def test_nobody_seated_when_both_sides_exceed_tables():
    cs, as_ = everyone(6, 5)
    s = make_schedule(cs, as_, 5, 4)
    assert s.seated is None
    assert_valid(s, cs, as_, 5, 4)


# --------------------------------------------------------------------------- validator


def test_check_schedule_reports_violations():
    cs = [company(1), company(2, languages=frozenset({"de"}), present_to=1)]
    as_ = [association(101), association(102)]
    good = Meeting(1, 1, 1, 101, 0)
    bad = [
        good,
        Meeting(1, 1, 1, 102, 0),  # company twice in round 1, table twice
        Meeting(2, 2, 1, 101, 0),  # pair again
        Meeting(2, 3, 2, 102, 0),  # forbidden pair, outside window, table out of range
        Meeting(4, 1, 9, 101, 0),  # round out of range, unknown company
        Meeting(3, 1, 1, 102, 7),  # wrong score
    ]
    errors = check_schedule(bad, cs, as_, 3, 2)
    text = "\n".join(errors)
    for needle in ("meets twice", "table 1 used twice", "more than once", "forbidden", "not present", "table outside", "round outside", "unknown company", "score 7"):
        assert needle in text, needle
    assert check_schedule([good], cs, as_, 3, 2) == []
    # too many meetings for the tables in a round
    assert any("for 1 tables" in e for e in check_schedule([Meeting(1, 1, 1, 101, 0), Meeting(1, 1, 2, 102, 0)], [company(1), company(2)], as_, 2, 1))
    # absence is enforced only after after_round
    absent = [replace(cs[0], absent=True), cs[1]]
    assert check_schedule([good], absent, as_, 3, 2, after_round=1) == []
    assert any("absent" in e for e in check_schedule([good], absent, as_, 3, 2))


def test_report_to_dict():
    cs, as_ = everyone(2, 2)
    s = make_schedule(cs, as_, 2, 2)
    d = s.report.to_dict()
    assert set(d) == {f for f in Report.__dataclass_fields__}
    assert d["meetings"] == 4 and d["ratio"] == 1.0
