"""What the organiser console shows about an event."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from partact_app.models import Event, Meeting, Participant


@dataclass(frozen=True)
class EventSummary:
    slug: str
    name: str
    rounds: int
    tables: int
    companies: int
    associations: int
    meetings: int
    phase: str
    current_round: int


def event_summary(session: Session, event: Event) -> EventSummary:
    counts = dict(
        session.exec(
            select(Participant.kind, func.count()).where(Participant.event_id == event.id).group_by(Participant.kind)
        ).all()
    )
    meetings = session.exec(select(func.count()).select_from(Meeting).where(Meeting.event_id == event.id)).one()
    return EventSummary(
        slug=event.slug,
        name=event.name,
        rounds=event.rounds,
        tables=event.tables,
        companies=counts.get("company", 0),
        associations=counts.get("association", 0),
        meetings=meetings,
        phase=event.phase,
        current_round=event.current_round,
    )
