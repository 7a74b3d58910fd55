"""The command line: measure (or re-render) and print the report; ``--write`` updates docs/benchmark-live.md."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import sys
from dataclasses import asdict
from pathlib import Path

from harness.phone import FrontendSchema
from harness.served import ServedApp, copy_sources, free_port

from . import __doc__ as PACKAGE_DOC
from .common import BASELINE_APP, DOC, REPO, log
from .data import prepare_data
from .load import Target, measure
from .page_weight import page_weight
from .report import machine, render, write_document


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live_fanout", description=PACKAGE_DOC.split("\n")[0])
    parser.add_argument("--n", default="100,500,1000", help="comma-separated numbers of phones (default 100,500,1000)")
    parser.add_argument("--rounds", type=int, default=5, help="next-round calls per N (default 5)")
    parser.add_argument("--gap", type=float, default=3.0, help="seconds between rounds (default 3)")
    parser.add_argument("--baseline-n", type=int, default=100, help="phones for the SharedState baseline")
    parser.add_argument("--no-baseline", action="store_true", help="skip the SharedState baseline")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium cross-check")
    parser.add_argument("--no-page-weight", action="store_true", help="skip the Fast 3G page weight")
    parser.add_argument("--page-loads", type=int, default=3, help="page-weight loads (median; default 3)")
    parser.add_argument("--join-timeout", type=float, default=120, help="seconds to wait for all phones to hydrate")
    parser.add_argument("--concurrency", type=int, default=1000, help="TCP connects in flight at once")
    parser.add_argument("--port", type=int, default=0, help="port of the servers (default: a free one)")
    parser.add_argument(
        "--workdir", type=Path, default=Path("/tmp/partact-live-bench"),
        help="where the copies are built and served (kept between runs: later builds take seconds)",
    )
    parser.add_argument(
        "--state-manager", default="", choices=["", "disk", "memory"],
        help="REFLEX_STATE_MANAGER_MODE for the servers (default: the app's own setting; Reflex's default is disk)",
    )
    parser.add_argument(
        "--gc-threshold", default="",
        help="experiment: gc.set_threshold(...) in the server processes, e.g. 50000,20,100 (injected sitecustomize)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    parser.add_argument("--from-json", type=Path, help="do not measure: render these raw results")
    parser.add_argument(
        "--merge", type=Path, action="append", default=[],
        help="also show the runs of this raw JSON (e.g. a --state-manager memory run); repeatable",
    )
    parser.add_argument("--write", action="store_true", help=f"write {DOC.relative_to(REPO)} (keeps its reading)")
    return parser.parse_args(argv)


def server_env(args: argparse.Namespace, work: Path) -> dict[str, str | None]:
    """The servers' environment: the state manager asked for (else none inherited), the collector experiment."""
    env: dict[str, str | None] = {
        "PYTHONDONTWRITEBYTECODE": "1",
        "REFLEX_STATE_MANAGER_MODE": args.state_manager or None,
    }
    if args.gc_threshold:
        # An experiment without touching the app: a sitecustomize sets the collector's thresholds in every
        # process of the server (the granian worker is forked from the process that imported it).
        inject = work / "gc-inject"
        inject.mkdir(exist_ok=True)
        (inject / "sitecustomize.py").write_text(f"import gc\ngc.set_threshold({args.gc_threshold})\n")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(inject), os.environ.get("PYTHONPATH", "")]))
    return env


async def run_all(args: argparse.Namespace, argv: list[str]) -> dict:
    sizes = [int(x) for x in args.n.split(",") if x.strip()]
    port = args.port or free_port()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    data: dict = {"machine": machine(), "argv": " ".join(argv), "runs": []}
    log(f"machine: {data['machine']}")

    if args.gc_threshold and not re.fullmatch(r"\d+(,\d+){0,2}", args.gc_threshold):
        raise SystemExit("--gc-threshold: up to three integers separated by commas")
    env = server_env(args, work)
    app_dir = copy_sources(REPO, work / "app")
    db_path = work / "bench.db"
    server = ServedApp(
        app_dir, port=port, db_url=f"sqlite:///{db_path}", env=env, log=work / "server.log",
        reflex_args=["--loglevel", "warning"],
    )
    label = "rooms (this app)" + (f", {args.state_manager} state manager" if args.state_manager else "")
    label += f", gc.set_threshold({args.gc_threshold})" if args.gc_threshold else ""
    log(f"preparing data in {db_path}")
    events, demo = prepare_data(server, db_path, sizes, args.seed)
    largest = max(sizes) if sizes else 0
    target = None
    for n in sizes:
        event = events[n]
        log(f"N = {n}: starting the server on port {port}")
        try:
            took = server.start()
            log(f"server up in {took:.1f} s")
            if target is None:
                schema = FrontendSchema.read(app_dir)
                participant = schema.state("____participant_state")
                target = Target(
                    schema=schema,
                    hydrated_state=participant,
                    hydrated_var="organisation_rx_state_",
                    round_state=participant,
                    round_var="current_round_rx_state_",
                    language_state=schema.state("____language_state"),
                )
            result = await measure(
                label,
                server,
                target,
                event.tokens[:n],
                f"/api/events/{event.slug}/next-round",
                event.key,
                args.rounds,
                args.gap,
                args.join_timeout,
                args.concurrency,
                browser_token=event.tokens[n] if (n == largest and not args.no_browser) else None,
            )
            data["runs"].append(asdict(result))
        finally:
            server.stop()
    if not args.no_page_weight:
        try:
            server.start()
            # A demo participant with a meeting: before the start the page shows the first meeting's table.
            data["page_weight"] = await page_weight(server.url(f"/p/{demo.tokens[0]}"), args.page_loads)
        finally:
            server.stop()

    if not args.no_baseline:
        base_dir = copy_sources(BASELINE_APP, work / "baseline")
        if (REPO / "reflex.lock").is_dir() and not (base_dir / "reflex.lock").exists():
            shutil.copytree(REPO / "reflex.lock", base_dir / "reflex.lock")
        baseline = ServedApp(base_dir, port=port, env=env, log=work / "baseline.log",
                             reflex_args=["--loglevel", "warning"])
        try:
            log("baseline: starting (the first build of the baseline app takes about a minute)")
            baseline.start()
            base_schema = FrontendSchema.read(base_dir)
            base_target = Target(
                schema=base_schema,
                hydrated_state=base_schema.state("____phone_state"),
                hydrated_var="organisation_rx_state_",
                round_state=base_schema.state("____room_state"),
                round_var="current_round_rx_state_",
                language_state=base_schema.state("____language_state"),
            )
            tokens = [f"phone{i:04d}" for i in range(args.baseline_n)]
            result = await measure(
                "SharedState baseline",
                baseline,
                base_target,
                tokens,
                "/api/events/benchevent/next-round",
                None,
                args.rounds,
                args.gap,
                args.join_timeout,
                args.concurrency,
                browser_token=None,
            )
            data["runs"].append(asdict(result))
        except Exception as error:  # report what was measured; say why the baseline is missing
            data["baseline_note"] = f"SharedState baseline failed: {type(error).__name__}: {error}"
            log(data["baseline_note"])
        finally:
            baseline.stop()
    return data


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    if args.from_json:
        data = json.loads(args.from_json.read_text())
    else:
        data = asyncio.run(run_all(args, argv))
        if args.json:
            args.json.write_text(json.dumps(data, indent=1, default=str))
    for extra in args.merge:
        other = json.loads(extra.read_text())
        data["runs"].extend(other["runs"])
        data["merged"] = [*data.get("merged", []), {"argv": other.get("argv", ""), "date": other["machine"]["date"]}]
    print(render(data))
    if args.write:
        write_document(data, DOC)
        log(f"wrote {DOC}")
    return 0
