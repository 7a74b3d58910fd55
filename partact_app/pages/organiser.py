"""``/organiser``: the organiser console (login with the organiser key)."""

from __future__ import annotations

import reflex as rx

from partact_app.components import controls, plain
from partact_app.components.countdown import live_countdown
from partact_app.components.i18n import tr, tr_count
from partact_app.components.console import console_shell
from partact_app.components.interval import interval
from partact_app.states.organiser import OrganiserState


def console() -> rx.Component:
    return plain.vstack(
        plain.text(
            tr(
                "organiser.summary",
                companies=OrganiserState.companies,
                associations=OrganiserState.associations,
                rounds=OrganiserState.rounds,
                tables=OrganiserState.tables,
            ),
            id="event-summary",
        ),
        plain.text(tr("organiser.meetings", count=OrganiserState.meetings), id="meeting-count"),
        live_controls(),
        announcement_form(),
        room_now(),
        interval(interval_ms=5000, on_tick=OrganiserState.count_phones),
        width="100%",
        spacing="3",
    )


def live_controls() -> rx.Component:
    state = OrganiserState
    started = state.current_round > 0
    finished = state.phase == "finished"
    return plain.card(
        plain.vstack(
            plain.hstack(
                plain.vstack(
                    plain.text(
                        rx.cond(started, tr("live.round_of", round=state.current_round, total=state.total_rounds),
                                tr("live.not_started")),
                        size="5",
                        weight="bold",
                        id="console-round",
                    ),
                    rx.cond(state.phase == "paused", plain.badge(tr("live.paused"), color_scheme="amber")),
                    rx.cond(state.phase == "changeover", plain.badge(tr("live.changeover"), color_scheme="blue",
                                                                  id="console-changeover")),
                    rx.cond(finished, plain.badge(tr("organiser.finished"), color_scheme="gray")),
                    align="start",
                    spacing="1",
                ),
                plain.spacer(),
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
                controls.confirm(
                    rx.button(tr("organiser.end"), color_scheme="red", variant="soft", size="3", id="end",
                              disabled=finished | ~started),
                    rx.el.h2(tr("organiser.end_confirm_title"), id="end-confirm-title",
                             class_name="rt-Heading rt-r-size-5 partact-dialog-title"),
                    rx.el.p(tr("organiser.end_confirm_text"), id="end-confirm-text", class_name="rt-Text rt-r-size-3"),
                    rx.button(tr("organiser.cancel"), variant="soft", id="end-cancel"),
                    rx.button(tr("organiser.end"), color_scheme="red", on_click=state.end, id="end-confirm"),
                    title_id="end-confirm-title",
                    description_id="end-confirm-text",
                ),
                wrap="wrap",
                spacing="3",
            ),
            plain.text(
                controls.switch(state.auto_advance, state.set_auto_advance, id="auto-advance"),
                " ",
                tr("console.auto_advance"),
                as_="label",
                size="2",
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


def _names(items: rx.Var, empty_key: str, element_id: str) -> rx.Component:
    return rx.cond(
        items.length() > 0,
        plain.text(rx.foreach(items, lambda item, i: rx.fragment(rx.cond(i > 0, ", ", ""), item)), id=element_id,
                size="2", style={"overflow_wrap": "anywhere"}),
        plain.text(tr(empty_key), id=element_id, size="2", color_scheme="gray"),
    )


def room_now() -> rx.Component:
    """The room in the current round (the next one during the changeover, the first before the start): who sits
    at which table, the empty tables, who is present without a meeting, and how many phones follow."""
    state = OrganiserState
    shown = rx.cond(
        state.current_round > 0,
        rx.cond(state.phase == "changeover", state.current_round + 1, state.current_round),
        1,
    )
    # The state holds the round shown and the one after (services.console.shown_round is the server's side of this
    # rule): when the round changes, the second is shown at once and the next pair follows.
    now = state.room[rx.cond(state.room.length() > 1, rx.cond(state.room[0].round == shown, 0, 1), 0)]
    return plain.card(
        plain.vstack(
            plain.hstack(
                plain.heading(tr("console.room_title", round=shown), size="4", id="room-title"),
                plain.spacer(),
                plain.badge(tr_count("console.phones", state.phones), size="2", id="phones-connected"),
                plain.badge(tr("console.checked_in", checked=state.checked_in, expected=state.expected), size="2",
                         color_scheme="green", id="checked-in-count"),
                wrap="wrap",
                align="center",
                width="100%",
            ),
            rx.box(
                # A plain table, drawn by assets/partact.css like Radix's size-1 table: Radix's is a scroll area and a
                # component per cell, rendered again with every new round (docs/benchmark-pages.md, the seventh pass).
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            rx.el.th(tr("live.table"), scope="col"),
                            rx.el.th(tr("kind.company"), scope="col"),
                            rx.el.th(tr("kind.association"), scope="col"),
                        )
                    ),
                    rx.el.tbody(
                        rx.foreach(
                            now.tables,
                            lambda seat: rx.el.tr(rx.el.td(seat.table), rx.el.td(seat.company),
                                                  rx.el.td(seat.association)),
                        )
                    ),
                    class_name="partact-table",
                ),
                max_height="24rem",
                overflow_y="auto",
                width="100%",
                id="room-tables",
                tab_index=0,  # it scrolls: a keyboard reaches it (and its name says what it is)
                role="region",
                aria_label=tr("console.room_title", round=shown),
            ),
            plain.text(tr("console.empty_tables"), weight="medium", size="2", margin_top="0.5em"),
            _names(now.empty, "console.none", "room-empty"),
            plain.text(tr("console.alone"), weight="medium", size="2"),
            _names(now.alone, "console.none", "room-alone"),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="room-now",
    )


def announcement_form() -> rx.Component:
    """A short message for the big screen and every phone, until cleared."""
    state = OrganiserState
    return plain.card(
        rx.form(
            plain.vstack(
                plain.text(tr("console.announcement"), as_="label", custom_attrs={"htmlFor": "announcement"}, weight="medium"),
                rx.text_area(id="announcement", name="announcement", max_length=280, rows="2", width="100%",
                             placeholder=tr("console.announcement_hint")),
                plain.hstack(
                    rx.button(tr("console.announce"), type="submit", id="announce"),
                    rx.button(tr("console.clear_announcement"), type="button", variant="soft",
                              on_click=state.clear_announcement, id="clear-announcement",
                              disabled=state.announcement == ""),
                    spacing="3",
                ),
                rx.cond(state.announcement != "",
                        plain.text(tr("console.announcement_shown"), " ", rx.el.q(state.announcement),
                                size="2", id="announcement-shown", style={"overflow_wrap": "anywhere"})),
                spacing="2",
                width="100%",
            ),
            on_submit=state.announce,
            reset_on_submit=True,
        ),
        width="100%",
    )
