"""Registrations: import (all-or-nothing), check-in, absence."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from partact_app.core.registrations import Registration, parse_registrations
from partact_app.models import Event, Participant, join_list, utcnow
from partact_app.services import security
from partact_app.services.errors import ImportRejected, NotFound
from partact_app.services.events import get_event


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
        session.add(event)
    session.flush()
    return ImportSummary(created=created, updated=updated, unchanged=unchanged)


def find_participant_by_token(session: Session, token: str | None) -> Participant | None:
    token = (token or "").strip()
    if not token or len(token) > 64:
        return None
    return session.exec(select(Participant).where(Participant.token == token)).first()


def get_participant(session: Session, event: Event, participant_id: int) -> Participant:
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
    return participant


def mark_absent(session: Session, event: Event, participant_id: int, absent: bool = True) -> Participant:
    """A no-show: the next re-plan gives their future meetings to others."""
    participant = get_participant(session, event, participant_id)
    participant.absent = absent
    participant.updated_at = utcnow()
    session.add(participant)
    session.flush()
    return participant
