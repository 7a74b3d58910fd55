"""Re-planning after round k: the past is kept, pairs never repeat, absences hold."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partact_app.core.categories import ASSOCIATION, COMPANY
from partact_app.core.schedule import Meeting, ScheduleError, check_schedule, make_schedule, replan
from partact_app.core.scoring import Party, value
from tests.core.test_schedule_support import events

FR = frozenset({"fr"})


def past(meetings, k):
    return sorted((m for m in meetings if m.round <= k), key=lambda m: (m.round, m.table))


def assert_replan_ok(new, old, cs, as_, rounds, tables, k):
    assert past(new.meetings, k) == past(old.meetings, k)
    pairs = [(m.company, m.association) for m in new.meetings]
    assert len(pairs) == len(set(pairs))
    absent = {p.id for p in cs if p.absent}, {p.id for p in as_ if p.absent}
    for m in new.meetings:
        if m.round > k:
            assert m.company not in absent[0] and m.association not in absent[1]
    assert check_schedule(new.meetings, cs, as_, rounds, tables, after_round=k, seated=new.seated) == []
    assert new.report.value == pytest.approx(value(new.meetings, cs, as_, rounds), abs=1e-6)
    assert new.report.value <= new.report.bound + 1e-6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(windows=True), st.data())
def test_replan_after_changes(ev, data):
    cs, as_, rounds, tables = ev
    old = make_schedule(cs, as_, rounds, tables)
    k = data.draw(st.integers(0, rounds))
    # mark some participants absent, add a walk-in company
    cs2 = [replace(c, absent=data.draw(st.booleans()) and data.draw(st.booleans())) for c in cs]
    as2 = [replace(a, absent=data.draw(st.booleans()) and data.draw(st.booleans())) for a in as_]
    if data.draw(st.booleans()):
        cs2.append(Party(999, "Walk-in", COMPANY, languages=frozenset({"fr", "en", "de"}), present_from=min(k + 1, rounds)))
    new = replan(cs2, as2, rounds, tables, old.meetings, k)
    assert_replan_ok(new, old, cs2, as2, rounds, tables, k)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(windows=False), st.data())
def test_replan_without_change_keeps_the_plan_value(ev, data):
    cs, as_, rounds, tables = ev
    old = make_schedule(cs, as_, rounds, tables)
    k = data.draw(st.integers(0, rounds))
    new = replan(cs, as_, rounds, tables, old.meetings, k)
    assert_replan_ok(new, old, cs, as_, rounds, tables, k)
    assert new.report.value == pytest.approx(old.report.value, abs=1e-6)


def event(n_c, n_a):
    cs = [Party(i + 1, f"C{i}", COMPANY, offers=frozenset({"it"}) if i % 2 else frozenset({"legal"}), languages=FR) for i in range(n_c)]
    as_ = [Party(100 + i, f"A{i}", ASSOCIATION, needs=frozenset({"it"}) if i % 3 else frozenset({"legal", "it"}), languages=FR) for i in range(n_a)]
    return cs, as_


def test_nothing_changed_keeps_every_meeting():
    cs, as_ = event(8, 10)
    old = make_schedule(cs, as_, 6, 8)
    new = replan(cs, as_, 6, 8, old.meetings, 3)
    assert set(new.meetings) == set(old.meetings)


def test_no_show_keeps_most_unaffected_meetings():
    cs, as_ = event(12, 16)
    rounds, tables = 8, 12
    old = make_schedule(cs, as_, rounds, tables)
    k = rounds // 2
    gone = as_[3].id
    as2 = [replace(a, absent=a.id == gone) for a in as_]
    new = replan(cs, as2, rounds, tables, old.meetings, k)
    assert_replan_ok(new, old, cs, as2, rounds, tables, k)
    unaffected = [m for m in old.meetings if m.round > k and m.association != gone]
    kept = sum(m in set(new.meetings) for m in unaffected)
    assert kept >= 0.9 * len(unaffected)


def test_walk_in_and_late_arrival_get_meetings():
    cs, as_ = event(4, 6)
    rounds, tables = 6, 6
    old = make_schedule(cs, as_, rounds, tables)
    walk_in = Party(50, "Walk-in", COMPANY, offers=frozenset({"it"}), languages=FR, present_from=4)
    late = replace(as_[0], present_from=5)
    new = replan(cs + [walk_in], [late] + as_[1:], rounds, tables, old.meetings, 3)
    assert_replan_ok(new, old, cs + [walk_in], [late] + as_[1:], rounds, tables, 3)
    assert any(m.company == 50 for m in new.meetings)


def test_replan_everything_held():
    cs, as_ = event(3, 3)
    old = make_schedule(cs, as_, 3, 3)
    new = replan(cs, as_, 3, 3, old.meetings, 3)
    assert set(new.meetings) == set(old.meetings)


def test_replan_errors():
    cs, as_ = event(3, 3)
    old = make_schedule(cs, as_, 3, 3)
    for bad in (-1, 4):
        with pytest.raises(ScheduleError) as exc:
            replan(cs, as_, 3, 3, old.meetings, bad)
        assert exc.value.code == "after_round_invalid"
    with pytest.raises(ScheduleError) as exc:
        replan(cs, as_, 3, 3, list(old.meetings) + [Meeting(1, 1, 77, 100, 0)], 1)
    assert exc.value.code == "previous_unknown"
    with pytest.raises(ScheduleError) as exc:
        replan(cs, as_, 3, 0, old.meetings, 1)
    assert exc.value.code == "tables_invalid"


def test_replan_seated_keeps_seats():
    cs, as_ = event(6, 4)
    old = make_schedule(cs, as_, 5, 4)
    assert old.seated == ASSOCIATION
    seat = {m.association: m.table for m in old.meetings}
    cs2 = [replace(c, absent=c.id == 2) for c in cs]
    new = replan(cs2, as_, 5, 4, old.meetings, 2)
    assert new.seated == ASSOCIATION
    for m in new.meetings:
        assert seat.get(m.association, m.table) == m.table
