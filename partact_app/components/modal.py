"""A modal dialog on the browser's own ``<dialog>`` element, for the participant page's match form.

Radix's dialog (``rx.dialog``) brings its focus trap, scroll lock, outside-click layer, portal and
``aria-hidden`` machinery: 10 KB of Brotli that a phone downloaded and ran before its table showed, for a form
opened a few times in an evening. ``<dialog>`` opened with ``showModal()`` does the same in the browser: the rest
of the page is inert, focus moves into the dialog and back to the button that opened it, Escape closes it, and a
screen reader announces it as a modal dialog with its title and description. Like Radix's, the content is rendered
only while it is open, a tap on the backdrop closes it, and the page behind does not scroll (assets/partact.css).

``open`` is the server's; when the person closes it themselves (Escape, the backdrop), ``on_open_change(False)``
tells the server, as Radix's dialog does.
"""

from __future__ import annotations

import reflex as rx
from reflex_base.utils.imports import ImportVar

_CODE = """
function PartactModal({open, onOpenChange, children, ...rest}) {
  const dialog = useRef(null);
  const wanted = useRef(open);
  wanted.current = open;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  // Closed by the person (Escape): the server is told; closed because the server said so: nothing to say.
  const closed = () => { if (wanted.current && onOpenChange) onOpenChange(false); };
  // The dialog's own box has no padding: a click whose target is the dialog itself is on the backdrop.
  const clicked = (event) => { if (event.target === dialog.current) dialog.current.close(); };
  return jsx("dialog", {...rest, ref: dialog, onClose: closed, onClick: clicked},
             open ? jsx("div", {className: "partact-modal-body"}, children) : null);
}
"""


class Modal(rx.Component):
    """``<dialog class="partact-modal">`` opened as a modal while ``open`` is true (the module's docstring)."""

    tag = "PartactModal"

    open: rx.Var[bool]
    on_open_change: rx.EventHandler[rx.event.passthrough_event_spec(bool)]

    def add_imports(self):
        return {
            "react": [ImportVar(tag="useEffect"), ImportVar(tag="useRef")],
            "@emotion/react": [ImportVar(tag="jsx")],
        }

    def add_custom_code(self) -> list[str]:
        return [_CODE]


def modal(*children: rx.Component, open: rx.Var, on_open_change, title_id: str, description_id: str,
          **props) -> rx.Component:
    """A modal dialog named by the element ``title_id`` and described by ``description_id`` (both among
    ``children``)."""
    return Modal.create(
        *children, open=open, on_open_change=on_open_change, class_name="partact-modal",
        custom_attrs={"aria-labelledby": title_id, "aria-describedby": description_id}, **props,
    )
