"""The organiser console's live page (``/organiser``): the login form's errors, the event's summary and the live
controls. Access goes through the session cookie (``states.console.ConsoleAccess``); ``ConsoleBinding`` forgets
a console state that a connection without the matching cookie tries to hydrate, so a tab token learnt from a
URL or a log reveals nothing.
"""

from __future__ import annotations

import asyncio

import reflex as rx
from sqlalchemy import exc as sa_exc

from partact_app.broadcast import rooms
from partact_app.services import health, rounds
from partact_app.services.console import RoomRound, event_summary, room_rounds, shown_round
from partact_app.services.errors import ServiceError
from partact_app.states.console import ConsoleAccess, NotLoggedIn, console_state
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import LiveFields, follow_page
from partact_app.states.participant import ParticipantState


LIVE_PAGE = "/organiser"  # the one console page that shows the room (who sits where)


def _room(session, event) -> list[RoomRound]:
    """The room of the round the page shows now and of the one after: when the round changes, the page shows the
    second at once, and the broadcast makes it ask for the next pair (``load_room``)."""
    shown = shown_round(event.phase, event.current_round)
    return room_rounds(session, event, (shown, shown + 1))


def _summary(session, event, with_room: bool):
    return event.id, event_summary(session, event), _room(session, event) if with_room else []


@console_state
class OrganiserState(ConsoleAccess, LiveFields, rx.State):
    authorised: bool = False
    login_error: str = ""  # "bad_key" | "rate_limited" (from the login form's redirect)
    login_wait: int = 0
    slug: str = ""
    event_name: str = ""
    rounds: int = 0
    tables: int = 0
    companies: int = 0
    associations: int = 0
    meetings: int = 0
    auto_advance: bool = False
    break_minutes: int = 0
    checked_in: int = 0
    expected: int = 0
    phones: int = 0  # participant pages connected now
    trouble: str = ""  # "database" or "redis" while it does not answer (services.health)
    # The round shown and the one after (who sits where, empty tables, who is alone): not every round, which was
    # 24 KB of JSON for the demo and ~115 KB at 300 participants in every load of the page (docs/benchmark-pages.md).
    room: list[RoomRound] = []
    action_error: str = ""

    @rx.event
    async def refresh(self):
        """On page load (and reconnect): is this browser's cookie a live session? Then show its event.

        The page's language is set here too, rather than by ``LanguageState.detect`` as an event of its own: its
        update then reaches the page with the event's, in one render. As two updates, a browser in another language
        than the prebuilt page's first redrew every text of the page it had, then drew the console (React renders each
        of Reflex's updates at once, in one task: docs/benchmark-pages.md, the fourteenth pass)."""
        (await self.get_state(LanguageState)).apply_detected()
        self._console_event_id = 0  # whichever event the cookie opens now
        try:
            # The room only for the page that shows it: every console page runs this on load and on every change
            # of the event (docs/benchmark-console.md).
            found = await self._console_call(_summary, self._shows_room())
        except NotLoggedIn:
            found = None
        if found is None:
            self._logout()
            params = self.router.url.query_parameters
            reason = params.get("login", "")
            self.login_error = reason if reason in ("bad_key", "rate_limited", "unavailable") else ""
            wait = params.get("wait", "")
            self.login_wait = int(wait) if wait.isdigit() and len(wait) < 6 else 0
            return
        event_id, summary, self.room = found
        self._event_id = self._console_event_id = event_id
        self._bind_session()
        self._show(summary)
        self.login_error = ""
        self.authorised = True
        await self._join_room()
        self.phones = await rooms.connected(event_id, ParticipantState)

    async def _reattach(self) -> None:
        await self.refresh()

    def _shows_room(self) -> bool:
        return self.router.url.path.rstrip("/") == LIVE_PAGE

    @rx.event
    async def load_room(self):
        """The round or the phase changed (the broadcast asks every console page): the room of the round shown now
        and of the one after, for the live page only."""
        if not self.authorised or not self._event_id or not self._shows_room():
            return
        try:
            self.room = await self._console_call(_room)
        except NotLoggedIn:
            self._logout()
        except (sa_exc.OperationalError, sa_exc.InterfaceError):  # the database does not answer: keep the room
            self.trouble = health.DATABASE

    async def _live_action(self, action, **params):
        """Run a live use case for the logged-in event; the session is checked again on the server, every time."""
        self.action_error = ""
        lang = (await self.get_state(LanguageState)).lang
        if not self._event_id:
            self._logout()
            return
        try:
            await self._console_call(action, **params)
            self.trouble = ""
        except NotLoggedIn:
            self._logout()
        except ServiceError as error:
            self.action_error = error.message(lang)
        except (sa_exc.OperationalError, sa_exc.InterfaceError):  # the database does not answer: nothing changed
            self.trouble = health.DATABASE

    @rx.event
    async def next_round(self, expected_round: int | None = None, clicks: int | None = None):
        """The button sends the round it shows, so a second organiser clicking at once advances once. A double
        click of one console advances once too, even when the new round reached the page between its two clicks:
        the button also sends the browser's click count (``MouseEvent.detail``), and the second click of a double
        click (2 or more) is ignored. The keyboard (Enter, Space) sends 0."""
        if isinstance(clicks, int) and not isinstance(clicks, bool) and clicks >= 2:
            return
        expected = expected_round if isinstance(expected_round, int) and not isinstance(expected_round, bool) else None
        await self._live_action(rounds.next_round, expected_round=expected)

    @rx.event
    async def set_auto_advance(self, enabled: bool):
        """Turn the server's automatic advance at the end of each round on or off."""
        if isinstance(enabled, bool):
            await self._live_action(rounds.set_auto_advance, enabled=enabled)

    @rx.event
    async def announce(self, form: dict):
        """Show the form's text on the big screen and every phone (an empty text clears it)."""
        text = form.get("announcement", "") if isinstance(form, dict) else ""
        if isinstance(text, str) and len(text) <= 2000:
            await self._live_action(rounds.announce, text=text)

    @rx.event
    async def clear_announcement(self):
        await self._live_action(rounds.announce, text="")

    @rx.event
    async def count_phones(self):
        """Every few seconds: how many participant pages follow the event now, and whether the database and
        Redis answer (a "trouble" notice until they do again; the app recovers by itself)."""
        if self.authorised and self._event_id:
            self.trouble = await asyncio.to_thread(health.trouble)
            self.phones = await rooms.connected(self._event_id, ParticipantState)

    @rx.event
    async def pause(self):
        await self._live_action(rounds.pause)

    @rx.event
    async def resume(self):
        await self._live_action(rounds.resume)

    @rx.event
    async def extend(self, minutes: int = 1):
        minutes = minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 1
        await self._live_action(rounds.extend, minutes=minutes)

    @rx.event
    async def end(self):
        await self._live_action(rounds.end)

    def _show(self, summary) -> None:
        self.slug = summary.slug
        self.event_name = summary.name
        self.rounds = summary.rounds
        self.tables = summary.tables
        self.companies = summary.companies
        self.associations = summary.associations
        self.meetings = summary.meetings
        self.auto_advance = summary.auto_advance
        self.break_minutes = summary.break_minutes
        self.checked_in = summary.checked_in
        self.expected = summary.expected

    def _logout(self) -> None:
        self._event_id = self._console_event_id = 0
        self.authorised = False
        self.slug = self.event_name = ""
        self.rounds = self.tables = self.companies = self.associations = self.meetings = 0
        self.checked_in = self.expected = self.phones = self.break_minutes = 0
        self.auto_advance = False
        self.room = []
        self.action_error = ""


# Re-plans, imports, check-ins: every console reloads; a new round or phase: the live page fetches its room.
rooms.follow(OrganiserState, "refresh", on_revision=True, round_handler="load_room")
for _route in ("/organiser", "/organiser/participants", "/organiser/schedule", "/organiser/badges",
               "/organiser/agendas", "/organiser/tables"):
    follow_page(_route, OrganiserState)
