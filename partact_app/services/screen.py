"""What the big screen of the room shows (public: nothing personal). Its live fields (round, countdown, the
partnership count, the announcement) come with every event's snapshot; this is the rest."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from partact_app.services.events import find_event


@dataclass(frozen=True)
class ScreenView:
    event_id: int
    name: str


def screen_view(session: Session, slug: str | None) -> ScreenView | None:
    event = find_event(session, slug or "")
    if event is None:
        return None
    return ScreenView(event_id=event.id, name=event.name)
