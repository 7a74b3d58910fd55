"""Alembic environment: the same migrations on SQLite (batch mode) and PostgreSQL."""

from alembic import context
from sqlmodel import SQLModel

from partact_app import models  # noqa: F401
from partact_app.db import get_engine

config = context.config
url = config.attributes.get("url")
target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    engine = get_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=engine.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
