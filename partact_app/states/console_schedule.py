"""The console's schedule page state (``/organiser/schedule``). Access through ``ConsoleAccess``."""

from __future__ import annotations

import reflex as rx

from partact_app.states.console import ConsoleAccess, console_state


@console_state
class ConsoleScheduleState(ConsoleAccess, rx.State):
    loaded: bool = False

    @rx.event
    async def load(self):
        self.loaded = True
