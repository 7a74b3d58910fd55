"""The new-event form of the console's login view: an organiser without a key creates an event.

Creating needs no key, so it is rate-limited per client address (``guard.limits``, rule ``event-create:client``).
The new organiser key is shown once: it reaches the browser in a client-side variable (``NEW_KEY``, pushed by the
handler's answer) and is never kept in this state, so a tab token learnt later opens nothing. "Log in now" posts
it to ``/api/console/login`` like the login form.
"""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.experimental.client_state import ClientStateVar

from partact_app.db import session_scope
from partact_app.guard import limits, log
from partact_app.i18n import t
from partact_app.services import events
from partact_app.services.errors import Invalid
from partact_app.states.language import LanguageState

# The new event's organiser key, in the browser only (gone on reload: the key is shown once).
NEW_KEY = ClientStateVar.create("partact_new_key", "")

MAX_FORM_FIELDS = 20
MAX_TEXT = 400


def _create(form: dict) -> tuple[str, str, str]:
    with session_scope() as session:
        event, key = events.create_event_from_form(session, form)
        return event.slug, event.name, key


def _text(value: object, limit: int = MAX_TEXT) -> str | None:
    return value if isinstance(value, str) and len(value) <= limit else None


class ConsoleEventState(rx.State):
    show_form: bool = False
    slug: str = ""  # suggested from the name until the organiser edits it
    slug_edited: bool = False
    errors: dict[str, str] = {}  # field -> message ("" for the form as a whole)
    created_name: str = ""
    created_slug: str = ""

    @rx.event
    def toggle(self):
        self.show_form = not self.show_form

    @rx.event
    def suggest_slug(self, name: str):
        """When the name field is left: the slug from the name, unless the organiser typed one."""
        name = _text(name)
        if name is not None and not self.slug_edited:
            self.slug = events.slug_from_name(name)

    @rx.event
    def edit_slug(self, value: str):
        """When the slug field is left: a slug typed by the organiser is kept (blank: suggested again)."""
        value = _text(value, 128)
        if value is not None and value != self.slug:
            self.slug = value
            self.slug_edited = bool(value.strip())

    @rx.event
    async def create(self, form_data: dict):
        lang = (await self.get_state(LanguageState)).lang
        if (
            not isinstance(form_data, dict)
            or len(form_data) > MAX_FORM_FIELDS
            or not all(isinstance(key, str) and _text(value) is not None for key, value in form_data.items())
        ):
            self.errors = {"": Invalid("field_invalid").message(lang)}
            return
        client = self.router.session.client_ip
        wait = await limits.retry_after("event-create:client", client)
        if wait is not None:
            log.refused("rate:event-create", client)
            self.errors = {"": t("error.rate_limited", lang, seconds=wait)}
            return
        try:
            slug, name, key = await asyncio.to_thread(_create, dict(form_data))
        except Invalid as error:
            self.errors = error.by_field(lang)
            return
        await limits.count("event-create:client", client)
        self.errors = {}
        self.show_form = False
        self.slug, self.slug_edited = "", False
        self.created_slug, self.created_name = slug, name
        return NEW_KEY.push(key)

    @rx.event
    def dismiss(self):
        """The organiser has kept the key: forget it in the browser too."""
        self.created_slug = self.created_name = ""
        return NEW_KEY.push("")
