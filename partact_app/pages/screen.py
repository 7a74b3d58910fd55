"""``/screen/[slug]``: the big screen for the room (projector): round, countdown, partnerships made."""

from __future__ import annotations

import reflex as rx

from partact_app.components.countdown import live_countdown
from partact_app.components.i18n import tr
from partact_app.states.screen import ScreenState as S


def screen_view() -> rx.Component:
    started = S.current_round > 0
    return rx.vstack(
        rx.heading(S.event_name, size="8", id="screen-event-name"),
        rx.text(
            rx.cond(started, tr("live.round_of", round=S.current_round, total=S.total_rounds), tr("live.not_started")),
            id="screen-round",
            style={"font_size": "clamp(2rem, 6vw, 5rem)", "font_weight": "700"},
        ),
        rx.cond(S.phase == "paused", rx.badge(tr("live.paused"), color_scheme="amber", size="3")),
        rx.cond(S.phase == "finished", rx.text(tr("live.finished"), size="7")),
        rx.cond(S.phase == "changeover", rx.text(tr("live.move_on"), size="8", weight="bold", id="screen-move-on")),
        live_countdown(S, over_label=tr("live.time_up"), element_id="screen-countdown",
                       font_size="clamp(5rem, min(18vw, 30vh), 16rem)"),
        rx.hstack(
            rx.icon("handshake", size=40),
            rx.text(tr("screen.partnerships", count=S.partnerships), size="8", weight="bold",
                    id="screen-partnerships"),
            align="center",
            spacing="3",
        ),
        align="center",
        justify="center",
        spacing="5",
        min_height="100vh",
        width="100%",
        padding="2em",
        text_align="center",
    )


def screen_page() -> rx.Component:
    return rx.cond(
        S.loaded,
        rx.cond(
            S.found & ~S.refused,
            screen_view(),
            rx.center(
                rx.heading(rx.cond(S.refused, tr("screen.too_many"), tr("screen.not_found")), size="8",
                           id="screen-not-found"),
                min_height="100vh",
            ),
        ),
        rx.center(rx.spinner(size="3"), min_height="100vh"),
    )
