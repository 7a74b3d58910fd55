"""The live bus over the real Redis: a snapshot published by one process reaches every subscribed instance."""

from __future__ import annotations

import time

import pytest
import redis

from partact_app.broadcast import bus
from partact_app.broadcast.bus import LiveSnapshot

REDIS_URL = "redis://127.0.0.1:6379/0"


@pytest.fixture
def redis_bus(monkeypatch):
    monkeypatch.setenv("REFLEX_REDIS_URL", REDIS_URL)
    monkeypatch.setattr(bus, "_redis", None)
    yield
    bus._redis = None


def test_publish_goes_through_the_redis_channel_not_to_local_listeners(redis_bus):
    heard: list = []
    bus.listen(heard.append)
    subscriber = redis.Redis.from_url(REDIS_URL).pubsub()
    try:
        subscriber.subscribe(bus.channel())
        assert subscriber.get_message(timeout=5)["type"] == "subscribe"
        snapshot = LiveSnapshot(event_id=7, phase="running", round=3, rounds=10, deadline_ms=123, remaining_ms=0,
                                round_ms=360_000, schedule_version=4)
        bus.publish(snapshot)
        deadline = time.monotonic() + 5
        message = None
        while message is None and time.monotonic() < deadline:
            message = subscriber.get_message(ignore_subscribe_messages=True, timeout=1)
        assert message is not None
        assert LiveSnapshot.from_json(message["data"]) == snapshot
        # Every instance (this one included) hears it from Redis, so it is not delivered locally twice.
        assert heard == []
        assert bus.cached(7) == snapshot
    finally:
        subscriber.close()
        bus._listeners.remove(heard.append)
        bus.forget(7)


def test_without_redis_the_listeners_of_this_process_hear_it(monkeypatch):
    monkeypatch.delenv("REFLEX_REDIS_URL", raising=False)
    heard: list = []
    bus.listen(heard.append)
    try:
        snapshot = LiveSnapshot(event_id=8, phase="paused", round=1, rounds=3, deadline_ms=0, remaining_ms=5000,
                                round_ms=60_000, schedule_version=1)
        bus.publish(snapshot)
        assert heard == [snapshot]
    finally:
        bus._listeners.remove(heard.append)
        bus.forget(8)
