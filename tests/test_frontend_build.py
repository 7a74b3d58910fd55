"""The build plugins of partact_build/plugins.py: the route preload of the SPA fallback and the Radix colour scales."""

from __future__ import annotations

import json
import re
from pathlib import Path

from partact_build.plugins import (
    COLOURS,
    RESPONSIVE_PROPS,
    COMPILE_HINT,
    SlimRadixThemes,
    add_compile_hints,
    add_route_preload,
    entry_last,
    library_groups,
    no_tooltips,
    route_preloads,
    slim_stylesheet,
    two_builds,
)

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


def test_no_page_has_a_tooltip_since_the_theme_has_no_tooltip_provider():
    """``partact_build.plugins.no_tooltips`` leaves Radix's ``<Theme>`` without the provider a tooltip needs."""
    for path in (REPO / "partact_app").rglob("*.py"):
        assert not re.search(r"\b(tooltip|hover_card)\b", path.read_text()), f"{path}: see plugins.no_tooltips"


def test_the_theme_plugin_is_added_once_and_resolves_only_the_themes_import():
    vite = "  plugins: [\n    reactRouter(),\n    safariCacheBustPlugin(),\n  ].concat([]),\n"
    once = no_tooltips(vite)
    assert once.count("partact-theme-without-tooltips") == 1 and no_tooltips(once) == once
    assert no_tooltips("something else") == "something else"
    pattern = re.search(r"/(@radix-ui.*?)/\.test", once).group(1).replace("[\\/]", "/").replace("\\.", ".")
    assert re.search(pattern, "/x/.web/node_modules/@radix-ui/themes/dist/esm/components/theme.js")
    assert not re.search(pattern, "/x/.web/node_modules/@radix-ui/themes/dist/esm/components/tooltip.js")


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


def test_responsive_values_go_to_props_whose_rules_the_stylesheet_keeps():
    """``rx.breakpoints`` given to a Radix prop needs that prop's responsive rules, which the build drops unless the
    prop is in ``RESPONSIVE_PROPS``; style props (``grid_column``...) get their own media queries from Emotion."""
    style_props = {"grid_column", "display", "width", "padding", "margin", "flex_direction"}
    used = set()
    for path in (REPO / "partact_app").rglob("*.py"):
        used |= set(re.findall(r"(\w+)\s*=\s*rx\.breakpoints\(", path.read_text()))
    assert used - style_props <= set(RESPONSIVE_PROPS), (
        f"add {sorted(used - style_props - set(RESPONSIVE_PROPS))} to partact_build.plugins.RESPONSIVE_PROPS")


def test_the_build_configuration_changes_are_made_once():
    postcss = 'export default {\n  plugins: {\n    "postcss-import": {},\n    autoprefixer: {},\n  },\n};\n'
    once = slim_stylesheet(postcss)
    assert '"./partact-responsive-variants.js": {"keep": ["rt-r-gtc-"]}' in once
    assert once.index("postcss-import") < once.index("partact-responsive") < once.index("partact-unused-components")
    assert once.index("partact-unused-components") < once.index("autoprefixer")
    assert slim_stylesheet(once) == once

    vite = ('import { fileURLToPath, URL } from "url";\nexport default defineConfig((config) => ({\n  plugins: [\n'
            '    safariCacheBustPlugin(),\n  ],\n  build: {codeSplitting: {\n          groups: [\n            {\n'
            '              test: /env.json/,\n              name: "reflex-env",\n            },\n          ]}}}));\n')
    once = library_groups(vite)
    assert once.count("PARTACT_LIBRARY_PASS") == 2 and once.count("partactWriteLibraryGroups(bundle);") == 1
    assert once.index("function partactLibraryGroups") < once.index("export default defineConfig")
    assert library_groups(once) == once
    assert library_groups("something else") == "something else"  # Reflex changed its template: left as it is
    package = '{"name":"reflex","type":"module","scripts":{"dev":"react-router dev --host","export":"react-router build"}}'
    twice = two_builds(package)
    assert json.loads(twice)["scripts"]["export"] == (
        "PARTACT_LIBRARY_PASS=1 react-router build && react-router build")
    assert two_builds(twice) == twice


def test_every_script_of_the_build_gets_the_compile_hint_once(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("const __vite__mapDeps=()=>[];import './b.js';")
    (tmp_path / "assets" / "b.js").write_text(f"{COMPILE_HINT}\nexport const b = 1;")
    (tmp_path / "assets" / "c.css").write_text("a{}")
    assert add_compile_hints(tmp_path) == 1
    assert (tmp_path / "assets" / "a.js").read_text() == f"{COMPILE_HINT}\nconst __vite__mapDeps=()=>[];import './b.js';"
    assert (tmp_path / "assets" / "c.css").read_text() == "a{}"
    assert add_compile_hints(tmp_path) == 0


def test_react_client_entry_is_fetched_after_the_root_modules():
    head = ('<head><link rel="modulepreload" href="/assets/manifest-1.js"/>'
            '<link rel="modulepreload" href="/assets/entry.client-AB12.js"/>'
            '<link rel="modulepreload" href="/assets/root-1.js"/><link href="/a.css" rel="stylesheet"/></head>')
    html = entry_last(head)
    assert re.findall(r'href="([^"]+)"', html) == ["/assets/manifest-1.js", "/assets/root-1.js", "/a.css",
                                                   "/assets/entry.client-AB12.js"]
    assert entry_last(html) == html
