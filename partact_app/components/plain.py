"""Radix Themes' look without its components: stacks, cards, text, headings and badges as plain HTML elements with
the classes Radix's own components give themselves, for the pages that render many of them at once.

Each of ``rx.vstack``, ``rx.text``, ``rx.card``... is a React component (Radix's, often wrapped in Reflex's Emotion
styles) that React renders, and the console renders its whole page at once when the server says who is logged in:
the task that blocked its load longest (docs/benchmark-pages.md, the twelfth pass). These functions take the same
arguments as Reflex's and draw the same boxes with one element each and no Emotion rule: the page's stylesheet
already holds Radix's rules for these classes (``partact_build/unused-components.js`` keeps the rules of every
component class a page names). ``width="100%"`` and the few other style arguments become classes of
``assets/partact.css``. Layout only: interactive components (buttons, switches, dialogs) stay Radix's.
"""

from __future__ import annotations

import reflex as rx

_ELEMENTS = {"p": rx.el.p, "span": rx.el.span, "label": rx.el.label, "div": rx.el.div}
_STYLE_CLASSES = {  # argument -> {value: class of assets/partact.css}
    "width": {"100%": "partact-full-width"},
    "margin_top": {"0.5em": "partact-gap-above"},
}


def _class_name(classes: list[str], props: dict) -> str | rx.Var:
    """``classes`` plus the classes of the style arguments in ``props`` and its own ``class_name`` (popped)."""
    for argument, known in _STYLE_CLASSES.items():
        if argument in props:
            value = props.pop(argument)
            if value not in known:
                raise ValueError(f"plain components take {argument}= only as one of {sorted(known)}, not {value!r}")
            classes.append(known[value])
    own = props.pop("class_name", "")
    fixed = " ".join(classes)
    if isinstance(own, rx.Var):
        return rx.Var.create(fixed + " ") + own
    return f"{fixed} {own}" if own else fixed


def _accent(props: dict, color_scheme: str | None) -> dict:
    attrs = dict(props.pop("custom_attrs", None) or {})
    if color_scheme is not None:
        attrs["data-accent-color"] = color_scheme
    return attrs


def _stack(children: tuple, direction: str, props: dict) -> rx.Component:
    classes = ["rt-Flex", f"rt-r-fd-{direction}", f"rt-r-ai-{props.pop('align', 'start')}"]
    if "justify" in props:
        classes.append(f"rt-r-jc-{props.pop('justify')}")
    if "wrap" in props:
        classes.append(f"rt-r-fw-{props.pop('wrap')}")
    classes.append(f"rt-r-gap-{props.pop('spacing', '3')}")
    return rx.el.div(*children, class_name=_class_name(classes, props), **props)


def vstack(*children, **props) -> rx.Component:
    """``rx.vstack``: a column (``spacing``, ``align``, ``justify``, ``wrap``, ``width`` as there)."""
    return _stack(children, "column", props)


def hstack(*children, **props) -> rx.Component:
    """``rx.hstack``: a row."""
    return _stack(children, "row", props)


def spacer() -> rx.Component:
    """``rx.spacer``: takes the free space of its row."""
    return rx.el.div(class_name="rt-Flex partact-spacer")


def card(*children, size: str = "1", **props) -> rx.Component:
    """``rx.card`` (its surface variant)."""
    classes = ["rt-reset", "rt-BaseCard", "rt-Card", f"rt-r-size-{size}", "rt-variant-surface"]
    return rx.el.div(*children, class_name=_class_name(classes, props), **props)


def text(*children, size: str | None = None, weight: str | None = None, color_scheme: str | None = None,
         as_: str = "p", **props) -> rx.Component:
    """``rx.text``: a paragraph, or a ``span``, ``label`` or ``div`` with ``as_``."""
    classes = ["rt-Text"] + ([f"rt-r-size-{size}"] if size else []) + ([f"rt-r-weight-{weight}"] if weight else [])
    attrs = _accent(props, color_scheme)
    return _ELEMENTS[as_](*children, class_name=_class_name(classes, props), custom_attrs=attrs, **props)


def heading(*children, size: str = "6", **props) -> rx.Component:
    """``rx.heading``: an ``<h1>``, as Reflex's is."""
    return rx.el.h1(*children, class_name=_class_name(["rt-Heading", f"rt-r-size-{size}"], props), **props)


def badge(*children, size: str = "1", color_scheme: str = "", **props) -> rx.Component:
    """``rx.badge`` (its soft variant; ``color_scheme`` "" is the accent colour, as Radix's)."""
    classes = ["rt-reset", "rt-Badge", f"rt-r-size-{size}", "rt-variant-soft"]
    attrs = _accent(props, color_scheme)
    return rx.el.span(*children, class_name=_class_name(classes, props), custom_attrs=attrs, **props)
