"""The console's print pages: badges, paper agendas, table cards and room plans (organiser only: badges and
agendas carry the participants' secret links)."""

from __future__ import annotations

import reflex as rx

from partact_app.services import printing
from partact_app.services.console import RoomRound, room_plan
from partact_app.services.errors import ServiceError
from partact_app.services.registrations import participants_of
from partact_app.states.console import ConsoleAccess, NotLoggedIn, console_state


def _badges(session, event, which: str, participant_id: int):
    people = [[str(p.id), p.organisation] for p in participants_of(session, event)]
    return printing.header(event), printing.badges(session, event, which, participant_id), people


def _agendas(session, event, participant_id: int):
    return printing.header(event), printing.agendas(session, event, participant_id)


def _tables(session, event):
    return printing.header(event), printing.table_cards(session, event), room_plan(session, event)


class PrintState(ConsoleAccess, rx.State, mixin=True):
    loaded: bool = False
    event_name: str = ""
    schedule_version: int = 0
    scheduled_at: str = ""
    printed_at: str = ""
    error: str = ""

    def _show_header(self, header: printing.PrintHeader) -> None:
        self.event_name = header.event_name
        self.schedule_version = header.schedule_version
        self.scheduled_at = header.scheduled_at
        self.printed_at = header.printed_at

    def _query_int(self, name: str) -> int:
        value = self.router.url.query_parameters.get(name, "")
        return int(value) if value.isdigit() and len(value) < 10 else 0


@console_state
class BadgesState(PrintState, rx.State):
    which: str = printing.ALL
    participant_id: int = 0
    badges: list[printing.Badge] = []
    people: list[list[str]] = []  # [id, organisation] of everyone, to reprint one badge
    marked: bool = False

    @rx.event
    async def load(self):
        self.participant_id = self._query_int("participant")
        if self.participant_id:
            self.which = printing.ONE
        await self._read()

    async def _read(self):
        try:
            header, self.badges, self.people = await self._console_call(
                _badges, self.which, self.participant_id
            )
        except (NotLoggedIn, ServiceError):
            self.reset()
            return
        self._show_header(header)
        self.loaded = True
        self._bind_session()

    @rx.event
    async def choose(self, which: str):
        if isinstance(which, str) and which in printing.FILTERS:
            self.which = which
            self.marked = False
            await self._read()

    @rx.event
    async def choose_participant(self, value: str):
        if isinstance(value, str) and value.isdigit() and len(value) < 10:
            self.which, self.participant_id = printing.ONE, int(value)
            await self._read()

    @rx.event
    async def mark_printed(self):
        """After printing: participants registered from now on are the walk-ins to print."""
        try:
            await self._console_call(printing.mark_badges_printed)
        except (NotLoggedIn, ServiceError):
            return
        self.marked = True


@console_state
class AgendasState(PrintState, rx.State):
    sheets: list[printing.AgendaSheet] = []
    two_per_page: bool = False

    @rx.event
    async def load(self):
        try:
            header, self.sheets = await self._console_call(_agendas, self._query_int("participant"))
        except (NotLoggedIn, ServiceError):
            self.reset()
            return
        self._show_header(header)
        self.loaded = True
        self._bind_session()

    @rx.event
    def set_two_per_page(self, value: bool):
        if isinstance(value, bool):
            self.two_per_page = value


@console_state
class TablesState(PrintState, rx.State):
    cards: list[printing.TableCard] = []
    plan: list[RoomRound] = []

    @rx.event
    async def load(self):
        try:
            header, self.cards, self.plan = await self._console_call(_tables)
        except (NotLoggedIn, ServiceError):
            self.reset()
            return
        self._show_header(header)
        self.loaded = True
        self._bind_session()

