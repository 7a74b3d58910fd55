"""The organiser console's state.

Any connected client can call any event handler, so every organiser action re-checks on the server that
this session logged in with the event's *current* key (``_require_event``); the event id and the key's
fingerprint are backend-only vars, which a client can neither read nor set.
"""

from __future__ import annotations

import reflex as rx

from partact_app.db import session_scope
from partact_app.models import Event
from partact_app.services import events
from partact_app.services.console import event_summary
from partact_app.services.errors import Unauthorised


class OrganiserState(rx.State):
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
    _event_id: int = 0
    _fingerprint: str = ""

    @rx.event
    def set_key_input(self, value: str):
        self.key_input = value[:200]
        self.bad_key = False

    @rx.event
    def login(self, form: dict | None = None):
        key = (form or {}).get("organiser_key", self.key_input) if isinstance(form, dict) else self.key_input
        key = str(key or "").strip()
        try:
            with session_scope() as session:
                event = events.event_for_key(session, key)
                self._event_id = event.id or 0
                self._fingerprint = events.key_fingerprint(event)
                self._show(event_summary(session, event))
        except Unauthorised:
            self._logout()
            self.bad_key = True
            return
        self.key_input = ""
        self.bad_key = False
        self.authorised = True

    @rx.event
    def logout(self):
        self._logout()

    @rx.event
    def refresh(self):
        with session_scope() as session:
            event = self._require_event(session)
            if event is not None:
                self._show(event_summary(session, event))

    def _require_event(self, session) -> Event | None:
        """The logged-in event, or None (and logged out) when the key was rotated or nobody logged in."""
        event = session.get(Event, self._event_id) if self._event_id else None
        if event is None or events.key_fingerprint(event) != self._fingerprint:
            self._logout()
            return None
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
