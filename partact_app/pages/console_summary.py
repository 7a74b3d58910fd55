"""``/organiser/summary``: the organiser's summary of the event, printable (A4). Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell
from partact_app.components.console_summary import SUMMARY_CSS, categories, controls, figures, heading, missed
from partact_app.states.console_summary import ConsoleSummaryState as S


def console_summary_page() -> rx.Component:
    return console_shell(
        "summary",
        rx.el.style(SUMMARY_CSS),
        rx.cond(
            S.loaded,
            rx.vstack(controls(), heading(), figures(), categories(), missed(), spacing="4", width="100%",
                      id="summary"),
            rx.center(rx.spinner(size="3"), padding="3em"),
        ),
        size="4",
    )
