"""The event's settings form on the console's schedule page. Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.event_create import field_error, labelled, number_input
from partact_app.components.i18n import tr
from partact_app.states.console_schedule import ConsoleScheduleState as S

SEATED_CHOICES = (
    ("auto", "event.seated_auto"),
    ("association", "event.seated_association"),
    ("company", "event.seated_company"),
    ("none", "event.seated_none"),
)


def _seated_select() -> rx.Component:
    return rx.select.root(
        rx.select.trigger(id="settings-seated-side", width="100%"),
        rx.select.content(*[rx.select.item(tr(label), value=value) for value, label in SEATED_CHOICES]),
        name="seated_side",
        default_value=S.seated_side,
    )


def settings_form() -> rx.Component:
    errors = S.settings_errors
    text = {"width": "100%"}
    return rx.card(
        rx.vstack(
            rx.heading(tr("event.settings_title"), size="5", id="settings-title"),
            rx.text(tr("event.settings_intro"), size="2", color_scheme="gray"),
            rx.el.form(
                rx.vstack(
                    rx.grid(
                        labelled("event.name", rx.input(name="name", id="settings-name", default_value=S.event_name,
                                                        required=True, max_length=200, **text), errors, "name",
                                 grid_column=rx.breakpoints(initial="auto", sm="span 2")),
                        labelled("event.date", rx.input(name="date", id="settings-date", type="date",
                                                        default_value=S.event_date, **text), errors, "date"),
                        labelled("event.start_time", rx.input(name="start_time", id="settings-start-time",
                                                              type="time", default_value=S.start_time, **text),
                                 errors, "start_time"),
                        labelled("event.venue", rx.input(name="venue", id="settings-venue",
                                                         default_value=S.event_venue, max_length=300, **text),
                                 errors, "venue", grid_column=rx.breakpoints(initial="auto", sm="span 2")),
                        labelled("event.rounds", number_input("rounds", "settings-rounds", 1, 60,
                                                              default_value=S.rounds.to_string()), errors, "rounds"),
                        labelled("event.tables", number_input("tables", "settings-tables", 1, 2000,
                                                              default_value=S.tables.to_string()), errors, "tables"),
                        labelled("event.round_minutes",
                                 number_input("round_minutes", "settings-round-minutes", 1, 240,
                                              default_value=S.round_minutes.to_string()), errors, "round_minutes"),
                        labelled("event.break_minutes",
                                 number_input("break_minutes", "settings-break-minutes", 0, 240,
                                              default_value=S.break_minutes.to_string()), errors, "break_minutes"),
                        labelled("event.seated_side", _seated_select(), errors, "seated_side", "event.seated_help",
                                 for_id="settings-seated-side", grid_column=rx.breakpoints(initial="auto", sm="span 2")),
                        columns=rx.breakpoints(initial="1", sm="2", md="4"),
                        spacing="3",
                        width="100%",
                    ),
                    field_error(errors, ""),
                    rx.hstack(
                        rx.button(tr("event.save"), type="submit", size="3", id="settings-save"),
                        rx.cond(S.settings_notice == "saved",
                                rx.text(tr("event.saved"), color_scheme="green", id="settings-saved")),
                        rx.cond(S.settings_notice == "saved_outdated",
                                rx.text(tr("event.saved_outdated"), color_scheme="amber", id="settings-saved")),
                        align="center",
                        spacing="3",
                        wrap="wrap",
                    ),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.save_settings,
                reset_on_submit=False,
        no_validate=True,  # our own messages, next to each field, in the page's language
                key=S.form_key.to_string(),
                id="settings-form",
                style={"width": "100%"},
            ),
            spacing="3",
            width="100%",
        ),
        size="3",
        width="100%",
    )
