"""partact scaled out on this machine, for tests: N backend instances behind nginx, as ``make run-cluster`` runs
it (docs/deployment.md), on free ports, with a Redis server and (optionally) a PostgreSQL server of its own that a
test may restart or stop without disturbing anything else on the machine.

- ``RedisServer``: ``redis-server`` on a free port, nothing saved (``stop``/``start``/``restart``).
- ``PostgresServer``: a throw-away PostgreSQL cluster (``initdb`` + ``pg_ctl``) on a free port in a directory
  under /tmp (owned by ``postgres`` when run as root: PostgreSQL refuses to run as root).
- ``Cluster``: a copy of the app (a build bakes its origin), its front end exported once for nginx's origin,
  ``Backend`` instances (``reflex run --env prod --backend-only``, each a ``ServedApp`` on its own port), the
  schedule engine's worker (``partact engine-worker``) and a private nginx configured by ``deploy/render_nginx.py``
  from ``deploy/nginx.conf``.

Every process runs in a session of its own and is stopped (or killed, as a crash) as a whole.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

from harness.served import VENV_BIN, ServedApp, ServerError, _answers, free_port

REPO = Path(__file__).resolve().parent.parent
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
# The keyspace notifications Reflex's Redis state manager relies on (reflex/istate/manager/redis.py sets them with
# CONFIG SET at start-up; a restarted server forgets them unless its configuration says so).
REFLEX_KEYSPACE_EVENTS = "K$sgxe"


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in NGINX_CANDIDATES if Path(p).exists()), None)
    if found is None:
        raise RuntimeError("nginx is missing: `make test` installs it (scripts/nginx.sh)")
    return found


def _stop_group(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    if process is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait(condition, timeout: float, what: str, process: subprocess.Popen | None = None, log: Path | None = None):
    deadline = time.monotonic() + timeout
    while not condition():
        if process is not None and process.poll() is not None:
            raise ServerError(f"{what} exited ({process.returncode}){_tail(log)}")
        if time.monotonic() > deadline:
            raise ServerError(f"{what} not ready after {timeout:.0f} s{_tail(log)}")
        time.sleep(0.2)


def _tail(log: Path | None, chars: int = 3000) -> str:
    if log is None:
        return ""
    with contextlib.suppress(OSError):
        return f"; the end of {log}:\n" + log.read_text(errors="replace")[-chars:]
    return ""


# --------------------------------------------------------------------------------------------------------------
# Redis


class RedisServer:
    """``redis-server`` on a free port of 127.0.0.1, in memory only. ``keyspace_events`` is put in its
    configuration, as docs/deployment.md asks of a production Redis (None: the server's default, none)."""

    def __init__(self, workdir: Path, *, port: int = 0, keyspace_events: str | None = REFLEX_KEYSPACE_EVENTS):
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.keyspace_events = keyspace_events
        self.log = self.workdir / "redis.log"
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no", "--dir", str(self.workdir), "--logfile", str(self.log)]
        if self.keyspace_events is not None:
            command += ["--notify-keyspace-events", self.keyspace_events]
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        _wait(self.answers, 20, "redis-server", self.process, self.log)

    def answers(self) -> bool:
        import redis

        with contextlib.suppress(Exception):
            return bool(redis.Redis(port=self.port, socket_timeout=1, socket_connect_timeout=1).ping())
        return False

    def stop(self) -> None:
        _stop_group(self.process)
        self.process = None

    def restart(self, down_seconds: float = 0.0) -> None:
        """Stop (everything in it is lost: nothing is saved), wait, start again on the same port."""
        self.stop()
        time.sleep(down_seconds)
        self.start()


# --------------------------------------------------------------------------------------------------------------
# PostgreSQL


class PostgresServer:
    """A throw-away PostgreSQL cluster on a free port (trust authentication, fsync off), database ``partact``."""

    def __init__(self, *, port: int = 0) -> None:
        self.port = port or free_port()
        self.bin = self._bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="partact-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")

    @staticmethod
    def _bin_dir() -> Path:
        versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
        if versions:
            return versions[-1].parent
        found = shutil.which("initdb")
        if found is None:
            raise RuntimeError("initdb is missing (Debian's postgresql package)")
        return Path(found).resolve().parent

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bin / tool), *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root)
        if result.returncode != 0:
            raise ServerError(f"{tool} failed: {result.stderr.strip()}{_tail(self.log)}")

    def url(self, database: str = "partact") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start")

    def create_database(self, name: str = "partact") -> None:
        import sqlalchemy as sa

        engine = sa.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()

    def stop(self, mode: str = "fast") -> None:
        """``fast`` closes every connection; ``immediate`` is a crash (recovery at the next start)."""
        with contextlib.suppress(ServerError):
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def restart(self, down_seconds: float = 0.0, mode: str = "fast") -> None:
        self.stop(mode)
        time.sleep(down_seconds)
        self.start()

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


# --------------------------------------------------------------------------------------------------------------
# The app: backends and nginx


class Backend(ServedApp):
    """One backend instance: ``reflex run --env prod --backend-only --backend-port P`` (no front end)."""

    def start(self, timeout: float = 300) -> float:
        began = time.monotonic()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "a") as out:
            out.write(f"\n===== start {time.strftime('%Y-%m-%d %H:%M:%S')} port {self.port}\n")
            out.flush()
            self.process = subprocess.Popen(
                [str(VENV_BIN / "reflex"), "run", "--env", "prod", "--backend-only", "--backend-port", str(self.port),
                 "--backend-host", "127.0.0.1", *self.reflex_args],
                cwd=self.app_dir, env=self.env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        _wait(lambda: _answers(self.url("/ping")), timeout, f"backend on port {self.port}", self.process, self.log)
        return time.monotonic() - began


@contextlib.contextmanager
def own_services(redis_dir: Path) -> Iterator[tuple[PostgresServer, RedisServer]]:
    """A PostgreSQL (its database created) and a Redis (its files in ``redis_dir``) of the caller's own, started;
    the Redis stopped and the PostgreSQL removed afterwards."""
    redis_server = RedisServer(redis_dir)
    postgres = PostgresServer()
    try:
        redis_server.start()
        postgres.start()
        postgres.create_database()
        yield postgres, redis_server
    finally:
        redis_server.stop()
        postgres.remove()


class Cluster:
    """``instances`` backends of a copy of the app in ``workdir`` behind nginx on ``port``, on ``db_url`` and
    ``redis_url``. ``build()`` once (copy + export), then ``start()``; ``stop()`` stops everything."""

    def __init__(self, workdir: Path, *, db_url: str, redis_url: str, instances: int = 2, port: int = 0,
                 env: Mapping[str, str | None] | None = None, source: Path = REPO, tls: bool = False,
                 engine_worker: bool = True) -> None:
        self.workdir = Path(workdir)
        self.source = Path(source)
        self.app_dir = self.workdir / "app"
        self.run_dir = self.workdir / "run"
        self.port = port or free_port()
        # tls: nginx serves HTTPS and HTTP/2 with a self-signed certificate (``certificate``), as a production
        # deployment does with the operator's (docs/deployment.md). Its origin is 127.0.0.1, not localhost: Reflex's
        # client sends an HTTPS page on "localhost" to port 443 (it assumes a load balancer there).
        self.certificate = self.run_dir / "tls" / "self-signed.pem" if tls else None
        self.base_url = f"https://127.0.0.1:{self.port}" if tls else f"http://localhost:{self.port}"
        self.db_url = db_url
        self.redis_url = redis_url
        self.extra_env = dict(env or {})
        self.nginx: subprocess.Popen | None = None
        # The schedule engine's worker, as ``make run-cluster`` starts it (``partact engine-worker``).
        self.with_engine_worker = engine_worker
        self.engine_worker: subprocess.Popen | None = None
        self.backends = [self._backend(i) for i in range(instances)]

    def _env(self, **more: str) -> dict[str, str | None]:
        return {
            "REFLEX_REDIS_URL": self.redis_url,
            "PARTACT_PUBLIC_URL": self.base_url,
            **self.extra_env,
            **more,
        }

    def _backend(self, index: int) -> Backend:
        return Backend(
            self.app_dir, log=self.run_dir / f"backend-{index}.log", db_url=self.db_url,
            env=self._env(REFLEX_BACKEND_ONLY="true", PARTACT_TRUSTED_PROXY_HOPS="1", GRANIAN_WORKERS="1"),
        )

    def url(self, path: str = "") -> str:
        return self.base_url + path

    def cli(self, *args: str, timeout: float = 600) -> str:
        """``partact <args>`` against the cluster's database and Redis (a snapshot it publishes reaches every
        instance)."""
        return self.backends[0].cli(*args, timeout=timeout)

    # The build

    def build(self) -> float:
        """Copy the sources and export the front end once, for nginx's origin; the seconds it took."""
        began = time.monotonic()
        from harness.served import copy_sources

        copy_sources(self.source, self.app_dir)
        self.run_dir.mkdir(parents=True, exist_ok=True)
        log = self.run_dir / "export.log"
        env = dict(self.backends[0].env, PORT=str(self.port), REFLEX_API_URL=self.base_url)
        env.pop("REFLEX_BACKEND_ONLY", None)
        with open(log, "a") as out:
            result = subprocess.run(
                [str(VENV_BIN / "reflex"), "export", "--frontend-only", "--no-zip"], cwd=self.app_dir, env=env,
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=900,
            )
        if result.returncode != 0:
            raise ServerError(f"the export failed ({result.returncode}){_tail(log)}")
        return time.monotonic() - began

    # Running

    def start(self) -> None:
        self.cli("db", "upgrade")  # the migrations, once, before any instance starts
        if self.with_engine_worker:
            self.start_engine_worker()
        for backend in self.backends:
            backend.start()
        self.start_nginx()

    def start_engine_worker(self) -> None:
        """``partact engine-worker`` from the app's copy, with the instances' database and Redis (its queue is the
        deployment's); returns once it has registered in the cluster's Redis (RQ's registry of workers)."""
        import redis
        from rq import Worker

        self.run_dir.mkdir(parents=True, exist_ok=True)
        log = self.run_dir / "engine-worker.log"
        self.engine_worker = subprocess.Popen(
            [str(VENV_BIN / "python"), "-m", "partact_app.cli", "engine-worker"], cwd=self.app_dir,
            env=self.backends[0].env, stdin=subprocess.DEVNULL, stdout=open(log, "a"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        client = redis.Redis.from_url(self.redis_url)
        _wait(lambda: bool(Worker.all(connection=client)), 60, "the engine worker", self.engine_worker, log)

    def stop_engine_worker(self, sig: int = signal.SIGTERM) -> None:
        """SIGTERM (RQ's warm shutdown: the job in progress finishes) or SIGKILL (a crash)."""
        _stop_group(self.engine_worker, sig)
        self.engine_worker = None

    def render_nginx(self) -> Path:
        out = self.run_dir / "nginx"
        command = [str(VENV_BIN / "python"), str(self.app_dir / "deploy" / "render_nginx.py"),
                   "--web", str(self.app_dir / ".web"), "--out", str(out), "--main", "--listen", f"127.0.0.1:{self.port}"]
        for backend in self.backends:
            command += ["--backend", f"127.0.0.1:{backend.port}"]
        if self.certificate is not None:
            key = self.certificate.with_suffix(".key")
            if not self.certificate.exists():
                self.certificate.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7",
                                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                                "-keyout", str(key), "-out", str(self.certificate)], check=True, capture_output=True)
            command += ["--certificate", str(self.certificate), "--certificate-key", str(key)]
        subprocess.run(command, check=True, cwd=self.app_dir, capture_output=True, timeout=120)
        return out

    def start_nginx(self) -> None:
        out = self.render_nginx()
        globals_ = ("user root; " if os.geteuid() == 0 else "") + "daemon off;"
        self.nginx = subprocess.Popen(
            [nginx_binary(), "-p", f"{out}/", "-c", "nginx.conf", "-e", str(out / "error.log"), "-g", globals_],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=open(out / "stderr.log", "a"),
            start_new_session=True,
        )
        _wait(lambda: _answers(self.url("/ping"), self.certificate) and _answers(self.url("/"), self.certificate),
              60, "nginx", self.nginx, out / "error.log")

    def stop_nginx(self, graceful: bool = True) -> None:
        """SIGQUIT (graceful: requests in flight finish; open websockets are closed once idle) or SIGTERM."""
        _stop_group(self.nginx, signal.SIGQUIT if graceful else signal.SIGTERM)
        self.nginx = None

    def restart_nginx(self) -> None:
        self.stop_nginx()
        self.start_nginx()

    def kill(self, index: int) -> None:
        """SIGKILL to instance ``index`` (and its worker): a crash."""
        self.backends[index].kill()

    def restart(self, index: int) -> float:
        """Start instance ``index`` again on its port (after ``kill`` or ``stop``); nothing else is restarted."""
        backend = self.backends[index]
        if backend.process is not None:
            backend.stop()
        return backend.start()

    def stop(self) -> None:
        self.stop_nginx(graceful=False)
        for backend in self.backends:
            backend.stop()
        self.stop_engine_worker()

    def health(self, index: int) -> tuple[int, str]:
        """Reflex's ``/_health`` of instance ``index`` (database and Redis): status and body."""
        try:
            with urllib.request.urlopen(self.backends[index].url("/_health"), timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()
        except OSError as error:
            return 0, str(error)
