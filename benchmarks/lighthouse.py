"""Lighthouse on the pages people use, against a blank Reflex page built in the same run (docs/benchmark-pages.md).

``python -m benchmarks.lighthouse [--runs 3] [--loads 3] [--workdir DIR]`` (or ``make benchmark-pages``):

1. copies the repository and ``benchmarks/baseline_app`` (its ``/`` is a blank Reflex 0.10 page) into a work
   directory, builds both in production mode and serves them (harness/served.py);
2. creates the demo event and starts round 1 (the participant page "during a round");
3. runs Lighthouse 12 (``benchmarks/web-tools``, ``make web-tools``) with its default mobile preset (simulated
   slow 4G, 4x slower CPU) on Debian's Chromium, ``--runs`` times per page: the participant page, the console
   logged in (its session cookie as an extra header; in English, Chromium's language, and again in a French
   browser, the language the pages are built in), the big screen and the blank page; prints the median of the
   four category scores, FCP, LCP, TBT, Speed Index and the transferred bytes;
4. loads the participant page ``--loads`` times on emulated Fast 3G in Chromium (benchmarks/live_fanout/page_weight):
   compressed bytes in all and when ``#table-number`` is visible;
5. starts the next round and loads the participant page, the console and the big screen ``--loads`` times in
   Chromium on a 4x slower CPU (benchmarks/slow_cpu.py: measured, where Lighthouse simulates): when the content
   shows, the blocking time, and the script time a second once the page is at rest with its countdown running;
6. with ``--production``, the same three pages as a production deployment serves them: one instance of
   ``make run-cluster``'s deployment (harness/cluster.py: PostgreSQL, Redis, nginx from ``deploy/nginx.conf``) with
   HTTPS and HTTP/2 on a self-signed certificate, at ``https://127.0.0.1:PORT`` (Chromium told to accept it).

``--compare REF`` measures a change instead: the three pages of this tree (with its uncommitted changes) and of git
revision ``REF``, built side by side and served at once, ``--runs`` Lighthouse runs of each alternating between the
two builds, each Lighthouse run followed by one load of the same page on the 4x slower CPU (each run starts a new
round on both, so that the countdown runs during the loads).

The figures go to stdout as Markdown (and to ``--json``); nothing here asserts a threshold.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import httpx

from benchmarks.live_fanout.common import BASELINE_APP, CHROMIUM, REPO, console_cookie, log
from benchmarks.live_fanout.page_weight import page_weight
from benchmarks.slow_cpu import medians, slow_cpu
from harness.served import VENV_BIN, Demo, ServedApp, copy_sources

LIGHTHOUSE = REPO / "benchmarks" / "web-tools" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {  # audit id -> (column, scale)
    "first-contentful-paint": ("FCP s", 1 / 1000),
    "largest-contentful-paint": ("LCP s", 1 / 1000),
    "total-blocking-time": ("TBT ms", 1),
    "speed-index": ("SI s", 1 / 1000),
    "total-byte-weight": ("KB", 1 / 1000),
}


# What each page shows once it has its state: when it is laid out with its text, the page is there.
SHOWN = {"participant page": "#table-number", "console, logged in": "#room-now", "big screen": "#partnership-count"}


def lighthouse(url: str, out: Path, headers: dict[str, str] | None = None, self_signed: bool = False,
               language: str | None = None) -> dict:
    """One Lighthouse run (mobile preset, simulated throttling); the scores and metrics that matter here.
    ``self_signed``: the HTTPS server presents our own certificate (``--production``). ``language``: the browser's
    language (Chromium's is English)."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `make web-tools`")
    flags = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    if language:
        flags += f" --lang={language} --accept-lang={language}"
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--chrome-flags={flags}{' --ignore-certificate-errors' if self_signed else ''}",
    ]
    if headers:
        command.append("--extra-headers=" + json.dumps(headers))
    env = {**os.environ, "CHROME_PATH": CHROMIUM, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for attempt in range(3):  # Chromium under a loaded machine now and then fails to start or to trace
        done = subprocess.run(command, env=env, timeout=300, capture_output=True, text=True)
        if done.returncode == 0:
            break
        log(f"lighthouse failed ({done.returncode}), attempt {attempt + 1}: {done.stderr.strip()[-500:]}")
    else:
        raise RuntimeError(f"lighthouse failed three times on {url}")
    report = json.loads(out.read_text())
    row = {name: report["categories"][name]["score"] for name in CATEGORIES}
    for audit, (column, scale) in METRICS.items():
        row[column] = report["audits"][audit]["numericValue"] * scale
    row["failed"] = sorted(
        audit_id
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit := report["audits"][(audit_id := ref["id"])])["score"] is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    )
    return row


def run_pages(pages: dict[str, tuple], runs: int, workdir: Path, rows: dict[str, dict],
              self_signed: bool = False) -> None:
    """Lighthouse ``runs`` times on each page (``name: (url, headers[, browser language])``); the median row of
    each into ``rows``."""
    for name, (url, headers, *language) in pages.items():
        found = []
        for run in range(runs):
            found.append(lighthouse(url, workdir / f"lighthouse-{len(rows)}-{run}.json", headers, self_signed,
                                    *language))
            log(f"{name} run {run + 1}: {found[-1]}")
        rows[name] = median_row(found)


def production(runs: int, workdir: Path, rows: dict[str, dict]) -> None:
    """The participant page, the console and the big screen through one instance of the cluster's deployment with
    HTTPS and HTTP/2 (``--production``)."""
    from harness.cluster import Cluster, own_services

    with own_services(workdir / "production-redis") as (postgres, redis_server):
        cluster = Cluster(workdir / "production", db_url=postgres.url(), redis_url=redis_server.url(0), instances=1,
                          env={"PARTACT_LANG": "en"}, tls=True)
        log(f"production: exported in {cluster.build():.0f} s")
        try:
            cluster.start()
            demo = Demo.parse(cluster.cli("demo"))
            verify = str(cluster.certificate)
            httpx.post(cluster.url("/api/events/demo/next-round"), headers={"Authorization": f"Bearer {demo.key}"},
                       timeout=30, verify=verify).raise_for_status()
            cookie = console_cookie(cluster.url(), demo.key, verify=verify)
            run_pages({
                "participant page, nginx with HTTPS and HTTP/2": (cluster.url(f"/p/{demo.tokens[0]}"), None),
                "console, nginx with HTTPS and HTTP/2": (cluster.url("/organiser"), {"Cookie": cookie}),
                "big screen, nginx with HTTPS and HTTP/2": (cluster.url("/screen/demo"), None),
            }, runs, workdir, rows, self_signed=True)
        finally:
            cluster.stop()


def demo_app(tree: Path, workdir: Path, name: str) -> ServedApp:
    """A copy of ``tree`` under ``workdir/name``, to be served by one process (as ``make run``) on a new SQLite
    database."""
    database = workdir / f"{name}.db"
    database.unlink(missing_ok=True)
    return ServedApp(copy_sources(tree, workdir / name), db_url=f"sqlite:///{database}", env={"PARTACT_LANG": "en"},
                     log=workdir / f"{name}.log")


def start_demo(app: ServedApp, label: str) -> tuple[Demo, str]:
    """The demo event created on ``app``, ``app`` built and served, round 1 started: the demo and the console's
    session cookie."""
    demo = Demo.create(app)
    log(f"building {label}: up after {app.start():.0f} s")
    next_round(app, demo)
    return demo, console_cookie(app.url(), demo.key)


def next_round(app: ServedApp, demo: Demo) -> None:
    """The demo's next round starts now. Before the slow-CPU loads too: a round lasts six minutes, and their minutes
    at rest are to be measured with the countdown running (after the last round the event ends: said, not raised)."""
    answer = httpx.post(app.url("/api/events/demo/next-round"), headers={"Authorization": f"Bearer {demo.key}"},
                        timeout=30)
    if answer.status_code >= 400:
        log(f"next round refused ({answer.status_code}): {answer.text[:200]}")


def compare(ref: str, runs: int, workdir: Path) -> dict[str, dict]:
    """The three pages of this tree and of git revision ``ref``, built side by side and served at once (one process
    each, as ``make run``), with Lighthouse run on each in turn: both builds see the same moments of the machine,
    whose load moves the blocking time by more than most changes do (``--compare``)."""
    source = workdir / "compare-source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    apps: list[ServedApp] = []
    served: dict[str, tuple[ServedApp, Demo, str]] = {}
    try:
        for index, (label, tree) in enumerate((("this tree", REPO), (ref, source))):
            app = demo_app(tree, workdir, f"compare-{index}")
            apps.append(app)
            served[label] = (app, *start_demo(app, label))
        pages = {
            "participant page": lambda app, demo, cookie: (app.url(f"/p/{demo.tokens[0]}"), None),
            "console, logged in": lambda app, demo, cookie: (app.url("/organiser"), {"Cookie": cookie}),
            "big screen": lambda app, demo, cookie: (app.url("/screen/demo"), None),
        }
        found: dict[str, list[dict]] = {f"{page}, {label}": [] for page in pages for label in served}
        slow: dict[str, list[dict]] = {name: [] for name in found}
        for run in range(runs):
            labels = list(served) if run % 2 == 0 else list(reversed(served))
            for app, demo, _cookie in served.values():
                next_round(app, demo)
            for page_number, (page, address) in enumerate(pages.items()):
                for label in labels:
                    url, headers = address(*served[label])
                    build = list(served).index(label)
                    # One report per page, run and build (kept in the work directory, to read its long tasks).
                    row = lighthouse(url, workdir / f"compare-page{page_number}-run{run}-build{build}.json", headers)
                    found[f"{page}, {label}"].append(row)
                    log(f"{page}, {label}, run {run + 1}: {row}")
                    slow[f"{page}, {label}"] += asyncio.run(slow_cpu(url, SHOWN[page], 1, headers))["loads"]
        rows = {name: median_row(rows) for name, rows in found.items()}
        for name, loads in slow.items():
            rows[name]["slow CPU"] = medians(loads)
        return rows
    finally:
        for app in apps:
            app.stop()


def median_row(rows: list[dict]) -> dict:
    out = {key: statistics.median(row[key] for row in rows) for key in rows[0] if key != "failed"}
    out["failed"] = sorted({name for row in rows for name in row["failed"]})
    out["runs"] = len(rows)
    return out


def markdown(rows: dict[str, dict], weight: dict | None) -> str:
    columns = ["performance", "accessibility", "best-practices", "seo", *(c for c, _ in METRICS.values())]
    lines = ["| page | " + " | ".join(columns) + " | failing audits |", "|---" * (len(columns) + 2) + "|"]
    for name, row in rows.items():
        cells = [f"{row[c]:.2f}" if c in CATEGORIES or c.endswith(" s") else f"{row[c]:.0f}" for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {', '.join(row['failed']) or '-'} |")
    slow = [(name, row["slow CPU"]) for name, row in rows.items() if "slow CPU" in row]
    if slow:
        lines += [
            "",
            "In Chromium on a 4x slower CPU, measured rather than simulated (`benchmarks/slow_cpu.py`; medians): when "
            "the page's content shows, the main thread's blocking time after the first paint, and its script time a "
            "second once the page is at rest (a round under way: only the countdown moves).",
            "",
            "| page | content shown s | first paint s | blocking ms | long tasks ms | script at rest ms/s |",
            "|---|---|---|---|---|---|",
            *(f"| {name} | {row['shown_s']:.2f} | {row['fcp_s']:.2f} | {row['blocking_ms']:.0f} | "
              f"{row['long_tasks_ms']:.0f} | {row['rest_script_ms_per_s']:.1f} |" for name, row in slow),
        ]
    if weight:
        lines += [
            "",
            f"Participant page on emulated Fast 3G (median of {len(weight['loads'])} fresh loads): "
            f"{weight['kb']:.0f} KB compressed in {weight['requests']} requests, `#table-number` visible after "
            f"{weight['visible_s']:.2f} s (first contentful paint {weight['fcp_s']:.2f} s); by type (KB): "
            f"{weight['by_kind_kb']}.",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--loads", type=int, default=3, help="Fast 3G loads of the participant page")
    parser.add_argument("--workdir", type=Path, default=None, help="where the copies are built (kept between runs)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--production", action="store_true",
                        help="also the three pages behind nginx with HTTPS and HTTP/2, as deployed in production")
    parser.add_argument("--compare", metavar="REF", default=None,
                        help="instead: the three pages of this tree against git revision REF, both served at once, "
                             "their runs alternating")
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.gettempdir()) / "partact-benchmark-pages"
    workdir.mkdir(parents=True, exist_ok=True)
    if args.compare:
        rows = compare(args.compare, args.runs, workdir)
        print(f"\n## This tree against {args.compare}, {time.strftime('%Y-%m-%d %H:%M')} UTC (Lighthouse mobile, "
              f"median of {args.runs} alternating runs)\n")
        print(markdown(rows, None))
        if args.json:
            args.json.write_text(json.dumps({"pages": rows}, indent=2))
        return
    partact = demo_app(REPO, workdir, "partact")
    baseline = ServedApp(copy_sources(BASELINE_APP, workdir / "baseline"), log=workdir / "baseline.log")
    rows: dict[str, dict] = {}
    weight = None
    try:
        demo, cookie = start_demo(partact, "partact")
        log(f"building the blank Reflex page: up after {baseline.start():.0f} s")
        pages = {
            "blank Reflex page (baseline)": (baseline.url("/"), None),
            "participant page, in a round": (partact.url(f"/p/{demo.tokens[0]}"), None),
            "console, logged in": (partact.url("/organiser"), {"Cookie": cookie}),
            # The pages are built in French, the default language: any other is one more update as the page opens.
            "console, logged in, French browser": (partact.url("/organiser"), {"Cookie": cookie}, "fr"),
            "big screen, in a round": (partact.url("/screen/demo"), None),
        }
        run_pages(pages, args.runs, workdir, rows)
        weight = asyncio.run(page_weight(partact.url(f"/p/{demo.tokens[0]}"), args.loads))
        next_round(partact, demo)
        for name, page in (("participant page, in a round", "participant page"),
                           ("console, logged in", "console, logged in"), ("big screen, in a round", "big screen")):
            url, headers = pages[name][:2]
            rows[name]["slow CPU"] = medians(asyncio.run(slow_cpu(url, SHOWN[page], args.loads, headers))["loads"])
    finally:
        partact.stop()
        baseline.stop()
    if args.production:
        production(args.runs, workdir, rows)
    text = markdown(rows, weight)
    print(f"\n## Figures of {time.strftime('%Y-%m-%d %H:%M')} UTC (Lighthouse mobile, median of {args.runs} runs)\n")
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"pages": rows, "participant_fast_3g": weight}, indent=2))


if __name__ == "__main__":
    main()
