"""``/organiser/badges``, ``/organiser/agendas``, ``/organiser/tables``: the console's print pages. Layout only.

Each page has its controls on screen (hidden on paper) and the sheets below them, laid out in millimetres by
print CSS: badges 2 x 4 on A4 (90 x 60 mm, dashed cut lines, QR code 27 mm wide with its quiet zone), one or two
agendas per A4, one A5 table card per table and a room plan per round. Every sheet says the schedule's version
and time, so an old printout is recognisable.
"""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell
from partact_app.components.i18n import tr
from partact_app.components.labels import category_label
from partact_app.states.console_print import AgendasState, BadgesState, TablesState

PRINT_CSS = """
@media print {
  @page { size: A4 portrait; margin: 10mm; }
  body { background: #fff !important; }
  .no-print, header, nav, [data-sonner-toaster] { display: none !important; }
  .rt-Container, .rt-ContainerInner { max-width: none !important; padding: 0 !important; }
}
.sheets { color: #000; }
.badge-sheet { display: grid; grid-template-columns: repeat(2, 90mm); grid-auto-rows: 60mm;
  gap: 0; justify-content: center; }
.badge { box-sizing: border-box; width: 90mm; height: 60mm; padding: 4mm; display: flex; gap: 3mm;
  outline: 0.2mm dashed #888; outline-offset: -0.1mm; overflow: hidden; break-inside: avoid;
  font-family: system-ui, sans-serif; background: #fff; color: #000; }
.badge.association { background: #ffe066; }
.badge-text { flex: 1 1 auto; min-width: 0; display: flex; flex-direction: column; gap: 1.2mm; overflow: hidden; }
.badge-event { font-size: 7pt; text-transform: uppercase; letter-spacing: 0.05em; }
.badge-name { font-weight: 800; line-height: 1.1; overflow-wrap: anywhere; hyphens: auto; }
.badge-name.size-s { font-size: 20pt; } .badge-name.size-m { font-size: 16pt; }
.badge-name.size-l { font-size: 13pt; } .badge-name.size-xl { font-size: 10.5pt; }
.badge-contact { font-size: 10pt; overflow-wrap: anywhere; }
.badge-kind { margin-top: auto; font-size: 9pt; font-weight: 700; border: 0.3mm solid #000; border-radius: 1mm;
  padding: 0.5mm 1.5mm; align-self: flex-start; }
.badge-table { font-size: 11pt; font-weight: 800; }
.badge-qr { flex: 0 0 27mm; width: 27mm; height: 27mm; align-self: center; }
.badge-qr img, .sheet-qr img { width: 100%; height: 100%; display: block; }
.sheet { break-after: page; font-family: system-ui, sans-serif; padding: 2mm 0; }
.sheet.half { break-after: auto; min-height: 135mm; border-bottom: 0.2mm dashed #888; margin-bottom: 4mm; }
.sheet.half:nth-child(2n) { break-after: page; border-bottom: none; }
.sheet h2 { font-size: 16pt; margin: 0 0 2mm; overflow-wrap: anywhere; }
.sheet table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
.sheet th, .sheet td { border-bottom: 0.2mm solid #999; padding: 1mm 1.5mm; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
.sheet-head { display: flex; gap: 4mm; align-items: flex-start; }
.sheet-head > div:first-child { flex: 1 1 auto; min-width: 0; }
.sheet-qr { flex: 0 0 30mm; width: 30mm; height: 30mm; }
.sheet-version { font-size: 8pt; color: #444; margin-top: 2mm; }
.table-number { font-size: 64pt; font-weight: 900; line-height: 1; }
"""
# Table cards and room plans go on A5.
A5_CSS = "@media print { @page { size: A5 portrait; margin: 8mm; } }"


def _version_line(state) -> rx.Component:
    return rx.el.div(
        tr("print.version", version=state.schedule_version, time=state.scheduled_at, printed=state.printed_at),
        class_name="sheet-version",
    )


def _controls(*children) -> rx.Component:
    return rx.flex(
        *children,
        rx.button(tr("print.print"), on_click=rx.call_script("window.print()"), id="print-button"),
        class_name="no-print",
        wrap="wrap",
        spacing="3",
        align="center",
    )


def _name_size(organisation: rx.Var) -> rx.Var:
    """A smaller type for longer names, so that any name fits its badge."""
    length = organisation.length()
    return rx.cond(length <= 18, "size-s", rx.cond(length <= 30, "size-m", rx.cond(length <= 44, "size-l", "size-xl")))


def _badge(badge) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.div(BadgesState.event_name, class_name="badge-event"),
            rx.el.div(badge.organisation, class_name=rx.Var.create("badge-name ") + _name_size(badge.organisation)),
            rx.el.div(badge.contact_name, class_name="badge-contact"),
            rx.cond(badge.table > 0, rx.el.div(tr("print.table", table=badge.table), class_name="badge-table")),
            rx.el.div(rx.cond(badge.kind == "company", tr("kind.company"), tr("kind.association")),
                      class_name="badge-kind"),
            class_name="badge-text",
        ),
        rx.el.div(rx.image(src=badge.qr, alt=tr("print.qr_alt", name=badge.organisation)), class_name="badge-qr"),
        class_name=rx.Var.create("badge ") + badge.kind,
        custom_attrs={"data-organisation": badge.organisation},
    )


def badges_page() -> rx.Component:
    state = BadgesState
    return console_shell(
        "badges",
        rx.el.style(PRINT_CSS),
        _controls(
            rx.select.root(
                rx.select.trigger(aria_label=tr("print.which")),
                rx.select.content(
                    rx.select.item(tr("print.all"), value="all"),
                    rx.select.item(tr("print.companies"), value="company"),
                    rx.select.item(tr("print.associations"), value="association"),
                    rx.select.item(tr("print.walk_ins"), value="walk-ins"),
                    rx.select.item(tr("print.one"), value="one"),
                ),
                value=state.which,
                on_change=state.choose,
                id="badge-filter",
            ),
            rx.cond(
                state.which == "one",
                rx.select.root(
                    rx.select.trigger(aria_label=tr("print.one")),
                    rx.select.content(
                        rx.foreach(state.people, lambda person: rx.select.item(person[1], value=person[0]))
                    ),
                    value=state.participant_id.to_string(),
                    on_change=state.choose_participant,
                    id="badge-participant",
                ),
            ),
            rx.text(tr("print.badge_count", count=state.badges.length()), id="badge-count"),
            rx.button(tr("print.mark_printed"), on_click=state.mark_printed, variant="soft", id="mark-printed"),
            rx.cond(state.marked, rx.text(tr("print.marked"), color_scheme="green", id="marked")),
        ),
        rx.el.div(
            rx.el.div(rx.foreach(state.badges, _badge), class_name="badge-sheet", id="badges"),
            _version_line(state),
            class_name="sheets",
        ),
    )


def _agenda_row(row) -> rx.Component:
    def gives(keys):
        return rx.foreach(keys.to(list[str]), lambda key, i: rx.fragment(rx.cond(i > 0, ", ", ""),
                                                                          category_label(key)))

    return rx.el.tr(
        rx.el.td(row.round),
        rx.el.td(row.time),
        rx.el.td(rx.cond(row.table > 0, row.table, "—")),
        rx.el.td(rx.cond(row.table > 0, row.counterpart,
                         rx.cond(row.present, tr("live.no_meeting"), tr("live.not_present")))),
        rx.el.td(gives(row.you_give)),
        rx.el.td(gives(row.they_give)),
    )


def _agenda(sheet) -> rx.Component:
    return rx.el.section(
        rx.el.div(
            rx.el.div(
                rx.el.div(AgendasState.event_name, class_name="badge-event"),
                rx.el.h2(sheet.organisation),
                rx.el.div(sheet.contact_name),
                rx.el.div(rx.cond(sheet.kind == "company", tr("kind.company"), tr("kind.association"))),
            ),
            rx.el.div(rx.image(src=sheet.qr, alt=tr("print.qr_alt", name=sheet.organisation)),
                      class_name="sheet-qr"),
            class_name="sheet-head",
        ),
        rx.el.table(
            rx.el.thead(
                rx.el.tr(
                    rx.el.th(tr("print.round")),
                    rx.el.th(tr("print.time")),
                    rx.el.th(tr("live.table")),
                    rx.el.th(tr("print.counterpart")),
                    rx.el.th(tr("live.you_give")),
                    rx.el.th(tr("live.they_give")),
                )
            ),
            rx.el.tbody(rx.foreach(sheet.rows, _agenda_row)),
        ),
        _version_line(AgendasState),
        class_name=rx.cond(AgendasState.two_per_page, "sheet half", "sheet"),
        custom_attrs={"data-organisation": sheet.organisation},
    )


def agendas_page() -> rx.Component:
    state = AgendasState
    return console_shell(
        "agendas",
        rx.el.style(PRINT_CSS),
        _controls(
            rx.text(
                rx.switch(checked=state.two_per_page, on_change=state.set_two_per_page, id="two-per-page"),
                " ",
                tr("print.two_per_page"),
                as_="label",
            ),
        ),
        rx.el.div(rx.foreach(state.sheets, _agenda), class_name="sheets", id="agendas"),
    )


def _card(card) -> rx.Component:
    return rx.el.section(
        rx.el.div(TablesState.event_name, class_name="badge-event"),
        rx.el.div(tr("live.table"), " ", rx.el.span(card.table, class_name="table-number")),
        rx.el.table(
            rx.el.thead(rx.el.tr(rx.el.th(tr("print.round")), rx.el.th(tr("print.time")),
                                 rx.el.th(tr("kind.company")), rx.el.th(tr("kind.association")))),
            rx.el.tbody(
                rx.foreach(
                    card.rows,
                    lambda row: rx.el.tr(rx.el.td(row.round), rx.el.td(row.time),
                                         rx.el.td(rx.cond(row.company != "", row.company, "—")),
                                         rx.el.td(rx.cond(row.association != "", row.association, "—"))),
                )
            ),
        ),
        _version_line(TablesState),
        class_name="sheet",
        custom_attrs={"data-table": card.table},
    )


def _plan(round_plan) -> rx.Component:
    return rx.cond(
        round_plan.tables.length() > 0,
        rx.el.section(
            rx.el.h2(tr("print.room_plan", round=round_plan.round)),
            rx.el.table(
                rx.el.thead(rx.el.tr(rx.el.th(tr("live.table")), rx.el.th(tr("kind.company")),
                                     rx.el.th(tr("kind.association")))),
                rx.el.tbody(
                    rx.foreach(round_plan.tables, lambda seat: rx.el.tr(rx.el.td(seat.table), rx.el.td(seat.company),
                                                                        rx.el.td(seat.association)))
                ),
            ),
            _version_line(TablesState),
            class_name="sheet",
            custom_attrs={"data-round": round_plan.round},
        ),
    )


def tables_page() -> rx.Component:
    state = TablesState
    return console_shell(
        "tables",
        rx.el.style(PRINT_CSS + A5_CSS),
        _controls(),
        rx.el.div(rx.foreach(state.cards, _card), class_name="sheets", id="table-cards"),
        rx.el.div(rx.foreach(state.plan, _plan), class_name="sheets", id="room-plans"),
    )
