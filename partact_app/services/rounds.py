"""Running the rounds of an event: start, next round, pause, resume, extend, end.

Each use case is one transaction on the event row (a compare-and-set on the current round, so two organisers
clicking "next round" at once advance once), and after the commit the new live snapshot is published on the bus
(``broadcast.bus``), which carries it to every phone of the event. The service writes, then announces: it never
knows who listens. The database is the authority: a backend restart loses nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import sqlalchemy as sa
from sqlmodel import Session, func, select

from partact_app.db import after_commit, session_scope
from partact_app.broadcast.bus import LiveSnapshot, publish
from partact_app.models import Event, Match, MatchStatus, Phase, utcnow
from partact_app.services.errors import Conflict, Invalid

MAX_EXTEND_MINUTES = 60


def _ms(moment: dt.datetime | None) -> int:
    if moment is None:
        return 0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return int(moment.timestamp() * 1000)


def partnerships(session: Session, event_id: int) -> int:
    """The event's recorded matches (the big screen's counter)."""
    return session.exec(
        select(func.count()).select_from(Match).where(Match.event_id == event_id, Match.status.in_(MatchStatus.COUNTED))
    ).one()


def snapshot(session: Session, event: Event) -> LiveSnapshot:
    """The live state of the event every phone must agree on (one count query for the partnerships)."""
    return LiveSnapshot(
        event_id=event.id or 0,
        phase=event.phase,
        round=event.current_round,
        rounds=event.rounds,
        deadline_ms=_ms(event.round_deadline) if event.phase in (Phase.RUNNING, Phase.CHANGEOVER) else 0,
        remaining_ms=int((event.paused_remaining or 0) * 1000) if event.phase == Phase.PAUSED else 0,
        round_ms=event.round_minutes * 60_000,
        schedule_version=event.schedule_version,
        revision=event.revision,
        partnerships=partnerships(session, event.id) if event.id else 0,
        announcement=event.announcement,
    )


def load_snapshot(session: Session, event_id: int) -> LiveSnapshot | None:
    event = session.get(Event, event_id)
    return snapshot(session, event) if event is not None else None


def read_snapshot(event_id: int) -> LiveSnapshot | None:
    """The event's live snapshot in a transaction of its own: the broadcast's loader (handed over by the app)."""
    with session_scope() as session:
        return load_snapshot(session, event_id)


def _check_expected(event: Event, expected_round: int | None) -> None:
    if expected_round is not None and expected_round != event.current_round:
        raise Conflict("round_changed", expected=expected_round, current=event.current_round)


def _apply(session: Session, event: Event, **values) -> LiveSnapshot:
    """Write the new live fields only if the round is still the one read (compare-and-set), then publish."""
    seen_round, seen_phase = event.current_round, event.phase
    result = session.execute(
        sa.update(Event)
        .where(Event.id == event.id, Event.current_round == seen_round, Event.phase == seen_phase)
        .values(**values)
    )
    if result.rowcount != 1:
        session.refresh(event)
        raise Conflict("round_changed", expected=seen_round, current=event.current_round)
    session.refresh(event)
    change = snapshot(session, event)
    after_commit(session, lambda: publish(change))
    return change


def _remaining_seconds(event: Event, now: dt.datetime) -> float:
    if event.phase == Phase.PAUSED:
        return max(0.0, event.paused_remaining or 0.0)
    if event.phase == Phase.RUNNING and event.round_deadline is not None:
        return max(0.0, (event.round_deadline - now).total_seconds())
    return 0.0


def next_round(session: Session, event: Event, expected_round: int | None = None) -> LiveSnapshot:
    """Start round 1 before the start, else the next round; after the last round the event is finished."""
    _check_expected(event, expected_round)
    if event.phase == Phase.FINISHED:
        raise Conflict("event_finished")
    now = utcnow()
    if event.current_round >= event.rounds:
        return _apply(session, event, phase=Phase.FINISHED, round_deadline=None, paused_remaining=None)
    return _apply(
        session,
        event,
        phase=Phase.RUNNING,
        current_round=event.current_round + 1,
        round_deadline=now + dt.timedelta(minutes=event.round_minutes),
        paused_remaining=None,
    )


def pause(session: Session, event: Event, expected_round: int | None = None) -> LiveSnapshot:
    _check_expected(event, expected_round)
    if event.phase != Phase.RUNNING:
        raise Conflict("not_running")
    remaining = _remaining_seconds(event, utcnow())
    return _apply(session, event, phase=Phase.PAUSED, paused_remaining=remaining, round_deadline=None)


def resume(session: Session, event: Event, expected_round: int | None = None) -> LiveSnapshot:
    _check_expected(event, expected_round)
    if event.phase != Phase.PAUSED:
        raise Conflict("not_paused")
    deadline = utcnow() + dt.timedelta(seconds=event.paused_remaining or 0)
    return _apply(session, event, phase=Phase.RUNNING, round_deadline=deadline, paused_remaining=None)


def extend(session: Session, event: Event, minutes: float = 1, expected_round: int | None = None) -> LiveSnapshot:
    """Give the current round more time (also after its gong, and while paused), or the changeover."""
    _check_expected(event, expected_round)
    if not 0 < minutes <= MAX_EXTEND_MINUTES:
        raise Invalid("extend_invalid", field="minutes", max=MAX_EXTEND_MINUTES)
    if event.phase == Phase.PAUSED:
        return _apply(session, event, paused_remaining=(event.paused_remaining or 0) + minutes * 60)
    if event.phase not in (Phase.RUNNING, Phase.CHANGEOVER):
        raise Conflict("not_running")
    now = utcnow()
    base = max(event.round_deadline or now, now)
    return _apply(session, event, round_deadline=base + dt.timedelta(minutes=minutes))


def end(session: Session, event: Event, expected_round: int | None = None) -> LiveSnapshot:
    _check_expected(event, expected_round)
    if event.phase == Phase.FINISHED:
        raise Conflict("event_finished")
    return _apply(session, event, phase=Phase.FINISHED, round_deadline=None, paused_remaining=None)


# A tick that comes later than this after a deadline (the server was down) starts the next period from now
# rather than from the deadline, so nobody gets a round that is already over.
LATE_TICK_SECONDS = 5.0


def advance_if_due(session: Session, event: Event, now: dt.datetime | None = None) -> LiveSnapshot | None:
    """Automatic advance (``Event.auto_advance``): the server's own "next" when the time is up.

    A running round whose deadline has passed moves to the changeover for ``break_minutes`` ("move to your next
    table"), or straight to the next round when there is no break, or to the end after the last round; a
    changeover whose deadline has passed starts the next round. Each period starts at the previous deadline, so
    the timetable does not drift with the tick. A compare-and-set like every live action: several instances
    ticking at once advance once. None when nothing is due.
    """
    now = now or utcnow()
    if not event.auto_advance or event.round_deadline is None or event.round_deadline > now:
        return None
    late = (now - event.round_deadline).total_seconds() > LATE_TICK_SECONDS
    base = now if late else event.round_deadline
    round_time = dt.timedelta(minutes=event.round_minutes)
    if event.phase == Phase.CHANGEOVER:
        return _apply(session, event, phase=Phase.RUNNING, current_round=event.current_round + 1,
                      round_deadline=base + round_time)
    if event.phase != Phase.RUNNING:
        return None
    if event.current_round >= event.rounds:
        return _apply(session, event, phase=Phase.FINISHED, round_deadline=None)
    if event.break_minutes > 0:
        return _apply(session, event, phase=Phase.CHANGEOVER,
                      round_deadline=base + dt.timedelta(minutes=event.break_minutes))
    return _apply(session, event, current_round=event.current_round + 1, round_deadline=base + round_time)


def advance_due_events(session: Session) -> list[LiveSnapshot]:
    """``advance_if_due`` for every event whose automatic advance is due (one query; the ticker's use case)."""
    now = utcnow()
    due = session.exec(
        select(Event).where(
            Event.auto_advance == sa.true(),
            Event.phase.in_([Phase.RUNNING, Phase.CHANGEOVER]),
            Event.round_deadline <= now,
        )
    ).all()
    advanced = []
    for event in due:
        try:
            change = advance_if_due(session, event, now)
        except Conflict:  # another instance advanced it first
            continue
        if change is not None:
            advanced.append(change)
    return advanced


def set_auto_advance(session: Session, event: Event, enabled: bool) -> LiveSnapshot:
    """Turn the automatic advance on or off (any phase); a changeover under way ends at its deadline either way:
    without automatic advance the organiser starts the next round."""
    event.auto_advance = bool(enabled)
    session.add(event)
    session.flush()
    announce_revision(session, event)
    return snapshot(session, event)


MAX_ANNOUNCEMENT = 280


def announce(session: Session, event: Event, text: str) -> LiveSnapshot:
    """Show ``text`` on the big screen and as a banner on every phone until it is cleared (an empty text).

    Whitespace runs become one space and control characters go; more than ``MAX_ANNOUNCEMENT`` characters is
    refused. Shown as text everywhere, never as markup."""
    cleaned = " ".join("".join(ch if ch.isprintable() else " " for ch in str(text or "")).split())
    if len(cleaned) > MAX_ANNOUNCEMENT:
        raise Invalid("announcement_too_long", field="announcement", max=MAX_ANNOUNCEMENT)
    event.announcement = cleaned
    session.add(event)
    announce_revision(session, event)
    return snapshot(session, event)


def rewind(session: Session, event: Event) -> LiveSnapshot:
    """Back to before the first round (the demo, played again). Held meetings stay as they are."""
    return _apply(session, event, phase=Phase.BEFORE, current_round=0, round_deadline=None, paused_remaining=None)


def announce_schedule(session: Session, event: Event, changed: set[int] | None = None) -> None:
    """After a (re-)plan or anything that changes what the agendas show: tell the phones so they reload them;
    ``changed`` names the participants whose agenda changed (only their phones reload), None for everybody."""
    session.refresh(event)
    change = replace(snapshot(session, event), changed=None if changed is None else tuple(sorted(changed)))
    after_commit(session, lambda: publish(change))


def announce_revision(session: Session, event: Event, notify: tuple[int, ...] = ()) -> None:
    """After a change the consoles show (a check-in, a participant edited, a match...): bump the event's revision
    and tell the consoles of the event, which reload their lists (the big screen gets the new partnership count);
    the phones ignore it, except those of the ``notify`` participants, whose pages reload their own data."""
    event.revision += 1
    session.add(event)
    session.flush()
    session.refresh(event)
    change = replace(snapshot(session, event), notify=tuple(notify))
    after_commit(session, lambda: publish(change))
