"""A ``<details>`` whose body is mounted the first time it is opened (then kept, so a half-typed note survives
closing it).

The participant's agenda has a "Details and note" fold on every meeting: the counterpart's description, both
sides' offers and needs and a note field each. Rendered closed, they were three quarters of the page's elements and
of the work React did before the table number showed on a slow phone (docs/benchmark-pages.md). The summary is
rendered at once; the body only once somebody opens it. Layout only: the open/closed state lives in the browser,
like the native element's.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_LAZY_DETAILS = """
function PartactLazyDetails({summary, children, ...props}) {
  const [opened, setOpened] = useState(false);
  const onToggle = useCallback((event) => { if (event.currentTarget.open) setOpened(true); }, []);
  return jsx("details", {...props, onToggle}, summary, opened ? children : null);
}
"""


class LazyDetails(rx.Component):
    tag = "PartactLazyDetails"

    summary: rx.Var[rx.Component]

    def add_imports(self):
        return {"react": [ImportVar(tag="useState"), ImportVar(tag="useCallback")],
                "@emotion/react": [ImportVar(tag="jsx")]}

    def add_custom_code(self) -> list[str]:
        return [_LAZY_DETAILS]


def lazy_details(summary: rx.Component, *body: rx.Component, **props) -> rx.Component:
    """``rx.el.details(rx.el.summary(...), *body)``, with ``body`` mounted on the first opening."""
    return LazyDetails.create(*body, summary=summary, **props)
