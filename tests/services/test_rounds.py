"""The live state machine in the database: each action, the compare-and-set, and what the phones are told."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from partact_app.db import session_scope
from partact_app.broadcast import bus
from partact_app.models import Phase, utcnow
from partact_app.services import events, rounds
from partact_app.services.errors import Conflict, Invalid


@pytest.fixture
def event_url(db_url):
    with session_scope(db_url) as session:
        events.create_event(session, "room", name="Salle", rounds=3, tables=4, round_minutes=5)
    return db_url


@pytest.fixture
def told():
    """The snapshots published to this process's listeners."""
    heard: list = []
    bus.listen(heard.append)
    yield heard
    bus._listeners.remove(heard.append)


def act(url, action, **params):
    with session_scope(url) as session:
        return action(session, events.get_event(session, "room"), **params)


def test_a_whole_event(event_url, told):
    first = act(event_url, rounds.next_round)
    assert (first.phase, first.round) == (Phase.RUNNING, 1)
    assert abs(first.deadline_ms / 1000 - (utcnow() + dt.timedelta(minutes=5)).timestamp()) < 5
    paused = act(event_url, rounds.pause)
    assert paused.phase == Phase.PAUSED and 295_000 <= paused.remaining_ms <= 300_000
    longer = act(event_url, rounds.extend, minutes=2)
    assert longer.remaining_ms == paused.remaining_ms + 120_000
    resumed = act(event_url, rounds.resume)
    assert resumed.phase == Phase.RUNNING and resumed.deadline_ms > first.deadline_ms
    assert act(event_url, rounds.next_round, expected_round=1).round == 2
    assert act(event_url, rounds.next_round).round == 3
    done = act(event_url, rounds.next_round)  # after the last round
    assert done.phase == Phase.FINISHED and done.round == 3
    assert [s.round for s in told] == [1, 1, 1, 1, 2, 3, 3]
    with pytest.raises(Conflict):
        act(event_url, rounds.next_round)


def test_nothing_is_published_when_the_action_fails(event_url, told):
    with pytest.raises(Conflict) as caught:
        act(event_url, rounds.pause)
    assert caught.value.code == "not_running"
    with pytest.raises(Conflict):
        act(event_url, rounds.next_round, expected_round=4)
    assert told == []


def test_two_organisers_clicking_at_once_advance_once(event_url):
    act(event_url, rounds.next_round)
    results: list = []
    barrier = threading.Barrier(4)

    def click():
        barrier.wait()
        try:
            results.append(act(event_url, rounds.next_round, expected_round=1).round)
        except Conflict:
            results.append("conflict")

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results, key=str) == [2, "conflict", "conflict", "conflict"]
    with session_scope(event_url) as session:
        assert events.get_event(session, "room").current_round == 2


def test_end_and_extend_rules(event_url):
    with pytest.raises(Conflict):
        act(event_url, rounds.extend, minutes=1)  # nothing running
    act(event_url, rounds.next_round)
    with pytest.raises(Invalid) as caught:
        act(event_url, rounds.extend, minutes=0)
    assert caught.value.code == "extend_invalid"
    assert act(event_url, rounds.end).phase == Phase.FINISHED


# --- automatic advance -----------------------------------------------------------------------------------------


def _auto(url, break_minutes=2):
    with session_scope(url) as session:
        event = events.get_event(session, "room")
        event.auto_advance, event.break_minutes = True, break_minutes
        session.add(event)


def _past_deadline(url, seconds=1.0):
    """The round's (or changeover's) time is up ``seconds`` ago."""
    with session_scope(url) as session:
        event = events.get_event(session, "room")
        event.round_deadline = utcnow() - dt.timedelta(seconds=seconds)
        session.add(event)
        return event.round_deadline


def _tick(url):
    with session_scope(url) as session:
        return rounds.advance_due_events(session)


def test_automatic_advance_goes_through_the_changeover_to_the_next_round(event_url, told):
    _auto(event_url)
    act(event_url, rounds.next_round)
    assert _tick(event_url) == []  # the round is not over
    deadline = _past_deadline(event_url)
    (changeover,) = _tick(event_url)
    assert (changeover.phase, changeover.round) == (Phase.CHANGEOVER, 1)
    # the changeover starts at the round's deadline, not at the tick: the timetable does not drift
    assert changeover.deadline_ms == int((deadline + dt.timedelta(minutes=2)).timestamp() * 1000)
    assert _tick(event_url) == []
    deadline = _past_deadline(event_url)
    (second,) = _tick(event_url)
    assert (second.phase, second.round) == (Phase.RUNNING, 2)
    assert second.deadline_ms == int((deadline + dt.timedelta(minutes=5)).timestamp() * 1000)
    assert [s.phase for s in told][-2:] == [Phase.CHANGEOVER, Phase.RUNNING]


def test_after_the_last_round_the_event_finishes_and_without_a_break_the_next_round_starts(event_url):
    _auto(event_url, break_minutes=0)
    act(event_url, rounds.next_round)
    _past_deadline(event_url)
    assert [(s.phase, s.round) for s in _tick(event_url)] == [(Phase.RUNNING, 2)]
    act(event_url, rounds.next_round)
    _past_deadline(event_url)
    assert [(s.phase, s.round) for s in _tick(event_url)] == [(Phase.FINISHED, 3)]


def test_a_late_tick_starts_from_now_and_nothing_moves_without_automatic_advance(event_url):
    act(event_url, rounds.next_round)
    _past_deadline(event_url, seconds=600)
    assert _tick(event_url) == []  # automatic advance is off
    _auto(event_url)
    (changeover,) = _tick(event_url)
    assert changeover.deadline_ms / 1000 > (utcnow() + dt.timedelta(minutes=2)).timestamp() - 5


def test_the_organiser_may_start_the_next_round_during_the_changeover(event_url):
    _auto(event_url)
    act(event_url, rounds.next_round)
    _past_deadline(event_url)
    _tick(event_url)
    assert act(event_url, rounds.next_round, expected_round=1).round == 2
    longer = act(event_url, rounds.extend, minutes=1)
    assert longer.phase == Phase.RUNNING


def test_two_ticks_at_once_advance_once(event_url):
    _auto(event_url)
    act(event_url, rounds.next_round)
    _past_deadline(event_url)
    results: list = []
    barrier = threading.Barrier(3)

    def tick():
        barrier.wait()
        results.extend(_tick(event_url))

    threads = [threading.Thread(target=tick) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [(s.phase, s.round) for s in results] == [(Phase.CHANGEOVER, 1)]


# --- announcements and the partnership count --------------------------------------------------------------------


def test_an_announcement_reaches_the_phones_cleaned_and_capped(event_url, told):
    change = act(event_url, rounds.announce, text="  Café\n servi\x00 au   fond <b>!</b> ")
    assert change.announcement == "Café servi au fond <b>!</b>"  # kept as text; pages never render markup
    assert told[-1].announcement == change.announcement
    with pytest.raises(Invalid):
        act(event_url, rounds.announce, text="x" * 281)
    assert act(event_url, rounds.announce, text="x" * 280).announcement == "x" * 280
    assert act(event_url, rounds.announce, text="").announcement == ""


def test_the_snapshot_counts_recorded_matches(event_url):
    from partact_app.models import Match, MatchStatus, Participant

    with session_scope(event_url) as session:
        event = events.get_event(session, "room")
        people = []
        for kind, name in (("company", "A"), ("association", "B"), ("association", "C")):
            person = Participant(event_id=event.id, kind=kind, organisation=name, token=name * 8)
            session.add(person)
            people.append(person)
        session.flush()
        session.add(Match(event_id=event.id, company_id=people[0].id, association_id=people[1].id,
                          status=MatchStatus.RECORDED))
        session.add(Match(event_id=event.id, company_id=people[0].id, association_id=people[2].id,
                          status=MatchStatus.PROPOSED))
    with session_scope(event_url) as session:
        assert rounds.load_snapshot(session, events.get_event(session, "room").id).partnerships == 1
