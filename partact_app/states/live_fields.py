"""The live fields of an event as page fields: computed vars shared by every state whose page shows them.

One computed var per field of ``broadcast.bus.LiveView`` (the one list of their names and types), read from this
process's snapshot cache whenever the page's state is read (the last value Reflex keeps with the state is never
served again): a hydrate always sends the present state, and the broadcast of ``broadcast.rooms`` sends the same
var names to the event's room.

Only the states of the pages that show them mix ``LiveFields`` in (the phone, the console's shell, the big
screen); a state that only reloads with the room (the console's participants, schedule and matches pages) mixes
``RoomMember``: neither its hydrate nor the room's updates carry the live fields.
"""

from __future__ import annotations

import datetime as dt

import reflex as rx
from reflex.middleware.middleware import Middleware
from reflex_base.utils import format as reflex_format

from partact_app.broadcast import bus, rooms
from partact_app.broadcast.bus import LIVE_FIELDS, LiveView


# Recompute a live field every time it is read (a hydrate, the delta of an event of its own state), as
# ``cache=False`` would, without making its state "always dirty": Reflex loads every state that has a
# ``cache=False`` var (and its parents) with every event of every tab, so with the live fields uncached a
# participant phone's join loaded, recomputed, pickled and wrote back the four console states and the big
# screen's too, five times (docs/benchmark-live.md, the cluster). A var with an update interval is recomputed
# when read after its interval has passed (here: always), and only its own state's events read it.
ALWAYS = dt.timedelta(0)


def _live_var(name: str, type_: type):
    def getter(self):
        return getattr(self._live(), name)

    getter.__name__ = name
    getter.__qualname__ = f"LiveFields.{name}"
    getter.__annotations__ = {"return": type_}
    getter.__doc__ = f"The event's live ``{name}`` (see ``broadcast.bus.LiveView``)."
    return rx.var(getter, interval=ALWAYS)


class RoomMember(rx.State, mixin=True):
    """A page state that follows its event's room (``broadcast.rooms``) without showing the live fields."""

    _event_id: int = 0

    async def _reattach(self) -> None:
        """Read again who this page belongs to after the server-side state was lost (see ``Reattach``)."""

    async def _join_room(self, caps: dict[str, int] | None = None) -> bool:
        """Follow the event's live changes on this socket (call from an on_load handler); ``caps`` bound the
        sockets of a group in the room (``broadcast.rooms.join``). False when refused."""
        if not self._event_id:
            return False
        return await rooms.join(self.router.session.session_id, self._event_id, type(self), caps)


class LiveFields(RoomMember, mixin=True):
    """A room member whose page shows the live fields."""

    def _live(self) -> LiveView:
        return LiveView.of(bus.cached(self._event_id) if self._event_id else None)

    # phase, current_round, total_rounds, deadline_ms, remaining_ms, round_ms, schedule_version, server_ms
    for _name, _type in LIVE_FIELDS.items():
        locals()[_name] = _live_var(_name, _type)
    del _name, _type


def path_part(path: str, prefix: str, limit: int = 64) -> str:
    """The part after ``/<prefix>/`` of a page's path (``/p/<token>``, ``/screen/<slug>``); "" when absent or
    longer than ``limit``."""
    parts = (path or "").strip("/").split("/")
    if len(parts) >= 2 and parts[0] == prefix and 0 < len(parts[1]) <= limit:
        return parts[1]
    return ""


# The pages whose state follows an event: (route as Reflex names it, state class).
_PAGES: dict[str, type[RoomMember]] = {}


def follow_page(route: str, state_cls: type[RoomMember]) -> None:
    """``state_cls`` is the state of the page at ``route``, to re-attach after its state was lost."""
    _PAGES[route] = state_cls


class Reattach(Middleware):
    """Before an event a page sends on its own (not the hydrate and on_load chain of a page load, which reads
    everything anyway): a page whose server-side state was lost (it expired after the tab sent nothing for a
    while, or an instance restarted) is re-attached to its participant, event or console first (``_reattach``:
    the page's token, slug or cookie, read again off the event loop), so the live fields in the answer are never
    those of no event."""

    def __init__(self) -> None:
        self._page_load: dict[str, set[str]] = {}

    def _page_load_events(self, app, route: str) -> set[str]:
        names = self._page_load.get(route)
        if names is None:
            names = {"hydrate", "hydrate_and_load", "on_load_internal"}
            for spec in app.get_load_events(route):
                handler = getattr(spec, "handler", spec)
                names.add(reflex_format.format_event_handler(handler).rsplit(".", 1)[-1])
            self._page_load[route] = names
        return names

    async def preprocess(self, app, state, event):
        route = event.router_data.get("pathname", "")
        state_cls = _PAGES.get(route)
        if state_cls is None or event.name.rsplit(".", 1)[-1] in self._page_load_events(app, route):
            return None
        page = await state.get_state(state_cls)
        if not page._event_id:
            await page._reattach()
        return None
