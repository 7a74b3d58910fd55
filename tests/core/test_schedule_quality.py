"""Seating nobody ("per round"), the bound of a kept past, and the quality numbers the console reports."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from partact_app.core.categories import ASSOCIATION, COMPANY
from partact_app.core.schedule import (
    NOBODY,
    Meeting,
    ScheduleError,
    check_schedule,
    make_schedule,
    replan,
    schedule_quality,
    seated_side,
)
from partact_app.core.schedule.engine import lp_bound
from partact_app.core.schedule.problem import Instance
from partact_app.core.scoring import Party
from tests.core.test_schedule_support import events

FR = frozenset({"fr"})
DE = frozenset({"de"})


def company(i, **kw):
    kw.setdefault("languages", FR)
    return Party(i, kw.pop("name", f"C{i}"), COMPANY, **kw)


def association(i, **kw):
    kw.setdefault("languages", FR)
    return Party(i, kw.pop("name", f"A{i}"), ASSOCIATION, **kw)


def everyone(n_c, n_a, **kw):
    return [company(i + 1, **kw) for i in range(n_c)], [association(100 + i, **kw) for i in range(n_a)]


def _slots(meetings):
    return sorted((m.round, m.company, m.association) for m in meetings)


# --------------------------------------------------------------------------- seated: nobody


def test_seating_nobody_moves_both_sides_with_the_same_meetings():
    cs, as_ = everyone(5, 3)
    default = make_schedule(cs, as_, 4, 4)
    assert default.seated == ASSOCIATION
    moving = make_schedule(cs, as_, 4, 4, seated=NOBODY)
    assert moving.seated is None
    # who meets whom and when does not depend on the table plan; only the tables do
    assert _slots(moving.meetings) == _slots(default.meetings)
    assert moving.report.value == default.report.value and moving.report.bound == default.report.bound
    assert check_schedule(moving.meetings, cs, as_, 4, 4) == []


def test_seating_nobody_is_what_happens_when_no_side_fits():
    cs, as_ = everyone(6, 5)
    assert make_schedule(cs, as_, 5, 4).meetings == make_schedule(cs, as_, 5, 4, seated=NOBODY).meetings
    assert seated_side(cs, as_, 4, NOBODY) is None
    assert seated_side(cs, as_, 10, NOBODY) is None
    with pytest.raises(ScheduleError) as exc:
        seated_side(cs, as_, 4, "nobody")
    assert exc.value.code == "seated_invalid"


def test_replan_with_nobody_seated_keeps_the_past():
    cs, as_ = everyone(4, 3)
    old = make_schedule(cs, as_, 4, 4, seated=NOBODY)
    cs2 = [replace(cs[0], absent=True), *cs[1:]]
    new = replan(cs2, as_, 4, 4, old.meetings, after_round=2, seated=NOBODY)
    assert [m for m in new.meetings if m.round <= 2] == [m for m in old.meetings if m.round <= 2]
    assert check_schedule(new.meetings, cs2, as_, 4, 4, after_round=2) == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(windows=True))
def test_seating_nobody_never_changes_the_meetings_or_the_value(ev):
    cs, as_, rounds, tables = ev
    default = make_schedule(cs, as_, rounds, tables)
    moving = make_schedule(cs, as_, rounds, tables, seated=NOBODY)
    assert _slots(moving.meetings) == _slots(default.meetings)
    assert moving.report.value == default.report.value
    assert check_schedule(moving.meetings, cs, as_, rounds, tables) == []


# --------------------------------------------------------------------------- bounds


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(windows=True))
def test_lp_bound_of_a_kept_past_is_the_replans_bound(ev):
    cs, as_, rounds, tables = ev
    old = make_schedule(cs, as_, rounds, tables)
    instance = Instance.build(cs, as_, rounds, tables)
    assert lp_bound(instance) == pytest.approx(old.report.bound, abs=1e-6)
    k = rounds // 2
    kept = [m for m in old.meetings if m.round <= k]
    new = replan(cs, as_, rounds, tables, kept, after_round=k)  # nothing planned after k: no tie-break bonus
    assert lp_bound(instance, kept, k) == pytest.approx(new.report.bound, abs=1e-6)


# --------------------------------------------------------------------------- quality


def test_quality_of_a_fresh_schedule_matches_the_engines_report():
    cs, as_ = everyone(5, 4)
    s = make_schedule(cs, as_, 4, 4)
    q = schedule_quality(cs, as_, 4, 4, s.meetings)
    r = s.report
    assert (q.meetings, q.value, q.bound, q.ratio) == (r.meetings, r.value, r.bound, r.ratio)
    assert (q.company_min, q.company_max, q.association_min, q.association_max) == (
        r.company_min, r.company_max, r.association_min, r.association_max)
    assert q.longest_sitout == r.longest_sitout
    assert (q.no_common_language, q.language_excluded, q.wishes_asked, q.wishes_met) == (0, 0, 0, 0)
    # the bound the engine reported is used as given
    assert schedule_quality(cs, as_, 4, 4, s.meetings, bound=r.bound * 2).ratio == pytest.approx(0.5)


def test_quality_counts_languages_and_wishes_by_hand():
    cs = [
        company(1, name="Banque", wishes=frozenset({"chorale", "Nobody"})),  # one wish names no one
        company(2, name="Conseil", languages=DE, wishes=frozenset({"Chorale"})),  # no common language with A101
        company(3, name="Gone", absent=True, wishes=frozenset({"Chorale"})),  # absent: its wish counts for nothing
    ]
    as_ = [
        association(101, name="Chorale", wishes=frozenset({"Banque", "Conseil"})),
        association(102, name="Nature", languages=FR | DE, wishes=frozenset({"Banque"})),  # met in round 9 only
    ]
    meetings = [
        Meeting(1, 1, 1, 101, 0),  # Banque-Chorale: two wishes met (both ways)
        Meeting(1, 2, 2, 102, 0),
        Meeting(2, 1, 2, 101, 0),  # a pair without a common language (languages edited after planning)
        Meeting(9, 1, 1, 102, 0),  # beyond the event's rounds: ignored
    ]
    q = schedule_quality(cs, as_, 3, 2, meetings, bound=1000.0)
    assert q.meetings == 3
    assert q.no_common_language == 1
    assert q.language_excluded == 1  # Conseil (de) and Chorale (fr); the absent company is not counted
    # Banque->Chorale, Conseil->Chorale, Chorale->Banque, Chorale->Conseil met; Nature->Banque not
    assert (q.wishes_asked, q.wishes_met) == (5, 4)
    assert (q.company_min, q.company_max, q.association_min, q.association_max) == (1, 2, 1, 2)
    assert q.longest_sitout == 2  # Banque: rounds 2 and 3 without a meeting


def test_quality_recomputes_the_bound_of_a_started_event():
    cs, as_ = everyone(4, 4)
    s = make_schedule(cs, as_, 4, 4)
    q = schedule_quality(cs, as_, 4, 4, s.meetings, kept_through=2)
    assert q.bound == pytest.approx(s.report.bound)  # nothing changed: the same optimum
    assert q.ratio == 1.0


def test_quality_of_no_meeting_at_all():
    cs, as_ = everyone(2, 2)
    q = schedule_quality(cs, as_, 3, 2, [])
    assert q.meetings == 0 and q.value == 0.0 and q.bound > 0 and q.ratio == 0.0
    assert q.longest_sitout == 3
