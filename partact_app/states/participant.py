"""The participant's page state: the badge's participant, their agenda, and the event's live fields.

The live fields (phase, round, deadline...) are computed vars read from this process's snapshot cache, never
stored per phone: a hydrate (first load or reconnect) always sends the present state, and a live change is
sent to all phones of the event as one identical delta of these same vars (``live.rooms``). Which table the
phone shows is picked in the browser from the agenda, by the current round.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from partact_app.db import session_scope
from partact_app.broadcast import rooms
from partact_app.services.participants import AgendaRow, participant_view
from partact_app.states.live_fields import LiveFields


def _read_view(token: str):
    with session_scope() as session:
        return participant_view(session, token)


class ParticipantState(LiveFields, rx.State):
    loaded: bool = False
    found: bool = False
    organisation: str = ""
    kind: str = ""
    contact_name: str = ""
    event_name: str = ""
    start_time: str = ""
    agenda: list[AgendaRow] = []
    first_round: int = 0  # the round of the first meeting (0 when there is none)
    _token: str = ""

    async def _fill(self, token: str) -> None:
        # The read runs in a thread: on PostgreSQL its round trips would otherwise stall every phone's socket.
        view = await asyncio.to_thread(_read_view, token)
        self.loaded = True
        self.found = view is not None
        if view is None:
            self._event_id = 0
            self.organisation = self.kind = self.contact_name = self.event_name = ""
            self.start_time = ""
            self.agenda = []
            self.first_round = 0
            return
        self._event_id = view.event_id
        self.organisation = view.organisation
        self.kind = view.kind
        self.contact_name = view.contact_name
        self.event_name = view.event_name
        self.start_time = view.start_time
        self.agenda = view.agenda
        self.first_round = next((row.round for row in view.agenda if row.table), 0)

    @rx.event
    async def load(self):
        """On page load and on every reconnect: read the participant, join the event's live room."""
        token = self.router.page.params.get("token", "")
        self._token = token if isinstance(token, str) else ""
        await self._fill(self._token)
        await self._join_room()

    @rx.event
    async def reload_agenda(self):
        """Sent by the live broadcast when the schedule version changes (a re-plan)."""
        if self._token:
            await self._fill(self._token)


rooms.follow(ParticipantState, "reload_agenda")
