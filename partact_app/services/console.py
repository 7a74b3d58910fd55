"""What the organiser console shows about an event: its summary, and the room round by round."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
    auto_advance: bool = False
    break_minutes: int = 0
    checked_in: int = 0
    expected: int = 0  # participants not marked absent


def event_summary(session: Session, event: Event) -> EventSummary:
    counts = dict(
        session.exec(
            select(Participant.kind, func.count()).where(Participant.event_id == event.id).group_by(Participant.kind)
        ).all()
    )
    present = dict(
        session.exec(
            select(Participant.checked_in, func.count())
            .where(Participant.event_id == event.id, Participant.absent == False)  # noqa: E712
            .group_by(Participant.checked_in)
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
        auto_advance=event.auto_advance,
        break_minutes=event.break_minutes,
        checked_in=present.get(True, 0),
        expected=sum(present.values()),
    )


@dataclass
class TableNow:
    table: int
    company: str
    association: str


@dataclass
class RoomRound:
    """Who sits where in one round, which tables stay empty, and who is present without a meeting."""

    round: int = 0
    tables: list[TableNow] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)
    alone: list[str] = field(default_factory=list)


def shown_round(phase: str, current_round: int) -> int:
    """The round the console's room shows: the running one, the next one during the changeover, the first before
    the start (the page's own rule in ``pages/organiser.room_now``, which picks it from the live fields)."""
    if current_round <= 0:
        return 1
    return current_round + 1 if phase == "changeover" else current_round


def room_plan(session: Session, event: Event) -> list[RoomRound]:
    """The room for every round: index r is round r (index 0 and rounds + 1 are empty), for the printed plans."""
    return room_rounds(session, event, range(event.rounds + 2))


def room_rounds(session: Session, event: Event, wanted: Iterable[int]) -> list[RoomRound]:
    """The room in each of the ``wanted`` rounds, in their order (a round outside 1..rounds is empty). Absent
    participants are never "alone"."""
    wanted = list(wanted)
    real = sorted({r for r in wanted if 1 <= r <= event.rounds})
    plan = {r: RoomRound(round=r) for r in wanted}
    if not real:
        return [plan[r] for r in wanted]
    people = {p.id: p for p in session.exec(select(Participant).where(Participant.event_id == event.id)).all()}
    busy: dict[int, set[int]] = {r: set() for r in real}
    for meeting in session.exec(
        select(Meeting)
        .where(Meeting.event_id == event.id, Meeting.round.in_(real))
        .order_by(Meeting.round, Meeting.table)
    ).all():
        company, association = people.get(meeting.company_id), people.get(meeting.association_id)
        plan[meeting.round].tables.append(
            TableNow(meeting.table, company.organisation if company else "", association.organisation if association else "")
        )
        busy[meeting.round].update((meeting.company_id, meeting.association_id))
    for r in real:
        used = {t.table for t in plan[r].tables}
        plan[r].empty = [t for t in range(1, event.tables + 1) if t not in used]
        plan[r].alone = sorted(
            (
                p.organisation
                for p in people.values()
                if not p.absent
                and (p.present_from_round or 1) <= r <= (p.present_to_round or event.rounds)
                and p.id not in busy[r]
            ),
            key=str.casefold,
        )
    return [plan[r] for r in wanted]
