"""The organiser console's login, bound to a cookie rather than to the tab.

Logging in sends the organiser key once (the login form's POST body, never the websocket). The server answers
with a random session token in an HttpOnly, SameSite=Strict cookie and keeps only its SHA-256 here, with the
event, the key's fingerprint and an expiry (``SESSION_HOURS``). Every console action looks the cookie up again:
a session ends when it expires, on logout, or when the key is rotated. The websocket's tab token alone (which
travels in the websocket URL) resumes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

import sqlalchemy as sa
from sqlmodel import Session, select

from partact_app.models import ConsoleSession, Event, utcnow
from partact_app.services import events
from partact_app.services.errors import Unauthorised

COOKIE = "partact_console"
# Not a secret, readable by the page's script: "this browser has a console session". Until the server has answered,
# a console page then shows "opening the console" instead of flashing the login form (components/console.py).
HINT_COOKIE = "partact_console_open"
SESSION_HOURS = 12
MAX_TOKEN_LENGTH = 100


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, key: str, *, client: str = "") -> str:
    """A new console session for the event of organiser ``key`` (``Unauthorised`` for a wrong key); returns the
    token to put in the cookie. Expired sessions of the event are dropped on the way."""
    event = events.event_for_key(session, key)
    now = utcnow()
    session.execute(sa.delete(ConsoleSession).where(ConsoleSession.event_id == event.id, ConsoleSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(
        ConsoleSession(
            token_hash=token_hash(token),
            event_id=event.id,
            key_fingerprint=events.key_fingerprint(event),
            created_at=now,
            expires_at=now + dt.timedelta(hours=SESSION_HOURS),
        )
    )
    session.flush()
    return token


def session_event(session: Session, token: str | None) -> Event | None:
    """The event of a live console session, or None (no cookie, expired, logged out, key rotated)."""
    token = (token or "").strip()
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    row = session.exec(select(ConsoleSession).where(ConsoleSession.token_hash == token_hash(token))).first()
    if row is None or row.expires_at <= utcnow():
        return None
    event = session.get(Event, row.event_id)
    if event is None or events.key_fingerprint(event) != row.key_fingerprint:
        return None
    return event


def close_session(session: Session, token: str) -> None:
    """Logout: the session ends on the server, whatever the browser keeps."""
    if token and len(token) <= MAX_TOKEN_LENGTH:
        session.execute(sa.delete(ConsoleSession).where(ConsoleSession.token_hash == token_hash(token)))
