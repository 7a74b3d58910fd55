"""``/screen/[slug]``: the big screen of the room (a projector, read from 20 m). Layout only.

One viewport, no scrolling (1280 x 720 to 1920 x 1080): the event's name, the round, a huge countdown, what to
do ("scan your badge", or "move to your next table" during the changeover), the live count of partnerships and
the organisers' announcement. At the end of each round: a gong and a flash (``components.screen_effects``).
"""

from __future__ import annotations

import reflex as rx

from partact_app.components.countdown import live_countdown
from partact_app.components.i18n import tr
from partact_app.components.screen_effects import SCREEN_CSS, count, gong
from partact_app.states.screen import ScreenState as S

GONG_URL = "/gong.wav"  # assets/gong.wav (scripts/make_gong.py)


def _announcement() -> rx.Component:
    return rx.cond(
        S.announcement != "",
        rx.box(
            rx.text(S.announcement, id="screen-announcement", weight="bold",
                    style={"font_size": "clamp(1.5rem, 3.2vw, 3rem)", "overflow_wrap": "anywhere"}),
            background="var(--amber-3)",
            color="var(--gray-12)",
            border="0.3rem solid var(--amber-9)",
            border_radius="1rem",
            padding="0.5em 1em",
            width="100%",
            role="status",
        ),
    )


def _instruction() -> rx.Component:
    return rx.text(
        rx.cond(
            S.phase == "changeover",
            tr("live.move_on"),
            rx.cond(S.phase == "finished", tr("live.finished"), tr("screen.scan")),
        ),
        id=rx.cond(S.phase == "changeover", "screen-move-on", "screen-instruction"),
        weight="bold",
        style={"font_size": "clamp(1.4rem, min(3.2vw, 5.5vh), 3.4rem)", "line_height": "1.1"},
        high_contrast=True,
    )


def screen_view() -> rx.Component:
    started = S.current_round > 0
    return rx.flex(
        rx.el.style(SCREEN_CSS),
        gong(deadline_ms=S.deadline_ms, phase=S.phase, server_ms=S.server_ms, round=S.current_round,
             src=GONG_URL, enable_label=tr("screen.enable_sound"), id="enable-sound",
             style={"position": "fixed", "bottom": "1rem", "right": "1rem", "font_size": "1.1rem",
                    "padding": "0.6em 1em", "border_radius": "0.6em", "border": "2px solid currentColor",
                    "background": "var(--color-panel-solid)", "color": "var(--gray-12)", "cursor": "pointer",
                    "z_index": "60"}),
        rx.text(S.event_name, id="screen-event-name", weight="bold", role="heading", aria_level="1",
                style={"font_size": "clamp(1.4rem, 3vw, 2.8rem)", "overflow_wrap": "anywhere"}),
        _announcement(),
        rx.text(
            rx.cond(started, tr("live.round_of", round=S.current_round, total=S.total_rounds), tr("live.not_started")),
            id="screen-round",
            weight="bold",
            style={"font_size": "clamp(2rem, 6vh, 5rem)"},
        ),
        rx.cond(S.phase == "paused", rx.badge(tr("live.paused"), color_scheme="amber", size="3")),
        live_countdown(S, over_label=tr("live.time_up"), element_id="screen-countdown",
                       font_size="clamp(5rem, min(20vw, 34vh), 18rem)"),
        _instruction(),
        rx.hstack(
            rx.icon("handshake", size=48, aria_hidden="true"),
            rx.text(
                count(value=S.partnerships, id="partnership-count"),
                " ",
                tr("screen.partnerships_label"),
                id="screen-partnerships",
                weight="bold",
                style={"font_size": "clamp(1.8rem, 5vh, 4rem)"},
            ),
            align="center",
            spacing="3",
        ),
        direction="column",
        align="center",
        justify="between",
        gap="1vh",
        height="100vh",
        overflow="hidden",
        width="100%",
        padding="3vh 4vw",
        text_align="center",
        style={"color": "var(--gray-12)"},
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
