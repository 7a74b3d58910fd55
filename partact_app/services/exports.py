"""Exports: the rows of each export, written as CSV (the CLI and the console) or as one XLSX workbook with a sheet
per export; and the registration template as CSV and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from sqlmodel import Session, select

from partact_app.core.cells import neutralise
from partact_app.core.registration_template import template_rows
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


def export_bytes(session: Session, slug: str, what: str) -> bytes:
    """The CSV export ``what`` as the file ``partact export SLUG WHAT -o FILE`` writes (UTF-8)."""
    return export(session, slug, what).encode("utf-8")


def _xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> bytes:
    """A workbook with one sheet per ``(title, columns, rows)``. Every text cell is written as text, never as a
    formula (openpyxl would store a string starting with ``=`` as one), and characters a workbook cannot hold
    (control characters) are dropped."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    for title, columns, rows in sheets:
        sheet = workbook.create_sheet(title=title)

        def cells(values: Iterable[object]) -> list:
            out = []
            for value in values:
                if value is None:
                    value = ""
                if isinstance(value, str):
                    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                    cell.data_type = "s"
                else:
                    cell = WriteOnlyCell(sheet, value=value)
                out.append(cell)
            return out

        sheet.append(cells(columns))
        for row in rows:
            sheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK_SHEETS = ("schedule", "links", "participants", "matches", "followups")


def workbook(session: Session, slug: str) -> bytes:
    """Every export in one XLSX workbook, one sheet each (named as the export)."""
    sheets = []
    for what in WORKBOOK_SHEETS:
        columns, rows = EXPORTS[what](session, slug)
        sheets.append((what, columns, rows))
    return _xlsx(sheets)


def template_csv() -> bytes:
    """The registration template as CSV (UTF-8 with a byte order mark, so Excel reads the accents)."""
    header, *rows = template_rows()
    return ("\ufeff" + to_csv(header, rows)).encode("utf-8")


def template_xlsx() -> bytes:
    """The registration template as an XLSX workbook (one sheet)."""
    header, *rows = template_rows()
    return _xlsx([("registrations", header, rows)])
