"""Writes assets/gong.wav: the big screen's end-of-round gong, synthesised (no recording, no licence to track).

A gong is a handful of inharmonic partials, each decaying at its own rate, with a soft strike. Run it again to
change the sound: ``.venv/bin/python scripts/make_gong.py``.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

RATE = 16_000  # Hz: plenty for a low gong, and a small file
SECONDS = 2.2
# (frequency Hz, amplitude, decay per second) of the partials
PARTIALS = [(110.0, 1.0, 1.6), (164.0, 0.55, 2.2), (221.5, 0.45, 2.8), (293.0, 0.3, 3.5), (372.0, 0.22, 4.5),
            (467.0, 0.15, 5.5), (589.0, 0.1, 7.0)]


def gong() -> np.ndarray:
    t = np.arange(int(RATE * SECONDS)) / RATE
    sound = sum(a * np.exp(-d * t) * np.sin(2 * np.pi * f * t + f / 50) for f, a, d in PARTIALS)
    strike = np.minimum(1.0, t / 0.008)  # 8 ms attack: no click
    sound = sound * strike
    return (sound / np.abs(sound).max() * 0.8 * 32767).astype("<i2")


def main() -> None:
    path = Path(__file__).resolve().parent.parent / "assets" / "gong.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(gong().tobytes())
    print(f"wrote {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
