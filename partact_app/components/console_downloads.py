"""The console's downloads card: every export of the CLI as CSV, everything in one XLSX workbook. Layout only; any
console page may show it (the handler, ``ConsoleDownloadsState.download``, checks the session itself)."""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.states.console_participants import ConsoleDownloadsState
from partact_app.states.language import LanguageState

# (what, catalogue key of the label): the CSV exports of ``partact export``, then the workbook.
DOWNLOAD_BUTTONS = (
    ("schedule", "participants.download_schedule"),
    ("links", "participants.download_links"),
    ("participants", "participants.download_participants"),
    ("matches", "participants.download_matches"),
    ("followups", "participants.download_followups"),
    ("workbook", "participants.download_workbook"),
)


def download_button(what: str, label: str, **props) -> rx.Component:
    return rx.button(
        rx.icon("download", size=16),
        tr(label),
        on_click=ConsoleDownloadsState.download(what),
        variant="soft",
        id=f"download-{what.replace('_', '-')}",
        **props,
    )


def download_error() -> rx.Component:
    return rx.cond(
        ConsoleDownloadsState.download_error["fr"],
        rx.callout(ConsoleDownloadsState.download_error[LanguageState.lang], icon="triangle-alert",
                   color_scheme="red", id="download-error"),
    )


def downloads_card(only: tuple[str, ...] = ()) -> rx.Component:
    """Every download, or ``only`` those named (e.g. the registrar's page: matches, follow-ups, the workbook)."""
    buttons = [(what, label) for what, label in DOWNLOAD_BUTTONS if not only or what in only]
    return rx.card(
        rx.vstack(
            rx.heading(tr("participants.downloads"), size="4", as_="h2"),
            rx.flex(*[download_button(what, label) for what, label in buttons], wrap="wrap", spacing="2"),
            download_error(),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="downloads",
    )
