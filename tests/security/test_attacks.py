"""One anonymous client tries to freeze, starve or exhaust the event, through the served production build.

Each attack speaks the raw protocol (websocket frames, HTTP) and checks what must hold: the event's state did not
change, another client's round-trips stayed under a bound, and the server stayed up. docs/security.md lists the
limits and why.
"""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from harness.phone import wait_until
from partact_app.db import session_scope
from partact_app.models import Phase
from partact_app.services import events
from tests.security.conftest import FRONTEND_EXCEPTION, Probe, new_address, open_phone, p95, run, tokens

pytestmark = pytest.mark.browser

ROUND_TRIP_BOUND = 0.1  # seconds: what another client may wait while an attack runs


def values(phone, state: str, var: str) -> list:
    """Every value of ``state.var`` the phone was sent, in order."""
    found = []
    for _, packet in phone.received or []:
        data = packet.data
        if packet.kind == "event" and isinstance(data, list) and len(data) > 1 and isinstance(data[1], dict):
            delta = (data[1].get("delta") or {}).get(state) or {}
            if var + "_rx_state_" in delta:
                found.append(delta[var + "_rx_state_"])
    return found


def sent(phone, state: str, var: str):
    """A condition: the phone was sent ``state.var`` set to True (the page's load ran)."""
    return lambda: values(phone, state, var)[-1:] == [True]


def server_is_up(app) -> bool:
    return httpx.get(app.url("/ping"), timeout=5).status_code == 200


def phase_of(app, slug: str) -> tuple[str, int]:
    with session_scope(app.db_url) as session:
        event = events.get_event(session, slug)
        return event.phase, event.current_round


# --- the websocket --------------------------------------------------------------------------------------------


def test_a_900_kb_frontend_exception_frame_freezes_nobody(served_app, schema):
    async def attack():
        probe = await open_phone(served_app, schema, f"/p/{tokens(served_app)[0]}", cls=Probe)
        baseline = await probe.round_trips(schema, 5)
        attacker = await open_phone(served_app, schema, "/")
        info = "TypeError: can't access property \"" + "a\", " * (900_000 // 4)
        attacker.send_event(FRONTEND_EXCEPTION, {"info": info, "component_stack": ""})
        during = await probe.round_trips(schema, 10)
        closed = await wait_until(lambda: attacker.error is not None, 5)
        return baseline, during, closed, attacker.error

    baseline, during, closed, error = run(attack())
    assert closed and "1009" in error  # the frame closed the attacker's socket before Reflex parsed it
    assert max(during) < ROUND_TRIP_BOUND, (baseline, during)
    assert server_is_up(served_app)


def test_a_frontend_exception_built_to_backtrack_costs_nothing(served_app, schema):
    """Under the frame cap, the worst string for Reflex's original patterns: the bounded ones stay linear."""

    async def attack():
        probe = await open_phone(served_app, schema, f"/p/{tokens(served_app)[0]}", cls=Probe)
        attacker = await open_phone(served_app, schema, "/")
        prefix = "TypeError: can't access property \""
        # each as long as fits in one frame once JSON has escaped its quotes (the cap is 16 384 characters)
        for info in (prefix * (12_000 // len(prefix)), prefix + "\", " * 3500, prefix + "a\", " + "x" * 15_000):
            attacker.send_event(FRONTEND_EXCEPTION, {"info": info, "component_stack": ""})
        during = await probe.round_trips(schema, 10)
        return during, attacker.error

    during, error = run(attack())
    assert error is None  # within the cap: an ordinary (if odd) report
    assert max(during) < ROUND_TRIP_BOUND, during
    assert server_is_up(served_app)


def test_a_flood_of_1000_events_from_one_socket_slows_nobody(served_app, schema):
    async def attack():
        probe = await open_phone(served_app, schema, f"/p/{tokens(served_app)[1]}", cls=Probe)
        attacker = await open_phone(served_app, schema, "/screen/demo", keep=True)
        screen_load = f"{schema.state('____screen_state')}.load"
        frames_before = attacker.frames
        started = time.perf_counter()
        for _ in range(1000):
            attacker.send_event(screen_load)
        sent = time.perf_counter() - started
        during = await probe.round_trips(schema, 20, gap=0.01)
        await asyncio.sleep(1)
        answered = attacker.frames - frames_before
        notices = sum(
            1 for _, packet in attacker.received
            if packet.kind == "event" and "too-fast" in json.dumps(packet.data)
        )
        return during, answered, notices, sent

    during, answered, notices, sent = run(attack())
    assert p95(during) < ROUND_TRIP_BOUND and max(during) < 2 * ROUND_TRIP_BOUND, during
    assert answered < 120  # about 60 served in the window, the rest dropped at the door
    assert notices >= 1  # the flooding page was told to slow down
    assert server_is_up(served_app)


def test_junk_in_router_data_and_client_storage_is_not_kept(served_app, schema):
    async def attack():
        phone = await open_phone(served_app, schema, f"/p/{tokens(served_app)[2]}", keep=True)
        language = schema.state("____language_state")
        junk = "x" * 6_000  # twice in one frame: under the cap
        router = {**phone.router_data(), "junk": junk}
        phone.send_event(f"{schema.state('____update_vars_internal_state')}.update_vars_internal",
                         {"vars": {f"{language}.chosen": junk}}, router_data=router)
        phone.send_event(f"{language}.detect", router_data=router)
        await asyncio.sleep(1.5)
        return values(phone, language, "chosen"), values(phone, language, "lang"), phone.error

    chosen, lang, error = run(attack())
    assert error is None
    assert chosen and chosen[-1] == ""  # the junk language choice was dropped on the server
    assert lang and lang[-1] in ("fr", "en", "de")


def test_an_oversized_frame_closes_only_that_socket(served_app, schema):
    async def attack():
        probe = await open_phone(served_app, schema, f"/p/{tokens(served_app)[0]}", cls=Probe)
        attacker = await open_phone(served_app, schema, "/")
        attacker.send_text("42/_event," + json.dumps(["event", {"name": "x", "payload": {"a": "b" * 40_000}}]))
        closed = await wait_until(lambda: attacker.error is not None, 5)
        return closed, attacker.error, await probe.round_trips(schema, 3), probe.error

    closed, error, during, probe_error = run(attack())
    assert closed and "1009" in error
    assert probe_error is None and max(during) < ROUND_TRIP_BOUND


def test_a_crowd_of_screens_from_one_address_gets_no_room(served_app, schema):
    async def attack():
        address = new_address()
        screens = []
        for _ in range(11):
            screens.append(await open_phone(served_app, schema, "/screen/demo", address=address, keep=True))
        screen = schema.state("____screen_state")
        for phone in screens:
            await wait_until(sent(phone, screen, "loaded"), 10)
        refused = [values(s, screen, "refused")[-1] if values(s, screen, "refused") else False for s in screens]
        other = await open_phone(served_app, schema, "/screen/demo", keep=True)
        await wait_until(sent(other, screen, "loaded"), 10)
        return refused, values(other, screen, "refused")

    refused, other = run(attack())
    assert refused[:10] == [False] * 10 and refused[10] is True
    assert not (other and other[-1])  # another address still gets its screen


def test_unknown_participant_tokens_are_limited_per_address(served_app, schema):
    async def attack():
        address = new_address()
        participant = schema.state("____participant_state")
        outcomes = []
        for index in range(31):
            phone = await open_phone(served_app, schema, f"/p/not-a-token-{index}", address=address, keep=True)
            await wait_until(sent(phone, participant, "loaded"), 10)
            outcomes.append(values(phone, participant, "refused_wait")[-1:] or [0])
            phone.close()
        real = await open_phone(served_app, schema, f"/p/{tokens(served_app)[0]}", address=address, keep=True)
        await wait_until(sent(real, participant, "loaded"), 10)
        elsewhere = await open_phone(served_app, schema, f"/p/{tokens(served_app)[0]}", keep=True)
        await wait_until(sent(elsewhere, participant, "found"), 10)
        return outcomes, values(real, participant, "found"), values(elsewhere, participant, "found")

    outcomes, real, elsewhere = run(attack())
    assert [o[0] for o in outcomes[:30]] == [0] * 30 and outcomes[30][0] > 0
    assert real[-1] is False  # this address waits a minute, even with a real link
    assert elsewhere[-1] is True  # other addresses are not affected


def test_a_tab_token_without_the_cookie_resumes_no_console(served_app, schema, new_page, live_event):
    console = new_page(locale="en-GB")
    console.goto(served_app.url("/organiser"))
    console.locator("#organiser-key").fill(live_event.key)
    console.locator("#login").click()
    console.locator("#event-name").wait_for()
    tab_token = console.evaluate("window.sessionStorage.getItem('token')")
    assert tab_token
    console.context.close()  # the organiser closes the tab; its token stays in a proxy log
    time.sleep(1)

    async def steal():
        thief = await open_phone(served_app, schema, "/organiser", token=tab_token, keep=True)
        organiser = schema.state("____organiser_state")
        await asyncio.sleep(1.5)
        thief.send_event(f"{organiser}.next_round", {"expected_round": 0, "clicks": 1})
        await asyncio.sleep(1.5)
        return json.dumps([packet.data for _, packet in thief.received]), values(thief, organiser, "authorised")

    seen, authorised = run(steal())
    assert live_event.slug not in seen and f"Live {live_event.slug}" not in seen
    assert True not in authorised
    assert phase_of(served_app, live_event.slug) == (Phase.BEFORE, 0)


# --- HTTP ------------------------------------------------------------------------------------------------------


def test_wrong_api_keys_are_cheap_then_refused(served_app, live_event):
    address = new_address()
    headers = {"X-Forwarded-For": address, "Authorization": "Bearer not-the-key"}
    url = served_app.url(f"/api/events/{live_event.slug}/next-round")
    with ThreadPoolExecutor(24) as pool:
        answers = list(pool.map(lambda _: httpx.post(url, headers=headers, timeout=30), range(24)))
    statuses = sorted(answer.status_code for answer in answers)
    # (that a wrong key costs no slow hash is tests/test_api.py's test_a_wrong_key_costs_no_slow_hash)
    assert statuses.count(401) == 20 and statuses.count(429) == 4
    refused = [answer for answer in answers if answer.status_code == 429][0]
    assert int(refused.headers["Retry-After"]) > 0
    assert phase_of(served_app, live_event.slug) == (Phase.BEFORE, 0)


def _raw_post(app, path: str, headers: dict[str, str], body: bytes) -> tuple[int, float]:
    """An HTTP/1.1 POST over a plain socket (to announce a length it does not send); status and seconds."""
    import socket

    request = f"POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
    request += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", app.port), timeout=10) as sock:
        sock.sendall(request.encode() + body)
        answer = sock.recv(4096)
    return int(answer.split(b" ", 2)[1]), time.perf_counter() - started


def test_a_32_mb_body_is_refused_before_it_is_read(served_app, live_event):
    path = f"/api/events/{live_event.slug}/next-round"
    headers = {"X-Forwarded-For": new_address(), "Authorization": f"Bearer {live_event.key}"}
    status, seconds = _raw_post(served_app, path, {**headers, "Content-Length": str(32 * 2**20)}, b"{" * 1024)
    assert status == 413 and seconds < 2  # answered from the announced length, 32 MB never sent
    url = served_app.url(path)
    streamed = httpx.post(url, headers=headers, content=iter([b" " * 65536] * 512), timeout=30)  # chunked, 32 MB
    assert streamed.status_code == 413
    assert phase_of(served_app, live_event.slug) == (Phase.BEFORE, 0)
    assert server_is_up(served_app)


def test_the_key_is_checked_before_the_body_is_parsed(served_app, live_event):
    url = served_app.url(f"/api/events/{live_event.slug}/next-round")
    address = new_address()
    for body in (b"{not json", b"[" * 1000 + b"]" * 1000):
        assert httpx.post(url, content=body, headers={"X-Forwarded-For": address}, timeout=30).status_code == 401
    keyed = {"X-Forwarded-For": new_address(), "Authorization": f"Bearer {live_event.key}"}
    nested = httpx.post(url, content=b"[" * 1500 + b"]" * 1500, headers=keyed, timeout=30)
    assert nested.status_code == 400 and nested.json()["error"] == "api_bad_json"
    assert phase_of(served_app, live_event.slug) == (Phase.BEFORE, 0)


def test_console_logins_are_limited_per_address(served_app):
    address = new_address()
    locations = []
    for _ in range(11):
        answer = httpx.post(served_app.url("/api/console/login"), data={"organiser_key": "wrong"},
                            headers={"X-Forwarded-For": address}, timeout=30)
        assert answer.status_code == 303 and "set-cookie" not in answer.headers
        locations.append(answer.headers["location"])
    assert locations[:10] == ["/organiser?login=bad_key"] * 10
    assert locations[10].startswith("/organiser?login=rate_limited&wait=")


def test_the_key_never_reaches_the_log(served_app, live_event):
    httpx.post(served_app.url("/api/console/login"), data={"organiser_key": live_event.key + "x"},
               headers={"X-Forwarded-For": new_address()}, timeout=30)
    httpx.post(served_app.url(f"/api/events/{live_event.slug}/pause"),
               headers={"X-Forwarded-For": new_address(), "Authorization": f"Bearer {live_event.key}x"}, timeout=30)
    assert live_event.key not in served_app.log.read_text(errors="replace")


# --- server-side state: a cache that may be forgotten ---------------------------------------------------------


def test_a_page_whose_state_was_forgotten_is_reattached_on_its_next_event(served_app, schema):
    """What an expired (30 min idle) or restarted state looks like: a tab token the server has no state for,
    whose page sends an event without a page load first. The answer carries the event's live fields."""

    async def scenario():
        phone = Probe(served_app.base_url, f"/p/{tokens(served_app)[0]}", schema=None, keep=True,
                      headers={"X-Forwarded-For": new_address()})
        await phone.connect()
        assert await wait_until(lambda: phone.connected_at is not None, 10), phone.error
        await phone.round_trip(schema)
        await asyncio.sleep(0.5)
        participant = schema.state("____participant_state")
        return values(phone, participant, "total_rounds"), values(phone, participant, "organisation")

    total_rounds, organisation = run(scenario())
    assert total_rounds and total_rounds[-1] == 10
    assert organisation and organisation[-1]
