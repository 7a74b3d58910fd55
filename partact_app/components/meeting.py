"""A meeting card (table, counterpart, why we are here: wishes, what each side could give the other, shared
languages, the private note) and the agenda: one row per round, with the match and follow-up buttons."""

from __future__ import annotations

import reflex as rx

from partact_app.components.fold import lazy_details
from partact_app.components.i18n import tr
from partact_app.components.labels import category_label, language_label
from partact_app.components.matches import note_field, row_contacts, row_followup, row_match_status
from partact_app.states.participant import ParticipantState as P


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


BADGE_WRAP = {"white_space": "normal", "height": "auto", "max_width": "100%"}


def _keys_line(title_key: str, keys: rx.Var, overlap: rx.Var, color: str) -> rx.Component:
    """All of one side's offers (or needs); the ones that meet the other side's are in colour."""
    return rx.vstack(
        rx.text(tr(title_key), size="1", weight="medium", color_scheme="gray"),
        rx.cond(
            keys.length() > 0,
            rx.flex(
                rx.foreach(
                    keys,
                    lambda key: rx.badge(
                        category_label(key),
                        color_scheme=rx.cond(overlap.contains(key), color, "gray"),
                        variant=rx.cond(overlap.contains(key), "solid", "soft"),
                        size="1",
                        style=BADGE_WRAP,
                        custom_attrs={"data-overlap": rx.cond(overlap.contains(key), "true", "false")},
                    ),
                ),
                wrap="wrap",
                spacing="1",
            ),
            rx.text("—", color_scheme="gray", size="1"),
        ),
        spacing="1",
        align="start",
    )


def _languages(codes: rx.Var) -> rx.Component:
    return rx.foreach(codes, lambda code, i: rx.fragment(rx.cond(i > 0, ", ", ""), language_label(code)))


def wishes(row: rx.Var) -> rx.Component:
    return rx.fragment(
        rx.cond(row.wished_by_you, rx.badge(tr("meet.wished_by_you"), color_scheme="purple", style=BADGE_WRAP,
                                            custom_attrs={"data-wish": "you"})),
        rx.cond(row.wished_by_them, rx.badge(tr("meet.wished_by_them"), color_scheme="purple", variant="solid",
                                             style=BADGE_WRAP, custom_attrs={"data-wish": "them"})),
    )


def offers_and_needs(row: rx.Var, mine_offers: rx.Var, mine_needs: rx.Var) -> rx.Component:
    """Both sides' full offers and needs, the overlaps highlighted, and the shared languages."""
    return rx.vstack(
        rx.text(
            tr("meet.shared_languages"),
            " ",
            rx.cond(row.shared_languages.to(list[str]).length() > 0, _languages(row.shared_languages.to(list[str])),
                    tr("meet.no_shared_language")),
            size="2",
            custom_attrs={"data-shared-languages": "true"},
        ),
        rx.grid(
            _keys_line("meet.their_offers", row.their_offers.to(list[str]), row.they_give.to(list[str]), "orange"),
            _keys_line("meet.their_needs", row.their_needs.to(list[str]), row.you_give.to(list[str]), "teal"),
            _keys_line("meet.your_offers", mine_offers, row.you_give.to(list[str]), "teal"),
            _keys_line("meet.your_needs", mine_needs, row.they_give.to(list[str]), "orange"),
            columns="2",
            spacing="2",
            width="100%",
        ),
        rx.text(tr("meet.overlap_hint"), size="1", color_scheme="gray"),
        spacing="2",
        width="100%",
        custom_attrs={"data-offers-needs": "true"},
    )


def meeting_details(row: rx.Var, mine_offers: rx.Var | None = None, mine_needs: rx.Var | None = None) -> rx.Component:
    """Counterpart, wishes, languages, description, the overlap of offers and needs (and, given the participant's
    own offers and needs, both sides' full lists)."""
    return rx.vstack(
        rx.text(row.counterpart, size="6", weight="bold", id="counterpart-name", style={"overflow_wrap": "anywhere"}),
        rx.flex(
            rx.badge(rx.cond(row.counterpart_kind == "company", tr("kind.company"), tr("kind.association"))),
            wishes(row),
            wrap="wrap",
            align="center",
            spacing="2",
        ),
        rx.text(
            tr("live.languages"),
            " ",
            _languages(row.languages.to(list[str])),
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
        *([] if mine_offers is None else [
            lazy_details(
                rx.el.summary(tr("meet.all"), style={"cursor": "pointer", "font_size": "0.9em"}),
                offers_and_needs(row, mine_offers, mine_needs),
                style={"width": "100%"},
            )
        ]),
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


def _meeting_row(item: rx.Var, past: rx.Var, now: rx.Var, mine_offers: rx.Var, mine_needs: rx.Var) -> rx.Component:
    """One meeting of the agenda, named by ``data-counterpart``: the match and follow-up buttons, the mutual
    contacts once both asked, and (folded) why we are here and the private note."""
    return rx.box(
        rx.hstack(
            rx.vstack(
                rx.text(tr("live.round"), " ", item.round, size="1", color_scheme="gray"),
                rx.text(item.time, size="1", color_scheme="gray"),
                spacing="0",
                min_width="3.5rem",
            ),
            rx.vstack(
                rx.text(tr("live.table"), size="1", color_scheme="gray"),
                rx.text(item.table, weight="bold"),
                spacing="0",
                align="center",
                min_width="2.5rem",
            ),
            rx.vstack(
                rx.text(item.counterpart, weight="bold", style={"overflow_wrap": "anywhere"}),
                rx.flex(wishes(item), row_match_status(item.counterpart_id), wrap="wrap", spacing="1"),
                spacing="1",
                align="start",
                min_width="0",
                flex="1",
            ),
            align="start",
            spacing="3",
            width="100%",
        ),
        rx.flex(
            rx.button(tr("match.propose"), on_click=P.open_match_form(item.counterpart_id), size="1",
                      custom_attrs={"data-action": "match-propose"}),
            row_followup(item.counterpart_id),
            wrap="wrap",
            spacing="2",
            margin_top="0.5em",
        ),
        row_contacts(item.counterpart_id),
        lazy_details(
            rx.el.summary(tr("meet.details"), style={"cursor": "pointer", "font_size": "0.85em",
                                                     "color": "var(--gray-11)"}),
            rx.vstack(
                rx.cond(item.description != "", rx.text(item.description, size="2",
                                                          style={"overflow_wrap": "anywhere"})),
                offers_and_needs(item, mine_offers, mine_needs),
                note_field(item.counterpart_id),
                spacing="3",
                width="100%",
                padding_top="0.5em",
            ),
            style={"margin_top": "0.4em"},
        ),
        padding="0.7em",
        border_radius="8px",
        border="1px solid var(--gray-a5)",
        width="100%",
        style=rx.cond(
            past,
            {"opacity": "0.75"},
            rx.cond(now, {"background": "var(--accent-a3)", "border_color": "var(--accent-8)"}, {}),
        ),
        custom_attrs={"data-counterpart": item.counterpart, "data-round": item.round},
    )


def _empty_row(item: rx.Var, past: rx.Var) -> rx.Component:
    return rx.hstack(
        rx.text(tr("live.round"), " ", item.round, size="1", color_scheme="gray", min_width="3.5rem"),
        rx.text(item.time, size="1", color_scheme="gray"),
        rx.text(rx.cond(item.present, tr("live.no_meeting"), tr("live.not_present")), size="2", color_scheme="gray"),
        padding="0.4em 0.7em",
        spacing="3",
        width="100%",
        style=rx.cond(past, {"opacity": "0.6"}, {}),
    )


def agenda_table(agenda: rx.Var, current_round: rx.Var, total: rx.Var, mine_offers: rx.Var,
                 mine_needs: rx.Var) -> rx.Component:
    def row(item: rx.Var) -> rx.Component:
        past = item.round < current_round
        now = item.round == current_round
        return rx.cond(
            (item.round > 0) & (item.round <= total),
            rx.cond(item.table > 0, _meeting_row(item, past, now, mine_offers, mine_needs), _empty_row(item, past)),
        )

    return rx.vstack(rx.foreach(agenda, row), spacing="2", width="100%", id="agenda")
