"""How the pages are delivered (partact_build/plugins.py, docs/benchmark-pages.md), seen in a real browser on the
production build: what was left out of the first load still works when somebody needs it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.models import Event, Participant

pytestmark = pytest.mark.browser


def _company(db_url: str) -> Participant:
    with session_scope(db_url) as session:
        event = session.exec(select(Event).where(Event.slug == "demo")).one()
        return session.exec(select(Participant).where(Participant.event_id == event.id,
                                                      Participant.kind == "company")).first()


def test_an_agenda_fold_shows_its_details_and_note_when_opened_and_keeps_them(served_app, new_page):
    """The folds' bodies are mounted on the first opening: nothing of them before, all of it after, and a note
    typed and folded away is still there when the fold opens again."""
    person = _company(served_app.db_url)
    page = new_page(locale="en-GB", viewport={"width": 390, "height": 844})
    page.goto(served_app.url(f"/p/{person.token}"))
    row = page.locator("#agenda [data-counterpart]").first
    expect(row).to_be_visible()
    expect(page.locator("#agenda textarea")).to_have_count(0)

    row.locator("summary").click()
    note = row.locator("textarea")
    expect(note).to_be_visible()
    expect(page.locator("#agenda textarea")).to_have_count(1)  # the other rows are still folded
    note.fill("Ask about the volunteers' day")
    row.locator("summary").click()
    expect(note).to_be_hidden()
    row.locator("summary").click()
    expect(row.locator("textarea")).to_have_value("Ask about the volunteers' day")


def test_responsive_columns_follow_the_screen_width(served_app, new_page):
    """The stylesheet keeps the responsive rules of the props given responsive values (the home page's two
    columns from 768 px) and drops the others."""
    widths = {}
    for width in (390, 1024):
        page = new_page(viewport={"width": width, "height": 900})
        page.goto(served_app.url("/"))
        grid = page.locator(".rt-Grid").first
        expect(grid).to_be_visible()
        widths[width] = len(grid.evaluate("g => getComputedStyle(g).gridTemplateColumns").split())
    assert widths == {390: 1, 1024: 2}

    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    css = page.request.get(served_app.url(stylesheet)).text()
    assert re.search(r"\.sm\\:rt-r-gtc-2", css)
    assert not re.search(r"\.sm\\:rt-r-size-2", css), "responsive variants of props no page uses are back"
