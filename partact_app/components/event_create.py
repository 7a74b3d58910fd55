"""The new-event form of the console's login view, and the new organiser key, shown once. Layout only."""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.components.native_form import native_form
from partact_app.states.console_event import NEW_KEY, ConsoleEventState as E


def field_error(errors: rx.Var, name: str) -> rx.Component:
    """The message about field ``name`` of ``errors`` (field -> message), next to the field."""
    return rx.cond(
        errors.contains(name),
        rx.text(errors[name], color_scheme="red", size="2", id=f"{name}-error", role="alert"),
    )


def labelled(label_key: str, control: rx.Component, errors: rx.Var, name: str, help_key: str | None = None,
             *, for_id: str | None = None, **props) -> rx.Component:
    """A field: its label (for the control's id, or ``for_id``), the control, an optional help line and its
    error."""
    return rx.vstack(
        rx.text(tr(label_key), as_="label", custom_attrs={"htmlFor": for_id or control.id}, size="2", weight="medium"),
        control,
        rx.text(tr(help_key), size="1", color_scheme="gray") if help_key else rx.fragment(),
        field_error(errors, name),
        spacing="1",
        width="100%",
        **props,
    )


def number_input(name: str, element_id: str, low: int, high: int, **props) -> rx.Component:
    return rx.input(name=name, id=element_id, type="number", min=low, max=high, step=1, input_mode="numeric",
                    required=True, width="100%", **props)


def _create_form() -> rx.Component:
    errors = E.errors
    return rx.el.form(
        rx.vstack(
            labelled("event.name", rx.input(name="name", id="new-event-name", required=True, max_length=200,
                                            width="100%", on_blur=E.suggest_slug), errors, "name"),
            labelled("event.slug", rx.input(name="slug", id="new-event-slug", default_value=E.slug, key=E.slug,
                                            on_blur=E.edit_slug, max_length=64, width="100%"),
                     errors, "slug", "event.slug_help"),
            rx.grid(
                labelled("event.date", rx.input(name="date", id="new-event-date", type="date", width="100%"),
                         errors, "date"),
                labelled("event.venue", rx.input(name="venue", id="new-event-venue", max_length=300, width="100%"),
                         errors, "venue"),
                labelled("event.rounds", number_input("rounds", "new-event-rounds", 1, 60, default_value="10"),
                         errors, "rounds"),
                labelled("event.tables", number_input("tables", "new-event-tables", 1, 2000, default_value="20"),
                         errors, "tables"),
                labelled("event.round_minutes",
                         number_input("round_minutes", "new-event-round-minutes", 1, 240, default_value="6"),
                         errors, "round_minutes"),
                labelled("event.break_minutes",
                         number_input("break_minutes", "new-event-break-minutes", 0, 240, default_value="1"),
                         errors, "break_minutes"),
                columns=rx.breakpoints(initial="1", xs="2"),
                spacing="3",
                width="100%",
            ),
            field_error(errors, ""),
            rx.button(tr("event.create_button"), type="submit", size="3", id="create-event"),
            spacing="3",
            width="100%",
        ),
        on_submit=E.create,
        reset_on_submit=False,
        no_validate=True,  # our own messages, next to each field, in the page's language
        id="create-event-form",
        style={"width": "100%"},
    )


def _new_key() -> rx.Component:
    """The key just created: shown once, with a copy button, a warning, and "log in now"."""
    return rx.callout.root(
        rx.vstack(
            rx.heading(tr("event.created_title", name=E.created_name), size="4", id="created-event"),
            rx.text(tr("event.key_label"), weight="medium", size="2"),
            rx.hstack(
                rx.code(NEW_KEY.value, id="new-key", size="4", style={"word_break": "break-all"}),
                rx.button(
                    rx.icon("copy", size=16),
                    tr("event.copy_key"),
                    on_click=[rx.set_clipboard(NEW_KEY.value), rx.toast.success(tr("event.key_copied"))],
                    variant="soft",
                    type="button",
                    id="copy-key",
                ),
                wrap="wrap",
                align="center",
                spacing="3",
            ),
            rx.text(tr("event.key_warning"), weight="bold", id="key-warning"),
            native_form(
                rx.el.input(type="hidden", name="organiser_key", value=NEW_KEY.value),
                rx.button(tr("event.login_now"), type="submit", size="3", id="login-new-event"),
                action="/api/console/login",
                method="post",
            ),
            rx.button(tr("event.key_kept"), on_click=E.dismiss, variant="ghost", size="1", type="button"),
            spacing="3",
            width="100%",
        ),
        color_scheme="amber",
        size="3",
        width="100%",
        role="status",
    )


def event_create() -> rx.Component:
    """Below the login form: create a new event (no key needed), then its key, once."""
    return rx.card(
        rx.vstack(
            rx.cond(
                NEW_KEY.value != "",
                _new_key(),
                rx.vstack(
                    rx.hstack(
                        rx.vstack(
                            rx.heading(tr("event.create_title"), size="4"),
                            rx.text(tr("event.create_intro"), size="2", color_scheme="gray"),
                            spacing="1",
                        ),
                        rx.spacer(),
                        rx.button(
                            rx.cond(E.show_form, tr("organiser.cancel"), tr("event.create_open")),
                            on_click=E.toggle,
                            variant="soft",
                            type="button",
                            id="new-event",
                        ),
                        width="100%",
                        align="center",
                        wrap="wrap",
                        spacing="3",
                    ),
                    rx.cond(E.show_form, _create_form()),
                    spacing="3",
                    width="100%",
                ),
            ),
            width="100%",
        ),
        width="100%",
        size="3",
    )
