"""What a participant's page shows, read in one place."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, or_, select

from partact_app.models import Event, Meeting, Participant
from partact_app.services.registrations import find_participant_by_token


@dataclass(frozen=True)
class ParticipantSummary:
    organisation: str
    kind: str
    contact_name: str
    event_name: str
    meeting_count: int
    first_table: int | None
    first_counterpart: str


def participant_summary(session: Session, token: str | None) -> ParticipantSummary | None:
    """None for an unknown token (the page then reveals nothing)."""
    participant = find_participant_by_token(session, token)
    if participant is None:
        return None
    event = session.get(Event, participant.event_id)
    meetings = session.exec(
        select(Meeting)
        .where(Meeting.event_id == participant.event_id)
        .where(or_(Meeting.company_id == participant.id, Meeting.association_id == participant.id))
        .order_by(Meeting.round)
    ).all()
    first_table, first_counterpart = None, ""
    if meetings:
        first = meetings[0]
        other_id = first.association_id if first.company_id == participant.id else first.company_id
        other = session.get(Participant, other_id)
        first_table, first_counterpart = first.table, other.organisation if other else ""
    return ParticipantSummary(
        organisation=participant.organisation,
        kind=participant.kind,
        contact_name=participant.contact_name,
        event_name=event.name if event else "",
        meeting_count=len(meetings),
        first_table=first_table,
        first_counterpart=first_counterpart,
    )
