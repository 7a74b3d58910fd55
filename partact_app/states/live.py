"""The live fields of an event, as computed vars shared by every state that follows the room.

They are read from this process's snapshot cache (``live.bus``), never stored per client, so a hydrate always
sends the present state; the broadcast of ``live.rooms`` sends the same var names to the event's room.
"""

from __future__ import annotations

import reflex as rx

from partact_app.live import bus, rooms


class LiveFields(rx.State, mixin=True):
    _event_id: int = 0

    def _live(self) -> dict[str, object]:
        snapshot = bus.cached(self._event_id, rooms.load_snapshot) if self._event_id else None
        return rooms.live_fields(snapshot)

    @rx.var(cache=False)
    def phase(self) -> str:
        return str(self._live()["phase"])

    @rx.var(cache=False)
    def current_round(self) -> int:
        return int(self._live()["current_round"])

    @rx.var(cache=False)
    def total_rounds(self) -> int:
        return int(self._live()["total_rounds"])

    @rx.var(cache=False)
    def deadline_ms(self) -> int:
        return int(self._live()["deadline_ms"])

    @rx.var(cache=False)
    def remaining_ms(self) -> int:
        return int(self._live()["remaining_ms"])

    @rx.var(cache=False)
    def round_ms(self) -> int:
        return int(self._live()["round_ms"])

    @rx.var(cache=False)
    def schedule_version(self) -> int:
        return int(self._live()["schedule_version"])

    @rx.var(cache=False)
    def server_ms(self) -> int:
        return int(self._live()["server_ms"])

    async def _join_room(self) -> None:
        """Follow the event's live changes on this socket (call from an on_load handler)."""
        if self._event_id:
            await rooms.join(self.router.session.session_id, self._event_id, type(self))
