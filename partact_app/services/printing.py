"""What the console prints: QR badges, paper agendas, table cards and room plans.

Every print shows the schedule's version and time, so an old printout is recognisable. Badges and agendas carry
the participants' secret links (the QR code): only a logged-in organiser's console reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, select

from partact_app.models import Event, Meeting, Participant, SeatedSide, utcnow
from partact_app.services import rounds
from partact_app.services.console import RoomRound, room_plan
from partact_app.services.errors import Invalid
from partact_app.services.participants import AgendaRow, build_agendas, round_start
from partact_app.services.qr import qr_data_uri
from partact_app.settings import participant_url

# Badge filters
ALL, COMPANIES, ASSOCIATIONS, WALK_INS, ONE = "all", "company", "association", "walk-ins", "one"
FILTERS = (ALL, COMPANIES, ASSOCIATIONS, WALK_INS, ONE)


@dataclass(frozen=True)
class PrintHeader:
    event_name: str
    schedule_version: int
    scheduled_at: str  # "YYYY-MM-DD HH:MM" UTC, "" before any schedule
    printed_at: str


@dataclass
class Badge:
    participant_id: int = 0
    organisation: str = ""
    contact_name: str = ""
    kind: str = ""
    table: int = 0  # the table this participant keeps all event (its side stays seated), else 0
    url: str = ""
    qr: str = ""  # SVG data URI of ``url``
    long_name: bool = False  # set in smaller type so that it fits


@dataclass
class AgendaSheet:
    organisation: str = ""
    kind: str = ""
    contact_name: str = ""
    qr: str = ""
    rows: list[AgendaRow] = field(default_factory=list)  # rounds 1..R only


@dataclass
class TableRound:
    round: int = 0
    time: str = ""
    company: str = ""  # "" when the table stays empty in that round
    association: str = ""


@dataclass
class TableCard:
    table: int = 0
    rows: list[TableRound] = field(default_factory=list)


LONG_NAME = 32  # characters from which a badge sets the organisation a size smaller


def header(event: Event) -> PrintHeader:
    return PrintHeader(
        event_name=event.name,
        schedule_version=event.schedule_version,
        scheduled_at=event.scheduled_at.strftime("%Y-%m-%d %H:%M") if event.scheduled_at else "",
        printed_at=utcnow().strftime("%Y-%m-%d %H:%M"),
    )


def seated_tables(session: Session, event: Event) -> dict[int, int]:
    """participant -> the one table it keeps all event, for the side that stays seated (empty when both move).

    The seated side is the one whose every participant uses a single table in the stored schedule (the
    organiser's choice when they made one, else the engine's rule)."""
    meetings = session.exec(select(Meeting).where(Meeting.event_id == event.id)).all()
    if event.seated_side == SeatedSide.NOBODY:
        return {}
    if event.seated_side in (SeatedSide.COMPANIES, SeatedSide.ASSOCIATIONS):
        sides = [event.seated_side]
    else:
        sides = [SeatedSide.ASSOCIATIONS, SeatedSide.COMPANIES]  # the engine's rule tries associations first
    for side in sides:
        tables: dict[int, set[int]] = {}
        for m in meetings:
            tables.setdefault(m.company_id if side == SeatedSide.COMPANIES else m.association_id, set()).add(m.table)
        if tables and all(len(t) == 1 for t in tables.values()):
            return {pid: next(iter(t)) for pid, t in tables.items()}
    return {}


def badges(session: Session, event: Event, which: str = ALL, participant_id: int = 0) -> list[Badge]:
    """The badges to print: everybody, one type, those registered since the last "printed" mark (walk-ins), or
    one participant (a reprint). Sorted by type, then name (the order of the registration desk)."""
    if which not in FILTERS:
        raise Invalid("print_filter_invalid", field="which")
    query = select(Participant).where(Participant.event_id == event.id)
    if which in (COMPANIES, ASSOCIATIONS):
        query = query.where(Participant.kind == which)
    elif which == WALK_INS and event.badges_printed_at is not None:
        query = query.where(Participant.created_at > event.badges_printed_at)
    elif which == ONE:
        query = query.where(Participant.id == participant_id)
    people = sorted(session.exec(query).all(), key=lambda p: (p.kind != "company", p.organisation.casefold()))
    seats = seated_tables(session, event)
    return [
        Badge(
            participant_id=p.id,
            organisation=p.organisation,
            contact_name=p.contact_name,
            kind=p.kind,
            table=seats.get(p.id, 0),
            url=participant_url(p.token),
            qr=qr_data_uri(participant_url(p.token)),
            long_name=len(p.organisation) > LONG_NAME,
        )
        for p in people
    ]


@dataclass(frozen=True)
class ParticipantQr:
    organisation: str
    url: str
    svg: str  # the SVG document
    data_uri: str  # the same, for an <img>


def participant_qr(session: Session, event: Event, participant_id: int) -> ParticipantQr:
    """The QR code of one participant's link (the console's check-in desk shows it, and offers it as a file)."""
    from partact_app.services.qr import qr_svg
    from partact_app.services.registrations import get_participant

    participant = get_participant(session, event, participant_id)
    url = participant_url(participant.token)
    svg = qr_svg(url)
    return ParticipantQr(participant.organisation, url, svg, qr_data_uri(url))


def mark_badges_printed(session: Session, event: Event) -> datetime:
    """Remember that the badges were printed now: participants registered later are the walk-ins to print."""
    event.badges_printed_at = utcnow()
    session.add(event)
    rounds.announce_revision(session, event)
    return event.badges_printed_at


def agendas(session: Session, event: Event, participant_id: int = 0) -> list[AgendaSheet]:
    """One paper agenda per participant (or the one asked for): the QR code and every round with its time, table,
    counterpart and what each side can give the other."""
    people = session.exec(select(Participant).where(Participant.event_id == event.id)).all()
    if participant_id:
        people = [p for p in people if p.id == participant_id]
    everyone = build_agendas(session, event)
    sheets = []
    for p in sorted(people, key=lambda p: (p.kind != "company", p.organisation.casefold())):
        sheets.append(
            AgendaSheet(
                organisation=p.organisation,
                kind=p.kind,
                contact_name=p.contact_name,
                qr=qr_data_uri(participant_url(p.token)),
                rows=everyone[p.id][1 : event.rounds + 1],
            )
        )
    return sheets


def table_cards(session: Session, event: Event) -> list[TableCard]:
    """One card per table: per round, the time and who sits there (company, association)."""
    plan: list[RoomRound] = room_plan(session, event)
    cards = {t: TableCard(table=t, rows=[]) for t in range(1, event.tables + 1)}
    for r in range(1, event.rounds + 1):
        seated = {seat.table: seat for seat in plan[r].tables}
        for t, card in cards.items():
            seat = seated.get(t)
            card.rows.append(
                TableRound(r, round_start(event, r), seat.company if seat else "", seat.association if seat else "")
            )
    return [cards[t] for t in sorted(cards)]
