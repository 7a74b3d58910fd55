"""The registrar's page state (``/organiser/matches``): the event's matches as they come in, the counts by status,
validate, send back with a comment, correct a typo.

Thin, as every console state: each handler checks its arguments (any client may call any handler with any
payload), then runs the service for the event of this browser's console session (``ConsoleAccess._console_call``:
the cookie is looked up again on every call, in the same transaction as the action), then copies what the page
shows. Every action names the version of the match the page showed: a match its two sides changed since is
refused (``match_changed``) and the table shows it again.

**Live**: the state follows the event's room with ``on_revision``: a proposal, a confirmation, a decline or another
console's decision bumps the event's revision (``rounds.announce_revision``), and every registrar page of the event
reads its table again. The phones of the room get nothing from it.
"""

from __future__ import annotations

import reflex as rx

from partact_app.broadcast import rooms
from partact_app.core.categories import CATEGORY_KEYS
from partact_app.i18n import LANGUAGES
from partact_app.services import registrar
from partact_app.services.errors import Invalid, ServiceError
from partact_app.services.matches import MAX_COMMENT, MAX_TEXT
from partact_app.services.registrar import ALL, FILTERS, MAX_ROWS, STATUSES, TO_CHECK, RegistrarRow
from partact_app.states.console import ConsoleAccess, NotLoggedIn, console_state
from partact_app.states.console_participants import Texts, texts
from partact_app.states.live_fields import RoomMember, follow_page
from partact_app.states.organiser import OrganiserState

MAX_ID = 2**31
MAX_VERSION = 2**31
TEXT_FIELDS = ("company_gives_text", "association_gives_text", "hours", "euros", "delivery_date")
# Reflex's form sends every named field, and every field with an id once more under its id.
MAX_FORM_FIELDS = 4 * (len(CATEGORY_KEYS) + len(TEXT_FIELDS)) + 10
MAX_FIELD = {"company_gives_text": MAX_TEXT, "association_gives_text": MAX_TEXT, "hours": 20, "euros": 20,
             "delivery_date": 20}


def _int(value: object, limit: int = MAX_ID, low: int = 1) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < limit:
        return None
    return value


def fix_form(form_data: object) -> dict | None:
    """The terms of a submitted correction form (the checkboxes ``cg_<key>`` and ``ag_<key>`` as lists of keys);
    None when it is not a small dict of short strings."""
    if (
        not isinstance(form_data, dict)
        or len(form_data) > MAX_FORM_FIELDS
        or not all(isinstance(key, str) and len(key) <= 40 for key in form_data)
    ):
        return None
    form: dict = {}
    for name in TEXT_FIELDS:
        value = form_data.get(name, "")
        if not isinstance(value, str) or len(value) > MAX_FIELD[name] + 1000:
            return None
        form[name] = value  # the service says what is too long

    def ticked(prefix: str) -> list[str]:
        return [key for key in CATEGORY_KEYS if form_data.get(f"{prefix}_{key}") in ("on", "true", True)]

    form["company_gives"], form["association_gives"] = ticked("cg"), ticked("ag")
    return form


def _view(session, event, which: str):
    return event.id, registrar.registrar_view(session, event, which)


def _then_view(action):
    """``action`` then the table as it now is, in the same transaction."""

    def run(session, event, which: str, *args):
        action(session, event, *args)
        return event.id, registrar.registrar_view(session, event, which)

    return run


@console_state
class ConsoleMatchesState(ConsoleAccess, RoomMember, rx.State):
    loaded: bool = False
    status: str = registrar.TO_CHECK  # the filter
    rows: list[RegistrarRow] = []
    counts: dict[str, int] = {}
    shown: int = 0
    error: Texts = {}  # what the last action said, in every language
    notice: str = ""  # "validated" | "returned" | "fixed"
    # the send-back dialog and the correction dialog: the match they are about
    back_id: int = 0
    back_error: Texts = {}
    fix_id: int = 0
    fix_key: int = 0  # changes when the correction form shows another match (its fields read their defaults)
    fix_errors: dict[str, Texts] = {}  # field -> message in every language
    # the version of the match when its dialog opened: a change by its sides meanwhile is refused, not overwritten
    _back_version: int = -1
    _fix_version: int = -1

    @rx.var
    def fix_row(self) -> RegistrarRow:
        for row in self.rows:
            if row.id == self.fix_id:
                return row
        return RegistrarRow()

    @rx.var
    def back_row(self) -> RegistrarRow:
        for row in self.rows:
            if row.id == self.back_id:
                return row
        return RegistrarRow()

    @rx.event
    async def load(self):
        """On page load (and reconnect): whichever event this browser's console session opens now."""
        self._console_event_id = 0
        return await self._refresh()

    @rx.event
    async def reload(self):
        """Sent by the live broadcast when the event's revision changed (a match came in or changed)."""
        return await self._refresh()

    async def _reattach(self) -> None:
        await self._refresh()

    async def _refresh(self):
        try:
            event_id, view = await self._console_call(_view, self.status)
        except NotLoggedIn:
            return self._logged_out()
        except ServiceError as problem:
            self.error = texts(problem.message)
            self.loaded = True
            return None
        await self._show(event_id, view)
        return None

    async def _show(self, event_id: int, view: registrar.RegistrarView) -> None:
        self._event_id = self._console_event_id = event_id
        self._bind_session()
        self.rows, self.counts, self.shown = view.rows, view.counts, view.shown
        self.loaded = True
        await self._join_room()

    def _logged_out(self):
        self.reset()
        self._event_id = self._console_event_id = 0
        return OrganiserState.refresh

    async def _act(self, action, *args) -> bool:
        """Run a registrar action and show the table as it now is; False (with the reason shown) when refused."""
        try:
            event_id, view = await self._console_call(_then_view(action), self.status, *args)
        except NotLoggedIn:
            self._logged_out()
            return False
        except ServiceError as problem:
            self.error = texts(problem.message)
            await self._refresh()
            return False
        await self._show(event_id, view)
        return True

    @rx.event
    async def choose(self, status: str):
        if isinstance(status, str) and status in FILTERS:
            self.status = status
            self.error, self.notice = {}, ""
            return await self._refresh()
        return None

    @rx.event
    async def validate(self, match_id: int, version: int):
        match_id, version = _int(match_id), _int(version, MAX_VERSION, 0)
        if match_id is None or version is None:
            return None
        self.error, self.notice = {}, ""
        if await self._act(registrar.validate, match_id, version):
            self.notice = "validated"
        return None

    @rx.event
    def open_send_back(self, match_id: int):
        row = next((row for row in self.rows if row.id == match_id), None) if _int(match_id) else None
        if row is not None:
            self.back_id, self.back_error, self._back_version = row.id, {}, row.version

    @rx.event
    def back_open_change(self, is_open: bool):
        if is_open is False:
            self.back_id, self.back_error = 0, {}

    @rx.event
    async def send_back(self, form_data: dict):
        comment = form_data.get("comment") if isinstance(form_data, dict) and len(form_data) <= 4 else None
        if not isinstance(comment, str) or not self.back_id:
            self.back_error = texts(Invalid("field_invalid").message)
            return None
        if len(comment) > MAX_COMMENT + 1000:  # (the service says so too: it does not need to see it)
            self.back_error = texts(Invalid("text_too_long", field="comment", max=MAX_COMMENT).message)
            return None
        self.error, self.notice, self.back_error = {}, "", {}
        try:
            event_id, view = await self._console_call(
                _then_view(registrar.send_back), self.status, self.back_id, self._back_version, comment
            )
        except NotLoggedIn:
            return self._logged_out()
        except ServiceError as problem:
            self.back_error = texts(problem.message)
            return None
        await self._show(event_id, view)
        self.back_id, self.notice = 0, "returned"
        return None

    @rx.event
    def open_fix(self, match_id: int):
        row = next((row for row in self.rows if row.id == match_id), None) if _int(match_id) else None
        if row is not None:
            self.fix_id, self.fix_errors, self._fix_version = row.id, {}, row.version
            self.fix_key += 1

    @rx.event
    def fix_open_change(self, is_open: bool):
        if is_open is False:
            self.fix_id, self.fix_errors = 0, {}

    @rx.event
    async def fix(self, form_data: dict):
        form = fix_form(form_data)
        if form is None or not self.fix_id:
            self.fix_errors = {"": texts(Invalid("field_invalid").message)}
            return None
        self.error, self.notice, self.fix_errors = {}, "", {}
        try:
            event_id, view = await self._console_call(
                _then_view(registrar.fix), self.status, self.fix_id, self._fix_version, form
            )
        except NotLoggedIn:
            return self._logged_out()
        except Invalid as problem:
            by_lang = {lang: problem.by_field(lang) for lang in LANGUAGES}
            self.fix_errors = {
                name or "": {lang: by_lang[lang][name] for lang in LANGUAGES} for name in by_lang["fr"]
            }
            return None
        except ServiceError as problem:
            self.fix_errors = {"": texts(problem.message)}
            return None
        await self._show(event_id, view)
        self.fix_id, self.notice = 0, "fixed"
        return None


rooms.follow(ConsoleMatchesState, "reload", on_revision=True, live=False)
follow_page("/organiser/matches", OrganiserState)  # as every console page: the header re-attaches after a loss

# What the page's layout needs to know (components do not import services).
__all__ = ["ALL", "FILTERS", "MAX_COMMENT", "MAX_ROWS", "MAX_TEXT", "STATUSES", "TO_CHECK", "ConsoleMatchesState",
           "RegistrarRow"]
