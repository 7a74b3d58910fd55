"""``/organiser/participants``: the console's participants page. Layout only.

On a phone (390 px) the attendance bar and the table come first, with the columns a check-in needs (the tick, the
name, the link); the import and the downloads follow.
"""

from __future__ import annotations

import reflex as rx

from partact_app.components.console import console_shell
from partact_app.components.console_downloads import downloads_card
from partact_app.components.console_participants import (
    attendance_bar,
    changes_panel,
    form_dialog,
    import_card,
    manage_dialog,
    qr_dialog,
    messages,
    table_card,
)


def console_participants_page() -> rx.Component:
    return console_shell(
        "participants",
        attendance_bar(),
        messages(),
        changes_panel(),
        table_card(),
        import_card(),
        downloads_card(),
        manage_dialog(),
        qr_dialog(),
        form_dialog(),
        size="4",
    )
