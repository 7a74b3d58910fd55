"""Errors reported by the browser: Reflex's built-in ``handle_frontend_exception`` handler, made safe.

Any client may call that handler with an ``info`` string of its choosing. Reflex 0.10 matches ``info`` against
its ``auto_reload_on_errors`` patterns on the event loop; two of them nest ``.*`` and backtrack in cubic time (a
32 KB ``info`` stalled every other client for 6 s). ``AUTO_RELOAD_PATTERNS`` are the same four patterns with every
``.*`` bounded to ``MAX_PART`` characters of one line, so a match costs at most ``MAX_PART`` steps per position:
linear in ``info``, whose size the guard caps with the websocket frame (``guard.asgi.MAX_FRAME``). The upstream
report is in docs/security.md.

``log_frontend_exception`` replaces Reflex's default logger of these reports: truncated, and rate-limited with the
other refusals, so a flood of reports cannot fill the disk.
"""

from __future__ import annotations

import logging
import re

from partact_app.guard import log

MAX_PART = 200
MAX_LOGGED = 500

_PROPERTY = re.escape("TypeError: can't access property \"")
_PART = rf"[^\"\n]{{0,{MAX_PART}}}"
AUTO_RELOAD_PATTERNS: list[re.Pattern] = [
    re.compile(re.escape("TypeError: Cannot read properties of null")),  # Chrome/Edge
    re.compile(re.escape("TypeError: null is not an object")),  # Safari
    re.compile(_PROPERTY + _PART + re.escape('" of null')),  # Firefox
    re.compile(_PROPERTY + _PART + re.escape('", ') + rf"[^\n]{{0,{MAX_PART}}}" + re.escape(" is null")),  # Firefox
]

logger = logging.getLogger("partact.frontend")


def log_frontend_exception(exception: Exception) -> None:
    """Log a browser's error report (truncated; at most ``guard.log.LOG_RATE`` lines with the refusals)."""
    text = str(exception)
    if len(text) > MAX_LOGGED:
        text = text[:MAX_LOGGED] + f"... ({len(str(exception))} characters)"
    log.refused("frontend-error-report", "a browser", text)
