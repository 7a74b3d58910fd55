"""The command line: measure (or re-render) and print the report; ``--write`` updates docs/benchmark-live.md."""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import math
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
from .fleet import make_fleet
from .load import Target, measure
from .page_weight import page_weight
from .replans import replanning
from .report import machine, render, render_cluster, write_document


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
    parser.add_argument(
        "--server", default="granian",
        help="the server configuration(s) of the backends, comma-separated, each measured at every N (default: "
             f"granian, what Reflex picks; the cluster runs use the first): {', '.join(SERVERS)}",
    )
    parser.add_argument(
        "--uvicorn-site", type=Path, default=Path("/tmp/partact-uvicorn-site"),
        help="--server uvicorn: a directory with uvicorn, gunicorn and websockets, kept out of the project's "
             "virtualenv (pip install --target DIR uvicorn gunicorn websockets)",
    )
    parser.add_argument(
        "--phone-processes", type=int, default=0,
        help="run the phones in this many worker processes (0: in the measuring process, as before)",
    )
    parser.add_argument(
        "--cluster", default="",
        help="also measure the cluster (PostgreSQL, Redis, nginx, as make run-cluster): comma-separated "
             "INSTANCESxPHONES, e.g. 1x1000,2x2000 (one event per run: the phone counts must differ)",
    )
    parser.add_argument(
        "--replan-size", type=int, default=300,
        help="cluster runs: after the rounds, as many again while the console of another event of this many "
             "participants re-plans on the first instance (0: not measured; default 300, a Beursvloer)",
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


# Server configurations to compare (--server): name -> (what it is, environment of the backend processes).
# Reflex 0.10 picks its production server in reflex.utils.exec.should_use_granian: REFLEX_USE_GRANIAN if set,
# else granian unless both uvicorn and gunicorn are importable (then `gunicorn --preload --worker-class
# uvicorn.workers.UvicornH11Worker`). Granian's own settings (runtime threads and mode, backpressure, HTTP/1 buffer)
# are not reachable through `reflex run`: it passes only the workers (GRANIAN_WORKERS) to granian's Server.
# glibc's allocator (Python's objects, above 512 bytes) is tuned by environment variables read at process start
# (mallopt(3)).
SERVERS: dict[str, tuple[str, dict[str, str]]] = {
    "granian": ("granian (Reflex's choice)", {}),
    "granian-arena2": ("granian, MALLOC_ARENA_MAX=2", {"MALLOC_ARENA_MAX": "2"}),
    "granian-mmap64k": ("granian, MALLOC_MMAP_THRESHOLD_=65536", {"MALLOC_MMAP_THRESHOLD_": "65536"}),
    # granian's Rust side allocates with its own jemalloc (tikv-jemallocator, configured by _RJEM_MALLOC_CONF):
    # one arena, no thread cache, freed pages returned at once.
    "granian-jemalloc-lean": (
        "granian, _RJEM_MALLOC_CONF=narenas:1,tcache:false,dirty_decay_ms:0,muzzy_decay_ms:0",
        {"_RJEM_MALLOC_CONF": "narenas:1,tcache:false,dirty_decay_ms:0,muzzy_decay_ms:0"},
    ),
    "uvicorn": ("uvicorn (gunicorn + UvicornH11Worker, websockets)", {"REFLEX_USE_GRANIAN": "false"}),
}


def server_env(args: argparse.Namespace, work: Path, server: str) -> dict[str, str | None]:
    """The servers' environment: the state manager asked for (else none inherited), the server configuration,
    the collector experiment."""
    env: dict[str, str | None] = {
        "PYTHONDONTWRITEBYTECODE": "1",
        "REFLEX_STATE_MANAGER_MODE": args.state_manager or None,
        **SERVERS[server][1],
    }
    if server == "uvicorn":
        if not (args.uvicorn_site / "uvicorn").is_dir() or not (args.uvicorn_site / "gunicorn").is_dir():
            raise SystemExit(f"--server uvicorn: install them first: pip install --target {args.uvicorn_site} "
                             "uvicorn gunicorn websockets")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(args.uvicorn_site), os.environ.get("PYTHONPATH", "")]))
    if args.gc_threshold:
        # An experiment without touching the app: a sitecustomize sets the collector's thresholds in every
        # process of the server (the granian worker is forked from the process that imported it).
        inject = work / "gc-inject"
        inject.mkdir(exist_ok=True)
        (inject / "sitecustomize.py").write_text(f"import gc\ngc.set_threshold({args.gc_threshold})\n")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(inject), env.get("PYTHONPATH") or os.environ.get("PYTHONPATH", "")]))
    return env


async def run_all(args: argparse.Namespace, argv: list[str]) -> dict:
    sizes = [int(x) for x in args.n.split(",") if x.strip()]
    clusters = parse_cluster(args.cluster)
    port = args.port or free_port()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    data: dict = {"machine": machine(), "argv": " ".join(argv), "runs": []}
    log(f"machine: {data['machine']}")

    if args.gc_threshold and not re.fullmatch(r"\d+(,\d+){0,2}", args.gc_threshold):
        raise SystemExit("--gc-threshold: up to three integers separated by commas")
    servers = [x.strip() for x in args.server.split(",") if x.strip()]
    unknown = [x for x in servers if x not in SERVERS]
    if unknown or not servers:
        raise SystemExit(f"--server: {unknown or 'none'}; known: {', '.join(SERVERS)}")
    app_dir = copy_sources(REPO, work / "app")
    db_path = work / "bench.db"
    data["server"] = args.server
    data["phone_processes"] = args.phone_processes
    largest = max(sizes) if sizes else 0
    target = None
    server = demo = None
    for position, server_name in enumerate(servers):
        env = server_env(args, work, server_name)
        server = ServedApp(
            app_dir, port=port, db_url=f"sqlite:///{db_path}", env=env, log=work / "server.log",
            reflex_args=["--loglevel", "warning"],
        )
        label = "rooms (this app)" + (f", {args.state_manager} state manager" if args.state_manager else "")
        label += f", gc.set_threshold({args.gc_threshold})" if args.gc_threshold else ""
        label += f", {SERVERS[server_name][0]}" if len(servers) > 1 or server_name != "granian" else ""
        if not sizes:
            break
        # One event per N and server configuration (the rounds of a run advance its event).
        log(f"preparing data in {db_path} ({server_name})")
        events, demo_here = prepare_data(
            server, db_path if position == 0 else None, sizes, args.seed, work=work,
            tag="" if position == 0 else f"s{position}",
        )
        demo = demo or demo_here
        for n in sizes:
            event = events[n]
            log(f"N = {n}: starting the server ({server_name}) on port {port}")
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
                    [server],
                    server.base_url,
                    make_fleet(target, server.base_url, args.phone_processes),
                    event.tokens[:n],
                    f"/api/events/{event.slug}/next-round",
                    event.key,
                    args.rounds,
                    args.gap,
                    args.join_timeout,
                    args.concurrency,
                    browser_token=event.tokens[n] if (n == largest and position == 0 and not args.no_browser) else None,
                )
                result.server = server_name
                data["runs"].append(asdict(result))
            finally:
                server.stop()
    env = server_env(args, work, servers[0])
    server = ServedApp(app_dir, port=port, db_url=f"sqlite:///{db_path}", env=env, log=work / "server.log",
                       reflex_args=["--loglevel", "warning"])
    if clusters:
        data["cluster_runs"] = await run_clusters(args, clusters, work, env, servers)
    if not args.no_page_weight and demo is not None:
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
                [baseline],
                baseline.base_url,
                make_fleet(base_target, baseline.base_url, args.phone_processes),
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
    data["loadavg_end"] = os.getloadavg()
    return data


def parse_cluster(spec: str) -> list[tuple[int, int]]:
    """``"1x1000,2x2000"`` -> [(1, 1000), (2, 2000)]."""
    runs = []
    for part in filter(None, (p.strip() for p in spec.split(","))):
        match = re.fullmatch(r"(\d+)x(\d+)", part)
        if not match:
            raise SystemExit(f"--cluster: INSTANCESxPHONES expected, got {part!r}")
        runs.append((int(match.group(1)), int(match.group(2))))
    if len({n for _k, n in runs}) != len(runs):
        raise SystemExit("--cluster: one event per run, so the phone counts must differ")
    return runs


async def run_clusters(
    args: argparse.Namespace, runs: list[tuple[int, int]], work: Path, env: dict, servers: list[str],
) -> list[dict]:
    """The cluster runs: a PostgreSQL and a Redis server of their own, one copy of the app exported once for
    nginx's port, then per run ``instances`` backends behind nginx (harness.cluster, as make run-cluster)."""
    from harness.cluster import Cluster, own_services
    from harness.served import tree_usage

    results = []
    port = free_port()
    with own_services(work / "cluster-redis") as (postgres, redis_server):
        cluster = None
        try:
            cluster = Cluster(work / "cluster", db_url=postgres.url(), redis_url=redis_server.url(0),
                              instances=1, port=port, env=env)
            log("cluster: copying and exporting the front end for nginx's port (the first export takes minutes)")
            log(f"cluster: exported in {cluster.build():.0f} s")
            cluster.cli("db", "upgrade")
            sizes = [n for _k, n in runs]
            replan_size = args.replan_size if args.replan_size not in sizes else 0
            events, _demo = prepare_data(cluster, None, sizes + ([replan_size] if replan_size else []), args.seed,
                                         work=work)
            schema = FrontendSchema.read(cluster.app_dir)
            participant = schema.state("____participant_state")
            target = Target(schema=schema, hydrated_state=participant, hydrated_var="organisation_rx_state_",
                            round_state=participant, round_var="current_round_rx_state_",
                            language_state=schema.state("____language_state"))
            for instances, n in runs:
                cluster = Cluster(work / "cluster", db_url=postgres.url(), redis_url=redis_server.url(0),
                                  instances=instances, port=port, env=env)
                redis_server.restart()  # nothing of the previous run's states
                log(f"cluster: {instances} instance(s) behind nginx on port {port}, {n} phones")
                try:
                    cluster.start()
                    label = f"cluster: {instances} instance{'s' if instances > 1 else ''} behind nginx"
                    label += f", {SERVERS[servers[0]][0]}" if servers[0] != "granian" else ""
                    event = events[n]
                    during = None
                    if replan_size:
                        other = events[replan_size]
                        during = functools.partial(replanning, cluster.backends[0].url(), schema, postgres.url(),
                                                   other.slug, other.key)
                    result = await measure(
                        label, cluster.backends, cluster.base_url,
                        make_fleet(target, cluster.base_url, args.phone_processes), event.tokens[:n],
                        f"/api/events/{event.slug}/next-round", event.key, args.rounds, args.gap, args.join_timeout,
                        args.concurrency, browser_token=None, during=during,
                    )
                    result.instances = instances
                    result.behind = "nginx"
                    result.server = servers[0]
                    result.rss_others_mb = {
                        "redis": tree_usage(redis_server.process.pid)["rss_mb"],
                        "nginx": tree_usage(cluster.nginx.pid)["rss_mb"],
                        "postgresql": _postgres_rss(postgres),
                    }
                    if cluster.engine_worker is not None:  # the schedule engine, once for the instances
                        engine = tree_usage(cluster.engine_worker.pid)  # with the child of a job, when one runs
                        result.rss_others_mb["engine worker"] = engine["rss_max_process_mb"]
                        result.rss_others_mb["engine worker and its job's child (PSS)"] = engine["pss_mb"]
                    results.append(asdict(result))
                finally:
                    cluster.stop()
        finally:
            if cluster is not None:
                cluster.stop()
    return results


def _postgres_rss(postgres) -> float:
    """RSS of the PostgreSQL server's processes (postmaster and its children), MB."""
    from harness.served import tree_usage

    try:
        pid = int((postgres.data / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return math.nan
    return tree_usage(pid)["rss_mb"]


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
    if data.get("cluster_runs"):
        print()
        print(render_cluster(data))
    if args.write:
        write_document(data, DOC)
        log(f"wrote {DOC}")
    return 0
