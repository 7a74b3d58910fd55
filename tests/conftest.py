"""Shared fixtures: databases (SQLite and a fresh PostgreSQL schema) and the served production build."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

REPO = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get("PARTACT_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_schema_url(schema: str) -> str:
    separator = "&" if "?" in PG_ADMIN_URL else "?"
    return f"{PG_ADMIN_URL}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    """A fresh, migrated PostgreSQL schema for this test run, dropped at the end."""
    from partact_app import db

    schema = f"partact_test_{secrets.token_hex(4)}"
    admin = sa.create_engine(PG_ADMIN_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = _pg_schema_url(schema)
    try:
        db.upgrade(url)
        yield url
    finally:
        db.dispose_all()
        with admin.begin() as connection:
            connection.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def _empty_tables(url: str) -> None:
    from sqlmodel import SQLModel

    from partact_app.db import get_engine

    engine = get_engine(url)
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request, tmp_path) -> Iterator[str]:
    """Each service test runs on SQLite and on PostgreSQL, on a migrated, empty database."""
    from partact_app import db

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'partact.db'}"
        db.upgrade(url)
        yield url
    else:
        url = request.getfixturevalue("pg_schema_url")
        _empty_tables(url)
        yield url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    from partact_app import db

    url = f"sqlite:///{tmp_path / 'partact.db'}"
    db.upgrade(url)
    return url
