"""Hand the memory a burst freed back to the machine, once the burst is over.

A thousand phones joining at the doors allocate a lot for a few seconds (every join reads, pickles and writes its
states, a socket's buffers, the Redis replies) and free most of it a moment later. Python returns its own small-object
arenas when they empty, but what went through the C allocator (glibc's ``malloc``: every object over 512 bytes,
the pickles, the JSON of the updates) stays in the process as free chunks between live ones: an instance that
served a burst of 1000 joins kept ~15 MB more than it used (docs/benchmark-live.md). glibc's ``malloc_trim(0)``
gives those free pages back (``madvise``), without moving any object.

``settle()`` is called by what allocates in bursts (a join, a broadcast); the trim runs once nothing called it for
``QUIET_SECONDS``, in a thread (it walks the whole heap: ~10-20 ms at 500 MB). Where the C library has no
``malloc_trim`` (musl, macOS) nothing is done.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import logging

logger = logging.getLogger(__name__)

QUIET_SECONDS = 1.0


def _find_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


_malloc_trim = _find_trim()
_pending: asyncio.TimerHandle | None = None
_running: set[asyncio.Task] = set()  # the loop keeps only weak references to its tasks


def available() -> bool:
    """Whether this C library can give freed memory back (glibc)."""
    return _malloc_trim is not None


def trim() -> bool:
    """Give the free pages of the C heap back now (blocking: call it off the event loop). True when some were."""
    if _malloc_trim is None:
        return False
    return bool(_malloc_trim(0))


def settle() -> None:
    """Something allocated a lot: trim once the process has been quiet for ``QUIET_SECONDS`` (call on the loop)."""
    global _pending
    if _malloc_trim is None:
        return
    if _pending is not None:
        _pending.cancel()
    _pending = asyncio.get_running_loop().call_later(QUIET_SECONDS, _start)


def _start() -> None:
    global _pending
    _pending = None
    task = asyncio.get_running_loop().create_task(_trim_off_loop())
    _running.add(task)
    task.add_done_callback(_running.discard)


async def _trim_off_loop() -> None:
    try:
        await asyncio.to_thread(trim)
    except Exception:  # never worth more than a line: the memory stays where it was
        logger.exception("heap: malloc_trim failed")
