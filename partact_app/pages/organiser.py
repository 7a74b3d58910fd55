"""``/organiser``: the organiser console (login with the organiser key)."""

from __future__ import annotations

import reflex as rx

from partact_app.components.countdown import live_countdown
from partact_app.components.i18n import tr
from partact_app.components.console import console_shell
from partact_app.states.organiser import OrganiserState


def console() -> rx.Component:
    return rx.vstack(
        rx.text(
            tr(
                "organiser.summary",
                companies=OrganiserState.companies,
                associations=OrganiserState.associations,
                rounds=OrganiserState.rounds,
                tables=OrganiserState.tables,
            ),
            id="event-summary",
        ),
        rx.text(tr("organiser.meetings", count=OrganiserState.meetings), id="meeting-count"),
        live_controls(),
        width="100%",
        spacing="3",
    )


def live_controls() -> rx.Component:
    state = OrganiserState
    started = state.current_round > 0
    finished = state.phase == "finished"
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.vstack(
                    rx.text(
                        rx.cond(started, tr("live.round_of", round=state.current_round, total=state.total_rounds),
                                tr("live.not_started")),
                        size="5",
                        weight="bold",
                        id="console-round",
                    ),
                    rx.cond(state.phase == "paused", rx.badge(tr("live.paused"), color_scheme="amber")),
                    rx.cond(finished, rx.badge(tr("organiser.finished"), color_scheme="gray")),
                    align="start",
                    spacing="1",
                ),
                rx.spacer(),
                live_countdown(state, over_label=tr("organiser.time_up"), element_id="console-countdown",
                               font_size="2rem"),
                width="100%",
                align="center",
            ),
            rx.flex(
                rx.button(
                    rx.cond(started, tr("organiser.next_round"), tr("organiser.start")),
                    # the round it shows, and the click count: a double click's second click is ignored
                    on_click=lambda e: state.next_round(state.current_round, rx.Var(f"{e}?.detail").to(int)),
                    disabled=finished,
                    size="3",
                    id="next-round",
                ),
                rx.cond(
                    state.phase == "paused",
                    rx.button(tr("organiser.resume"), on_click=state.resume, variant="soft", size="3", id="resume"),
                    rx.button(tr("organiser.pause"), on_click=state.pause, variant="soft", size="3", id="pause",
                              disabled=state.phase != "running"),
                ),
                rx.button(tr("organiser.extend"), on_click=state.extend(1), variant="soft", size="3", id="extend",
                          disabled=(state.phase != "running") & (state.phase != "paused")),
                rx.alert_dialog.root(
                    rx.alert_dialog.trigger(
                        rx.button(tr("organiser.end"), color_scheme="red", variant="soft", size="3", id="end",
                                  disabled=finished | ~started),
                    ),
                    rx.alert_dialog.content(
                        rx.alert_dialog.title(tr("organiser.end_confirm_title")),
                        rx.alert_dialog.description(tr("organiser.end_confirm_text")),
                        rx.flex(
                            rx.alert_dialog.cancel(rx.button(tr("organiser.cancel"), variant="soft")),
                            rx.alert_dialog.action(
                                rx.button(tr("organiser.end"), color_scheme="red", on_click=state.end,
                                          id="end-confirm"),
                            ),
                            spacing="3",
                            justify="end",
                        ),
                    ),
                ),
                wrap="wrap",
                spacing="3",
            ),
            rx.cond(
                state.action_error != "",
                rx.callout(state.action_error, icon="triangle-alert", color_scheme="red", id="action-error"),
            ),
            spacing="4",
            width="100%",
        ),
        width="100%",
        size="3",
    )


def organiser_page() -> rx.Component:
    return console_shell("live", console())
