// A PostCSS plugin of the production build (partact_build/plugins.py writes it into .web/ and names it in
// postcss.config.js): Radix Themes' `components.css` styles all of its ~60 components; the pages use about twenty.
// A component's rules are the ones whose selectors name its classes (`.rt-Button`, `.rt-DialogContent`: a capital
// after `rt-`); the variant and size classes (`.rt-variant-soft`, `.rt-r-size-2`) always come with one of those.
//
// The classes in use are read from the sources the bundle is built from, before it is built: the Radix Themes
// components the compiled pages import (`import {Badge as ...} from "@radix-ui/themes"` anywhere in `.web`: the
// routes in `app/`, the memoized components in `app_components/`), followed through
// the package's own modules (a Dialog renders a Theme, a Heading...), plus any such class the pages name themselves.
// A rule is dropped when each of its selectors names a component class that none of those can set. Whatever cannot
// be read (no import found, a component file missing) keeps the whole stylesheet. tests/browser/test_page_delivery.py
// checks the result against the built JavaScript: every component class a built module can set keeps its rules.
import fs from "node:fs";
import path from "node:path";

import { keepSelectors } from "./partact-responsive-variants.js";

const COMPONENT_CLASS = /\brt-[A-Z][A-Za-z]*/g;
const SELECTOR_CLASS = /\.(rt-[A-Z][A-Za-z]*)/g;
const THEMES_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["']@radix-ui\/themes["']/g;
const RELATIVE_IMPORT = /from\s*["'](\.{1,2}\/[^"']+\.js)["']/g;

// Not the pages' sources: the installed packages, the build's output, the static files, Reflex's backend files
// (nor the build plugins of partact_build, copied here as partact-*.js).
const NOT_SOURCES = new Set(["node_modules", "build", "public", "backend"]);

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!NOT_SOURCES.has(entry.name) && !entry.name.startsWith(".")) out.push(...sourceFiles(full));
    } else if (/\.(jsx?|tsx?)$/.test(entry.name) && !entry.name.startsWith("partact-")) out.push(full);  // not ours
  }
  return out;
}

function kebab(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

// The component classes the app can set, or null when something could not be read. `webDir` is Reflex's `.web`
// (the routes in `app/`, the memoized components in `app_components/`, and so on).
export function usedComponentClasses(webDir, themesDir) {
  const used = new Set();
  const files = [];
  for (const file of sourceFiles(webDir)) {
    const text = fs.readFileSync(file, "utf8");
    for (const found of text.matchAll(COMPONENT_CLASS)) used.add(found[0]);
    for (const found of text.matchAll(THEMES_IMPORT)) {
      for (const part of found[1].split(",")) {
        const name = part.trim().split(/\s+as\s+/)[0];
        if (name) files.push(path.join(themesDir, "components", `${kebab(name)}.js`));
      }
    }
  }
  if (files.length === 0) return null;
  const seen = new Set();
  while (files.length) {
    const file = files.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    if (!fs.existsSync(file)) return null;
    const text = fs.readFileSync(file, "utf8");
    for (const found of text.matchAll(COMPONENT_CLASS)) used.add(found[0]);
    for (const found of text.matchAll(RELATIVE_IMPORT)) files.push(path.resolve(path.dirname(file), found[1]));
  }
  return used;
}

const unusedComponents = (options = {}) => {
  const webDir = options.web || ".";
  const themesDir = options.themes || "node_modules/@radix-ui/themes/dist/esm";
  return {
    postcssPlugin: "partact-unused-components",
    OnceExit(root) {
      const used = usedComponentClasses(webDir, themesDir);
      if (used === null) return;
      root.walkRules((rule) =>
        keepSelectors(rule, (selector) => [...selector.matchAll(SELECTOR_CLASS)].every((found) => used.has(found[1]))),
      );
    },
  };
};
unusedComponents.postcss = true;

export default unusedComponents;
