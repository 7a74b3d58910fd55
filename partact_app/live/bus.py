"""The live bus: snapshots of an event's live fields, a per-process cache, and the fan-out between processes.

No Reflex here: the services publish, the Reflex side (``live.rooms``) listens. Without Redis a snapshot goes
to the listeners of this process (one backend process serves every phone). With ``REFLEX_REDIS_URL`` it is
published on a Redis channel that every backend instance subscribes to, so the phones connected to any
instance hear it; the CLI publishes there too.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

logger = logging.getLogger(__name__)

CHANNEL = "partact:live"
CACHE_SECONDS = 2.0  # a snapshot older than this is read again from the database


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

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str | bytes) -> LiveSnapshot:
        return cls(**json.loads(text))


Listener = Callable[[LiveSnapshot], None]

_lock = threading.Lock()
_cache: dict[int, tuple[float, LiveSnapshot]] = {}
_listeners: list[Listener] = []
_redis = None


def redis_url() -> str:
    return os.environ.get("REFLEX_REDIS_URL", "").strip()


def remember(snapshot: LiveSnapshot) -> None:
    with _lock:
        _cache[snapshot.event_id] = (time.monotonic(), snapshot)


def cached(event_id: int, load: Callable[[int], LiveSnapshot | None]) -> LiveSnapshot | None:
    """The event's snapshot from this process's cache, read again through ``load`` when older than a moment."""
    with _lock:
        entry = _cache.get(event_id)
    if entry is not None and time.monotonic() - entry[0] < CACHE_SECONDS:
        return entry[1]
    snapshot = load(event_id)
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

        _redis = redis.Redis.from_url(redis_url(), socket_timeout=2, socket_connect_timeout=2)
    return _redis


def publish(snapshot: LiveSnapshot) -> None:
    """Tell every phone of the event, in this process and (with Redis) on every instance."""
    remember(snapshot)
    if redis_url():
        try:
            _client().publish(CHANNEL, snapshot.to_json())
            return
        except Exception:  # Redis down: this instance's phones still hear it; the others catch up by polling
            logger.exception("could not publish on Redis; delivering locally")
    deliver(snapshot)
