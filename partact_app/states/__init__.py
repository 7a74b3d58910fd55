"""Reflex states: thin, they call services and hold what a page shows."""
