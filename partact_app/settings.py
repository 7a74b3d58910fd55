"""Settings read from the environment, in one place (no Reflex import: the CLI and the tests use it too).

Every environment variable partact reads is read here and nowhere else; the rest of the code calls these
functions. They read the environment when called (not once at import), so a test or the CLI that sets a
variable for a child process sees it there, and nothing caches a stale value.
"""

from __future__ import annotations

import os
import hashlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from partact_app.i18n import DEFAULT_LANGUAGE, normalise_language

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 3000


def _env(name: str) -> str:
    return os.environ.get(name, "").strip()


def database_url() -> str:
    """``REFLEX_DB_URL``, or the SQLite file ``partact.db`` in the repo root."""
    url = _env("REFLEX_DB_URL")
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{REPO_ROOT / 'partact.db'}"


def redis_url() -> str:
    """``REFLEX_REDIS_URL``; empty when unset (one process, state in memory, the live bus in-process)."""
    return _env("REFLEX_REDIS_URL")


def redis_db() -> int:
    """The database number of ``REFLEX_REDIS_URL`` (its path ``/N`` or ``?db=N``; 0 when absent)."""
    address = urlsplit(redis_url())
    number = (parse_qs(address.query).get("db") or [address.path.strip("/")])[0]
    return int(number) if number.isdigit() else 0


def deployment() -> str:
    """``PARTACT_DEPLOYMENT``: the name of this deployment among those that share one Redis server. Unset: a
    short digest of the database URL (``database_url()``), the same for every process of one deployment (backend
    instances, CLI) and different for two deployments on different databases (or PostgreSQL schemas)."""
    name = _env("PARTACT_DEPLOYMENT")
    if name:
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:64]
    return hashlib.sha256(database_url().encode()).hexdigest()[:12]


def redis_prefix() -> str:
    """Prefix of every key and pub/sub channel partact itself names in Redis (the live channel, the socket
    counts, the rate limits): ``partact:<deployment>:<db number>``. Pub/sub channels are global to a Redis server
    (not per database number), so two deployments sharing a server must not share a channel."""
    return f"partact:{deployment()}:{redis_db()}"


def port() -> int:
    """``PORT``: the one port serving the front end and the back end."""
    return int(_env("PORT") or DEFAULT_PORT)


def backend_only() -> bool:
    """``REFLEX_BACKEND_ONLY`` (Reflex's own variable, also read by ``reflex run --backend-only``): this process
    runs only the backend, one instance among several behind a proxy (``make run-cluster``)."""
    return _env("REFLEX_BACKEND_ONLY").lower() in ("1", "true", "yes", "y", "on")


def public_url() -> str:
    """Base of the links printed in QR codes and exports (no trailing slash)."""
    url = _env("PARTACT_PUBLIC_URL") or f"http://localhost:{port()}"
    return url.rstrip("/")


def participant_url(token: str) -> str:
    return f"{public_url()}/p/{token}"


def organiser_url() -> str:
    return f"{public_url()}/organiser"


def cli_language() -> str:
    """The CLI's language: ``PARTACT_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``).

    The same rule as everywhere in partact: a language we do not support, or none at all, is French
    (``i18n.DEFAULT_LANGUAGE``), the language of the event's home, Luxembourg.
    """
    for name in ("PARTACT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = _env(name)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise_language(value.split(".")[0])
    return DEFAULT_LANGUAGE


def trusted_proxy_hops() -> int:
    """``PARTACT_TRUSTED_PROXY_HOPS``: how many reverse proxies (nginx) stand before the app and append to
    ``X-Forwarded-For``; 0 (the default) trusts no forwarded address, so a client cannot pretend to be another one.
    The same number configures Reflex's own reading of the client address (``rxconfig.py``)."""
    value = _env("PARTACT_TRUSTED_PROXY_HOPS")
    return max(0, int(value)) if value.isdigit() else 0
