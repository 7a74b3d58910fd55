"""The participant page's partnerships and follow-ups: the match form, a proposal awaiting an answer, the lists,
the private note, and "met outside the schedule". Layout only: every button calls a ``ParticipantState`` handler
that checks everything again on the server.

Everything a participant or the registrar typed is shown as text (React escapes it), never as markup.
"""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.components.labels import category_label
from partact_app.components.modal import modal
from partact_app.core.categories import CATEGORY_KEYS
from partact_app.states.language import LanguageState
from partact_app.states.participant import ParticipantState as P

NOTE_MAX = 2000
TEXT_MAX = 500
WRAP = {"overflow_wrap": "anywhere"}
BADGE_WRAP = {"white_space": "normal", "height": "auto", "max_width": "100%"}
STATUS_COLOURS = {"proposed": "amber", "recorded": "green", "validated": "teal", "returned": "orange",
                  "declined": "gray", "delivered": "blue"}


def status_badge(status: rx.Var) -> rx.Component:
    return rx.badge(
        rx.match(status, *[(name, tr(f"match.status_{name}")) for name in STATUS_COLOURS], status),
        color_scheme=rx.match(status, *STATUS_COLOURS.items(), "gray"),
        size="2",
        custom_attrs={"data-status": status},
    )


def error_notice() -> rx.Component:
    """The last refusal (a match changed meanwhile, the other side proposed first...), in the page's language."""
    return rx.cond(
        P.match_error.length() > 0,
        rx.callout.root(
            rx.hstack(
                rx.callout.text(P.match_error[LanguageState.lang], style=WRAP),
                rx.spacer(),
                rx.icon_button(rx.icon("x", size=14), on_click=P.dismiss_match_error, variant="ghost", size="1",
                               aria_label=tr("match.cancel")),
                width="100%",
                align="center",
            ),
            color_scheme="amber",
            width="100%",
            id="match-error",
            role="alert",
        ),
    )


# --------------------------------------------------------------------------------------------- the note


def note_field(counterpart_id: rx.Var) -> rx.Component:
    """The participant's private note about a counterpart, saved as they type (debounced in the browser)."""
    key = counterpart_id.to_string()
    return rx.vstack(
        rx.hstack(
            rx.text(tr("meet.note"), size="2", weight="medium"),
            rx.cond(P.note_saved == key, rx.text(tr("meet.note_saved"), size="1", color_scheme="green")),
            spacing="2",
            align="center",
        ),
        rx.text_area(
            value=P.notes.get(key, ""),
            on_change=lambda text: P.save_note(counterpart_id, text),
            debounce_timeout=700,
            max_length=NOTE_MAX,
            aria_label=tr("meet.note"),
            rows="3",
            width="100%",
            custom_attrs={"data-note": key},
        ),
        rx.text(tr("meet.note_hint"), size="1", color_scheme="gray"),
        spacing="1",
        width="100%",
    )


# --------------------------------------------------------------------------------------------- the form


def _category_boxes(prefix: str, ticked: rx.Var) -> rx.Component:
    return rx.flex(
        *[
            rx.el.label(
                rx.el.input(type="checkbox", name=f"{prefix}.{key}", default_checked=ticked.contains(key)),
                " ",
                category_label(key),
                style={"display": "inline-flex", "gap": "0.3em", "align_items": "center", "font_size": "0.9em",
                       "padding": "0.15em 0.4em", "border": "1px solid var(--gray-a6)", "border_radius": "6px"},
            )
            for key in CATEGORY_KEYS
        ],
        wrap="wrap",
        spacing="2",
    )


def _field_error(name: str) -> rx.Component:
    return rx.cond(P.form_errors.contains(name),
                   rx.text(P.form_errors[name], color_scheme="red", size="2", custom_attrs={"data-error": name}))


def _side(prefix: str, title: str, ticked: rx.Var) -> rx.Component:
    return rx.vstack(
        rx.text(tr(title), weight="bold", size="3"),
        _category_boxes(prefix, ticked),
        _field_error(prefix),
        rx.input(name=f"{prefix}_text", default_value=P.form_values.get(f"{prefix}_text", ""),
                 placeholder=tr("match.text"), max_length=TEXT_MAX, width="100%", id=f"match-{prefix}-text"),
        _field_error(f"{prefix}_text"),
        spacing="2",
        width="100%",
    )


def _small_field(name: str, label: str, type_: str, **props) -> rx.Component:
    return rx.vstack(
        rx.text(tr(label), size="2"),
        rx.input(name=name, type=type_, default_value=P.form_values.get(name, ""), id=f"match-{name}",
                 aria_label=tr(label), **props),
        _field_error(name),
        spacing="1",
    )


def match_form() -> rx.Component:
    """The short form: what each side gives (categories and a few words), optional volume and delivery date."""
    return modal(
        rx.heading(tr("match.form_title", name=P.form_counterpart), as_="h2", size="5", style=WRAP,
                   id="match-form-title", margin_bottom="0.5em"),
        rx.text(tr("match.form_hint"), size="2", color_scheme="gray", as_="p", id="match-form-hint",
                margin_bottom="1em"),
        rx.form(
            rx.vstack(
                _side("i_give", "match.i_give", P.form_i_give),
                _side("they_give", "match.they_give", P.form_they_give),
                rx.flex(
                    _small_field("hours", "match.hours", "text", input_mode="decimal", max_length=12,
                                 width="7em"),
                    _small_field("euros", "match.euros", "text", input_mode="numeric", max_length=12,
                                 width="9em"),
                    _small_field("delivery_date", "match.delivery_date", "date", max_length=10),
                    wrap="wrap",
                    spacing="3",
                ),
                _field_error(""),
                rx.hstack(
                    rx.button(tr("match.cancel"), type="button", variant="soft", color_scheme="gray",
                              on_click=P.close_match_form, id="match-cancel"),
                    rx.button(tr("match.send"), type="submit", id="match-submit"),
                    justify="end",
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
            on_submit=P.submit_match,
            reset_on_submit=False,
            id="match-form",
        ),
        open=P.form_open,
        on_open_change=P.match_form_toggled,
        title_id="match-form-title",
        description_id="match-form-hint",
    )


# --------------------------------------------------------------------------------------------- matches


def _terms(match: rx.Var) -> rx.Component:
    def side(title: str, keys: rx.Var, text: rx.Var) -> rx.Component:
        return rx.vstack(
            rx.text(tr(title), size="2", color_scheme="gray"),
            rx.flex(rx.foreach(keys, lambda key: rx.badge(category_label(key), variant="soft", style=BADGE_WRAP)), wrap="wrap",
                    spacing="1"),
            rx.cond(text != "", rx.text(text, size="2", style=WRAP)),
            spacing="1",
            align="start",
        )

    return rx.vstack(
        side("match.i_give", match.i_give, match.i_give_text),
        side("match.they_give", match.they_give, match.they_give_text),
        rx.cond(
            (match.hours != "") | (match.euros != "") | (match.delivery_date != ""),
            rx.text(
                rx.cond(match.hours != "", match.hours + " h  ", ""),
                rx.cond(match.euros != "", match.euros + " €  ", ""),
                match.delivery_date,
                size="2",
            ),
        ),
        spacing="2",
        align="start",
        width="100%",
    )


def _answer_buttons(match: rx.Var, with_ids: bool) -> rx.Component:
    def ident(name: str) -> dict:
        return {"id": f"match-{name}"} if with_ids else {}

    return rx.flex(
        rx.button(tr("match.confirm"), on_click=P.confirm_match(match.id, match.version), color_scheme="green",
                  custom_attrs={"data-action": "match-confirm"}, **ident("confirm")),
        rx.button(tr("match.amend"), on_click=P.open_amend_form(match.id), variant="soft",
                  custom_attrs={"data-action": "match-amend"}, **ident("amend")),
        rx.button(tr("match.decline"), on_click=P.decline_match(match.id, match.version), color_scheme="red",
                  variant="soft", custom_attrs={"data-action": "match-decline"}, **ident("decline")),
        wrap="wrap",
        spacing="2",
    )


def awaiting_proposal() -> rx.Component:
    """The newest proposal that waits for this participant's answer, on top of the page, live."""
    first = P.matches[0]
    return rx.cond(
        (P.matches.length() > 0) & first.awaiting_me,
        rx.card(
            rx.vstack(
                rx.heading(tr("match.awaiting", name=first.counterpart), size="4", style=WRAP),
                _terms(first),
                _answer_buttons(first, with_ids=True),
                spacing="3",
                width="100%",
            ),
            width="100%",
            id="match-proposal",
            custom_attrs={"data-match": first.counterpart},
            style={"border": "2px solid var(--amber-9)"},
        ),
    )


def _match_row(match: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(match.counterpart, weight="bold", style=WRAP),
                rx.spacer(),
                status_badge(match.status),
                width="100%",
                align="center",
            ),
            _terms(match),
            rx.cond(match.registrar_comment != "",
                    rx.text(tr("match.comment"), " ", match.registrar_comment, size="2", color_scheme="orange",
                            style=WRAP)),
            rx.cond(match.awaiting_me, _answer_buttons(match, with_ids=False)),
            rx.cond(
                (match.status == "proposed") & ~match.awaiting_me,
                rx.flex(
                    rx.text(tr("match.waiting_them"), size="2", color_scheme="gray"),
                    rx.button(tr("match.amend"), on_click=P.open_amend_form(match.id), variant="soft", size="1",
                              custom_attrs={"data-action": "match-amend"}),
                    rx.button(tr("match.withdraw"), on_click=P.decline_match(match.id, match.version),
                              variant="soft", color_scheme="gray", size="1",
                              custom_attrs={"data-action": "match-withdraw"}),
                    wrap="wrap", spacing="2", align="center",
                ),
            ),
            rx.cond(
                match.status == "returned",
                rx.button(tr("match.amend"), on_click=P.open_amend_form(match.id), variant="soft", size="2",
                          custom_attrs={"data-action": "match-amend"}),
            ),
            rx.cond(
                (match.status == "recorded") | (match.status == "validated"),
                rx.button(tr("match.deliver"), on_click=P.deliver_match(match.id, match.version), variant="soft",
                          size="2", custom_attrs={"data-action": "match-deliver"}),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        custom_attrs={"data-match": match.counterpart, "data-status": match.status},
    )


def _list_section(element_id: str, title_key: str, items: rx.Var, row, none_key: str, order: rx.Var,
                  *intro: rx.Component) -> rx.Component:
    """A titled list of the phone's own (matches, follow-ups), or a line saying there is none yet."""
    return rx.vstack(
        rx.heading(tr(title_key), size="4"),
        *intro,
        rx.cond(
            items.length() > 0,
            rx.foreach(items, row),
            rx.text(tr(none_key), color_scheme="gray", size="2"),
        ),
        spacing="2",
        width="100%",
        id=element_id,
        style={"order": order},
    )


def matches_section(order: rx.Var) -> rx.Component:
    return _list_section("matches", "match.section", P.matches, _match_row, "match.none", order)


# --------------------------------------------------------------------------------------------- follow-ups


def contacts(followup: rx.Var) -> rx.Component:
    """A mutual follow-up's contact details (the server sends them only then)."""
    return rx.vstack(
        rx.badge(tr("followup.mutual"), color_scheme="green", size="2", custom_attrs={"data-mutual": "true"}),
        rx.cond(followup.contact_name != "", rx.text(followup.contact_name, weight="medium", style=WRAP)),
        rx.cond(followup.email != "", rx.link(followup.email, href="mailto:" + followup.email, style=WRAP,
                                              custom_attrs={"data-contact": "email"})),
        rx.cond(followup.phone != "", rx.link(followup.phone, href="tel:" + followup.phone,
                                              custom_attrs={"data-contact": "phone"})),
        spacing="1",
        align="start",
    )


def row_followup(counterpart_id: rx.Var) -> rx.Component:
    """The follow-up part of an agenda row: the request (or its withdrawal) and, when mutual, the contacts."""
    requested = P.followup_ids.contains(counterpart_id)
    return rx.fragment(
        rx.cond(
            requested,
            rx.button(tr("followup.withdraw"), on_click=P.withdraw_followup(counterpart_id), size="1",
                      variant="soft", color_scheme="gray", custom_attrs={"data-action": "followup-withdraw"}),
            rx.button(tr("followup.request"), on_click=P.request_followup(counterpart_id), size="1",
                      variant="soft", custom_attrs={"data-action": "followup-request"}),
        ),
    )


def row_contacts(counterpart_id: rx.Var) -> rx.Component:
    return rx.foreach(
        P.followups,
        lambda f: rx.cond(f.mutual & (f.counterpart_id == counterpart_id), contacts(f)),
    )


def row_match_status(counterpart_id: rx.Var) -> rx.Component:
    return rx.foreach(P.matches, lambda m: rx.cond(m.counterpart_id == counterpart_id, status_badge(m.status)))


def _followup_row(followup: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(followup.counterpart, weight="bold", style=WRAP),
                rx.spacer(),
                rx.cond(followup.mutual, rx.fragment(),
                        rx.text(tr("followup.waiting"), size="1", color_scheme="gray")),
                width="100%",
                align="center",
            ),
            rx.cond(followup.mutual, contacts(followup)),
            rx.button(tr("followup.withdraw"), on_click=P.withdraw_followup(followup.counterpart_id), size="1",
                      variant="soft", color_scheme="gray", custom_attrs={"data-action": "followup-withdraw"}),
            spacing="2",
            width="100%",
            align="start",
        ),
        width="100%",
        custom_attrs={"data-followup": followup.counterpart},
    )


def followups_section(order: rx.Var) -> rx.Component:
    return _list_section("followups", "followup.section", P.followups, _followup_row, "followup.none", order,
                         rx.text(tr("followup.private"), size="2", color_scheme="gray"))


# --------------------------------------------------------------------------------------------- outside the schedule


def outside_section(order: rx.Var) -> rx.Component:
    """Met someone outside the schedule: pick the organisation (the list is read only when asked for)."""
    return rx.vstack(
        rx.heading(tr("outside.title"), size="3"),
        rx.cond(
            P.others.length() > 0,
            rx.vstack(
                rx.el.select(
                    rx.el.option(tr("outside.pick"), value=""),
                    rx.foreach(P.others, lambda o: rx.el.option(o.name, value=o.id.to_string())),
                    value=P.other_id,
                    on_change=P.choose_other,
                    id="outside-organisation",
                    style={"width": "100%", "padding": "0.5em", "font_size": "1em"},
                ),
                rx.flex(
                    rx.button(tr("match.propose"), on_click=P.propose_to_other, disabled=P.other_id == "",
                              size="2", id="outside-match"),
                    rx.button(tr("followup.request"), on_click=P.followup_other, disabled=P.other_id == "",
                              size="2", variant="soft", id="outside-followup"),
                    wrap="wrap",
                    spacing="2",
                ),
                spacing="2",
                width="100%",
            ),
            rx.button(tr("outside.open"), on_click=P.load_others, variant="soft", size="2", id="outside-open"),
        ),
        spacing="2",
        width="100%",
        id="met-outside",
        style={"order": order},
    )
