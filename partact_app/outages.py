"""A dependency that fails (the database, Redis) is logged once when it starts failing, with the traceback, and
once when it answers again, not on every retry: an outage of a minute must not write thousands of lines.
"""

from __future__ import annotations

import logging
import threading
import time


class Outage:
    """``failed()`` on every failed attempt, ``ok()`` on every good one; ``down`` says whether it is failing."""

    def __init__(self, what: str, logger: logging.Logger) -> None:
        self.what = what
        self.logger = logger
        self.since: float | None = None
        self.failures = 0
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        return self.since is not None

    def failed(self, error: BaseException | None = None) -> None:
        with self._lock:
            self.failures += 1
            first = self.since is None
            if first:
                self.since = time.monotonic()
        if first:
            self.logger.error("%s unavailable: %s (logged once until it answers again)", self.what, error,
                              exc_info=error if error is not None else False)

    def ok(self) -> None:
        with self._lock:
            since, failures = self.since, self.failures
            self.since, self.failures = None, 0
        if since is not None:
            self.logger.warning("%s answers again after %.0f s (%d failed attempts)", self.what,
                                time.monotonic() - since, failures)
