"""The server's clock for the rooms: every second, the events whose automatic advance is due move on.

A lifespan task of the app (registered in ``partact_app.py``). Each backend instance ticks; the move itself is a
compare-and-set in ``services.rounds.advance_if_due``, so several instances advance an event once. The database
work runs in a worker thread, off the event loop; the snapshots are published after the commit as by any live
action, and reach every phone of the event.
"""

from __future__ import annotations

import asyncio
import logging

from partact_app.db import session_scope
from partact_app.outages import Outage
from partact_app.services import rounds

logger = logging.getLogger(__name__)
OUTAGE = Outage("ticker: the database", logger)

TICK_SECONDS = 1.0


def tick() -> int:
    """One tick: advance every due event; returns how many moved."""
    with session_scope() as session:
        return len(rounds.advance_due_events(session))


async def run_ticker() -> None:
    while True:
        await asyncio.sleep(TICK_SECONDS)
        try:
            await asyncio.to_thread(tick)
            OUTAGE.ok()
        except Exception as error:  # a database outage must not stop the clock
            OUTAGE.failed(error)
