"""Events: create, find, rotate the organiser key, authorise an organiser."""

from __future__ import annotations

import datetime as dt
import re

from sqlmodel import Session, select

from partact_app.models import Event
from partact_app.services import security
from partact_app.services.errors import Invalid, NotFound, Unauthorised

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_ROUNDS = 60
MAX_TABLES = 2000


def validate_event_fields(
    *,
    slug: str,
    name: str,
    rounds: int,
    tables: int,
    round_minutes: int,
    break_minutes: int = 0,
    start_time: str = "",
) -> list[Invalid]:
    """Every problem with these fields, each naming its field (empty when they are fine)."""
    problems: list[Invalid] = []
    if not SLUG_RE.match(slug or ""):
        problems.append(Invalid("slug_invalid", field="slug", slug=slug))
    if not (name or "").strip():
        problems.append(Invalid("name_required", field="name"))
    if not 1 <= rounds <= MAX_ROUNDS:
        problems.append(Invalid("rounds_invalid", field="rounds", value=rounds, max=MAX_ROUNDS))
    if not 1 <= tables <= MAX_TABLES:
        problems.append(Invalid("tables_invalid", field="tables", value=tables, max=MAX_TABLES))
    if not 1 <= round_minutes <= 240:
        problems.append(Invalid("round_minutes_invalid", field="round_minutes", value=round_minutes))
    if not 0 <= break_minutes <= 240:
        problems.append(Invalid("break_minutes_invalid", field="break_minutes", value=break_minutes))
    if start_time and not TIME_RE.match(start_time):
        problems.append(Invalid("start_time_invalid", field="start_time", value=start_time))
    return problems


def create_event(
    session: Session,
    slug: str,
    *,
    name: str,
    rounds: int,
    tables: int,
    round_minutes: int,
    break_minutes: int = 0,
    date: dt.date | None = None,
    venue: str = "",
    start_time: str = "",
) -> tuple[Event, str]:
    """A new event and its organiser key (shown once: only a salted hash is stored)."""
    slug = (slug or "").strip().lower()
    problems = validate_event_fields(
        slug=slug,
        name=name,
        rounds=rounds,
        tables=tables,
        round_minutes=round_minutes,
        break_minutes=break_minutes,
        start_time=start_time,
    )
    if not problems and find_event(session, slug) is not None:
        problems.append(Invalid("event_exists", field="slug", slug=slug))
    if problems:
        raise Invalid.several(problems)
    event = Event(
        slug=slug,
        name=name.strip(),
        rounds=rounds,
        tables=tables,
        round_minutes=round_minutes,
        break_minutes=break_minutes,
        date=date,
        venue=venue.strip(),
        start_time=start_time,
    )
    key = _set_key(event)
    session.add(event)
    session.flush()
    return event, key


def find_event(session: Session, slug: str) -> Event | None:
    return session.exec(select(Event).where(Event.slug == (slug or "").strip().lower())).first()


def get_event(session: Session, slug: str) -> Event:
    event = find_event(session, slug)
    if event is None:
        raise NotFound("event_not_found", slug=slug)
    return event


def _set_key(event: Event) -> str:
    key = security.new_organiser_key()
    event.key_salt, event.key_hash = security.hash_key(key)
    event.key_lookup = security.key_lookup(key)
    return key


def rotate_key(session: Session, slug: str) -> str:
    """A new organiser key for the event; the old one stops working at once."""
    event = get_event(session, slug)
    key = _set_key(event)
    session.add(event)
    session.flush()
    return key


def authorise(session: Session, slug: str, key: str | None) -> Event:
    """The event if ``key`` is its organiser key; ``NotFound`` for an unknown slug, else ``Unauthorised``.

    A wrong key costs microseconds: its public fingerprint (``key_lookup``) is compared first, in constant time,
    and only a key with the right fingerprint pays for the slow salted hash.
    """
    event = get_event(session, slug)
    key = (key or "").strip()
    if not key or len(key) > security.MAX_KEY_LENGTH or not security.same_lookup(key, event.key_lookup):
        raise Unauthorised()
    if not security.verify_key(key, event.key_salt, event.key_hash):
        raise Unauthorised()
    return event


def event_for_key(session: Session, key: str | None) -> Event:
    """The event an organiser key belongs to (the console's login asks for the key alone)."""
    key = (key or "").strip()
    if key and len(key) <= security.MAX_KEY_LENGTH:
        candidates = session.exec(select(Event).where(Event.key_lookup == security.key_lookup(key))).all()
        for event in candidates:
            if security.verify_key(key, event.key_salt, event.key_hash):
                return event
    raise Unauthorised()


def logged_in_event(session: Session, event_id: int, fingerprint: str) -> Event | None:
    """The event a console logged in to, as long as its key was not rotated since (None: the console logs out)."""
    event = session.get(Event, event_id) if event_id else None
    if event is None or not fingerprint or key_fingerprint(event) != fingerprint:
        return None
    return event


def key_fingerprint(event: Event) -> str:
    """Changes whenever the key is rotated: a logged-in console compares it to stay authorised."""
    return event.key_hash[:16]
