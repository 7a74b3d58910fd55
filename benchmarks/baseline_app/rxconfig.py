"""Reflex config of the live benchmark's SharedState baseline (built from a copy, never here)."""

import reflex as rx

config = rx.Config(
    app_name="baseline_app",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    disable_plugins=[rx.plugins.SitemapPlugin],
)
