"""The console's schedule page state (``/organiser/schedule``): the event's settings, generate and regenerate, the
quality report, the grid and publish. Access through ``ConsoleAccess``: every handler runs its service for the
event of this browser's console session (the cookie), in a worker thread, in one transaction.

The page follows its event's room: when another console, the command line or a re-plan changes the schedule or
the event (its revision), the page reads it again (the quality and the grid only when the schedule changed).
"""

from __future__ import annotations

import reflex as rx

from partact_app.broadcast import rooms
from partact_app.core.schedule import Quality
from partact_app.services import events, scheduling
from partact_app.services.errors import Invalid, ServiceError
from partact_app.services.scheduling import GridRow
from partact_app.states.console import ConsoleAccess, NotLoggedIn, console_state
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import RoomMember
from partact_app.states.organiser import OrganiserState

MAX_FORM_FIELDS = 20
MAX_TEXT = 400
NO_QUALITY = Quality(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0)


def _overview(session, event, shown_version: int):
    """The page's data; the quality and the grid only when the schedule is not the one the page shows."""
    details = event.schedule_version != shown_version
    return event.schedule_version, details, scheduling.schedule_overview(session, event, details=details)


def _save(session, event, form: dict):
    before = event.schedule_outdated
    events.update_settings_from_form(session, event, form)
    return event.schedule_outdated and not before


def _form_ok(form: object) -> bool:
    return (
        isinstance(form, dict)
        and len(form) <= MAX_FORM_FIELDS
        and all(isinstance(key, str) and len(key) <= 40 for key in form)
        and all(isinstance(value, str) and len(value) <= MAX_TEXT for value in form.values())
    )


@console_state
class ConsoleScheduleState(ConsoleAccess, RoomMember, rx.State):
    loaded: bool = False
    # the settings form (its defaults; ``form_key`` changes when they are read again, so the form shows them)
    form_key: int = 0
    event_name: str = ""
    event_date: str = ""
    event_venue: str = ""
    start_time: str = ""
    rounds: int = 0
    tables: int = 0
    round_minutes: int = 0
    break_minutes: int = 0
    seated_side: str = "auto"
    settings_errors: dict[str, str] = {}
    settings_notice: str = ""  # "saved" | "saved_outdated"
    # the schedule
    companies: int = 0
    associations: int = 0
    has_schedule: bool = False
    published: bool = False
    outdated: bool = False
    scheduled_at_ms: int = 0
    published_at_ms: int = 0
    quality: Quality = NO_QUALITY
    grid: list[GridRow] = []
    grid_rounds: list[int] = []
    generating: bool = False
    action_error: str = ""
    notice: str = ""  # "generated" | "replanned" | "published"
    notice_count: int = 0
    _shown_version: int = -1

    async def _lang(self) -> str:
        return (await self.get_state(LanguageState)).lang

    @rx.event
    async def load(self):
        """On page load (and reconnect): whichever event this browser's console session opens now."""
        self._console_event_id = 0
        self._shown_version = -1
        return await self._refresh()

    @rx.event
    async def reload(self):
        """Sent by the live broadcast when the event's schedule or revision changed."""
        return await self._refresh()

    async def _reattach(self) -> None:
        await self._refresh()

    async def _refresh(self):
        try:
            version, details, overview = await self._console_call(_overview, self._shown_version)
        except NotLoggedIn:
            self._forget()
            return OrganiserState.refresh
        except ServiceError as error:
            self.action_error = error.message(await self._lang())
            self.loaded = True  # the page shows the reason rather than a spinner
            return None
        self._event_id = self._console_event_id = overview.event_id
        self._bind_session()
        self._show(overview, details)
        self._shown_version = version
        self.loaded = True
        await self._join_room()
        return None

    def _show(self, overview: scheduling.ScheduleOverview, details: bool) -> None:
        settings = overview.settings
        shown = (settings.name, settings.date, settings.venue, settings.start_time, settings.rounds,
                 settings.tables, settings.round_minutes, settings.break_minutes, settings.seated_side)
        if shown != self._settings_tuple():  # the form shows them again (an edit in progress is kept otherwise)
            (self.event_name, self.event_date, self.event_venue, self.start_time, self.rounds, self.tables,
             self.round_minutes, self.break_minutes, self.seated_side) = shown
            self.form_key += 1
        self.companies, self.associations = overview.companies, overview.associations
        self.has_schedule, self.published, self.outdated = (
            overview.has_schedule, overview.published, overview.outdated)
        self.scheduled_at_ms, self.published_at_ms = overview.scheduled_at_ms, overview.published_at_ms
        if details:
            self.quality = overview.quality or NO_QUALITY
            self.grid = overview.grid
            self.grid_rounds = list(range(1, settings.rounds + 1)) if overview.grid else []

    def _settings_tuple(self) -> tuple:
        return (self.event_name, self.event_date, self.event_venue, self.start_time, self.rounds, self.tables,
                self.round_minutes, self.break_minutes, self.seated_side)

    def _forget(self) -> None:
        self.reset()
        self._event_id = self._console_event_id = 0
        self._shown_version = -1

    @rx.event
    async def save_settings(self, form_data: dict):
        lang = await self._lang()
        self.settings_notice = ""
        if not _form_ok(form_data):
            self.settings_errors = {"": Invalid("field_invalid").message(lang)}
            return None
        try:
            outdated_now = await self._console_call(_save, dict(form_data))
        except NotLoggedIn:
            self._forget()
            return OrganiserState.refresh
        except Invalid as error:
            self.settings_errors = error.by_field(lang)
            return None
        except ServiceError as error:
            self.settings_errors = {"": error.message(lang)}
            return None
        self.settings_errors = {}
        self.settings_notice = "saved_outdated" if outdated_now else "saved"
        return await self._refresh()

    @rx.event
    async def generate(self, confirmed: bool = False):
        """Generate (or regenerate) the schedule. Replacing a published one needs ``confirmed`` (the page asks);
        the service refuses a second computation for the event while one runs."""
        confirmed = confirmed is True
        if self.generating:
            return
        lang = await self._lang()
        self.action_error = self.notice = ""
        self.generating = True
        yield
        try:
            done = await self._console_call(scheduling.generate, confirmed=confirmed)
        except NotLoggedIn:
            self._forget()
            yield OrganiserState.refresh
            return
        except ServiceError as error:
            self.action_error = error.message(lang)
        else:
            self.notice = "replanned" if done.replanned else "generated"
            self.notice_count = len(done.changes) if done.replanned else int(done.report.get("meetings", 0))
        finally:
            self.generating = False
        self._shown_version = -1
        yield await self._refresh()

    @rx.event
    async def publish(self):
        lang = await self._lang()
        self.action_error = self.notice = ""
        try:
            await self._console_call(scheduling.publish_schedule)
        except NotLoggedIn:
            self._forget()
            return OrganiserState.refresh
        except ServiceError as error:
            self.action_error = error.message(lang)
            return None
        self.notice = "published"
        return await self._refresh()


rooms.follow(ConsoleScheduleState, "reload", on_revision=True, live=False)
