"""The schedule engine runs in a process of its own: the serving process never loads it, and a dead engine process
is replaced on the next computation."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Meeting
from partact_app.services import attendance, engine_process, events
from partact_app.services.engine_process import EngineUnavailable
from partact_app.services.registrations import participants_of
from partact_app.services.scheduling import replan_event, schedule_event, schedule_quality_of

from .test_scheduling import demo_url  # noqa: F401  (the fixture)

REPO = Path(__file__).resolve().parents[2]

SERVING = """
import json, sys
from partact_app.core.demo import demo_csv
import pytest
from sqlmodel import select

from partact_app import db
from partact_app.db import session_scope
from partact_app.services import attendance, engine_process, events, registrations
from partact_app.services.scheduling import schedule_event, schedule_quality_of

url = sys.argv[1]
db.upgrade(url)
with session_scope(url) as session:
    events.create_event(session, "fair", name="Foire", rounds=10, tables=22, round_minutes=6)
    registrations.import_registrations(session, "fair", demo_csv(), "demo.csv")
    report = schedule_event(session, "fair")
with session_scope(url) as session:
    event = events.get_event(session, "fair")
    first = registrations.participants_of(session, event)[0]
    replan = attendance.mark_absent(session, event, first.id)
with session_scope(url) as session:
    quality = schedule_quality_of(session, events.get_event(session, "fair"))
print(json.dumps({
    "meetings": report["meetings"], "value": report["value"], "changes": sorted(map(str, replan.changes)),
    "quality": quality.meetings, "engine_process": engine_process._pool is not None,
    "loaded": [name for name in ("numpy", "scipy", "highspy") if name in sys.modules],
}))
"""


def test_a_schedule_a_replan_and_the_quality_leave_the_serving_process_without_the_engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'serving.db'}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", SERVING, url], capture_output=True, text=True, timeout=300,
                          cwd=REPO, env=env, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["meetings"] > 0 and answer["changes"] and answer["quality"] > 0
    assert answer["loaded"] == []  # numpy, scipy and highspy stayed in the engine's process


def _engine_pids() -> list[int]:
    pool = engine_process._pool
    return list(pool._processes) if pool is not None else []  # noqa: SLF001 (the executor's own record)


def test_the_next_computation_works_after_the_engine_process_was_killed(demo_url):  # noqa: F811
    with session_scope(demo_url) as session:
        schedule_event(session, "fair")
    pids = _engine_pids()
    assert pids and os.getpid() not in pids
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    with session_scope(demo_url) as session:
        event = events.get_event(session, "fair")
        first = participants_of(session, event)[0]
        replan = attendance.mark_absent(session, event, first.id)
        assert replan is not None and replan.changes
        assert schedule_quality_of(session, event).meetings > 0
    assert set(_engine_pids()).isdisjoint(pids)  # new processes


def _meetings(url: str) -> list[tuple]:
    with session_scope(url) as session:
        event = events.get_event(session, "fair")
        return sorted((m.round, m.table, m.company_id, m.association_id)
                      for m in session.exec(select(Meeting).where(Meeting.event_id == event.id)))


def test_a_computation_whose_engine_process_dies_is_refused_and_changes_nothing(demo_url):  # noqa: F811
    with session_scope(demo_url) as session:
        schedule_event(session, "fair")
    before = _meetings(demo_url)
    (pid,) = _engine_pids()
    os.kill(pid, signal.SIGSTOP)  # the next computation waits for it...
    threading.Timer(0.5, os.kill, (pid, signal.SIGKILL)).start()  # ...and it dies meanwhile
    with pytest.raises(EngineUnavailable) as refused, session_scope(demo_url) as session:
        schedule_event(session, "fair", seated="none")
    assert refused.value.message("en") == t("error.engine_unavailable", "en")
    assert _meetings(demo_url) == before
    with session_scope(demo_url) as session:
        assert schedule_event(session, "fair", seated="none")["meetings"] > 0  # a new engine process
    assert pid not in _engine_pids()


def test_replan_event_answers_like_before_across_the_process(demo_url):  # noqa: F811
    """The re-plan's answer is plain Python: the same report keys and change lines as the engine's own."""
    with session_scope(demo_url) as session:
        schedule_event(session, "fair")
        replan = replan_event(session, "fair")
    assert {"meetings", "value", "bound", "ratio", "seconds"} <= set(replan.report)
    assert all(type(v) in (int, float) for v in replan.report.values())


PARENT = """
import sys, time
from partact_app.core.schedule import remote
from partact_app.services import engine_process

if __name__ == "__main__":
    _pool, future = engine_process._submit(remote.ready)
    future.result()
    print(*engine_process._pool._processes, flush=True)
    time.sleep(600)
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is gone already, waiting for its reaper
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_a_killed_serving_process_leaves_no_engine_process_behind(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        engines = [int(pid) for pid in parent.stdout.readline().split()]
        assert engines and all(_alive(pid) for pid in engines)
    finally:
        parent.kill()
        parent.wait(10)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in engines) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in engines)
