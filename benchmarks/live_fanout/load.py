"""The load: N phones of one event (``harness.phone``), and one measured run (join, rounds, own action, memory)."""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass, field

import httpx

from harness.phone import FrontendSchema, Phone
from harness.served import ServedApp

from .common import CHROMIUM, CHROMIUM_ARGS, log, percentile, self_cpu


@dataclass
class Target:
    """What the phones of a run look for in the deltas."""

    schema: FrontendSchema
    hydrated_state: str  # full state name whose ``hydrated_var`` becomes non-empty once on_load ran
    hydrated_var: str
    round_state: str  # full state name carrying ``round_var``
    round_var: str
    language_state: str  # full state name with a ``choose(lang)`` handler


class LoadPhone(Phone):
    """A phone on the participant page ``/p/<token>``: hydrated when its own state arrived; records when each
    round number first reached it."""

    def __init__(self, target: Target, base_url: str, token: str) -> None:
        super().__init__(base_url, f"/p/{token}", query={"token": token}, schema=target.schema)
        self.target = target
        self.rounds: dict[int, float] = {}  # round number -> arrival (perf_counter)

    def is_hydrated(self, delta: dict) -> bool:
        own = delta.get(self.target.hydrated_state)
        return bool(own and own.get(self.target.hydrated_var))

    def on_update(self, update: dict, at: float) -> None:
        super().on_update(update, at)
        live = (update.get("delta") or {}).get(self.target.round_state)
        if live and self.target.round_var in live:
            self.rounds.setdefault(int(live[self.target.round_var]), at)


class LoadRun:
    def __init__(self, target: Target, base_url: str) -> None:
        self.target = target
        self.base_url = base_url
        self.phones: list[LoadPhone] = []

    def last_frame(self) -> float:
        return max((p.last_frame_at for p in self.phones if p.last_frame_at is not None), default=0.0)

    async def open_phones(self, tokens: list[str], timeout: float, concurrency: int) -> dict:
        """Connect every phone at once (at most ``concurrency`` TCP handshakes in flight); wait for hydration."""
        gate = asyncio.Semaphore(concurrency)
        began = time.perf_counter()

        async def one(token: str) -> None:
            async with gate:
                phone = LoadPhone(self.target, self.base_url, token)
                await phone.connect()
                self.phones.append(phone)
            await phone.wait_hydrated(timeout - (time.perf_counter() - began))

        await asyncio.gather(*(one(token) for token in tokens))
        hydrated = [p for p in self.phones if p.hydrated_at is not None]
        per_phone = [p.hydrated_at - p.started_at for p in hydrated]
        # Settled: no phone received a frame for a second (the SharedState baseline keeps fanning out the joins).
        while time.perf_counter() - began < timeout and time.perf_counter() - self.last_frame() < 1.0:
            await asyncio.sleep(0.05)
        return {
            "settled_s": self.last_frame() - began,
            "join_frames_per_phone": sum(p.frames for p in self.phones) / max(1, len(self.phones)),
            "hydrated": len(hydrated),
            "join_s": (max(p.hydrated_at for p in hydrated) - began) if hydrated else math.nan,
            "join_p50_ms": percentile(per_phone, 50) * 1000,
            "join_p95_ms": percentile(per_phone, 95) * 1000,
            "errors": sorted({p.error for p in self.phones if p.error})[:5],
        }

    def close(self) -> None:
        for phone in self.phones:
            phone.close()


@dataclass
class RunResult:
    label: str
    n: int
    hydrated: int = 0
    join_s: float = math.nan
    join_per_phone_ms: float = math.nan
    join_p50_ms: float = math.nan
    join_p95_ms: float = math.nan
    join_cpu_ms_per_phone: float = math.nan
    settled_s: float = math.nan  # until no phone received a frame for a second
    join_frames_per_phone: float = math.nan
    rounds: int = 0
    delivered: list[int] = field(default_factory=list)  # phones that got each round
    latency_p50_ms: float = math.nan
    latency_p95_ms: float = math.nan
    latency_max_ms: float = math.nan
    first_ms: list[float] = field(default_factory=list)  # per round: fastest phone
    last_ms: list[float] = field(default_factory=list)  # per round: slowest phone
    api_ms: list[float] = field(default_factory=list)  # per round: HTTP answer of the API call
    round_cpu_ms: list[float] = field(default_factory=list)  # per round: server CPU during the fan-out window
    frames_to_others: int = -1
    others_receiving: int = -1
    sender_frames: int = -1
    rss_idle_mb: float = math.nan
    rss_joined_mb: float = math.nan
    rss_mb: float = math.nan
    rss_max_process_mb: float = math.nan
    server_processes: int = 0
    client_cpu_s: float = math.nan
    quiet_s: float = math.nan  # after the join, until the servers' CPU was quiet (the rounds start after it)
    login_ms: list[float] = field(default_factory=list)  # per instance: the organiser's console login before round 1
    server: str = "granian"  # the server configuration (cli.SERVERS)
    phone_processes: int = 0  # 0: the phones ran in the measuring process
    instances: int = 1  # backend instances (behind nginx when more than one, or when ``behind``)
    behind: str = ""  # "nginx" when the phones went through nginx
    rss_idle_each_mb: list[float] = field(default_factory=list)  # per server (instance)
    rss_joined_each_mb: list[float] = field(default_factory=list)
    rss_each_mb: list[float] = field(default_factory=list)
    rss_others_mb: dict = field(default_factory=dict)  # Redis, nginx, PostgreSQL, the engine worker at the end
    # PSS: shared pages divided among the processes sharing them (a forked worker and its supervisor)
    pss_idle_mb: float = math.nan
    pss_joined_mb: float = math.nan
    pss_mb: float = math.nan
    pss_idle_each_mb: list[float] = field(default_factory=list)
    pss_joined_each_mb: list[float] = field(default_factory=list)
    pss_each_mb: list[float] = field(default_factory=list)
    browser_ms: list[float] = field(default_factory=list)  # Chromium cross-check: #round-number change per round
    browser_phones_p50_ms: list[float] = field(default_factory=list)  # load phones' median in the same rounds
    # The rounds sent while another event re-planned on the same instance (``during``): the latencies of those
    # rounds alone, and what the re-plans did (``replans.ReplanLoad.summary``)
    busy_rounds: int = 0
    busy_p50_ms: float = math.nan
    busy_p95_ms: float = math.nan
    busy_max_ms: float = math.nan
    busy_replans: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


BROWSER_WATCH = """() => {
  window.__roundChanges = [];
  let last = document.getElementById('round-number')?.textContent ?? '';
  const check = () => {
    const el = document.getElementById('round-number');
    const text = el ? el.textContent : '';
    if (text !== last) { last = text; window.__roundChanges.push([Date.now(), text]); }
  };
  new MutationObserver(check).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def usage_of(servers: list) -> dict[str, float]:
    """RSS and CPU summed over the servers' process trees; the RSS of each server (instance) apart."""
    each = [server.usage() for server in servers]
    return {
        "rss_mb": sum(u["rss_mb"] for u in each),
        "pss_mb": sum(u["pss_mb"] for u in each),
        "pss_each_mb": [u["pss_mb"] for u in each],
        "rss_max_process_mb": max((u["rss_max_process_mb"] for u in each), default=0.0),
        "cpu_s": sum(u["cpu_s"] for u in each),
        "processes": sum(u["processes"] for u in each),
        "rss_each_mb": [u["rss_mb"] for u in each],
    }


async def measure(
    label: str,
    servers: list[ServedApp],
    base_url: str,
    fleet,
    tokens: list[str],
    api_path: str,
    api_key: str | None,
    rounds: int,
    gap: float,
    join_timeout: float,
    concurrency: int,
    browser_token: str | None,
    during=None,
) -> RunResult:
    """One measured run: ``fleet`` (``fleet.LocalFleet`` or ``fleet.ProcessFleet``) opens the phones on
    ``base_url`` (one server, or nginx in front of several), the API there advances the rounds; the memory and CPU
    are those of ``servers`` (summed; ``rss_each_mb`` per server). With ``during`` (an async context manager
    factory, ``replans.replanning``), ``rounds`` more rounds go out inside it, measured apart (``busy_*``)."""
    from .fleet import everywhere

    n = len(tokens)
    result = RunResult(label=label, n=n, phone_processes=fleet.processes)
    cores = len(fleet.cores)
    await fleet.start()
    await asyncio.sleep(2)  # let the fresh server settle before reading its idle size
    idle = usage_of(servers)
    result.rss_idle_mb = idle["rss_mb"]
    result.rss_idle_each_mb = idle["rss_each_mb"]
    result.pss_idle_mb, result.pss_idle_each_mb = idle["pss_mb"], idle["pss_each_mb"]
    cpu0 = idle["cpu_s"]
    client0 = await client_cpu(fleet)
    log(f"{label}: opening {n} phones (server idle RSS {idle['rss_mb']:.0f} MB)")
    began = time.perf_counter()
    shares = [tokens[i::cores] for i in range(cores)]
    opened = await everywhere(fleet, "open", lambda i: (shares[i], join_timeout, concurrency // cores or 1))
    after_join = usage_of(servers)
    hydrated_at = [t for o in opened for t in o["hydrated"]]
    per_phone = [h - s for o in opened for h, s in zip(o["hydrated"], o["started"], strict=True)]
    result.hydrated = len(hydrated_at)
    result.join_s = (max(hydrated_at) - began) if hydrated_at else math.nan
    result.join_per_phone_ms = result.join_s / max(1, result.hydrated) * 1000
    result.join_p50_ms, result.join_p95_ms = percentile(per_phone, 50) * 1000, percentile(per_phone, 95) * 1000
    result.join_cpu_ms_per_phone = (after_join["cpu_s"] - cpu0) / max(1, result.hydrated) * 1000
    result.settled_s = max(o["last_frame"] for o in opened) - began
    result.join_frames_per_phone = sum(o["frames"] for o in opened) / max(1, sum(o["phones"] for o in opened))
    result.errors.extend(sorted({e for o in opened for e in o["errors"]})[:5])
    log(
        f"{label}: {result.hydrated}/{n} hydrated in {result.join_s:.2f} s, settled after "
        f"{result.settled_s:.2f} s, {result.join_frames_per_phone:.1f} frames per phone "
        f"(server CPU {result.join_cpu_ms_per_phone:.1f} ms per phone) {result.errors[:2]}"
    )
    # The rounds start once the servers are done with the join: with Redis an instance may still be writing and
    # answering the join's events seconds after the last phone saw its own participant (and a phone's last frame
    # of the join may come later than one quiet second), so wait until the servers' CPU is quiet for 2 s.
    result.quiet_s = await wait_quiet(servers, timeout=120)
    await asyncio.sleep(2)
    joined = usage_of(servers)
    result.rss_joined_mb = joined["rss_mb"]
    result.rss_joined_each_mb = joined["rss_each_mb"]
    result.pss_joined_mb, result.pss_joined_each_mb = joined["pss_mb"], joined["pss_each_mb"]

    playwright = browser = page = None
    if browser_token:
        from playwright.async_api import async_playwright

        playwright = await async_playwright().start()
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = await browser.new_page()
        await page.goto(f"{base_url}/p/{browser_token}")
        await page.wait_for_selector("#participant-organisation:not(:empty)", timeout=60_000)
        await page.evaluate(BROWSER_WATCH)
        await asyncio.sleep(1)

    async def go(first: int, count: int, tag: str = "") -> list[float]:
        """``count`` next-round calls from round ``first`` + 1; the arrivals (ms after each call) of all of them."""
        latencies: list[float] = []
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
            headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
            for index in range(first, first + count):
                expected = index + 1
                cpu_before = usage_of(servers)["cpu_s"]
                wall0, t0 = time.time(), time.perf_counter()
                response = await client.post(api_path, headers=headers, json={"expected_round": index})
                api_ms = (time.perf_counter() - t0) * 1000
                if response.status_code != 200:
                    result.errors.append(f"round {expected}: API {response.status_code} {response.text[:200]}")
                    break
                arrivals = await everywhere(fleet, "round", lambda i, expected=expected, t0=t0: (expected, t0 + 15))
                got = [(at - t0) * 1000 for share in arrivals for at in share]
                result.round_cpu_ms.append((usage_of(servers)["cpu_s"] - cpu_before) * 1000)
                result.rounds += 1
                result.delivered.append(len(got))
                result.api_ms.append(api_ms)
                result.first_ms.append(min(got, default=math.nan))
                result.last_ms.append(max(got, default=math.nan))
                latencies.extend(got)
                if page is not None:
                    await asyncio.sleep(0.5)
                    changes = await page.evaluate("window.__roundChanges.splice(0)")
                    mine = [stamp for stamp, _text in changes]
                    result.browser_ms.append((mine[0] / 1000 - wall0) * 1000 if mine else math.nan)
                    result.browser_phones_p50_ms.append(percentile(got, 50))
                log(
                    f"{label}: round {expected}{tag}: {len(got)}/{result.hydrated} phones, API {api_ms:.0f} ms, "
                    f"first {min(got, default=math.nan):.0f} ms, p50 {percentile(got, 50):.0f} ms, "
                    f"max {max(got, default=math.nan):.0f} ms"
                    + (f", Chromium {result.browser_ms[-1]:.0f} ms" if page is not None else "")
                )
                await asyncio.sleep(gap)
        return latencies

    if api_key:
        # Before an event the organiser logs in to the console, which checks the key with its slow hash (PBKDF2,
        # 50 ms here) once per process; the console's own rounds never check it again. The API's calls do, once
        # per process (services.security.verify_key): without this login, the first round that reaches each
        # instance paid it and set the p95 of a run (docs/benchmark-live.md). So log in on each instance first.
        async with httpx.AsyncClient(timeout=30) as client:
            for server in servers:
                t0 = time.perf_counter()
                answer = await client.post(server.url("/api/console/login"), data={"organiser_key": api_key})
                result.login_ms.append((time.perf_counter() - t0) * 1000)
                if answer.status_code != 303 or "login=" in answer.headers.get("location", ""):
                    result.errors.append(f"login: {answer.status_code} {answer.headers.get('location', '')}")
        log(f"{label}: organiser logged in on each instance ({', '.join(f'{ms:.0f}' for ms in result.login_ms)} ms)")
    latencies = await go(0, rounds)
    if during is not None:
        # The same number of rounds again while another event re-plans on the instance (``replans.replanning``).
        async with during() as load:
            busy = await go(rounds, rounds, " (another event re-planning)")
        result.busy_rounds = len(result.delivered) - rounds
        result.busy_p50_ms, result.busy_p95_ms = percentile(busy, 50), percentile(busy, 95)
        result.busy_max_ms = max(busy, default=math.nan)
        result.busy_replans = load.summary()
    result.latency_p50_ms = percentile(latencies, 50)
    result.latency_p95_ms = percentile(latencies, 95)
    result.latency_max_ms = max(latencies, default=math.nan)

    # One phone acts on its own (the first of the first core): how many frames reach the others in the next second?
    if result.hydrated >= 2:
        await asyncio.sleep(1)
        before = await everywhere(fleet, "frames")
        await fleet.call(0, "send", f"{target_language(fleet)}.choose", {"lang": "de"})
        await asyncio.sleep(1.0)
        after = await everywhere(fleet, "frames")
        received = [b - a for share_a, share_b in zip(before, after, strict=True)
                    for a, b in zip(share_a, share_b, strict=True)]
        result.sender_frames = received[0]
        result.frames_to_others = sum(received[1:])
        result.others_receiving = sum(1 for count in received[1:] if count)
        log(
            f"{label}: own action: sender got {result.sender_frames} frame(s), the {len(received) - 1} others got "
            f"{result.frames_to_others} frame(s)"
        )

    usage = usage_of(servers)
    result.rss_mb = usage["rss_mb"]
    result.rss_each_mb = usage["rss_each_mb"]
    result.pss_mb, result.pss_each_mb = usage["pss_mb"], usage["pss_each_mb"]
    result.rss_max_process_mb = usage["rss_max_process_mb"]
    result.server_processes = int(usage["processes"])
    lost = await everywhere(fleet, "lost")
    result.client_cpu_s = await client_cpu(fleet) - client0
    if sum(count for count, _error in lost):
        first = next(error for count, error in lost if count)
        result.errors.append(f"{sum(count for count, _e in lost)} phones lost their connection: {first}")
    await fleet.stop()
    if browser is not None:
        await browser.close()
    if playwright is not None:
        await playwright.stop()
    await asyncio.sleep(0.5)
    return result


async def wait_quiet(servers: list, timeout: float, busy: float = 0.15) -> float:
    """Wait until the servers used less than ``busy`` CPU seconds per second (summed) in each of 2 consecutive
    seconds; the seconds it took."""
    began = time.perf_counter()
    quiet = 0
    last = usage_of(servers)["cpu_s"]
    while quiet < 2 and time.perf_counter() - began < timeout:
        await asyncio.sleep(1)
        now = usage_of(servers)["cpu_s"]
        quiet = quiet + 1 if now - last < busy else 0
        last = now
    return time.perf_counter() - began


def target_language(fleet) -> str:
    return fleet.target.language_state


async def client_cpu(fleet) -> float:
    """CPU seconds of the load client: this process, plus the fleet's worker processes."""
    from .fleet import everywhere

    return self_cpu() + (sum(await everywhere(fleet, "cpu")) if fleet.processes else 0.0)
