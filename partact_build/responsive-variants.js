// A PostCSS plugin of the production build (partact_build/plugins.py writes it into .web/ and names it in
// postcss.config.js): Radix Themes' stylesheet carries, for every responsive prop of every component, a copy of its
// classes for each of five screen widths (`.sm\:rt-r-size-2` inside `@media (min-width: 768px)`): 3 670 rules,
// a quarter of the participant page's stylesheet once compressed. A class of that kind is used only when a page
// passes a responsive value (`rx.breakpoints(...)`) to that prop; the rules of the props in `keep` (class name
// patterns) stay, the others are dropped. tests/test_frontend_build.py checks that the code passes responsive
// values to those props only.
const WIDTH_QUERY = /min-width|width\s*>=/;
const RESPONSIVE_CLASS = /\.(xs|sm|md|lg|xl)\\:/;

// The selectors of `rule` that pass `keeps`; the rule goes when none does, and so do the at-rules (`@media`,
// `@supports`) it leaves empty. Shared with unused-components.js, which imports it from here.
export function keepSelectors(rule, keeps) {
  const kept = rule.selectors.filter(keeps);
  if (kept.length === rule.selectors.length) return;
  if (kept.length > 0) {
    rule.selectors = kept;
    return;
  }
  let parent = rule.parent;
  rule.remove();
  while (parent && parent.type === "atrule" && parent.nodes.length === 0) {
    const above = parent.parent;
    parent.remove();
    parent = above;
  }
}

const responsiveVariants = (options = {}) => {
  const keep = (options.keep || []).map((pattern) => new RegExp(pattern));
  return {
    postcssPlugin: "partact-responsive-variants",
    OnceExit(root) {
      root.walkAtRules("media", (media) => {
        if (!WIDTH_QUERY.test(media.params)) return;
        media.walkRules((rule) =>
          keepSelectors(rule, (selector) => !RESPONSIVE_CLASS.test(selector) || keep.some((k) => k.test(selector))),
        );
      });
    },
  };
};
responsiveVariants.postcss = true;

export default responsiveVariants;
