"""The schedule engine runs in a process of its own, next to the process that serves the phones.

Why: a schedule or a re-plan is the one CPU-heavy thing the app does (a no-show's re-plan of a 300-participant
event is ~0.2 s of numpy, scipy and HiGHS), and the process that asks for it also fans the rounds out to a
thousand phones. In the same process the engine competes with the event loop for the interpreter lock, and it
loads numpy, scipy and highspy (56 MB) into the instance for the rest of its life, plus what its arrays leave in
the heap (measured: an instance that re-planned 144 times during the rounds ended ~100 MB bigger;
docs/benchmark-live.md). A crash of the solver would take the phones' sockets with it.

So ``call`` sends the engine function's inputs (plain dataclasses) to a worker process of a
``ProcessPoolExecutor`` (the standard library's; spawned, not forked: the serving process has threads and an
event loop) and waits for the answer in the caller's thread (services run off the event loop).
``core.schedule.remote.run`` makes the answer plain Python, so the serving process never imports the engine.
The workers start on first use (``warm`` starts one ahead of time: a console page that can compute calls it)
and stop after ``IDLE_SECONDS`` without a computation, or within a second of the serving process's death
(``remote.watch_parent``: a killed instance leaves no engine behind). ``WORKERS`` is one: the process costs ~90 MB
(its interpreter and the engine's libraries), a second computation at once (``scheduling.MAX_GENERATIONS`` allows
two per process) waits for the first. A worker that died (killed,
out of memory) is replaced on the next call; the call that was running gets ``EngineUnavailable``.

A deployment on Redis can run the engine once for all its instances instead (``partact engine-worker``,
``make run-cluster`` starts it): ``call`` hands the computation to it first (``engine_queue``), and computes here
only when no engine worker takes it.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from partact_app.core.schedule import remote
from partact_app.services import engine_queue
from partact_app.services.errors import Conflict

WORKERS = 1  # one engine process: a second computation at once waits for the first (each takes well under 1 s)
IDLE_SECONDS = 600.0

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_running = 0
_idle_timer: threading.Timer | None = None


class EngineUnavailable(Conflict):
    """The engine's process died during the computation (nothing was stored); trying again starts a new one."""

    def __init__(self) -> None:
        super().__init__("engine_unavailable")


def _pool_locked() -> ProcessPoolExecutor:
    global _pool, _idle_timer
    if _idle_timer is not None:
        _idle_timer.cancel()
        _idle_timer = None
    if _pool is None:
        _pool = ProcessPoolExecutor(
            max_workers=WORKERS, mp_context=multiprocessing.get_context("spawn"),
            initializer=remote.watch_parent, initargs=(os.getpid(),),
        )
    return _pool


def _stop_if_idle() -> None:
    global _pool, _idle_timer
    with _lock:
        if _running or _pool is None:
            return
        pool, _pool, _idle_timer = _pool, None, None
    pool.shutdown(wait=False)


def _done_locked() -> None:
    global _running, _idle_timer
    _running -= 1
    if _running == 0 and _pool is not None and _idle_timer is None:
        _idle_timer = threading.Timer(IDLE_SECONDS, _stop_if_idle)
        _idle_timer.daemon = True
        _idle_timer.start()


def _submit(fn, *args) -> tuple[ProcessPoolExecutor, Future]:
    global _pool, _running
    with _lock:
        pool = _pool_locked()
        try:
            future = pool.submit(fn, *args)
        except BrokenProcessPool:  # its process died while idle (a pool out of use is never ``_pool``)
            _pool = None
            pool.shutdown(wait=False)
            pool = _pool_locked()
            future = pool.submit(fn, *args)
        _running += 1
    return pool, future


def call(name: str, *args, **kwargs):
    """``core.schedule.<name>(*args, **kwargs)`` (``make_schedule``, ``replan``, ``schedule_quality``) by the
    deployment's engine worker when one listens (``engine_queue``), else in this process's engine process; its
    ``ScheduleError`` is raised here as it was there."""
    global _pool
    try:
        return engine_queue.call(name, args, kwargs)
    except engine_queue.NotListening:
        pass
    pool, future = _submit(remote.run, name, args, kwargs)
    try:
        return future.result()
    except BrokenProcessPool as error:
        with _lock:
            if _pool is pool:
                _pool = None
        pool.shutdown(wait=False)
        raise EngineUnavailable() from error
    finally:
        with _lock:
            _done_locked()


def warm() -> None:
    """Start a worker and load the engine in it now, without waiting (the first computation then starts at once).
    Nothing to do when the deployment's engine worker listens: it has the engine loaded."""
    with _lock:
        if _pool is not None:
            return
    if engine_queue.listening():
        return
    _, future = _submit(remote.ready)

    def finished(_future: Future) -> None:
        with _lock:
            _done_locked()

    future.add_done_callback(finished)


def shutdown() -> None:
    """Stop the workers (tests; the interpreter's exit does it too)."""
    global _pool, _idle_timer
    with _lock:
        pool, _pool = _pool, None
        if _idle_timer is not None:
            _idle_timer.cancel()
            _idle_timer = None
    if pool is not None:
        pool.shutdown(wait=True)
