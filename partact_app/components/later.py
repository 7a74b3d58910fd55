"""A part of a page drawn just after the rest: mounted once the browser has painted the page around it, and rendered
by React in the background (a transition, in slices the browser can interrupt).

The participant page is drawn at once when the server's answer comes (React renders each of Reflex's updates in one
task it cannot interrupt). Its agenda, below the first screen of a phone, is more than half of its elements: drawn
in the same task, it delayed the table number and the current meeting, the page's largest paint, and made that task
the page's longest (docs/benchmark-pages.md, the fifteenth pass). Wrapped in ``later``, it comes a frame afterwards.
Layout only: no element of its own, so the children are laid out as the parent's own children.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_LATER = """
function PartactLater({children}) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    let timer = null;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setShown(true)), 0);
    });
    return () => { cancelAnimationFrame(frame); if (timer !== null) clearTimeout(timer); };
  }, []);
  return shown ? children : null;
}
"""


class Later(rx.Component):
    tag = "PartactLater"

    def add_imports(self):
        return {"react": [ImportVar(tag="useState"), ImportVar(tag="useEffect"), ImportVar(tag="startTransition")]}

    def add_custom_code(self) -> list[str]:
        return [_LATER]


def later(*children: rx.Component) -> rx.Component:
    """``children``, mounted after the page around them has been painted."""
    return Later.create(*children)
