"""Console sessions: opened by the key, looked up by the cookie's token, ended by expiry, logout or a new key."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.models import ConsoleSession
from partact_app.services import console_sessions, events
from partact_app.services.errors import Unauthorised


@pytest.fixture
def event_key(db_url):
    with session_scope(db_url) as session:
        _, key = events.create_event(session, "hall", name="Hall", rounds=4, tables=4, round_minutes=5)
    return db_url, key


def event_of(url, token):
    with session_scope(url) as session:
        event = console_sessions.session_event(session, token)
        return event.slug if event else None


def test_a_session_opens_with_the_key_and_keeps_only_a_hash(event_key):
    url, key = event_key
    with session_scope(url) as session:
        token = console_sessions.open_session(session, key)
    assert event_of(url, token) == "hall"
    with session_scope(url) as session:
        rows = session.exec(select(ConsoleSession)).all()
    assert len(rows) == 1 and rows[0].token_hash != token and token not in rows[0].token_hash
    assert rows[0].expires_at - rows[0].created_at == dt.timedelta(hours=12)


@pytest.mark.parametrize("bad", ["", "nope", "x" * 5000])
def test_a_wrong_key_opens_nothing(event_key, bad):
    url, _ = event_key
    with pytest.raises(Unauthorised):
        with session_scope(url) as session:
            console_sessions.open_session(session, bad)
    with session_scope(url) as session:
        assert session.exec(select(ConsoleSession)).all() == []


def test_logout_expiry_and_a_new_key_end_sessions(event_key):
    url, key = event_key
    with session_scope(url) as session:
        one = console_sessions.open_session(session, key)
        two = console_sessions.open_session(session, key)
        three = console_sessions.open_session(session, key)
    with session_scope(url) as session:
        console_sessions.close_session(session, one)
        row = session.exec(select(ConsoleSession).where(ConsoleSession.token_hash == console_sessions.token_hash(two))).one()
        row.expires_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1)
        session.add(row)
    assert event_of(url, one) is None and event_of(url, two) is None and event_of(url, three) == "hall"
    with session_scope(url) as session:
        events.rotate_key(session, "hall")
    assert event_of(url, three) is None
    assert event_of(url, "") is None and event_of(url, "x" * 500) is None
