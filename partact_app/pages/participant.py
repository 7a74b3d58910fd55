"""``/p/[token]``: the participant's page (the QR code on the badge points here). Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.announcer import round_announcer
from partact_app.components.countdown import live_countdown
from partact_app.components.i18n import tr
from partact_app.components.later import later
from partact_app.components.layout import page
from partact_app.components.matches import (
    awaiting_proposal,
    error_notice,
    followups_section,
    match_form,
    matches_section,
    note_field,
    outside_section,
)
from partact_app.components.meeting import agenda_table, meeting_details, table_badge
from partact_app.states.participant import ParticipantState as P

STARTED = P.current_round > 0
FINISHED = P.phase == "finished"
# During the changeover between two rounds people move: the page shows the table they are going to.
CHANGEOVER = P.phase == "changeover"
SHOWN_ROUND = rx.cond(STARTED, rx.cond(CHANGEOVER, P.current_round + 1, P.current_round), P.first_round)
CURRENT = P.agenda[SHOWN_ROUND]
NEXT = P.agenda[P.current_round + 1]
PUBLISHED = P.agenda.length() > 0  # the agenda stays empty until the organisers publish the schedule


def not_recognised() -> rx.Component:
    return rx.cond(P.refused_wait > 0, too_many_attempts(), unknown_link())


def too_many_attempts() -> rx.Component:
    return rx.callout(
        tr("error.rate_limited", seconds=P.refused_wait), icon="timer", color_scheme="amber", size="3", width="100%",
        id="rate-limited",
    )


def unknown_link() -> rx.Component:
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


def who_am_i() -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.heading(P.organisation, size="5", id="participant-organisation", style={"overflow_wrap": "anywhere"}),
            rx.text(P.event_name, size="2", color_scheme="gray"),
            spacing="0",
            align="start",
        ),
        rx.spacer(),
        rx.badge(rx.cond(P.kind == "company", tr("kind.company"), tr("kind.association")), size="2"),
        width="100%",
        align="center",
    )


def status() -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.text(
                    rx.cond(STARTED, tr("live.round_of", round=P.current_round, total=P.total_rounds), ""),
                    id="round-number",
                    size="4",
                    weight="bold",
                ),
                rx.cond(
                    ~STARTED & ~FINISHED,
                    rx.text(
                        rx.cond(P.start_time != "", tr("live.starts_at", time=P.start_time), tr("live.not_started")),
                        size="3",
                        id="status-before",
                    ),
                ),
                rx.cond(P.phase == "paused", rx.badge(tr("live.paused"), color_scheme="amber", size="2",
                                                      id="status-paused")),
                rx.cond(FINISHED, rx.text(tr("live.finished"), size="3", weight="medium", id="status-finished")),
                rx.cond(CHANGEOVER, rx.text(tr("live.move_on"), size="3", weight="medium", id="status-changeover")),
                spacing="1",
                align="start",
            ),
            rx.spacer(),
            live_countdown(P, over_label=tr("live.time_up"), element_id="countdown", aria_label=tr("live.time_left")),
            align="center",
            width="100%",
        ),
        width="100%",
        id="status",
    )


def current_meeting() -> rx.Component:
    meeting = rx.vstack(
        rx.hstack(
            table_badge(CURRENT.table, "table-number"),
            meeting_details(CURRENT, P.offers, P.needs),
            align="start",
            spacing="4",
            width="100%",
        ),
        rx.cond(
            STARTED,  # at the table: the note and "we have a match" (before the start, the agenda has them)
            rx.vstack(
                note_field(CURRENT.counterpart_id),
                rx.button(tr("match.propose"), on_click=P.open_match_form(CURRENT.counterpart_id), size="3",
                          width="100%", id="current-match-propose"),
                spacing="3",
                width="100%",
            ),
        ),
        spacing="3",
        width="100%",
    )
    sitting_out = rx.vstack(
        rx.heading(tr("live.sitting_out_title"), size="5", id="sitting-out"),
        rx.text(tr("live.sitting_out_text")),
        spacing="2",
    )
    return rx.card(
        rx.vstack(
            rx.text(rx.cond(STARTED, rx.cond(CHANGEOVER, tr("live.go_to"), tr("live.now")), tr("live.first_meeting")),
                    size="2", weight="medium",
                    color_scheme="gray"),
            rx.cond(
                CURRENT.table > 0,
                meeting,
                rx.cond(STARTED, sitting_out, rx.text(tr("live.no_agenda"), id="no-agenda")),
            ),
            spacing="3",
            width="100%",
        ),
        size="3",
        width="100%",
        id="current-meeting",
    )


def next_meeting() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(tr("live.next"), size="2", weight="medium", color_scheme="gray"),
            rx.cond(
                NEXT.table > 0,
                rx.hstack(
                    table_badge(NEXT.table, "next-table-number", size="6"),
                    rx.vstack(
                        rx.text(NEXT.counterpart, weight="bold", size="4", id="next-counterpart-name",
                                style={"overflow_wrap": "anywhere"}),
                        rx.text(NEXT.time, size="2", color_scheme="gray"),
                        spacing="1",
                        align="start",
                    ),
                    align="center",
                    spacing="4",
                ),
                rx.text(tr("live.no_meeting"), color_scheme="gray"),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        id="next-meeting",
    )


def check_in_desk() -> rx.Component:
    """Shown only to an organiser logged in to this event (the check-in desk scans the badge)."""
    return rx.cond(
        P.organiser_here,
        rx.card(
            rx.cond(
                P.checked_in,
                rx.text(tr("participant.checked_in"), id="checked-in", weight="medium", color_scheme="green"),
                rx.button(tr("participant.check_in"), on_click=P.check_in, id="check-in", size="3", width="100%"),
            ),
            width="100%",
        ),
    )


def programme_coming() -> rx.Component:
    """Before the organisers publish the schedule, the phone gets no agenda at all and says it is coming."""
    return rx.card(
        rx.vstack(
            rx.heading(tr("participant.programme_coming"), size="5", id="programme-coming"),
            rx.text(tr("participant.agenda_soon")),
            spacing="2",
        ),
        size="3",
        width="100%",
    )


def announcement() -> rx.Component:
    """The organisers' announcement, as on the big screen, until they clear it."""
    return rx.cond(
        P.announcement != "",
        rx.callout(P.announcement, icon="megaphone", color_scheme="amber", size="2", width="100%",
                   id="phone-announcement", role="status", style={"overflow_wrap": "anywhere"}),
    )


# After the event the same link shows the follow-ups and the matches first (flex order: no second copy of them).
AFTER_FIRST = rx.cond(FINISHED, "-1", "0")


def participant_view() -> rx.Component:
    return rx.vstack(
        round_announcer(),
        rx.vstack(announcement(), who_am_i(), spacing="4", width="100%", style={"order": "-2"}),
        check_in_desk(),
        status(),
        error_notice(),
        awaiting_proposal(),
        rx.cond(
            PUBLISHED,
            rx.fragment(
                rx.cond(~FINISHED, current_meeting()),
                rx.cond(STARTED & ~FINISHED & ~CHANGEOVER & (P.current_round < P.total_rounds), next_meeting()),
                # Below the first screen, more than half of the page's elements: drawn a frame after the rest.
                later(
                    rx.heading(tr("live.agenda"), size="4", margin_top="0.5em"),
                    agenda_table(P.agenda, P.current_round, P.total_rounds, P.offers, P.needs),
                ),
            ),
            programme_coming(),
        ),
        followups_section(AFTER_FIRST),
        matches_section(AFTER_FIRST),
        outside_section(rx.Var.create("0")),
        match_form(),
        spacing="4",
        width="100%",
    )


def participant_page() -> rx.Component:
    return page(
        rx.cond(
            P.loaded,
            rx.cond(P.found, participant_view(), not_recognised()),
            rx.center(rx.spinner(size="3"), rx.text(tr("participant.loading")), padding="3em", spacing="3"),
        ),
    )
