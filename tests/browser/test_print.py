"""The console's print pages in Chromium: every badge's QR code decodes to its participant's link, every name fits,
the agendas and table cards match the stored schedule, and nothing is shown without an organiser login."""

from __future__ import annotations

import csv
import io

import numpy as np
import png
import pytest
import zxingcpp
from playwright.sync_api import expect

from partact_app.db import session_scope
from partact_app.services import events, registrations
from partact_app.services.scheduling import meetings_of
from tests.browser.test_console_live import log_in
from tests.services.helpers import HEADER, csv_bytes

pytestmark = pytest.mark.browser

LONG_NAME = "Fondation Lëtzebuerger Ënnerstëtzung fir Kanner a Jugend 🌱 ÄÖÜ"  # 60+ characters, any script


def decode(image: bytes) -> list[str]:
    width, height, rows, info = png.Reader(bytes=image).asRGBA8()
    pixels = np.vstack([np.frombuffer(bytes(row), dtype=np.uint8) for row in rows]).reshape(height, width, 4)
    grey = pixels[:, :, :3].mean(axis=2).astype(np.uint8)
    return [result.text for result in zxingcpp.read_barcodes(grey)]


@pytest.fixture
def printed_event(served_app, live_event):
    row = (f"association,{LONG_NAME},Jo Schmit,jo@example.org,,fr;lb,csr_expertise,it,Description.,,,,")
    with session_scope(served_app.db_url) as session:
        registrations.import_registrations(session, live_event.slug, csv_bytes([row], HEADER), "more.csv")
    return live_event


def test_every_badge_decodes_to_its_link_and_fits(served_app, printed_event, new_page):
    page = new_page(locale="fr-FR", device_scale_factor=3, viewport={"width": 1000, "height": 900})
    log_in(served_app, page, printed_event.key)
    page.goto(served_app.url("/organiser/badges"))
    badges = page.locator("#badges .badge")
    exported = served_app.cli("export", printed_event.slug, "links")  # as the CLI prints them, with the app's URL
    links = {row["url"] for row in csv.DictReader(io.StringIO(exported))}
    expect(badges).to_have_count(len(links))
    decoded = set()
    for index in range(badges.count()):
        found = decode(badges.nth(index).locator(".badge-qr").screenshot())
        assert len(found) == 1, index
        decoded.add(found[0])
    assert decoded == links  # exactly the links `partact export SLUG links` prints
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('#badges .badge')].filter((b) => {
             const text = b.querySelector('.badge-text'), name = b.querySelector('.badge-name');
             return text.scrollHeight > text.clientHeight + 1 || name.scrollWidth > name.clientWidth + 1
                 || b.scrollHeight > b.clientHeight + 1;
           }).map((b) => b.dataset.organisation)"""
    )
    assert overflowing == []
    long_badge = page.locator(f'#badges .badge[data-organisation="{LONG_NAME}"]')
    expect(long_badge).to_contain_text(LONG_NAME)
    qr_width_mm = long_badge.locator(".badge-qr img").evaluate("(img) => img.getBoundingClientRect().width") / 96 * 25.4
    assert qr_width_mm >= 25


def test_agendas_and_table_cards_match_the_schedule(served_app, live_event, new_page):
    page = new_page(locale="en-GB")
    log_in(served_app, page, live_event.key)
    with session_scope(served_app.db_url) as session:
        event = events.get_event(session, live_event.slug)
        meetings = meetings_of(session, event)
        names = {p.id: p.organisation for p in registrations.participants_of(session, event)}
    page.goto(served_app.url("/organiser/agendas"))
    for m in meetings[:6]:
        sheet = page.locator(f'#agendas section[data-organisation="{names[m.company_id]}"]')
        row = sheet.locator("tbody tr").nth(m.round - 1)
        expect(row).to_contain_text(names[m.association_id])
        expect(row.locator("td").nth(2)).to_have_text(str(m.table))
    expect(page.locator("#agendas section").first).to_contain_text("version")
    page.goto(served_app.url("/organiser/tables"))
    for m in meetings[:6]:
        card = page.locator(f'#table-cards section[data-table="{m.table}"]')
        row = card.locator("tbody tr").nth(m.round - 1)
        expect(row).to_contain_text(names[m.company_id])
        expect(row).to_contain_text(names[m.association_id])
    expect(page.locator('#room-plans section[data-round="1"]')).to_be_visible()


@pytest.mark.parametrize("path", ["/organiser/badges", "/organiser/agendas", "/organiser/tables"])
def test_print_pages_refuse_a_browser_that_is_not_logged_in(served_app, new_page, path):
    page = new_page(locale="en-GB")
    page.goto(served_app.url(path))
    expect(page.locator("#organiser-key")).to_be_visible()
    assert page.locator("img[src^='data:image/svg']").count() == 0
    assert "/p/" not in page.content()


def test_a_participants_qr_code_shows_big_and_downloads(served_app, live_event, new_page):
    with session_scope(served_app.db_url) as session:
        event = events.get_event(session, live_event.slug)
        person = registrations.participants_of(session, event)[0]
    exported = served_app.cli("export", live_event.slug, "links")
    link = next(row["url"] for row in csv.DictReader(io.StringIO(exported)) if row["organisation"] == person.organisation)
    page = new_page(locale="en-GB", device_scale_factor=2)
    log_in(served_app, page, live_event.key)
    page.goto(served_app.url("/organiser/participants"))
    row = page.locator(f'[data-organisation="{person.organisation}"]')
    row.locator('[data-action="show-qr"]').click()
    big = page.locator("#qr-big")
    expect(big).to_be_visible()
    assert decode(big.screenshot()) == [link]
    with page.expect_download() as svg:
        page.locator("#qr-svg").click()
    assert svg.value.suggested_filename.endswith(".svg")
    with page.expect_download() as png_file:
        page.locator("#qr-png").click()
    assert decode_file(png_file.value.path()) == [link]


def decode_file(path) -> list[str]:
    width, height, rows, info = png.Reader(filename=str(path)).asDirect()
    planes = info["planes"]
    pixels = np.vstack([np.asarray(row, dtype=np.uint8) for row in rows]).reshape(height, width, planes)
    grey = (pixels[:, :, 0] * (255 if info["bitdepth"] == 1 else 1)).astype(np.uint8)
    return [result.text for result in zxingcpp.read_barcodes(grey)]
