"""The Reflex side of the live path: one socket.io room per event on each backend instance.

A phone's page joins its event's room when it loads (and again on every reconnect, since the hydrate that a
reconnect sends runs on_load again). A live change is sent to the room as ONE delta that is the same for every
phone of the event: the live fields (phase, round, deadline, schedule version, server clock). The per-phone
parts (which table in which round) are already on the phone, in its agenda, and the page picks the row of
the current round in the browser. So an advance costs one socket.io room emit per instance, not a state
round-trip per phone.

The server-side copy of each phone's state never goes stale: the live fields are computed vars
(``cache=False``) read from this process's snapshot cache, never stored per phone. A hydrate therefore always
sends the present live state.

Three sources feed the rooms: the in-process bus (an action in this process without Redis), the Redis
channel (an action in any process, with Redis), and a slow poll of the database for the events that have
phones here (a change made by a CLI without Redis, or a message lost while Redis was away).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time

from partact_app.live import bus
from partact_app.live.bus import LiveSnapshot

logger = logging.getLogger(__name__)

POLL_SECONDS = 2.0

_targets: list = []  # (state class, reload handler name) registered by the states that follow an event
_last_sent: dict[int, LiveSnapshot] = {}
_events_here: set[int] = set()
_loop: asyncio.AbstractEventLoop | None = None


def room(event_id: int, state_cls) -> str:
    """One room per event and per following state (phones, consoles, big screens get their own deltas)."""
    return f"partact-{event_id}-{state_cls.get_name()}"


def follow(state_cls, reload_handler: str | None = None) -> None:
    """Register a state whose live fields are broadcast (its computed vars named as in ``live_fields``)."""
    if all(existing[0] is not state_cls for existing in _targets):
        _targets.append((state_cls, reload_handler))


def live_fields(snapshot: LiveSnapshot | None) -> dict[str, object]:
    """The live vars every following state exposes; computed vars and broadcasts both use this."""
    if snapshot is None:
        return {
            "phase": "",
            "current_round": 0,
            "total_rounds": 0,
            "deadline_ms": 0,
            "remaining_ms": 0,
            "round_ms": 0,
            "schedule_version": 0,
            "server_ms": int(time.time() * 1000),
        }
    return {
        "phase": snapshot.phase,
        "current_round": snapshot.round,
        "total_rounds": snapshot.rounds,
        "deadline_ms": snapshot.deadline_ms,
        "remaining_ms": snapshot.remaining_ms,
        "round_ms": snapshot.round_ms,
        "schedule_version": snapshot.schedule_version,
        "server_ms": int(time.time() * 1000),
    }


def _app():
    from reflex.utils.prerequisites import get_and_validate_app

    return get_and_validate_app().app


async def join(sid: str, event_id: int, state_cls) -> None:
    """Put this socket in its event's room for ``state_cls`` (on the instance that owns the socket)."""
    if not sid or not event_id:
        return
    namespace = _app().event_namespace
    if namespace is None:
        return
    await namespace.enter_room(sid, room(event_id, state_cls))
    _events_here.add(event_id)
    if event_id not in _last_sent:
        # What this phone was just sent: the next broadcast compares its schedule version with it, so a re-plan
        # made before this instance broadcast anything for the event still makes the phones reload.
        snapshot = bus.cached(event_id, load_snapshot)
        if snapshot is not None:
            _last_sent.setdefault(event_id, snapshot)


def load_snapshot(event_id: int) -> LiveSnapshot | None:
    """The event's live snapshot, read from the database."""
    from partact_app.db import session_scope
    from partact_app.services import live

    with session_scope() as session:
        return live.load_snapshot(session, event_id)


def _update(snapshot: LiveSnapshot, previous: LiveSnapshot | None, state_cls, handler: str | None) -> dict:
    """The delta for one following state: its live vars, and a reload event when the schedule changed."""
    from reflex.event import Event

    fields = {f"{name}_rx_state_": value for name, value in live_fields(snapshot).items()}
    update: dict = {"delta": {state_cls.get_full_name(): fields}}
    if handler and previous is not None and previous.schedule_version != snapshot.schedule_version:
        update["events"] = [Event(name=f"{state_cls.get_full_name()}.{handler}", payload={})]
    return update


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
    for state_cls, handler in list(_targets):
        await namespace.emit(
            "event", _update(snapshot, previous, state_cls, handler), room=room(snapshot.event_id, state_cls)
        )


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
            client = aioredis.Redis.from_url(bus.redis_url())
            async with client.pubsub() as pubsub:
                await pubsub.subscribe(bus.CHANNEL)
                async for message in pubsub.listen():
                    if message.get("type") == "message":
                        bus.deliver(LiveSnapshot.from_json(message["data"]))
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("live: Redis subscription lost; retrying")
            await asyncio.sleep(1)


async def _poll_database() -> None:
    while True:
        await asyncio.sleep(POLL_SECONDS)
        for event_id in list(_events_here):
            try:
                snapshot = load_snapshot(event_id)
            except Exception:
                logger.exception("live: could not read event %s", event_id)
                continue
            if snapshot is None:
                _events_here.discard(event_id)
                continue
            last = _last_sent.get(event_id)
            if last is None:
                _last_sent[event_id] = snapshot
                bus.remember(snapshot)
            elif _changed(last, snapshot):
                bus.deliver(snapshot)


def _changed(old: LiveSnapshot, new: LiveSnapshot) -> bool:
    return (old.phase, old.round, old.deadline_ms, old.remaining_ms, old.schedule_version) != (
        new.phase,
        new.round,
        new.deadline_ms,
        new.remaining_ms,
        new.schedule_version,
    )


# With a thousand sockets a worker tracks ~350 000 objects and a full collection stalls the event loop for
# 200+ ms, which a round broadcast can hit (docs/benchmark-live.md): collect the young generation less often.
GC_THRESHOLDS = (50_000, 20, 100)


async def run_live_tasks() -> None:
    """Lifespan task of the app: listen to the bus (and Redis), and poll the database as a safety net."""
    global _loop
    _loop = asyncio.get_running_loop()
    gc.set_threshold(*GC_THRESHOLDS)
    bus.listen(_on_snapshot)
    tasks = [asyncio.create_task(_poll_database())]
    if bus.redis_url():
        tasks.append(asyncio.create_task(_redis_listener()))
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
