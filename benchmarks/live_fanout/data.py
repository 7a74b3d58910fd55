"""The database of a run: the demo event, and one generated event ``bench<N>`` per N."""

from __future__ import annotations

import csv
import io
import random
import time
from dataclasses import dataclass
from pathlib import Path

from harness.served import Demo, ServedApp
from partact_app.core.categories import CATEGORY_KEYS as CATEGORY_KEY_TUPLE
from partact_app.core.registrations import COLUMNS as REGISTRATION_COLUMNS

from .common import log

CATEGORY_KEYS = list(CATEGORY_KEY_TUPLE)
CSV_COLUMNS = list(REGISTRATION_COLUMNS)


def registrations_csv(count: int, slug: str, seed: int) -> str:
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for i in range(count):
        company = i % 2 == 0
        languages = rng.choice(["fr;en", "fr", "fr;de;en", "en;de", "fr;lb;de", "fr;en;lb"])
        offers = rng.sample(CATEGORY_KEYS, rng.randint(1, 3))
        needs = rng.sample(CATEGORY_KEYS, rng.randint(1, 3))
        name = f"{slug} {'Company' if company else 'Association'} {i:04d} {'S.A.' if company else 'asbl'}"
        writer.writerow(
            [
                "company" if company else "association",
                name,
                f"Contact {i:04d}",
                f"contact{i:04d}@example.org",
                f"+352 621 {i:06d}",
                languages,
                ";".join(offers),
                ";".join(needs),
                "A generated participant for the live benchmark, with a description of a realistic length "
                "so the agenda rows weigh what real ones do.",
                "",
                "",
                "",
                "",
            ]
        )
    return out.getvalue()


@dataclass
class BenchEvent:
    slug: str
    key: str
    tokens: list[str]  # participant tokens, in export order


def prepare_data(
    app: ServedApp, db_path: Path | None, sizes: list[int], seed: int, work: Path | None = None, tag: str = "",
) -> tuple[dict[int, BenchEvent], Demo]:
    """The demo event and ``bench<N>`` with N + 2 participants per N in the app's database: a fresh SQLite file
    at ``db_path``, or (None) the database the app is given (a fresh PostgreSQL database, migrated); the
    registration files go to ``work`` (default: next to ``db_path``)."""
    if db_path is not None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    work = work or db_path.parent
    demo = Demo.create(app)
    events: dict[int, BenchEvent] = {}
    for n in sizes:
        slug = f"bench{n}{tag}"
        began = time.monotonic()
        key = app.cli(
            "event", "create", slug, "--name", f"Bench {n}", "--rounds", "10", "--tables", str(n // 2 + 1),
            "--round-minutes", "6", "--start-time", "17:30",
        ).strip().splitlines()[-1].strip()
        path = work / f"{slug}.csv"
        path.write_text(registrations_csv(n + 2, slug, seed + n))
        app.cli("import", slug, str(path))
        app.cli("schedule", slug)
        app.cli("publish", slug)  # the phones see their agendas only once the schedule is published
        rows = list(csv.DictReader(io.StringIO(app.cli("export", slug, "links"))))
        tokens = [row["url"].rsplit("/p/", 1)[1] for row in rows]
        if len(tokens) != n + 2:
            raise RuntimeError(f"{slug}: {len(tokens)} links for {n + 2} participants")
        events[n] = BenchEvent(slug, key, tokens)
        log(f"event {slug}: {len(tokens)} participants imported, scheduled and published in {time.monotonic() - began:.1f} s")
    return events, demo
