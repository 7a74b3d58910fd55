"""The toasts' container (sonner, as Reflex's own), fetched after the page has shown instead of with it.

Reflex puts sonner's ``<Toaster>`` in every page's root: 9 KB of Brotli that every page downloaded and ran before
its first paint, for messages that appear only when something goes wrong (a refused action, a database that does
not answer, "too fast") or after an organiser's click ("copied"). Here the page starts without it; the library is
fetched once the page has loaded and the browser is idle, or at once by the first toast. A toast sent before it
has arrived waits and shows as soon as the container is mounted: none is lost. The server's toasts call
``refs['__toast']`` (``rx.toast``), which is set to a stand-in that queues them until then.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.style import resolved_color_mode
from reflex_base.utils.imports import ImportVar

SONNER = "sonner@2.0.8"  # the version Reflex 0.10's own toaster names

_CODE = """
const partactToastsWaiting = [];
let partactSonner = null;
let partactSonnerArrived = null;
function partactLoadSonner() {
  if (!partactSonner) {
    partactSonner = import("sonner").then((module) => { if (partactSonnerArrived) partactSonnerArrived(module); return module; },
                                           (error) => { partactSonner = null; throw error; });
  }
  return partactSonner;
}
// What the server's toasts call until sonner has arrived: they wait in order, and ask for it.
function partactWaitingToast(...args) { partactToastsWaiting.push([null, args]); partactLoadSonner().catch(() => {}); }
for (const level of ["success", "error", "warning", "info", "message", "loading", "custom", "promise", "dismiss"]) {
  partactWaitingToast[level] = (...args) => { partactToastsWaiting.push([level, args]); partactLoadSonner().catch(() => {}); };
}
if (!refs['__toast']) refs['__toast'] = partactWaitingToast;

function PartactToaster(props) {
  const [sonner, setSonner] = useState(null);
  useEffect(() => {
    let live = true;
    partactSonnerArrived = (module) => { if (live) setSonner(module); };
    // Fetched once the page has loaded and the browser is idle, so that it never competes with what the page shows.
    const fetchLater = () => (window.requestIdleCallback || ((f) => setTimeout(f, 1)))(
      () => partactLoadSonner().catch(() => {}), {timeout: 3000});
    if (document.readyState === "complete") fetchLater(); else window.addEventListener("load", fetchLater, {once: true});
    return () => { live = false; window.removeEventListener("load", fetchLater); };
  }, []);
  useEffect(() => {
    // The container is mounted (a child's effects run first): the waiting toasts can show.
    if (!sonner) return;
    refs['__toast'] = sonner.toast;
    for (const [level, args] of partactToastsWaiting.splice(0)) (level ? sonner.toast[level] : sonner.toast)(...args);
  }, [sonner]);
  return sonner ? jsx(sonner.Toaster, props) : null;
}
"""


class LazyToaster(rx.Component):
    """sonner's ``<Toaster>`` with Reflex's settings, loaded after the page (the module's docstring)."""

    tag = "PartactToaster"
    lib_dependencies: list[str] = [SONNER]

    theme: rx.Var[str]
    rich_colors: rx.Var[bool]
    expand: rx.Var[bool]
    position: rx.Var[str]
    close_button: rx.Var[bool]

    def add_imports(self):
        return {
            "react": [ImportVar(tag="useState"), ImportVar(tag="useEffect")],
            "$/utils/state": [ImportVar(tag="refs")],
            "@emotion/react": [ImportVar(tag="jsx")],
        }

    def add_custom_code(self) -> list[str]:
        return [_CODE]


def lazy_toaster() -> rx.Component:
    """The same toaster as Reflex's default (bottom right, rich colours, the page's colour mode)."""
    return LazyToaster.create(theme=resolved_color_mode, rich_colors=True, expand=True, position="bottom-right",
                              close_button=False)
