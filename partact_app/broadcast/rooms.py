"""The Reflex side of the broadcast: one socket.io room per event and following state, on each backend instance.

A phone's page joins its event's room when it loads (and again on every reconnect, since the hydrate that a
reconnect sends runs on_load again). A live change is sent to the room as ONE update that is the same for every
phone of the event: the live fields (``bus.LiveView``: phase, round, deadline, schedule version, server clock).
The per-phone parts (which table in which round) are already on the phone, in its agenda, and the page picks
the row of the current round in the browser. So an advance costs one socket.io room emit per instance, not a
state round-trip per phone.

The server-side copy of each phone's state never goes stale: the live fields are computed vars
(``states.live_fields``) recomputed from this process's snapshot cache whenever the state is read. A hydrate
therefore always sends the present live state.

Three sources feed the rooms: the in-process bus (an action in this process without Redis), the Redis channel
(an action in any process, with Redis), and a slow poll of the database, through the bus's loader, for the
events that have phones here (a change made by a CLI without Redis, or a message lost while Redis was away).
This module never imports a service: it hears snapshots and reads them through ``bus.load``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
import time
import uuid
from dataclasses import dataclass

from reflex.event import Event
from reflex.state import StateUpdate
from reflex_base.constants.state import FIELD_MARKER
from reflex_base.utils import format as reflex_format

from partact_app import settings
from partact_app.broadcast import bus
from partact_app.broadcast.bus import LiveSnapshot, LiveView
from partact_app.outages import Outage

logger = logging.getLogger(__name__)
REDIS_OUTAGE = Outage("live: the Redis subscription", logger)
DATABASE_OUTAGE = Outage("live: the database poll", logger)

POLL_SECONDS = 2.0
EVENT_NAMESPACE = "/_event"  # Reflex's socket.io namespace (its websocket path)

_targets: list = []  # _Target of every state that follows an event
_last_sent: dict[int, LiveSnapshot] = {}
_events_here: set[int] = set()
_loop: asyncio.AbstractEventLoop | None = None


def room(event_id: int, state_cls) -> str:
    """One room per event and per following state (phones, consoles, big screens get their own updates)."""
    return f"partact-{event_id}-{state_cls.get_name()}"


@dataclass(frozen=True)
class _Target:
    state_cls: type
    handler: str | None  # the handler each page runs when what it shows changed
    per_participant: bool  # pages of one participant each: only those named by a re-plan reload
    on_revision: bool  # also reload when the event's revision changed (the consoles)
    notify_handler: str | None = None  # per participant: what their page runs when its own data changed
    hidden: frozenset[str] = frozenset()  # live fields the pages do not show: a change of those alone is not sent
    live: bool = True  # the state has the live fields (states.live_fields.LiveFields); else it only reloads
    round_handler: str | None = None  # what each page runs when the round or the phase changed


def follow(state_cls, reload_handler: str | None = None, *, per_participant: bool = False,
           on_revision: bool = False, notify_handler: str | None = None, hidden: tuple[str, ...] = (),
           live: bool = True, round_handler: str | None = None) -> None:
    """Register a state whose live fields are broadcast.

    ``reload_handler`` runs on each page of the state when the schedule version changed (and, with
    ``on_revision``, when the event's revision did). With ``per_participant`` the pages join the room in a group
    ``participant:<id>`` and, after a re-plan that names the participants whose agenda changed, only their pages
    reload: the others see nothing change; a snapshot that names participants in ``notify`` (a match, a
    follow-up) makes only their pages run ``notify_handler``. A change of only the ``hidden`` live fields (and of
    the revision) sends the room nothing: the phones do not show the partnership count. A state without the live
    fields (``live=False``) hears only its reloads. ``round_handler`` runs on each page when the round or the
    phase changed (the console's room, which holds the round shown and the next one only).
    """
    if all(existing.state_cls is not state_cls for existing in _targets):
        _targets.append(_Target(state_cls, reload_handler, per_participant, on_revision, notify_handler,
                                frozenset(hidden), live, round_handler))


def state_update(state_cls, values: dict[str, object], handler: str | None = None) -> StateUpdate:
    """Reflex's wire format for a change of ``values`` (var name -> value) in ``state_cls``, and optionally an
    event the client sends back (``handler`` of the same state).

    The one place that knows how Reflex addresses a var on the wire (full state name, var name plus Reflex's field
    marker); ``tests/browser/test_broadcast_wire.py`` checks it against the delta Reflex itself computes.
    """
    full_name = state_cls.get_full_name()
    delta = {full_name: {name + FIELD_MARKER: value for name, value in values.items()}}
    events = [Event(name=f"{full_name}.{handler}", payload={})] if handler else []
    return StateUpdate(delta=delta, events=events)


def event_frame(spec) -> str:
    """A whole websocket text frame that makes a page run ``spec`` (an ``rx.toast...`` or another client-side
    event): engine.io MESSAGE + socket.io EVENT on Reflex's namespace, carrying a ``StateUpdate`` with no delta.
    Sent as is by the guard middleware, which speaks below Reflex."""
    event = Event.from_event_type(spec)[0]
    update = StateUpdate(delta={}, events=[event])
    return f"42{EVENT_NAMESPACE}," + reflex_format.json_dumps(["event", update])


@functools.cache
def _app():
    """This process's Reflex app, found and validated once: Reflex's lookup imports and checks it again on every
    call, 7 % of the event loop's time during a burst of joins (docs/benchmark-live.md)."""
    from reflex.utils.prerequisites import get_and_validate_app

    return get_and_validate_app().app


async def join(sid: str, event_id: int, state_cls, caps: dict[str, int] | None = None) -> bool:
    """Put this socket in its event's room for ``state_cls`` (on the instance that owns the socket).

    ``caps`` bounds how many sockets of a group may be in the room at once on this instance (group name -> cap,
    e.g. ``{"address:1.2.3.4": 10}``). A socket that would pass a cap is not let in (False): it gets no live
    updates, so a crowd of anonymous sockets cannot make every broadcast cost more.
    """
    if not sid or not event_id:
        return False
    namespace = _app().event_namespace
    if namespace is None:
        return False
    name = room(event_id, state_cls)
    if caps and not _admit(namespace, name, sid, caps):
        return False
    await namespace.enter_room(sid, name)
    _events_here.add(event_id)
    if event_id not in _last_sent:
        # What this phone was just sent: the next broadcast compares its schedule version with it, so a re-plan
        # made before this instance broadcast anything for the event still makes the phones reload. Read off the
        # event loop; from now on the poll keeps the cache warm.
        snapshot = await asyncio.to_thread(bus.cached, event_id)
        if snapshot is not None:
            _last_sent.setdefault(event_id, snapshot)
    return True


_members: dict[tuple[str, str], set[str]] = {}  # (room, group) -> sockets let in


def _admit(namespace, name: str, sid: str, caps: dict[str, int]) -> bool:
    """Whether ``sid`` fits every cap of its groups in room ``name`` (and count it in them if so)."""
    for group, cap in caps.items():
        members = _members.setdefault((name, group), set())
        if sid not in members and len(members) >= cap:
            # Forget the sockets that have left the room (disconnected) before refusing.
            present = namespace.server.manager.rooms.get(namespace.namespace, {}).get(name, {})
            members.intersection_update(present)
            if len(members) >= cap:
                return False
    for group in caps:
        _members[(name, group)].add(sid)
    return True


def _reload_all(target: _Target, snapshot: LiveSnapshot, previous: LiveSnapshot | None) -> bool:
    """Whether every page of ``target`` must reload for this snapshot."""
    if target.handler is None or previous is None:
        return False
    replanned = previous.schedule_version != snapshot.schedule_version
    if target.on_revision and (replanned or previous.revision != snapshot.revision):
        return True
    return replanned and not (target.per_participant and snapshot.changed is not None)


def _worth_sending(snapshot: LiveSnapshot, previous: LiveSnapshot | None, target: _Target) -> bool:
    """Whether the room of ``target`` must hear this snapshot: a live field its pages show changed, or they
    all reload."""
    if not target.live:
        return _reload_all(target, snapshot, previous)
    if previous is None or _reload_all(target, snapshot, previous):
        return True
    old, new = LiveView.of(previous).values(), LiveView.of(snapshot).values()
    return any(old[name] != new[name] for name in old if name != "server_ms" and name not in target.hidden)


def _update(snapshot: LiveSnapshot, previous: LiveSnapshot | None, target: _Target) -> StateUpdate:
    """The update for one following state's room: its live vars, and a reload event when all its pages reload."""
    if _reload_all(target, snapshot, previous):
        handler = target.handler
    elif target.round_handler and previous is not None and (previous.round, previous.phase) != (
            snapshot.round, snapshot.phase):
        handler = target.round_handler
    else:
        handler = None
    return state_update(target.state_cls, LiveView.of(snapshot).values() if target.live else {}, handler)


async def broadcast(snapshot: LiveSnapshot) -> None:
    """Send the snapshot to every phone of its event connected to this instance."""
    try:
        await _broadcast(snapshot)
    except Exception:
        logger.exception("live: broadcast of event %s failed", snapshot.event_id)


async def _broadcast(snapshot: LiveSnapshot) -> None:
    previous = _last_sent.get(snapshot.event_id)
    _last_sent[snapshot.event_id] = snapshot
    if not _targets:
        return
    namespace = _app().event_namespace
    if namespace is None:
        return
    for target in list(_targets):
        name = room(snapshot.event_id, target.state_cls)
        if _worth_sending(snapshot, previous, target):
            await namespace.emit("event", _update(snapshot, previous, target), room=name)
        if target.per_participant and snapshot.notify and target.notify_handler:
            reload_own = state_update(target.state_cls, {}, target.notify_handler)
            for participant_id in set(snapshot.notify):
                for sid in list(_members.get((name, f"participant:{participant_id}"), ())):
                    await namespace.emit("event", reload_own, to=sid)
        replanned = previous is not None and previous.schedule_version != snapshot.schedule_version
        if target.per_participant and replanned and snapshot.changed and target.handler:
            # Only the pages of the participants whose agenda changed fetch it again.
            reload = state_update(target.state_cls, {}, target.handler)
            for participant_id in snapshot.changed:
                for sid in list(_members.get((name, f"participant:{participant_id}"), ())):
                    await namespace.emit("event", reload, to=sid)


def _on_snapshot(snapshot: LiveSnapshot) -> None:
    """Bus listener: may be called from the event loop (API, states) or another thread (CLI in-process)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:
        loop.create_task(broadcast(snapshot))
    elif _loop is not None and not _loop.is_closed():
        asyncio.run_coroutine_threadsafe(broadcast(snapshot), _loop)


async def _redis_listener() -> None:
    import redis.asyncio as aioredis

    while True:
        try:
            client = aioredis.Redis.from_url(settings.redis_url())
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(bus.channel())
                REDIS_OUTAGE.ok()
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        bus.deliver(LiveSnapshot.from_json(message["data"]))
        except asyncio.CancelledError:
            raise
        except Exception as error:  # Redis away: the poll of the database carries the rounds meanwhile
            REDIS_OUTAGE.failed(error)
            await asyncio.sleep(1)


# --------------------------------------------------------------------------- how many sockets follow an event

INSTANCE = uuid.uuid4().hex  # this process, among the instances that share Redis
COUNT_FRESH_SECONDS = 10.0  # an instance's count older than this is gone (the instance with it)
_aioredis = None


def _redis():
    global _aioredis
    if _aioredis is None:
        import redis.asyncio as aioredis

        _aioredis = aioredis.Redis.from_url(settings.redis_url(), socket_timeout=2, socket_connect_timeout=2)
    return _aioredis


def _count_key(name: str) -> str:
    """The Redis hash of a room's socket counts (instance -> "count:time"), in this deployment's prefix."""
    return f"{settings.redis_prefix()}:sockets:{name}"


def _local_count(name: str) -> int:
    namespace = _app().event_namespace
    if namespace is None:
        return 0
    return len(namespace.server.manager.rooms.get(namespace.namespace, {}).get(name, {}))


async def connected(event_id: int, state_cls) -> int:
    """How many sockets of ``state_cls`` pages follow the event now, on every instance (with Redis, each
    instance's count is refreshed every poll; without it this process serves every socket)."""
    name = room(event_id, state_cls)
    count = _local_count(name)
    if not settings.redis_url():
        return count
    try:
        entries = await _redis().hgetall(_count_key(name))
    except Exception:  # Redis away: this instance's count at least
        return count
    now = time.time()
    for instance, value in entries.items():
        number, _, stamp = value.decode().partition(":")
        if instance.decode() != INSTANCE and now - float(stamp or 0) < COUNT_FRESH_SECONDS:
            count += int(number)
    return count


async def _share_counts() -> None:
    """With Redis: write this instance's socket count of every room it has (for ``connected``)."""
    if not settings.redis_url():
        return
    now = time.time()
    client = _redis()
    for event_id in list(_events_here):
        for target in _targets:
            name = room(event_id, target.state_cls)
            key = _count_key(name)
            await client.hset(key, INSTANCE, f"{_local_count(name)}:{now}")
            await client.expire(key, int(COUNT_FRESH_SECONDS * 3))


def _forget_departed() -> None:
    """Drop the sockets that left their rooms from the cap counts (and the groups left empty)."""
    namespace = _app().event_namespace
    if namespace is None:
        return
    rooms_now = namespace.server.manager.rooms.get(namespace.namespace, {})
    for key in list(_members):
        members = _members[key]
        members.intersection_update(rooms_now.get(key[0], {}))
        if not members:
            del _members[key]


async def _poll_database() -> None:
    while True:
        await asyncio.sleep(POLL_SECONDS)
        try:
            _forget_departed()
            await _share_counts()
        except Exception:
            logger.exception("live: could not prune or share the room counts")
        for event_id in list(_events_here):
            try:
                snapshot = await asyncio.to_thread(bus.load, event_id)
                DATABASE_OUTAGE.ok()
            except Exception as error:  # the database away: phones keep their round and countdown meanwhile
                DATABASE_OUTAGE.failed(error)
                continue
            if snapshot is None:
                _events_here.discard(event_id)
                continue
            last = _last_sent.get(event_id)
            if last is not None and _changed(last, snapshot):
                bus.deliver(snapshot)
            else:
                _last_sent.setdefault(event_id, snapshot)
                bus.remember(snapshot)  # keeps the cache warm: the live vars never read the database themselves


def _changed(old: LiveSnapshot, new: LiveSnapshot) -> bool:
    fields = ("phase", "round", "deadline_ms", "remaining_ms", "schedule_version", "revision", "partnerships",
              "announcement")
    return any(getattr(old, name) != getattr(new, name) for name in fields)


# With a thousand sockets a worker tracks ~350 000 objects and a full collection stalls the event loop for
# 200+ ms, which a round broadcast can hit (docs/benchmark-live.md): collect the young generation less often.
GC_THRESHOLDS = (50_000, 20, 100)


def look_up_the_redis_version_once() -> None:
    """redis-py announces its version on every connection it opens (``CLIENT SETINFO``) and reads it from the
    installed packages' metadata each time: 0.7 ms of CPU per connection on this project's 2-core host. Reflex's
    state and token managers open a connection per command in flight and keep them, ~1900 during a burst of 1000
    joins on one instance: 1.3 s of its CPU (docs/benchmark-live.md). The version does not change while the process
    runs: it is read once."""
    import redis.utils

    if not hasattr(redis.utils.get_lib_version, "cache_info"):
        redis.utils.get_lib_version = functools.cache(redis.utils.get_lib_version)


async def run_live_tasks() -> None:
    """Lifespan task of the app: listen to the bus (and Redis), and poll the database as a safety net."""
    global _loop
    _loop = asyncio.get_running_loop()
    gc.set_threshold(*GC_THRESHOLDS)
    look_up_the_redis_version_once()
    bus.listen(_on_snapshot)
    tasks = [asyncio.create_task(_poll_database())]
    if settings.redis_url():
        tasks.append(asyncio.create_task(_redis_listener()))
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
