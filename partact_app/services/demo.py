"""The demo event: realistic sample registrations (see core/demo.py), created once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from partact_app.core.demo import demo_csv
from partact_app.models import Event, Phase
from partact_app.services import events, rounds
from partact_app.services.registrations import import_registrations, participants_of
from partact_app.services.scheduling import publish_schedule, schedule_event

DEMO_SLUG = "demo"


@dataclass(frozen=True)
class DemoResult:
    event: Event
    key: str
    created: bool


def ensure_demo(session: Session) -> DemoResult:
    """Create the event ``demo`` with its registrations and its schedule, published, unless it exists; set a
    fresh key.

    A demo that was played to its end is rewound to before its first round, so it can be tried again.
    """
    event = events.find_event(session, DEMO_SLUG)
    created = event is None
    if created:
        event, _ = events.create_event(
            session,
            DEMO_SLUG,
            name="Part&Act Speed Meeting (démo)",
            rounds=10,
            tables=22,
            round_minutes=6,
            break_minutes=1,
            date=dt.date.today(),
            venue="Luxembourg-Kirchberg",
            start_time="17:30",
        )
        import_registrations(session, DEMO_SLUG, demo_csv(), "demo.csv")
        schedule_event(session, DEMO_SLUG)
        publish_schedule(session, event)  # the demo's participants see their agendas at once
    elif event.phase == Phase.FINISHED:
        rounds.rewind(session, event)  # a finished demo shows nothing worth trying: start it over
    key = events.rotate_key(session, DEMO_SLUG)
    return DemoResult(event=event, key=key, created=created)


def sample_participants(session: Session, event: Event, count: int = 3):
    """A few participants of both kinds, for the URLs printed by ``make run``."""
    everyone = participants_of(session, event)
    companies = [p for p in everyone if p.kind == "company"]
    associations = [p for p in everyone if p.kind == "association"]
    picked = []
    while len(picked) < count and (companies or associations):
        for group in (companies, associations):
            if group and len(picked) < count:
                picked.append(group.pop(0))
    return picked
