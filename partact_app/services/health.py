"""Is the room's machinery answering? The console asks every few seconds and says so when it does not."""

from __future__ import annotations

import sqlalchemy as sa

from partact_app.broadcast import bus
from partact_app.db import session_scope

DATABASE, REDIS = "database", "redis"


def trouble() -> str:
    """"" when the database and (if configured) Redis answer; else which one does not (the database first)."""
    try:
        with session_scope() as session:
            session.execute(sa.text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means "not answering"
        return DATABASE
    if not bus.redis_ok():
        return REDIS
    return ""
