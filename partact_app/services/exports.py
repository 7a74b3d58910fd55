"""CSV exports: the rows of each export, and one writer."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from sqlmodel import Session, select

from partact_app.core.cells import neutralise
from partact_app.core.registrations import COLUMNS as REGISTRATION_COLUMNS
from partact_app.models import FollowUp, Match, split_list
from partact_app.services.errors import Invalid
from partact_app.services.events import get_event
from partact_app.services.matches import describe
from partact_app.services.registrations import participants_of
from partact_app.settings import participant_url

LINK_COLUMNS = ("organisation", "type", "url")
# The registration columns first, so the file can be edited and re-imported; then check-in state and the link.
PARTICIPANT_COLUMNS = (*REGISTRATION_COLUMNS, "checked_in", "absent", "url")


def _cell(value: object) -> object:
    if value is None:
        return ""
    return neutralise(value) if isinstance(value, str) else value


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """CSV text; every text cell that a spreadsheet would run as a formula is neutralised (``core.cells``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()


def links(session: Session, slug: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    event = get_event(session, slug)
    rows = [(p.organisation, p.kind, participant_url(p.token)) for p in participants_of(session, event)]
    return LINK_COLUMNS, rows


def participants(session: Session, slug: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """The registration columns (so the file can be re-imported), then check-in state and the link."""
    event = get_event(session, slug)
    rows = []
    for p in participants_of(session, event):
        rows.append(
            (
                p.kind,
                p.organisation,
                p.contact_name,
                p.email,
                p.phone,
                ";".join(split_list(p.languages)),
                p.offers,
                p.needs,
                p.description,
                p.wishes,
                p.avoid,
                p.present_from_round,
                p.present_to_round,
                "yes" if p.checked_in else "no",
                "yes" if p.absent else "no",
                participant_url(p.token),
            )
        )
    return PARTICIPANT_COLUMNS, rows


def _schedule(session: Session, slug: str):
    from partact_app.services.scheduling import schedule_rows

    return schedule_rows(session, slug)


MATCH_COLUMNS = ("company", "association", "description", "status", "created_at")
FOLLOWUP_COLUMNS = ("from", "to", "created_at")


def matches(session: Session, slug: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Every match of the event with its status; ``description`` says what each side gives the other."""
    event = get_event(session, slug)
    names = {p.id: p.organisation for p in participants_of(session, event)}
    rows = session.exec(select(Match).where(Match.event_id == event.id).order_by(Match.created_at, Match.id)).all()
    return MATCH_COLUMNS, [
        (names[m.company_id], names[m.association_id], describe(m, names), m.status, m.created_at.isoformat())
        for m in rows
    ]


def followups(session: Session, slug: str) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Who asked to be put back in touch with whom after the event."""
    event = get_event(session, slug)
    names = {p.id: p.organisation for p in participants_of(session, event)}
    rows = session.exec(
        select(FollowUp).where(FollowUp.event_id == event.id).order_by(FollowUp.created_at, FollowUp.id)
    ).all()
    return FOLLOWUP_COLUMNS, [(names[f.from_id], names[f.to_id], f.created_at.isoformat()) for f in rows]


EXPORTS = {
    "links": links,
    "participants": participants,
    "schedule": _schedule,
    "matches": matches,
    "followups": followups,
}


def export(session: Session, slug: str, what: str) -> str:
    if what not in EXPORTS:
        raise Invalid("export_unknown", field="what", what=what, choices=", ".join(sorted(EXPORTS)))
    columns, rows = EXPORTS[what](session, slug)
    return to_csv(columns, rows)
