"""Registrations: import (all-or-nothing), one participant added, edited or removed, check-in, absence.

A participant entered in the console is checked by the same code as a row of an imported file
(``core.registrations.validate_registration``); its problems come back as one ``Invalid`` whose ``problems`` each
name their field (``by_field``), in the import's own words.

What the consoles and the phones are told: every change bumps the event's revision (the consoles reload their
lists); a change to what the agendas show (a name, a contact, a description...) also bumps the schedule version
for the phones of the participant and of everyone who meets them; a change to what the schedule was computed from
(type, languages, offers, needs, wishes, avoid, attendance window, a participant added or removed) marks a
computed schedule outdated until it is generated again. Check-ins change neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlmodel import Session, delete, func, or_, select

from partact_app.core.participant_table import ParticipantRow, TablePage, TableQuery, attendance_counts, select_rows
from partact_app.core.registrations import (
    Registration,
    RowError,
    error_column,
    name_key,
    parse_registrations,
    validate_registration,
)
from partact_app.i18n import DEFAULT_LANGUAGE
from partact_app.models import Event, Meeting, Participant, join_list, split_list, utcnow, valid_id
from partact_app.services import security
from partact_app.services.errors import Conflict, ImportRejected, Invalid, NotFound, row_error_message
from partact_app.services.events import get_event
from partact_app.services.rounds import announce_revision, announce_schedule
from partact_app.settings import participant_url

# What the schedule engine reads of a participant: changing one of these outdates a computed schedule.
SCHEDULING_FIELDS = frozenset(
    {"kind", "organisation", "languages", "offers", "needs", "wishes", "avoid", "present_from_round",
     "present_to_round"}
)
# What a counterpart's agenda row shows of a participant: changing one of these reloads those phones.
AGENDA_FIELDS = frozenset({"organisation", "contact_name", "languages", "offers", "needs", "description"})


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def participants_of(session: Session, event: Event) -> list[Participant]:
    return list(
        session.exec(select(Participant).where(Participant.event_id == event.id).order_by(Participant.id)).all()
    )


def _fields(registration: Registration) -> dict[str, object]:
    return {
        "kind": registration.kind,
        "organisation": registration.organisation,
        "contact_name": registration.contact_name,
        "email": registration.email,
        "phone": registration.phone,
        "languages": join_list(registration.languages),
        "offers": join_list(registration.offers),
        "needs": join_list(registration.needs),
        "description": registration.description,
        "wishes": join_list(registration.wishes),
        "avoid": join_list(registration.avoid),
        "present_from_round": registration.present_from_round,
        "present_to_round": registration.present_to_round,
    }


def import_registrations(session: Session, slug: str, data: bytes, filename: str = "") -> ImportSummary:
    """Import a CSV or XLSX file of registrations into the event.

    Everything is validated first: with one bad row nothing is written and ``ImportRejected`` lists every
    bad row. Rows update the participant of the same organisation (case-insensitive): re-importing a file
    changes nothing and keeps every token.
    """
    event = get_event(session, slug)
    current = participants_of(session, event)
    result = parse_registrations(
        data,
        rounds=event.rounds,
        filename=filename,
        existing=[(p.kind, p.organisation) for p in current],
    )
    if result.errors:
        raise ImportRejected(result.errors)
    by_name = {p.organisation.casefold(): p for p in current}
    created = updated = unchanged = 0
    for registration in result.registrations:
        fields = _fields(registration)
        participant = by_name.get(registration.organisation.casefold())
        if participant is None:
            session.add(Participant(event_id=event.id, token=security.new_token(), **fields))
            created += 1
            continue
        changed = {name: value for name, value in fields.items() if getattr(participant, name) != value}
        if changed:
            for name, value in changed.items():
                setattr(participant, name, value)
            participant.updated_at = utcnow()
            session.add(participant)
            updated += 1
        else:
            unchanged += 1
    if created or updated:
        # The phones' agendas show these fields (and a walk-in may need a re-plan): a new version makes them reload.
        event.schedule_version += 1
        if has_schedule(session, event):
            event.schedule_outdated = True
        session.add(event)
        session.flush()
        announce_revision(session, event)
    session.flush()
    return ImportSummary(created=created, updated=updated, unchanged=unchanged)


def valid_token(token: str) -> bool:
    """Whether ``token`` (stripped) can be a participant token at all: not empty, 64 characters at most."""
    return 0 < len(token) <= 64


def find_participant_by_token(session: Session, token: str | None) -> Participant | None:
    token = (token or "").strip()
    if not valid_token(token):
        return None
    return session.exec(select(Participant).where(Participant.token == token)).first()


def get_participant(session: Session, event: Event, participant_id: int) -> Participant:
    if not valid_id(participant_id):
        raise NotFound("participant_not_found", id=0)
    participant = session.get(Participant, participant_id)
    if participant is None or participant.event_id != event.id:
        raise NotFound("participant_not_found", id=participant_id)
    return participant


def check_in(session: Session, event: Event, participant_id: int, present: bool = True) -> Participant:
    """Mark a participant as arrived (or undo it). Arriving also clears a no-show mark."""
    participant = get_participant(session, event, participant_id)
    participant.checked_in = present
    participant.checked_in_at = utcnow() if present else None
    if present:
        participant.absent = False
    participant.updated_at = utcnow()
    session.add(participant)
    session.flush()
    announce_revision(session, event)
    return participant


def mark_absent(session: Session, event: Event, participant_id: int, absent: bool = True) -> Participant:
    """A no-show: the next re-plan gives their future meetings to others."""
    participant = get_participant(session, event, participant_id)
    participant.absent = absent
    participant.updated_at = utcnow()
    session.add(participant)
    session.flush()
    return participant


# --- one participant, from the console --------------------------------------------------------------------------


class FieldInvalid(Invalid):
    """One problem of a participant form: a row error of the import (its code and parameters), said in the
    import's words without a line number, and the column it is about as its field."""

    def __init__(self, error: RowError) -> None:
        self.row_error = error
        super().__init__(error.code, field=error_column(error), **error.params)

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return row_error_message(self.row_error, lang)


def form_invalid(problems: Iterable[Invalid]) -> Invalid:
    """Every problem of a form as one ``Invalid`` (its own message counts them; ``problems`` holds each)."""
    problems = tuple(problems)
    error = Invalid("participant_invalid", count=len(problems))
    error.problems = problems
    return error


def has_schedule(session: Session, event: Event) -> bool:
    """Whether the event has planned meetings (a computed schedule)."""
    count = session.exec(select(func.count()).select_from(Meeting).where(Meeting.event_id == event.id)).one()
    return count > 0


def validated(session: Session, event: Event, cells: Mapping[str, object], *, editing: Participant | None = None
              ) -> Registration:
    """``cells`` (column -> text) checked as one row of an import; ``Invalid`` with one problem per field."""
    others = [(p.kind, p.organisation) for p in participants_of(session, event)
              if editing is None or p.id != editing.id]
    result = validate_registration(cells, rounds=event.rounds, others=others,
                                   kind=editing.kind if editing is not None else None)
    if result.errors:
        raise form_invalid(FieldInvalid(error) for error in result.errors)
    return result.registrations[0]


def create_participant(session: Session, event: Event, registration: Registration, **extra: object) -> Participant:
    """Store a validated registration as a new participant with a fresh token (no announcement)."""
    participant = Participant(event_id=event.id, token=security.new_token(), **{**_fields(registration), **extra})
    session.add(participant)
    session.flush()
    return participant


def counterparts_of(session: Session, event: Event, participant_id: int) -> set[int]:
    """Everyone who meets ``participant_id`` in the stored schedule."""
    rows = session.exec(
        select(Meeting.company_id, Meeting.association_id).where(
            Meeting.event_id == event.id,
            or_(Meeting.company_id == participant_id, Meeting.association_id == participant_id),
        )
    ).all()
    return {other for pair in rows for other in pair if other != participant_id}


def _announce(session: Session, event: Event, phones: set[int] | None = None) -> None:
    """Tell the consoles (revision); with ``phones``, also make those participants' agendas reload."""
    if phones:
        event.revision += 1
        event.schedule_version += 1
        session.add(event)
        session.flush()
        announce_schedule(session, event, phones)
    else:
        announce_revision(session, event)


def _outdate(session: Session, event: Event) -> None:
    if has_schedule(session, event):
        event.schedule_outdated = True
        session.add(event)


def _rename_in_lists(session: Session, event: Event, old: str, new: str | None) -> None:
    """Follow a renamed (``new``) or removed (None) organisation in the others' ``wishes`` and ``avoid``."""
    key = name_key(old)
    for other in participants_of(session, event):
        for column in ("wishes", "avoid"):
            names = split_list(getattr(other, column))
            if any(name_key(name) == key for name in names):
                kept = [(new if name_key(name) == key else name) for name in names]
                setattr(other, column, join_list(name for name in kept if name))
                other.updated_at = utcnow()
                session.add(other)


def add_participant(session: Session, event: Event, cells: Mapping[str, object]) -> Participant:
    """A registration entered in the console (same checks as one row of an import)."""
    participant = create_participant(session, event, validated(session, event, cells))
    _outdate(session, event)
    _announce(session, event)
    return participant


def update_participant(session: Session, event: Event, participant_id: int, cells: Mapping[str, object]
                       ) -> Participant:
    """Edit a participant (same checks as a re-import: the type stays). A renamed organisation is renamed in the
    others' wishes and avoid lists too. Nothing changed: nothing is announced."""
    participant = get_participant(session, event, participant_id)
    fields = _fields(validated(session, event, cells, editing=participant))
    changed = {name for name, value in fields.items() if getattr(participant, name) != value}
    if not changed:
        return participant
    old_name = participant.organisation
    for name in changed:
        setattr(participant, name, fields[name])
    participant.updated_at = utcnow()
    session.add(participant)
    if "organisation" in changed:
        _rename_in_lists(session, event, old_name, participant.organisation)
    if changed & SCHEDULING_FIELDS:
        _outdate(session, event)
    session.flush()
    phones = None
    if changed & AGENDA_FIELDS:
        phones = counterparts_of(session, event, participant.id)
        phones = phones | {participant.id} if phones else None
    _announce(session, event, phones)
    return participant


def remove_participant(session: Session, event: Event, participant_id: int) -> str:
    """Remove a participant, their link and their planned meetings; before round 1 only (afterwards, mark them
    absent: their held meetings are the event's record). Returns the organisation's name."""
    if event.current_round > 0:
        raise Conflict("remove_started", round=event.current_round)
    participant = get_participant(session, event, participant_id)
    name = participant.organisation
    phones = counterparts_of(session, event, participant.id)
    session.exec(delete(Meeting).where(Meeting.event_id == event.id).where(
        or_(Meeting.company_id == participant.id, Meeting.association_id == participant.id)))
    session.delete(participant)
    session.flush()
    _rename_in_lists(session, event, name, None)
    _outdate(session, event)
    session.flush()
    _announce(session, event, phones or None)
    return name


def participant_cells(session: Session, event: Event, participant_id: int) -> dict[str, str]:
    """A participant as the form shows it (column -> text; lists ``;``-separated)."""
    p = get_participant(session, event, participant_id)

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "type": p.kind,
        "organisation": p.organisation,
        "contact_name": p.contact_name,
        "email": p.email,
        "phone": p.phone,
        "languages": ";".join(split_list(p.languages)),
        "offers": ";".join(split_list(p.offers)),
        "needs": ";".join(split_list(p.needs)),
        "description": p.description,
        "wishes": "; ".join(split_list(p.wishes)),
        "avoid": "; ".join(split_list(p.avoid)),
        "present_from_round": number(p.present_from_round),
        "present_to_round": number(p.present_to_round),
    }


def table_row(p: Participant, link_base: str | None = None) -> ParticipantRow:
    """``link_base``: ``participant_url("")``, read once for a whole table."""
    return ParticipantRow(
        id=p.id or 0,
        kind=p.kind,
        organisation=p.organisation,
        contact_name=p.contact_name,
        email=p.email,
        languages=split_list(p.languages),
        offers=split_list(p.offers),
        needs=split_list(p.needs),
        present_from_round=p.present_from_round or 0,
        present_to_round=p.present_to_round or 0,
        checked_in=p.checked_in,
        absent=p.absent,
        url=(link_base + p.token) if link_base is not None else participant_url(p.token),
    )


def participant_row(session: Session, event: Event, participant_id: int) -> ParticipantRow:
    """One participant as the console's table shows them (``NotFound`` outside the event)."""
    return table_row(get_participant(session, event, participant_id))


def participant_rows(session: Session, event: Event) -> list[ParticipantRow]:
    """Every participant of the event as the console's table shows them."""
    base = participant_url("")
    return [table_row(p, base) for p in participants_of(session, event)]


@dataclass(frozen=True)
class TableView:
    """What the console's table shows: one page of rows, and the counts over the whole event."""

    page: TablePage
    total: int
    checked_in: int
    expected: int


def participant_table(session: Session, event: Event, query: TableQuery) -> TableView:
    """The page of the participant table that ``query`` selects (filtered and sorted in memory: one query)."""
    rows = participant_rows(session, event)
    checked_in, expected = attendance_counts(rows)
    return TableView(page=select_rows(rows, query), total=len(rows), checked_in=checked_in, expected=expected)
