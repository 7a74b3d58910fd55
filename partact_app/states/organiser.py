"""The organiser console's state.

Logging in is not an event of this state: the login form posts the key once to ``/api/console/login``, which
sets an HttpOnly session cookie (``services.console_sessions``). The browser sends that cookie with the
websocket handshake, and every handler here reads it from the connection's headers (``self.router.headers``:
set by the server from the handshake, not by the client's events) and looks the session up again, off the event
loop. So the websocket's tab token alone, which travels in URLs, resumes no console: ``ConsoleBinding`` forgets a
console state that a connection without the matching cookie tries to hydrate.
"""

from __future__ import annotations

import asyncio
from http.cookies import CookieError, SimpleCookie

import reflex as rx
from reflex.middleware.middleware import Middleware

from partact_app.broadcast import rooms
from partact_app.db import session_scope
from partact_app.services import console_sessions, rounds
from partact_app.services.console import event_summary
from partact_app.services.errors import ServiceError
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import LiveFields, follow_page


def cookie_token(headers) -> str:
    """The console session token of the connection's ``Cookie`` header ("" when there is none)."""
    raw = getattr(headers, "cookie", "") if not isinstance(headers, dict) else headers.get("cookie", "")
    if not raw or len(raw) > 8192:
        return ""
    try:
        jar = SimpleCookie()
        jar.load(raw)
    except CookieError:
        return ""
    morsel = jar.get(console_sessions.COOKIE)
    return morsel.value if morsel is not None else ""


def _read_session(token: str):
    with session_scope() as session:
        event = console_sessions.session_event(session, token)
        return None if event is None else (event.id, event_summary(session, event))


def _run_action(token: str, event_id: int, action, params: dict):
    """One console action in one transaction, if the cookie's session still belongs to the state's event."""
    with session_scope() as session:
        event = console_sessions.session_event(session, token)
        if event is None or event.id != event_id:
            return False
        action(session, event, **params)
        return True


class OrganiserState(LiveFields, rx.State):
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
    action_error: str = ""
    _session_hash: str = ""  # SHA-256 of the cookie's token this state was shown to

    def _token(self) -> str:
        return cookie_token(self.router.headers)

    @rx.event
    async def refresh(self):
        """On page load (and reconnect): is this browser's cookie a live session? Then show its event."""
        token = self._token()
        found = await asyncio.to_thread(_read_session, token) if token else None
        if found is None:
            self._logout()
            params = self.router.url.query_parameters
            reason = params.get("login", "")
            self.login_error = reason if reason in ("bad_key", "rate_limited") else ""
            wait = params.get("wait", "")
            self.login_wait = int(wait) if wait.isdigit() and len(wait) < 6 else 0
            return
        event_id, summary = found
        self._event_id = event_id
        self._session_hash = console_sessions.token_hash(token)
        self._show(summary)
        self.login_error = ""
        self.authorised = True
        await self._join_room()

    async def _reattach(self) -> None:
        await self.refresh()

    async def _live_action(self, action, **params):
        """Run a live use case for the logged-in event; the session is checked again on the server, every time."""
        self.action_error = ""
        lang = (await self.get_state(LanguageState)).lang
        token = self._token()
        if not token or not self._event_id:
            self._logout()
            return
        try:
            allowed = await asyncio.to_thread(_run_action, token, self._event_id, action, params)
        except ServiceError as error:
            self.action_error = error.message(lang)
            return
        if not allowed:
            self._logout()

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

    def _logout(self) -> None:
        self._event_id = 0
        self._session_hash = ""
        self.authorised = False
        self.slug = self.event_name = ""
        self.rounds = self.tables = self.companies = self.associations = self.meetings = 0
        self.action_error = ""


class ConsoleBinding(Middleware):
    """Before a hydrate (the event that sends a tab its whole state): a console state shown to another cookie
    than this connection's is forgotten first, so a tab token learnt from a URL or a log reveals nothing."""

    async def preprocess(self, app, state, event):
        if event.name.rsplit(".", 1)[-1] not in ("hydrate", "hydrate_and_load"):
            return None
        console = await state.get_state(OrganiserState)
        if console._session_hash:
            token = cookie_token(event.router_data.get("headers") or {})
            if not token or console_sessions.token_hash(token) != console._session_hash:
                console._logout()
        return None


rooms.follow(OrganiserState, "refresh")  # a re-plan or an import changes the counts shown
follow_page("/organiser", OrganiserState)
