"""The production build, served once per test session on a free port, and Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CHROMIUM = "/usr/bin/chromium"
BUILD_TIMEOUT = 900  # a cold npm install plus the first build; later runs take seconds

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class ServedApp:
    base_url: str
    db_url: str
    organiser_key: str
    log: Path
    env: dict[str, str]
    port: int
    cwd: Path = REPO
    process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> None:
        shutil.rmtree(self.cwd / ".states", ignore_errors=True)  # stale state from an earlier run breaks hydration
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [str(VENV_BIN / "reflex"), "run", "--env", "prod",
                 "--backend-port", str(self.port), "--frontend-port", str(self.port)],
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = time.monotonic() + BUILD_TIMEOUT
        while not (_answers(self.base_url + "/ping") and _answers(self.base_url + "/")):
            if self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.log.read_text(errors="replace")[-4000:]
                pytest.fail(f"the app did not come up (exit {self.process.poll()}):\n{tail}")
            time.sleep(0.5)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None

    def restart(self) -> None:
        """Stop the backend and start it again on the same port and database (a crash, a redeploy)."""
        self.stop()
        self.start()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture(scope="session")
def served_app(tmp_path_factory) -> Iterator[ServedApp]:
    workdir = tmp_path_factory.mktemp("served")
    port = free_port()
    db_url = f"sqlite:///{workdir / 'partact.db'}"
    env = {
        **os.environ,
        "REFLEX_DB_URL": db_url,
        "PORT": str(port),
        "PARTACT_PUBLIC_URL": f"http://localhost:{port}",
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PARTACT_LANG": "en",
    }
    env.pop("REFLEX_REDIS_URL", None)
    demo = subprocess.run(
        [str(VENV_BIN / "partact"), "demo"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )
    assert demo.returncode == 0, demo.stderr
    key = [line for line in demo.stdout.splitlines() if line.startswith("organiser key: ")][-1].split(": ", 1)[1]

    app = ServedApp(
        base_url=f"http://localhost:{port}",
        db_url=db_url,
        organiser_key=key,
        log=workdir / "reflex.log",
        env=env,
        port=port,
    )
    try:
        app.start()
        yield app
    finally:
        app.stop()


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)


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
