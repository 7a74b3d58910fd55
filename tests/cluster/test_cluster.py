"""partact scaled out (make run-cluster, docs/deployment.md): two backend instances behind nginx, on a Redis and a
PostgreSQL server of the cluster's own (so that a test may restart them), with phones (raw websockets through
nginx, and a real Chromium page) following the rounds whichever instance holds their socket and whichever
instance the organiser's call reaches.

One cluster for the module; the tests run in file order, and the ones that kill or restart something come last.
"""

from __future__ import annotations

import asyncio
import pickle  # noqa: S403  (Reflex's socket records, from the cluster's own Redis)
import re
import secrets
import threading
import time
from pathlib import Path

import httpx
import pytest
import redis
from playwright.sync_api import expect
from sqlmodel import select

from harness.cluster import Cluster, own_services
from harness.phone import FrontendSchema, Phone, wait_until
from harness.served import Demo
from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Event, Participant

pytestmark = [pytest.mark.cluster, pytest.mark.timeout(900)]

ROUND_VAR = "current_round_rx_state_"
DEADLINE_VAR = "deadline_ms_rx_state_"
ORGANISATION_VAR = "organisation_rx_state_"


class LivePhone(Phone):
    """A participant page's socket: hydrated once its own participant arrived; keeps the live fields it heard."""

    def __init__(self, base_url: str, token: str, schema: FrontendSchema, *, tab: str | None = None) -> None:
        super().__init__(base_url, f"/p/{token}", query={"token": token}, schema=schema, token=tab)
        self.state = schema.state("____participant_state")
        self.live: dict[str, object] = {}
        self.heard: list[str] = []  # the names of the events the server asked this page to run

    def is_hydrated(self, delta: dict) -> bool:
        return bool((delta.get(self.state) or {}).get(ORGANISATION_VAR))

    def on_update(self, update: dict, at: float) -> None:
        self.live.update((update.get("delta") or {}).get(self.state) or {})
        self.heard.extend(str(event.get("name", "")) for event in update.get("events") or () if isinstance(event, dict))
        super().on_update(update, at)

    @property
    def round(self) -> int | None:
        value = self.live.get(ROUND_VAR)
        return None if value is None else int(value)


class OwnPhone(LivePhone):
    """A phone that also runs what the server asks of it (``reload_own`` after a match or follow-up change), as
    the browser does, and keeps its matches and follow-ups."""

    def on_update(self, update: dict, at: float) -> None:
        super().on_update(update, at)
        for event in update.get("events") or ():
            if isinstance(event, dict) and str(event.get("name", "")).endswith(".reload_own"):
                self.send_event(event["name"], event.get("payload") or {})

    def matches(self) -> list[dict]:
        return list(self.live.get("matches_rx_state_") or [])

    def followups(self) -> list[dict]:
        return list(self.live.get("followups_rx_state_") or [])

    def ask(self, run: PhoneLoop, handler: str, **payload) -> None:
        """Send an event of the page's state from the phones' loop (its socket belongs to that thread)."""

        async def send() -> None:
            self.send_event(f"{self.state}.{handler}", payload)

        run(send())


class PhoneLoop:
    """An event loop in a thread for the raw phones, so that Playwright's sync API keeps the test's thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def __call__(self, coroutine, timeout: float = 120):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture
def run():
    loop = PhoneLoop()
    yield loop
    loop.close()


def _until(run: PhoneLoop, condition, timeout: float) -> bool:
    return run(wait_until(condition, timeout))


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("cluster")
    with own_services(workdir / "redis") as (postgres, redis_server):
        built = Cluster(workdir, db_url=postgres.url(), redis_url=redis_server.url(0), env={"PARTACT_LANG": "en"})
        try:
            built.build()
            built.start()
            built.redis = redis_server
            built.postgres = postgres
            built.demo = Demo.parse(built.cli("demo"))
            built.schema = FrontendSchema.read(built.app_dir)
            yield built
        finally:
            built.stop()


def _engine_processes(cluster: Cluster) -> list[int]:
    """The engine processes the instances started themselves (``engine_process``: spawned children)."""
    sessions = {backend.process.pid for backend in cluster.backends if backend.process is not None}
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            session = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[3])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if session in sessions and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


def _computed_by_the_engine_worker(cluster: Cluster) -> int:
    """How many computations the deployment's engine worker finished (RQ's registry of finished jobs)."""
    client = redis.Redis.from_url(cluster.redis_url)
    return sum(client.zcard(key) for key in client.scan_iter("rq:finished:*:engine"))


def _owners(cluster: Cluster) -> dict[str, str]:
    """Tab token -> the Reflex instance (worker) that holds its socket, from Reflex's records in Redis."""
    client = redis.Redis.from_url(cluster.redis_url)
    owners = {}
    for key in client.scan_iter("token_manager_socket_record_*"):
        record = client.get(key)
        if record:
            owners[key.decode().removeprefix("token_manager_socket_record_")] = pickle.loads(record).instance_id
    return owners


def _people(cluster: Cluster, slug: str = "demo") -> list[Participant]:
    with session_scope(cluster.db_url) as session:
        event = session.exec(select(Event).where(Event.slug == slug)).one()
        return list(session.exec(
            select(Participant).where(Participant.event_id == event.id).order_by(Participant.id)
        ).all())


def _always_seated(cluster: Cluster, slug: str = "demo") -> list[Participant]:
    """The participants with a meeting (a table) in every round of the event."""
    from partact_app.models import Meeting

    with session_scope(cluster.db_url) as session:
        event = session.exec(select(Event).where(Event.slug == slug)).one()
        seated: dict[int, set[int]] = {}
        for meeting in session.exec(select(Meeting).where(Meeting.event_id == event.id)).all():
            for pid in (meeting.company_id, meeting.association_id):
                seated.setdefault(pid, set()).add(meeting.round)
        everywhere = {pid for pid, rounds in seated.items() if len(rounds) == event.rounds}
    return [p for p in _people(cluster, slug) if p.id in everywhere]


def _fresh_event(cluster: Cluster, prefix: str) -> tuple[str, str]:
    """A new event with the demo registrations, scheduled, not started: its slug and organiser key."""
    from partact_app.core.demo import demo_csv
    from partact_app.services import events, registrations
    from partact_app.services.scheduling import schedule_event

    slug = f"{prefix}-{secrets.token_hex(3)}"
    with session_scope(cluster.db_url) as session:
        _event, key = events.create_event(session, slug, name=prefix, rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, slug, demo_csv(), "demo.csv")
        schedule_event(session, slug)
    return slug, key


def _advance(url: str, key: str, slug: str = "demo") -> dict:
    answer = httpx.post(f"{url}/api/events/{slug}/next-round", headers={"Authorization": f"Bearer {key}"}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


async def _open(cluster: Cluster, tokens: list[str], base_url: str | None = None) -> list[LivePhone]:
    phones = [LivePhone(base_url or cluster.base_url, token, cluster.schema) for token in tokens]
    for phone in phones:  # one after the other: least_conn spreads them over the instances
        await phone.connect()
        assert await phone.wait_hydrated(20), phone.error
    return phones


def _instance_of(cluster: Cluster, run: PhoneLoop, index: int) -> str:
    """The instance id of backend ``index``: a phone connected straight to its port tells."""
    phone = run(_open(cluster, [_people(cluster)[0].token], base_url=cluster.backends[index].url()))[0]
    owner = _owners(cluster)[phone.token]
    phone.close()
    return owner


def _shows_round(page, answer: dict) -> None:
    expect(page.locator("#round-number")).to_have_text(
        t("live.round_of", "en", round=answer["round"], total=answer["rounds"]))


def _close(run: PhoneLoop, phones: list[LivePhone]) -> None:
    async def close() -> None:
        for phone in phones:
            phone.close()

    run(close())


# ------------------------------------------------------------------------------------------------------------ tests


def test_nginx_serves_the_pages_the_api_and_the_headers(cluster):
    for path, status in (("/", 200), ("/organiser", 200), ("/p/anything", 200), ("/screen/demo", 200),
                         ("/no/such/page", 404), ("/ping", 200), ("/_health", 200)):
        answer = httpx.get(cluster.url(path), timeout=10)
        assert answer.status_code == status, path
    page = httpx.get(cluster.url("/p/anything"), timeout=10)
    backend = httpx.post(cluster.url("/api/events/demo/pause"), timeout=10)  # an answer of a backend
    assert backend.status_code == 401
    for name in ("content-security-policy", "x-frame-options", "referrer-policy", "x-content-type-options",
                 "permissions-policy", "cross-origin-opener-policy"):
        assert page.headers.get(name) == backend.headers.get(name), name  # one policy (guard/csp.py)
    script = httpx.get(cluster.url(re.findall(r'href="(/assets/[^"]+\.js)"', page.text)[0]), timeout=10)
    assert script.status_code == 200 and script.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" not in script.headers  # a document's headers only (guard/csp.py)
    # The build's compressed twins, Brotli first where the browser takes it (scripts/nginx.sh installs the module).
    gzipped = httpx.get(script.url, headers={"accept-encoding": "gzip"}, timeout=10)
    assert gzipped.headers.get("content-encoding") == "gzip" and gzipped.content == script.content
    brotli = httpx.get(script.url, headers={"accept-encoding": "br, gzip"}, timeout=10)
    assert brotli.headers.get("content-encoding") == "br"
    assert int(brotli.headers["content-length"]) < int(gzipped.headers["content-length"])
    assert httpx.post(cluster.url("/api/events/demo/pause"), content=b"x" * 5000, timeout=10).status_code == 413
    for index in range(2):  # the health check of each instance on its own port
        assert cluster.health(index)[0] == 200
    cluster.restart_nginx()  # nginx alone restarts; the instances go on
    assert httpx.get(cluster.url("/ping"), timeout=10).status_code == 200


def test_phones_on_both_instances_follow_rounds_advanced_through_either(cluster, run, new_page):
    people = _people(cluster)
    company = _always_seated(cluster)[0]
    page = new_page(locale="en-GB")
    page.goto(cluster.url(f"/p/{company.token}"))
    expect(page.locator("#participant-organisation")).to_have_text(company.organisation)
    phones = run(_open(cluster, [p.token for p in people[1:7]]))
    owners = _owners(cluster)
    assert len({owners[p.token] for p in phones}) == 2, "nginx should spread the sockets over both instances"
    for url in (cluster.url(), cluster.backends[0].url(), cluster.backends[1].url()):  # nginx, then each one
        answer = _advance(url, cluster.demo.key)
        assert _until(run, lambda: all(p.round == answer["round"] for p in phones), 5), \
            [(p.round, p.error) for p in phones]
        _shows_round(page, answer)
        expect(page.locator("#table-number")).not_to_be_empty()
    _close(run, phones)


def test_two_events_live_at_once_hear_only_their_own_rounds(cluster, run):
    slug, key = _fresh_event(cluster, "second")
    demo_phones = run(_open(cluster, [p.token for p in _people(cluster)[:4]]))
    second_phones = run(_open(cluster, [p.token for p in _people(cluster, slug)[:4]]))
    time.sleep(3)  # past the joins and a poll of the database
    for advanced, quiet, url, event_key, event_slug in (
        (second_phones, demo_phones, cluster.url(), key, slug),
        (demo_phones, second_phones, cluster.backends[1].url(), cluster.demo.key, "demo"),
    ):
        before = [p.frames for p in quiet]
        answer = _advance(url, event_key, event_slug)
        assert _until(run, lambda: all(p.round == answer["round"] for p in advanced), 5)
        time.sleep(2.5)  # a whole poll period: nothing may reach the other event's phones
        assert [p.frames for p in quiet] == before
    _close(run, demo_phones + second_phones)


def test_the_wrong_key_limit_holds_across_instances(cluster):
    from partact_app.services import events

    slug = f"limits-{secrets.token_hex(3)}"
    with session_scope(cluster.db_url) as session:
        events.create_event(session, slug, name="Limits", rounds=3, tables=2, round_minutes=5)
    address = f"198.51.100.{secrets.randbelow(250) + 1}"  # one client (documentation range), as nginx reports it
    headers = {"Authorization": "Bearer wrong", "X-Forwarded-For": address}
    for attempt in range(20):
        backend = cluster.backends[attempt % 2]
        answer = httpx.post(backend.url(f"/api/events/{slug}/pause"), headers=headers, timeout=10)
        assert answer.status_code == 401, (attempt, answer.text)
    for backend in cluster.backends:
        answer = httpx.post(backend.url(f"/api/events/{slug}/pause"), headers=headers, timeout=10)
        assert answer.status_code == 429 and int(answer.headers["retry-after"]) > 0


def test_an_import_and_a_replan_through_nginx_reach_the_phones_on_both_instances(cluster, run, new_page):
    """The console behind nginx: the registration file is uploaded through it (the upload is routed to a backend
    with the session's socket), and a no-show's re-plan reaches the affected phones whichever instance holds
    them, and no other phone."""
    from partact_app.core.demo import demo_csv
    from partact_app.services import attendance, events
    from partact_app.services.scheduling import publish, schedule_event

    slug = f"upload-{secrets.token_hex(3)}"
    with session_scope(cluster.db_url) as session:
        _event, key = events.create_event(session, slug, name="Upload", rounds=10, tables=22, round_minutes=6)
    page = new_page(locale="en-GB")
    page.goto(cluster.url("/organiser"))
    page.locator("#organiser-key").fill(key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_have_text("Upload")
    page.goto(cluster.url("/organiser/participants"))
    data = demo_csv()
    page.locator("#import-upload input[type=file]").set_input_files(
        {"name": "registrations.csv", "mimeType": "text/csv", "buffer": data})
    expect(page.locator("#import-file-name")).to_have_text("registrations.csv")
    page.locator("#import-button").click()
    rows = data.decode().strip().count("\n")  # the header aside
    expect(page.locator("#import-summary")).to_have_text(
        t("cli.imported", "en", total=rows, created=rows, updated=0, unchanged=0))
    people = _people(cluster, slug)
    assert len(people) == rows
    with session_scope(cluster.db_url) as session:
        schedule_event(session, slug)
        publish(session, slug)
    assert _advance(cluster.url(), key, slug)["round"] == 1
    computed = _computed_by_the_engine_worker(cluster)

    def affected_by(person: Participant) -> set[int]:  # computed in a transaction that is rolled back
        with session_scope(cluster.db_url) as session:
            replan = attendance.mark_absent(session, events.get_event(session, slug), person.id)
            affected = set(replan.affected) if replan else set()
            session.rollback()
        return affected

    absent, affected = next((p, a) for p in people if p.kind == "company" for a in [affected_by(p)] if len(a) >= 3)
    touched = [p for p in people if p.id in affected and p.id != absent.id]
    calm = [p for p in people if p.id not in affected and p.id != absent.id][:6]
    phones = []
    for index, person in enumerate(touched):  # the affected phones on both instances for sure
        phones += run(_open(cluster, [person.token], base_url=cluster.backends[index % 2].url()))
    quiet = run(_open(cluster, [p.token for p in calm]))
    time.sleep(3)  # past the joins
    page.locator("#participant-search").fill(absent.organisation)
    row = page.locator(f'tr[data-organisation="{absent.organisation}"]')
    expect(page.locator("tr[data-organisation]")).to_have_count(1)
    row.locator('[data-action="manage"]').click()
    page.locator("#absent-now").click()
    expect(page.locator("#replan-changes")).to_contain_text(f"instead of {absent.organisation}")
    # The re-plan was computed by the deployment's engine worker: no instance started an engine of its own.
    assert _computed_by_the_engine_worker(cluster) > computed
    assert _engine_processes(cluster) == []
    assert _until(run, lambda: all("reload_agenda" in " ".join(p.heard) for p in phones), 5), \
        [(p.path, p.heard) for p in phones]
    time.sleep(2.5)  # a whole poll period: the unaffected phones were never told
    assert not any("reload_agenda" in " ".join(p.heard) for p in quiet)
    _close(run, phones + quiet)


def test_a_match_and_a_follow_up_cross_instances(cluster, run, new_page):
    """A company's phone on one instance proposes a match to an association's phone on the other, which sees it
    live and confirms; the big screen behind nginx counts it; their follow-up requests meet across instances too,
    and the contacts travel only once both asked."""
    from partact_app.models import Meeting
    from partact_app.services.scheduling import publish

    slug, _key = _fresh_event(cluster, "matches")
    with session_scope(cluster.db_url) as session:
        publish(session, slug)
    by_id = {p.id: p for p in _people(cluster, slug)}
    with session_scope(cluster.db_url) as session:  # a pair that meets: their agendas name each other
        meeting = session.exec(select(Meeting).where(Meeting.company_id.in_(list(by_id)))).first()
    company, association = by_id[meeting.company_id], by_id[meeting.association_id]
    screen = new_page(locale="en-GB")
    screen.goto(cluster.url(f"/screen/{slug}"))
    expect(screen.locator("#partnership-count")).to_contain_text("0")

    async def open_two() -> list[OwnPhone]:
        phones = []
        for index, person in enumerate((company, association)):
            phone = OwnPhone(cluster.backends[index].url(), person.token, cluster.schema)
            await phone.connect()
            assert await phone.wait_hydrated(20), phone.error
            phones.append(phone)
        return phones

    a, b = run(open_two())
    assert _owners(cluster)[a.token] != _owners(cluster)[b.token]
    a.ask(run, "open_match_form", counterpart_id=association.id)
    time.sleep(0.3)
    a.ask(run, "submit_match", form={"i_give.it": "on", "i_give_text": "A website"})
    assert _until(run, lambda: any(m["awaiting_me"] for m in b.matches()), 5), b.matches()
    proposal = b.matches()[0]
    assert proposal["counterpart"] == company.organisation and proposal["they_give_text"] == "A website"
    b.ask(run, "confirm_match", match_id=proposal["id"], version=proposal["version"])
    assert _until(run, lambda: [m["status"] for m in a.matches()] == ["recorded"], 5), a.matches()
    expect(screen.locator("#partnership-count")).to_contain_text("1", timeout=5000)

    a.ask(run, "request_followup", counterpart_id=association.id)
    assert _until(run, lambda: any(f["requested"] for f in a.followups()), 5)
    time.sleep(1)
    assert not any(f["mutual"] or f["email"] for f in b.followups() + a.followups())
    assert association.email not in str(a.live) and company.email not in str(b.live)
    b.ask(run, "request_followup", counterpart_id=company.id)
    assert _until(run, lambda: any(f["mutual"] for f in a.followups()) and any(f["mutual"] for f in b.followups()), 5)
    assert [f["email"] for f in a.followups()] == [association.email]
    assert [f["email"] for f in b.followups()] == [company.email]
    b.ask(run, "withdraw_followup", counterpart_id=company.id)
    assert _until(run, lambda: not any(f["mutual"] or f["email"] for f in a.followups()), 5), a.followups()
    _close(run, [a, b])


def test_an_instance_killed_mid_round_hands_its_phones_to_the_other(cluster, run, new_page):
    people = _people(cluster)
    _advance(cluster.url(), cluster.demo.key)  # mid-round
    victim = _instance_of(cluster, run, 0)
    page = checked = None
    for person in _always_seated(cluster)[2:14]:  # a Chromium page whose socket is on 0
        candidate = new_page(locale="en-GB")
        # An organiser at the check-in desk (logged in: the badge's page offers the check-in).
        login = candidate.request.post(cluster.url("/api/console/login"), form={"organiser_key": cluster.demo.key},
                                       max_redirects=0)
        assert login.status == 303 and "login=" not in login.headers["location"]
        candidate.goto(cluster.url(f"/p/{person.token}"))
        expect(candidate.locator("#participant-organisation")).to_have_text(person.organisation)
        tab = candidate.evaluate("() => window.sessionStorage.getItem('token')")
        if _owners(cluster).get(tab) == victim:
            page, checked = candidate, person
            break
    assert page is not None, "no page landed on instance 0"
    page.locator("#check-in").click()
    expect(page.locator("#checked-in")).to_be_visible()
    round_shown = page.locator("#round-number").inner_text()
    table_shown = page.locator("#table-number").inner_text()
    assert round_shown and table_shown

    phones = run(_open(cluster, [p.token for p in people[22:30]]))
    owners = _owners(cluster)
    on_victim = [p for p in phones if owners[p.token] == victim]
    assert on_victim, "no raw phone on instance 0"
    deadline = phones[0].live.get(DEADLINE_VAR)
    cluster.kill(0)
    began = time.monotonic()
    assert _until(run, lambda: all(p.closed for p in on_victim), 5)

    async def reconnect() -> list[LivePhone]:  # what the browser does: the same tab token, through nginx
        again = [LivePhone(cluster.base_url, p.path.rsplit("/", 1)[1], cluster.schema, tab=p.token)
                 for p in on_victim]
        for phone in again:
            await phone.connect()
        assert all([await p.wait_hydrated(5) for p in again]), [p.error for p in again]
        return again

    again = run(reconnect())
    assert time.monotonic() - began < 5
    assert all(p.round == phones[0].round and p.live.get(DEADLINE_VAR) == deadline for p in again)
    # The page shows the same round, table and a countdown within 5 s of the crash.
    expect(page.locator("#round-number")).to_have_text(round_shown, timeout=5000)
    expect(page.locator("#table-number")).to_have_text(table_shown, timeout=5000)
    expect(page.locator("#countdown")).not_to_be_empty(timeout=5000)
    assert time.monotonic() - began < 5 + 1  # (the page's checks ran while the phones reconnected)
    # The next round, advanced through nginx while instance 0 is dead, reaches everyone.
    answer = _advance(cluster.url(), cluster.demo.key)
    survivors = [p for p in phones if p not in on_victim] + again
    assert _until(run, lambda: all(p.round == answer["round"] for p in survivors), 5)
    _shows_round(page, answer)
    # Instance 0 comes back without a restart of the other; its new phones follow rounds advanced elsewhere.
    cluster.restart(0)
    back = run(_open(cluster, [p.token for p in people[30:32]], base_url=cluster.backends[0].url()))
    answer = _advance(cluster.backends[1].url(), cluster.demo.key)
    assert _until(run, lambda: all(p.round == answer["round"] for p in back + survivors), 5)
    _shows_round(page, answer)
    _close(run, phones + again + back)
    with session_scope(cluster.db_url) as session:  # what was recorded before the crash is still there
        assert session.get(Participant, checked.id).checked_in


def test_the_rounds_go_on_after_redis_restarts(cluster, run, new_page):
    slug, key = _fresh_event(cluster, "redis")
    people = _people(cluster, slug)
    page = new_page(locale="en-GB")
    page.goto(cluster.url(f"/p/{people[3].token}"))
    expect(page.locator("#participant-organisation")).to_have_text(people[3].organisation)
    # Phones on both instances for sure (nginx's least_conn may put a handful on one): three straight to each.
    phones = run(_open(cluster, [p.token for p in people[40:43]], base_url=cluster.backends[0].url()))
    phones += run(_open(cluster, [p.token for p in people[43:46]], base_url=cluster.backends[1].url()))
    owners = _owners(cluster)
    assert len({owners[p.token] for p in phones}) == 2
    cluster.redis.stop()  # everything in it is lost
    # While Redis is away the organiser still advances (PostgreSQL is the authority): the instance that made
    # the change tells its phones, the other one's learn it from its poll of the database.
    answer = _advance(cluster.url(), key, slug)
    assert _until(run, lambda: all(p.round == answer["round"] for p in phones), 6), \
        [(p.round, p.error) for p in phones]
    assert not any(p.closed for p in phones)
    cluster.redis.start()
    # Right after: an advance through nginx or either instance reaches the phones of both (the bus subscribes
    # again; the 2 s poll of the database covers what was published while it was away).
    for url in (cluster.url(), cluster.backends[0].url(), cluster.backends[1].url()):
        answer = _advance(url, key, slug)
        assert _until(run, lambda: all(p.round == answer["round"] for p in phones), 6), \
            [(p.round, p.error) for p in phones]
        _shows_round(page, answer)
    fresh = run(_open(cluster, [p.token for p in people[46:50]]))  # new phones connect and hydrate
    _close(run, phones + fresh)
    for index in range(2):
        assert cluster.health(index)[0] == 200


def test_the_rounds_go_on_after_postgres_restarts(cluster, run, new_page):
    slug, key = _fresh_event(cluster, "postgres")
    people = _people(cluster, slug)
    _advance(cluster.url(), key, slug)  # mid-round
    page = new_page(locale="en-GB")
    page.goto(cluster.url(f"/p/{people[5].token}"))
    expect(page.locator("#participant-organisation")).to_have_text(people[5].organisation)
    phones = run(_open(cluster, [p.token for p in people[50:54]]))
    round_before = phones[0].round
    console = new_page(locale="en-GB")
    console.goto(cluster.url("/organiser"))
    console.locator("#organiser-key").fill(key)
    console.locator("#login").click()
    expect(console.locator("#event-name")).to_be_visible()
    expect(console.locator("#trouble")).to_have_count(0)
    cluster.postgres.stop()
    # While the database is away: the API says so (503, try again soon), the console shows a clear notice, the
    # phones keep the round they have.
    failed = httpx.post(cluster.url(f"/api/events/{slug}/next-round"),
                        headers={"Authorization": f"Bearer {key}"}, timeout=30)
    assert failed.status_code == 503 and int(failed.headers["Retry-After"]) > 0
    assert failed.json()["error"] == "unavailable"
    assert cluster.health(0)[0] == 503
    expect(console.locator("#trouble")).to_contain_text("database", timeout=15_000)
    assert all(p.round == round_before and not p.closed for p in phones)
    cluster.postgres.start()
    answer = _advance(cluster.url(), key, slug)
    assert answer["round"] == round_before + 1  # the failed call changed nothing
    assert _until(run, lambda: all(p.round == answer["round"] for p in phones), 6)
    _shows_round(page, answer)
    expect(console.locator("#trouble")).to_have_count(0, timeout=15_000)  # the notice goes by itself
    _close(run, phones)
