"""``/p/[token]``: the participant's page (the QR code on the badge points here)."""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.components.layout import page
from partact_app.states.participant import ParticipantState


def not_recognised() -> rx.Component:
    return rx.callout.root(
        rx.callout.icon(rx.icon("badge-x")),
        rx.vstack(
            rx.heading(tr("participant.not_recognised_title"), size="5", id="not-recognised"),
            rx.text(tr("participant.not_recognised_text")),
            spacing="2",
        ),
        color_scheme="amber",
        size="3",
        width="100%",
    )


def participant_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(tr("participant.welcome"), color_scheme="gray", size="2"),
            rx.heading(ParticipantState.organisation, size="7", id="participant-organisation"),
            rx.hstack(
                rx.badge(
                    rx.cond(ParticipantState.kind == "company", tr("kind.company"), tr("kind.association")),
                    size="2",
                ),
                rx.text(ParticipantState.contact_name, color_scheme="gray"),
                align="center",
                wrap="wrap",
            ),
            rx.text(ParticipantState.event_name, weight="medium"),
            rx.cond(
                ParticipantState.meeting_count > 0,
                rx.vstack(
                    rx.hstack(
                        rx.text(tr("participant.first_table"), size="5"),
                        rx.text(ParticipantState.first_table, size="6", weight="bold", id="table-number"),
                        align="baseline",
                    ),
                    rx.text(tr("participant.first_counterpart"), color_scheme="gray", size="2"),
                    rx.text(ParticipantState.first_counterpart, weight="medium", id="counterpart-name"),
                    rx.text(tr("participant.meetings_planned", count=ParticipantState.meeting_count),
                            color_scheme="gray", size="2"),
                    spacing="1",
                ),
                rx.text(tr("participant.agenda_soon"), color_scheme="gray"),
            ),
            spacing="3",
        ),
        width="100%",
        size="3",
    )


def participant_page() -> rx.Component:
    return page(
        rx.cond(
            ParticipantState.loaded,
            rx.cond(ParticipantState.found, participant_card(), not_recognised()),
            rx.center(rx.spinner(size="3"), rx.text(tr("participant.loading")), padding="3em", spacing="3"),
        ),
    )
