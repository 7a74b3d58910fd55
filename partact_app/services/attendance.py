"""Who is in the room: check-in, no-shows, late arrivals, early departures, walk-ins; each re-plans at once.

Every change of attendance re-plans the remaining rounds right away, in the same transaction, with the engine's
stable re-plan (``scheduling.replan_event``): the rounds already held and the round under way stay as they are,
and every later meeting that still works is kept. Right away, because on the day speed matters more than anything
(the next gong is minutes away and the organiser must tell the people concerned now), and because the stable
re-plan changes only the agenda rows it must: the phones of those participants reload their agenda, every other
phone sees nothing change. The result lists the changed rows; :func:`change_lines` turns them into what the
console shows ("Round 3: Banque X meets Fondation Y (instead of Z)").

Before any schedule was computed there is nothing to re-plan: the change is stored, and the schedule, once
generated, takes it into account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlmodel import Session

from partact_app.models import Event, Participant, Phase, utcnow
from partact_app.services import registrations
from partact_app.services.errors import Conflict, Invalid
from partact_app.services.rounds import announce_revision
from partact_app.services.scheduling import AgendaChange, Replan, replan_event

MAX_CHANGE_LINES = 300  # lines of changes the console lists after one re-plan


@dataclass
class ChangeLine:
    """One line of "what changed" (``after`` "" : no meeting any more; ``before`` "": a new meeting)."""

    round: int = 0
    organisation: str = ""
    after: str = ""
    before: str = ""


def change_lines(changes: Iterable[AgendaChange], skip: Iterable[str] = ()) -> list[ChangeLine]:
    """What a re-plan changed, one line per new meeting (not once per side), by round: "A meets B (instead of
    C)". A participant left without a meeting gets a line too, unless named in ``skip`` (the participant the
    organiser just marked absent, whose rows all go)."""
    skipped = set(skip)
    seen: set[tuple[int, frozenset[str]]] = set()
    lines: list[ChangeLine] = []
    for change in changes:
        if change.after:
            pair = (change.round, frozenset((change.organisation, change.after)))
            if pair in seen:
                continue
            seen.add(pair)
        elif change.organisation in skipped:
            continue
        lines.append(ChangeLine(change.round, change.organisation, change.after, change.before))
    return lines


def _check_open(event: Event) -> None:
    if event.phase == Phase.FINISHED:
        raise Conflict("event_finished")


def _replan(session: Session, event: Event) -> Replan | None:
    """Re-plan after an attendance change (None when no schedule exists yet: only the consoles are told)."""
    session.flush()
    if not registrations.has_schedule(session, event):
        announce_revision(session, event)
        return None
    event.revision += 1  # the re-plan's announcement carries it: the consoles reload once
    session.add(event)
    return replan_event(session, event.slug)


def _round(value: object, event: Event, field: str = "round") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= event.rounds:
        raise Invalid("round_invalid", field=field, rounds=event.rounds)
    return value


def check_in(session: Session, event: Event, participant_id: int, present: bool = True) -> Replan | None:
    """Tick (or untick) a participant's arrival. A participant marked absent who arrives after all is back in the
    schedule: from the next round once the event has started, re-planned at once."""
    participant = registrations.get_participant(session, event, participant_id)
    if not (present and participant.absent and event.phase != Phase.FINISHED):
        registrations.check_in(session, event, participant_id, present)
        return None
    participant.absent = False
    participant.checked_in = True
    participant.checked_in_at = utcnow()
    if event.current_round >= event.rounds:
        registrations.check_in(session, event, participant_id, True)
        return None
    if event.current_round > 0:
        participant.present_from_round = max(participant.present_from_round or 1, event.current_round + 1)
        if participant.present_to_round is not None and participant.present_to_round < participant.present_from_round:
            participant.present_to_round = None
    participant.updated_at = utcnow()
    session.add(participant)
    return _replan(session, event)


def mark_absent(session: Session, event: Event, participant_id: int) -> Replan | None:
    """A no-show, or someone who left: no meeting for them from the next round on (held rounds stay)."""
    _check_open(event)
    participant = registrations.get_participant(session, event, participant_id)
    participant.absent = True
    participant.updated_at = utcnow()
    session.add(participant)
    return _replan(session, event)


def arrives_from(session: Session, event: Event, participant_id: int, round_number: object) -> Replan | None:
    """A late arrival: present from ``round_number``, a round not yet under way."""
    _check_open(event)
    round_number = _round(round_number, event)
    participant = registrations.get_participant(session, event, participant_id)
    if round_number <= event.current_round:
        if event.current_round >= event.rounds:
            raise Conflict("no_round_left")
        raise Invalid("round_played", field="round", round=round_number, next=event.current_round + 1)
    last = participant.present_to_round
    if last is not None and round_number > last:
        raise Invalid("arrival_after_departure", field="round", first=round_number, last=last)
    participant.present_from_round = round_number
    participant.absent = False
    participant.updated_at = utcnow()
    session.add(participant)
    return _replan(session, event)


def leaves_after(session: Session, event: Event, participant_id: int, round_number: object) -> Replan | None:
    """An early departure: present until ``round_number`` included (the round under way or a later one)."""
    _check_open(event)
    round_number = _round(round_number, event)
    participant = registrations.get_participant(session, event, participant_id)
    if round_number < event.current_round:
        raise Invalid("round_over", field="round", round=round_number, current=event.current_round)
    first = participant.present_from_round
    if first is not None and round_number < first:
        raise Invalid("arrival_after_departure", field="round", first=first, last=round_number)
    participant.present_to_round = round_number
    participant.updated_at = utcnow()
    session.add(participant)
    return _replan(session, event)


def add_walk_in(session: Session, event: Event, cells: Mapping[str, object]) -> tuple[Participant, Replan | None]:
    """Someone who turns up unregistered: checked in, present from the next round (or a later one given in the
    form), every remaining round re-planned at once."""
    _check_open(event)
    if event.current_round >= event.rounds:
        raise Conflict("no_round_left")
    first_round = event.current_round + 1
    cells = dict(cells)
    raw_first = cells.get("present_from_round")
    if not isinstance(raw_first, str) or not raw_first.strip():
        cells["present_from_round"] = str(first_round)
    problems: list[Invalid] = []
    try:
        registration = registrations.validated(session, event, cells)
    except Invalid as refused:
        problems, registration = list(refused.problems), None
    raw = str(cells["present_from_round"]).strip()
    if raw.isdigit() and int(raw) < first_round and all(p.field != "present_from_round" for p in problems):
        problems.append(Invalid("round_played", field="present_from_round", round=int(raw), next=first_round))
    if problems or registration is None:
        raise registrations.form_invalid(problems)
    participant = registrations.create_participant(session, event, registration, checked_in=True,
                                                   checked_in_at=utcnow())
    return participant, _replan(session, event)


def no_shows_before_start(session: Session, event: Event) -> tuple[int, Replan | None]:
    """Before round 1: everyone not checked in is marked absent, and the schedule is re-planned. Returns how many
    were marked. Refused once round 1 has started (mark them one by one then), and while nobody is checked in
    (that would empty the schedule)."""
    if event.current_round > 0 or event.phase != Phase.BEFORE:
        raise Conflict("no_shows_started")
    everyone = registrations.participants_of(session, event)
    if not any(p.checked_in for p in everyone):
        raise Conflict("nobody_checked_in")
    missing = [p for p in everyone if not p.checked_in and not p.absent]
    if not missing:
        return 0, None
    for participant in missing:
        participant.absent = True
        participant.updated_at = utcnow()
        session.add(participant)
    return len(missing), _replan(session, event)
