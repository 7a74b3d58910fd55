"""The frame of every console page: the login form when this browser has no console session, else the event's
name, the navigation between the console's pages and the logout button. Layout only; the header's data comes
from ``OrganiserState`` (loaded by every console page)."""

from __future__ import annotations

import reflex as rx

from partact_app.components import plain
from partact_app.components.event_create import event_create
from partact_app.components.i18n import tr
from partact_app.components.layout import button_link, page
from partact_app.components.native_form import native_form
from partact_app.states.organiser import OrganiserState

# (key, route, catalogue key of the label): the console's pages, in the navigation's order.
CONSOLE_PAGES = (
    ("live", "/organiser", "console.nav_live"),
    ("participants", "/organiser/participants", "console.nav_participants"),
    ("schedule", "/organiser/schedule", "console.nav_schedule"),
    ("matches", "/organiser/matches", "console.nav_matches"),
    ("summary", "/organiser/summary", "console.nav_summary"),
    ("badges", "/organiser/badges", "console.nav_badges"),
    ("agendas", "/organiser/agendas", "console.nav_agendas"),
    ("tables", "/organiser/tables", "console.nav_tables"),
)


def login_form() -> rx.Component:
    """The login view: the key form, and below it the new-event form for an organiser without a key."""
    return plain.vstack(key_form(), event_create(), width="100%", spacing="4")


def key_form() -> rx.Component:
    """A plain HTML form: the key goes once, in the POST body, to /api/console/login (never over the websocket),
    which sets the session cookie and comes back here."""
    return plain.card(
        native_form(
            plain.vstack(
                plain.heading(tr("organiser.title"), size="6"),
                plain.text(tr("organiser.key_label"), as_="label", custom_attrs={"htmlFor": "organiser-key"}, weight="medium"),
                rx.input(
                    id="organiser-key",
                    name="organiser_key",
                    type="password",
                    auto_complete="current-password",
                    required=True,
                    max_length=200,
                    size="3",
                    width="100%",
                ),
                plain.text(tr("organiser.key_help"), color_scheme="gray", size="2"),
                rx.cond(
                    OrganiserState.login_error == "bad_key",
                    rx.callout(tr("organiser.bad_key"), icon="triangle-alert", color_scheme="red", id="login-error"),
                ),
                rx.cond(
                    OrganiserState.login_error == "unavailable",
                    rx.callout(tr("error.unavailable"), icon="triangle-alert", color_scheme="red", id="login-error"),
                ),
                rx.cond(
                    OrganiserState.login_error == "rate_limited",
                    rx.callout(tr("error.rate_limited", seconds=OrganiserState.login_wait), icon="timer",
                               color_scheme="amber", id="login-error"),
                ),
                rx.button(tr("organiser.login"), id="login", type="submit", size="3"),
                spacing="3",
                width="100%",
            ),
            action="/api/console/login",
            method="post",
        ),
        width="100%",
        size="3",
    )


def console_nav(active: str) -> rx.Component:
    """The console's pages: a ``<nav>`` landmark (Radix's ``Flex`` with ``as_="nav"`` drew a ``<div>``), laid out by
    Radix's flex classes, one link and one tab stop per page."""
    return rx.el.nav(
        *[
            button_link(
                tr(label),
                href=route,
                variant="solid" if key == active else "soft",
                id=f"nav-{key}",
                aria_current="page" if key == active else None,
            )
            for key, route, label in CONSOLE_PAGES
        ],
        class_name="rt-Flex rt-r-fw-wrap rt-r-gap-2 no-print",
        aria_label=tr("console.nav"),
    )


def console_header(active: str) -> rx.Component:
    return plain.vstack(
        plain.hstack(
            plain.heading(OrganiserState.event_name, size="6", id="event-name", class_name="partact-title-beside"),
            native_form(
                rx.button(tr("organiser.logout"), variant="soft", type="submit", id="logout"),
                action="/api/console/logout",
                method="post",
                class_name="no-print partact-keep-whole",
            ),
            width="100%",
            align="center",
            wrap="wrap",  # on a narrow screen "Log out" goes under the name rather than squeezing it
        ),
        console_nav(active),
        width="100%",
        spacing="3",
        class_name="no-print",
    )


def trouble_notice() -> rx.Component:
    """Shown while the database or Redis does not answer (the console checks every few seconds)."""
    return rx.cond(
        OrganiserState.trouble != "",
        rx.callout(
            rx.cond(OrganiserState.trouble == "database", tr("console.trouble_database"), tr("console.trouble_redis")),
            icon="triangle-alert",
            color_scheme="red",
            role="alert",
            id="trouble",
            width="100%",
        ),
    )


def console_shell(active: str, *children: rx.Component, size: str = "3") -> rx.Component:
    """A console page: ``children`` once this browser is logged in, the login form before.

    The HTML of a console page, built in advance, holds the login form: a browser without a session sees it at once
    and can log in before the scripts have run. A browser with a session (the hint cookie of
    ``services.console_sessions``, which the head's script turns into ``data-console-session`` on ``<html>``) sees
    "opening the console" instead until the server has answered, rather than a login form it does not need for a
    second (``assets/partact.css``). The server has answered once the page's load events have run in this document
    (Reflex's ``is_hydrated``; the state the server kept from before a login says nothing yet)."""
    answered = rx.cond(rx.State.is_hydrated, " console-answered", "")
    return page(
        rx.cond(
            OrganiserState.authorised,
            plain.vstack(console_header(active), trouble_notice(), *children, width="100%", spacing="4"),
        ),
        # Hidden rather than removed once logged in: the prebuilt page's login form is then not taken out of the
        # document in the same task as the console is drawn (docs/benchmark-pages.md, the fifteenth pass). Laid out
        # as the page's own children (``display: contents``) while shown.
        rx.el.div(
            plain.text(tr("organiser.opening"), id="console-opening", role="status", size="3",
                       class_name="console-opening" + answered),
            # A plain <div>: a Radix box here would change which pages use which library modules, and so the
            # build's library chunks (partact_build/plugins.py).
            rx.el.div(login_form(), class_name="console-login" + answered, style={"width": "100%"}),
            hidden=OrganiserState.authorised,
            class_name="partact-contents",
        ),
        size=size,
    )
