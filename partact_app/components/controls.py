"""Three of Radix Themes' controls on the browser's own elements, with the classes and ``data-state`` Radix's own give
themselves, so that the stylesheet's Radix rules draw them as before: the language switch (a segmented control),
an on/off switch and a confirmation dialog.

Radix builds the segmented control from its toggle group, roving focus and collection (10 KB of Brotli on every
page: the language switch is in every page's header), the switch from its own primitive, and the alert dialog from
its focus trap, scroll lock, outside-click layer, portal and ``aria-hidden`` machinery (11 KB, two more scripts on
the console's live page). The browser does the same with buttons, ``role`` and ``aria-checked`` and a ``<dialog>``
opened with ``showModal()`` (docs/benchmark-pages.md, the fourteenth pass):

- ``segmented``: a ``radiogroup`` of buttons, one tab stop (the chosen one), the arrow keys move along the items
  (looping, as Radix's), Space or Enter chooses.
- ``switch``: a ``button`` with ``role="switch"`` and ``aria-checked``; a click sends the opposite of the state.
- ``confirm``: a trigger and a modal ``<dialog role="alertdialog">``: the rest of the page is inert, focus goes to
  the first button (the cancel, as Radix's alert dialog) and back to the trigger when it closes, Escape or a tap
  on the backdrop closes it. Its buttons sit in a ``<form method="dialog">``: any of them closes it, and the confirm
  button's own ``on_click`` does the work. Opening it is the browser's alone (no round trip to the server).
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_SEGMENTED = """
function PartactSegmented({value, items, onChoose, ...rest}) {
  // The arrow keys move the focus along the items (looping), Home and End to the ends; Space or Enter chooses.
  const moves = (event) => {
    const buttons = Array.from(event.currentTarget.querySelectorAll("[role=radio]"));
    const at = buttons.indexOf(document.activeElement);
    const step = {ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1}[event.key];
    let next = -1;
    if (step !== undefined && at >= 0) next = (at + step + buttons.length) % buttons.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    if (next < 0) return;
    event.preventDefault();
    buttons[next].focus();
  };
  return jsx("div", {...rest, role: "radiogroup", dir: "ltr", onKeyDown: moves,
                     className: "rt-SegmentedControlRoot rt-r-size-1 rt-variant-surface"},
    items.map(([key, label]) => {
      const on = key === value;
      return jsx("button", {key: key, type: "button", role: "radio", "aria-checked": on, "data-state": on ? "on" : "off",
                            tabIndex: on ? 0 : -1, className: "rt-reset rt-SegmentedControlItem",
                            onClick: () => { if (!on) onChoose(key); }},
        jsx("span", {className: "rt-SegmentedControlItemSeparator"}),
        jsx("span", {className: "rt-SegmentedControlItemLabel"},
          jsx("span", {className: "rt-SegmentedControlItemLabelActive"}, label),
          jsx("span", {className: "rt-SegmentedControlItemLabelInactive", "aria-hidden": true}, label)));
    }),
    jsx("div", {className: "rt-SegmentedControlIndicator"}));
}
"""

_CONFIRM = """
function PartactConfirm({children, ...rest}) {
  const dialog = useRef(null);
  const [open, setOpen] = useState(false);
  const [trigger, ...content] = Children.toArray(children);
  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
  }, [open]);
  // The dialog's own box has no padding: a click whose target is the dialog itself is on the backdrop.
  const clicked = (event) => { if (event.target === dialog.current) dialog.current.close(); };
  return jsx(Fragment, null,
    jsx("span", {className: "partact-contents", onClick: () => setOpen(true)}, trigger),
    jsx("dialog", {...rest, ref: dialog, role: "alertdialog", onClose: () => setOpen(false), onClick: clicked},
      open ? jsx("form", {method: "dialog", className: "partact-modal-body"}, ...content) : null));
}
"""


class _Segmented(rx.Component):
    tag = "PartactSegmented"

    value: rx.Var[str]
    items: rx.Var[list[tuple[str, str]]]
    on_choose: rx.EventHandler[rx.event.passthrough_event_spec(str)]

    def add_imports(self):
        return {"@emotion/react": [ImportVar(tag="jsx")]}

    def add_custom_code(self) -> list[str]:
        return [_SEGMENTED]


class _Confirm(rx.Component):
    tag = "PartactConfirm"

    def add_imports(self):
        return {
            "react": [ImportVar(tag=name) for name in ("Children", "Fragment", "useEffect", "useRef", "useState")],
            "@emotion/react": [ImportVar(tag="jsx")],
        }

    def add_custom_code(self) -> list[str]:
        return [_CONFIRM]


def segmented(items: list[tuple[str, str]], value: rx.Var, on_choose, **props) -> rx.Component:
    """Radix's size-1 segmented control: ``items`` are ``(key, label)``; ``on_choose(key)`` when another is chosen.
    Name the group with ``aria_label``."""
    attrs = {"aria-label": props.pop("aria_label")} if "aria_label" in props else {}
    return _Segmented.create(items=items, value=value, on_choose=on_choose, custom_attrs=attrs, **props)


def switch(checked: rx.Var, on_change, **props) -> rx.Component:
    """Radix's size-2 switch: a click sends ``on_change`` the opposite of ``checked``."""
    state = rx.cond(checked, "checked", "unchecked")
    return rx.el.button(
        rx.el.span(class_name="rt-SwitchThumb", custom_attrs={"data-state": state}),
        type="button",
        role="switch",
        class_name="rt-reset rt-SwitchRoot rt-r-size-2 rt-variant-surface",
        custom_attrs={"aria-checked": rx.cond(checked, "true", "false"), "data-state": state},
        on_click=on_change(~checked),
        **props,
    )


def confirm(trigger: rx.Component, title: rx.Component, description: rx.Component, *buttons: rx.Component,
            title_id: str, description_id: str) -> rx.Component:
    """``trigger`` opens a modal alert dialog named by ``title`` (given the id ``title_id``) and described by
    ``description`` (``description_id``); ``buttons`` below them, right-aligned, each closing it."""
    return _Confirm.create(
        trigger,
        title,
        description,
        rx.el.div(*buttons, class_name="rt-Flex rt-r-jc-end rt-r-gap-3"),
        class_name="partact-modal partact-confirm",
        custom_attrs={"aria-labelledby": title_id, "aria-describedby": description_id},
    )
