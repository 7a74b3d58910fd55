"""The schedule as a grid: a row per table, a column per round, both names in each cell. Layout only.

Plain HTML table elements (no per-cell component of a design system): at 300 participants it holds 1 440 cells.
The box scrolls both ways; the round header row and the table column stay in view (``position: sticky``).
Rounds already played are dimmed. Every cell is in the page, so the browser's own search finds a name.
"""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.states.console_schedule import ConsoleScheduleState as S
from partact_app.states.organiser import OrganiserState

_EDGE = "1px solid var(--gray-a5)"
_HEAD = {
    "position": "sticky",
    "top": "0",
    "z_index": "2",
    "background": "var(--gray-3)",
    "padding": "0.35em 0.5em",
    "border_bottom": _EDGE,
    "text_align": "left",
    "white_space": "nowrap",
    "font_weight": "600",
}
_FIRST = {
    "position": "sticky",
    "left": "0",
    "z_index": "1",
    "background": "var(--gray-2)",
    "padding": "0.35em 0.6em",
    "border_right": _EDGE,
    "border_bottom": _EDGE,
    "text_align": "right",
    "font_weight": "600",
    "font_variant_numeric": "tabular-nums",
}
_CELL = {
    "padding": "0.3em 0.5em",
    "border_bottom": _EDGE,
    "border_right": _EDGE,
    "min_width": "7.5rem",
    "max_width": "10.5rem",
    "vertical_align": "top",
    "line_height": "1.3",
}
_NAME = {"overflow": "hidden", "text_overflow": "ellipsis", "white_space": "nowrap"}


def _cell(cell: rx.Var, index: rx.Var) -> rx.Component:
    played = index < OrganiserState.current_round
    return rx.el.td(
        rx.el.div(cell.company, title=cell.company, style={**_NAME, "font_weight": "500"}),
        rx.el.div(cell.association, title=cell.association, style={**_NAME, "color": "var(--gray-11)"}),
        style={**_CELL, "opacity": rx.cond(played, "0.55", "1")},
    )


def _row(row: rx.Var) -> rx.Component:
    return rx.el.tr(
        rx.el.th(row.table, scope="row", style=_FIRST),
        rx.foreach(row.cells, _cell),
        data_table=row.table,
    )


def schedule_grid() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr("schedule.grid_title"), size="5"),
            rx.text(tr("schedule.grid_help"), size="2", color_scheme="gray"),
            rx.box(
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(
                            rx.el.th(tr("schedule.grid_table"), scope="col",
                                     style={**_HEAD, "left": "0", "z_index": "3", "text_align": "right"}),
                            rx.foreach(S.grid_rounds,
                                       lambda r: rx.el.th(tr("schedule.grid_round", round=r), scope="col",
                                                          style=_HEAD)),
                        ),
                    ),
                    rx.el.tbody(rx.foreach(S.grid, _row)),
                    style={"border_collapse": "separate", "border_spacing": "0", "font_size": "0.8125rem",
                           "width": "max-content"},
                ),
                overflow="auto",
                max_height="70vh",
                width="100%",
                border=_EDGE,
                border_radius="var(--radius-2)",
                tab_index=0,
                aria_label=tr("schedule.grid_title"),
                role="region",
                id="schedule-grid",
            ),
            spacing="3",
            width="100%",
        ),
        size="2",
        width="100%",
    )
