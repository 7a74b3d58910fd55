"""Memory of the transport alone: sockets that connect the socket.io namespace but send no hydrate event (no Reflex
state is created), per server configuration, against the same copy of the app.

    .venv/bin/python -m benchmarks.live_fanout.sockets --server granian,uvicorn --n 500,1000

Prints, per configuration, the server's RSS and PSS (sum over its processes) idle and after each N sockets, and
the KB per socket between the smallest and the largest N. Run ``python -m benchmarks.live_fanout`` once first:
it builds the copy of the app in ``--workdir`` that this serves.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from harness.phone import Phone, wait_until
from harness.served import ServedApp, free_port

from .cli import SERVERS, server_env
from .common import log


async def open_sockets(base_url: str, count: int, phones: list[Phone]) -> None:
    gate = asyncio.Semaphore(200)

    async def one() -> None:
        async with gate:
            phone = Phone(base_url, "/")
            await phone.connect()
            phones.append(phone)
            await wait_until(lambda: phone.connected_at is not None or phone.error is not None, 60)

    await asyncio.gather(*(one() for _ in range(count)))


async def measure(args: argparse.Namespace, server_name: str) -> dict:
    work = args.workdir
    env = server_env(argparse.Namespace(**{**vars(args), "state_manager": "", "gc_threshold": ""}), work, server_name)
    server = ServedApp(work / "app", port=free_port(), db_url=f"sqlite:///{work / 'sockets.db'}", env=env,
                       log=work / "sockets.log", reflex_args=["--loglevel", "warning"])
    sizes = sorted(int(x) for x in args.n.split(","))
    out: dict = {"server": server_name, "label": SERVERS[server_name][0], "points": []}
    phones: list[Phone] = []
    try:
        server.cli("db", "upgrade")
        server.start()
        await asyncio.sleep(3)
        usage = server.usage()
        out["points"].append({"n": 0, "rss_mb": usage["rss_mb"], "pss_mb": usage["pss_mb"]})
        for n in sizes:
            await open_sockets(server.base_url, n - len(phones), phones)
            await asyncio.sleep(3)
            usage = server.usage()
            connected = sum(1 for p in phones if p.connected_at is not None and not p.error)
            out["points"].append({"n": n, "connected": connected, "rss_mb": usage["rss_mb"], "pss_mb": usage["pss_mb"]})
            log(f"{server_name}: {connected}/{n} sockets, RSS {usage['rss_mb']:.0f} MB, PSS {usage['pss_mb']:.0f} MB")
    finally:
        for phone in phones:
            phone.close()
        server.stop()
    low, high = out["points"][1], out["points"][-1]
    out["kb_per_socket_rss"] = (high["rss_mb"] - low["rss_mb"]) / (high["n"] - low["n"]) * 1024
    out["kb_per_socket_pss"] = (high["pss_mb"] - low["pss_mb"]) / (high["n"] - low["n"]) * 1024
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live_fanout.sockets", description=__doc__.split("\n")[0])
    parser.add_argument("--server", default="granian,uvicorn")
    parser.add_argument("--n", default="500,1000")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/partact-live-bench"))
    parser.add_argument("--uvicorn-site", type=Path, default=Path("/tmp/partact-uvicorn-site"))
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    results = [asyncio.run(measure(args, name.strip())) for name in args.server.split(",") if name.strip()]
    print("| server | " + " | ".join(f"RSS / PSS at {p['n']} sockets (MB)" for p in results[0]["points"])
          + " | KB per socket (RSS) | KB per socket (PSS) |")
    print("|---|" + "---:|" * (len(results[0]["points"]) + 2))
    for r in results:
        cells = " | ".join(f"{p['rss_mb']:.0f} / {p['pss_mb']:.0f}" for p in r["points"])
        print(f"| {r['label']} | {cells} | {r['kb_per_socket_rss']:.0f} | {r['kb_per_socket_pss']:.0f} |")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
