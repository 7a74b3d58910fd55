"""Parse and validate a registration file (CSV or XLSX) into :class:`Registration` records.

The file has one header row and one row per participant. Column names (the contract; case-insensitive,
surrounding spaces ignored, inner spaces or hyphens read as ``_``, unknown columns ignored):

``type``
    ``company`` or ``association`` (also accepted: ``entreprise``, ``société``, ``asbl``, ``unternehmen``,
    ``firma``, ``verein``). Required.
``organisation``
    Name, unique in the event (case-insensitive, inner whitespace collapsed). Required.
``languages``
    Language codes among ``fr``, ``de``, ``en``, ``lb``. Required and non-empty on every row: a participant
    speaking no listed language could meet nobody.
``contact_name``, ``email``, ``phone``, ``description``
    Free text; a non-blank ``email`` must look like an address.
``offers``, ``needs``
    Category keys from :data:`~partact_app.core.categories.CATEGORY_KEYS`.
``wishes``, ``avoid``
    Names of organisations of the other type, registered in the same file or already in the event
    (``existing``); matched case-insensitively, stored with the registered spelling.
``present_from_round``, ``present_to_round``
    Whole numbers in ``1..rounds``; blank means from the first / until the last round.

List cells: entries are separated by ``;`` or ``|``. In a ``;``-delimited file (French Excel) a cell holding
neither ``;`` nor ``|`` is split on ``,`` instead, so ``fr,de`` works unquoted there; organisation names
containing a comma must then be separated with ``|`` in such files. Entries are trimmed, lower-cased (codes
and keys) and de-duplicated keeping the first occurrence.

Formats: XLSX (recognised by its zip signature; first sheet, first non-blank row is the header) and
delimited text (delimiter ``,``, ``;`` or tab, detected from the header line) in UTF-8 with or without BOM,
UTF-16 with BOM, or Windows-1252 as a fallback. The old binary ``.xls`` format is refused with a clear error.

Line numbers are those a user sees: the header is line 1, the first data row line 2 (in XLSX the sheet row
number; in CSV the physical line where the record starts, blank lines included). Line ``0`` marks an error
about the whole file. Every problem is reported; rows with an error are left out of ``registrations``.

One participant entered in a form (the console's add, edit and walk-in) is checked by
:func:`validate_registration`, which runs the same per-row checks as the file (``_validate_own_fields`` and
``_validate_partners``) on a dict of the same columns; :func:`error_column` names the column each problem is
about, so a form shows it next to its field.

Bounds: text cells longer than :data:`MAX_LENGTHS` (the database's column sizes) are refused, and a file may hold
at most :data:`MAX_ROWS` registrations (an XLSX at most :data:`MAX_XLSX_UNPACKED` bytes once unzipped, of which
:data:`MAX_SCANNED_ROWS` rows and :data:`MAX_COLUMNS` columns are read), so that what one upload makes the
server compute stays small.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from partact_app.core.categories import (
    ASSOCIATION,
    CATEGORY_KEYS,
    COMPANY,
    LANGUAGE_CODES,
    PARTICIPANT_TYPES,
    other_type,
)
from partact_app.core.cells import restore

COLUMNS: tuple[str, ...] = (
    "type",
    "organisation",
    "contact_name",
    "email",
    "phone",
    "languages",
    "offers",
    "needs",
    "description",
    "wishes",
    "avoid",
    "present_from_round",
    "present_to_round",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("type", "organisation", "languages")
LIST_COLUMNS: tuple[str, ...] = ("languages", "offers", "needs", "wishes", "avoid")

#: Every error code; the message of code ``c`` is the catalogue key ``import.c``.
ERROR_CODES: tuple[str, ...] = (
    "file_unreadable",
    "xls_not_supported",
    "bad_encoding",
    "bad_quotes",
    "empty_file",
    "missing_columns",
    "duplicate_column",
    "extra_cells",
    "missing_type",
    "unknown_type",
    "empty_organisation",
    "duplicate_organisation",
    "kind_changed",
    "missing_languages",
    "unknown_language",
    "unknown_category",
    "bad_email",
    "round_not_integer",
    "round_out_of_range",
    "round_order",
    "partner_not_found",
    "partner_same_type",
    "wish_and_avoid",
    "too_long",
    "too_many_rows",
    "sheet_too_long",
    "file_too_large",
    "organisation_exists",
)

#: The longest text each column may hold (the database's column sizes; ``description`` is free text, bounded here).
MAX_LENGTHS: dict[str, int] = {
    "organisation": 200,
    "contact_name": 200,
    "email": 254,
    "phone": 64,
    "description": 4000,
}
MAX_ROWS = 5000  # registrations in one file: a Beursvloer has a few hundred
MAX_XLSX_UNPACKED = 20 * 1024 * 1024  # bytes of a workbook once unzipped (a zip bomb is refused before parsing)
MAX_COLUMNS = 64  # columns of a sheet that are read (the file has 13; a few more of the organiser's own are fine)
MAX_SCANNED_ROWS = 100_000  # rows of a sheet read in all, blank ones included

# The column each row error is about (errors whose parameters name a ``column`` are about that one).
_ERROR_COLUMNS: dict[str, str] = {
    "missing_type": "type",
    "unknown_type": "type",
    "kind_changed": "type",
    "empty_organisation": "organisation",
    "duplicate_organisation": "organisation",
    "organisation_exists": "organisation",
    "missing_languages": "languages",
    "unknown_language": "languages",
    "bad_email": "email",
    "round_order": "present_to_round",
    "wish_and_avoid": "avoid",
}

TYPE_ALIASES: dict[str, str] = {
    "company": COMPANY,
    "entreprise": COMPANY,
    "société": COMPANY,
    "societe": COMPANY,
    "unternehmen": COMPANY,
    "firma": COMPANY,
    "association": ASSOCIATION,
    "asbl": ASSOCIATION,
    "a.s.b.l.": ASSOCIATION,
    "verein": ASSOCIATION,
}

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and other OLE2 documents)
_EMAIL_RE = re.compile(r'^[^@\s,;<>()\[\]"]+@[^@\s,;<>()\[\]".]+(?:\.[^@\s,;<>()\[\]".]+)+$')
_INT_RE = re.compile(r"^[+-]?\d+(?:[.,]0*)?$")


@dataclass(frozen=True)
class Registration:
    """One validated row of a registration file."""

    kind: str
    organisation: str
    contact_name: str
    email: str
    phone: str
    languages: tuple[str, ...]
    offers: tuple[str, ...]
    needs: tuple[str, ...]
    description: str
    wishes: tuple[str, ...]
    avoid: tuple[str, ...]
    present_from_round: int | None
    present_to_round: int | None
    line: int


@dataclass(frozen=True)
class RowError:
    """A problem found at ``line`` (0: the whole file). ``code`` and ``params`` name the problem; the services turn
    them into text (the catalogue key ``import.<code>``, see ``services.errors.row_error_message``)."""

    line: int
    code: str
    params: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class ParseResult:
    registrations: tuple[Registration, ...]
    errors: tuple[RowError, ...]

    @property
    def ok(self) -> bool:
        return not self.errors


# --- small normalisers ---------------------------------------------------------------------------


def collapse(text: str) -> str:
    """Trim and collapse internal whitespace (including no-break spaces) to single spaces."""
    return " ".join(text.split())


def name_key(name: str) -> str:
    """The comparison key of an organisation name: NFC, collapsed whitespace, case-folded."""
    return collapse(unicodedata.normalize("NFC", name)).casefold()


def _header_key(name: str) -> str:
    name = name.replace("\ufeff", "")
    if name.startswith("ï»¿"):  # a UTF-8 BOM read as Windows-1252
        name = name[3:]
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _split_list(cell: str, *, comma_fallback: bool) -> list[str]:
    if ";" in cell or "|" in cell:
        parts = re.split(r"[;|]", cell)
    elif comma_fallback:
        parts = cell.split(",")
    else:
        parts = [cell]
    return [collapse(part) for part in parts if part.strip()]


def _dedupe(items: Iterable[str], key=lambda item: item) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return tuple(out)


# --- reading the file into raw rows --------------------------------------------------------------


class _FileError(Exception):
    def __init__(self, code: str, line: int = 0, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.line = line
        self.params = params


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _unpacked_size(data: bytes) -> int:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise _FileError("file_unreadable") from exc


def _read_xlsx(data: bytes) -> tuple[list[tuple[int, list[str]]], bool]:
    """The first sheet's rows, streamed (openpyxl's read-only mode): a tiny workbook with one cell on row 1 000 000
    costs a second, not a gigabyte. Columns after :data:`MAX_COLUMNS` are not read; more than :data:`MAX_ROWS`
    filled rows, or :data:`MAX_SCANNED_ROWS` rows in all, refuse the file."""
    if _unpacked_size(data) > MAX_XLSX_UNPACKED:
        raise _FileError("file_too_large", megabytes=MAX_XLSX_UNPACKED // (1024 * 1024))
    rows: list[tuple[int, list[str]]] = []
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        try:
            if not workbook.worksheets:
                return [], False
            sheet = workbook.worksheets[0]
            for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                if number > MAX_SCANNED_ROWS:
                    raise _FileError("sheet_too_long", max=MAX_SCANNED_ROWS)
                cells = [_cell_text(value) for value in values]
                if any(cell.strip() for cell in cells):
                    if len(rows) > MAX_ROWS:  # the header and MAX_ROWS registrations are read
                        raise _FileError("too_many_rows", max=MAX_ROWS)
                    rows.append((number, cells))
        finally:
            workbook.close()
    except _FileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the reader means "not a workbook we can read"
        raise _FileError("file_unreadable") from exc
    return rows, False


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise _FileError("bad_encoding") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise _FileError("bad_encoding") from exc
    if "\x00" in text:
        raise _FileError("file_unreadable")
    return text


def _detect_delimiter(text: str) -> str:
    for line in text.splitlines():
        if not line.strip():
            continue
        unquoted = re.sub(r'"[^"]*"', "", line)
        counts = {delimiter: unquoted.count(delimiter) for delimiter in (",", ";", "\t")}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        return best if counts[best] else ","
    return ","


def _read_csv(data: bytes) -> tuple[list[tuple[int, list[str]]], bool]:
    text = _decode(data)
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):  # blank lines count for the line numbers only
                if len(rows) > MAX_ROWS:  # the header and MAX_ROWS rows are read, not a file of empty lines
                    raise _FileError("too_many_rows", max=MAX_ROWS)
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:  # a quote left open, or text right after a closing quote
        raise _FileError("bad_quotes", line=start) from exc
    return rows, delimiter == ";"


def _read_rows(data: bytes, filename: str) -> tuple[list[tuple[int, list[str]]], bool]:
    """``(line, cells)`` for every row of the file, and whether list cells may use ``,``."""
    lower = filename.strip().lower()
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data)
    if data.startswith(_OLE_MAGIC):
        raise _FileError("xls_not_supported")
    if lower.endswith((".xlsx", ".xlsm")):
        raise _FileError("file_unreadable")
    if lower.endswith((".xls", ".ods", ".numbers", ".pdf", ".docx", ".doc")):
        raise _FileError("xls_not_supported" if lower.endswith(".xls") else "file_unreadable")
    return _read_csv(data)


# --- validation ----------------------------------------------------------------------------------


def _parse_round(raw: str, column: str, rounds: int, line: int, errors: list[RowError]) -> int | None:
    value = raw.strip()
    if not value:
        return None
    if not _INT_RE.match(value):
        errors.append(RowError(line, "round_not_integer", {"value": value, "column": column}))
        return None
    number = int(re.split(r"[.,]", value)[0])
    if not 1 <= number <= rounds:
        errors.append(
            RowError(line, "round_out_of_range", {"value": value, "column": column, "rounds": rounds})
        )
        return None
    return number


def _cell(cells: list[str], index: int | None) -> str:
    """The text of a cell, without the apostrophe our exports put before formula characters."""
    return restore(cells[index]) if index is not None and index < len(cells) else ""


@dataclass
class _Row:
    line: int
    cells: dict[str, str]
    kind: str | None = None
    organisation: str = ""
    errors: list[RowError] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)


def parse_registrations(
    data: bytes,
    *,
    rounds: int,
    filename: str = "",
    existing: Iterable[tuple[str, str]] = (),
) -> ParseResult:
    """Parse and validate a registration file; see the module docstring for the format.

    ``existing`` lists the ``(kind, organisation)`` pairs already registered in the event: a row with one of
    those names updates that participant (it may not change its type), and ``wishes`` / ``avoid`` may name them.
    """
    if not data or not data.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        return ParseResult((), (RowError(0, "empty_file", {}),))
    try:
        raw_rows, comma_lists = _read_rows(data, filename)
    except _FileError as exc:
        return ParseResult((), (RowError(exc.line, exc.code, dict(exc.params)),))

    rows = [(line, cells) for line, cells in raw_rows if any(cell.strip() for cell in cells)]
    if not rows:
        return ParseResult((), (RowError(0, "empty_file", {}),))

    header_line, header_cells = rows[0]
    header = [_header_key(cell) for cell in header_cells]
    file_errors: list[RowError] = []
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        if name in positions:
            if name in COLUMNS:
                file_errors.append(RowError(header_line, "duplicate_column", {"column": name}))
            continue
        positions[name] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        file_errors.append(RowError(header_line, "missing_columns", {"columns": ", ".join(missing)}))
        return ParseResult((), tuple(file_errors))
    data_rows = rows[1:]
    if not data_rows:
        file_errors.append(RowError(0, "empty_file", {}))
        return ParseResult((), tuple(file_errors))
    if len(data_rows) > MAX_ROWS:
        file_errors.append(RowError(0, "too_many_rows", {"max": MAX_ROWS}))
        return ParseResult((), tuple(file_errors))

    named = {index for index, name in enumerate(header) if name}
    parsed: list[_Row] = []
    for line, cells in data_rows:
        row = _Row(line, {column: _cell(cells, positions.get(column)) for column in COLUMNS})
        extra = [cell for index, cell in enumerate(cells) if index not in named and cell.strip()]
        if extra:
            row.errors.append(RowError(line, "extra_cells", {"count": len(extra), "value": collapse(extra[0])}))
        _validate_own_fields(row, rounds)
        parsed.append(row)

    # Organisation names: unique in the file and against the event.
    existing_index = _directory(existing)
    file_index: dict[str, _Row] = {}
    for row in parsed:
        if not row.organisation:
            continue
        key = name_key(row.organisation)
        if key in file_index:
            first = file_index[key]
            row.errors.append(
                RowError(row.line, "duplicate_organisation",
                         {"organisation": row.organisation, "first_line": first.line})
            )
        else:
            # A name already registered in the event is an update of that participant, as long as the row
            # keeps its side: an organisation cannot change from company to association by re-import.
            registered_kind = existing_index.get(key, (None, ""))[0]
            if registered_kind and row.kind and registered_kind != row.kind:
                row.errors.append(
                    RowError(row.line, "kind_changed", {"organisation": row.organisation})
                )
            file_index[key] = row

    directory: dict[str, tuple[str | None, str]] = dict(existing_index)
    for key, row in file_index.items():
        directory[key] = (row.kind, row.organisation)

    for row in parsed:
        _validate_partners(row, directory, comma_lists)

    registrations: list[Registration] = []
    errors: list[RowError] = list(file_errors)
    for row in parsed:
        if row.errors:
            errors.extend(row.errors)
            continue
        registrations.append(_registration(row))
    return ParseResult(tuple(registrations), tuple(errors))


def _directory(registered: Iterable[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """name key -> (kind, name) of the organisations already registered in the event."""
    index: dict[str, tuple[str, str]] = {}
    for kind, name in registered:
        kind_key = TYPE_ALIASES.get(kind.strip().lower(), kind.strip().lower())
        if collapse(name):
            index.setdefault(name_key(name), (kind_key, collapse(name)))
    return index


def _registration(row: _Row) -> Registration:
    fields_ = {"kind": row.kind or "", "organisation": row.organisation, "line": row.line, **row.values}
    return Registration(**fields_)  # type: ignore[arg-type]


def validate_registration(
    cells: Mapping[str, object],
    *,
    rounds: int,
    others: Iterable[tuple[str, str]] = (),
    kind: str | None = None,
) -> ParseResult:
    """One participant as a form enters it: ``cells`` maps the columns of :data:`COLUMNS` to their text (absent
    columns are blank; other keys are ignored). The same per-row checks as a file's row (see the module
    docstring), with line 0 on every error (a form has no lines).

    ``others`` lists the ``(kind, organisation)`` of the event's other participants (for an edit: all but the
    participant edited): the name must differ from theirs, and ``wishes`` / ``avoid`` may name them. ``kind`` is the
    type of the participant edited (None for a new one): an edit may not change it, as a re-import may not.
    Lists in ``wishes`` and ``avoid`` are separated by ``;`` or ``|`` only (names may hold commas).
    """
    text = {column: cells.get(column) for column in COLUMNS}
    row = _Row(0, {column: value if isinstance(value, str) else "" for column, value in text.items()})
    _validate_own_fields(row, rounds)
    directory = _directory(others)
    if row.organisation:
        key = name_key(row.organisation)
        if key in directory:
            row.errors.append(RowError(0, "organisation_exists", {"organisation": directory[key][1]}))
        elif kind is not None and row.kind is not None and row.kind != kind:
            row.errors.append(RowError(0, "kind_changed", {"organisation": row.organisation}))
        directory = {**directory, key: (row.kind, row.organisation)}
    _validate_partners(row, directory, comma_lists=False)
    if row.errors:
        return ParseResult((), tuple(row.errors))
    return ParseResult((_registration(row),), ())


def error_column(error: RowError) -> str | None:
    """The column a row error is about (None: the whole row or file)."""
    column = error.params.get("column") if isinstance(error.params, dict) else None
    if isinstance(column, str) and column in COLUMNS:
        return column
    return _ERROR_COLUMNS.get(error.code)


def _validate_own_fields(row: _Row, rounds: int) -> None:
    """Everything that depends on this row alone."""
    cells, line, errors = row.cells, row.line, row.errors

    raw_type = collapse(cells["type"])
    if not raw_type:
        errors.append(RowError(line, "missing_type", {}))
    else:
        kind = TYPE_ALIASES.get(raw_type.lower())
        if kind is None:
            errors.append(RowError(line, "unknown_type", {"value": raw_type, "valid": ", ".join(PARTICIPANT_TYPES)}))
        row.kind = kind

    row.organisation = collapse(unicodedata.normalize("NFC", cells["organisation"]))
    if not row.organisation:
        errors.append(RowError(line, "empty_organisation", {}))

    raw_languages = _dedupe(_split_list(cells["languages"], comma_fallback=True), key=str.lower)
    if not raw_languages:
        errors.append(RowError(line, "missing_languages", {"valid": ", ".join(LANGUAGE_CODES)}))
    for code in raw_languages:
        if code.lower() not in LANGUAGE_CODES:
            errors.append(RowError(line, "unknown_language", {"value": code, "valid": ", ".join(LANGUAGE_CODES)}))
    row.values["languages"] = tuple(code.lower() for code in raw_languages)

    for column in ("offers", "needs"):
        raw_keys = _dedupe(_split_list(cells[column], comma_fallback=True), key=str.lower)
        for key in raw_keys:
            if key.lower() not in CATEGORY_KEYS:
                errors.append(
                    RowError(line, "unknown_category",
                             {"value": key, "column": column, "valid": ", ".join(CATEGORY_KEYS)})
                )
        row.values[column] = tuple(key.lower() for key in raw_keys)

    email = cells["email"].strip()
    if email and not _EMAIL_RE.match(email):
        errors.append(RowError(line, "bad_email", {"value": email}))
    row.values["email"] = email
    row.values["contact_name"] = collapse(cells["contact_name"])
    row.values["phone"] = collapse(cells["phone"])
    row.values["description"] = cells["description"].strip()

    texts = {"organisation": row.organisation, "description": row.values["description"], "email": email,
             "contact_name": row.values["contact_name"], "phone": row.values["phone"]}
    for column, limit in MAX_LENGTHS.items():
        if len(texts[column]) > limit:
            errors.append(RowError(line, "too_long", {"column": column, "max": limit, "length": len(texts[column])}))

    first = _parse_round(cells["present_from_round"], "present_from_round", rounds, line, errors)
    last = _parse_round(cells["present_to_round"], "present_to_round", rounds, line, errors)
    if first is not None and last is not None and first > last:
        errors.append(RowError(line, "round_order", {"first": first, "last": last}))
    row.values["present_from_round"] = first
    row.values["present_to_round"] = last


def _validate_partners(row: _Row, directory: Mapping[str, tuple[str | None, str]], comma_lists: bool) -> None:
    """``wishes`` and ``avoid``: registered organisations of the other type, never both."""
    resolved: dict[str, tuple[str, ...]] = {}
    for column in ("wishes", "avoid"):
        names: list[str] = []
        for raw in _split_list(row.cells[column], comma_fallback=comma_lists):
            key = name_key(raw)
            entry = directory.get(key)
            if entry is None:
                row.errors.append(RowError(row.line, "partner_not_found", {"value": raw, "column": column}))
                continue
            kind, canonical = entry
            own = name_key(row.organisation) == key
            if own or (row.kind is not None and kind is not None and kind != other_type(row.kind)):
                row.errors.append(RowError(row.line, "partner_same_type", {"value": raw, "column": column}))
                continue
            names.append(canonical)
        resolved[column] = _dedupe(names, key=name_key)
    for name in resolved["wishes"]:
        if name_key(name) in {name_key(other) for other in resolved["avoid"]}:
            row.errors.append(RowError(row.line, "wish_and_avoid", {"value": name}))
    row.values.update(resolved)


# --- writing -------------------------------------------------------------------------------------


def registration_to_row(registration: Registration) -> dict[str, str]:
    """The CSV row (column -> text) that parses back to ``registration`` (``line`` aside)."""

    def join(items: tuple[str, ...]) -> str:
        return ";".join(items)

    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    return {
        "type": registration.kind,
        "organisation": registration.organisation,
        "contact_name": registration.contact_name,
        "email": registration.email,
        "phone": registration.phone,
        "languages": join(registration.languages),
        "offers": join(registration.offers),
        "needs": join(registration.needs),
        "description": registration.description,
        "wishes": join(registration.wishes),
        "avoid": join(registration.avoid),
        "present_from_round": number(registration.present_from_round),
        "present_to_round": number(registration.present_to_round),
    }


def rows_to_csv(rows: Iterable[Mapping[str, str]], *, bom: bool = False) -> bytes:
    """Comma-separated UTF-8 text with the :data:`COLUMNS` header (``;`` inside list cells)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return ("\ufeff" if bom else "").encode("utf-8") + buffer.getvalue().encode("utf-8")
