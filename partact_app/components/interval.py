"""A component that fires ``on_tick`` every ``interval_ms`` while the page is visible (a console's refresh of a
count), without a library: a React effect with ``setInterval``."""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_CODE = """
function PartactInterval({intervalMs, onTick}) {
  useEffect(() => {
    const id = setInterval(() => { if (!document.hidden && onTick) onTick(); }, intervalMs || 5000);
    return () => clearInterval(id);
  }, [intervalMs, onTick]);
  return null;
}
"""


class Interval(rx.Component):
    tag = "PartactInterval"

    interval_ms: rx.Var[int]
    on_tick: rx.EventHandler[lambda: []]

    def add_imports(self):
        return {"react": [ImportVar(tag="useEffect")]}

    def add_custom_code(self) -> list[str]:
        return [_CODE]


interval = Interval.create
