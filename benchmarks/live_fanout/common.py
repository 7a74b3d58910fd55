"""Paths and small helpers shared by the modules of the live benchmark."""

from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "benchmark-live.md"
BASELINE_APP = REPO / "benchmarks" / "baseline_app"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def self_cpu() -> float:
    """CPU seconds of this (the load client's) process."""
    times = os.times()
    return times.user + times.system


def console_cookie(base_url: str, key: str, verify: str | bool = True) -> str:
    """The console's session cookie (a ``Cookie`` header value) after a login with ``key`` at ``base_url``, the
    form's POST as the browser sends it (``verify``: the certificate of an HTTPS ``base_url`` of ours)."""
    answer = httpx.post(f"{base_url}/api/console/login", data={"organiser_key": key}, follow_redirects=False,
                        timeout=30, verify=verify)
    cookies = "; ".join(f"{name}={value}" for name, value in answer.cookies.items())
    if not cookies:
        raise RuntimeError(f"no session cookie from the console login ({answer.status_code})")
    return cookies
