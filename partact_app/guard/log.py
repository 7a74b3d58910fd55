"""Every refusal is logged once, with the client address and the reason; the log itself is rate-limited so that
a flood cannot fill the disk (at most ``LOG_RATE`` lines; the lines it drops are counted, and the count is logged
with the next line that gets through)."""

from __future__ import annotations

import logging
import threading

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

logger = logging.getLogger("partact.guard")

LOG_RATE = parse("60/minute")

_limiter = FixedWindowRateLimiter(MemoryStorage())
_lock = threading.Lock()
_dropped = 0


def refused(reason: str, client: str, detail: str = "") -> None:
    """Log that ``client`` was refused for ``reason`` (a short code such as ``rate:login``); never a secret."""
    global _dropped
    with _lock:
        if not _limiter.hit(LOG_RATE, "refusals"):
            _dropped += 1
            return
        dropped, _dropped = _dropped, 0
    suffix = f" ({dropped} earlier refusals not logged)" if dropped else ""
    logger.warning("refused %s from %s%s%s", reason, client, f": {detail[:200]}" if detail else "", suffix)
