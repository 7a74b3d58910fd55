"""``/organiser/matches``: the registrar's page (the matches as they come in, validate, send back, fix, the counts,
the downloads of the matches and follow-ups). Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell
from partact_app.components.console_downloads import downloads_card
from partact_app.components.console_matches import (
    counts_bar,
    filter_bar,
    fix_dialog,
    matches_table,
    messages,
    send_back_dialog,
)
from partact_app.components.i18n import tr
from partact_app.states.console_matches import ConsoleMatchesState as S


def console_matches_page() -> rx.Component:
    return console_shell(
        "matches",
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.heading(tr("registrar.title"), size="5", as_="h2"),
                rx.text(tr("registrar.help"), color_scheme="gray", size="2"),
                counts_bar(),
                filter_bar(),
                messages(),
                matches_table(),
                downloads_card(only=("matches", "followups", "workbook")),
                send_back_dialog(),
                fix_dialog(),
                spacing="4",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding="3em"),
        ),
        size="4",
    )
