"""The pieces of the organiser's summary: the figures, the categories' chart and table, the best pairs that did not
meet, and the print CSS (A4, controls hidden). Layout only.

The chart is Reflex's bundled Recharts (``rx.recharts``): its JavaScript is imported by this page's module alone,
so the phones' and the big screen's pages do not load it (checked in tests/browser/test_console_matches.py)."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console_matches import local_time
from partact_app.components.console_participants import category_label, said
from partact_app.components.i18n import tr
from partact_app.states.console_summary import CategoryLine, MissedPair
from partact_app.states.console_summary import ConsoleSummaryState as S
from partact_app.states.language import LanguageState

SUMMARY_CSS = """
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  body { background: #fff !important; }
  .no-print, header, nav, [data-sonner-toaster] { display: none !important; }
  .rt-Container, .rt-ContainerInner { max-width: none !important; padding: 0 !important; }
  .summary-section { break-inside: avoid; box-shadow: none !important; }
}
.summary-figure { display: flex; flex-direction: column; gap: 0.15em; }
.summary-figure .value { font-size: 2em; font-weight: 800; line-height: 1.1; }
"""
# (id, catalogue key, the figure's field): the summary's figures in reading order.
FIGURES = (
    ("summary-meetings-held", "summary.meetings_held", "meetings_held"),
    ("summary-no-shows", "summary.no_shows", "no_shows"),
    ("summary-recorded", "summary.recorded", "recorded"),
    ("summary-validated", "summary.validated", "validated"),
    ("summary-delivered", "summary.delivered", "delivered"),
    ("summary-proposed", "summary.proposed", "proposed"),
    ("summary-declined", "summary.declined", "declined"),
    ("summary-followups", "summary.followups", "followup_requests"),
    ("summary-mutual", "summary.mutual", "mutual_followups"),
)
COLOURS = {"offered": "#8ec5ff", "given": "#1d6fd8", "needed": "#ffb86b", "unmet": "#d9480f"}
ORDER = rx.Var(f"((item) => {list(COLOURS)!r}.indexOf(item.dataKey))")


def controls() -> rx.Component:
    return rx.flex(
        rx.button(tr("print.print"), on_click=rx.call_script("window.print()"), id="print-button"),
        rx.button(tr("summary.refresh"), on_click=S.refresh, variant="soft", id="summary-refresh"),
        class_name="no-print",
        gap="3",
        wrap="wrap",
    )


def _figure(element_id: str, label: str, name: str) -> rx.Component:
    value = getattr(S.figures, name)
    extra = (
        rx.text(tr("summary.meetings_planned", count=S.figures.meetings_planned), size="1", color_scheme="gray")
        if name == "meetings_held"
        else rx.fragment()
    )
    return rx.card(
        rx.el.div(
            rx.el.span(value, class_name="value", id=element_id),
            rx.text(tr(label), size="2"),
            extra,
            class_name="summary-figure",
        ),
        class_name="summary-section",
    )


def figures() -> rx.Component:
    return rx.grid(
        *[_figure(*figure) for figure in FIGURES],
        columns="repeat(auto-fill, minmax(12em, 1fr))",
        gap="3",
        width="100%",
        id="summary-figures",
    )


def chart() -> rx.Component:
    label = rx.Var.create("label_") + LanguageState.lang
    bars = [rx.recharts.bar(data_key=key, name=tr(f"summary.{key}"), fill=colour, is_animation_active=False)
            for key, colour in COLOURS.items()]
    return rx.box(
        rx.recharts.bar_chart(
            rx.recharts.cartesian_grid(stroke_dasharray="3 3", horizontal=False),
            rx.recharts.x_axis(type_="number", allow_decimals=False),
            rx.recharts.y_axis(data_key=label, type_="category", width=170, interval=0),
            *bars,
            # the legend in the bars' order (Recharts sorts it by name otherwise)
            rx.recharts.legend(custom_attrs={"itemSorter": ORDER}),
            rx.recharts.graphing_tooltip(),
            data=S.chart,
            layout="vertical",
            bar_category_gap="18%",
            width="100%",
            height=120 + 46 * 13,
        ),
        width="100%",
        id="summary-chart",
    )


def _category_row(line: CategoryLine) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(category_label(line.key)),
        rx.table.cell(line.offered),
        rx.table.cell(line.given, class_name="category-given"),
        rx.table.cell(line.needed),
        rx.table.cell(line.unmet, class_name="category-unmet"),
        data_category=line.key,
    )


def _section(title_key: str, help_key: str, items: rx.Var, shown: rx.Component, none_key: str) -> rx.Component:
    """A card of the summary: its title and help, then ``shown``, or a line saying there is nothing."""
    return rx.card(
        rx.vstack(
            rx.heading(tr(title_key), size="4", as_="h2"),
            rx.text(tr(help_key), size="2", color_scheme="gray"),
            rx.cond(items.length() > 0, shown, rx.text(tr(none_key), color_scheme="gray")),
            spacing="3",
            width="100%",
        ),
        width="100%",
        class_name="summary-section",
    )


def _table(element_id: str, headers: list[rx.Component], items: rx.Var, row) -> rx.Component:
    return rx.table.root(
        rx.table.header(rx.table.row(*headers)),
        rx.table.body(rx.foreach(items, row)),
        size="1",
        width="100%",
        id=element_id,
    )


def categories() -> rx.Component:
    headers = [rx.table.column_header_cell(tr("summary.col_category")),
               *[rx.table.column_header_cell(tr(f"summary.{key}")) for key in COLOURS]]
    return _section("summary.categories", "summary.categories_help", S.categories,
                    rx.fragment(chart(), _table("summary-categories", headers, S.categories, _category_row)),
                    "summary.no_categories")


def _missed_row(pair: MissedPair) -> rx.Component:
    return rx.table.row(
        rx.table.cell(pair.company),
        rx.table.cell(pair.association),
        rx.table.cell(pair.affinity),
        class_name="missed-pair",
    )


def missed() -> rx.Component:
    headers = [rx.table.column_header_cell(tr(key)) for key in ("kind.company", "kind.association",
                                                                 "summary.affinity")]
    return _section("summary.missed", "summary.missed_help", S.missed,
                    _table("summary-missed", headers, S.missed, _missed_row), "summary.missed_none")


def heading() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("summary.title"), " · ", S.event_name, size="6", as_="h1"),
        rx.text(tr("summary.printed", time=local_time(S.printed_at_ms, full=True)), size="2", color_scheme="gray", id="summary-time"),
        rx.cond(S.error["fr"], rx.callout(said(S.error), icon="triangle-alert", color_scheme="red",
                                          id="summary-error", width="100%")),
        spacing="1",
        width="100%",
    )
