"""The organiser console's state.

Any connected client can call any event handler, so every organiser action re-checks on the server that
this session logged in with the event's *current* key (``_require_event``); the event id and the key's
fingerprint are backend-only vars, which a client can neither read nor set.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from partact_app.db import session_scope
from partact_app.broadcast import rooms
from partact_app.services import events, rounds
from partact_app.services.console import event_summary
from partact_app.services.errors import ServiceError, Unauthorised
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import LiveFields


def _find_event(key: str):
    with session_scope() as session:
        event = events.event_for_key(session, key)
        return event.id or 0, events.key_fingerprint(event), event_summary(session, event)


class OrganiserState(LiveFields, rx.State):
    key_input: str = ""
    bad_key: bool = False
    authorised: bool = False
    slug: str = ""
    event_name: str = ""
    rounds: int = 0
    tables: int = 0
    companies: int = 0
    associations: int = 0
    meetings: int = 0
    action_error: str = ""
    _fingerprint: str = ""

    @rx.event
    def set_key_input(self, value: str):
        self.key_input = value[:200]
        self.bad_key = False

    @rx.event
    async def login(self, form: dict | None = None):
        key = form.get("organiser_key", self.key_input) if isinstance(form, dict) else self.key_input
        try:
            # The key check is a deliberately slow hash: run it off the event loop that serves the phones.
            event_id, fingerprint, summary = await asyncio.to_thread(_find_event, str(key or "").strip())
        except Unauthorised:
            self._logout()
            self.bad_key = True
            return
        self._event_id, self._fingerprint = event_id, fingerprint
        self._show(summary)
        self.key_input = ""
        self.bad_key = False
        self.authorised = True
        await self._join_room()

    @rx.event
    def logout(self):
        self._logout()

    @rx.event
    async def refresh(self):
        """On page load (and reconnect): still authorised? Then show the event and follow its live room."""
        with session_scope() as session:
            event = self._require_event(session)
            if event is None:
                return
            self._show(event_summary(session, event))
        await self._join_room()

    async def _live_action(self, action, **params):
        """Run a live use case for the logged-in event; the key is checked again on the server, every time."""
        self.action_error = ""
        lang = (await self.get_state(LanguageState)).lang
        try:
            with session_scope() as session:
                event = self._require_event(session)
                if event is None:
                    return
                action(session, event, **params)
        except ServiceError as error:
            self.action_error = error.message(lang)

    @rx.event
    async def next_round(self, expected_round: int | None = None):
        """The button sends the round it shows: a double click or a second organiser advances once."""
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
        await self._live_action(rounds.extend, minutes=minutes if isinstance(minutes, int) else 1)

    @rx.event
    async def end(self):
        await self._live_action(rounds.end)

    def _require_event(self, session):
        """The logged-in event, or None (and logged out) when the key was rotated or nobody logged in."""
        event = events.logged_in_event(session, self._event_id, self._fingerprint)
        if event is None:
            self._logout()
        return event

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
        self._fingerprint = ""
        self.authorised = False
        self.slug = self.event_name = ""
        self.rounds = self.tables = self.companies = self.associations = self.meetings = 0
        self.action_error = ""


rooms.follow(OrganiserState, "refresh")  # a re-plan or an import changes the counts shown
