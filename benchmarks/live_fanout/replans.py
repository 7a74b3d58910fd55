"""Another event's re-plans on the same instance while the measured event's rounds go out.

Issue 13 asks that one event's re-plan does not slow another's fan-out. A re-plan is an organiser's action on the
console (a no-show marked absent: the engine re-plans the rest of the event in a worker thread of the instance that
holds the console's socket), so it is driven here as the console does it: a websocket tab of
``/organiser/participants`` logged in by its session cookie marks one participant after the other absent, then
checked in again (two re-plans each), back to back for as long as the measured rounds last.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import math
import time
from dataclasses import dataclass, field

import httpx
from sqlmodel import select

from harness.phone import FrontendSchema, Phone
from partact_app.db import session_scope
from partact_app.models import Event, Participant

from .common import console_cookie, log, percentile

STATE_SUFFIX = "____console_participants_state"
REPLAN_TIMEOUT_S = 30.0


@dataclass
class ReplanLoad:
    """What the console did while the rounds went out."""

    slug: str
    participants: int
    done: int = 0  # re-plans answered on the console
    failed: int = 0  # refused or not answered within REPLAN_TIMEOUT_S
    seconds: list[float] = field(default_factory=list)  # each re-plan, from the click to the console's answer

    def summary(self) -> dict:
        return {
            "slug": self.slug, "participants": self.participants, "done": self.done, "failed": self.failed,
            "p50_s": percentile(self.seconds, 50), "max_s": max(self.seconds, default=math.nan),
        }


class ConsoleTab(Phone):
    """``/organiser/participants`` of one event, logged in by ``cookie`` (``common.console_cookie``): ``absent(id)``
    and ``back(id)`` each re-plan the event once, and return once the console has the answer."""

    def __init__(self, base_url: str, schema: FrontendSchema, cookie: str) -> None:
        super().__init__(base_url, "/organiser/participants", schema=schema, headers={"Cookie": cookie})
        self.state = schema.state(STATE_SUFFIX)
        self.answered: asyncio.Future | None = None
        self.loaded = asyncio.get_running_loop().create_future()

    def on_update(self, update: dict, at: float) -> None:
        super().on_update(update, at)
        own = (update.get("delta") or {}).get(self.state) or {}
        if own.get("loaded_rx_state_") and not self.loaded.done():
            self.loaded.set_result(True)
        if self.answered is None or self.answered.done():
            return
        if own.get("error_rx_state_"):
            self.answered.set_result(False)
        elif own.get("selected_id_rx_state_") == 0:  # the dialog closed: the re-plan's answer is on the console
            self.answered.set_result(True)

    async def _manage(self, participant_id: int, *events: tuple[str, dict]) -> bool:
        """Open the participant's manage dialog, send ``events``, close it; True once the console has the answer
        (the tab's events run one after the other, so the dialog's closing comes after them)."""
        self.answered = asyncio.get_running_loop().create_future()
        self.send_event(f"{self.state}.open_manage", {"participant_id": participant_id})
        for name, payload in events:
            self.send_event(f"{self.state}.{name}", payload)
        self.send_event(f"{self.state}.manage_open_change", {"is_open": False})
        with contextlib.suppress(asyncio.TimeoutError):
            return await asyncio.wait_for(self.answered, REPLAN_TIMEOUT_S)
        return False

    async def absent(self, participant_id: int) -> bool:
        """"Absent from now": a no-show's re-plan."""
        return await self._manage(participant_id, ("absent_now", {}))

    async def back(self, participant_id: int) -> bool:
        """Checked in after all: the participant is planned again from the next round (another re-plan)."""
        return await self._manage(participant_id, ("toggle_check_in", {"participant_id": participant_id,
                                                                        "present": True}))


def participant_ids(db_url: str, slug: str) -> list[int]:
    with session_scope(db_url) as session:
        event = session.exec(select(Event).where(Event.slug == slug)).one()
        return list(session.exec(
            select(Participant.id).where(Participant.event_id == event.id).order_by(Participant.id)
        ).all())


@contextlib.asynccontextmanager
async def replanning(base_url: str, schema: FrontendSchema, db_url: str, slug: str, key: str):
    """While inside: the console of ``slug`` on the instance at ``base_url`` marks its participants absent one
    after the other (each a re-plan). Yields the ``ReplanLoad`` it fills."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        # The event is live: its next round starts (round 1 in the first run, one more in each later run).
        started = await client.post(f"/api/events/{slug}/next-round", headers={"Authorization": f"Bearer {key}"})
        if started.status_code != 200:
            raise RuntimeError(f"{slug}: next-round answered {started.status_code} {started.text[:200]}")
    cookie = await asyncio.to_thread(console_cookie, base_url, key)
    ids = participant_ids(db_url, slug)
    load = ReplanLoad(slug, len(ids))
    tab = ConsoleTab(base_url, schema, cookie)
    await tab.connect()
    if not await tab.wait_hydrated(60):
        raise RuntimeError(f"console tab for {slug} not hydrated: {tab.error}")
    await asyncio.wait_for(tab.loaded, 60)

    async def loop() -> None:
        # One participant after the other is absent, then back: the event keeps its size whatever the run's length.
        for participant_id in itertools.cycle(ids):
            for action in (tab.absent, tab.back):
                began = time.perf_counter()
                if await action(participant_id):
                    load.done += 1
                    load.seconds.append(time.perf_counter() - began)
                else:
                    load.failed += 1

    task = asyncio.create_task(loop())
    try:
        # The measured rounds start once the re-plans are under way: the first one, which loads the engine, done.
        while not (load.done or load.failed or task.done()):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        yield load
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        tab.close()
        log(f"re-plans of {slug} meanwhile: {load.done} done, {load.failed} failed, "
            f"p50 {percentile(load.seconds, 50):.2f} s each")
