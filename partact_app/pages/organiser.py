"""``/organiser``: the organiser console (login with the organiser key)."""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.components.layout import page
from partact_app.states.organiser import OrganiserState


def login_form() -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(tr("organiser.title"), size="6"),
                rx.text(tr("organiser.key_label"), as_="label", html_for="organiser-key", weight="medium"),
                rx.input(
                    id="organiser-key",
                    name="organiser_key",
                    type="password",
                    value=OrganiserState.key_input,
                    on_change=OrganiserState.set_key_input,
                    auto_complete="current-password",
                    size="3",
                    width="100%",
                ),
                rx.text(tr("organiser.key_help"), color_scheme="gray", size="2"),
                rx.cond(
                    OrganiserState.bad_key,
                    rx.callout(tr("organiser.bad_key"), icon="triangle-alert", color_scheme="red", id="login-error"),
                ),
                rx.button(tr("organiser.login"), id="login", type="submit", size="3"),
                spacing="3",
                width="100%",
            ),
            on_submit=OrganiserState.login,
            reset_on_submit=False,
        ),
        width="100%",
        size="3",
    )


def console() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.heading(OrganiserState.event_name, size="6", id="event-name"),
            rx.spacer(),
            rx.button(tr("organiser.logout"), variant="soft", on_click=OrganiserState.logout, id="logout"),
            width="100%",
            align="center",
        ),
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
        width="100%",
        spacing="3",
    )


def organiser_page() -> rx.Component:
    return page(rx.cond(OrganiserState.authorised, console(), login_form()), size="3")
