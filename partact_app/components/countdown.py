"""A countdown to the end of the round, ticked in the browser: no server message per second.

The server sends the deadline (epoch ms: the end of the round, or of the changeover between two rounds), the time left while paused, and its own clock (``server_ms``) with
every update; the component corrects for the phone's clock from ``server_ms`` and ticks with an interval.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_CODE = """
function PartactCountdown({deadlineMs, remainingMs, serverMs, phase, overLabel, ...rest}) {
  const offset = useMemo(() => (serverMs ? serverMs - Date.now() : 0), [serverMs]);
  const ticking = phase === "running" || phase === "changeover";
  const secondsTo = (deadline) => Math.ceil(Math.max(0, deadline - (Date.now() + offset)) / 1000);
  let seconds = null;
  if (ticking && deadlineMs) seconds = secondsTo(deadlineMs);
  else if (phase === "paused") seconds = Math.ceil(Math.max(0, remainingMs || 0) / 1000);
  // The clock is read four times a second, so that the shown second turns on time; the component renders only when
  // that second changes (React skips a state set to the value it already holds).
  const [, setShown] = useState(seconds);
  useEffect(() => {
    if (!ticking || !deadlineMs) return undefined;
    const id = setInterval(() => setShown(secondsTo(deadlineMs)), 250);
    return () => clearInterval(id);
  }, [ticking, deadlineMs, offset]);
  // A timer: screen readers read it when asked, never on their own every second (role "timer" is aria-live off).
  if (seconds === null) return jsx("span", {role: "timer", ...rest, "data-left": ""}, "");
  const text = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  const over = phase === "running" && seconds === 0;
  return jsx("span", {role: "timer", ...rest, "data-left": String(seconds), "data-over": over ? "1" : "0"},
             over && overLabel ? overLabel : text);
}
"""


class Countdown(rx.Component):
    tag = "PartactCountdown"

    deadline_ms: rx.Var[int]
    remaining_ms: rx.Var[int]
    server_ms: rx.Var[int]
    phase: rx.Var[str]
    over_label: rx.Var[str]

    def add_imports(self):
        return {"react": [ImportVar(tag="useState"), ImportVar(tag="useEffect"), ImportVar(tag="useMemo")],
                "@emotion/react": [ImportVar(tag="jsx")]}

    def add_custom_code(self) -> list[str]:
        return [_CODE]


countdown = Countdown.create


def live_countdown(state, *, over_label, element_id: str, font_size: str = "2.25rem", **props) -> rx.Component:
    """The countdown of a state that has the live fields (``states.live_fields.LiveFields``)."""
    return countdown(
        deadline_ms=state.deadline_ms,
        remaining_ms=state.remaining_ms,
        server_ms=state.server_ms,
        phase=state.phase,
        over_label=over_label,
        id=element_id,
        style={"font_size": font_size, "font_weight": "700", "font_variant_numeric": "tabular-nums",
               "text_align": "right"},
        **props,
    )
