"""Run the schedule engine on an event: store its meetings, re-plan, bump the schedule version."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, delete, select

from partact_app.core.schedule import Meeting as PlannedMeeting
from partact_app.core.schedule import ScheduleError, make_schedule, replan
from partact_app.core.scoring import Party
from partact_app.models import Event, Meeting, MeetingStatus, Participant, split_list, utcnow
from partact_app.services.errors import Conflict, Invalid
from partact_app.services.events import get_event
from partact_app.services.rounds import announce_schedule
from partact_app.services.registrations import participants_of


def party(participant: Participant) -> Party:
    return Party(
        id=participant.id,
        name=participant.organisation,
        kind=participant.kind,
        offers=frozenset(split_list(participant.offers)),
        needs=frozenset(split_list(participant.needs)),
        languages=frozenset(split_list(participant.languages)),
        wishes=frozenset(split_list(participant.wishes)),
        avoid=frozenset(split_list(participant.avoid)),
        present_from=participant.present_from_round,
        present_to=participant.present_to_round,
        absent=participant.absent,
    )


def _sides(session: Session, event: Event) -> tuple[list[Party], list[Party]]:
    everyone = participants_of(session, event)
    companies = [party(p) for p in everyone if p.kind == "company"]
    associations = [party(p) for p in everyone if p.kind == "association"]
    return companies, associations


def meetings_of(session: Session, event: Event) -> list[Meeting]:
    return list(
        session.exec(
            select(Meeting).where(Meeting.event_id == event.id).order_by(Meeting.round, Meeting.table)
        ).all()
    )


@dataclass(frozen=True)
class AgendaChange:
    """One participant's meeting of one round, before and after a re-plan (a name "" is no meeting)."""

    round: int
    participant_id: int
    organisation: str
    before: str
    after: str
    table_before: int
    table_after: int


@dataclass(frozen=True)
class Replan:
    """What a re-plan did: the engine's report, and every agenda row that changed (by round, then name)."""

    report: dict
    changes: tuple[AgendaChange, ...]

    @property
    def affected(self) -> set[int]:
        """The participants whose agenda changed: only their phones reload."""
        return {change.participant_id for change in self.changes}


def _seats(meetings, after: int) -> dict[tuple[int, int], tuple[int, int]]:
    """(participant, round) -> (counterpart, table) for the rounds after ``after``."""
    seats = {}
    for m in meetings:
        company, association = (m.company_id, m.association_id) if hasattr(m, "company_id") else (
            m.company, m.association)
        if m.round > after:
            seats[(company, m.round)] = (association, m.table)
            seats[(association, m.round)] = (company, m.table)
    return seats


def _changes(before, after, names: dict[int, str], keep_through_round: int) -> tuple[AgendaChange, ...]:
    old, new = _seats(before, keep_through_round), _seats(after, keep_through_round)
    changes = []
    for key in old.keys() | new.keys():
        if old.get(key) != new.get(key):
            participant, round_number = key
            was, now = old.get(key, (0, 0)), new.get(key, (0, 0))
            changes.append(
                AgendaChange(
                    round=round_number,
                    participant_id=participant,
                    organisation=names.get(participant, ""),
                    before=names.get(was[0], ""),
                    after=names.get(now[0], ""),
                    table_before=was[1],
                    table_after=now[1],
                )
            )
    return tuple(sorted(changes, key=lambda c: (c.round, c.organisation.casefold())))


def _store(session: Session, event: Event, planned, keep_through_round: int,
           changed: set[int] | None = None) -> None:
    """Replace the meetings after ``keep_through_round`` by ``planned`` ones (earlier rounds stay as they are);
    the phones of ``changed`` participants reload their agenda (None: every phone)."""
    session.exec(delete(Meeting).where(Meeting.event_id == event.id).where(Meeting.round > keep_through_round))
    session.flush()
    for meeting in planned:
        if meeting.round <= keep_through_round:
            continue
        session.add(
            Meeting(
                event_id=event.id,
                round=meeting.round,
                table=meeting.table,
                company_id=meeting.company,
                association_id=meeting.association,
                score=meeting.score,
                status=MeetingStatus.PLANNED,
            )
        )
    event.schedule_version += 1
    event.scheduled_at = utcnow()
    event.schedule_outdated = False
    session.add(event)
    session.flush()
    announce_schedule(session, event, changed)


def _engine_error(error: ScheduleError) -> Invalid:
    """The engine's refusal (a code and its parameters), as an error the interfaces say in the user's language."""
    params = error.params
    if error.code == "seated_too_many":
        return Invalid("seated_too_many", field="seated_side", count=params["count"], tables=params["tables"])
    if error.code == "window_invalid":
        return Invalid("window_invalid", name=params["name"], rounds=params["rounds"])
    return Invalid("schedule_failed", reason=str(error))


def schedule_event(session: Session, slug: str, *, seated: str | None = None) -> dict:
    """Compute the whole schedule from scratch and store it. Refused once the event has started.

    ``seated`` ("company" or "association") overrides which side keeps one table all event, and is kept for
    later re-plans; "auto" goes back to the side that fits; None keeps the event's setting.
    """
    event = get_event(session, slug)
    if event.current_round > 0:
        raise Conflict("schedule_started", round=event.current_round)
    if seated is not None:
        event.seated_side = None if seated == "auto" else seated
    companies, associations = _sides(session, event)
    try:
        schedule = make_schedule(companies, associations, event.rounds, event.tables, seated=event.seated_side)
    except ScheduleError as error:
        raise _engine_error(error) from error
    _store(session, event, schedule.meetings, keep_through_round=0)
    return schedule.report.to_dict()


def replan_event(session: Session, slug: str) -> Replan:
    """Re-plan the rounds after the current one (no-shows, late arrivals, walk-ins); held rounds stay.

    The engine keeps every planned meeting it can; the result lists each agenda row that changed, and only the
    phones of those participants reload."""
    event = get_event(session, slug)
    companies, associations = _sides(session, event)
    stored = meetings_of(session, event)
    previous = [
        PlannedMeeting(
            round=m.round, table=m.table, company=m.company_id, association=m.association_id, score=m.score
        )
        for m in stored
    ]
    after = min(event.current_round, event.rounds)
    try:
        schedule = replan(
            companies,
            associations,
            event.rounds,
            event.tables,
            previous,
            after_round=after,
            seated=event.seated_side,
        )
    except ScheduleError as error:
        raise _engine_error(error) from error
    names = {p.id: p.organisation for p in participants_of(session, event)}
    changes = _changes(stored, schedule.meetings, names, after)
    _store(session, event, schedule.meetings, keep_through_round=after, changed={c.participant_id for c in changes})
    return Replan(report=schedule.report.to_dict(), changes=changes)


SCHEDULE_COLUMNS = ("round", "table", "company", "association")


def schedule_rows(session: Session, slug: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    event = get_event(session, slug)
    names = {p.id: p.organisation for p in participants_of(session, event)}
    rows = [(m.round, m.table, names[m.company_id], names[m.association_id]) for m in meetings_of(session, event)]
    return SCHEDULE_COLUMNS, rows
