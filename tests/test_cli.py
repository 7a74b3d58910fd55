"""The `partact` command as a user runs it: exit codes, messages, and nothing changed on failure."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services.helpers import BAD_CSV, GOOD_CSV

PARTACT = str(Path(sys.executable).parent / "partact")


@pytest.fixture
def cli(tmp_path):
    env = {**os.environ, "REFLEX_DB_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PARTACT_LANG": "en",
           "PARTACT_PUBLIC_URL": "https://partact.example.lu"}
    env.pop("REFLEX_REDIS_URL", None)  # one machine without Redis, whatever the shell that runs the tests has

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([PARTACT, *args], env=env, capture_output=True, text=True, timeout=120)

    return run


def _create(cli) -> str:
    result = cli("event", "create", "spring", "--name", "Printemps", "--rounds", "6", "--tables", "4",
                 "--round-minutes", "7", "--date", "2027-03-18", "--venue", "Kirchberg")
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_event_create_prints_the_key_last_and_refuses_a_duplicate(cli):
    key = _create(cli)
    assert len(key) >= 22 and " " not in key
    again = cli("event", "create", "spring", "--name", "X", "--rounds", "6", "--tables", "4", "--round-minutes", "7")
    assert again.returncode == 2
    assert 'The event "spring" already exists.' in again.stderr
    assert "Traceback" not in again.stderr


def test_bad_arguments_exit_2_with_every_problem(cli):
    result = cli("event", "create", "Bad Slug", "--name", "X", "--rounds", "0", "--tables", "3", "--round-minutes", "7")
    assert result.returncode == 2
    assert "Invalid event identifier" in result.stderr and "Invalid number of rounds" in result.stderr
    assert cli("event", "create", "x").returncode == 2
    assert cli("frobnicate").returncode == 2
    assert "Traceback" not in cli("event", "create", "x").stderr


def test_import_with_three_bad_rows_changes_nothing_then_the_corrected_file_imports(cli, tmp_path):
    _create(cli)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(BAD_CSV)
    result = cli("import", "spring", str(bad))
    assert result.returncode == 2
    assert "nothing was imported" in result.stderr
    for line in ("Line 2", "Line 4", "Line 5"):
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    links = cli("export", "spring", "links")
    assert links.returncode == 0 and links.stdout.strip() == "organisation,type,url"

    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    result = cli("import", "spring", str(good))
    assert result.returncode == 0, result.stderr
    assert "4 registrations imported: 4 new" in result.stdout
    again = cli("import", "spring", str(good))
    assert "0 new, 0 updated, 4 unchanged" in again.stdout


def test_export_links_to_stdout_and_to_a_file(cli, tmp_path):
    _create(cli)
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    cli("import", "spring", str(good))
    result = cli("export", "spring", "links")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {row["organisation"] for row in rows} == {"Banque Moselle", "Kirchberg Conseil", "Eis Stëmm asbl",
                                                      "Fondation Ardennes Verte"}
    assert all(row["url"].startswith("https://partact.example.lu/p/") for row in rows)
    out = tmp_path / "people.csv"
    assert cli("export", "spring", "participants", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("type,organisation,contact_name,email")
    unknown = cli("export", "spring", "nonsense")
    assert unknown.returncode == 2 and "Unknown export" in unknown.stderr


def test_event_key_replaces_the_key(cli):
    old = _create(cli)
    result = cli("event", "key", "spring")
    assert result.returncode == 0
    new = result.stdout.strip().splitlines()[-1]
    assert new != old and len(new) >= 22
    missing = cli("event", "key", "autumn")
    assert missing.returncode == 2 and 'No event "autumn".' in missing.stderr


def test_missing_file_is_a_clear_error(cli, tmp_path):
    _create(cli)
    result = cli("import", "spring", str(tmp_path / "nope.csv"))
    assert result.returncode == 2
    assert "Cannot read the file" in result.stderr


def test_schedule_prints_its_report_and_the_export_lists_the_meetings(cli, tmp_path):
    import json

    _create(cli)
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    cli("import", "spring", str(good))
    result = cli("schedule", "spring")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"meetings", "value", "bound", "seconds"} <= set(report)
    assert report["meetings"] > 0 and report["value"] <= report["bound"] + 1e-6
    export = cli("export", "spring", "schedule")
    rows = list(csv.DictReader(io.StringIO(export.stdout)))
    assert len(rows) == report["meetings"]
    assert set(rows[0]) == {"round", "table", "company", "association"}
    # The Fondation avoids the Banque: they never meet.
    assert not [r for r in rows if r["company"] == "Banque Moselle" and r["association"] == "Fondation Ardennes Verte"]
    missing = cli("schedule", "autumn")
    assert missing.returncode == 2 and 'No event "autumn".' in missing.stderr


def test_demo_creates_the_event_once_and_prints_a_fresh_key(cli):
    first = cli("demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip().splitlines()[-1].startswith("organiser key: ")
    assert first.stdout.count("/p/") == 3 and "/organiser" in first.stdout
    second = cli("demo")
    assert "already exists" in second.stdout
    assert second.stdout.splitlines()[-1] != first.stdout.splitlines()[-1]
    rows = list(csv.DictReader(io.StringIO(cli("export", "demo", "links").stdout)))
    kinds = [row["type"] for row in rows]
    assert kinds.count("company") == 22 and kinds.count("association") == 32
    assert cli("export", "demo", "schedule").stdout.count("\n") > 100


def test_demo_played_to_its_end_is_rewound(cli, tmp_path):
    from partact_app.db import session_scope
    from partact_app.services import events, rounds

    assert cli("demo").returncode == 0
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with session_scope(url) as session:
        event = events.get_event(session, "demo")
        rounds.next_round(session, event)
        rounds.end(session, event)
    assert cli("demo").returncode == 0
    with session_scope(url) as session:
        event = events.get_event(session, "demo")
        assert (event.phase, event.current_round, event.round_deadline) == ("before", 0, None)


def test_seated_side_override_and_replan(cli, tmp_path):
    import json

    _create(cli)
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    cli("import", "spring", str(good))
    result = cli("schedule", "spring", "--seated", "association")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(cli("export", "spring", "schedule").stdout)))
    tables = {}
    for row in rows:
        tables.setdefault(row["association"], set()).add(row["table"])
    assert all(len(seen) == 1 for seen in tables.values())  # each association keeps its table
    replan = cli("replan", "spring")
    assert replan.returncode == 0, replan.stderr
    assert json.loads(replan.stdout.strip().splitlines()[-1])["meetings"] == len(rows)
    assert cli("schedule", "spring", "--seated", "nobody").returncode == 2


def test_publish_shows_the_agendas_and_refuses_bad_input(cli, tmp_path):
    from partact_app.db import session_scope
    from partact_app.services import events

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    _create(cli)
    nothing = cli("publish", "spring")
    assert nothing.returncode == 2 and "no schedule to publish" in nothing.stderr
    assert "Traceback" not in nothing.stderr
    missing = cli("publish", "autumn")
    assert missing.returncode == 2 and 'No event "autumn".' in missing.stderr
    assert cli("publish").returncode == 2
    good = tmp_path / "good.csv"
    good.write_bytes(GOOD_CSV)
    cli("import", "spring", str(good))
    assert cli("schedule", "spring", "--seated", "none").returncode == 0
    with session_scope(url) as session:
        assert not events.get_event(session, "spring").published
    result = cli("publish", "spring")
    assert result.returncode == 0, result.stderr
    assert 'Schedule of "spring" published' in result.stdout
    with session_scope(url) as session:
        event = events.get_event(session, "spring")
        assert event.published and event.published_at is not None and event.seated_side == "none"
    assert cli("publish", "spring").returncode == 0  # again: already published, nothing changes


def test_demo_is_published(cli, tmp_path):
    from partact_app.db import session_scope
    from partact_app.services import events

    assert cli("demo").returncode == 0
    with session_scope(f"sqlite:///{tmp_path / 'cli.db'}") as session:
        assert events.get_event(session, "demo").published


def test_the_engine_worker_without_redis_says_what_it_needs(cli):
    result = cli("engine-worker")
    assert result.returncode == 2
    assert "set REFLEX_REDIS_URL" in result.stderr and "Traceback" not in result.stderr
