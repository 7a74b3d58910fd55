"""The engine worker of a deployment on Redis (``partact engine-worker``): the instances hand it their computations
and load no engine of their own; without a worker that answers they compute themselves, and nothing is lost.

Each test has a Redis server of its own (restarted by one of them) and a real worker process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness.cluster import RedisServer, _stop_group
from partact_app import db
from partact_app.core.demo import demo_csv
from partact_app.core.schedule.results import ScheduleError
from partact_app.db import session_scope
from partact_app.services import engine_process, engine_queue, events, registrations
from partact_app.services.scheduling import meetings_of, schedule_event

from .test_engine_process import SERVING  # a schedule, a re-plan and the quality; what the process loaded

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_url(tmp_path) -> str:
    """The demo's registrations in an event, on SQLite (the queue does not depend on the database)."""
    url = f"sqlite:///{tmp_path / 'partact.db'}"
    db.upgrade(url)
    with session_scope(url) as session:
        events.create_event(session, "fair", name="Foire", rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, "fair", demo_csv(), "demo.csv")
    return url


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path / "redis")
    server.start()
    yield server
    server.stop()


def _environment(redis_server: RedisServer | None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PARTACT_DEPLOYMENT": "engine-queue-test"}
    env.pop("REFLEX_REDIS_URL", None)
    if redis_server is not None:
        env["REFLEX_REDIS_URL"] = redis_server.url(0)
    return env


@pytest.fixture
def worker(redis_server, tmp_path, monkeypatch):
    """``partact engine-worker`` on the test's Redis; this process uses the same queue."""
    env = _environment(redis_server)
    monkeypatch.setenv("REFLEX_REDIS_URL", env["REFLEX_REDIS_URL"])
    monkeypatch.setenv("PARTACT_DEPLOYMENT", env["PARTACT_DEPLOYMENT"])
    log = tmp_path / "engine-worker.log"
    process = subprocess.Popen([sys.executable, "-m", "partact_app.cli", "engine-worker"], cwd=REPO, env=env,
                               stdin=subprocess.DEVNULL, stdout=open(log, "a"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    _until(engine_queue.listening, 60, lambda: log.read_text())
    yield process
    _stop_group(process)
    engine_process.shutdown()


def _until(condition, timeout: float, why=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, why()
        time.sleep(0.2)


def _serve(tmp_path: Path, name: str, redis_server: RedisServer | None) -> dict:
    done = subprocess.run([sys.executable, "-c", SERVING, f"sqlite:///{tmp_path / name}"], capture_output=True,
                          text=True, timeout=300, cwd=REPO, env=_environment(redis_server), check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_worker_computes_what_the_instance_would_and_the_instance_loads_no_engine(worker, redis_server,
                                                                                    tmp_path):
    by_worker = _serve(tmp_path, "by-worker.db", redis_server)
    assert by_worker["engine_process"] is False and by_worker["loaded"] == []
    alone = _serve(tmp_path, "alone.db", None)  # no Redis: the instance's own engine process
    assert alone["engine_process"] is True
    for answer in ("meetings", "value", "changes", "quality"):
        assert by_worker[answer] == alone[answer]


def test_a_refusal_of_the_engine_comes_back_as_itself(worker):
    with pytest.raises(ScheduleError) as refused:
        engine_process.call("make_schedule", [], [], 0, 3)
    assert refused.value.code == "rounds_invalid"
    assert engine_process._pool is None  # noqa: SLF001 (computed by the worker)


def test_without_a_worker_the_instance_computes_itself(redis_server, demo_url, monkeypatch):
    monkeypatch.setenv("REFLEX_REDIS_URL", redis_server.url(0))
    assert not engine_queue.listening()
    began = time.monotonic()
    with session_scope(demo_url) as session:
        assert schedule_event(session, "fair")["meetings"] > 0
    assert engine_process._pool is not None  # noqa: SLF001
    assert time.monotonic() - began < engine_queue.START_WITHIN  # nothing waited for a worker
    engine_process.shutdown()


def test_a_killed_worker_loses_no_computation(worker, demo_url):
    os.killpg(worker.pid, signal.SIGKILL)  # still registered in Redis, and it will never take the job
    worker.wait(10)
    with session_scope(demo_url) as session:
        report = schedule_event(session, "fair")  # taken back after START_WITHIN, computed here
    with session_scope(demo_url) as session:
        event = events.get_event(session, "fair")
        assert report["meetings"] > 0 and len(meetings_of(session, event)) == report["meetings"]
    assert engine_process._pool is not None  # noqa: SLF001
    _until(lambda: not engine_queue.listening(), engine_queue.SILENT_LIMIT + 5)  # then known dead at once


def test_the_worker_registers_again_after_redis_restarts(worker, redis_server):
    redis_server.restart()  # everything in it is lost, the worker's registration too
    _until(engine_queue.listening, 3 * engine_queue.HEARTBEAT + 5)
    quality = engine_process.call("schedule_quality", [], [], 3, 2, [])
    assert quality.meetings == 0
    assert engine_process._pool is None  # noqa: SLF001
    assert worker.poll() is None


def test_a_computation_waits_in_line_for_a_busy_worker(worker):
    engine_queue._queue().enqueue(time.sleep, engine_queue.START_WITHIN + 3)  # noqa: SLF001 (the deployment's queue)
    _until(lambda: engine_queue._alive(engine_queue._queue(), busy=True), 10)  # noqa: SLF001
    began = time.monotonic()
    quality = engine_process.call("schedule_quality", [], [], 3, 2, [])
    assert quality.meetings == 0
    assert time.monotonic() - began > engine_queue.START_WITHIN  # it waited past START_WITHIN...
    assert engine_process._pool is None  # noqa: SLF001  (...for the worker, not for an engine process here)
