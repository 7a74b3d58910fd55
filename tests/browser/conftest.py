"""The production build, served once per test session on a free port, and Chromium driven by Playwright."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.served import REPO, Demo, ServedApp

CHROMIUM = "/usr/bin/chromium"

pytestmark = pytest.mark.browser


class DemoApp(ServedApp):
    """The served app whose database holds the demo event; ``organiser_key`` is that event's key."""

    organiser_key: str = ""

    def create_demo(self) -> None:
        self.organiser_key = Demo.create(self).key


@pytest.fixture(scope="session")
def served_app(tmp_path_factory) -> Iterator[DemoApp]:
    """The repository's app built and served from the repository itself (its ``.web``), on a SQLite file."""
    workdir = tmp_path_factory.mktemp("served")
    app = DemoApp(REPO, db_url=f"sqlite:///{workdir / 'partact.db'}", env={"PARTACT_LANG": "en"},
                  log=workdir / "reflex.log")
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
    """A fresh event in the served database: the demo registrations, scheduled, not started."""
    import secrets as _secrets

    from partact_app.core.demo import demo_csv
    from partact_app.db import session_scope
    from partact_app.services import events, registrations
    from partact_app.services.scheduling import schedule_event

    slug = f"live-{_secrets.token_hex(3)}"
    with session_scope(served_app.db_url) as session:
        event, key = events.create_event(
            session, slug, name=f"Live {slug}", rounds=10, tables=22, round_minutes=6, start_time="17:30"
        )
        registrations.import_registrations(session, slug, demo_csv(), "demo.csv")
        schedule_event(session, slug)
        event_id = event.id
    return LiveEvent(slug=slug, key=key, event_id=event_id)
