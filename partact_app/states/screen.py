"""The big screen's state: the event's live fields and its partnership counter."""

from __future__ import annotations

import reflex as rx

from partact_app.db import session_scope
from partact_app.broadcast import rooms
from partact_app.services.screen import screen_view
from partact_app.states.live_fields import LiveFields


class ScreenState(LiveFields, rx.State):
    loaded: bool = False
    found: bool = False
    event_name: str = ""
    partnerships: int = 0

    @rx.event
    async def load(self):
        slug = self.router.page.params.get("slug", "")
        with session_scope() as session:
            view = screen_view(session, slug if isinstance(slug, str) else "")
        self.loaded = True
        self.found = view is not None
        self._event_id = view.event_id if view else 0
        self.event_name = view.name if view else ""
        self.partnerships = view.partnerships if view else 0
        await self._join_room()


rooms.follow(ScreenState)
