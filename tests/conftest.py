"""Shared fixtures: databases (SQLite and a fresh PostgreSQL schema), the served production build (one per test
session, for the browser and the security tests), and Chromium driven by Playwright."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from harness.served import Demo, ServedApp

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


# --- the served production build and the browser -------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


class DemoApp(ServedApp):
    """The served app whose database holds the demo event; ``organiser_key`` is that event's key."""

    organiser_key: str = ""

    def create_demo(self) -> None:
        self.organiser_key = Demo.create(self).key


@pytest.fixture(scope="session")
def served_app(tmp_path_factory) -> Iterator[DemoApp]:
    """The repository's app built and served from the repository itself (its ``.web``), on a SQLite file."""
    workdir = tmp_path_factory.mktemp("served")
    # One proxy hop is trusted so that the security tests can present many client addresses
    # (X-Forwarded-For) to the per-client limits; a browser, which sends no such header, is its TCP peer.
    app = DemoApp(REPO, db_url=f"sqlite:///{workdir / 'partact.db'}",
                  env={"PARTACT_LANG": "en", "PARTACT_TRUSTED_PROXY_HOPS": "1"}, log=workdir / "reflex.log")
    app.create_demo()
    try:
        app.start()
        yield app
    finally:
        app.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect

    expect.set_options(timeout=15_000)
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """``new_page(locale="fr-FR", **context_options)``: a page in a fresh browser context."""
    contexts = []

    def make(locale: str = "fr-FR", **options):
        context = browser.new_context(locale=locale, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@dataclass
class LiveEvent:
    slug: str
    key: str
    event_id: int


@pytest.fixture
def live_event(served_app) -> LiveEvent:
    """A fresh event in the served database: the demo registrations, scheduled and published, not started."""
    import secrets as _secrets

    from partact_app.core.demo import demo_csv
    from partact_app.db import session_scope
    from partact_app.services import events, registrations
    from partact_app.services.scheduling import publish_schedule, schedule_event

    slug = f"live-{_secrets.token_hex(3)}"
    with session_scope(served_app.db_url) as session:
        event, key = events.create_event(
            session, slug, name=f"Live {slug}", rounds=10, tables=22, round_minutes=6, start_time="17:30"
        )
        registrations.import_registrations(session, slug, demo_csv(), "demo.csv")
        schedule_event(session, slug)
        publish_schedule(session, event)
        event_id = event.id
    return LiveEvent(slug=slug, key=key, event_id=event_id)
