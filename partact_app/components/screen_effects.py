"""The big screen's effects, in the browser: the gong and the flash at the end of a round, and a counter that
bumps when it goes up. No message from the server: they watch the live fields the page already has.

Browsers play sound only after a click on the page: until then the screen shows a button that says so, and the
sound is fetched only then.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_CODE = """
function PartactGong({deadlineMs, phase, serverMs, round, src, enableLabel, ...rest}) {
  const [enabled, setEnabled] = useState(false);
  const [flash, setFlash] = useState(0);
  const audio = useRef(null);
  const rang = useRef("");
  const offset = useMemo(() => (serverMs ? serverMs - Date.now() : 0), [serverMs]);
  // The sound (72 KB) is fetched when the sound is switched on, not with the page: loaded at once, it competed
  // with the page's scripts for the venue's bandwidth before anything showed (docs/benchmark-pages.md).
  useEffect(() => { if (audio.current) audio.current.src = src; }, [src]);
  useEffect(() => {
    if (phase !== "running" || !deadlineMs) return undefined;
    const key = round + ":" + deadlineMs;
    // A round already over when the page opens rang before: no gong for it now.
    if (Date.now() + offset >= deadlineMs) { rang.current = key; return undefined; }
    const id = setInterval(() => {
      if (rang.current !== key && Date.now() + offset >= deadlineMs) {
        rang.current = key;
        setFlash((n) => n + 1);
        if (enabled && audio.current) { audio.current.currentTime = 0; audio.current.play().catch(() => {}); }
      }
    }, 100);
    return () => clearInterval(id);
  }, [phase, deadlineMs, round, offset, enabled]);
  const enable = () => {
    if (!audio.current) { audio.current = new Audio(src); audio.current.preload = "auto"; }
    const a = audio.current;
    a.muted = true; a.play().then(() => { a.pause(); a.currentTime = 0; a.muted = false; }).catch(() => {});
    setEnabled(true);
  };
  return jsx(Fragment, {},
    flash ? jsx("div", {key: flash, className: "partact-flash", "aria-hidden": "true",
                        "data-flash": String(flash)}) : null,
    enabled ? null : jsx("button", {...rest, type: "button", onClick: enable}, enableLabel));
}

function PartactCount({value, ...rest}) {
  const [bump, setBump] = useState(0);
  const previous = useRef(value);
  useEffect(() => {
    if (value > previous.current) setBump((n) => n + 1);
    previous.current = value;
  }, [value]);
  const classes = [rest.className, bump ? "partact-bump" : ""].filter(Boolean).join(" ");
  return jsx("span", {...rest, key: bump, className: classes || undefined},
             String(value));
}
"""

SCREEN_CSS = """
.partact-flash { position: fixed; inset: 0; pointer-events: none; z-index: 50;
  background: var(--accent-9); animation: partact-flash 1.4s ease-out forwards; }
@keyframes partact-flash { 0% { opacity: 0.85; } 100% { opacity: 0; } }
.partact-bump { display: inline-block; animation: partact-bump 0.9s ease-out; }
@keyframes partact-bump { 0% { transform: scale(1); } 30% { transform: scale(1.35); } 100% { transform: scale(1); } }
@media (prefers-reduced-motion: reduce) { .partact-flash, .partact-bump { animation-duration: 0.01s; } }
"""


class Gong(rx.Component):
    tag = "PartactGong"

    deadline_ms: rx.Var[int]
    phase: rx.Var[str]
    server_ms: rx.Var[int]
    round: rx.Var[int]
    src: rx.Var[str]
    enable_label: rx.Var[str]

    def add_imports(self):
        return {
            "react": [ImportVar(tag="useState"), ImportVar(tag="useEffect"), ImportVar(tag="useMemo"),
                      ImportVar(tag="useRef"), ImportVar(tag="Fragment")],
            "@emotion/react": [ImportVar(tag="jsx")],
        }

    def add_custom_code(self) -> list[str]:
        return [_CODE]


class Count(rx.Component):
    tag = "PartactCount"

    value: rx.Var[int]

    def add_imports(self):
        return {"react": [ImportVar(tag="useState"), ImportVar(tag="useEffect"), ImportVar(tag="useRef")],
                "@emotion/react": [ImportVar(tag="jsx")]}

    def add_custom_code(self) -> list[str]:
        return [_CODE]


gong = Gong.create
count = Count.create
