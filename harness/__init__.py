"""Test and benchmark harness: a served production build (``served``) and a raw websocket client (``phone``).

Not part of the app (not installed); imported from the repository root by ``tests/`` and ``benchmarks/``.
"""
