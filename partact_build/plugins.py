"""Three Reflex plugins that change how the pages are delivered, never what they show (docs/benchmark-pages.md).

- ``SlimRadixThemes``: the Radix Themes stylesheet without the colour scales no page uses. Radix ships
  ``styles.css`` as ``tokens/base.css`` + every one of its 30 colour scales + ``components.css`` +
  ``utilities.css``, and documents importing the parts instead; we import the scales named in ``COLOURS``. Nor the
  responsive variants of the props no page gives a responsive value (``RESPONSIVE_PROPS``). And the pages'
  JavaScript takes only the Radix components they use (see ``get_frontend_dependencies``).
- ``LibraryChunks``: the front-end libraries bundled by the set of pages that use them (``fewer_chunks``).
- ``RoutePreload``: a page with a dynamic route (``/p/[token]``, ``/screen/[slug]``) is served from the SPA
  fallback HTML, which preloads only the root's modules: the route's own module and the chunks it imports (the
  icons, the countdown) were fetched only after the root had run, one more round trip on a slow network. After the
  build, a small inline script is added to the fallback's ``<head>`` that preloads the modules of the route the
  address matches (read from React Router's build manifest), so they download with the root's. And every page
  fetches React's client entry after the root's modules (``entry_last``).
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


# The Radix props given responsive values (``rx.breakpoints``) somewhere in the code, and the class-name pattern of
# their responsive rules: the stylesheet keeps those and drops the other props' (``responsive-variants.js``, a
# PostCSS plugin: 38 -> 28 KB of Brotli for the stylesheet every page waits for). tests/test_frontend_build.py
# fails when the code gives a responsive value to a prop not listed here.
RESPONSIVE_PROPS = {"columns": r"rt-r-gtc-"}
_VARIANTS_JS = "partact-responsive-variants.js"
_POSTCSS_ANCHOR = '"postcss-import": {},'


def drop_unused_responsive_variants(postcss_config: str) -> str:
    """Reflex's ``postcss.config.js`` with our plugin right after ``postcss-import`` (which inlines Radix's CSS)."""
    if _POSTCSS_ANCHOR not in postcss_config or _VARIANTS_JS in postcss_config:
        return postcss_config
    keep = json.dumps({"keep": sorted(RESPONSIVE_PROPS.values())})
    return postcss_config.replace(_POSTCSS_ANCHOR, f'{_POSTCSS_ANCHOR}\n    "./{_VARIANTS_JS}": {keep},', 1)


@dataclasses.dataclass
class SlimRadixThemes(RadixThemesPlugin):
    """Radix Themes with only the colour scales in ``COLOURS`` and the responsive rules of ``RESPONSIVE_PROPS``
    (the rest of its stylesheet unchanged)."""

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

    def pre_compile(self, **context):
        super().pre_compile(**context)
        if not self.enabled:
            return
        source = Path(__file__).with_name("responsive-variants.js").read_text(encoding="utf-8")
        context["add_save_task"](lambda: (_VARIANTS_JS, source))
        context["add_modify_task"]("postcss.config.js", drop_unused_responsive_variants)


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


# Vite's output (Rolldown): the front-end libraries (React, React DOM and React Router aside: splitting them from
# their importers broke the order in which the modules run) grouped by the set of pages that use them, the groups
# under 20 KB merged into their nearest neighbour, instead of one chunk per set of shared modules: 21 requests for
# the participant page instead of 26 (each a round trip on a slow network), and no library a page does not use.
_GROUPS_ANCHOR = 'name: "reflex-env",\n            },'
_LIBRARY_GROUP = """
            {
              name: "libs",
              test: /node_modules[\\/](?!(react|react-dom|scheduler|react-router)[\\/])/,
              entriesAware: true,
              entriesAwareMergeThreshold: 20000,
            },"""


def fewer_chunks(vite_config: str) -> str:
    """Reflex's ``vite.config.js`` with our library group beside its own (unchanged when Reflex's changed shape)."""
    if _GROUPS_ANCHOR not in vite_config or 'name: "libs"' in vite_config:
        return vite_config
    return vite_config.replace(_GROUPS_ANCHOR, _GROUPS_ANCHOR + _LIBRARY_GROUP, 1)


_ENTRY_PRELOAD = re.compile(r'<link rel="modulepreload" href="/assets/entry\.client-[^"]+\.js"/>')


def entry_last(html: str) -> str:
    """The page's HTML with React's client entry (React DOM, 57 KB) preloaded after the root's modules.

    The root's modules open the websocket as soon as they have run (Reflex starts the transport before React
    mounts); the client entry is imported only after them. Fetched last, it downloads while the websocket's
    handshake is under way, instead of holding back the root's modules on a slow network."""
    found = _ENTRY_PRELOAD.search(html)
    if found is None or found.group(0) + "</head>" in html:
        return html
    html = html[:found.start()] + html[found.end():]
    return html.replace("</head>", found.group(0) + "</head>", 1)


class LibraryChunks(Plugin):
    """Vite bundles the front-end libraries by the set of pages that use them (``fewer_chunks``)."""

    def pre_compile(self, **context):
        context["add_modify_task"]("vite.config.js", fewer_chunks)


class RoutePreload(Plugin):
    """After the production build, the SPA fallback preloads the modules of the dynamic route it is serving, and
    every page fetches React's client entry last."""

    def post_build(self, **context):
        add_route_preload(Path(context["static_dir"]))
        for page in Path(context["static_dir"]).rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            if (after := entry_last(html)) != html:
                page.write_text(after, encoding="utf-8")
