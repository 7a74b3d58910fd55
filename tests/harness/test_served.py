"""The served-app harness, without serving: what a copy holds, what ``partact demo`` printed, /proc usage."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.served import Demo, copy_sources, tree_usage


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_a_copy_holds_the_sources_and_the_installed_front_end_packages_only(tmp_path):
    source, dest = tmp_path / "repo", tmp_path / "copy"
    for name in ["app/m.py", "rxconfig.py", "reflex.lock/package.json", ".venv/bin/python", ".states/s.pkl",
                 "partact.db", "partact.db-wal", "app/__pycache__/m.pyc", ".git", ".web/build/client/index.html",
                 ".web/node_modules/react/index.js", ".web/package.json"]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(name)

    copy_sources(source, dest)
    assert _files(dest) == {"app/m.py", "rxconfig.py", "reflex.lock/package.json",
                            ".web/node_modules/react/index.js", ".web/package.json"}

    # A later copy: files gone from the source go, the copy's own .web (its packages and build) stays.
    (source / "app/m.py").unlink()
    (source / "app/n.py").write_text("n")
    (dest / ".web/build/client").mkdir(parents=True)
    (dest / ".web/build/client/index.html").write_text("the copy's own build")
    (dest / "leftover.txt").write_text("stale")
    copy_sources(source, dest)
    assert _files(dest) == {"app/n.py", "rxconfig.py", "reflex.lock/package.json",
                            ".web/node_modules/react/index.js", ".web/package.json", ".web/build/client/index.html"}


def test_a_copy_into_the_source_itself_is_refused(tmp_path):
    (tmp_path / "keep.py").write_text("x")
    for dest in (tmp_path, tmp_path / "inside"):
        with pytest.raises(ValueError):
            copy_sources(tmp_path, dest)
    assert (tmp_path / "keep.py").read_text() == "x"


def test_demo_output_gives_the_key_and_the_participant_tokens():
    output = (
        'Demo event "demo" created.\n'
        "Organiser console: http://localhost:3000/organiser\n"
        "Participant page (Banque Moselle): http://localhost:3000/p/3Xq_a-1\n"
        "Participant page (Eis Stëmm asbl): http://localhost:3000/p/kP0b\n"
        "organiser key: Yd4-key_9\n"
    )
    assert Demo.parse(output) == Demo("Yd4-key_9", ["3Xq_a-1", "kP0b"])
    with pytest.raises(ValueError):
        Demo.parse("no key here\n")


def test_tree_usage_sums_a_process_and_its_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; print('up', flush=True); time.sleep(30)"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "up\n"  # its interpreter is running, not a process still being started
        alone = tree_usage(child.pid)
        both = tree_usage(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert alone["processes"] == 1 and alone["rss_mb"] > 1
    assert both["processes"] >= 2 and both["rss_mb"] > alone["rss_mb"] and both["cpu_s"] > 0
    assert 0 < alone["pss_mb"] <= alone["rss_mb"] and alone["pss_mb"] < both["pss_mb"] <= both["rss_mb"]
