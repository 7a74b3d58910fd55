"""``/organiser/participants``: the console's participants page. Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell


def console_participants_page() -> rx.Component:
    return console_shell("participants", rx.text(""))
