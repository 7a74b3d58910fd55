"""The Alembic migrations build exactly the schema of models.py, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from partact_app import db


def test_migrations_match_the_models(db_url):
    with db.get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrade_is_idempotent(db_url):
    db.upgrade(db_url)
    db.upgrade(db_url)
    heads = ScriptDirectory.from_config(db.alembic_config(db_url)).get_heads()
    assert [db.current_revision(db_url)] == heads
