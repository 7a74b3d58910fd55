"""The security headers of every answer, and the Content-Security-Policy the built pages pass.

React Router's production build inlines a few boot scripts in every HTML file; they are the same for every
request, so the policy allows exactly those (their SHA-256 hashes, read once from the build) rather than any
inline script. Reflex's client evaluates the scripts the server sends (toasts, ``call_script``), hence
``'unsafe-eval'``; styles come inline from Emotion and Radix, hence ``'unsafe-inline'`` for styles only.
``frame-ancestors 'none'`` (and ``X-Frame-Options``) keep the pages out of other sites' frames;
``Referrer-Policy: no-referrer`` keeps a participant's token (in the URL) from leaking to any other site.

The policy, the framing, the browser features and the opener are properties of a document: a browser applies
them to the page whose answer carries them, never to a script, a stylesheet, a font, an image or a sound it
loads. Those get only ``nosniff`` and the referrer policy (``headers_for``): the policy alone is 1.5 KB, and the
participant page loads twenty such files, 30 KB of headers on a phone's slow network (docs/benchmark-pages.md).
No page starts a worker, whose script would take its policy from its own answer.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from pathlib import Path

from partact_app.settings import REPO_ROOT

BUILD_DIR = REPO_ROOT / ".web" / "build" / "client"
_INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)


def inline_script_hashes(root: Path = BUILD_DIR) -> list[str]:
    """``'sha256-...'`` of every inline script of the built HTML files (sorted, without duplicates)."""
    hashes: set[str] = set()
    if root.is_dir():
        for page in root.rglob("*.html"):
            for body in _INLINE_SCRIPT.findall(page.read_bytes()):
                digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
                hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


@functools.cache
def policy(root: Path = BUILD_DIR) -> str:
    scripts = " ".join(["'self'", "'unsafe-eval'", *inline_script_hashes(root)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            "media-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


@functools.cache
def security_headers(root: Path = BUILD_DIR) -> tuple[tuple[bytes, bytes], ...]:
    """The headers added to every HTTP answer (pages, assets, API), for the build in ``root``."""
    return (
        (b"content-security-policy", policy(root).encode()),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"no-referrer"),
        (b"x-content-type-options", b"nosniff"),
        (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
        (b"cross-origin-opener-policy", b"same-origin"),
    )


# What a file that is not a document needs: the browser reads it as its declared type only, and the requests it
# makes itself (a stylesheet's fonts) send no referrer. SVG is left out: opened on its own it is a document.
_ASSET_HEADERS = (b"x-content-type-options", b"referrer-policy")
_ASSET_TYPES = re.compile(rb"^\s*(text/javascript|application/javascript|text/css|font/|audio/|image/(?!svg))", re.I)


@functools.cache
def asset_headers(root: Path = BUILD_DIR) -> tuple[tuple[bytes, bytes], ...]:
    """The headers of a script, a stylesheet, a font, an image (not SVG) or a sound."""
    return tuple((name, value) for name, value in security_headers(root) if name in _ASSET_HEADERS)


def headers_for(content_type: bytes | None, root: Path = BUILD_DIR) -> tuple[tuple[bytes, bytes], ...]:
    """The security headers of an answer of this ``Content-Type`` (all of them when it is unknown)."""
    if content_type and _ASSET_TYPES.match(content_type):
        return asset_headers(root)
    return security_headers(root)


def nginx_headers(root: Path = BUILD_DIR, assets: bool = False) -> str:
    """The same headers as nginx ``add_header`` lines, for the static files nginx serves from the build in
    ``root`` (deploy/nginx.conf includes them): one policy, computed here, for the backend and the proxy.
    ``assets``: those of the scripts and stylesheets (``asset_headers``)."""
    lines = ["# Written by `python -m partact_app.guard.csp` from the build; do not edit (partact_app/guard/csp.py)."]
    for name, value in (asset_headers if assets else security_headers)(Path(root)):
        text = value.decode()
        if '"' in text or "\\" in text:
            raise ValueError(f"cannot quote the {name.decode()} header for nginx")
        lines.append(f'add_header {name.decode()} "{text}" always;')
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # python -m partact_app.guard.csp [BUILD_DIR]: the headers for nginx
    import sys

    sys.stdout.write(nginx_headers(Path(sys.argv[1]) if len(sys.argv) > 1 else BUILD_DIR))
