"""Two backend workers sharing state through the real Redis, on the real PostgreSQL: every phone follows the
rounds, whichever worker holds its socket and whichever worker answers the organiser's API call."""

from __future__ import annotations

import pickle  # noqa: S403  (Reflex's socket records, from our own test Redis)
import shutil

import httpx
import pytest
import redis
from playwright.sync_api import expect
from sqlmodel import select

from harness.served import REPO, copy_sources
from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Event, Participant
from tests.conftest import DemoApp

pytestmark = pytest.mark.browser

REDIS_DB = 11


@pytest.fixture(scope="module")
def clustered_app(pg_schema_url, tmp_path_factory):
    """The app built from a copy of the repo (a build bakes its port into .web), 2 workers, Redis, PostgreSQL."""
    workdir = tmp_path_factory.mktemp("redis-workers")
    copy = copy_sources(REPO, workdir / "app")
    redis_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    redis.Redis.from_url(redis_url).flushdb()
    app = DemoApp(copy, db_url=pg_schema_url, log=workdir / "reflex.log",
                  env={"REFLEX_REDIS_URL": redis_url, "GRANIAN_WORKERS": "2", "PARTACT_LANG": "en"})
    app.create_demo()
    try:
        app.start()
        yield app, redis_url
    finally:
        app.stop()
        redis.Redis.from_url(redis_url).flushdb()
        shutil.rmtree(copy, ignore_errors=True)


def _instances(redis_url: str) -> set[str]:
    client = redis.Redis.from_url(redis_url)
    owners = set()
    for key in client.scan_iter("token_manager_socket_record_*"):
        record = client.get(key)
        if record:
            owners.add(pickle.loads(record).instance_id)  # Reflex's own SocketRecord, written by our server
    return owners


def test_phones_on_both_workers_follow_the_rounds(clustered_app, new_page):
    app, redis_url = clustered_app
    with session_scope(app.db_url) as session:
        event = session.exec(select(Event).where(Event.slug == "demo")).one()
        people = session.exec(select(Participant).where(Participant.event_id == event.id)).all()
    phones = []
    for person in people[:16]:
        page = new_page(locale="en-GB")
        page.goto(app.url(f"/p/{person.token}"))
        expect(page.locator("#participant-organisation")).to_have_text(person.organisation)
        phones.append(page)
        if len(phones) >= 6 and len(_instances(redis_url)) >= 2:
            break
    assert len(_instances(redis_url)) == 2, "the phones should be spread over both workers"

    headers = {"Authorization": f"Bearer {app.organiser_key}"}
    for round_number in (1, 2, 3):
        answer = httpx.post(app.url("/api/events/demo/next-round"), headers=headers, timeout=30)
        assert answer.json()["round"] == round_number
        for page in phones:
            expect(page.locator("#round-number")).to_have_text(
                t("live.round_of", "en", round=round_number, total=10)
            )
    stale = httpx.post(app.url("/api/events/demo/next-round"), headers=headers, json={"expected_round": 2},
                       timeout=30)
    assert stale.status_code == 409
