"""The pieces of the registrar's page: the counts by status, the filter, the table of matches, the send-back dialog
and the correction dialog. Layout only: every text a participant typed is shown as text."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.function import FunctionStringVar

from partact_app.components.console_participants import category_label, checkbox_grid, said
from partact_app.components.i18n import tr
from partact_app.core.categories import CATEGORY_KEYS
from partact_app.states.console_matches import (
    ALL,
    MAX_COMMENT,
    MAX_ROWS,
    MAX_TEXT,
    STATUSES,
    TO_CHECK,
    RegistrarRow,
)
from partact_app.states.console_matches import ConsoleMatchesState as S
from partact_app.states.language import LanguageState

LANG = LanguageState.lang
# An ISO time (or epoch milliseconds) as the page's language writes it, in the browser's time zone.
_CLOCK = FunctionStringVar.create(
    "((when, lang, full) => { const d = new Date(when); return isNaN(d) ? '' : full"
    " ? d.toLocaleString(lang, {dateStyle: 'medium', timeStyle: 'short'})"
    " : d.toLocaleTimeString(lang, {hour: '2-digit', minute: '2-digit'}); })"
)


def local_time(when: rx.Var, full: bool = False) -> rx.Var:
    return _CLOCK.call(when, LANG, full).to(str)

STATUS_COLOURS = {
    "proposed": "gray",
    "recorded": "blue",
    "validated": "green",
    "returned": "amber",
    "declined": "red",
    "delivered": "teal",
}


def status_badge(status) -> rx.Component:
    return rx.match(
        status,
        *[(s, rx.badge(tr(f"registrar.status_{s}"), color_scheme=STATUS_COLOURS[s], size="2")) for s in STATUSES],
        rx.badge(status, size="2"),
    )


def counts_bar() -> rx.Component:
    """One figure per status; a click shows the matches of that status."""
    return rx.flex(
        *[
            rx.button(
                rx.text(S.counts[s].to(int), weight="bold", id=f"count-{s}", size="4"),
                tr(f"registrar.status_{s}"),
                variant=rx.cond(S.status == s, "solid", "soft"),
                color_scheme=STATUS_COLOURS[s],
                on_click=S.choose(s),
                size="2",
                data_status=s,
                class_name="registrar-count",
            )
            for s in STATUSES
        ],
        wrap="wrap",
        gap="2",
        id="registrar-counts",
    )


def filter_bar() -> rx.Component:
    return rx.flex(
        rx.text(tr("registrar.filter"), as_="label", html_for="status-filter", size="2", weight="medium"),
        rx.select.root(
            rx.select.trigger(id="status-filter", min_width="12em", aria_label=tr("registrar.filter")),
            rx.select.content(
                rx.select.item(tr("registrar.filter_to_check"), value=TO_CHECK),
                rx.select.item(tr("registrar.filter_all"), value=ALL),
                *[rx.select.item(tr(f"registrar.status_{s}"), value=s) for s in STATUSES],
            ),
            value=S.status,
            on_change=S.choose,
        ),
        gap="3",
        align="center",
        wrap="wrap",
    )


def messages() -> rx.Component:
    return rx.fragment(
        rx.cond(S.error["fr"], rx.callout(said(S.error), icon="triangle-alert", color_scheme="red",
                                          id="registrar-error", width="100%")),
        rx.cond(
            S.notice != "",
            rx.callout(
                rx.match(S.notice, ("validated", tr("registrar.notice_validated")),
                         ("returned", tr("registrar.notice_returned")), tr("registrar.notice_fixed")),
                icon="check", color_scheme="green", id="registrar-notice", width="100%",
            ),
        ),
    )


def _row(row: RegistrarRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.el.time(local_time(row.created_at), date_time=row.created_at), data_created_at=row.created_at,
                      class_name="match-time"),
        rx.table.cell(rx.text(row.company, weight="medium"), class_name="match-company", min_width="9em"),
        rx.table.cell(rx.text(row.association, weight="medium"), class_name="match-association", min_width="9em"),
        rx.table.cell(
            rx.vstack(
                rx.text(row.description, class_name="match-description", size="2"),
                rx.cond(
                    row.registrar_comment != "",
                    rx.text(tr("registrar.comment"), ": ", row.registrar_comment, size="2", color_scheme="amber",
                            class_name="match-comment"),
                ),
                spacing="1",
            ),
            min_width="18em",
        ),
        rx.table.cell(status_badge(row.status), class_name="match-status", data_status=row.status),
        rx.table.cell(
            rx.flex(
                rx.cond(
                    row.can_validate,
                    rx.button(tr("registrar.validate"), size="1", color_scheme="green",
                              on_click=S.validate(row.id, row.version), data_action="registrar-validate"),
                ),
                rx.cond(
                    row.can_send_back,
                    rx.button(tr("registrar.send_back"), size="1", variant="soft", color_scheme="amber",
                              on_click=S.open_send_back(row.id), data_action="registrar-send-back"),
                ),
                rx.button(tr("registrar.fix"), size="1", variant="soft", on_click=S.open_fix(row.id),
                          data_action="registrar-fix"),
                gap="2",
                wrap="wrap",
            ),
        ),
        data_match_id=row.id,
        data_status=row.status,
        class_name="match-row",
    )


def matches_table() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.cond(
                S.rows.length() > 0,
                rx.box(
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell(tr("registrar.col_time")),
                                rx.table.column_header_cell(tr("kind.company")),
                                rx.table.column_header_cell(tr("kind.association")),
                                rx.table.column_header_cell(tr("registrar.col_description")),
                                rx.table.column_header_cell(tr("registrar.col_status")),
                                rx.table.column_header_cell(tr("registrar.col_actions")),
                            )
                        ),
                        rx.table.body(rx.foreach(S.rows, _row)),
                        variant="surface",
                        size="2",
                        id="matches-table",
                    ),
                    width="100%",
                    overflow_x="auto",
                ),
                rx.text(tr("registrar.none"), color_scheme="gray", id="matches-none"),
            ),
            rx.cond(S.shown > S.rows.length(),
                    rx.text(tr("registrar.more", shown=S.shown, count=MAX_ROWS), size="2", color_scheme="gray")),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _dialog_actions(submit: rx.Component) -> rx.Component:
    """A row dialog's buttons: cancel (closes it, changes nothing) and ``submit``."""
    return rx.flex(
        rx.dialog.close(rx.button(tr("organiser.cancel"), variant="soft", color_scheme="gray", type="button")),
        submit,
        gap="3",
        justify="end",
        width="100%",
    )


def send_back_dialog() -> rx.Component:
    row = S.back_row
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(tr("registrar.send_back")),
            rx.dialog.description(row.company, " · ", row.association, size="2", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    rx.text(tr("registrar.comment_label"), as_="label", html_for="send-back-comment", size="2",
                            weight="medium"),
                    rx.text_area(name="comment", id="send-back-comment", max_length=MAX_COMMENT, rows="4",
                                 width="100%", required=True),
                    rx.cond(S.back_error["fr"], rx.text(said(S.back_error), color_scheme="red", size="2",
                                                        id="send-back-error")),
                    _dialog_actions(rx.button(tr("registrar.send"), type="submit", id="send-back-submit",
                                              color_scheme="amber")),
                    spacing="3",
                    width="100%",
                ),
                on_submit=S.send_back,
                reset_on_submit=False,
            ),
            max_width="34em",
            id="send-back-dialog",
        ),
        open=S.back_id != 0,
        on_open_change=S.back_open_change,
    )


def _fix_error(name: str) -> rx.Component:
    return rx.cond(
        S.fix_errors.contains(name),
        rx.text(S.fix_errors[name].to(dict)[LANG], color_scheme="red", size="2",
                id=f"fix-error-{name.replace('_', '-')}" if name else "fix-error"),
    )


def _side(prefix: str, name, chosen, keys_field: str, text_field: str) -> rx.Component:
    return rx.vstack(
        rx.text(tr("registrar.company_gives", name=name), size="2", weight="bold"),
        checkbox_grid(prefix, CATEGORY_KEYS, chosen, category_label, "fix"),
        _fix_error(keys_field),
        rx.text(tr("registrar.details"), as_="label", html_for=f"fix-{text_field.replace('_', '-')}", size="2"),
        rx.input(name=text_field, id=f"fix-{text_field.replace('_', '-')}", max_length=MAX_TEXT, width="100%",
                 default_value=S.fix_row.company_gives_text if prefix == "cg" else S.fix_row.association_gives_text),
        _fix_error(text_field),
        spacing="2",
        width="100%",
    )


def _small_input(name: str, label: str, value, **props) -> rx.Component:
    return rx.vstack(
        rx.text(tr(label), as_="label", html_for=f"fix-{name.replace('_', '-')}", size="2"),
        rx.input(name=name, id=f"fix-{name.replace('_', '-')}", default_value=value, width="10em", **props),
        _fix_error(name),
        spacing="1",
    )


def fix_dialog() -> rx.Component:
    row = S.fix_row
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(tr("registrar.fix_title")),
            rx.dialog.description(row.company, " · ", row.association, size="2", color_scheme="gray"),
            rx.form(
                rx.vstack(
                    _side("cg", row.company, row.company_gives, "company_gives", "company_gives_text"),
                    _side("ag", row.association, row.association_gives, "association_gives",
                          "association_gives_text"),
                    rx.flex(
                        _small_input("hours", "registrar.hours", row.hours, max_length=20, input_mode="decimal"),
                        _small_input("euros", "registrar.euros", row.euros, max_length=20, input_mode="numeric"),
                        _small_input("delivery_date", "registrar.delivery_date", row.delivery_date, type="date"),
                        gap="3",
                        wrap="wrap",
                    ),
                    _fix_error(""),
                    _dialog_actions(rx.button(tr("registrar.save"), type="submit", id="fix-submit")),
                    spacing="4",
                    width="100%",
                    key=S.fix_key,
                ),
                on_submit=S.fix,
                reset_on_submit=False,
                id="fix-form",
            ),
            max_width="44em",
            id="fix-dialog",
        ),
        open=S.fix_id != 0,
        on_open_change=S.fix_open_change,
    )
