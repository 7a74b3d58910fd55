"""``/organiser/schedule``: the console's schedule page (the schedule and its quality, the grid, the event's
settings). Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell
from partact_app.components.schedule_grid import schedule_grid
from partact_app.components.schedule_report import schedule_card
from partact_app.components.schedule_settings import settings_form
from partact_app.states.console_schedule import ConsoleScheduleState as S


def console_schedule_page() -> rx.Component:
    return console_shell(
        "schedule",
        rx.cond(
            S.loaded,
            rx.vstack(
                schedule_card(),
                rx.cond(S.has_schedule & (S.grid.length() > 0), schedule_grid()),
                settings_form(),
                spacing="4",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding="3em"),
        ),
        size="4",
    )
