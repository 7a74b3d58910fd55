"""A plain HTML form that the browser submits itself (``rx.el.form`` always intercepts the submit and sends the
fields over the websocket). Used where a secret must go once, in a POST body, to an HTTP endpoint: the organiser
key to ``/api/console/login``."""

from __future__ import annotations

import reflex as rx
from reflex_components_core.el.elements.base import BaseHTML


class NativeForm(BaseHTML):
    tag = "form"

    action: rx.Var[str]
    method: rx.Var[str]


native_form = NativeForm.create
