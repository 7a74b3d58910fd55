"""The console's participants page (``/organiser/participants``): import, the table, check-in, attendance changes,
one participant's form, downloads.

Thin: every handler checks its arguments (any client may call any handler with any payload), then runs one
service in one transaction through ``ConsoleAccess._console_call`` (the cookie session is looked up again every
time, so a tab token alone reads and changes nothing), then copies what the page shows.

- **The table** is filtered, sorted and cut into pages of ``PAGE_SIZE`` on the server (``core.participant_table``):
  each search (debounced in the browser), filter, sort or page reads the event's participants once and sends the
  browser 50 rows, whatever the size of the event (measured in docs/console.md).
- **Live**: the state follows the event's room (``rooms.follow(..., "reload", on_revision=True)``), so every
  console of the event reloads its table when another console (or the CLI, or a re-plan) changes the event's
  revision; it mixes ``RoomMember`` for that (without the live fields, which the page does not show).
- **Messages** are kept in the three languages (``{"fr": ..., "en": ..., "de": ...}``) and the page shows the one
  of ``LanguageState.lang``, so switching language after an error shows it in the new language.
- **Upload**: Reflex's upload endpoint authenticates a request by the tab token alone and runs the handler with the
  headers of the tab's last websocket event. So the import also needs ``upload_ticket``, a random value this
  state sends only to the page it was loaded for (``ConsoleBinding`` forgets it before any other hydrate) and
  renews after each import: a stolen tab token cannot import a file.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from collections.abc import Callable
from typing import Any

import reflex as rx

from partact_app.broadcast import rooms
from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES, PARTICIPANT_TYPES
from partact_app.core.participant_table import ParticipantRow, TableQuery, clean_query
from partact_app.core.registrations import COLUMNS
from partact_app.i18n import LANGUAGES, t
from partact_app.services import attendance, engine_process, exports, registrations
from partact_app.services.attendance import MAX_CHANGE_LINES, ChangeLine
from partact_app.services.errors import ImportRejected, Invalid, ServiceError
from partact_app.services.scheduling import Replan
from partact_app.services import printing
from partact_app.services.qr import qr_png
from partact_app.states.console import ConsoleAccess, NotLoggedIn, console_state
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import RoomMember
from partact_app.states.organiser import OrganiserState

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # as the guard's cap on /_upload
UPLOAD_ID = "import-upload"
UPLOAD_SUFFIXES = (".csv", ".xlsx")
MAX_FIELD = 10_000  # characters kept of one form field (the checks then say what is too long)
MAX_ID = 2**31  # see models.valid_id: services check ids again
FILTERS = ("kind", "offers", "needs", "language", "checked_in", "absent")
ALL = "all"  # the select's value for "no filter" (a select item cannot be empty)
TEXT_FIELDS = tuple(column for column in COLUMNS if column not in ("languages", "offers", "needs"))
MIME_CSV = "text/csv;charset=utf-8"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Texts = dict[str, str]  # language -> text


def texts(message: Callable[[str], str]) -> Texts:
    """A message in every language of the catalogue."""
    return {lang: message(lang) for lang in LANGUAGES}


def _int(value: object) -> int | None:
    """An id or a round number from a client: a positive int, else None."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < MAX_ID:
        return None
    return value


def _round_of(form_data: object) -> int | str | None:
    """The ``round`` field of a small form: an int when it reads as one, the raw text otherwise."""
    if not isinstance(form_data, dict):
        return None
    raw = form_data.get("round")
    if isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) < 6:
        return int(raw.strip())
    return raw if isinstance(raw, str) else None


def form_cells(form_data: object) -> dict[str, str]:
    """The registration columns of a submitted participant form (text fields as typed, the checkboxes
    ``lang_<code>``, ``offers_<key>`` and ``needs_<key>`` joined with ``;``); anything else is dropped."""
    data = form_data if isinstance(form_data, dict) else {}

    def text(name: str) -> str:
        value = data.get(name, "")
        return value[:MAX_FIELD] if isinstance(value, str) else ""

    def ticked(prefix: str, keys) -> str:
        return ";".join(key for key in keys if data.get(f"{prefix}_{key}") in ("on", "true", True))

    cells = {column: text(column) for column in TEXT_FIELDS}
    cells["languages"] = ticked("lang", LANGUAGE_CODES)
    cells["offers"] = ticked("offers", CATEGORY_KEYS)
    cells["needs"] = ticked("needs", CATEGORY_KEYS)
    return cells


def _load(session, event, query: TableQuery):
    return event.id, event.slug, registrations.participant_table(session, event, query)


def _with_table(action: Callable, query: TableQuery) -> Callable:
    """``action`` then the table as it now is, in the same transaction."""

    def run(session, event, *args, **kwargs):
        result = action(session, event, *args, **kwargs)
        return result, registrations.participant_table(session, event, query)

    return run


def _import(session, event, data: bytes, filename: str):
    return registrations.import_registrations(session, event.slug, data, filename)


@console_state
class ConsoleParticipantsState(ConsoleAccess, RoomMember, rx.State):
    loaded: bool = False
    # --- the table
    rows: list[ParticipantRow] = []
    matched: int = 0
    total: int = 0
    page: int = 1
    pages: int = 1
    checked_in: int = 0
    expected: int = 0
    search: str = ""
    kind: str = ALL
    offers: str = ALL
    needs: str = ALL
    language: str = ALL
    checked: str = ALL
    absent: str = ALL
    sort: str = "organisation"
    descending: bool = False
    # --- what the last action said (each message in every language)
    notice: Texts = {}
    error: Texts = {}
    changes: list[ChangeLine] = []
    changes_more: int = 0
    changes_open: bool = False
    # --- import
    upload_ticket: str = ""
    upload_error: Texts = {}
    import_errors: list[Texts] = []
    import_summary: Texts = {}
    # --- one participant: the manage dialog and the form dialog
    selected_id: int = 0
    selected: ParticipantRow = ParticipantRow()
    qr_id: int = 0  # the participant whose QR code is shown big
    qr_name: str = ""
    qr_image: str = ""  # SVG data URI
    round_errors: dict[str, Texts] = {}
    form_mode: str = ""  # "" (closed), "add", "edit", "walk_in"
    form_id: int = 0
    form_values: dict[str, str] = {}
    form_languages: list[str] = []
    form_offers: list[str] = []
    form_needs: list[str] = []
    form_errors: dict[str, Texts] = {}
    form_summary: Texts = {}

    # ------------------------------------------------------------------ access and the table

    def _query(self) -> TableQuery:
        raw = {
            "search": self.search,
            "kind": self.kind,
            "offers": self.offers,
            "needs": self.needs,
            "language": self.language,
            "checked_in": self.checked,
            "absent": self.absent,
            "sort": self.sort,
            "descending": self.descending,
            "page": self.page,
        }
        return clean_query(raw, kinds=PARTICIPANT_TYPES, categories=CATEGORY_KEYS, languages=LANGUAGE_CODES)

    def _show(self, view: registrations.TableView) -> None:
        self.rows = view.page.rows
        self.matched = view.page.matched
        self.page = view.page.page
        self.pages = view.page.pages
        self.total = view.total
        self.checked_in = view.checked_in
        self.expected = view.expected
        if self.selected_id:
            self.selected = next((row for row in view.page.rows if row.id == self.selected_id), self.selected)

    async def _logged_out(self) -> None:
        """The cookie opens nothing (any more): forget everything and let the shell show the login form."""
        self.reset()
        organiser = await self.get_state(OrganiserState)
        await organiser.refresh()

    async def _call(self, fn: Callable, *args, **kwargs) -> tuple[bool, Any]:
        """Run a use case (``fn(session, event, ...)``); (True, result), or (False, None) once the page said why."""
        self.error = {}
        try:
            return True, await self._console_call(fn, *args, **kwargs)
        except NotLoggedIn:
            await self._logged_out()
        except ServiceError as problem:
            self.error = texts(problem.message)
        return False, None

    @rx.event
    async def load(self):
        """On page load (and every reconnect): the event of this browser's cookie, its table; join its room."""
        self._console_event_id = 0  # whichever event the cookie opens now
        try:
            event_id, _slug, view = await self._console_call(_load, self._query())
        except NotLoggedIn:
            self.reset()
            return
        self._event_id = self._console_event_id = event_id
        self._bind_session()
        self._show(view)
        if not self.upload_ticket:
            self.upload_ticket = secrets.token_urlsafe(24)
        self.loaded = True
        await self._join_room()
        # This page's check-ins, absences and walk-ins re-plan: the engine's process starts now, not at the first.
        await asyncio.to_thread(engine_process.warm)

    @rx.event
    async def reload(self):
        """Sent by the event's room when another console (or a re-plan) changed what the table shows."""
        if not self.loaded:
            return
        ok, found = await self._call(_load, self._query())
        if ok:
            self._show(found[2])

    async def _refresh(self) -> None:
        ok, found = await self._call(_load, self._query())
        if ok:
            self._show(found[2])

    @rx.event
    async def set_search(self, value: str):
        if not isinstance(value, str):
            return
        self.search = value[:100]
        self.page = 1
        await self._refresh()

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name not in FILTERS or not isinstance(value, str) or len(value) > 40:
            return
        setattr(self, "checked" if name == "checked_in" else name, value)
        self._query_values()
        self.page = 1
        await self._refresh()

    @rx.event
    async def sort_by(self, key: str):
        if not isinstance(key, str) or len(key) > 40:
            return
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, False
        self._query_values()
        await self._refresh()

    @rx.event
    async def go_to_page(self, page: int):
        page = _int(page)
        if page is None:
            return
        self.page = page
        await self._refresh()

    def _query_values(self) -> None:
        """Anything but a known choice in a filter is no filter (what ``clean_query`` kept, shown back)."""
        query = self._query()
        self.kind = query.kind or ALL
        self.offers = query.offers or ALL
        self.needs = query.needs or ALL
        self.language = query.language or ALL
        self.checked = query.checked_in or ALL
        self.absent = query.absent or ALL
        self.sort = query.sort
        self.search = query.search

    # ------------------------------------------------------------------ after an action

    def _replanned(self, replan: Replan | None, skip: tuple[str, ...] = ()) -> None:
        """Show what a re-plan changed, right after it applied (or that there was nothing to re-plan yet)."""
        if replan is None:
            self.changes, self.changes_more = [], 0
            self.changes_open = False
            self.notice = texts(lambda lang: t("participants.not_replanned", lang))
            return
        lines = attendance.change_lines(replan.changes, skip=skip)
        self.changes = lines[:MAX_CHANGE_LINES]
        self.changes_more = max(0, len(lines) - MAX_CHANGE_LINES)
        self.changes_open = True

    @rx.event
    def dismiss_changes(self):
        self.changes, self.changes_more, self.changes_open = [], 0, False

    @rx.event
    def dismiss_notice(self):
        self.notice = {}
        self.error = {}

    async def _act(self, action: Callable, *args, **kwargs) -> tuple[bool, Any]:
        """A use case, then the table as it now is (same transaction)."""
        self.notice = {}
        ok, found = await self._call(_with_table(action, self._query()), *args, **kwargs)
        if not ok:
            return False, None
        result, view = found
        self._show(view)
        return True, result

    # ------------------------------------------------------------------ check-in and attendance

    @rx.event
    async def toggle_check_in(self, participant_id: int, present: bool):
        participant_id = _int(participant_id)
        if participant_id is None or not isinstance(present, bool):
            return
        ok, replan = await self._act(attendance.check_in, participant_id, present)
        if ok and replan is not None:
            self._replanned(replan)

    @rx.event
    async def no_shows(self):
        ok, result = await self._act(attendance.no_shows_before_start)
        if ok:
            count, replan = result
            if replan is not None:
                self._replanned(replan)
            self.notice = texts(lambda lang: t("participants.no_shows_done", lang, count=count))

    @rx.event
    async def open_manage(self, participant_id: int):
        participant_id = _int(participant_id)
        if participant_id is None:
            return
        ok, row = await self._call(registrations.participant_row, participant_id)
        if ok:
            self.selected_id, self.selected = participant_id, row
            self.round_errors = {}

    @rx.event
    async def show_qr(self, participant_id: int):
        """The participant's QR code, big (to scan from the laptop's screen at the check-in desk)."""
        participant_id = _int(participant_id)
        if participant_id is None:
            return
        ok, qr = await self._call(printing.participant_qr, participant_id)
        if ok:
            self.qr_id, self.qr_name, self.qr_image = participant_id, qr.organisation, qr.data_uri

    @rx.event
    def qr_open_change(self, is_open: bool):
        if is_open is False:
            self.qr_id, self.qr_name, self.qr_image = 0, "", ""

    @rx.event
    async def download_qr(self, kind: str):
        """The shown QR code as an SVG or a PNG file."""
        if kind not in ("svg", "png") or not self.qr_id:
            return None
        ok, qr = await self._call(printing.participant_qr, self.qr_id)
        if not ok:
            return None
        name = "".join(ch if ch.isalnum() else "-" for ch in qr.organisation.lower()).strip("-")[:60] or "participant"
        if kind == "svg":
            return rx.download(data=qr.svg.encode(), filename=f"qr-{name}.svg", mime_type="image/svg+xml")
        return rx.download(data=qr_png(qr.url), filename=f"qr-{name}.png", mime_type="image/png")

    @rx.event
    def manage_open_change(self, is_open: bool):
        if is_open is False:
            self.selected_id = 0
            self.round_errors = {}

    async def _attendance(self, action: Callable, *args, field: str = "") -> None:
        if not self.selected_id:
            return
        self.round_errors = {}
        self.notice = {}
        self.error = {}
        try:
            result, view = await self._console_call(_with_table(action, self._query()), self.selected_id, *args)
        except NotLoggedIn:
            await self._logged_out()
            return
        except ServiceError as problem:
            if field and isinstance(problem, Invalid) and problem.field == "round":
                self.round_errors = {field: texts(problem.message)}
            else:
                self.error = texts(problem.message)
            return
        self._show(view)
        self._replanned(result, skip=(self.selected.organisation,))  # their own rows are what was asked for
        self.selected_id = 0

    @rx.event
    async def absent_now(self):
        await self._attendance(attendance.mark_absent)

    @rx.event
    async def arrives_from(self, form_data: dict):
        await self._attendance(attendance.arrives_from, _round_of(form_data), field="arrives")

    @rx.event
    async def leaves_after(self, form_data: dict):
        await self._attendance(attendance.leaves_after, _round_of(form_data), field="leaves")

    @rx.event
    async def remove(self):
        if not self.selected_id:
            return
        ok, name = await self._act(registrations.remove_participant, self.selected_id)
        if ok:
            self.selected_id = 0
            self.notice = texts(lambda lang: t("participants.removed", lang, organisation=name))

    # ------------------------------------------------------------------ the participant form

    def _fill_form(self, values: dict[str, str]) -> None:
        self.form_values = {column: values.get(column, "") for column in TEXT_FIELDS}
        self.form_languages = [code for code in values.get("languages", "").split(";") if code]
        self.form_offers = [key for key in values.get("offers", "").split(";") if key]
        self.form_needs = [key for key in values.get("needs", "").split(";") if key]
        self.form_errors = {}
        self.form_summary = {}

    @rx.event
    async def open_form(self, mode: str):
        """``add`` or ``walk_in`` (an empty form), or ``edit`` (the participant of the manage dialog)."""
        if mode not in ("add", "walk_in", "edit"):
            return
        values = {"type": "company"}
        if mode == "edit":
            if not self.selected_id:
                return
            ok, cells = await self._call(registrations.participant_cells, self.selected_id)
            if not ok:
                return
            values = cells
            self.form_id = self.selected_id
            self.selected_id = 0
        else:
            self.form_id = 0
        self._fill_form(values)
        self.form_mode = mode

    @rx.event
    def form_open_change(self, is_open: bool):
        if is_open is False:
            self.form_mode = ""
            self.form_errors = {}
            self.form_summary = {}

    @rx.event
    async def save_form(self, form_data: dict):
        mode = self.form_mode
        if mode not in ("add", "walk_in", "edit") or not isinstance(form_data, dict):
            return
        cells = form_cells(form_data)
        self.form_errors, self.form_summary, self.notice = {}, {}, {}
        if mode == "edit":
            action, args = registrations.update_participant, (self.form_id, cells)
        elif mode == "walk_in":
            action, args = attendance.add_walk_in, (cells,)
        else:
            action, args = registrations.add_participant, (cells,)
        try:
            result, view = await self._console_call(_with_table(action, self._query()), *args)
        except NotLoggedIn:
            await self._logged_out()
            return
        except Invalid as problem:
            by_lang = {lang: problem.by_field(lang) for lang in LANGUAGES}
            self.form_errors = {
                field or "": {lang: by_lang[lang][field] for lang in LANGUAGES} for field in by_lang["fr"]
            }
            self.form_summary = texts(problem.message)
            return
        except ServiceError as problem:
            self.form_summary = texts(problem.message)
            return
        self._show(view)
        self.form_mode = ""
        if mode == "walk_in":
            participant, replan = result
            self.search = participant.organisation
            self.page = 1
            await self._refresh()
            self._replanned(replan)
        else:
            self.notice = texts(lambda lang: t("participants.saved", lang))

    # ------------------------------------------------------------------ import

    def _refuse_upload(self) -> None:
        self.upload_error = texts(lambda lang: t("error.upload_rejected", lang,
                                                 megabytes=MAX_UPLOAD_BYTES // (1024 * 1024)))

    @rx.event
    def upload_refused(self, _files: list | None = None):
        """The upload zone refused a file (too big, not .csv/.xlsx, more than one)."""
        self._refuse_upload()

    @rx.event
    async def import_file(self, files: list[rx.UploadFile], ticket: str = ""):
        """The chosen file, all-or-nothing (``registrations.import_registrations``); every bad row listed."""
        self.import_errors, self.import_summary, self.upload_error = [], {}, {}
        expected = self.upload_ticket
        if not expected or not isinstance(ticket, str) or not hmac.compare_digest(ticket.encode(), expected.encode()):
            self.upload_error = texts(lambda lang: t("error.upload_expired", lang))
            return
        self.upload_ticket = secrets.token_urlsafe(24)  # one import per ticket
        if not isinstance(files, list) or len(files) != 1:
            self.upload_error = texts(lambda lang: t("error.upload_missing", lang))
            return
        upload = files[0]
        name = (getattr(upload, "filename", None) or getattr(upload, "name", None) or "")[:200]
        data = upload.file.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES or not name.lower().endswith(UPLOAD_SUFFIXES):
            self._refuse_upload()
            return
        try:
            summary = await self._console_call(_import, data, name)
        except NotLoggedIn:
            await self._logged_out()
            return
        except ImportRejected as rejected:
            per_lang = {lang: rejected.messages(lang) for lang in LANGUAGES}
            self.import_errors = [
                {lang: per_lang[lang][index] for lang in LANGUAGES} for index in range(len(per_lang["fr"]))
            ]
            return
        except ServiceError as problem:
            self.upload_error = texts(problem.message)
            return
        self.import_summary = texts(lambda lang: t("cli.imported", lang, total=summary.total, created=summary.created,
                                                   updated=summary.updated, unchanged=summary.unchanged))
        await self._refresh()
        return rx.clear_selected_files(UPLOAD_ID)


rooms.follow(ConsoleParticipantsState, "reload", on_revision=True, live=False)


DOWNLOADS: dict[str, tuple[str, str]] = {
    # what -> (file name pattern, MIME type); the CSV exports are byte for byte those of ``partact export``
    "schedule": ("{slug}-schedule.csv", MIME_CSV),
    "links": ("{slug}-links.csv", MIME_CSV),
    "participants": ("{slug}-participants.csv", MIME_CSV),
    "matches": ("{slug}-matches.csv", MIME_CSV),
    "followups": ("{slug}-followups.csv", MIME_CSV),
    "workbook": ("{slug}.xlsx", MIME_XLSX),
    "template_csv": ("partact-registrations.csv", MIME_CSV),
    "template_xlsx": ("partact-registrations.xlsx", MIME_XLSX),
}


def _download(session, event, what: str) -> tuple[str, bytes]:
    pattern, _mime = DOWNLOADS[what]
    if what == "workbook":
        data = exports.workbook(session, event.slug)
    elif what == "template_csv":
        data = exports.template_csv()
    elif what == "template_xlsx":
        data = exports.template_xlsx()
    else:
        data = exports.export_bytes(session, event.slug, what)
    return pattern.format(slug=event.slug), data


class ConsoleDownloadsState(ConsoleAccess, rx.State):
    """The console's downloads (every export, the workbook, the registration template), for any console page."""

    download_error: Texts = {}

    @rx.event
    async def download(self, what: str):
        self.download_error = {}
        if not isinstance(what, str) or what not in DOWNLOADS:
            return None
        try:
            filename, data = await self._console_call(_download, what)
        except NotLoggedIn:
            organiser = await self.get_state(OrganiserState)
            await organiser.refresh()
            return None
        except ServiceError as problem:
            self.download_error = texts(problem.message)
            return None
        return rx.download(data=data, filename=filename, mime_type=DOWNLOADS[what][1])
