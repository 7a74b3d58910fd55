"""The participant's page state: loads what the badge's token points to."""

from __future__ import annotations

import reflex as rx

from partact_app.db import session_scope
from partact_app.services.participants import participant_summary


class ParticipantState(rx.State):
    loaded: bool = False
    found: bool = False
    organisation: str = ""
    kind: str = ""
    contact_name: str = ""
    event_name: str = ""
    meeting_count: int = 0
    first_table: int = 0
    first_counterpart: str = ""

    @rx.event
    def load(self):
        token = self.router.page.params.get("token", "")
        with session_scope() as session:
            summary = participant_summary(session, token if isinstance(token, str) else "")
        self.loaded = True
        self.found = summary is not None
        if summary is None:
            self.organisation = self.kind = self.contact_name = self.event_name = self.first_counterpart = ""
            self.meeting_count = self.first_table = 0
            return
        self.organisation = summary.organisation
        self.kind = summary.kind
        self.contact_name = summary.contact_name
        self.event_name = summary.event_name
        self.meeting_count = summary.meeting_count
        self.first_table = summary.first_table or 0
        self.first_counterpart = summary.first_counterpart
