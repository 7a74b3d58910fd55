"""What a participant's page shows: who they are and their agenda, read once per event and schedule version.

A phone that joins costs one indexed query for its token; the agendas of the whole event are built in one
pass (two queries) the first time any phone of the event asks for this schedule version, then served from
memory. So the work per join does not grow with the number of phones.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, select

from partact_app.core.scoring import name_key
from partact_app.models import Event, FollowUp, Match, Meeting, Note, Participant, split_list
from partact_app.services.registrations import valid_token


@dataclass
class AgendaRow:
    """One round of a participant's agenda; ``table == 0`` means no meeting in that round (a sit-out)."""

    round: int = 0
    time: str = ""
    table: int = 0
    counterpart_id: int = 0  # what the page's match and follow-up buttons name (checked on the server)
    counterpart: str = ""
    counterpart_kind: str = ""
    languages: list[str] = field(default_factory=list)  # the counterpart's
    shared_languages: list[str] = field(default_factory=list)
    description: str = ""
    you_give: list[str] = field(default_factory=list)  # category keys: your offers that meet their needs
    they_give: list[str] = field(default_factory=list)
    their_offers: list[str] = field(default_factory=list)  # all of them: the overlaps are you_give / they_give
    their_needs: list[str] = field(default_factory=list)
    wished_by_you: bool = False  # you asked to meet them (your registration's wishes)
    wished_by_them: bool = False
    present: bool = True  # inside the participant's attendance window
    # No contact details here: a counterpart's contact name, e-mail and phone reach a phone only once both sides
    # asked to follow up (services.followups).


@dataclass(frozen=True)
class ParticipantView:
    participant_id: int
    event_id: int
    organisation: str
    kind: str
    contact_name: str
    event_name: str
    start_time: str
    schedule_version: int
    # Index r is round r; index 0 and rounds + 1 are empty rows. Empty while the schedule is not published: the
    # page then says that the programme is coming, and nothing of the meetings reaches the phone.
    agenda: list[AgendaRow]
    published: bool = True
    checked_in: bool = False
    offers: tuple[str, ...] = ()  # the participant's own category keys (the meeting card compares both sides)
    needs: tuple[str, ...] = ()


def round_start(event: Event, round_number: int) -> str:
    """Planned local start time of a round ("HH:MM"), blank when the event has no start time."""
    if not event.start_time or round_number < 1:
        return ""
    hours, minutes = (int(part) for part in event.start_time.split(":"))
    start = dt.datetime(2000, 1, 1, hours, minutes) + dt.timedelta(
        minutes=(round_number - 1) * (event.round_minutes + event.break_minutes)
    )
    return start.strftime("%H:%M")


@dataclass(frozen=True)
class _Side:
    """What an agenda row reads of a participant, parsed once per build (not once per meeting: an ORM attribute
    read and a split per field and meeting made a 1000-participant build take half a second)."""

    id: int
    organisation: str
    kind: str
    description: str
    languages: list[str]
    offers: list[str]
    needs: list[str]
    wishes: frozenset[str]  # name keys of the organisations they asked to meet
    name: str  # their own name key

    @classmethod
    def of(cls, person: Participant) -> _Side:
        return cls(person.id, person.organisation, person.kind, person.description, split_list(person.languages),
                   split_list(person.offers), split_list(person.needs),
                   frozenset(name_key(n) for n in split_list(person.wishes)), name_key(person.organisation))


def _row(round_number: int, time: str, table: int, me: _Side, other: _Side) -> AgendaRow:
    return AgendaRow(
        round=round_number,
        time=time,
        table=table,
        counterpart_id=other.id,
        counterpart=other.organisation,
        counterpart_kind=other.kind,
        languages=list(other.languages),
        shared_languages=[code for code in other.languages if code in me.languages],
        description=other.description,
        you_give=[key for key in me.offers if key in other.needs],
        they_give=[key for key in other.offers if key in me.needs],
        their_offers=list(other.offers),
        their_needs=list(other.needs),
        wished_by_you=other.name in me.wishes,
        wished_by_them=me.name in other.wishes,
    )


def build_agendas(session: Session, event: Event) -> dict[int, list[AgendaRow]]:
    """Every participant's agenda, in one pass over the event's meetings."""
    times = [round_start(event, r) for r in range(event.rounds + 2)]
    people: dict[int, _Side] = {}
    agendas: dict[int, list[AgendaRow]] = {}
    for person in session.exec(select(Participant).where(Participant.event_id == event.id)).all():
        people[person.id] = _Side.of(person)
        first = person.present_from_round or 1
        last = person.present_to_round or event.rounds
        agendas[person.id] = [AgendaRow(round=0)] + [
            AgendaRow(round=r, time=times[r], present=first <= r <= last) for r in range(1, event.rounds + 1)
        ] + [AgendaRow(round=event.rounds + 1)]
    for round_number, table, company_id, association_id in session.exec(
        select(Meeting.round, Meeting.table, Meeting.company_id, Meeting.association_id)
        .where(Meeting.event_id == event.id)
    ).all():
        if not 1 <= round_number <= event.rounds:
            continue
        company, association = people.get(company_id), people.get(association_id)
        if company is None or association is None:
            continue
        time = times[round_number]
        agendas[company.id][round_number] = _row(round_number, time, table, company, association)
        agendas[association.id][round_number] = _row(round_number, time, table, association, company)
    return agendas


_cache_lock = threading.Lock()
_agenda_cache: dict[tuple[str, int], tuple[int, dict[int, list[AgendaRow]]]] = {}


_build_locks: dict[tuple[str, int], threading.Lock] = {}


def _agendas(session: Session, event: Event) -> dict[int, list[AgendaRow]]:
    """Every agenda of the event's current schedule version, built once per version and process: after a re-plan
    the phones concerned all ask at once, and at a join a burst of phones finds no agendas yet; one builds while
    the others wait for it (rather than each building them all: the live benchmark's 1000 joins on PostgreSQL
    spent a fifth of the instance's time in repeated builds)."""
    key = (str(session.get_bind().url), event.id)
    with _cache_lock:
        cached = _agenda_cache.get(key)
        building = _build_locks.setdefault(key, threading.Lock())
    if cached is not None and cached[0] == event.schedule_version:
        return cached[1]
    with building:
        with _cache_lock:
            cached = _agenda_cache.get(key)
        if cached is not None and cached[0] == event.schedule_version:
            return cached[1]
        agendas = build_agendas(session, event)
        with _cache_lock:
            if key not in _agenda_cache or _agenda_cache[key][0] <= event.schedule_version:
                _agenda_cache[key] = (event.schedule_version, agendas)
    return agendas


@dataclass(frozen=True)
class PageOwner:
    """The participant of a page's token, their event, and whether they have kept anything of their own."""

    participant: Participant
    event: Event
    # A match of theirs, a follow-up they asked for or a note they wrote: their page must read its lists. Most
    # phones at a join have none, and then their lists are known to be empty without three more queries.
    keeps_records: bool


def _page_owner_statement():
    me = Participant.id
    keeps_records = sa.or_(
        sa.exists().where((Match.company_id == me) | (Match.association_id == me)),
        sa.exists().where(FollowUp.from_id == me),
        sa.exists().where(Note.author_id == me),
    )
    return (
        select(Participant, Event, keeps_records.label("keeps_records"))
        .join(Event, Event.id == Participant.event_id)
        .where(Participant.token == sa.bindparam("token"))
    )


# Built once: building this statement (and its cache key) cost as much CPU as running it, on every join
# (1.1 of 2.2 ms per call on PostgreSQL, docs/benchmark-live.md, "The eighth pass").
_PAGE_OWNER = _page_owner_statement()


def page_owner(session: Session, token: str | None) -> PageOwner | None:
    """The participant of ``token``, their event and whether they keep records, in one query; None for an
    unknown token."""
    token = (token or "").strip()
    if not valid_token(token):
        return None
    row = session.execute(_PAGE_OWNER, {"token": token}).first()
    return None if row is None else PageOwner(row[0], row[1], bool(row[2]))


def view_of(session: Session, participant: Participant, event: Event) -> ParticipantView:
    """What the participant's page shows; their agenda comes from the event's agendas (built once per schedule
    version and process)."""
    if not event.published:  # the organisers have not published the schedule yet: no agenda at all
        agenda = []
    else:
        agenda = _agendas(session, event).get(participant.id)
        if agenda is None:  # registered after the agendas were built, before the next schedule version
            agenda = build_agendas(session, event)[participant.id]
    return ParticipantView(
        participant_id=participant.id,
        event_id=event.id,
        organisation=participant.organisation,
        kind=participant.kind,
        contact_name=participant.contact_name,
        event_name=event.name,
        start_time=event.start_time,
        schedule_version=event.schedule_version,
        agenda=agenda,
        published=event.published,
        checked_in=participant.checked_in,
        offers=tuple(split_list(participant.offers)),
        needs=tuple(split_list(participant.needs)),
    )


def participant_view(session: Session, token: str | None) -> ParticipantView | None:
    """None for an unknown token (the page then reveals nothing). A join is one round trip to the database: the
    participant and their event in one query, the agenda from memory."""
    owner = page_owner(session, token)
    return None if owner is None else view_of(session, owner.participant, owner.event)


@dataclass
class Organisation:
    """An organisation a participant could have met outside the schedule: a name to pick, nothing personal."""

    id: int = 0
    name: str = ""


def others_of(session: Session, me: Participant) -> list[Organisation]:
    """The organisations of the other type in ``me``'s event, by name (for "met outside the schedule")."""
    rows = session.exec(
        select(Participant.id, Participant.organisation).where(
            Participant.event_id == me.event_id, Participant.kind != me.kind
        )
    ).all()
    return sorted((Organisation(id=i, name=n) for i, n in rows), key=lambda o: o.name.casefold())
