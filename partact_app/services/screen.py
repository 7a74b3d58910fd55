"""What the big screen of the room shows (public: nothing personal)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from partact_app.models import Match, MatchStatus
from partact_app.services.events import find_event


@dataclass(frozen=True)
class ScreenView:
    event_id: int
    name: str
    partnerships: int


def screen_view(session: Session, slug: str | None) -> ScreenView | None:
    event = find_event(session, slug or "")
    if event is None:
        return None
    partnerships = session.exec(
        select(func.count())
        .select_from(Match)
        .where(Match.event_id == event.id, Match.status.in_(MatchStatus.COUNTED))
    ).one()
    return ScreenView(event_id=event.id, name=event.name, partnerships=partnerships)
