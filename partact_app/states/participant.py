"""The participant's page state: the badge's participant, their agenda, and the event's live fields.

The live fields (phase, round, deadline...) are computed vars read from this process's snapshot cache, never
stored per phone: a hydrate (first load or reconnect) always sends the present state, and a live change is
sent to all phones of the event as one identical update of these same vars (``broadcast.rooms``). Which table the
phone shows is picked in the browser from the agenda, by the current round.

Who the phone belongs to is read from the page's token (the URL) on every handler, never trusted from earlier:
a server-side state that expired (an idle phone, a restarted instance) heals on the next event.
"""

from __future__ import annotations

import asyncio

import reflex as rx
from reflex.middleware.middleware import Middleware
from reflex.state import StateUpdate
from reflex_base.event.processor.base_state_processor import process_event

from partact_app.broadcast import rooms
from partact_app.db import session_scope
from partact_app.guard import limits, log
from partact_app.services import registrations
from partact_app.services.errors import ServiceError
from partact_app.services.participants import AgendaRow, page_owner, view_of
from partact_app.states.console import ConsoleAccess, NotLoggedIn
from partact_app.states.language import LanguageState
from partact_app.states.live_fields import LiveFields, follow_page, path_part
from partact_app.states.participant_matches import MatchesMixin, own_of

# Sockets of one event's phones let into its room at once, on one instance: per client address (one venue's
# wifi may put every phone behind one address) and per participant (two phones, a tablet... of one organisation).
SOCKETS_PER_ADDRESS = 2000
SOCKETS_PER_PARTICIPANT = 20
PAGE_ROUTE = "/p/[token]"  # the participant's page, the badge's QR code (pages/participant.py)


def _read_view(token: str):
    """The page's participant and their own matches, follow-ups and notes, in one session (a page load, a
    reconnect, a re-plan); (None, None) for an unknown token. A participant who has kept nothing yet (most
    phones as an event starts) costs one query: their lists are empty."""
    with session_scope() as session:
        owner = page_owner(session, token)
        if owner is None:
            return None, None
        own = own_of(session, owner.participant) if owner.keeps_records else ([], [], {})
        return view_of(session, owner.participant, owner.event), own


def _console_event_id(session, event) -> int:
    return event.id


class ParticipantState(ConsoleAccess, LiveFields, MatchesMixin, rx.State):
    loaded: bool = False
    checked_in: bool = False
    # This browser holds a console session of the participant's event (an organiser scanning a badge at the
    # check-in desk): the page offers "check in". Nothing else of the console is shown here.
    organiser_here: bool = False
    found: bool = False
    refused_wait: int = 0  # seconds to wait when this address tried too many unknown links
    organisation: str = ""
    kind: str = ""
    contact_name: str = ""
    event_name: str = ""
    start_time: str = ""
    agenda: list[AgendaRow] = []
    offers: list[str] = []  # this participant's own category keys
    needs: list[str] = []
    first_round: int = 0  # the round of the first meeting (0 when there is none)
    _participant_id: int = 0

    def _page_token(self) -> str:
        """The token of the page's address ``/p/<token>`` (what the QR code holds)."""
        return path_part(self.router.url.path, "p")

    async def _fill(self) -> bool:
        """Read the participant of the page's token (off the event loop); False when unknown or refused."""
        client = self.router.session.client_ip
        wait = await limits.retry_after("token:client", client)
        view = own = None
        if wait is None:
            view, own = await asyncio.to_thread(_read_view, self._page_token())
            if view is None:
                wait = await limits.count("token:client", client)
                log.refused("unknown-token", client)
        self.loaded = True
        self.refused_wait = wait or 0
        self.found = view is not None
        if view is None:
            self._event_id = self._participant_id = 0
            self.organisation = self.kind = self.contact_name = self.event_name = ""
            self.start_time = ""
            self.agenda = []
            self.offers, self.needs = [], []
            self.first_round = 0
            self.checked_in = self.organiser_here = False
            self._clear_own()
            return False
        self._event_id = view.event_id
        self._participant_id = view.participant_id
        self.organisation = view.organisation
        self.kind = view.kind
        self.contact_name = view.contact_name
        self.event_name = view.event_name
        self.start_time = view.start_time
        self.agenda = view.agenda
        self.offers, self.needs = list(view.offers), list(view.needs)
        self.first_round = next((row.round for row in view.agenda if row.table), 0)
        self.checked_in = view.checked_in
        self.organiser_here = False
        self._set_own(own)  # matches, follow-ups, notes: this participant's own, nobody else's
        if self._cookie():  # only a browser with a console cookie pays for this look-up
            try:
                self.organiser_here = await self._console_call(_console_event_id) == view.event_id
            except NotLoggedIn:
                pass
        return True

    @rx.event
    async def check_in(self):
        """An organiser logged in to this event checks the badge's participant in (from the badge's link)."""
        if not (self.organiser_here and self._participant_id):
            return
        try:
            await self._console_call(registrations.check_in, self._participant_id)
        except (NotLoggedIn, ServiceError):
            self.organiser_here = False
            return
        self.checked_in = True

    def _caps(self) -> dict[str, int]:
        return {
            f"address:{self.router.session.client_ip}": SOCKETS_PER_ADDRESS,
            f"participant:{self._participant_id}": SOCKETS_PER_PARTICIPANT,
        }

    @rx.event
    async def load(self):
        """On page load and on every reconnect: the page's language, then read the participant and join the event's
        live room. The language is set here rather than by its own ``LanguageState.detect`` event: a join is one
        Reflex event fewer (each locks, loads and saves the tab's states in Redis) and the phone gets the language
        with its agenda, one render fewer (docs/benchmark-live.md)."""
        (await self.get_state(LanguageState)).apply_detected()
        if await self._fill():
            await self._join_room(self._caps())

    @rx.event
    async def reload_agenda(self):
        """Sent by the live broadcast when the schedule version changes (a re-plan)."""
        await self._fill()

    async def _reattach(self) -> None:
        if await self._fill():
            await self._join_room(self._caps())


rooms.follow(ParticipantState, "reload_agenda", per_participant=True, notify_handler="reload_own",
             hidden=("partnerships",))
follow_page(PAGE_ROUTE, ParticipantState)


class PhoneLoad(Middleware):
    """A phone's page load in one Reflex event instead of three.

    Reflex answers a page load with a chain: ``hydrate_and_load``, then ``on_load_internal``, which queues the
    page's ``on_load`` (``ParticipantState.load``) and then ``set_is_hydrated``, each a Reflex event of its own
    that locks, loads and saves the tab's states in Redis and sends the phone an update. On ``/p/[token]`` this
    runs ``load`` inside ``on_load_internal``, as Reflex's own rehydration does (``process_event``, under the
    same lock), and marks the page hydrated in the same update. Only the participant page: a thousand phones
    join at once; the console and the big screen are a few tabs (docs/benchmark-live.md, "The eighth pass").
    """

    async def preprocess(self, app, state, event):
        # The route of the tab (a chained event carries no router data of its own: the tab's state does).
        if event.name.rsplit(".", 1)[-1] != "on_load_internal" or state.router_data.get("pathname") != PAGE_ROUTE:
            return None
        page = await state.get_state(ParticipantState)
        state.is_hydrated = True  # sent with the agenda: one update where Reflex's chain sent two
        await process_event(handler=ParticipantState.event_handlers["load"], payload={}, state=page,
                            root_state=state)
        return StateUpdate()  # the chain of ``on_load_internal`` has run; nothing more to queue
