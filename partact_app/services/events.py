"""Events: create, find, change their settings, rotate the organiser key, authorise an organiser."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, select

from partact_app.models import Event, Meeting, Participant, SeatedSide
from partact_app.services import security
from partact_app.services.errors import Invalid, NotFound, Unauthorised
from partact_app.services.rounds import announce_revision, announce_schedule

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
MAX_ROUNDS = 60
MAX_TABLES = 2000
MAX_NAME = 200  # the columns' lengths (models.Event)
MAX_VENUE = 300
# seated side as a form says it -> as stored (``Event.seated_side``)
SEATED_CHOICES = {
    "auto": SeatedSide.AUTO,
    "company": SeatedSide.COMPANIES,
    "association": SeatedSide.ASSOCIATIONS,
    "none": SeatedSide.NOBODY,
}


def validate_event_fields(
    *,
    slug: str,
    name: str,
    rounds: int,
    tables: int,
    round_minutes: int,
    break_minutes: int = 0,
    start_time: str = "",
    venue: str = "",
) -> list[Invalid]:
    """Every problem with these fields, each naming its field (empty when they are fine)."""
    problems: list[Invalid] = []
    if not SLUG_RE.match(slug or ""):
        problems.append(Invalid("slug_invalid", field="slug", slug=slug))
    if not (name or "").strip():
        problems.append(Invalid("name_required", field="name"))
    elif len(name.strip()) > MAX_NAME:
        problems.append(Invalid("name_too_long", field="name", max=MAX_NAME))
    if len((venue or "").strip()) > MAX_VENUE:
        problems.append(Invalid("venue_too_long", field="venue", max=MAX_VENUE))
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
        venue=venue,
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


# --------------------------------------------------------------------------------------------- forms
# The console's forms send text; these turn it into the typed fields above, every problem naming its field.

FORM_TEXT = 400  # no field of an event's form is longer; longer values are refused before anything else
_NUMBERS = ("rounds", "tables", "round_minutes", "break_minutes")
FORM_FIELDS = ("slug", "name", "date", "venue", "start_time", *_NUMBERS, "seated_side")


def slug_from_name(name: str) -> str:
    """A slug for ``name``: lowercase ASCII letters and digits, hyphens between words (64 at most)."""
    ascii_name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")
    return slug[:64].rstrip("-")


def read_form(form: Mapping[str, object], names: tuple[str, ...] = FORM_FIELDS) -> tuple[dict, list[Invalid]]:
    """The fields ``names`` of a form (text from a browser) as typed values, and a problem per unreadable field.

    Absent fields are left out; numbers are whole numbers, the date is ``YYYY-MM-DD`` or blank, the seated side
    one of ``SEATED_CHOICES`` (stored as ``Event.seated_side``). Any other key of ``form`` is ignored."""
    fields: dict = {}
    problems: list[Invalid] = []
    for name in names:
        if name not in form:
            continue
        raw = form[name]
        text = raw.strip() if isinstance(raw, str) else None
        if text is None or len(text) > FORM_TEXT:
            problems.append(Invalid("field_invalid", field=name))
        elif name in _NUMBERS:
            if re.fullmatch(r"-?\d{1,6}", text):
                fields[name] = int(text)
            else:
                problems.append(Invalid("number_invalid", field=name, value=text[:20]))
        elif name == "date":
            try:
                fields[name] = dt.date.fromisoformat(text) if text else None
            except ValueError:
                problems.append(Invalid("date_invalid", field=name, value=text[:20]))
        elif name == "seated_side":
            if text in SEATED_CHOICES:
                fields[name] = SEATED_CHOICES[text]
            else:
                problems.append(Invalid("seated_invalid", field=name))
        else:
            fields[name] = text
    return fields, problems


def _merged(problems: list[Invalid], more: list[Invalid]) -> list[Invalid]:
    """``problems`` and those of ``more`` about a field not named yet (one message per field)."""
    named = {problem.field for problem in problems}
    return problems + [problem for problem in more if problem.field not in named]


def create_event_from_form(session: Session, form: Mapping[str, object]) -> tuple[Event, str]:
    """``create_event`` from the console's new-event form (text fields; a blank slug comes from the name)."""
    fields, problems = read_form(form, ("slug", "name", "date", "venue", *_NUMBERS))
    slug = (fields.get("slug") or "").lower() or slug_from_name(fields.get("name", ""))
    values = {
        "name": fields.get("name", ""),
        "rounds": fields.get("rounds", 0),
        "tables": fields.get("tables", 0),
        "round_minutes": fields.get("round_minutes", 0),
        "break_minutes": fields.get("break_minutes", 0),
    }
    checked = validate_event_fields(slug=slug, venue=fields.get("venue", ""), **values)
    problems = _merged(problems, checked)
    if problems:
        raise Invalid.several(problems)
    return create_event(session, slug, date=fields.get("date"), venue=fields.get("venue", ""), **values)


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


# --------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class EventSettings:
    """An event's settings as its form shows them (text, numbers; the seated side as a form choice)."""

    slug: str
    name: str
    date: str  # YYYY-MM-DD or ""
    venue: str
    start_time: str
    rounds: int
    tables: int
    round_minutes: int
    break_minutes: int
    seated_side: str  # "auto" | "company" | "association" | "none"


def event_settings(event: Event) -> EventSettings:
    seated = next((choice for choice, stored in SEATED_CHOICES.items() if stored == event.seated_side), "auto")
    return EventSettings(
        slug=event.slug,
        name=event.name,
        date=event.date.isoformat() if event.date else "",
        venue=event.venue,
        start_time=event.start_time,
        rounds=event.rounds,
        tables=event.tables,
        round_minutes=event.round_minutes,
        break_minutes=event.break_minutes,
        seated_side=seated,
    )


def has_schedule(session: Session, event: Event) -> bool:
    """Whether the event has a schedule (computed once, or meetings stored before that was recorded)."""
    if event.scheduled_at is not None:
        return True
    return session.exec(select(Meeting.id).where(Meeting.event_id == event.id).limit(1)).first() is not None


# What the planned meetings depend on (a change makes the schedule out of date), and what the phones show
# besides the meetings (a change makes them reload their agenda).
SCHEDULE_FIELDS = ("rounds", "tables", "seated_side")
SHOWN_FIELDS = ("name", "rounds", "start_time", "round_minutes", "break_minutes")
SETTINGS_FIELDS = ("name", "date", "venue", "start_time", "rounds", "tables", "round_minutes", "break_minutes",
                   "seated_side")


def _window_problem(session: Session, event: Event, rounds: int) -> Invalid | None:
    """The participant whose presence window reaches furthest past ``rounds``, if any."""
    rows = session.exec(
        select(Participant.organisation, Participant.present_from_round, Participant.present_to_round)
        .where(Participant.event_id == event.id)
        .where((Participant.present_to_round > rounds) | (Participant.present_from_round > rounds))
    ).all()
    if not rows:
        return None
    organisation, first, last = max(rows, key=lambda row: (max(row[1] or 0, row[2] or 0), row[0]))
    return Invalid("rounds_below_window", field="rounds", rounds=rounds, name=organisation,
                   round=max(first or 0, last or 0))


def _check_settings(session: Session, event: Event, fields: dict) -> tuple[dict, list[Invalid]]:
    """The settings ``fields`` would give the event, and every problem with them (each naming its field)."""
    unknown = sorted(set(fields) - set(SETTINGS_FIELDS))
    if unknown:
        return {}, [Invalid("field_invalid", field=unknown[0])]
    current = {name: getattr(event, name) for name in SETTINGS_FIELDS}
    new = {**current, **fields}
    problems: list[Invalid] = []
    for name in ("rounds", "tables", "round_minutes", "break_minutes"):
        if isinstance(new[name], bool) or not isinstance(new[name], int):
            problems.append(Invalid("number_invalid", field=name, value=str(new[name])[:20]))
    for name in ("name", "venue", "start_time"):
        if isinstance(new[name], str):
            new[name] = new[name].strip()
        else:
            problems.append(Invalid("field_invalid", field=name))
    if new["date"] is not None and not isinstance(new["date"], dt.date):
        problems.append(Invalid("date_invalid", field="date", value=str(new["date"])[:20]))
    if new["seated_side"] not in SEATED_CHOICES.values():
        problems.append(Invalid("seated_invalid", field="seated_side"))
    if problems:
        return new, problems
    problems = validate_event_fields(
        slug=event.slug,
        name=new["name"],
        rounds=new["rounds"],
        tables=new["tables"],
        round_minutes=new["round_minutes"],
        break_minutes=new["break_minutes"],
        start_time=new["start_time"],
        venue=new["venue"],
    )
    if not any(problem.field == "rounds" for problem in problems) and new["rounds"] != event.rounds:
        if new["rounds"] < event.current_round:
            problems.append(Invalid("rounds_below_current", field="rounds", rounds=new["rounds"],
                                    round=event.current_round))
        else:
            window = _window_problem(session, event, new["rounds"])
            if window is not None:
                problems.append(window)
    return new, problems


def update_settings(session: Session, event: Event, **fields) -> Event:
    """Change the event's settings (any of ``SETTINGS_FIELDS``; the seated side as stored, ``SeatedSide``).

    Every problem is reported at once, each naming its field, and nothing changes then. The rounds cannot go
    below the current round, nor below a participant's presence window. A change of what the meetings depend on
    (``SCHEDULE_FIELDS``) marks a schedule out of date; a change of what the phones show besides the meetings
    (the name, the rounds, the times) makes them reload their agenda at once; every console of the event
    reloads."""
    new, problems = _check_settings(session, event, fields)
    if problems:
        raise Invalid.several(problems)
    changed = {name for name in SETTINGS_FIELDS if new[name] != getattr(event, name)}
    if not changed:
        return event
    for name in changed:
        setattr(event, name, new[name])
    if changed & set(SCHEDULE_FIELDS) and has_schedule(session, event):
        event.schedule_outdated = True
    if changed & set(SHOWN_FIELDS):
        # one announcement carries both: the phones reload their agendas, the consoles their lists
        event.schedule_version += 1
        event.revision += 1
        session.add(event)
        session.flush()
        announce_schedule(session, event)
    else:
        announce_revision(session, event)
    return event


def update_settings_from_form(session: Session, event: Event, form: Mapping[str, object]) -> Event:
    """``update_settings`` from the console's settings form (text fields): every problem at once, one per field
    (a field that cannot be read, then what is wrong with the others)."""
    fields, problems = read_form(form, SETTINGS_FIELDS)
    unreadable = {problem.field for problem in problems}
    readable = {name: value for name, value in fields.items() if name not in unreadable}
    _, more = _check_settings(session, event, readable)
    problems = _merged(problems, more)
    if problems:
        raise Invalid.several(problems)
    return update_settings(session, event, **readable)
