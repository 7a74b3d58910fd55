"""The engine's entry point for a process of its own (``services.engine_process`` runs it there).

``run`` calls ``make_schedule``, ``replan`` or ``schedule_quality`` and hands back plain Python only: ints,
floats, strings, ``results.Meeting``, ``results.Planned``, ``results.Quality``, ``results.ScheduleError``. The
process that receives the answer unpickles it without loading numpy, scipy or highspy.
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from typing import Any

from partact_app.core.schedule.results import Meeting, Planned, Quality, ScheduleError


def _plain(value: Any) -> Any:
    """numpy scalars (which have ``item()``) become Python numbers; containers are converted inside."""
    if isinstance(value, (bool, int, float, str)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    return value


def _meeting(m) -> Meeting:
    return Meeting(round=int(m.round), table=int(m.table), company=int(m.company), association=int(m.association),
                   score=int(m.score))


def watch_parent(parent: int, every: float = 1.0) -> None:
    """The process's initializer: end it when ``parent`` is gone (killed: nobody would stop this process then)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="engine-parent-watch", daemon=True).start()


def ready() -> bool:
    """Load the engine (a new process calls it first, so that the first schedule does not wait for the imports)."""
    from partact_app.core.schedule import engine, quality  # noqa: F401

    return True


def run(name: str, args: tuple, kwargs: dict) -> Planned | Quality:
    """``name`` is ``make_schedule``, ``replan`` or ``schedule_quality``, called with ``args`` and ``kwargs``."""
    from partact_app.core.schedule import engine, quality

    try:
        if name in ("make_schedule", "replan"):
            schedule = getattr(engine, name)(*args, **kwargs)
            return Planned(
                meetings=tuple(_meeting(m) for m in schedule.meetings),
                report=_plain(schedule.report.to_dict()),
                seated=schedule.seated,
            )
        if name == "schedule_quality":
            found = quality.schedule_quality(*args, **kwargs)
            return Quality(**{f.name: _plain(getattr(found, f.name)) for f in dataclasses.fields(found)})
    except ScheduleError as error:
        raise ScheduleError(error.code, str(error), **_plain(error.params)) from None
    raise ValueError(f"not an engine function: {name!r}")


def run_queued(name: str, args: tuple, kwargs: dict) -> Planned | Quality | ScheduleError:
    """``run`` as a job of ``partact engine-worker`` (``services.engine_queue``): the queue keeps a job's return
    value, not its exception, so a ``ScheduleError`` comes back as the value."""
    try:
        return run(name, args, kwargs)
    except ScheduleError as error:
        return error
