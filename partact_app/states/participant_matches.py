"""The participant page's matches, follow-ups and private notes (a mixin of ``ParticipantState``).

Every handler finds the participant again from the page's token (the URL), off the event loop, and hands the
client's ids to the services, which refuse anybody else's (``NotFound``): whatever a socket sends, a phone acts
only on its own matches, follow-ups and notes. What the page holds:

* ``matches``: this participant's matches as they see them (``services.matches.MatchView``);
* ``followups``: whom they asked to follow up with; a counterpart's contact details are in it only once the
  follow-up is mutual (``services.followups.followups_of`` fills them then, and only then);
* ``notes``: their own notes, by counterpart id (as text: JSON object keys);
* the match form (``form_*``) and one message (``match_error``, in the three languages, picked in the browser).

After a change the services name the two participants concerned; the broadcast makes only their pages run
``reload_own`` (``broadcast.rooms.follow``), which reads these three lists again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import reflex as rx

from partact_app.core.categories import CATEGORY_KEYS
from partact_app.db import session_scope
from partact_app.i18n import LANGUAGES
from partact_app.services import followups, matches
from partact_app.services.errors import Conflict, Invalid, NotFound, ServiceError
from partact_app.services.followups import FollowUpView
from partact_app.services.matches import MatchView
from partact_app.services.participants import Organisation, others_of
from partact_app.services.registrations import find_participant_by_token
from partact_app.states.language import LanguageState

MAX_NOTE = followups.MAX_NOTE
FORM_TEXT = ("i_give_text", "they_give_text", "hours", "euros", "delivery_date")


def _me(session, token: str):
    me = find_participant_by_token(session, token)
    if me is None:
        raise NotFound("participant_not_found", id=0)
    return me


def _own_data(session, me) -> tuple[list[MatchView], list[FollowUpView], dict[str, str]]:
    notes = {str(k): v for k, v in followups.notes_of(session, me).items()}
    return matches.matches_of(session, me), followups.followups_of(session, me), notes


def read_own(session, token: str):
    """The participant's matches, follow-ups and notes, in the caller's session; None for an unknown token."""
    me = find_participant_by_token(session, token)
    return None if me is None else _own_data(session, me)


def own_of(session, me):
    """The same for a participant the caller has just read (no second look-up of the token)."""
    return _own_data(session, me)


def _read_own(token: str):
    with session_scope() as session:
        return read_own(session, token)


def _act(token: str, action: Callable, *args):
    """Run a service use case as the token's participant (one transaction), then read their lists again."""
    with session_scope() as session:
        result = action(session, _me(session, token), *args)
    with session_scope() as session:
        return result, _own_data(session, _me(session, token))


def _read_others(token: str) -> list[Organisation]:
    with session_scope() as session:
        return others_of(session, _me(session, token))


def _messages(error: ServiceError) -> dict[str, str]:
    return {lang: " ".join(error.messages(lang)) for lang in LANGUAGES}


def _checked(form: dict, prefix: str) -> list[str]:
    """The category boxes ticked in a form (``<prefix>.<key>``); keys outside the list are ignored."""
    return [key for key in CATEGORY_KEYS if form.get(f"{prefix}.{key}") not in (None, "", False, "off")]


class MatchesMixin(rx.State, mixin=True):
    matches: list[MatchView] = []
    followups: list[FollowUpView] = []
    followup_ids: list[int] = []  # whom this participant asked to follow up with (the agenda's buttons)
    notes: dict[str, str] = {}
    note_saved: str = ""  # the counterpart id of the note just saved ("saved" shows next to it)
    match_error: dict[str, str] = {}  # the last refusal, by language
    # The match form: a new proposal to ``form_counterpart_id``, or an amendment of ``form_match_id``.
    form_open: bool = False
    form_counterpart_id: int = 0
    form_counterpart: str = ""
    form_match_id: int = 0
    form_version: int = 0
    form_i_give: list[str] = []
    form_they_give: list[str] = []
    form_values: dict[str, str] = {}
    form_errors: dict[str, str] = {}  # field -> message, in the language of the page when it was sent
    # "Met outside the schedule": the other type's organisations, read only when asked for.
    others: list[Organisation] = []
    other_id: str = ""

    def _page_token(self) -> str:  # ParticipantState's
        raise NotImplementedError

    def _set_own(self, own) -> None:
        self.matches, self.followups, self.notes = own
        self.followup_ids = [f.counterpart_id for f in self.followups]

    def _clear_own(self) -> None:
        self.matches, self.followups, self.followup_ids, self.notes = [], [], [], {}
        self.form_open, self.others, self.other_id, self.match_error = False, [], "", {}

    async def _load_own(self) -> None:
        own = await asyncio.to_thread(_read_own, self._page_token())
        if own is None:
            self._clear_own()
        else:
            self._set_own(own)

    async def _run(self, action: Callable, *args) -> ServiceError | None:
        """A use case as this page's participant; a refusal becomes the page's message (nothing changed) and is
        returned."""
        try:
            _, own = await asyncio.to_thread(_act, self._page_token(), action, *args)
        except ServiceError as error:
            self.match_error = _messages(error)
            if not isinstance(error, Invalid):
                own = await asyncio.to_thread(_read_own, self._page_token())  # show what changed meanwhile
                if own is not None:
                    self._set_own(own)
            return error
        self.match_error = {}
        self._set_own(own)
        return None

    @rx.event
    async def reload_own(self):
        """Sent by the broadcast to this participant's pages only, after a change of one of their matches or
        follow-ups (by them on another phone, by the counterpart, or by the registrar)."""
        await self._load_own()

    @rx.event
    def dismiss_match_error(self):
        self.match_error = {}

    # --- notes

    @rx.event
    async def save_note(self, counterpart_id, text):
        """A private note, saved as the participant types (the page debounces)."""
        if not isinstance(text, str) or len(text) > MAX_NOTE:
            self.match_error = _messages(Invalid("text_too_long", field="note", max=MAX_NOTE))
            return
        try:
            saved = await asyncio.to_thread(_save_note, self._page_token(), counterpart_id, text)
        except ServiceError as error:
            self.match_error = _messages(error)
            return
        key = str(counterpart_id)
        self.notes = {**self.notes, key: saved} if saved else {k: v for k, v in self.notes.items() if k != key}
        self.note_saved = key

    # --- follow-ups

    @rx.event
    async def request_followup(self, counterpart_id):
        await self._run(followups.request, counterpart_id)

    @rx.event
    async def withdraw_followup(self, counterpart_id):
        await self._run(followups.withdraw, counterpart_id)

    # --- the match form

    def _name_of(self, counterpart_id) -> str:
        """The counterpart's name as this page already holds it (agenda, matches, the list of others)."""
        for row in getattr(self, "agenda", []):
            if row.table and row.counterpart_id == counterpart_id:
                return row.counterpart
        for other in self.others:
            if other.id == counterpart_id:
                return other.name
        for match in self.matches:
            if match.counterpart_id == counterpart_id:
                return match.counterpart
        return ""

    @rx.event
    def open_match_form(self, counterpart_id):
        """"We have a match" with a counterpart: an empty form (the counterpart is checked when it is sent)."""
        self._open_form(counterpart_id)

    def _open_form(self, counterpart_id) -> None:
        known = isinstance(counterpart_id, int) and not isinstance(counterpart_id, bool)
        name = self._name_of(counterpart_id) if known else ""
        if not name:
            return
        self.form_counterpart_id, self.form_counterpart = counterpart_id, name
        self.form_match_id = self.form_version = 0
        self.form_i_give, self.form_they_give, self.form_values, self.form_errors = [], [], {}, {}
        self.match_error = {}
        self.form_open = True

    @rx.event
    def open_amend_form(self, match_id):
        """Amend a match: the form holds its present terms."""
        match = next((m for m in self.matches if m.id == match_id), None)
        if match is None:
            return
        self.form_counterpart_id, self.form_counterpart = match.counterpart_id, match.counterpart
        self.form_match_id, self.form_version = match.id, match.version
        self.form_i_give, self.form_they_give = list(match.i_give), list(match.they_give)
        self.form_values = {"i_give_text": match.i_give_text, "they_give_text": match.they_give_text,
                            "hours": match.hours, "euros": match.euros, "delivery_date": match.delivery_date}
        self.form_errors, self.match_error = {}, {}
        self.form_open = True

    @rx.event
    def match_form_toggled(self, opened):
        """The dialog closed itself (Escape, a tap outside)."""
        if opened is not True:
            self.form_open, self.form_errors = False, {}

    @rx.event
    def close_match_form(self):
        self.form_open = False
        self.form_errors = {}

    @rx.event
    async def submit_match(self, form: dict):
        """The form's fields, from this participant's side (what I give, what they give), to the service's terms
        (what the company gives, what the association gives)."""
        if not self.form_open or not isinstance(form, dict):
            return
        mine = {"gives": _checked(form, "i_give"), "text": form.get("i_give_text", "")}
        theirs = {"gives": _checked(form, "they_give"), "text": form.get("they_give_text", "")}
        company, association = (mine, theirs) if getattr(self, "kind", "") == "company" else (theirs, mine)
        values = {
            "company_gives": company["gives"], "company_gives_text": company["text"],
            "association_gives": association["gives"], "association_gives_text": association["text"],
            "hours": form.get("hours", ""), "euros": form.get("euros", ""),
            "delivery_date": form.get("delivery_date", ""),
        }
        lang = await self._lang()
        try:
            terms = matches.terms_from(values)
        except Invalid as error:
            side = "i_give" if getattr(self, "kind", "") == "company" else "they_give"
            other = "they_give" if side == "i_give" else "i_give"
            names = {"company_gives": side, "association_gives": other, "company_gives_text": f"{side}_text",
                     "association_gives_text": f"{other}_text"}
            self.form_errors = {names.get(k, k): v for k, v in error.by_field(lang).items()}
            self.form_i_give, self.form_they_give = mine["gives"], theirs["gives"]
            self.form_values = {name: str(form.get(name, ""))[:600] for name in FORM_TEXT}
            return
        if self.form_match_id:
            refused = await self._run(matches.amend, self.form_match_id, self.form_version, terms)
        else:
            refused = await self._run(matches.propose, self.form_counterpart_id, terms)
        if refused is None or isinstance(refused, (Conflict, NotFound)):
            # Sent, or the match changed meanwhile (the other side proposed first, it was amended...): the page
            # shows the matches as they are now, and the message says why.
            self.form_open, self.form_errors = False, {}
        else:
            self.form_errors = {"": self.match_error.get(lang, "")}

    async def _lang(self) -> str:
        return (await self.get_state(LanguageState)).lang

    # --- answers to a proposal, delivery

    @rx.event
    async def confirm_match(self, match_id, version):
        await self._run(matches.confirm, match_id, version)

    @rx.event
    async def decline_match(self, match_id, version):
        await self._run(matches.decline, match_id, version)

    @rx.event
    async def deliver_match(self, match_id, version):
        await self._run(matches.mark_delivered, match_id, version)

    # --- met outside the schedule

    @rx.event
    async def load_others(self):
        if self.others:
            return
        try:
            self.others = await asyncio.to_thread(_read_others, self._page_token())
        except ServiceError:
            self.others = []

    @rx.event
    def choose_other(self, value):
        self.other_id = value if isinstance(value, str) and value.isdigit() and len(value) <= 12 else ""

    @rx.event
    def propose_to_other(self):
        if self.other_id:
            self._open_form(int(self.other_id))

    @rx.event
    async def followup_other(self):
        if self.other_id:
            await self._run(followups.request, int(self.other_id))


def _save_note(token: str, counterpart_id, text: str) -> str:
    with session_scope() as session:
        return followups.save_note(session, _me(session, token), counterpart_id, text)
