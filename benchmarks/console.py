"""Benchmark of the organiser console with 300 participants (150 companies + 150 associations), as the user sees it.

Run from the repository root::

    .venv/bin/python -m benchmarks.console              # print the tables
    .venv/bin/python -m benchmarks.console --write      # also write docs/benchmark-console.md
    .venv/bin/python -m benchmarks.console --profile    # also a cProfile of each service call (top functions)

What it does (one backend process, SQLite, no Redis; everything on localhost):

* copies the repository into ``--workdir`` and builds and serves the copy with ``reflex run --env prod``
  (``harness.served``: a production build bakes its port into ``.web/``, the repository's own ``.web`` belongs to
  the test runs);
* generates a registration file of 300 organisations (``benchmarks.schedule.instance``: Zipf-like category
  popularity, mostly French speakers, a few single-language ones, some wishes and avoids, 10 % with an attendance
  window), 12 rounds, 120 tables; and the same for 50 (25 + 25, 10 rounds, 20 tables) as the baseline size;
* per size and repetition, on a fresh event, drives real Chromium (Playwright, ``/usr/bin/chromium``) logged in
  at ``/organiser`` and times, from the click (or the navigation) until the page shows the result:
  **import** (choose the file, click ``import-button`` until ``#import-summary`` and the first row show),
  **participants table** (navigate to ``/organiser/participants`` until the first row shows),
  **schedule** (click ``schedule-button`` until the quality report and every grid row show),
  **grid** (navigate to ``/organiser/schedule`` until every cell of the grid shows),
  **publish** (click ``publish-button`` until ``#schedule-published`` shows);
* then starts the event (``POST /api/events/<slug>/next-round``), connects one raw websocket phone per participant
  (``harness.phone``: the browser's own hydrate, no browser), and marks participants absent in the console
  (search, *manage*, *absent from now*): the time from the click until the console lists the changes, until every
  affected phone holds its new agenda (the phone answers the server's ``reload_agenda`` as the browser does and
  the new agenda arrives), and until every phone heard the new schedule version;
* where the time goes: the same service function alone, in this process, on a twin event (the handler's work
  without Reflex, the websocket or the browser), and in the page, from an init script, when the answer's frame
  arrived (``WebSocket`` message, or the ``/_upload`` response for the import) and when the DOM showed the result
  (``MutationObserver``), both on the page's ``performance.now()`` clock. Click -> frame is the server (handler,
  Reflex's state work, serialisation) plus the transfer; frame -> shown is the browser (parsing, React, layout).

Medians of ``--repeat`` repetitions (3 by default); every run's figures are in the JSON (``--json``).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import csv
import io
import json
import os
import platform
import pstats
import secrets
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.schedule import instance
from harness.phone import FrontendSchema, Phone, wait_until
from harness.served import ServedApp, copy_sources, free_port
from partact_app.core.categories import COMPANY
from partact_app.core.registrations import COLUMNS

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "benchmark-console.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
GOAL_S = 1.0


@dataclass(frozen=True)
class Size:
    companies: int
    associations: int
    rounds: int
    tables: int

    @property
    def n(self) -> int:
        return self.companies + self.associations


SIZES = {300: Size(150, 150, 12, 120), 50: Size(25, 25, 10, 20)}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    values = [v for v in values if v == v]  # no NaN
    return statistics.median(values) if values else float("nan")


# --------------------------------------------------------------------------------------------------------------
# The registration file


def registrations_csv(size: Size, seed: int) -> bytes:
    """``size`` organisations as a registration file (the columns of ``partact import``)."""
    companies, associations = instance(size.companies, size.associations, size.rounds, seed, windows=0.10)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for number, party in enumerate([*companies, *associations]):
        kind = "company" if party.kind == COMPANY else "association"
        row = {column: "" for column in COLUMNS}
        row.update(
            type=kind, organisation=party.name, contact_name=f"Contact {number:03d}",
            email=f"contact{number:03d}@example.org", phone=f"+352 621 {number:06d}",
            languages=";".join(sorted(party.languages)), offers=";".join(sorted(party.offers)),
            needs=";".join(sorted(party.needs)), wishes=";".join(sorted(party.wishes)),
            avoid=";".join(sorted(party.avoid)),
            description=f"{party.name}: a generated participant with a description of a realistic length, so the "
                        "table rows and the agendas weigh what real ones do.",
            present_from_round="" if party.present_from is None else str(party.present_from),
            present_to_round="" if party.present_to is None else str(party.present_to),
        )
        writer.writerow([row[column] for column in COLUMNS])
    return out.getvalue().encode()


# --------------------------------------------------------------------------------------------------------------
# The services alone (the handler's work without Reflex, the websocket and the browser)


class Services:
    """The console's use cases called in this process on the served database, each timed (and profiled)."""

    def __init__(self, db_url: str, profile: bool) -> None:
        self.db_url = db_url
        self.profile = profile
        self.profiles: dict[str, str] = {}

    def timed(self, name: str, slug: str, fn: Callable) -> tuple[float, object]:
        """``fn(session, event)`` in one transaction (as ``_console_call`` runs it); seconds including the commit."""
        from partact_app.db import session_scope
        from partact_app.services import events

        profiler = cProfile.Profile() if self.profile and name not in self.profiles else None  # the first call only
        began = time.perf_counter()
        if profiler:
            profiler.enable()
        with session_scope(self.db_url) as session:
            result = fn(session, events.get_event(session, slug))
        if profiler:
            profiler.disable()
        took = time.perf_counter() - began
        if profiler:
            text = io.StringIO()
            pstats.Stats(profiler, stream=text).sort_stats("cumulative").print_stats(14)
            self.profiles[name] = _trim_profile(text.getvalue())
            took = float("nan")  # a profiled call is slower: not a timing
        return took, result

    def create_event(self, slug: str, size: Size) -> str:
        from partact_app.db import session_scope
        from partact_app.services import events

        with session_scope(self.db_url) as session:
            _event, key = events.create_event(session, slug, name=f"Bench {slug}", rounds=size.rounds,
                                              tables=size.tables, round_minutes=6, start_time="17:30")
        return key

    def participants(self, slug: str) -> list:
        from sqlmodel import select

        from partact_app.db import session_scope
        from partact_app.models import Event, Participant

        with session_scope(self.db_url) as session:
            event = session.exec(select(Event).where(Event.slug == slug)).one()
            rows = session.exec(select(Participant).where(Participant.event_id == event.id)).all()
            return [(p.id, p.organisation, p.kind, p.token) for p in rows]

    def agenda_rounds(self, slug: str, participant_id: int) -> set[int]:
        from sqlmodel import select

        from partact_app.db import session_scope
        from partact_app.models import Event, Meeting

        with session_scope(self.db_url) as session:
            event = session.exec(select(Event).where(Event.slug == slug)).one()
            rows = session.exec(select(Meeting).where(Meeting.event_id == event.id)).all()
            return {m.round for m in rows if participant_id in (m.company_id, m.association_id)}

    def run_all(self, slug: str, data: bytes, absent_ids: Callable[[str], list[int]], repeat: int) -> dict:
        """Each use case of the benchmark on the event ``slug`` (a twin of the browser's): seconds."""
        from partact_app.core.participant_table import TableQuery
        from partact_app.services import attendance, registrations, rounds, scheduling

        out: dict[str, float] = {}
        out["import"], _ = self.timed("import", slug, lambda s, e: registrations.import_registrations(
            s, e.slug, data, "registrations.csv"))
        out["table"] = median([self.timed("table", slug, lambda s, e: registrations.participant_table(
            s, e, TableQuery()))[0] for _ in range(repeat)])
        out["schedule"], _ = self.timed("schedule", slug, lambda s, e: scheduling.generate(s, e))
        # the page reads the overview (quality from the stored meetings, the grid) after generating
        out["grid"] = median([self.timed("grid", slug, lambda s, e: scheduling.schedule_overview(s, e))[0]
                              for _ in range(repeat)])
        out["publish"], _ = self.timed("publish", slug, lambda s, e: scheduling.publish_schedule(s, e))
        self.timed("start", slug, lambda s, e: rounds.next_round(s, e))
        absent = []
        for participant_id in absent_ids(slug)[:repeat]:
            took, _ = self.timed("no-show", slug, lambda s, e, pid=participant_id: attendance.mark_absent(s, e, pid))
            absent.append(took)
        out["no_show"] = median(absent)
        return out


def _trim_profile(text: str) -> str:
    """The function table of a pstats listing, paths shortened."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("ncalls")), 0)
    site = str(Path(os.__file__).parent)
    out = []
    for line in lines[start:]:
        if not line.strip():
            continue
        line = line.replace(str(REPO) + "/", "").replace(site + "/site-packages/", "").replace(site + "/", "")
        out.append(line.rstrip()[:150])
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------------------
# The browser

# Injected before the page's own scripts on every navigation: when frames arrive (and which state vars they carry),
# when the user clicked, and when each target first shows in the DOM; all on performance.now() (ms since the
# navigation started).
WATCH = """
(() => {
  const bench = window.__bench = {frames: [], marks: {}, clickAt: 0};
  const markers = %(markers)s;
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('open', () => { if (!bench.marks.ws_open) bench.marks.ws_open = performance.now(); });
    socket.addEventListener('message', (message) => {
      if (typeof message.data !== 'string' || message.data.length < 3) return;
      bench.frames.push([performance.now(), message.data.length,
                         markers.filter((marker) => message.data.includes(marker))]);
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  document.addEventListener('click', (event) => { bench.clickAt = event.timeStamp; }, true);  // when the input arrived
  const targets = {
    rows: () => document.querySelector('tr[data-organisation]'),
    import_summary: () => document.querySelector('#import-summary'),
    quality: () => document.querySelector('#quality-report'),
    grid: () => {
      const rows = document.querySelectorAll('#schedule-grid tbody tr');
      return rows.length >= %(tables)d && rows[rows.length - 1].querySelectorAll('td').length >= %(rounds)d;
    },
    published: () => document.querySelector('#schedule-published'),
    changes: () => document.querySelector('#replan-changes'),
  };
  const check = () => {
    for (const [name, test] of Object.entries(targets)) {
      if (!bench.marks[name] && test()) bench.marks[name] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true});
})();
"""
MARKERS = ["rows_rx_state_", "grid_rx_state_", "quality_rx_state_", "published_rx_state_", "changes_rx_state_"]
RESET = "() => { window.__bench.frames = []; window.__bench.marks = {}; window.__bench.clickAt = 0; }"
READ = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const upload = performance.getEntriesByType('resource').filter((r) => r.name.includes('/_upload')).pop();
  return {bench: window.__bench, dom_ready: nav ? nav.domContentLoadedEventEnd : 0, origin: performance.timeOrigin,
          upload: upload ? {start: upload.startTime, response: upload.responseStart, end: upload.responseEnd} : null,
          now: performance.now()};
}"""


def _first_frame(seen: dict, marker: str, after: float = 0.0) -> float:
    return next((at for at, _length, markers in seen["bench"]["frames"] if marker in markers and at >= after),
                float("nan"))


def _frame_size(seen: dict, marker: str) -> int:
    return next((length for _at, length, markers in seen["bench"]["frames"] if marker in markers), 0)


@dataclass
class Step:
    """One timed step of one repetition (seconds; NaN when not measured)."""

    total: float = float("nan")  # as the user sees it, on the page's clock: the click or navigation -> shown
    driver: float = float("nan")  # the same seen from this process (adds Playwright's own round trips)
    server: float = float("nan")  # click -> the answer's frame (navigation: the websocket open -> the frame)
    browser: float = float("nan")  # the answer's frame -> shown
    start: float = float("nan")  # navigation: start -> websocket open (HTML, JavaScript, connect)
    frame_kb: float = float("nan")


@dataclass
class SizeResult:
    n: int
    repeat: int
    steps: dict[str, list[Step]] = field(default_factory=dict)
    services: dict[str, list[float]] = field(default_factory=dict)
    no_show: list[dict] = field(default_factory=list)
    phones: int = 0
    phones_hydrated: int = 0
    join_s: float = float("nan")


class Console:
    """One Chromium context logged in to one event."""

    def __init__(self, browser, app: ServedApp, size: Size) -> None:
        self.browser = browser
        self.app = app
        self.size = size
        self.context = None
        self.page = None
        self.clicked_epoch = 0.0

    async def open(self, key: str) -> None:
        self.context = await self.browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(60_000)
        await self.context.add_init_script(
            WATCH % {"markers": json.dumps(MARKERS), "tables": self.size.tables, "rounds": self.size.rounds})
        self.page = await self.context.new_page()
        await self.page.goto(self.app.url("/organiser"))
        await self.page.locator("#organiser-key").fill(key)
        await self.page.locator("#login").click()
        await self.page.locator("#event-name").wait_for()

    async def close(self) -> None:
        if self.context is not None:
            await self.context.close()

    async def navigate(self, path: str, ready: Callable, mark: str, marker: str) -> Step:
        began = time.perf_counter()
        await self.page.goto(self.app.url(path))
        await ready()
        total = time.perf_counter() - began
        seen = await self.page.evaluate(READ)
        await self._wait_mark(mark)
        seen = await self.page.evaluate(READ)
        marks = seen["bench"]["marks"]
        frame = _first_frame(seen, marker)
        return Step(total=marks.get(mark, float("nan")) / 1000, driver=total,
                    start=marks.get("ws_open", float("nan")) / 1000,
                    server=(frame - marks.get("ws_open", float("nan"))) / 1000,
                    browser=(marks.get(mark, float("nan")) - frame) / 1000, frame_kb=_frame_size(seen, marker) / 1024)

    async def click(self, selector: str, ready: Callable, mark: str, marker: str | None) -> Step:
        await self.page.evaluate(RESET)
        began = time.perf_counter()
        await self.page.locator(selector).click()
        await ready()
        total = time.perf_counter() - began
        await self._wait_mark(mark)
        seen = await self.page.evaluate(READ)
        marks, clicked = seen["bench"]["marks"], seen["bench"]["clickAt"]
        if marker is None:  # the import: its answer is the /_upload response, not a websocket frame
            upload = seen["upload"] or {}
            frame, size = upload.get("end", float("nan")), 0
        else:
            frame, size = _first_frame(seen, marker, clicked), _frame_size(seen, marker)
        self.clicked_epoch = (seen["origin"] + clicked) / 1000  # the click on the wall clock (s)
        return Step(total=(marks.get(mark, float("nan")) - clicked) / 1000, driver=total,
                    server=(frame - clicked) / 1000, browser=(marks.get(mark, float("nan")) - frame) / 1000,
                    frame_kb=size / 1024)

    async def _wait_mark(self, mark: str) -> None:
        try:
            await self.page.wait_for_function(f"window.__bench.marks.{mark} > 0", timeout=10_000)
        except Exception:  # the figure is then NaN: reported, not fatal
            log(f"mark {mark} not seen")


# --------------------------------------------------------------------------------------------------------------
# The phones


class AgendaPhone(Phone):
    """A participant page over a raw websocket: hydrated once its organisation arrived; answers the server's
    ``reload_agenda`` (and any event it sends) as the browser does, and records when a new agenda and a new
    schedule version arrived."""

    def __init__(self, base_url: str, token: str, schema: FrontendSchema, state: str) -> None:
        super().__init__(base_url, f"/p/{token}", query={"token": token}, schema=schema)
        self.state = state
        self.agenda_at: list[float] = []
        self.reload_at: list[float] = []
        self.version_at: list[float] = []

    def is_hydrated(self, delta: dict) -> bool:
        own = delta.get(self.state)
        return bool(own and own.get("organisation_rx_state_"))

    def on_update(self, update: dict, at: float) -> None:
        super().on_update(update, at)
        own = (update.get("delta") or {}).get(self.state) or {}
        if "agenda_rx_state_" in own and self.hydrated_at is not None and at > self.hydrated_at:
            self.agenda_at.append(at)
        if "schedule_version_rx_state_" in own and self.hydrated_at is not None and at > self.hydrated_at:
            self.version_at.append(at)
        for event in update.get("events") or []:
            name = event.get("name", "") if isinstance(event, dict) else ""
            if name.startswith(self.state + "."):  # a handler of the page's state: the browser runs it
                if name.endswith(".reload_agenda"):
                    self.reload_at.append(at)
                self.send_event(name, event.get("payload") or {})


async def open_phones(app: ServedApp, schema: FrontendSchema, tokens: list[str]) -> tuple[list[AgendaPhone], float]:
    state = schema.state("____participant_state")
    gate = asyncio.Semaphore(100)
    phones: list[AgendaPhone] = []
    began = time.perf_counter()

    async def one(token: str) -> None:
        async with gate:
            phone = AgendaPhone(app.base_url, token, schema, state)
            phones.append(phone)
            await phone.connect()
            await phone.wait_hydrated(120)

    await asyncio.gather(*(one(token) for token in tokens))
    return phones, time.perf_counter() - began


# --------------------------------------------------------------------------------------------------------------
# One size


async def run_size(browser, app: ServedApp, services: Services, schema: FrontendSchema, size: Size, repeat: int,
                   seed: int, workdir: Path, with_phones: bool) -> SizeResult:
    result = SizeResult(n=size.n, repeat=repeat)
    data = registrations_csv(size, seed)
    path = workdir / f"registrations-{size.n}.csv"
    path.write_bytes(data)
    steps: dict[str, list[Step]] = {name: [] for name in ("import", "table", "schedule", "grid", "publish")}
    last_slug = last_key = ""
    for rep in range(repeat):
        slug, twin = f"c{size.n}-{rep}-{secrets.token_hex(2)}", f"s{size.n}-{rep}-{secrets.token_hex(2)}"
        key = services.create_event(slug, size)
        services.create_event(twin, size)
        log(f"{size.n}: repetition {rep + 1}/{repeat} on {slug}")
        console = Console(browser, app, size)
        await console.open(key)
        page = console.page
        try:
            await page.goto(app.url("/organiser/participants"))
            await page.locator("#checkin-counter").wait_for()
            await page.locator("#import-upload input[type=file]").set_input_files(str(path))
            await page.locator("#import-file-name").wait_for()

            async def imported():
                await page.locator("#import-summary").wait_for()
                await page.locator("tr[data-organisation]").first.wait_for()

            steps["import"].append(await console.click("#import-button", imported, "rows", None))

            async def rows():
                await page.locator("tr[data-organisation]").first.wait_for()

            steps["table"].append(await console.navigate("/organiser/participants", rows, "rows", "rows_rx_state_"))

            await page.goto(app.url("/organiser/schedule"))
            await page.locator("#schedule-none").wait_for()

            async def grid_shown():
                await page.locator("#quality-report").wait_for()
                await page.wait_for_function("window.__bench.marks.grid > 0")

            steps["schedule"].append(await console.click("#schedule-button", grid_shown, "grid", "grid_rx_state_"))

            async def grid_again():
                await page.wait_for_function("window.__bench.marks.grid > 0")

            steps["grid"].append(await console.navigate("/organiser/schedule", grid_again, "grid", "grid_rx_state_"))

            async def published():
                await page.locator("#schedule-published").wait_for()

            steps["publish"].append(await console.click("#publish-button", published, "published",
                                                        "published_rx_state_"))
        finally:
            await console.close()
        for name, step in steps.items():
            log(f"{size.n}: {name}: {step[-1].total:.3f} s (click/open -> frame {step[-1].server:.3f}, "
                f"frame -> shown {step[-1].browser:.3f})")
        timings = services.run_all(twin, data, lambda s: _absentees(services, s, size, repeat), repeat)
        for name, seconds in timings.items():
            result.services.setdefault(name, []).append(seconds)
        log(f"{size.n}: services alone {json.dumps({k: round(v, 3) for k, v in timings.items()})}")
        last_slug, last_key = slug, key
    result.steps = steps
    await no_show(browser, app, services, schema, size, last_slug, last_key, repeat, with_phones, result)
    return result


def _absentees(services: Services, slug: str, size: Size, count: int) -> list[int]:
    """Companies that have a meeting in every later round (a no-show of theirs changes someone's agenda)."""
    people = sorted((p for p in services.participants(slug) if p[2] == "company"), key=lambda p: p[1])
    chosen = []
    for participant_id, _name, _kind, _token in people:
        if {3, size.rounds} <= services.agenda_rounds(slug, participant_id):
            chosen.append(participant_id)
        if len(chosen) == count:
            break
    return chosen


async def no_show(browser, app: ServedApp, services: Services, schema: FrontendSchema, size: Size, slug: str,
                  key: str, repeat: int, with_phones: bool, result: SizeResult) -> None:
    """Round 1 under way, a phone per participant, then ``repeat`` no-shows marked in the console."""
    async with httpx.AsyncClient(base_url=app.base_url, timeout=30) as client:
        answer = await client.post(f"/api/events/{slug}/next-round", headers={"Authorization": f"Bearer {key}"})
        answer.raise_for_status()
    people = services.participants(slug)
    phones: list[AgendaPhone] = []
    if with_phones:
        phones, took = await open_phones(app, schema, [p[3] for p in people])
        result.phones = len(phones)
        result.phones_hydrated = sum(p.hydrated_at is not None for p in phones)
        result.join_s = took
        log(f"{size.n}: {result.phones_hydrated}/{len(phones)} phones hydrated in {took:.1f} s")
        await asyncio.sleep(3)  # the join settles (and the 2 s broadcast poll passes)
    names = {p[0]: p[1] for p in people}
    console = Console(browser, app, size)
    await console.open(key)
    page = console.page
    try:
        await page.goto(app.url("/organiser/participants"))
        await page.locator("tr[data-organisation]").first.wait_for()
        for participant_id in _absentees(services, slug, size, repeat):
            name = names[participant_id]
            await page.locator("#participant-search").fill(name)
            row = page.locator(f'tr[data-organisation="{name}"]')
            await row.wait_for()  # page 1 without a search holds associations only: the search found it
            await row.locator('[data-action="manage"]').click()
            await page.locator("#absent-now").wait_for()
            for phone in phones:
                phone.agenda_at.clear()
                phone.reload_at.clear()
                phone.version_at.clear()

            async def listed():
                await page.locator("#replan-changes").wait_for()

            step = await console.click("#absent-now", listed, "changes", "changes_rx_state_")
            # the phones' arrival times (perf_counter) from the click in the page (wall clock): one machine, one clock
            began = console.clicked_epoch - (time.time() - time.perf_counter())
            live = [p for p in phones if p.hydrated_at is not None]
            await wait_until(lambda: all(p.version_at for p in live) and all(
                p.agenda_at for p in live if p.reload_at), timeout=15)
            await asyncio.sleep(0.5)  # late reloads
            affected = [p for p in live if p.reload_at]
            agenda = [p.agenda_at[0] - began for p in affected if p.agenda_at]
            heard = [p.version_at[0] - began for p in live if p.version_at]
            told = [p.reload_at[0] - began for p in affected]
            entry = {
                "console": step.total, "console_server": step.server, "console_browser": step.browser,
                "affected": len(affected), "affected_updated": len(agenda),
                "affected_told_max": max(told, default=float("nan")),
                "affected_max": max(agenda, default=float("nan")),
                "affected_median": median(agenda),
                "all_heard_max": max(heard, default=float("nan")), "phones_heard": len(heard),
                "others_reloaded": sum(1 for p in live if p.agenda_at and not p.reload_at),
            }
            result.no_show.append(entry)
            log(f"{size.n}: no-show of {name}: console {step.total:.3f} s; {len(agenda)}/{len(affected)} affected "
                f"phones updated, last {entry['affected_max']:.3f} s; {len(heard)}/{len(live)} phones heard the "
                f"new version, last {entry['all_heard_max']:.3f} s")
            close = page.locator("#replan-changes-close")
            if await close.count():
                await close.click()
                await page.locator("#replan-changes").wait_for(state="detached")
            await page.locator("#participant-search").fill("")
            await asyncio.sleep(1)
    finally:
        await console.close()
        for phone in phones:
            phone.close()


# --------------------------------------------------------------------------------------------------------------
# The report

STEP_NAMES = {
    "import": "Import (click `import-button` -> summary and rows shown)",
    "table": "Participants table (open `/organiser/participants` -> first row shown)",
    "schedule": "Schedule (click `schedule-button` -> quality report and grid shown)",
    "grid": "Grid (open `/organiser/schedule` -> every cell shown)",
    "publish": "Publish (click `publish-button` -> \"published\" shown)",
}


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> dict:
    import importlib.metadata as metadata

    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "reflex": metadata.version("reflex"),
        "platform": platform.platform(terse=True),
    }


def _s(value: float) -> str:
    return "–" if value != value else f"{value:.2f}"


def _verdict(value: float) -> str:
    return "–" if value != value else ("yes" if value < GOAL_S else "**no**")


def render(data: dict) -> str:
    m = data["machine"]
    lines = [
        f"Measured {m['date']} on {m['cpus']} CPUs ({m['platform']}, Python {m['python']}, Reflex {m['reflex']}); "
        f"load average before {data['load_before']}, after {data['load_after']}; `{data['argv']}`. "
        f"Seconds, median of {data['repeat']} repetitions."
        + (" The first call of each service at 300 ran under cProfile (`--profile`) and is among the medians."
           if data.get("profiles") and not data.get("profiled_calls_excluded") else ""),
        "",
    ]
    sizes = sorted(data["sizes"], key=lambda r: -r["n"])
    header = "| step | " + " | ".join(f"{r['n']}: shown | {r['n']}: service alone" for r in sizes) + " | under 1 s (300) |"
    lines += [header, "|---" * (2 * len(sizes) + 2) + "|"]
    main = sizes[0]
    for name, label in STEP_NAMES.items():
        cells = []
        for r in sizes:
            cells += [_s(median([s["total"] for s in r["steps"][name]])), _s(median(r["services"].get(name, [])))]
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {_verdict(median([s['total'] for s in main['steps'][name]]))} |")
    for r in sizes:
        if not r["no_show"]:
            continue
    lines += ["", "Where the time goes, 300 participants (seconds, medians; *server* = click -> the answer's frame "
              "in the page, or for a navigation websocket open -> the data frame; *browser* = that frame -> the DOM "
              "shows it; *start* = navigation -> websocket open; the service alone is the same work as inside *server*, timed "
              "apart in this process, so on a loaded machine it can come out larger):", "",
              "| step | shown | start | server | of which the service alone | browser | answer frame (KB) | "
              "seen by Playwright |", "|---|---|---|---|---|---|---|---|"]
    for name, label in STEP_NAMES.items():
        steps = main["steps"][name]
        lines.append(
            f"| {label.split(' (')[0]} | {_s(median([s['total'] for s in steps]))} | "
            f"{_s(median([s['start'] for s in steps]))} | {_s(median([s['server'] for s in steps]))} | "
            f"{_s(median(main['services'].get(name, [])))} | {_s(median([s['browser'] for s in steps]))} | "
            f"{median([s['frame_kb'] for s in steps]):.0f} | {_s(median([s['driver'] for s in steps]))} |")
    lines += ["", "No-show during round 1 (`absent-now` in the console; seconds from the click):", "",
              "| participants | phones | console lists the changes | of which server / browser | service alone | "
              "affected phones | affected phones updated (median / last) | every phone heard the new version "
              "(last) | unaffected phones that reloaded |", "|---|---|---|---|---|---|---|---|---|"]
    for r in sizes:
        ns = r["no_show"]
        if not ns:
            continue
        lines.append(
            f"| {r['n']} | {r['phones_hydrated']}/{r['phones']} | {_s(median([x['console'] for x in ns]))} | "
            f"{_s(median([x['console_server'] for x in ns]))} / {_s(median([x['console_browser'] for x in ns]))} | "
            f"{_s(median(r['services'].get('no_show', [])))} | "
            f"{', '.join(str(x['affected']) for x in ns)} | {_s(median([x['affected_median'] for x in ns]))} / "
            f"{_s(median([x['affected_max'] for x in ns]))} | {_s(median([x['all_heard_max'] for x in ns]))} | "
            f"{sum(x['others_reloaded'] for x in ns)} |")
    lines += ["", "Every repetition (300): " + "; ".join(
        f"{name} " + ", ".join(_s(s["total"]) for s in main["steps"][name]) for name in STEP_NAMES)
        + "; no-show (console, last affected phone) " + ", ".join(
        f"{_s(x['console'])}/{_s(x['affected_max'])}" for x in main["no_show"]) + "."]
    if data.get("server_samples", {}).get("top"):
        samples = data["server_samples"]
        lines += ["", f"<details><summary>py-spy on the server, the whole run ({samples['samples']} samples at "
                  f"{samples['rate']} Hz over all its threads; share of samples whose stack holds the function)"
                  "</summary>", "", "| function | samples | seconds |", "|---|---|---|"]
        lines += [f"| `{name}` | {count} | {count / samples['rate']:.1f} |" for name, count in samples["top"]]
        lines += ["", "</details>"]
    if data.get("profiles"):
        lines += ["", "<details><summary>cProfile of the service calls (300, first call, top by cumulative time)"
                  "</summary>", ""]
        for name, text in data["profiles"].items():
            lines += [f"`{name}`:", "", "```", text, "```", ""]
        lines += ["</details>"]
    return "\n".join(lines)


BEGIN, END = "<!-- results: begin -->", "<!-- results: end -->"


def write_document(data: dict) -> None:
    """Replace the generated block of docs/benchmark-console.md (the reading around it is kept)."""
    text = DOC.read_text()
    head, rest = text.split(BEGIN, 1)
    _old, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{BEGIN}\n{render(data)}\n{END}{tail}")


# --------------------------------------------------------------------------------------------------------------
# Running it


async def run(args: argparse.Namespace, argv: list[str]) -> dict:
    from playwright.async_api import async_playwright

    from partact_app import db

    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    app_dir = copy_sources(REPO, work / "app")
    db_path = work / "console.db"
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_url = f"sqlite:///{db_path}"
    db.upgrade(db_url)
    app = ServedApp(app_dir, port=args.port or free_port(), db_url=db_url, log=work / "server.log",
                    env={"PARTACT_LANG": "en", "PYTHONDONTWRITEBYTECODE": "1"}, reflex_args=["--loglevel", "warning"])
    data: dict = {"machine": machine(), "argv": " ".join(["python -m benchmarks.console", *argv]),
                  "repeat": args.repeat, "load_before": load_average(), "sizes": []}
    log(f"load average {data['load_before']}; building and serving {app_dir}")
    services = Services(db_url, args.profile)
    spy = None
    try:
        log(f"server up in {app.start():.1f} s")
        if args.py_spy:
            spy = subprocess.Popen(
                [str(args.py_spy), "record", "--pid", str(app.process.pid), "--subprocesses", "--nonblocking",
                 "--rate", "100", "--format", "raw", "-o", str(work / "py-spy.txt")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        schema = FrontendSchema.read(app_dir)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for n in sorted((int(x) for x in args.n.split(",")), reverse=True):
                    size = SIZES[n]
                    services.profile = args.profile and n == max(SIZES)
                    result = await run_size(browser, app, services, schema, size, args.repeat, args.seed, work,
                                            with_phones=not args.no_phones)
                    data["sizes"].append(_plain(result))
            finally:
                await browser.close()
    finally:
        if spy is not None:
            spy.send_signal(signal.SIGINT)  # py-spy writes its samples when interrupted
            spy.wait(timeout=60)
        app.stop()
    if spy is not None:
        data["server_samples"] = summarise_samples(work / "py-spy.txt")
    data["load_after"] = load_average()
    data["profiles"] = services.profiles
    data["profiled_calls_excluded"] = True
    return data


def summarise_samples(path: Path, top: int = 25) -> dict:
    """py-spy's raw samples of the server: per function of partact_app (and Reflex's event processing), the share
    of the samples whose stack holds it (inclusive), over the whole run."""
    counts: dict[str, int] = {}
    total = 0
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return {}
    for line in lines:
        stack, _, number = line.rpartition(" ")
        if not number.isdigit():
            continue
        total += int(number)
        seen = set()
        for frame in stack.split(";"):
            name, _, where = frame.partition(" (")
            where = where.rsplit(":", 1)[0]
            if "partact_app/" in where:
                key = f"{where.split('partact_app/', 1)[1]}:{name}"
            elif "reflex" in where and name in ("process_event", "_process_event_queue_entry", "chain_updates",
                                                 "get_delta", "emit_update", "_as_state_update"):
                key = f"reflex:{name}"
            else:
                continue
            if key not in seen:
                seen.add(key)
                counts[key] = counts.get(key, 0) + int(number)
    ranked = sorted(counts.items(), key=lambda item: -item[1])[:top]
    return {"samples": total, "rate": 100, "top": ranked}


def _plain(result: SizeResult) -> dict:
    from dataclasses import asdict

    return asdict(result)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.console", description=__doc__.split("\n")[0])
    parser.add_argument("--n", default="300,50", help="sizes: 300 and/or 50 (default both; 50 is the baseline)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per size (median; default 3)")
    parser.add_argument("--no-phones", action="store_true", help="the no-show without phones")
    parser.add_argument("--profile", action="store_true", help="cProfile each service call (300 only)")
    parser.add_argument("--py-spy", type=Path, help="path of a py-spy binary: sample the server during the run")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/partact-console-bench"),
                        help="where the copy is built and served (kept: later builds take seconds)")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    parser.add_argument("--from-json", type=Path, help="do not measure: render these raw results")
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(REPO)}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.from_json:
        data = json.loads(args.from_json.read_text())
    else:
        data = asyncio.run(run(args, argv))
        if args.json:
            args.json.write_text(json.dumps(data, indent=1, default=str))
    print(render(data))
    if args.write:
        write_document(data)
        log(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
