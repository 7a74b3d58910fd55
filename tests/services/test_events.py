"""Events and organiser keys, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from partact_app.db import session_scope
from partact_app.models import Event
from partact_app.services import events
from partact_app.services.errors import Invalid, NotFound, Unauthorised


def _create(url: str, slug: str = "spring") -> str:
    with session_scope(url) as session:
        _, key = events.create_event(session, slug, name="Printemps", rounds=8, tables=12, round_minutes=7)
    return key


def test_created_event_authorises_its_key_only(db_url):
    key = _create(db_url)
    assert len(key) >= 22
    with session_scope(db_url) as session:
        event = events.get_event(session, "spring")
        assert key not in (event.key_hash, event.key_salt)  # only a salted hash is stored
        assert events.authorise(session, "spring", key).id == event.id
        assert events.event_for_key(session, key).id == event.id
        with pytest.raises(Unauthorised):
            events.authorise(session, "spring", key + "x")
        with pytest.raises(Unauthorised):
            events.event_for_key(session, "")
        with pytest.raises(NotFound):
            events.authorise(session, "nope", key)


def test_rotating_the_key_retires_the_old_one(db_url):
    old = _create(db_url)
    with session_scope(db_url) as session:
        new = events.rotate_key(session, "spring")
    assert new != old
    with session_scope(db_url) as session:
        with pytest.raises(Unauthorised):
            events.authorise(session, "spring", old)
        assert events.authorise(session, "spring", new).slug == "spring"


def test_same_salted_key_gives_different_hashes_per_event(db_url):
    _create(db_url, "one")
    _create(db_url, "two")
    with session_scope(db_url) as session:
        one, two = events.get_event(session, "one"), events.get_event(session, "two")
        assert one.key_salt != two.key_salt


def test_bad_event_fields_are_all_reported_and_nothing_is_written(db_url):
    with pytest.raises(Invalid) as caught:
        with session_scope(db_url) as session:
            events.create_event(session, "Bad Slug!", name=" ", rounds=0, tables=-1, round_minutes=0)
    codes = [problem.code for problem in caught.value.problems]
    assert [problem.field for problem in caught.value.problems] == ["slug", "name", "rounds", "tables", "round_minutes"]
    assert codes == ["slug_invalid", "name_required", "rounds_invalid", "tables_invalid", "round_minutes_invalid"]
    assert all(message for message in caught.value.messages("de"))
    with session_scope(db_url) as session:
        assert session.exec(select(func.count()).select_from(Event)).one() == 0


def test_duplicate_slug_is_refused(db_url):
    _create(db_url)
    with pytest.raises(Invalid) as caught:
        with session_scope(db_url) as session:
            events.create_event(session, "spring", name="Again", rounds=8, tables=12, round_minutes=7)
    assert caught.value.code == "event_exists"


def test_the_console_summary_and_the_room_round_by_round(db_url):
    from partact_app.core.demo import demo_csv
    from partact_app.services import registrations
    from partact_app.services.console import event_summary, room_plan, room_rounds, shown_round
    from partact_app.services.scheduling import schedule_event

    with session_scope(db_url) as session:
        event, _ = events.create_event(session, "hall", name="Hall", rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, "hall", demo_csv(), "demo.csv")
        schedule_event(session, "hall")
        people = registrations.participants_of(session, event)
        registrations.check_in(session, event, people[0].id)
        registrations.mark_absent(session, event, people[1].id)
    with session_scope(db_url) as session:
        event = events.get_event(session, "hall")
        summary = event_summary(session, event)
        plan = room_plan(session, event)
        pair, past_the_end = room_rounds(session, event, (4, 5)), room_rounds(session, event, (10, 11))
    assert pair == plan[4:6] and past_the_end == plan[10:12]  # what the console's live page holds
    assert [shown_round("before", 0), shown_round("round", 3), shown_round("changeover", 3),
            shown_round("paused", 3)] == [1, 3, 4, 3]
    assert (summary.checked_in, summary.expected) == (1, len(people) - 1)
    assert len(plan) == 12 and plan[0].tables == [] and plan[11].tables == []
    for r in range(1, 11):
        names = {p.organisation for p in people if (p.present_from_round or 1) <= r <= (p.present_to_round or 10)}
        seated = [n for t in plan[r].tables for n in (t.company, t.association)]
        assert len(seated) == len(set(seated))  # nobody twice in a round
        assert {t.table for t in plan[r].tables}.isdisjoint(plan[r].empty)
        assert len(plan[r].tables) + len(plan[r].empty) == 22
        assert set(plan[r].alone) == names - set(seated) - {people[1].organisation}  # the absent one is never alone
