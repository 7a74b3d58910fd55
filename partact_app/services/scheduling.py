"""Run the schedule engine on an event: store its meetings, re-plan, publish, say how good the schedule is.

Computing a schedule is the most expensive thing a console can ask for: one computation at a time per event
(refused, not queued, while one runs: in this process, and across instances on PostgreSQL through an advisory
lock), at most ``MAX_GENERATIONS`` at once in a process. The engine itself runs in a process of its own
(``engine_process``), waited for in the caller's worker thread (the console's handlers run their services off the
event loop)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, delete, select

from partact_app.core.schedule import Meeting as PlannedMeeting
from partact_app.core.schedule import Quality, ScheduleError
from partact_app.core.scoring import Party
from partact_app.models import Event, Meeting, MeetingStatus, Participant, Phase, split_list, utcnow
from partact_app.services import engine_process
from partact_app.services.errors import Conflict, Invalid
from partact_app.services.events import EventSettings, event_settings, get_event, has_schedule
from partact_app.services.rounds import announce_schedule
from partact_app.services.registrations import participants_of

# Schedules computed at once in one process (the machine has few cores; the phones come first).
MAX_GENERATIONS = 2
# PostgreSQL advisory locks taken while an event's schedule is computed: (this namespace, the event's id).
ADVISORY_NAMESPACE = 0x7061  # "pa"


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
    # One multi-row INSERT rather than an ORM object per meeting: building and flushing 1 400 SQLModel objects
    # took most of a 300-participant re-plan (docs/benchmark-console.md).
    rows = [
        {"event_id": event.id, "round": meeting.round, "table": meeting.table, "company_id": meeting.company,
         "association_id": meeting.association, "score": meeting.score, "status": MeetingStatus.PLANNED}
        for meeting in planned
        if meeting.round > keep_through_round
    ]
    if rows:
        session.execute(sa.insert(Meeting.__table__), rows)
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


_running: set[int] = set()
_running_lock = threading.Lock()


@contextlib.contextmanager
def _computing(session: Session, event: Event) -> Iterator[None]:
    """The right to compute this event's schedule now: ``Conflict`` while another computation runs for it (here,
    or on another instance with PostgreSQL), or while ``MAX_GENERATIONS`` run in this process."""
    with _running_lock:
        if event.id in _running:
            raise Conflict("schedule_running")
        if len(_running) >= MAX_GENERATIONS:
            raise Conflict("schedule_busy")
        _running.add(event.id)
    try:
        if session.get_bind().dialect.name == "postgresql":
            free = session.execute(
                sa.text("SELECT pg_try_advisory_xact_lock(:namespace, :event)"),
                {"namespace": ADVISORY_NAMESPACE, "event": event.id},
            ).scalar()
            if not free:
                raise Conflict("schedule_running")
        yield
    finally:
        with _running_lock:
            _running.discard(event.id)


def _seated(seated: str | None) -> str | None:
    """A ``seated=`` choice as stored ("auto" is the side that fits: None)."""
    if seated not in ("auto", "company", "association", "none"):
        raise Invalid("seated_invalid", field="seated_side")
    return None if seated == "auto" else seated


def _from_scratch(session: Session, event: Event) -> dict:
    companies, associations = _sides(session, event)
    with _computing(session, event):
        try:
            schedule = engine_process.call(
                "make_schedule", companies, associations, event.rounds, event.tables, seated=event.seated_side
            )
        except ScheduleError as error:
            raise _engine_error(error) from error
        _store(session, event, schedule.meetings, keep_through_round=0)
    report = schedule.report
    _remember_bound(session, event, report["bound"])
    return report


def schedule_event(session: Session, slug: str, *, seated: str | None = None) -> dict:
    """Compute the whole schedule from scratch and store it. Refused once the event has started.

    ``seated`` ("company", "association" or "none": both sides move) overrides which side keeps one table all
    event, and is kept for later re-plans; "auto" goes back to the side that fits; None keeps the event's
    setting. A published schedule stays published (the phones reload their agendas).
    """
    event = get_event(session, slug)
    if event.current_round > 0:
        raise Conflict("schedule_started", round=event.current_round)
    if seated is not None:
        event.seated_side = _seated(seated)
    return _from_scratch(session, event)


def _replan(session: Session, event: Event) -> Replan:
    companies, associations = _sides(session, event)
    stored = meetings_of(session, event)
    previous = [
        PlannedMeeting(
            round=m.round, table=m.table, company=m.company_id, association=m.association_id, score=m.score
        )
        for m in stored
    ]
    after = min(event.current_round, event.rounds)
    with _computing(session, event):
        try:
            schedule = engine_process.call(
                "replan",
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
        _store(session, event, schedule.meetings, keep_through_round=after,
               changed={c.participant_id for c in changes})
    report = schedule.report
    _remember_bound(session, event, report["bound"])
    return Replan(report=report, changes=changes)


def replan_event(session: Session, slug: str) -> Replan:
    """Re-plan the rounds after the current one (no-shows, late arrivals, walk-ins); held rounds stay.

    The engine keeps every planned meeting it can; the result lists each agenda row that changed, and only the
    phones of those participants reload."""
    return _replan(session, get_event(session, slug))


@dataclass(frozen=True)
class Generated:
    """What the console's "generate" did: a new schedule from scratch (before the start), or a re-plan of the
    rounds after the current one (``replanned``; ``changes`` lists the agenda rows that changed)."""

    report: dict
    replanned: bool
    changes: tuple[AgendaChange, ...] = ()


def generate(session: Session, event: Event, *, confirmed: bool = False) -> Generated:
    """The console's generate and regenerate. Before the event starts, a new schedule from scratch; once it
    has started, a re-plan that keeps the rounds already played. A published schedule stays published (the
    phones reload), and replacing it needs ``confirmed`` (the page asks first): ``Conflict`` otherwise, so a
    console that did not know it was published (another organiser published meanwhile) asks again."""
    if event.phase == Phase.FINISHED:
        raise Conflict("event_finished")
    if event.published and not confirmed:
        raise Conflict("schedule_confirm")
    if event.current_round == 0:
        return Generated(report=_from_scratch(session, event), replanned=False)
    replanned = _replan(session, event)
    return Generated(report=replanned.report, replanned=True, changes=replanned.changes)


def publish_schedule(session: Session, event: Event) -> Event:
    """Publish the stored schedule: from now on the participants' pages show their agendas (every phone of the
    event reloads it). Refused without a schedule, or while it is out of date (compute it again first).
    Publishing a published schedule changes nothing."""
    if not has_schedule(session, event):
        raise Conflict("schedule_missing")
    if event.published:
        return event
    if event.schedule_outdated:
        raise Conflict("schedule_outdated")
    bound = _known_bound(session, event)
    event.published = True
    event.published_at = utcnow()
    event.schedule_version += 1
    session.add(event)
    session.flush()
    if bound is not None:  # the meetings did not change: the quality report need not solve the LP again
        _remember_bound(session, event, bound)
    announce_schedule(session, event)
    return event


def publish(session: Session, slug: str) -> Event:
    """``publish_schedule`` of the event ``slug`` (the command line)."""
    return publish_schedule(session, get_event(session, slug))


SCHEDULE_COLUMNS = ("round", "table", "company", "association")


def schedule_rows(session: Session, slug: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    event = get_event(session, slug)
    names = {p.id: p.organisation for p in participants_of(session, event)}
    rows = [(m.round, m.table, names[m.company_id], names[m.association_id]) for m in meetings_of(session, event)]
    return SCHEDULE_COLUMNS, rows


# --------------------------------------------------------------------------------------------- quality, grid
# What the console's schedule page shows. The bound of a schedule comes from the engine when this process
# computed it, else from the flow LP again (about 0.1 s at 300 participants), kept per schedule version and
# revision (a check-in or an edit may change it).

_bounds_lock = threading.Lock()
_bounds: dict[tuple[str, int], tuple[tuple[int, ...], float]] = {}


def _bound_key(event: Event) -> tuple[int, ...]:
    return (event.schedule_version, event.revision, event.rounds, event.tables, event.current_round)


def _remember_bound(session: Session, event: Event, bound: float) -> None:
    with _bounds_lock:
        _bounds[(str(session.get_bind().url), event.id)] = (_bound_key(event), bound)


def _known_bound(session: Session, event: Event) -> float | None:
    with _bounds_lock:
        known = _bounds.get((str(session.get_bind().url), event.id))
    return known[1] if known is not None and known[0] == _bound_key(event) else None


def schedule_quality_of(session: Session, event: Event) -> Quality | None:
    """How good the stored schedule is (None before there is one): meetings per company and per association,
    longest sit-out, meetings without a common language, wishes met out of asked, value and bound."""
    if not has_schedule(session, event):
        return None
    companies, associations = _sides(session, event)
    planned = [
        PlannedMeeting(round=m.round, table=m.table, company=m.company_id, association=m.association_id,
                       score=m.score)
        for m in meetings_of(session, event)
    ]
    bound = _known_bound(session, event)
    try:
        quality = engine_process.call("schedule_quality", companies, associations, event.rounds, event.tables,
                                      planned, bound=bound, kept_through=min(event.current_round, event.rounds))
    except ScheduleError as error:
        raise _engine_error(error) from error
    if bound is None:
        _remember_bound(session, event, quality.bound)
    return quality


@dataclass
class GridCell:
    company: str = ""
    association: str = ""


@dataclass
class GridRow:
    """One table of the grid: its meeting in each round (``cells[r - 1]`` is round r; blank: nobody there)."""

    table: int = 0
    cells: list[GridCell] = field(default_factory=list)


def schedule_grid(session: Session, event: Event) -> list[GridRow]:
    """The stored schedule as tables x rounds (rounds 1..``event.rounds``; every table of the event, and any
    table beyond it that a schedule made before the tables were reduced still uses)."""
    names = {p.id: p.organisation for p in participants_of(session, event)}
    meetings = [m for m in meetings_of(session, event) if 1 <= m.round <= event.rounds]
    tables = max([event.tables, *(m.table for m in meetings)])
    rows = [GridRow(table=t, cells=[GridCell() for _ in range(event.rounds)]) for t in range(1, tables + 1)]
    for m in meetings:
        if m.table >= 1:
            rows[m.table - 1].cells[m.round - 1] = GridCell(names.get(m.company_id, ""),
                                                            names.get(m.association_id, ""))
    return rows


def _ms(moment) -> int:
    return int(moment.timestamp() * 1000) if moment is not None else 0


@dataclass(frozen=True)
class ScheduleOverview:
    """Everything the console's schedule page shows, read in one transaction."""

    event_id: int
    settings: EventSettings
    companies: int
    associations: int
    has_schedule: bool
    published: bool
    outdated: bool
    scheduled_at_ms: int
    published_at_ms: int
    current_round: int
    phase: str
    quality: Quality | None
    grid: list[GridRow]


def schedule_overview(session: Session, event: Event, *, details: bool = True) -> ScheduleOverview:
    """The settings, the counts and the schedule's status; with ``details`` also its quality and grid."""
    people = participants_of(session, event)
    scheduled = has_schedule(session, event)
    details = details and scheduled
    return ScheduleOverview(
        event_id=event.id,
        settings=event_settings(event),
        companies=sum(p.kind == "company" for p in people),
        associations=sum(p.kind == "association" for p in people),
        has_schedule=scheduled,
        published=event.published,
        outdated=event.schedule_outdated,
        scheduled_at_ms=_ms(event.scheduled_at),
        published_at_ms=_ms(event.published_at),
        current_round=event.current_round,
        phase=event.phase,
        quality=schedule_quality_of(session, event) if details else None,
        grid=schedule_grid(session, event) if details else [],
    )
