"""A meeting card (table, counterpart, what each side could give the other) and the agenda table."""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.components.labels import category_label, language_label


def _gives(title_key: str, keys: rx.Var, color: str) -> rx.Component:
    return rx.vstack(
        rx.text(tr(title_key), size="2", weight="medium", color_scheme="gray"),
        rx.cond(
            keys.length() > 0,
            rx.flex(
                rx.foreach(keys, lambda key: rx.badge(category_label(key), color_scheme=color, size="2")),
                wrap="wrap",
                spacing="2",
            ),
            rx.text("—", color_scheme="gray", size="2"),
        ),
        spacing="1",
        align="start",
    )


def meeting_details(row: rx.Var) -> rx.Component:
    """Counterpart, contact, languages, description and the overlap of offers and needs."""
    return rx.vstack(
        rx.text(row.counterpart, size="6", weight="bold", id="counterpart-name", style={"overflow_wrap": "anywhere"}),
        rx.hstack(
            rx.badge(rx.cond(row.counterpart_kind == "company", tr("kind.company"), tr("kind.association"))),
            wrap="wrap",
            align="center",
        ),
        rx.text(
            tr("live.languages"),
            " ",
            rx.foreach(row.languages.to(list[str]), lambda code, i: rx.fragment(rx.cond(i > 0, ", ", ""), language_label(code))),
            size="2",
            color_scheme="gray",
        ),
        rx.cond(
            row.description != "",
            rx.text(row.description, size="2", style={"display": "-webkit-box", "-webkit-line-clamp": "4",
                                                       "-webkit-box-orient": "vertical", "overflow": "hidden"}),
        ),
        _gives("live.you_give", row.you_give.to(list[str]), "teal"),
        _gives("live.they_give", row.they_give.to(list[str]), "orange"),
        rx.cond(
            (row.you_give.to(list[str]).length() == 0) & (row.they_give.to(list[str]).length() == 0),
            rx.text(tr("live.nothing_obvious"), size="2", color_scheme="gray", style={"font_style": "italic"}),
        ),
        spacing="2",
        align="start",
        width="100%",
    )


def table_badge(table: rx.Var, element_id: str | None = None, size: str = "9") -> rx.Component:
    return rx.vstack(
        rx.text(tr("live.table"), size="2", color_scheme="gray", weight="medium"),
        rx.text(table, size=size, weight="bold", id=element_id, line_height="1"),
        spacing="0",
        align="center",
        min_width="4.5rem",
    )


def agenda_table(agenda: rx.Var, current_round: rx.Var, total: rx.Var) -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        past = item.round < current_round
        now = item.round == current_round
        return rx.cond(
            (item.round > 0) & (item.round <= total),
            rx.table.row(
                rx.table.cell(item.round),
                rx.table.cell(item.time),
                rx.table.cell(rx.cond(item.table > 0, item.table, "—")),
                rx.table.cell(
                    rx.cond(
                        item.table > 0,
                        item.counterpart,
                        rx.cond(item.present, tr("live.no_meeting"), tr("live.not_present")),
                    ),
                    style={"overflow_wrap": "anywhere"},
                ),
                style=rx.cond(
                    past,
                    {"opacity": "0.45"},
                    rx.cond(now, {"background": "var(--accent-a3)", "font_weight": "600"}, {}),
                ),
            ),
        )

    return rx.table.root(
        rx.table.header(
            rx.table.row(
                rx.table.column_header_cell(tr("live.round")),
                rx.table.column_header_cell(tr("live.time")),
                rx.table.column_header_cell(tr("live.table")),
                rx.table.column_header_cell(tr("live.with")),
            )
        ),
        rx.table.body(rx.foreach(agenda, row)),
        size="1",
        width="100%",
        id="agenda",
    )
