"""Benchmarks (not part of the test suite); run e.g. ``python -m benchmarks.schedule``."""
