"""The live bus: snapshots of an event's live state, a per-process cache, and the fan-out between processes.

No Reflex and nothing of the services here: the services *publish* a snapshot after their transaction commits
(the signal), the Reflex side (``broadcast.rooms``) *listens*. The bus never calls back into a service: reading a
snapshot from the database is a *loader* that the app module hands over at start-up (``use_loader``).

Without Redis a snapshot goes to the listeners of this process (one backend process serves every phone). With
``REFLEX_REDIS_URL`` it is published on a Redis channel that every backend instance subscribes to, so the phones
connected to any instance hear it; the CLI publishes there too.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import typing
from collections.abc import Callable
from dataclasses import asdict, dataclass

from partact_app import settings
from partact_app.outages import Outage

logger = logging.getLogger(__name__)
PUBLISH_OUTAGE = Outage("live: publishing on Redis", logger)
LOAD_OUTAGE = Outage("live: reading a snapshot from the database", logger)


def channel() -> str:
    """The Redis pub/sub channel of this deployment's snapshots (``settings.redis_prefix()`` + ``:live``)."""
    return f"{settings.redis_prefix()}:live"

# A snapshot older than this is read again through the loader. The rooms' poll refreshes the snapshot of every
# event with sockets here every 2 s, so the live vars of a page (computed on the event loop) find it in memory.
CACHE_SECONDS = 5.0


@dataclass(frozen=True)
class LiveSnapshot:
    """What every phone of an event must agree on. Times are epoch milliseconds (server clock)."""

    event_id: int
    phase: str
    round: int
    rounds: int
    deadline_ms: int  # end of the running round; 0 when none
    remaining_ms: int  # time left while paused
    round_ms: int
    schedule_version: int
    revision: int = 0  # bumped by every change an organiser's console shows (consoles reload their lists)
    partnerships: int = 0  # recorded matches: the big screen's counter
    announcement: str = ""  # shown on the big screen and on every phone until cleared
    # The participants whose agenda changed with this schedule version (a re-plan): only their phones reload.
    # None: everybody's may have changed (a new schedule, an import, a version read back from the database).
    changed: tuple[int, ...] | None = None
    # The participants whose own page data changed (a match, a follow-up): only their pages reload it.
    notify: tuple[int, ...] = ()

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> LiveSnapshot:
        fields = json.loads(text)
        if fields.get("changed") is not None:
            fields["changed"] = tuple(fields["changed"])
        fields["notify"] = tuple(fields.get("notify") or ())
        return cls(**fields)


@dataclass(frozen=True)
class LiveView:
    """The live fields as every page shows them: THE list of their names and types.

    The Reflex states expose one computed var per field (``states.live_fields``) and the broadcast sends the same
    names (``broadcast.rooms``); both are derived from this class, so a field is added here and nowhere else.
    """

    phase: str = ""
    current_round: int = 0
    total_rounds: int = 0
    deadline_ms: int = 0
    remaining_ms: int = 0
    round_ms: int = 0
    schedule_version: int = 0
    server_ms: int = 0  # the server's clock when sent: phones correct their own clock with it
    partnerships: int = 0
    announcement: str = ""

    @classmethod
    def of(cls, snapshot: LiveSnapshot | None) -> LiveView:
        if snapshot is None:
            # No event, no clock to correct: the defaults stay the defaults, so a page's compiled initial state
            # matches the server's and a hydrate sends only what differs from it (Reflex compares their hashes).
            return cls()
        return cls(
            phase=snapshot.phase,
            current_round=snapshot.round,
            total_rounds=snapshot.rounds,
            deadline_ms=snapshot.deadline_ms,
            remaining_ms=snapshot.remaining_ms,
            round_ms=snapshot.round_ms,
            schedule_version=snapshot.schedule_version,
            server_ms=int(time.time() * 1000),
            partnerships=snapshot.partnerships,
            announcement=snapshot.announcement,
        )

    def values(self) -> dict[str, object]:
        return asdict(self)


# The names and types of the live fields, in order: what the states expose and the broadcast sends.
LIVE_FIELDS: dict[str, type] = typing.get_type_hints(LiveView)

Listener = Callable[[LiveSnapshot], None]
Loader = Callable[[int], "LiveSnapshot | None"]

_lock = threading.Lock()
_cache: dict[int, tuple[float, LiveSnapshot]] = {}
_listeners: list[Listener] = []
_loader: Loader | None = None
_redis = None


def use_loader(loader: Loader) -> None:
    """How this process reads an event's snapshot from the database (set once by the app module)."""
    global _loader
    _loader = loader


def load(event_id: int) -> LiveSnapshot | None:
    """The event's snapshot read afresh through the loader (None without a loader or for an unknown event)."""
    if _loader is None:
        return None
    return _loader(event_id)


def remember(snapshot: LiveSnapshot) -> None:
    with _lock:
        _cache[snapshot.event_id] = (time.monotonic(), snapshot)


def cached(event_id: int) -> LiveSnapshot | None:
    """The event's snapshot from this process's cache, read again through the loader when older than a moment.

    When the database does not answer, the last snapshot known here is the answer (the pages' live fields never
    fail because of an outage: phones keep their round and countdown), and the outage is logged once."""
    with _lock:
        entry = _cache.get(event_id)
    if entry is not None and time.monotonic() - entry[0] < CACHE_SECONDS:
        return entry[1]
    try:
        snapshot = load(event_id)
    except Exception as error:  # noqa: BLE001 - any failure of the database: keep what we know
        LOAD_OUTAGE.failed(error)
        return entry[1] if entry is not None else None
    LOAD_OUTAGE.ok()
    if snapshot is not None:
        remember(snapshot)
    return snapshot


def forget(event_id: int | None = None) -> None:
    with _lock:
        if event_id is None:
            _cache.clear()
        else:
            _cache.pop(event_id, None)


def listen(listener: Listener) -> None:
    """Call ``listener`` with every snapshot published in this process (no Redis) or on the channel (Redis)."""
    with _lock:
        if listener not in _listeners:
            _listeners.append(listener)


def deliver(snapshot: LiveSnapshot) -> None:
    """Hand a snapshot to this process's listeners (the Redis subscriber calls this for every message)."""
    remember(snapshot)
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        try:
            listener(snapshot)
        except Exception:  # one broken listener must not stop the others
            logger.exception("live listener failed")


def _client():
    global _redis
    if _redis is None:
        import redis

        _redis = redis.Redis.from_url(settings.redis_url(), socket_timeout=2, socket_connect_timeout=2)
    return _redis


def redis_ok() -> bool:
    """Whether Redis answers a ping (True without Redis: there is nothing to miss)."""
    if not settings.redis_url():
        return True
    try:
        return bool(_client().ping())
    except Exception:  # noqa: BLE001
        return False


def publish(snapshot: LiveSnapshot) -> None:
    """Tell every phone of the event, in this process and (with Redis) on every instance."""
    remember(snapshot)
    if settings.redis_url():
        try:
            _client().publish(channel(), snapshot.to_json())
        except Exception as error:  # Redis down: this instance's phones still hear it; the others catch up by polling
            PUBLISH_OUTAGE.failed(error)
        else:
            PUBLISH_OUTAGE.ok()
            return
    deliver(snapshot)
