"""The console's participants page state (``/organiser/participants``). Access through ``ConsoleAccess``."""

from __future__ import annotations

import reflex as rx

from partact_app.states.console import ConsoleAccess, console_state


@console_state
class ConsoleParticipantsState(ConsoleAccess, rx.State):
    loaded: bool = False

    @rx.event
    async def load(self):
        self.loaded = True
