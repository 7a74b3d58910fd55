"""Benchmark of the schedule engine against the greedy baseline.

Run from the repository root::

    .venv/bin/python -m benchmarks.schedule            # print the table
    .venv/bin/python -m benchmarks.schedule --write    # also write docs/benchmark-schedule.md

Instances are generated with a seeded RNG: category popularity follows a Zipf-like law,
most participants speak French, many English/German, a few a single language (so some
pairs are forbidden); a few wishes and avoids. "+w" variants give 15 % of participants an
availability window (late arrival, early departure, or both).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import importlib.metadata
import os
import platform
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import scipy

from partact_app.core.categories import ASSOCIATION, CATEGORY_KEYS, COMPANY
from partact_app.core.schedule import Schedule, check_schedule, greedy_schedule, lp, make_schedule, replan
from partact_app.core.scoring import Party

INSTANCES = [
    # name, companies, associations, rounds, tables
    ("small", 10, 10, 6, 10),
    ("part&act", 22, 32, 10, 22),
    ("medium", 40, 40, 10, 35),
    ("large", 150, 150, 12, 120),
    ("unbalanced", 30, 60, 8, 30),
    ("huge", 500, 500, 20, 400),
]
WINDOW_SHARE = 0.15


def instance(n_c: int, n_a: int, rounds: int, seed: int, windows: float = 0.0) -> tuple[list[Party], list[Party]]:
    """A random event with realistic category popularity, languages, wishes and avoids."""
    rng = np.random.default_rng(seed)
    k = len(CATEGORY_KEYS)
    popularity = 1.0 / np.arange(1, k + 1) ** 0.8
    p_offer = rng.permutation(popularity)
    p_offer /= p_offer.sum()
    p_need = rng.permutation(popularity)
    p_need /= p_need.sum()

    def categories(p, lo, hi):
        n = int(rng.integers(lo, hi + 1))
        return frozenset(CATEGORY_KEYS[i] for i in rng.choice(k, size=min(n, k), replace=False, p=p))

    def languages():
        if rng.random() < 0.06:  # a few speak a single language
            return frozenset([str(rng.choice(["fr", "de", "en"], p=[0.5, 0.3, 0.2]))])
        s = {"fr"} if rng.random() < 0.9 else set()
        if rng.random() < 0.6:
            s.add("en")
        if rng.random() < 0.45:
            s.add("de")
        if rng.random() < 0.2:
            s.add("lb")
        return frozenset(s or {"fr"})

    def window():
        if rng.random() >= windows:
            return None, None
        t = rng.random()
        if t < 0.4:  # arrives late
            return int(rng.integers(2, rounds // 2 + 2)), None
        if t < 0.8:  # leaves early
            return None, int(rng.integers(max(1, rounds // 2), rounds))
        lo = int(rng.integers(1, rounds // 2 + 1))
        return lo, int(rng.integers(lo, rounds + 1))

    c_names = [f"Company {i}" for i in range(n_c)]
    a_names = [f"Association {i}" for i in range(n_a)]

    def party(pid, name, kind, others):
        if kind == COMPANY:
            offers, needs = categories(p_offer, 1, 4), categories(p_need, 0, 2)
        else:
            offers, needs = categories(p_offer, 0, 2), categories(p_need, 1, 4)
        wishes = frozenset()
        if others and rng.random() < 0.15:
            wishes = frozenset(str(x) for x in rng.choice(others, size=min(len(others), int(rng.integers(1, 4))), replace=False))
        avoid = frozenset([str(rng.choice(others))]) if others and rng.random() < 0.04 else frozenset()
        lo, hi = window()
        return Party(pid, name, kind, offers, needs, languages(), wishes, avoid, lo, hi)

    companies = [party(i + 1, c_names[i], COMPANY, a_names) for i in range(n_c)]
    associations = [party(100000 + i + 1, a_names[i], ASSOCIATION, c_names) for i in range(n_a)]
    return companies, associations


def _timed(fn, repeat):
    results = [fn() for _ in range(repeat)]
    seconds = statistics.median(r.report.seconds for r in results)
    return results[-1], seconds


@contextlib.contextmanager
def _lp_backend(name: str):
    """Run the engine with another LP backend (``lp.BACKEND``) inside the block."""
    saved = lp.BACKEND
    lp.BACKEND = name
    try:
        yield
    finally:
        lp.BACKEND = saved


def no_show(companies, associations, rounds, tables, s: Schedule, repeat: int):
    """Mark the company with most meetings after round R//2 absent and re-plan."""
    k = rounds // 2
    future = [m for m in s.meetings if m.round > k]
    if not future:
        return None
    gone = Counter(m.company for m in future).most_common(1)[0][0]
    cs2 = [replace(c, absent=c.id == gone) for c in companies]
    new, seconds = _timed(lambda: replan(cs2, associations, rounds, tables, s.meetings, k), repeat)
    assert not check_schedule(new.meetings, cs2, associations, rounds, tables, after_round=k, seated=new.seated)
    unaffected = [m for m in future if m.company != gone]
    now = set(new.meetings)
    kept = sum(m in now for m in unaffected) / max(len(unaffected), 1)
    return seconds, kept, new.report.ratio


def machine() -> str:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        highspy = importlib.metadata.version("highspy")
    except importlib.metadata.PackageNotFoundError:
        highspy = "missing"
    return (
        f"{os.cpu_count()} CPUs (`nproc`), {model}; Python {platform.python_version()}, "
        f"numpy {np.__version__}, scipy {scipy.__version__}, highspy {highspy}; {_dt.date.today().isoformat()}"
    )


def run(seed: int = 1, repeat: int = 3) -> str:
    head = (
        "| instance | C+A | R | T | greedy value/bound | greedy min–max C / A | greedy sit-out | greedy s "
        "| engine value/bound | engine min–max C / A | engine sit-out | engine s | linprog s | engine/greedy time "
        "| replan s | replan unchanged | replan value/bound |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = []
    for name, n_c, n_a, rounds, tables in INSTANCES:
        for w in (0.0, WINDOW_SHARE):
            cs, as_ = instance(n_c, n_a, rounds, seed, w)
            rep = 1 if n_c >= 500 else repeat
            g, g_s = _timed(lambda: greedy_schedule(cs, as_, rounds, tables), rep)
            s, s_s = _timed(lambda: make_schedule(cs, as_, rounds, tables), rep)
            assert not check_schedule(s.meetings, cs, as_, rounds, tables, seated=s.seated)
            with _lp_backend("linprog"):
                sl, sl_s = _timed(lambda: make_schedule(cs, as_, rounds, tables), rep)
            assert not check_schedule(sl.meetings, cs, as_, rounds, tables, seated=sl.seated)
            assert abs(sl.report.bound - s.report.bound) < 1e-6
            assert not check_schedule(g.meetings, cs, as_, rounds, tables, seated=g.seated)
            rp = no_show(cs, as_, rounds, tables, s, rep)
            gr, sr = g.report, s.report
            label = name + (" +w" if w else "")
            rp_txt = f"{rp[0]:.3f} | {100 * rp[1]:.1f} % | {rp[2]:.6f}" if rp else "– | – | –"
            lines.append(
                f"| {label} | {n_c}+{n_a} | {rounds} | {tables} "
                f"| {gr.ratio:.6f} | {gr.company_min}–{gr.company_max} / {gr.association_min}–{gr.association_max} "
                f"| {gr.longest_sitout} | {g_s:.3f} "
                f"| {sr.ratio:.6f} | {sr.company_min}–{sr.company_max} / {sr.association_min}–{sr.association_max} "
                f"| {sr.longest_sitout} | {s_s:.3f} | {sl_s:.3f} | {s_s / max(g_s, 1e-9):.2f} | {rp_txt} |"
            )
            print(lines[-1], file=sys.stderr, flush=True)
    return head + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measure (median); huge runs once")
    parser.add_argument("--write", action="store_true", help="write docs/benchmark-schedule.md")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    table = run(args.seed, args.repeat)
    print(table)
    print(f"machine: {machine()}  (total {time.perf_counter() - t0:.1f} s)")
    if args.write:
        path = Path(__file__).resolve().parent.parent / "docs" / "benchmark-schedule.md"
        path.write_text(_document(table, args))
        print(f"wrote {path}")


def _document(table: str, args) -> str:
    return f"""# Schedule engine benchmark

Generated by `.venv/bin/python -m benchmarks.schedule --write` (seed {args.seed}, median of
{args.repeat} runs, huge instances once). Machine: {machine()}.

Columns: *value/bound* is the objective divided by the LP upper bound (1.000000 = provably
optimal); *min–max* the fewest and most meetings of a company / association (participants
not marked absent); *sit-out* the longest run of consecutive present rounds without a
meeting; times in seconds, wall clock, including building the matrices. The greedy
baseline is a per-round maximum-weight matching (`linear_sum_assignment`, capped at T) on
affinity + fair(deg+1) of both sides; its time excludes computing the bound. *linprog s*:
the engine with the LP fallback (`lp.BACKEND = "linprog"`: scipy's `linprog`, the full LP
without column generation or warm starts; same bound, asserted). *Replan*:
after round R//2 the company with the most remaining meetings is marked absent and rounds
R//2+1..R are re-planned; *unchanged* is the share of the other planned meetings of those
rounds kept identical (same pair, round and table). "+w": 15 % of participants have an
availability window (late arrival, early departure or both, often half the event).

{table}
Notes:

* Without windows the LP bound is always reached (exact by construction, König).
* With windows the bound is only an upper bound. For `small +w` (seed 1) a
  time-indexed MILP (`tests/core/test_schedule_support.exact_optimum`) gives exactly
  the engine's value: the 0.9955 ratio is slack in the bound, not a loss.
* The engine is slower than the greedy baseline (it solves an LP), but stays well
  within the targets: large < 0.3 s, huge < 3 s, large re-plan < 0.3 s.
* The LP goes through highspy (HiGHS's own Python interface) with column generation and
  warm starts above 40 000 candidate pairs. *linprog s* is the fallback: the same bound
  (asserted; where the LP has several optimal choices the schedule may differ); it
  solves the full LP in one go, so huge instances take about twice as long.
"""


if __name__ == "__main__":
    main()
