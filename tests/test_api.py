"""The HTTP API over Starlette's TestClient: the same use cases as ``tests/services/test_rounds.py``, one level up.

Each answer is checked as a script or a stage manager's button sees it: status, JSON body, and the event row.
"""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from partact_app.api import api
from partact_app.db import session_scope
from partact_app.models import Phase
from partact_app.services import events


@pytest.fixture
def room(db_url, monkeypatch):
    """An event "room" (3 rounds) in a fresh database that the API reads through ``REFLEX_DB_URL``."""
    monkeypatch.setenv("REFLEX_DB_URL", db_url)
    with session_scope(db_url) as session:
        _, key = events.create_event(session, "room", name="Salle", rounds=3, tables=4, round_minutes=5)
    client = TestClient(api)
    client.headers["Authorization"] = f"Bearer {key}"
    return client, db_url


def stored(url: str):
    with session_scope(url) as session:
        event = events.get_event(session, "room")
        return event.phase, event.current_round


def test_a_round_is_started_advanced_paused_extended_resumed_and_ended(room):
    client, url = room
    answer = client.post("/api/events/room/next-round")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["phase"], body["round"], body["rounds"]) == ("running", 1, 3) and body["deadline_ms"] > 0
    assert client.post("/api/events/room/next-round", json={"expected_round": 1}).json()["round"] == 2
    paused = client.post("/api/events/room/pause").json()
    assert paused["phase"] == "paused" and 295_000 <= paused["remaining_ms"] <= 300_000
    longer = client.post("/api/events/room/extend", json={"minutes": 2}).json()
    assert longer["remaining_ms"] == paused["remaining_ms"] + 120_000
    assert client.post("/api/events/room/resume").json()["phase"] == "running"
    assert client.post("/api/events/room/end").json()["phase"] == "finished"
    assert stored(url) == (Phase.FINISHED, 2)


def test_a_stale_expected_round_is_a_conflict_and_changes_nothing(room):
    client, url = room
    client.post("/api/events/room/next-round")
    answer = client.post("/api/events/room/next-round", json={"expected_round": 0})
    assert answer.status_code == 409
    assert answer.json()["error"] == "round_changed" and answer.json()["round"] == 1
    assert stored(url) == (Phase.RUNNING, 1)


def test_an_action_that_does_not_fit_the_phase_is_a_conflict(room):
    client, url = room
    answer = client.post("/api/events/room/pause")
    assert answer.status_code == 409 and answer.json()["error"] == "not_running"
    assert stored(url) == (Phase.BEFORE, 0)


@pytest.mark.parametrize("header", [None, "Bearer wrong-key", "Basic abc", "Bearer "])
def test_without_a_valid_key_nothing_happens(room, header):
    client, url = room
    headers = {"Authorization": header} if header else {}
    if header is None:
        client.headers.pop("Authorization")
    answer = client.post("/api/events/room/next-round", headers=headers)
    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == "Bearer"
    assert answer.json()["error"] == "unauthorised"
    assert stored(url) == (Phase.BEFORE, 0)


def test_unknown_event_and_unknown_action(room):
    client, _ = room
    assert client.post("/api/events/nowhere/next-round").status_code == 404
    assert client.post("/api/events/nowhere/next-round").json()["error"] == "event_not_found"
    answer = client.post("/api/events/room/fly")
    assert answer.status_code == 404 and "next-round" in answer.json()["actions"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"{not json", "api_bad_json"),
        (b"[1, 2]", "api_bad_json"),
        (b'{"expected_round": "one"}', "api_bad_field"),
        (b'{"expected_round": true}', "api_bad_field"),
    ],
)
def test_a_malformed_body_is_a_bad_request(room, body, code):
    client, url = room
    answer = client.post("/api/events/room/next-round", content=body)
    assert answer.status_code == 400 and answer.json()["error"] == code
    assert stored(url) == (Phase.BEFORE, 0)


def test_extend_checks_its_minutes(room):
    client, _ = room
    client.post("/api/events/room/next-round")
    assert client.post("/api/events/room/extend", json={"minutes": "two"}).json()["error"] == "api_bad_field"
    answer = client.post("/api/events/room/extend", json={"minutes": 0})
    assert answer.status_code == 400 and answer.json()["error"] == "extend_invalid"


def test_messages_follow_accept_language_else_french(room):
    client, _ = room
    german = client.post("/api/events/room/pause", headers={"Accept-Language": "de-LU,de;q=0.9"}).json()
    assert german["message"] == "Es läuft keine Runde."
    french = client.post("/api/events/room/pause").json()
    assert french["message"] != german["message"]
    from partact_app.i18n import t

    assert french["message"] == t("error.not_running", "fr")


# --- hardening: the order of the checks, caps, limits ----------------------------------------------------------


@pytest.fixture
def fresh_limits():
    from partact_app.guard import limits

    limits.reset()
    yield
    limits.reset()


def test_authorisation_comes_before_the_body(room, fresh_limits):
    client, url = room
    client.headers.pop("Authorization")
    for body in (b"{not json", b"[" * 5000 + b"]" * 5000):
        answer = client.post("/api/events/room/next-round", content=body)
        assert answer.status_code == 401  # not 400: nothing of the body is read before the key
    assert stored(url) == (Phase.BEFORE, 0)


def test_deeply_nested_json_is_a_bad_request_not_a_crash(room, fresh_limits):
    client, url = room
    answer = client.post("/api/events/room/next-round", content=b"[" * 2000 + b"]" * 2000)
    assert answer.status_code in (400, 413)
    answer = client.post("/api/events/room/next-round", content=b"[" * 1500 + b"]" * 1500)
    assert answer.status_code == 400 and answer.json()["error"] == "api_bad_json"
    assert stored(url) == (Phase.BEFORE, 0)


def test_a_body_over_the_cap_is_refused(room, fresh_limits):
    client, url = room
    answer = client.post("/api/events/room/next-round", content=b" " * 5000)
    assert answer.status_code == 413
    assert stored(url) == (Phase.BEFORE, 0)


def test_wrong_keys_are_rate_limited_per_client_then_429_with_retry_after(room, fresh_limits):
    client, url = room
    statuses = [
        client.post("/api/events/room/next-round", headers={"Authorization": f"Bearer wrong-{i}"}).status_code
        for i in range(21)
    ]
    assert statuses[:20] == [401] * 20
    assert statuses[20] == 429
    answer = client.post("/api/events/room/next-round")  # even the right key waits: the budget is per client
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 0 and answer.json()["error"] == "rate_limited"
    assert stored(url) == (Phase.BEFORE, 0)


def test_a_wrong_key_costs_no_slow_hash(room, fresh_limits, monkeypatch):
    from partact_app.services import security

    hashed = []
    original = security.hash_key
    monkeypatch.setattr(security, "hash_key", lambda *a, **k: hashed.append(1) or original(*a, **k))
    client, _ = room
    assert client.post("/api/events/room/pause", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert hashed == []  # the fingerprint refused it
    assert client.post("/api/events/room/next-round").status_code == 200
    assert hashed == [1]  # the right key pays for one hash


def test_the_right_key_pays_the_slow_hash_once_and_a_new_key_replaces_it(room, fresh_limits, monkeypatch):
    """An organiser script calls the API at every round: the key is checked with the slow salted hash once per
    process, then against this process's record of it; a wrong key is never taken for it, and after the key is
    replaced the old one is refused and the new one checked afresh."""
    from partact_app.services import security

    hashed = []
    original = security.hash_key
    monkeypatch.setattr(security, "hash_key", lambda *a, **k: hashed.append(1) or original(*a, **k))
    client, url = room
    old_key = client.headers["Authorization"].removeprefix("Bearer ")
    for _ in range(3):
        assert client.post("/api/events/room/next-round").status_code == 200
    assert hashed == [1]  # once, for the first call
    almost = old_key[:-1] + ("A" if old_key[-1] != "A" else "B")
    assert client.post("/api/events/room/pause", headers={"Authorization": f"Bearer {almost}"}).status_code == 401
    with session_scope(url) as session:
        new_key = events.rotate_key(session, "room")
    assert client.post("/api/events/room/pause").status_code == 401
    hashed.clear()
    answer = client.post("/api/events/room/pause", headers={"Authorization": f"Bearer {new_key}"})
    assert answer.status_code in (200, 409) and hashed == [1]
