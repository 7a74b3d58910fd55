"""``/``: what partact is, and the way to the organiser console."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.react_router.dom import ReactRouterLink

from partact_app.components.i18n import tr
from partact_app.components.layout import page


def _side(icon: str, title_key: str, text_key: str) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.icon(icon, size=20), rx.heading(tr(title_key), size="4"), align="center"),
            rx.text(tr(text_key)),
            spacing="2",
        ),
        width="100%",
    )


def home_page() -> rx.Component:
    return page(
        rx.vstack(
            rx.text(tr("app.tagline"), color_scheme="gray", size="3"),
            rx.heading(tr("home.title"), size="8", id="home-title"),
            rx.text(tr("home.intro"), size="4"),
            spacing="3",
        ),
        rx.grid(
            _side("building-2", "home.companies_title", "home.companies_text"),
            _side("heart-handshake", "home.associations_title", "home.associations_text"),
            columns=rx.breakpoints(initial="1", sm="2"),
            spacing="4",
            width="100%",
        ),
        _side("qr-code", "home.participants_title", "home.participants_text"),
        # Radix's button drawn on the link itself (as_child): one <a>, one tab stop (not a button inside a link).
        # Not layout.button_link: without Radix's Button this page would change the build's library chunks, and two
        # of them then imported each other (tests/browser/test_page_delivery.py).
        rx.button(
            ReactRouterLink.create(rx.icon("layout-dashboard"), tr("home.organiser_button"), to="/organiser",
                                   id="organiser-link"),
            as_child=True,
            size="3",
        ),
        size="3",
    )
