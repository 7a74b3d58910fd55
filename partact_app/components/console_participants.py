"""The pieces of the console's participants page: the attendance bar, the table with its filters, the dialog of one
participant, the participant form, the import card, what a re-plan changed. Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.console_downloads import download_button
from partact_app.components.i18n import tr
from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES
from partact_app.core.participant_table import ParticipantRow
from partact_app.states.console_participants import ALL, MAX_UPLOAD_BYTES, UPLOAD_ID, ConsoleParticipantsState
from partact_app.states.language import LanguageState
from partact_app.states.organiser import OrganiserState

S = ConsoleParticipantsState
LANG = LanguageState.lang
WIDE = ["none", "none", "table-cell"]  # columns shown from 768 px on (a phone keeps check-in, name and link)


def said(messages) -> rx.Var:
    """A message kept in every language (``{"fr": ..., "en": ..., "de": ...}``), in the page's language."""
    return messages[LANG]


def category_label(key) -> rx.Var:
    return rx.match(key, *[(k, tr(f"category.{k}")) for k in CATEGORY_KEYS], key)


def kind_label(kind) -> rx.Var:
    return rx.match(kind, ("company", tr("kind.company")), ("association", tr("kind.association")), kind)


# --- messages --------------------------------------------------------------------------------------------------


def messages() -> rx.Component:
    return rx.fragment(
        rx.cond(
            S.error["fr"],
            rx.callout(said(S.error), icon="triangle-alert", color_scheme="red", id="participants-error",
                       width="100%"),
        ),
        rx.cond(
            S.notice["fr"],
            rx.callout(said(S.notice), icon="check", color_scheme="green", id="participants-notice", width="100%"),
        ),
    )


def change_line(line) -> rx.Component:
    return rx.el.li(
        rx.cond(
            line.after == "",
            tr("participants.change_none", round=line.round, organisation=line.organisation, before=line.before),
            rx.cond(
                line.before == "",
                tr("participants.change_new", round=line.round, organisation=line.organisation, after=line.after),
                tr("participants.change_meets", round=line.round, organisation=line.organisation, after=line.after,
                   before=line.before),
            ),
        ),
    )


def changes_panel() -> rx.Component:
    """What the last re-plan changed, by round, shown right after it applied."""
    return rx.cond(
        S.changes_open,
        rx.callout.root(
            rx.vstack(
                rx.hstack(
                    rx.heading(tr("participants.changes_title"), size="3", as_="h2"),
                    rx.spacer(),
                    rx.button(tr("participants.close"), size="1", variant="soft", on_click=S.dismiss_changes,
                              id="replan-changes-close"),
                    width="100%",
                    align="center",
                ),
                rx.cond(
                    S.changes.length() > 0,
                    rx.el.ul(rx.foreach(S.changes, change_line), style={"margin": 0, "padding_left": "1.2em"}),
                    rx.text(tr("participants.no_changes")),
                ),
                rx.cond(S.changes_more > 0, rx.text(tr("participants.more_changes", count=S.changes_more))),
                spacing="2",
                width="100%",
            ),
            color_scheme="blue",
            id="replan-changes",
            width="100%",
            max_height="50vh",
            overflow_y="auto",
        ),
    )


# --- attendance bar --------------------------------------------------------------------------------------------


def no_shows_button() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(tr("participants.no_shows"), color_scheme="amber", variant="soft", id="no-shows",
                      disabled=OrganiserState.current_round > 0),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(tr("participants.no_shows_title")),
            rx.alert_dialog.description(tr("participants.no_shows_text", count=S.expected - S.checked_in)),
            rx.flex(
                rx.alert_dialog.cancel(rx.button(tr("organiser.cancel"), variant="soft")),
                rx.alert_dialog.action(
                    rx.button(tr("participants.confirm"), color_scheme="amber", on_click=S.no_shows,
                              id="no-shows-confirm"),
                ),
                spacing="3",
                justify="end",
                margin_top="1em",
            ),
        ),
    )


def attendance_bar() -> rx.Component:
    return rx.flex(
        rx.vstack(
            rx.text(tr("participants.counter", checked=S.checked_in, expected=S.expected), size="5",
                    weight="bold", id="checkin-counter"),
            rx.text(tr("participants.counter_help"), size="1", color_scheme="gray"),
            spacing="0",
        ),
        rx.spacer(),
        rx.flex(
            rx.button(rx.icon("user-plus", size=16), tr("participants.walk_in"), on_click=S.open_form("walk_in"),
                      id="walk-in", disabled=OrganiserState.phase == "finished"),
            rx.button(rx.icon("plus", size=16), tr("participants.add"), on_click=S.open_form("add"),
                      variant="soft", id="add-participant"),
            no_shows_button(),
            wrap="wrap",
            spacing="2",
        ),
        wrap="wrap",
        gap="3",
        align="center",
        width="100%",
    )


# --- the table -------------------------------------------------------------------------------------------------


def _select(name: str, label_key: str, value, options: list[tuple[str, rx.Var]]) -> rx.Component:
    return rx.vstack(
        rx.text(tr(label_key), size="1", color_scheme="gray", as_="label"),
        rx.select.root(
            rx.select.trigger(id=f"filter-{name.replace('_', '-')}", aria_label=tr(label_key), min_width="7em"),
            rx.select.content(
                rx.select.item(tr("participants.all"), value=ALL),
                *[rx.select.item(text, value=value_) for value_, text in options],
            ),
            value=value,
            on_change=lambda choice: S.set_filter(name, choice),
            size="2",
        ),
        spacing="1",
    )


def filters() -> rx.Component:
    yes_no = [("yes", tr("participants.yes")), ("no", tr("participants.no"))]
    categories = [(key, tr(f"category.{key}")) for key in CATEGORY_KEYS]
    return rx.flex(
        rx.box(
            rx.debounce_input(
                rx.input(
                    rx.input.slot(rx.icon("search", size=16)),
                    placeholder=tr("participants.search"),
                    aria_label=tr("participants.search"),
                    id="participant-search",
                    max_length=100,
                    type="search",
                    width="100%",
                    on_change=S.set_search,
                ),
                value=S.search,
                debounce_timeout=300,
            ),
            flex="1 1 16em",
            min_width="0",
            align_self="end",
        ),
        _select("kind", "participants.filter_type", S.kind,
                [("company", tr("kind.company")), ("association", tr("kind.association"))]),
        _select("offers", "participants.filter_offers", S.offers, categories),
        _select("needs", "participants.filter_needs", S.needs, categories),
        _select("language", "participants.filter_language", S.language,
                [(code, tr(f"language.{code}")) for code in LANGUAGE_CODES]),
        _select("checked_in", "participants.filter_checked_in", S.checked, yes_no),
        _select("absent", "participants.filter_absent", S.absent, yes_no),
        wrap="wrap",
        gap="2",
        width="100%",
    )


def _header(key: str, label_key: str, **props) -> rx.Component:
    active = S.sort == key
    return rx.table.column_header_cell(
        rx.button(
            tr(label_key),
            rx.cond(active, rx.cond(S.descending, rx.icon("arrow-down", size=14), rx.icon("arrow-up", size=14))),
            variant="ghost",
            size="1",
            on_click=S.sort_by(key),
            aria_label=tr("participants.sort_by", column=tr(label_key)),
            id=f"sort-{key.replace('_', '-')}",
        ),
        aria_sort=rx.cond(active, rx.cond(S.descending, "descending", "ascending"), "none"),
        **props,
    )


def presence(row: ParticipantRow) -> rx.Component:
    return rx.cond(
        row.absent,
        rx.badge(tr("participants.absent"), color_scheme="red"),
        rx.cond(
            (row.present_from_round > 0) | (row.present_to_round > 0),
            rx.vstack(
                rx.cond(row.present_from_round > 0,
                        rx.text(tr("participants.from_round", round=row.present_from_round), size="1")),
                rx.cond(row.present_to_round > 0,
                        rx.text(tr("participants.to_round", round=row.present_to_round), size="1")),
                spacing="0",
            ),
            rx.text(tr("participants.whole_event"), size="1", color_scheme="gray"),
        ),
    )


def _badges(label_key: str, keys, color: str, variant: str) -> rx.Component:
    return rx.cond(
        keys.length() > 0,
        rx.flex(
            rx.text(tr(label_key), size="1", color_scheme="gray", width="4.5em", flex_shrink="0"),
            rx.foreach(keys, lambda key: rx.badge(category_label(key), color_scheme=color, variant=variant)),
            wrap="wrap",
            gap="1",
            align="center",
        ),
    )


def table_row(row: ParticipantRow) -> rx.Component:
    return rx.table.row(
        rx.table.cell(
            rx.checkbox(
                checked=row.checked_in,
                on_change=lambda present: S.toggle_check_in(row.id, present),
                size="3",
                aria_label=tr("participants.check_in_label", organisation=row.organisation),
                custom_attrs={"data-action": "check-in"},
            ),
        ),
        rx.table.row_header_cell(
            rx.button(
                row.organisation,
                on_click=S.open_manage(row.id),
                variant="ghost",
                size="2",
                style={"overflow_wrap": "anywhere", "white_space": "normal", "text_align": "left", "height": "auto",
                       "font_weight": "500"},
                custom_attrs={"data-action": "manage"},
            ),
            rx.cond(row.contact_name != "", rx.text(row.contact_name, size="1", color_scheme="gray")),
            min_width="10em",
        ),
        rx.table.cell(rx.badge(kind_label(row.kind), color_scheme=rx.cond(row.kind == "company", "blue", "purple")),
                      display=WIDE),
        rx.table.cell(rx.text(row.languages.join(" "), size="2", style={"text_transform": "uppercase"}),
                      display=WIDE),
        rx.table.cell(
            rx.vstack(
                _badges("participants.filter_offers", row.offers, "green", "soft"),
                _badges("participants.filter_needs", row.needs, "orange", "outline"),
                spacing="1",
            ),
            display=WIDE,
        ),
        rx.table.cell(presence(row), display=WIDE),
        rx.table.cell(
            rx.hstack(
                rx.link(rx.icon("external-link", size=16), href=row.url, is_external=True, title=row.url,
                        aria_label=row.url, custom_attrs={"data-action": "open-link"}),
                rx.icon_button(
                    rx.icon("qr-code", size=16),
                    on_click=S.show_qr(row.id),
                    variant="ghost",
                    aria_label=tr("participants.show_qr", organisation=row.organisation),
                    custom_attrs={"data-action": "show-qr"},
                ),
                rx.icon_button(
                rx.icon("copy", size=16),
                on_click=[rx.set_clipboard(row.url), rx.toast.success(tr("participants.copied"))],
                variant="ghost",
                aria_label=tr("participants.copy_link", organisation=row.organisation),
                title=row.url,
                custom_attrs={"data-action": "copy-link", "data-url": row.url},
                ),
                spacing="3",
                align="center",
            ),
        ),
        custom_attrs={"data-organisation": row.organisation},
        align="center",
    )


def participants_table() -> rx.Component:
    return rx.table.root(
        rx.table.header(
            rx.table.row(
                _header("checked_in", "participants.col_checked_in"),
                _header("organisation", "participants.col_organisation"),
                _header("kind", "participants.col_type", display=WIDE),
                _header("languages", "participants.col_languages", display=WIDE),
                rx.table.column_header_cell(tr("participants.col_offers_needs"), display=WIDE),
                _header("present", "participants.col_presence", display=WIDE),
                rx.table.column_header_cell(tr("participants.col_link")),
            ),
            # The header stays in view while the rows scroll (the table scrolls in a box of its own).
            style={"position": "sticky", "top": "0", "z_index": "2", "background": "var(--color-panel-solid)"},
        ),
        rx.table.body(rx.foreach(S.rows, table_row)),
        variant="surface",
        size="1",
        width="100%",
        id="participants-table",
        # The surface variant clips the table (overflow: hidden), which would make the table its own scroll box
        # and the sticky header never stick: the rows scroll in the viewport, the table does not clip.
        style={"& .rt-ScrollAreaViewport": {"max_height": "min(70vh, 60em)"},
               "& .rt-TableRootTable": {"overflow": "visible"}},
    )


def pager() -> rx.Component:
    return rx.flex(
        rx.text(tr("participants.shown", matched=S.matched, total=S.total), size="2", id="participants-shown"),
        rx.spacer(),
        rx.cond(
            S.pages > 1,
            rx.hstack(
                rx.button(tr("participants.previous"), size="1", variant="soft", disabled=S.page <= 1,
                          on_click=S.go_to_page(S.page - 1), id="page-previous"),
                rx.text(tr("participants.page", page=S.page, pages=S.pages), size="2", id="page-number"),
                rx.button(tr("participants.next"), size="1", variant="soft", disabled=S.page >= S.pages,
                          on_click=S.go_to_page(S.page + 1), id="page-next"),
                align="center",
            ),
        ),
        wrap="wrap",
        gap="2",
        align="center",
        width="100%",
    )


def table_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            filters(),
            rx.cond(
                S.matched > 0,
                participants_table(),
                rx.text(tr("participants.empty"), color_scheme="gray", id="participants-empty"),
            ),
            pager(),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


# --- one participant -------------------------------------------------------------------------------------------


def _round_form(kind: str, label_key: str, handler) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text(tr(label_key), as_="label", custom_attrs={"htmlFor": f"{kind}-round"}, size="2", weight="medium"),
            rx.hstack(
                rx.input(name="round", id=f"{kind}-round", type="number", min=1, max=OrganiserState.rounds,
                         required=True, width="6em"),
                rx.button(tr("participants.apply"), type="submit", variant="soft", id=f"{kind}-apply"),
            ),
            rx.cond(
                S.round_errors.contains(kind),
                rx.text(S.round_errors[kind].to(dict)[LANG], color_scheme="red", size="2", id=f"{kind}-error"),
            ),
            spacing="1",
        ),
        on_submit=handler,
        reset_on_submit=False,
    )


def manage_dialog() -> rx.Component:
    """Attendance changes (each re-plans at once), edit and remove, for the participant clicked in the table."""
    started = OrganiserState.current_round > 0
    return rx.dialog.root(
        rx.dialog.content(
            rx.vstack(
                rx.dialog.title(S.selected.organisation, style={"overflow_wrap": "anywhere"}),
                rx.dialog.description(tr("participants.manage"), size="2", color_scheme="gray"),
                rx.hstack(rx.badge(kind_label(S.selected.kind)), presence(S.selected), align="center"),
                rx.button(tr("participants.absent_now"), color_scheme="red", variant="soft", on_click=S.absent_now,
                          disabled=S.selected.absent, id="absent-now"),
                rx.flex(
                    _round_form("arrives", "participants.arrives_from", S.arrives_from),
                    _round_form("leaves", "participants.leaves_after", S.leaves_after),
                    wrap="wrap",
                    gap="4",
                ),
                rx.cond(S.error["fr"], rx.callout(said(S.error), icon="triangle-alert", color_scheme="red",
                                                  id="manage-error", width="100%")),
                rx.separator(),
                rx.flex(
                    rx.button(rx.icon("pencil", size=16), tr("participants.edit"), on_click=S.open_form("edit"),
                              variant="soft", id="edit-participant"),
                    rx.alert_dialog.root(
                        rx.alert_dialog.trigger(
                            rx.button(rx.icon("trash-2", size=16), tr("participants.remove"), color_scheme="red",
                                      variant="soft", disabled=started, id="remove-participant"),
                        ),
                        rx.alert_dialog.content(
                            rx.alert_dialog.title(tr("participants.remove_title", organisation=S.selected.organisation)),
                            rx.alert_dialog.description(tr("participants.remove_text")),
                            rx.flex(
                                rx.alert_dialog.cancel(rx.button(tr("organiser.cancel"), variant="soft")),
                                rx.alert_dialog.action(
                                    rx.button(tr("participants.remove"), color_scheme="red", on_click=S.remove,
                                              id="remove-confirm"),
                                ),
                                spacing="3",
                                justify="end",
                                margin_top="1em",
                            ),
                        ),
                    ),
                    rx.spacer(),
                    rx.dialog.close(rx.button(tr("participants.close"), variant="soft", color_scheme="gray")),
                    wrap="wrap",
                    gap="2",
                    width="100%",
                ),
                spacing="3",
                width="100%",
            ),
            max_width="34em",
            id="manage-dialog",
        ),
        open=S.selected_id > 0,
        on_open_change=S.manage_open_change,
    )


def field_error(field: str) -> rx.Component:
    return rx.cond(
        S.form_errors.contains(field),
        rx.text(S.form_errors[field].to(dict)[LANG], color_scheme="red", size="2", id=f"error-{field.replace('_', '-')}"),
    )


def _field(field: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.text(tr(f"participants.field_{field}"), as_="label", custom_attrs={"htmlFor": f"form-{field.replace('_', '-')}"},
                size="2", weight="medium"),
        control,
        field_error(field),
        spacing="1",
        width="100%",
    )


def _text_input(field: str, max_length: int, **props) -> rx.Component:
    return _field(
        field,
        rx.input(name=field, id=f"form-{field.replace('_', '-')}", default_value=S.form_values[field],
                 max_length=max_length, width="100%", **props),
    )


def checkbox_grid(prefix: str, keys, chosen, label, id_prefix: str) -> rx.Component:
    """A labelled checkbox per key (categories, languages), ticked when ``chosen`` holds it; the form field of a key
    is ``<prefix>_<key>`` and its id ``<id_prefix>-<prefix>-<key>``."""
    return rx.grid(
        *[
            rx.text(
                rx.flex(
                    rx.checkbox(name=f"{prefix}_{key}", default_checked=chosen.contains(key),
                                id=f"{id_prefix}-{prefix}-{key.replace('_', '-')}"),
                    label(key),
                    gap="2",
                    align="center",
                ),
                as_="label",
                size="2",
            )
            for key in keys
        ],
        columns="repeat(auto-fill, minmax(11em, 1fr))",
        gap="2",
        width="100%",
    )


def _checkboxes(field: str, prefix: str, keys, chosen, label) -> rx.Component:
    return rx.vstack(
        rx.text(tr(f"participants.field_{field}"), size="2", weight="medium"),
        checkbox_grid(prefix, keys, chosen, label, "form"),
        field_error(field),
        spacing="1",
        width="100%",
    )


def _round_input(field: str, placeholder) -> rx.Component:
    return _field(
        field,
        rx.input(name=field, id=f"form-{field.replace('_', '-')}", default_value=S.form_values[field], type="number",
                 min=1, max=OrganiserState.rounds, placeholder=placeholder, width="14em"),
    )


def participant_form() -> rx.Component:
    """Add, edit or a walk-in (the short form): the same checks as a row of an import, each problem next to its
    field."""
    walk_in = S.form_mode == "walk_in"
    editing = S.form_mode == "edit"
    kind_choice = rx.select.root(
        rx.select.trigger(id="form-type", width="100%"),
        rx.select.content(
            rx.select.item(tr("kind.company"), value="company"),
            rx.select.item(tr("kind.association"), value="association"),
        ),
        name="type",
        default_value=S.form_values["type"],
    )
    return rx.form(
        rx.vstack(
            rx.cond(walk_in, rx.text(tr("participants.walk_in_help", round=OrganiserState.current_round + 1),
                                     size="2", color_scheme="gray")),
            _field(
                "type",
                rx.cond(
                    editing,
                    rx.fragment(
                        rx.badge(kind_label(S.form_values["type"]), size="2"),
                        rx.el.input(type="hidden", name="type", value=S.form_values["type"]),
                    ),
                    kind_choice,
                ),
            ),
            _text_input("organisation", 200, required=True),
            _text_input("contact_name", 200),
            rx.flex(
                rx.box(_text_input("email", 254, type="email"), flex="1 1 14em"),
                rx.box(_text_input("phone", 64, type="tel"), flex="1 1 10em"),
                gap="3",
                wrap="wrap",
                width="100%",
            ),
            _checkboxes("languages", "lang", LANGUAGE_CODES, S.form_languages,
                        lambda code: tr(f"language.{code}")),
            _checkboxes("offers", "offers", CATEGORY_KEYS, S.form_offers, lambda key: tr(f"category.{key}")),
            _checkboxes("needs", "needs", CATEGORY_KEYS, S.form_needs, lambda key: tr(f"category.{key}")),
            rx.cond(
                walk_in,
                _round_input("present_from_round", (OrganiserState.current_round + 1).to_string()),
                rx.fragment(
                    _field("description", rx.text_area(name="description", id="form-description",
                                                       default_value=S.form_values["description"], max_length=4000,
                                                       rows="3", width="100%")),
                    _text_input("wishes", 4000),
                    _text_input("avoid", 4000),
                    rx.flex(
                        _round_input("present_from_round", tr("participants.round_blank")),
                        _round_input("present_to_round", tr("participants.round_blank")),
                        gap="3",
                        wrap="wrap",
                    ),
                ),
            ),
            rx.cond(S.form_summary["fr"], rx.callout(said(S.form_summary), icon="triangle-alert",
                                                     color_scheme="red", id="form-summary", width="100%")),
            rx.flex(
                rx.dialog.close(rx.button(tr("organiser.cancel"), variant="soft", color_scheme="gray", type="button")),
                rx.button(tr("participants.save"), type="submit", id="form-save"),
                gap="3",
                justify="end",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        on_submit=S.save_form,
        reset_on_submit=False,
        id="participant-form",
    )


def form_dialog() -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(
                rx.match(S.form_mode, ("edit", tr("participants.form_edit")),
                         ("walk_in", tr("participants.form_walk_in")), tr("participants.form_add")),
            ),
            rx.dialog.description(S.form_values["organisation"], size="2", color_scheme="gray"),
            participant_form(),
            max_width="40em",
            id="form-dialog",
        ),
        open=S.form_mode != "",
        on_open_change=S.form_open_change,
    )


# --- import ----------------------------------------------------------------------------------------------------


def _file_input_named(upload: rx.Component, name) -> rx.Component:
    """``upload`` with an accessible name on its visually hidden file input: ``rx.upload`` passes none of its props
    to that input (react-dropzone's), and a screen reader's user reaching it heard "file, button" only."""
    pending = [upload]
    while pending:
        component = pending.pop()
        if getattr(component, "tag", None) == "input":
            component.custom_attrs["aria-label"] = name
        pending.extend(getattr(component, "children", []))
    return upload


def import_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr("participants.import_title"), size="4", as_="h2"),
            rx.text(tr("participants.import_help"), size="2", color_scheme="gray"),
            _file_input_named(rx.upload(
                rx.vstack(
                    rx.icon("file-up", size=24),
                    rx.text(tr("participants.import_drop"), size="2"),
                    rx.foreach(rx.selected_files(UPLOAD_ID), lambda name: rx.text(name, weight="bold", size="2",
                                                                                   id="import-file-name")),
                    align="center",
                    spacing="1",
                ),
                id=UPLOAD_ID,
                multiple=False,
                max_files=1,
                max_size=MAX_UPLOAD_BYTES,
                accept={
                    "text/csv": [".csv"],
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": [".xlsx"],
                },
                on_drop_rejected=S.upload_refused,
                border="1px dashed var(--gray-a8)",
                border_radius="var(--radius-3)",
                padding="1.25em",
                width="100%",
                cursor="pointer",
            ), tr("participants.import_drop")),
            rx.flex(
                rx.button(rx.icon("upload", size=16), tr("participants.import_button"),
                          on_click=S.import_file(rx.upload_files(upload_id=UPLOAD_ID), S.upload_ticket),
                          id="import-button"),
                rx.spacer(),
                rx.text(tr("participants.template"), size="2", color_scheme="gray"),
                download_button("template_csv", "participants.template_csv", size="1"),
                download_button("template_xlsx", "participants.template_xlsx", size="1"),
                wrap="wrap",
                gap="2",
                align="center",
                width="100%",
            ),
            rx.cond(S.upload_error["fr"], rx.callout(said(S.upload_error), icon="triangle-alert",
                                                     color_scheme="red", id="upload-error", width="100%")),
            rx.cond(
                S.import_errors.length() > 0,
                rx.callout.root(
                    rx.vstack(rx.foreach(S.import_errors, lambda message: rx.text(message[LANG], size="2")),
                              spacing="1"),
                    color_scheme="red",
                    id="import-errors",
                    width="100%",
                    max_height="40vh",
                    overflow_y="auto",
                ),
            ),
            rx.cond(S.import_summary["fr"], rx.callout(said(S.import_summary), icon="check", color_scheme="green",
                                                       id="import-summary", width="100%")),
            spacing="3",
            width="100%",
        ),
        width="100%",
        id="import",
    )


def qr_dialog() -> rx.Component:
    """A participant's QR code, big enough to scan from the laptop's screen, and as a file (SVG or PNG)."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(S.qr_name, style={"overflow_wrap": "anywhere"}),
            rx.dialog.description(tr("participants.qr_help"), size="2"),
            rx.center(
                rx.image(src=S.qr_image, alt=tr("print.qr_alt", name=S.qr_name), id="qr-big",
                         width="min(70vmin, 26rem)", height="min(70vmin, 26rem)"),
                padding_y="1em",
            ),
            rx.hstack(
                rx.button(tr("participants.qr_svg"), on_click=S.download_qr("svg"), variant="soft", id="qr-svg"),
                rx.button(tr("participants.qr_png"), on_click=S.download_qr("png"), variant="soft", id="qr-png"),
                rx.spacer(),
                rx.dialog.close(rx.button(tr("organiser.cancel"), variant="outline", id="qr-close")),
                width="100%",
                wrap="wrap",
            ),
            max_width="32rem",
        ),
        open=S.qr_id > 0,
        on_open_change=S.qr_open_change,
    )
