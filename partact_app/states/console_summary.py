"""The organiser's summary page state (``/organiser/summary``): the figures of ``services.summary`` for the event of
this browser's console session, read on page load and on the refresh button (the affinity of every pair is computed
for the pairs that did not meet, so the page is not reloaded on every change of the room)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import reflex as rx

from partact_app.core.categories import CATEGORY_KEYS
from partact_app.i18n import LANGUAGES, t
from partact_app.services.errors import ServiceError
from partact_app.services.summary import CategoryLine, MissedPair, Summary, summary
from partact_app.states.console import ConsoleAccess, NotLoggedIn, console_state
from partact_app.states.console_participants import Texts, texts
from partact_app.states.live_fields import follow_page
from partact_app.states.organiser import OrganiserState


def _summary(session, event):
    return event.name, summary(session, event)


def chart_rows(lines: list[CategoryLine]) -> list[dict]:
    """The chart's data: one row per category, its label in every language (``label_fr``, ...) so the chart's
    axis follows the page's language without another message."""
    order = {key: index for index, key in enumerate(CATEGORY_KEYS)}
    rows = []
    for line in sorted(lines, key=lambda line: order.get(line.key, 99)):
        row = {f"label_{lang}": t(f"category.{line.key}", lang) for lang in LANGUAGES}
        row.update(key=line.key, offered=line.offered, needed=line.needed, given=line.given, unmet=line.unmet)
        rows.append(row)
    return rows


@console_state
class ConsoleSummaryState(ConsoleAccess, rx.State):
    loaded: bool = False
    event_name: str = ""
    printed_at_ms: int = 0  # when the figures were read (the page writes it in the browser's time zone)
    figures: Summary = Summary()
    categories: list[CategoryLine] = []
    chart: list[dict] = []
    missed: list[MissedPair] = []
    error: Texts = {}

    @rx.event
    async def load(self):
        self._console_event_id = 0
        return await self.refresh()

    @rx.event
    async def refresh(self):
        try:
            name, report = await self._console_call(_summary)
        except NotLoggedIn:
            self.reset()
            return OrganiserState.refresh
        except ServiceError as problem:
            self.error = texts(problem.message)
            self.loaded = True
            return None
        self._bind_session()
        self.error = {}
        self.event_name = name
        self.figures = replace(report, categories=[], missed=[])  # those two go once, in their own vars
        self.categories = report.categories
        self.chart = chart_rows(report.categories)
        self.missed = report.missed
        self.printed_at_ms = int(dt.datetime.now(dt.timezone.utc).timestamp() * 1000)
        self.loaded = True
        return None


follow_page("/organiser/summary", OrganiserState)  # as every console page: the header re-attaches after a loss
