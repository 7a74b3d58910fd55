"""Helpers for the attacks: raw websocket phones (``harness.phone``) and HTTP against the session's served build.

Every attack comes from a client address of its own (``X-Forwarded-For``, one trusted hop in the served app), so
the per-client limits it spends never touch the other tests, which come from 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import itertools
import secrets
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlmodel import select

from harness.phone import FrontendSchema, Phone, wait_until
from harness.served import REPO
from partact_app.db import session_scope
from partact_app.models import Participant

FRONTEND_EXCEPTION = (
    "reflex___state____state.reflex___state____frontend_event_exception_state.handle_frontend_exception"
)
_addresses = itertools.count(1)


def new_address() -> str:
    """A client address no other test uses (10.x.y.z)."""
    n = next(_addresses) + secrets.randbelow(1000) * 1000
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def run(coroutine):
    """``asyncio.run`` in a thread of its own (Playwright's sync API may hold this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@pytest.fixture(scope="session")
def schema() -> FrontendSchema:
    return FrontendSchema.read(REPO)


def tokens(app, count: int = 3) -> list[str]:
    with session_scope(app.db_url) as session:
        return list(session.exec(select(Participant.token).order_by(Participant.id).limit(count)).all())


class Probe(Phone):
    """A hydrated participant page that measures its own round-trip: a language switch and the answer to it."""

    async def round_trip(self, schema: FrontendSchema, timeout: float = 10.0) -> float:
        before = self.frames
        lang = secrets.choice(["en", "de", "fr"])
        started = time.perf_counter()
        self.send_event(f"{schema.state('____language_state')}.choose", {"lang": lang})
        if not await wait_until(lambda: self.frames > before, timeout, interval=0.001):
            return timeout
        return time.perf_counter() - started

    async def round_trips(self, schema: FrontendSchema, count: int, gap: float = 0.02) -> list[float]:
        times = []
        for _ in range(count):
            times.append(await self.round_trip(schema))
            await asyncio.sleep(gap)
        return times


async def open_phone(app, schema, path: str, *, address: str | None = None, cls=Phone, **options) -> Phone:
    phone = cls(app.base_url, path, schema=schema, headers={"X-Forwarded-For": address or new_address()},
                **options)
    await phone.connect()
    assert await phone.wait_hydrated(20), phone.error
    return phone


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else max(values)
