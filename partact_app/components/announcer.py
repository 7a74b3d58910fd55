"""What a screen reader says when the round changes: one polite live region, read once per change.

The region holds one sentence, "Round 3, table 12, with Fondation X", for the meeting the page shows (the next
one during the changeover): it changes when the round or the table to go to changes, and only then; a region
whose text stays the same says nothing, so the start of a round after its changeover is not read twice. Its
text is in the page's language. It is visually hidden (``partact-sr-only`` in assets/partact.css): the page shows
the same facts in its cards. The countdown is a ``role="timer"`` that screen readers do not read every second.
"""

from __future__ import annotations

import reflex as rx

from partact_app.components.i18n import tr
from partact_app.states.participant import ParticipantState as P


def round_announcer() -> rx.Component:
    """The live region of the participant page (silent before the start and after the end)."""
    started = P.current_round > 0
    shown_round = rx.cond(P.phase == "changeover", P.current_round + 1, P.current_round)
    row = P.agenda[shown_round]
    sentence = rx.cond(
        row.table > 0,
        tr("live.announce_meeting", round=shown_round, table=row.table, counterpart=row.counterpart),
        tr("live.announce_no_meeting", round=shown_round),
    )
    return rx.el.div(
        rx.cond(started & (P.phase != "finished") & (P.agenda.length() > 0), sentence, ""),
        id="round-announcer",
        role="status",
        aria_live="polite",
        aria_atomic="true",
        class_name="partact-sr-only",
    )
