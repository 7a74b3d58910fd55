"""The console benchmark's pieces that run without a server: its registration file is one the import takes whole,
and its report renders from raw results (so a re-render with ``--from-json`` keeps working)."""

from __future__ import annotations

import math

from benchmarks.console import SIZES, registrations_csv, render
from partact_app.core.registrations import parse_registrations


def test_the_generated_file_is_a_valid_registration_file_of_the_asked_size():
    for size in SIZES.values():
        parsed = parse_registrations(registrations_csv(size, seed=3), rounds=size.rounds, filename="bench.csv")
        assert not parsed.errors
        kinds = [record.kind for record in parsed.registrations]
        assert (kinds.count("company"), kinds.count("association")) == (size.companies, size.associations)


def test_the_report_renders_from_raw_results():
    step = {"total": 0.5, "driver": 0.9, "server": 0.3, "browser": 0.2, "start": math.nan, "frame_kb": 80.0}
    size = {
        "n": 300, "repeat": 1, "phones": 300, "phones_hydrated": 300, "join_s": 3.0,
        "steps": {name: [dict(step)] for name in ("import", "table", "schedule", "grid", "publish")},
        "services": {"import": [0.1], "no_show": [0.3]},
        "no_show": [{"console": 0.6, "console_server": 0.5, "console_browser": 0.1, "affected": 20,
                     "affected_updated": 20, "affected_told_max": 0.6, "affected_max": 0.9, "affected_median": 0.8,
                     "all_heard_max": 0.6, "phones_heard": 300, "others_reloaded": 0}],
    }
    data = {"machine": {"date": "2026-11-26 16:00 UTC", "cpus": 2, "platform": "Linux", "python": "3.11",
                        "reflex": "0.10.1"},
            "argv": "python -m benchmarks.console", "repeat": 1, "load_before": "1 1 1", "load_after": "1 1 1",
            "sizes": [size]}
    text = render(data)
    assert "| Import (click `import-button` -> summary and rows shown) | 0.50 | 0.10 | yes |" in text
    assert "| 300 | 300/300 | 0.60 |" in text
