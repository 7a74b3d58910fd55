"""Per-client rate limits, with the maintained ``limits`` library (moving windows).

Every rule is named here with its value; docs/security.md says why each value. The attempts that can only be
told apart after some work (a wrong key, an unknown token) are counted when they fail, and a client whose budget
is spent is refused *before* any work, with the seconds to wait (HTTP 429 with ``Retry-After``; a message on the
page). With ``REFLEX_REDIS_URL`` the counters live in Redis, so they hold across every backend instance; without
it, in this process. When Redis is unreachable the limits fail open (serving the room matters more than counting)
and say so in the log.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from partact_app import settings

logger = logging.getLogger("partact.guard")

# name -> limit. Keys are the rule's name plus the identifiers (client address, event slug...).
RULES: dict[str, RateLimitItem] = {
    # Console logins with a wrong key, per client address, and for the whole login endpoint (the key alone
    # finds the event, so a wrong key names no event: the endpoint-wide budget protects every event at once).
    "login:client": parse("10/minute"),
    "login:all": parse("120/minute"),
    # API calls with a wrong key, per client address and per event (the slug is in the URL).
    "api-key:client": parse("20/minute"),
    "api-key:event": parse("60/minute"),
    # Participant pages asked with a token that does not exist, per client address (a venue's wifi puts hundreds
    # of phones behind one address, but a phone never has an unknown token unless its link was mistyped).
    "token:client": parse("30/minute"),
    # Events created from the console's login view (no key needed), per client address: counted when one is
    # created. An organiser creates one or two; the cap bounds the rows and key hashes one address can cause.
    "event-create:client": parse("10/hour"),
}

# The connections to Redis the limits of one process use at most, and how long a check waits for one of them
# (then it fails open, like any other Redis error).
REDIS_CONNECTIONS = 32
REDIS_WAIT_SECONDS = 5.0

_storage: Storage | None = None
_limiter: MovingWindowRateLimiter | None = None
_warned_at = 0.0


def _rate_limiter() -> MovingWindowRateLimiter:
    global _storage, _limiter
    if _limiter is None:
        url = settings.redis_url()
        if url:
            from redis.asyncio import BlockingConnectionPool

            # A bounded pool: a check waits for one of these connections rather than opening its own (a burst
            # of a thousand phone joins left ~one open connection per phone in this process and in Redis).
            pool = BlockingConnectionPool.from_url(url, max_connections=REDIS_CONNECTIONS, timeout=REDIS_WAIT_SECONDS)
            _storage = RedisStorage(
                "async+" + url, implementation="redispy", key_prefix=f"{settings.redis_prefix()}:limits",
                wrap_exceptions=True, connection_pool=pool,
            )
        else:
            _storage = MemoryStorage()
        _limiter = MovingWindowRateLimiter(_storage)
    return _limiter


def _storage_down(error: Exception) -> None:
    global _warned_at
    if time.monotonic() - _warned_at > 60:
        _warned_at = time.monotonic()
        logger.error("rate limits unavailable (%s): failing open until the store answers again", error)


async def retry_after(rule: str, *keys: str) -> int | None:
    """Seconds to wait when ``rule`` is spent for ``keys`` (None: go ahead). Counts nothing."""
    limiter, item = _rate_limiter(), RULES[rule]
    try:
        if await limiter.test(item, rule, *keys):
            return None
        stats = await limiter.get_window_stats(item, rule, *keys)
    except Exception as error:  # noqa: BLE001 - the store is down: fail open
        _storage_down(error)
        return None
    return max(1, math.ceil(stats.reset_time - time.time()))


async def count(rule: str, *keys: str) -> int | None:
    """Count one attempt (a failed one) against ``rule`` for ``keys``, atomically (the store increments and
    checks in one step, so parallel attempts never pass the budget): the seconds to wait when this attempt is
    beyond it, None when it is within."""
    limiter, item = _rate_limiter(), RULES[rule]
    try:
        if await limiter.hit(item, rule, *keys):
            return None
        stats = await limiter.get_window_stats(item, rule, *keys)
    except Exception as error:  # noqa: BLE001
        _storage_down(error)
        return None
    return max(1, math.ceil(stats.reset_time - time.time()))


async def count_all(*checks: tuple[str, tuple[str, ...]]) -> int | None:
    """``count`` one attempt against every ``(rule, keys)``; the longest wait among those it passed, or None."""
    waits = [await count(rule, *keys) for rule, keys in checks]
    spent = [wait for wait in waits if wait is not None]
    return max(spent) if spent else None


async def first_spent(*checks: tuple[str, tuple[str, ...]]) -> int | None:
    """The wait of the first spent rule among ``(rule, keys)`` pairs, or None when all have budget left."""
    for rule, keys in checks:
        wait = await retry_after(rule, *keys)
        if wait is not None:
            return wait
    return None


def reset() -> None:
    """Forget every counter of this process (tests; a new Redis URL)."""
    global _storage, _limiter
    _storage = _limiter = None
