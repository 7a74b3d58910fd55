"""The big screen's state: the event's live fields and its partnership counter (public: nothing personal)."""

from __future__ import annotations

import asyncio

import reflex as rx

from partact_app.broadcast import rooms
from partact_app.db import session_scope
from partact_app.services.screen import screen_view
from partact_app.states.live_fields import LiveFields, follow_page, path_part

# Big screens of one event let into its room at once, per client address, on one instance: a room has one or two
# projectors; anybody may open /screen/<slug>, so a crowd of anonymous sockets must not grow every broadcast.
SCREENS_PER_ADDRESS = 10


def _read_view(slug: str):
    with session_scope() as session:
        return screen_view(session, slug)


class ScreenState(LiveFields, rx.State):
    loaded: bool = False
    found: bool = False
    refused: bool = False  # too many screens from this address
    event_name: str = ""

    async def _reattach(self) -> None:
        await self.load()

    @rx.event
    async def load(self):
        slug = path_part(self.router.url.path, "screen")
        view = await asyncio.to_thread(_read_view, slug) if slug else None
        self.loaded = True
        self.found = view is not None
        self._event_id = view.event_id if view else 0
        self.event_name = view.name if view else ""
        self.refused = self.found and not await self._join_room(
            {f"address:{self.router.session.client_ip}": SCREENS_PER_ADDRESS}
        )


rooms.follow(ScreenState)
follow_page("/screen/[slug]", ScreenState)
