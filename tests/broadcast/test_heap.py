"""The memory a burst freed goes back to the machine once the burst is over (partact_app/heap.py).

Each check runs in a fresh interpreter, so that pytest's own heap does not hide or fake the effect.
"""

import subprocess
import sys
import textwrap

import pytest

from partact_app import heap

pytestmark = pytest.mark.skipif(not heap.available(), reason="this C library has no malloc_trim (not glibc)")

BURST = """
import asyncio, re, time
from partact_app import heap

def rss_mb():
    return int(re.search(r"VmRSS:\\s+(\\d+)", open("/proc/self/status").read()).group(1)) / 1024

# A burst: 80 MB in 2 KB objects (each through the C allocator), then all freed but every 256th, which pins the
# heap so that free() alone cannot give the pages back.
burst = [bytes(2048) for _ in range(40_000)]
kept = burst[::256]
del burst
before = rss_mb()
"""


def run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(BURST) + textwrap.dedent(code)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_trim_gives_a_freed_burst_back():
    out = run("""
        heap.trim()
        print(before, rss_mb())
    """)
    before, after = map(float, out.split())
    assert before > 80 and before - after > 50, (before, after)


def test_settle_trims_once_the_burst_is_over_and_not_during_it():
    out = run("""
        async def main():
            # Joins keep coming: every call postpones the trim.
            for _ in range(6):
                heap.settle()
                await asyncio.sleep(heap.QUIET_SECONDS / 3)
            during = rss_mb()
            await asyncio.sleep(heap.QUIET_SECONDS + 1.5)  # quiet: the trim runs (in a thread)
            print(before, during, rss_mb())
        asyncio.run(main())
    """)
    before, during, after = map(float, out.split())
    assert during > before - 10, (before, during)  # nothing given back while the burst went on
    assert before - after > 50, (before, after)
