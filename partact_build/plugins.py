"""Two Reflex plugins that change how the pages are delivered, never what they show (docs/benchmark-pages.md).

- ``SlimRadixThemes``: the Radix Themes stylesheet without the colour scales no page uses. Radix ships
  ``styles.css`` as ``tokens/base.css`` + every one of its 30 colour scales + ``components.css`` +
  ``utilities.css``, and documents importing the parts instead; we import the scales named in ``COLOURS``. And
  the pages' JavaScript takes only the Radix components they use (see ``get_frontend_dependencies``).
- ``RoutePreload``: a page with a dynamic route (``/p/[token]``, ``/screen/[slug]``) is served from the SPA
  fallback HTML, which preloads only the root's modules: the route's own module and the chunks it imports (the
  icons, the countdown) were fetched only after the root had run, one more round trip on a slow network. After the
  build, a small inline script is added to the fallback's ``<head>`` that preloads the modules of the route the
  address matches (read from React Router's build manifest), so they download with the root's.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from reflex_base.plugins.base import Plugin
from reflex_components_radix.plugin import RadixThemesPlugin

# Every colour scale a page uses: the accent (teal), the grey (slate) and the ``color_scheme`` of badges,
# callouts and buttons. tests/test_frontend_build.py checks the code names no other.
COLOURS = ("teal", "slate", "gray", "amber", "blue", "green", "orange", "purple", "red")


@dataclasses.dataclass
class SlimRadixThemes(RadixThemesPlugin):
    """Radix Themes with only the colour scales in ``COLOURS`` (the rest of its stylesheet unchanged)."""

    def get_frontend_dependencies(self, **context):
        """None as a "bundled library": Reflex would add ``import("@radix-ui/themes")`` to the root for components
        built at run time (``rx.dynamic``, which no page uses), and that dynamic import of the whole namespace made
        Rollup put all of Radix Themes (every component: 458 KB, 117 KB gzip) in one chunk that every page loads.
        The package is still installed: each Radix component names it as its library."""
        return ()

    def get_stylesheet_paths(self, **context):
        if not self.enabled:
            return ()
        return (
            "@radix-ui/themes/tokens/base.css",
            *(f"@radix-ui/themes/tokens/colors/{colour}.css" for colour in COLOURS),
            "@radix-ui/themes/components.css",
            "@radix-ui/themes/utilities.css",
        )


_MANIFEST = re.compile(r'<link rel="modulepreload" href="(/assets/manifest-[^"]+\.js)"/>')
_FALLBACK = "__spa-fallback.html"
_MARK = "partact-route-preload"


def route_preloads(manifest_js: str) -> list[tuple[str, list[str]]]:
    """``[(route pattern as a regular expression, [module URLs])]`` for each dynamic route of the manifest."""
    manifest = json.loads(manifest_js[manifest_js.index("{"): manifest_js.rindex("}") + 1])
    out = []
    for route in manifest["routes"].values():
        path = route.get("path") or ""
        if ":" not in path:
            continue  # static routes are prerendered with their own preloads
        pattern = "^/" + "/".join("[^/]+" if part.startswith(":") else re.escape(part) for part in path.split("/"))
        modules = [route["module"], *route.get("imports", [])]
        out.append((pattern + "/?$", modules))
    return out


def preload_script(routes: list[tuple[str, list[str]]], already: set[str]) -> str:
    """An inline script that adds ``<link rel=modulepreload>`` for the modules of the route the address matches.

    The script removes itself once it ran: React hydrates the whole document, and an element of the ``<head>`` that
    its render does not have stops the hydration (React error 418); the links it adds are left alone."""
    table = [[pattern, [m for m in modules if m not in already]] for pattern, modules in routes]
    return (
        f'<script id="{_MARK}">(function(){{var r={json.dumps(table, separators=(",", ":"))};'
        "var p=location.pathname;for(var i=0;i<r.length;i++){if(new RegExp(r[i][0]).test(p)){"
        "r[i][1].forEach(function(h){var l=document.createElement('link');l.rel='modulepreload';l.href=h;"
        "document.head.appendChild(l);});break;}}document.currentScript.remove();})();</script>"
    )


def add_route_preload(static_dir: Path) -> bool:
    """Add the preload script to the SPA fallback in ``static_dir``; False when there is nothing to do."""
    fallback = static_dir / _FALLBACK
    if not fallback.exists():
        return False
    html = fallback.read_text(encoding="utf-8")
    found = _MANIFEST.search(html)
    if found is None or _MARK in html:
        return False
    manifest_js = (static_dir / found.group(1).lstrip("/")).read_text(encoding="utf-8")
    already = set(re.findall(r'<link rel="modulepreload" href="([^"]+)"/>', html))
    script = preload_script(route_preloads(manifest_js), already)
    fallback.write_text(html.replace(found.group(0), found.group(0) + script, 1), encoding="utf-8")
    return True


class RoutePreload(Plugin):
    """After the production build, the SPA fallback preloads the modules of the dynamic route it is serving."""

    def post_build(self, **context):
        add_route_preload(Path(context["static_dir"]))
