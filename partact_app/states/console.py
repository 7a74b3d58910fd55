"""What every page of the organiser console shares: access through the session cookie.

The login form posts the key once to ``/api/console/login``, which sets an HttpOnly session cookie
(``services.console_sessions``). The browser sends that cookie with the websocket handshake, and every console
handler reads it from the connection's headers (``self.router.headers``: set by the server from the handshake,
not by the client's events) and looks the session up again, off the event loop, in the same transaction as the
action (``_console_call``). So the websocket's tab token alone, which travels in URLs, opens nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from http.cookies import CookieError, SimpleCookie
from typing import Any

import reflex as rx
from reflex.middleware.middleware import Middleware

from partact_app.db import session_scope
from partact_app.services import console_sessions

MAX_COOKIE_HEADER = 8192
HINT_COOKIE = console_sessions.HINT_COOKIE  # "this browser has a session", for the page's script (no secret)


def cookie_token(headers) -> str:
    """The console session token of the connection's ``Cookie`` header ("" when there is none)."""
    raw = headers.get("cookie", "") if isinstance(headers, dict) else getattr(headers, "cookie", "")
    if not raw or len(raw) > MAX_COOKIE_HEADER:
        return ""
    try:
        jar = SimpleCookie()
        jar.load(raw)
    except CookieError:
        return ""
    morsel = jar.get(console_sessions.COOKIE)
    return morsel.value if morsel is not None else ""


class NotLoggedIn(Exception):
    """This browser has no live console session (no cookie, expired, logged out, key rotated)."""


def _call(token: str, event_id: int, fn: Callable, args: tuple, kwargs: dict) -> Any:
    with session_scope() as session:
        event = console_sessions.session_event(session, token)
        if event is None or (event_id and event.id != event_id):
            raise NotLoggedIn()
        return fn(session, event, *args, **kwargs)


CONSOLE_STATES: list[type] = []


def console_state(cls):
    """Class decorator: a console state whose vars ``ConsoleBinding`` forgets before a foreign hydrate."""
    CONSOLE_STATES.append(cls)
    return cls


class ConsoleAccess(rx.State, mixin=True):
    """Mixin of the console's states: ``await self._console_call(fn, ...)`` runs ``fn(session, event, ...)`` for
    the event of this browser's console session, in one transaction, in a worker thread; ``NotLoggedIn`` when the
    cookie opens nothing (or another event than ``_console_event_id`` once set). Service errors propagate.

    A state that shows console data calls ``_bind_session()`` once it has loaded it: ``ConsoleBinding`` then
    forgets that data before a hydrate from a connection with another cookie (or none)."""

    _console_event_id: int = 0
    _session_hash: str = ""  # SHA-256 of the cookie's token this state's data was shown to

    def _cookie(self) -> str:
        return cookie_token(self.router.headers)

    def _bind_session(self) -> None:
        token = self._cookie()
        self._session_hash = console_sessions.token_hash(token) if token else ""

    async def _console_call(self, fn: Callable, /, *args, **kwargs) -> Any:
        token = self._cookie()
        if not token:
            raise NotLoggedIn()
        return await asyncio.to_thread(_call, token, self._console_event_id, fn, args, kwargs)


class ConsoleBinding(Middleware):
    """Before a hydrate (the event that sends a tab its whole state): every console state shown to another
    cookie than this connection's is reset first, so a tab token learnt from a URL or a log reveals nothing."""

    async def preprocess(self, app, state, event):
        if event.name.rsplit(".", 1)[-1] not in ("hydrate", "hydrate_and_load"):
            return None
        token = cookie_token(event.router_data.get("headers") or {})
        current = console_sessions.token_hash(token) if token else ""
        for cls in CONSOLE_STATES:
            console = await state.get_state(cls)
            if console._session_hash and console._session_hash != current:
                console.reset()
        return None
