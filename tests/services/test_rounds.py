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
