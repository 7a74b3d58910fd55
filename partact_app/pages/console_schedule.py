"""``/organiser/schedule``: the console's schedule page. Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell


def console_schedule_page() -> rx.Component:
    return console_shell("schedule", rx.text(""))
