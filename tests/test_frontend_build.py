"""The build plugins of partact_build/plugins.py: the route preload of the SPA fallback and the Radix colour scales."""

from __future__ import annotations

import json
import re
from pathlib import Path

from partact_build.plugins import COLOURS, SlimRadixThemes, add_route_preload, route_preloads

REPO = Path(__file__).resolve().parent.parent
RADIX_SCALES = {
    "tomato", "red", "ruby", "crimson", "pink", "plum", "purple", "violet", "iris", "indigo", "blue", "cyan", "teal",
    "jade", "green", "grass", "brown", "orange", "sky", "mint", "lime", "yellow", "amber", "gold", "bronze", "gray",
    "mauve", "sage", "olive", "sand", "slate",
}

MANIFEST = "window.__reactRouterManifest=" + json.dumps({
    "entry": {"module": "/assets/entry.js", "imports": ["/assets/components.js"]},
    "routes": {
        "root": {"id": "root", "path": "", "module": "/assets/root.js", "imports": ["/assets/components.js"]},
        "routes/_index": {"id": "routes/_index", "path": "", "index": True, "module": "/assets/index.js"},
        "routes/[p].$[token]._index": {"path": "p/:token", "module": "/assets/p.js",
                                       "imports": ["/assets/components.js", "/assets/timer.js"]},
    },
}) + ";"


def test_every_colour_scheme_in_the_code_has_its_scale():
    used = set()
    for path in (REPO / "partact_app").rglob("*.py"):
        used |= set(re.findall(r'"([a-z]+)"', path.read_text())) & RADIX_SCALES
    assert used <= set(COLOURS), f"add {sorted(used - set(COLOURS))} to partact_build.plugins.COLOURS"


def test_the_slim_stylesheet_has_the_parts_of_radix_styles_css():
    paths = SlimRadixThemes().get_stylesheet_paths()
    assert paths[0] == "@radix-ui/themes/tokens/base.css"
    assert paths[-2:] == ("@radix-ui/themes/components.css", "@radix-ui/themes/utilities.css")
    assert {p.rsplit("/", 1)[1].removesuffix(".css") for p in paths[1:-2]} == set(COLOURS)


def test_only_dynamic_routes_get_a_preload_list():
    routes = route_preloads(MANIFEST)
    assert routes == [("^/p/[^/]+/?$", ["/assets/p.js", "/assets/components.js", "/assets/timer.js"])]
    assert re.match(routes[0][0], "/p/abc_DEF-12") and not re.match(routes[0][0], "/p/abc/x")


def test_the_fallback_preloads_its_route_modules_once(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "manifest-1.js").write_text(MANIFEST)
    fallback = tmp_path / "__spa-fallback.html"
    fallback.write_text('<html><head><link rel="modulepreload" href="/assets/manifest-1.js"/>'
                        '<link rel="modulepreload" href="/assets/components.js"/></head><body></body></html>')
    assert add_route_preload(tmp_path)
    html = fallback.read_text()
    script = re.search(r'<script id="partact-route-preload">(.*?)</script>', html).group(1)
    assert '"/assets/p.js"' in script and '"/assets/timer.js"' in script
    assert '"/assets/components.js"' not in script  # already preloaded by the page itself
    assert "document.currentScript.remove()" in script  # React hydrates <head>: the script must not stay
    assert not add_route_preload(tmp_path)  # a second build step adds nothing
    assert fallback.read_text() == html
