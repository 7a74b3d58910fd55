"""Settings read from the environment, in one place (no Reflex import: the CLI and the tests use it too)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """``REFLEX_DB_URL``, or the SQLite file ``partact.db`` in the repo root."""
    url = os.environ.get("REFLEX_DB_URL", "").strip()
    if url:
        if url.startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://") :]
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        return url
    return f"sqlite:///{REPO_ROOT / 'partact.db'}"


def port() -> int:
    return int(os.environ.get("PORT", "3000"))


def public_url() -> str:
    """Base of the links printed in QR codes and exports (no trailing slash)."""
    url = os.environ.get("PARTACT_PUBLIC_URL", "").strip() or f"http://localhost:{port()}"
    return url.rstrip("/")


def participant_url(token: str) -> str:
    return f"{public_url()}/p/{token}"


def organiser_url() -> str:
    return f"{public_url()}/organiser"
