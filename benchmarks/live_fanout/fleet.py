"""The phones of a run, in this process or spread over worker processes.

With 2000 phones the client side costs CPU too: one asyncio process handles every frame of a fan-out one after the
other, so the last phones' arrival stamps wait for the client, not for the server. ``ProcessFleet`` runs the phones
in ``processes`` worker processes (``multiprocessing``, spawn), each an event loop with its share of the phones, and
the measuring process only sends commands and merges the answers. Arrival stamps are ``time.perf_counter()``, i.e.
``CLOCK_MONOTONIC`` on Linux: one clock for every process of the machine, so the stamps of all workers compare with
the API call's start in the measuring process.

``LocalFleet`` (the default, ``--phone-processes 0``) keeps the phones in the measuring process, as before.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from multiprocessing.connection import Connection

from harness.phone import wait_until

from .common import self_cpu
from .load import LoadRun, Target


class FleetCore:
    """The phones of one process and the commands they answer (the same in the measuring process and in a worker)."""

    def __init__(self, target: Target, base_url: str) -> None:
        self.target = target
        self.run = LoadRun(target, base_url)

    def hydrated(self) -> list:
        return [p for p in self.run.phones if p.hydrated_at is not None]

    async def open(self, tokens: list[str], timeout: float, concurrency: int) -> dict:
        await self.run.open_phones(tokens, timeout, concurrency)
        phones = self.run.phones
        return {
            "started": [p.started_at for p in phones if p.hydrated_at is not None],
            "hydrated": [p.hydrated_at for p in phones if p.hydrated_at is not None],
            "frames": sum(p.frames for p in phones),
            "phones": len(phones),
            "last_frame": self.run.last_frame(),
            "errors": sorted({p.error for p in phones if p.error})[:5],
        }

    async def round(self, expected: int, deadline: float) -> list[float]:
        """Wait (until ``deadline``, perf_counter) for round ``expected`` on every hydrated phone; its arrivals."""
        phones = self.hydrated()
        await wait_until(lambda: all(expected in p.rounds for p in phones), timeout=deadline - time.perf_counter())
        return [p.rounds[expected] for p in phones if expected in p.rounds]

    async def frames(self) -> list[int]:
        return [p.frames for p in self.hydrated()]

    async def send(self, name: str, payload: dict) -> None:
        self.hydrated()[0].send_event(name, payload)

    async def lost(self) -> tuple[int, str | None]:
        lost = [p for p in self.hydrated() if p.closed or p.error]
        return len(lost), (lost[0].error if lost else None)

    async def cpu(self) -> float:
        return self_cpu()

    async def close(self) -> None:
        self.run.close()


class LocalFleet:
    """The phones in this process (one event loop)."""

    processes = 0

    def __init__(self, target: Target, base_url: str) -> None:
        self.target = target
        self.cores = [FleetCore(target, base_url)]

    async def call(self, index: int, command: str, *args):
        return await getattr(self.cores[index], command)(*args)

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        await self.cores[0].close()


def _worker(conn: Connection, target: Target, base_url: str) -> None:
    """A worker process: answers the measuring process's commands until ``close``."""

    async def serve() -> None:
        core = FleetCore(target, base_url)
        loop = asyncio.get_running_loop()
        while True:
            command, args = await loop.run_in_executor(None, conn.recv)
            try:
                answer = await getattr(core, command)(*args)
            except Exception as error:  # the measuring process reports it
                answer = RuntimeError(f"{command}: {type(error).__name__}: {error}")
            conn.send(answer)
            if command == "close":
                return

    asyncio.run(serve())


class ProcessFleet:
    """The phones split over ``processes`` worker processes."""

    def __init__(self, target: Target, base_url: str, processes: int) -> None:
        self.processes = processes
        self.target = target
        self.base_url = base_url
        self.conns: list[Connection] = []
        self.workers: list = []
        self.cores = range(processes)

    async def start(self) -> None:
        context = multiprocessing.get_context("spawn")
        for _ in range(self.processes):
            mine, theirs = context.Pipe()
            worker = context.Process(target=_worker, args=(theirs, self.target, self.base_url), daemon=True)
            worker.start()
            self.conns.append(mine)
            self.workers.append(worker)

    async def call(self, index: int, command: str, *args):
        conn = self.conns[index]

        def exchange():
            conn.send((command, args))
            return conn.recv()

        answer = await asyncio.to_thread(exchange)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def stop(self) -> None:
        for index in range(len(self.conns)):
            try:
                await asyncio.wait_for(self.call(index, "close"), 30)
            except Exception:  # noqa: BLE001  (a worker that is gone: terminated below)
                pass
        for worker in self.workers:
            worker.join(5)
            if worker.is_alive():
                worker.terminate()
        self.conns.clear()
        self.workers.clear()


async def everywhere(fleet, command: str, args=lambda index: ()) -> list:
    """``command`` on every core of the fleet at once, with ``args(index)`` as the arguments of core ``index``."""
    return await asyncio.gather(*(fleet.call(i, command, *args(i)) for i in range(len(fleet.cores))))


def make_fleet(target: Target, base_url: str, processes: int):
    return ProcessFleet(target, base_url, processes) if processes > 0 else LocalFleet(target, base_url)
