"""The schedule's status, its actions (generate, regenerate, publish) and its quality report in words, on the
console's schedule page. Layout only; numbers and times are formatted in the browser, in the page's language."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.function import FunctionStringVar

from partact_app.components.i18n import tr
from partact_app.states.console_schedule import ConsoleScheduleState as S
from partact_app.states.language import LanguageState
from partact_app.states.organiser import OrganiserState

_NUMBER = FunctionStringVar.create(
    "((value, lang, digits) => (Number(value) || 0).toLocaleString(lang, "
    "{minimumFractionDigits: digits, maximumFractionDigits: digits}))"
)
_MOMENT = FunctionStringVar.create(
    "((ms, lang) => ms ? new Date(ms).toLocaleString(lang, {dateStyle: 'medium', timeStyle: 'short'}) : '')"
)


def number(value: rx.Var, digits: int = 0) -> rx.Var:
    """``value`` as the page's language writes numbers (``12 345,6`` in French)."""
    return _NUMBER.call(value, LanguageState.lang, digits).to(str)


def moment(ms: rx.Var) -> rx.Var:
    """A time (milliseconds since the epoch) as the page's language writes it, in the browser's time zone."""
    return _MOMENT.call(ms, LanguageState.lang).to(str)


STARTED = OrganiserState.current_round > 0


def status() -> rx.Component:
    return rx.vstack(
        rx.cond(
            S.has_schedule,
            rx.vstack(
                rx.text(tr("schedule.computed_at", time=moment(S.scheduled_at_ms)), id="schedule-computed"),
                rx.cond(
                    S.published,
                    rx.text(tr("schedule.published_at", time=moment(S.published_at_ms)), color_scheme="green",
                            weight="medium", id="schedule-published"),
                    rx.text(tr("schedule.not_published"), color_scheme="amber", weight="medium",
                            id="schedule-not-published"),
                ),
                spacing="1",
            ),
            rx.text(tr("schedule.none", companies=S.companies, associations=S.associations), id="schedule-none"),
        ),
        rx.cond(
            S.outdated,
            rx.callout(tr("schedule.outdated"), icon="triangle-alert", color_scheme="amber", id="schedule-outdated"),
        ),
        spacing="2",
        width="100%",
    )


def _generate_label() -> rx.Var:
    return rx.cond(S.has_schedule, tr("schedule.regenerate"), tr("schedule.generate"))


def _confirm_dialog() -> rx.Component:
    """Regenerating a published schedule: ask first (the phones show the new one at once)."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(_generate_label(), size="3", id="schedule-button", loading=S.generating),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(tr("schedule.confirm_title")),
            rx.alert_dialog.description(
                rx.cond(STARTED, tr("schedule.confirm_started", round=OrganiserState.current_round),
                        tr("schedule.confirm_before")),
            ),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(tr("organiser.cancel"), variant="soft")),
                rx.alert_dialog.action(
                    rx.button(tr("schedule.confirm"), on_click=S.generate(True), id="schedule-confirm"),
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )


def actions() -> rx.Component:
    return rx.vstack(
        rx.flex(
            rx.cond(
                S.published,
                _confirm_dialog(),
                rx.button(_generate_label(), on_click=S.generate(False), size="3", id="schedule-button",
                          loading=S.generating),
            ),
            # Always clickable once there is a schedule: publishing again changes nothing, and an out-of-date
            # schedule is refused with the reason next to the buttons.
            rx.button(
                rx.cond(S.published, rx.fragment(rx.icon("check", size=16), tr("schedule.published_badge")),
                        tr("schedule.publish")),
                on_click=S.publish,
                disabled=~S.has_schedule | S.generating,
                variant=rx.cond(S.published, "soft", "solid"),
                color_scheme="green",
                size="3",
                id="publish-button",
            ),
            wrap="wrap",
            spacing="3",
        ),
        rx.cond(S.generating, rx.text(tr("schedule.generating"), color_scheme="gray", size="2")),
        rx.cond(
            S.action_error != "",
            rx.callout(S.action_error, icon="triangle-alert", color_scheme="red", id="schedule-error", role="alert"),
        ),
        rx.match(
            S.notice,
            ("generated", rx.callout(tr("schedule.generated", count=S.notice_count), icon="check",
                                     color_scheme="green", id="schedule-notice")),
            ("replanned", rx.callout(tr("schedule.replanned", count=S.notice_count, round=OrganiserState.current_round),
                                     icon="check", color_scheme="green", id="schedule-notice")),
            ("published", rx.callout(tr("schedule.published_notice"), icon="check", color_scheme="green",
                                     id="schedule-notice")),
            rx.fragment(),
        ),
        spacing="3",
        width="100%",
    )


def _range(key_same: str, key_range: str, low: rx.Var, high: rx.Var) -> rx.Var:
    return rx.cond(low == high, tr(key_same, count=low), tr(key_range, min=low, max=high))


def quality_report() -> rx.Component:
    q = S.quality
    percent = number(q.ratio * 100, 2)
    return rx.vstack(
        rx.heading(tr("schedule.quality_title"), size="4"),
        rx.el.ul(
            rx.el.li(tr("schedule.q_meetings", meetings=q.meetings, rounds=S.rounds, tables=S.tables)),
            rx.el.li(_range("schedule.q_companies_same", "schedule.q_companies", q.company_min, q.company_max)),
            rx.el.li(_range("schedule.q_associations_same", "schedule.q_associations", q.association_min,
                            q.association_max)),
            rx.el.li(rx.cond(q.longest_sitout > 0, tr("schedule.q_sitout", count=q.longest_sitout),
                             tr("schedule.q_sitout_none"))),
            rx.el.li(
                rx.cond(
                    q.no_common_language > 0,
                    rx.text(tr("schedule.q_language_bad", count=q.no_common_language), color_scheme="red",
                            as_="span", weight="medium"),
                    tr("schedule.q_language_ok"),
                ),
                rx.cond(q.language_excluded > 0, rx.fragment(" ", tr("schedule.q_language_excluded",
                                                                     count=q.language_excluded))),
            ),
            rx.el.li(rx.cond(q.wishes_asked > 0, tr("schedule.q_wishes", met=q.wishes_met, asked=q.wishes_asked),
                             tr("schedule.q_wishes_none"))),
            rx.el.li(tr("schedule.q_value", value=number(q.value, 1), bound=number(q.bound, 1), percent=percent)),
            style={"padding_left": "1.2em", "line_height": "1.7", "margin": "0"},
        ),
        rx.text(tr("schedule.q_value_help"), size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
        id="quality-report",
    )


def schedule_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr("schedule.title"), size="5"),
            status(),
            actions(),
            rx.cond(S.has_schedule, quality_report()),
            spacing="4",
            width="100%",
        ),
        size="3",
        width="100%",
    )
