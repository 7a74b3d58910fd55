"""The browser tests' fixtures live in tests/conftest.py (shared with the security tests: one build per session)."""
