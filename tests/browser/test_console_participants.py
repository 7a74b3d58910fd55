"""The console's participants page in real Chromium, on the production build: import, check-in, a no-show while
phones are open, a walk-in, downloads, a phone-sized console, 500 participants, and a stolen tab token."""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import Session, select

from partact_app.db import get_engine, session_scope
from partact_app.i18n import t
from partact_app.models import Meeting, Participant

pytestmark = pytest.mark.browser

HEADER = ("type,organisation,contact_name,email,phone,languages,offers,needs,description,wishes,avoid,"
          "present_from_round,present_to_round")
GOOD = [
    "company,Banque Moselle,Anne Weber,anne@example.lu,,fr;en,it;legal,csr_expertise,Banque.,Eis Stëmm asbl,,,",
    "company,Kirchberg Conseil,Marc Schmit,,,fr;de,accounting,information_relay,Conseil.,,,,",
    "association,Eis Stëmm asbl,Lena Muller,,,fr;lb,csr_expertise,it;legal,Chorale.,,,,",
    "association,Fondation Ardennes Verte,Paul Klein,,,de;en,information_relay,accounting,Nature.,,,2,4",
]
# Three bad rows (lines 2, 4 and 5): an unknown category, an unknown language, a window that ends before it starts.
BAD = [GOOD[0].replace("it;legal", "it;cooking"), GOOD[1], GOOD[2].replace("fr;lb", "fr;xx"),
       GOOD[3].replace(",2,4", ",5,3")]


def csv_file(rows: list[str]) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@dataclass
class Fresh:
    slug: str
    key: str
    event_id: int


@pytest.fixture
def fresh_event(served_app) -> Fresh:
    """An event without participants in the served database."""
    from partact_app.services import events

    slug = f"fresh-{secrets.token_hex(3)}"
    with session_scope(served_app.db_url) as session:
        event, key = events.create_event(session, slug, name=f"Fresh {slug}", rounds=6, tables=4, round_minutes=5)
        return Fresh(slug=slug, key=key, event_id=event.id)


def console(served_app, event, new_page, locale="en-GB", via_menu=False, **options):
    """A browser logged in at /organiser that then opens the participants page in the same tab (by its address,
    or by the console's menu)."""
    page = new_page(locale=locale, **options)
    page.goto(served_app.url("/organiser"))
    page.locator("#organiser-key").fill(event.key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_be_visible()
    if via_menu:
        page.locator("#nav-participants").click()
    else:
        page.goto(served_app.url("/organiser/participants"))
    expect(page.locator("#checkin-counter")).to_be_visible()
    return page


def api(app, event, action: str) -> httpx.Response:
    return httpx.post(app.url(f"/api/events/{event.slug}/{action}"), headers={"Authorization": f"Bearer {event.key}"},
                      timeout=30)


def participants(app, event) -> dict[str, Participant]:
    with session_scope(app.db_url) as session:
        rows = session.exec(select(Participant).where(Participant.event_id == event.event_id)).all()
        return {p.organisation: p for p in rows}


def agenda(app, event, participant_id: int) -> dict[int, int]:
    """round -> counterpart id."""
    with session_scope(app.db_url) as session:
        rows = session.exec(select(Meeting).where(Meeting.event_id == event.event_id)).all()
    return {m.round: (m.association_id if m.company_id == participant_id else m.company_id)
            for m in rows if participant_id in (m.company_id, m.association_id)}


def upload(page, name: str, data: bytes, mime: str = "text/csv") -> None:
    page.locator("#import-upload input[type=file]").set_input_files({"name": name, "mimeType": mime, "buffer": data})
    expect(page.locator("#import-file-name")).to_have_text(name)
    page.locator("#import-button").click()


def test_import_refuses_a_file_with_three_bad_rows_then_takes_a_good_one(served_app, fresh_event, new_page):
    page = console(served_app, fresh_event, new_page, locale="fr-FR")
    page.locator("#import-button").click()  # no file chosen yet
    expect(page.locator("#upload-error")).to_have_text(t("error.upload_missing", "fr"))
    upload(page, "inscriptions.csv", csv_file(BAD))
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text(t("error.import_rejected", "fr", count=3))
    for line in (2, 4, 5):
        expect(errors).to_contain_text(f"Ligne {line} :")
    expect(errors).not_to_contain_text("Ligne 3 :")
    assert participants(served_app, fresh_event) == {}  # nothing stored
    page.locator("#language-switch").get_by_role("radio", name="DE").click()
    expect(errors).to_contain_text("Zeile 4:")  # the same errors, in the page's new language

    page.locator("#import-upload input[type=file]").set_input_files(
        {"name": "photo.png", "mimeType": "image/png", "buffer": b"\x89PNG"})
    expect(page.locator("#upload-error")).to_have_text(t("error.upload_rejected", "de", megabytes=5))
    assert participants(served_app, fresh_event) == {}

    upload(page, "inscriptions.csv", csv_file(GOOD))
    expect(page.locator("#import-errors")).to_have_count(0)
    expect(page.locator("#upload-error")).to_have_count(0)
    expect(page.locator("#import-summary")).to_have_text(
        t("cli.imported", "de", total=4, created=4, updated=0, unchanged=0))
    for name in ("Banque Moselle", "Eis Stëmm asbl", "Fondation Ardennes Verte"):
        expect(page.locator(f'tr[data-organisation="{name}"]')).to_be_visible()
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "de", checked=0, expected=4))
    assert len(participants(served_app, fresh_event)) == 4


def test_a_forged_upload_with_the_tab_token_alone_imports_nothing(served_app, fresh_event, new_page):
    """Reflex's upload endpoint knows a tab by its token alone; the import also wants the page's upload ticket."""
    frames: list[str] = []
    page = new_page(locale="en-GB")
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: frames.append(str(payload))))
    page.goto(served_app.url("/organiser"))
    page.locator("#organiser-key").fill(fresh_event.key)
    page.locator("#login").click()
    page.goto(served_app.url("/organiser/participants"))
    expect(page.locator("#checkin-counter")).to_be_visible()
    token = page.evaluate("window.sessionStorage.getItem('token')")
    handler = ("reflex___state____state.partact_app___states___console_participants____console_participants_state"
               ".import_file")

    def forge(ticket: str | None) -> httpx.Response:
        fields = {"__reflex_event_args": '{"ticket": "%s"}' % ticket} if ticket is not None else {}
        return httpx.post(served_app.url("/_upload"), headers={"Reflex-Client-Token": token,
                                                                 "Reflex-Event-Handler": handler},
                          data=fields, files={"files": ("x.csv", csv_file(GOOD), "text/csv")}, timeout=30)

    for ticket in (None, "", "guess"):
        answer = forge(ticket)
        assert answer.status_code == 200, answer.text  # it reached the handler...
        assert participants(served_app, fresh_event) == {}  # ...which refused it
    # The page itself holds the ticket (never in a URL): with it, the same request goes through.
    found = [re.search(r'"upload_ticket_rx_state_":"([^"]+)"', frame) for frame in frames]
    ticket = next(match.group(1) for match in reversed(found) if match)
    assert forge(ticket).status_code == 200
    assert len(participants(served_app, fresh_event)) == 4


def test_a_toast_asked_for_before_its_library_arrived_shows_when_it_does(served_app, live_event, new_page):
    """The toasts' library comes after the page (components/toaster.py): a toast asked for meanwhile waits for it
    and is shown then, not lost."""
    page = console(served_app, live_event, new_page, permissions=["clipboard-read", "clipboard-write"])
    held = []

    def hold_the_toasts(route):
        answer = route.fetch()
        if b"data-sonner-toaster" in answer.body():
            held.append((route, answer))
        else:
            route.fulfill(response=answer)

    page.route("**/assets/*.js", hold_the_toasts)  # routing also keeps the files out of the browser's cache
    page.reload()
    expect(page.locator("#checkin-counter")).to_be_visible()
    for _ in range(100):  # the page asks for the library once it has loaded and the browser is idle
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the page never asked for the toasts' library"
    page.locator('tr[data-organisation="Banque Moselle S.A."] [data-action="copy-link"]').click()
    copied = page.get_by_text(t("participants.copied", "en"))
    page.wait_for_timeout(500)
    expect(copied).to_have_count(0)
    for route, answer in held:
        route.fulfill(response=answer)
    expect(copied).to_be_visible()


def test_check_in_from_the_list(served_app, live_event, new_page):
    page = console(served_app, live_event, new_page, permissions=["clipboard-read", "clipboard-write"])
    total = len(participants(served_app, live_event))
    bank = participants(served_app, live_event)["Banque Moselle S.A."]
    page.locator('tr[data-organisation="Banque Moselle S.A."] [data-action="copy-link"]').click()
    expect(page.get_by_text(t("participants.copied", "en"))).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == served_app.url(f"/p/{bank.token}")
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=0, expected=total))
    row = page.locator('tr[data-organisation="Banque Moselle S.A."]')
    row.locator('[data-action="check-in"]').click()
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=1, expected=total))
    expect(row.locator('[data-action="check-in"]')).to_have_attribute("data-state", "checked")
    assert participants(served_app, live_event)["Banque Moselle S.A."].checked_in
    other = console(served_app, live_event, new_page)  # a second console sees it too, and follows the first
    expect(other.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=1, expected=total))
    page.locator('tr[data-organisation="Alzette Digital S.A."] [data-action="check-in"]').click()
    expect(other.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=2, expected=total))

    page.locator("#no-shows").click()  # before round 1: everyone else is marked absent, the schedule re-planned
    expect(page.get_by_role("alertdialog")).to_contain_text(str(total - 2))
    page.locator("#no-shows-confirm").click()
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=2, expected=2))
    expect(page.locator("#participants-notice")).to_have_text(t("participants.no_shows_done", "en", count=total - 2))
    expect(page.locator("#replan-changes")).to_be_visible()
    with session_scope(served_app.db_url) as session:
        pairs = session.exec(select(Meeting.company_id, Meeting.association_id).where(
            Meeting.event_id == live_event.event_id)).all()
    here = {p.id for p in participants(served_app, live_event).values() if not p.absent}
    assert len(here) == 2 and set(pairs) <= {tuple(sorted(here, key=lambda i: i))} | {tuple(here)} | set()


def _affected_by_absence(app, event, participant_id: int) -> set[int]:
    """Who a no-show of ``participant_id`` would change, computed in a transaction that is rolled back."""
    from partact_app.services import attendance, events

    with Session(get_engine(app.db_url)) as session:
        replan = attendance.mark_absent(session, events.get_event(session, event.slug), participant_id)
        session.rollback()
    return replan.affected


def _phone(app, new_page, person: Participant):
    page = new_page(locale="en-GB", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.frames_in = []
    page.on("websocket", lambda socket: socket.on("framereceived", lambda payload: page.frames_in.append(payload)))
    page.goto(app.url(f"/p/{person.token}"))
    expect(page.locator("#participant-organisation")).to_have_text(person.organisation)
    return page


def test_absent_in_round_two_changes_the_next_counterpart_phone_only(served_app, live_event, new_page):
    everyone = participants(served_app, live_event)
    by_id = {p.id: p for p in everyone.values()}
    assert api(served_app, live_event, "next-round").json()["round"] == 1
    assert api(served_app, live_event, "next-round").json()["round"] == 2
    absent = next(p for p in everyone.values() if p.kind == "company" and 3 in agenda(served_app, live_event, p.id))
    counterpart = by_id[agenda(served_app, live_event, absent.id)[3]]
    affected = _affected_by_absence(served_app, live_event, absent.id)
    assert counterpart.id in affected
    calm = next(p for p in everyone.values()
                if p.id not in affected and p.id != absent.id and len(agenda(served_app, live_event, p.id)) > 3)
    phones = {who.id: _phone(served_app, new_page, who) for who in (counterpart, calm)}
    expect(phones[counterpart.id].locator("#agenda")).to_contain_text(absent.organisation)
    calm_agenda = phones[calm.id].locator("#agenda").inner_text()

    page = console(served_app, live_event, new_page, viewport={"width": 1280, "height": 900})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the participants page scrolls sideways by {overflow}px at 1280px"
    page.locator("#participant-search").fill(absent.organisation)
    row = page.locator(f'tr[data-organisation="{absent.organisation}"]')
    expect(page.locator("tr[data-organisation]")).to_have_count(1)
    row.locator('[data-action="manage"]').click()
    page.locator("#absent-now").click()
    changes = page.locator("#replan-changes")
    expect(changes).to_be_visible()
    expect(changes).to_contain_text(re.compile(r"Round [3-9]|Round 10"))
    expect(changes).to_contain_text(f"instead of {absent.organisation}")
    expect(row).to_contain_text(t("participants.absent", "en"))

    expect(phones[counterpart.id].locator("#agenda")).not_to_contain_text(absent.organisation)
    time.sleep(2.5)  # a broadcast poll later, the unaffected phone still shows what it showed, and was never told
    assert phones[calm.id].locator("#agenda").inner_text() == calm_agenda
    reloads = lambda page: [f for f in page.frames_in if "reload_agenda" in str(f)]  # noqa: E731
    assert reloads(phones[counterpart.id]) and not reloads(phones[calm.id])
    assert participants(served_app, live_event)[absent.organisation].absent


def test_a_walk_in_gets_meetings_and_a_page(served_app, live_event, new_page):
    page = console(served_app, live_event, new_page, viewport={"width": 1280, "height": 900})
    assert api(served_app, live_event, "next-round").json()["round"] == 1
    page.locator("#walk-in").click()
    form = page.locator("#participant-form")
    form.locator("#form-organisation").fill("Spontan asbl")
    form.locator("#form-save").click()  # no language ticked: refused next to the field, nothing stored
    expect(page.locator("#error-languages")).to_have_text(
        t("import.missing_languages", "en", valid="fr, de, en, lb"))
    assert "Spontan asbl" not in participants(served_app, live_event)
    form.locator("#form-type").click()
    page.get_by_role("option", name=t("kind.association", "en")).click()
    form.locator("#form-lang-fr").click()
    form.locator("#form-needs-it").click()
    form.locator("#form-save").click()
    expect(page.locator("#replan-changes")).to_contain_text("Spontan asbl")
    row = page.locator('tr[data-organisation="Spontan asbl"]')
    expect(row).to_be_visible()
    expect(row.locator('[data-action="check-in"]')).to_have_attribute("data-state", "checked")
    walk_in = participants(served_app, live_event)["Spontan asbl"]
    met = agenda(served_app, live_event, walk_in.id)
    assert met and min(met) >= 2
    url = row.locator('[data-action="copy-link"]').get_attribute("data-url")
    assert url == served_app.url(f"/p/{walk_in.token}")
    phone = new_page(locale="en-GB", viewport={"width": 390, "height": 844}, is_mobile=True)
    phone.goto(url)
    expect(phone.locator("#participant-organisation")).to_have_text("Spontan asbl")
    first = min(met)
    expect(phone.locator("#agenda")).to_contain_text(participants(served_app, live_event) and next(
        p.organisation for p in participants(served_app, live_event).values() if p.id == met[first]))


@pytest.mark.parametrize("what", ["schedule", "links", "participants"])
def test_a_download_is_the_cli_export(served_app, live_event, new_page, what):
    page = console(served_app, live_event, new_page)
    with page.expect_download() as caught:
        page.locator(f"#download-{what}").click()
    download = caught.value
    assert download.suggested_filename == f"{live_event.slug}-{what}.csv"
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data == served_app.cli("export", live_event.slug, what).encode()


def test_the_workbook_and_the_template_download(served_app, live_event, new_page):
    import io

    from openpyxl import load_workbook

    page = console(served_app, live_event, new_page)
    with page.expect_download() as caught:
        page.locator("#download-workbook").click()
    with open(caught.value.path(), "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    assert workbook.sheetnames == ["schedule", "links", "participants", "matches", "followups"]
    with page.expect_download() as caught:
        page.locator("#download-template-xlsx").click()
    assert caught.value.suggested_filename == "partact-registrations.xlsx"


def test_check_in_on_a_390px_phone(served_app, live_event, new_page):
    page = console(served_app, live_event, new_page, via_menu=True, viewport={"width": 390, "height": 844},
                   is_mobile=True, has_touch=True)
    total = len(participants(served_app, live_event))
    page.locator("#participant-search").fill("stemm")
    row = page.locator('tr[data-organisation="Eis Stëmm asbl"]')
    expect(page.locator("tr[data-organisation]")).to_have_count(1)
    row.locator('[data-action="check-in"]').tap()
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=1, expected=total))
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the participants page scrolls sideways by {overflow}px on a 390px phone"


def test_five_hundred_participants_stay_fast(served_app, fresh_event, new_page):
    """500 participants: the page, a check-in, a search and a sort each answer in about a second or less (the
    numbers are printed; docs/console.md, "Participants", has the measurements behind the pages of 50)."""
    from partact_app.core.participant_table import PAGE_SIZE
    from partact_app.services import registrations

    rows = []
    for n in range(500):
        kind = "company" if n % 2 else "association"
        rows.append(f"{kind},Organisation {n:03d},Contact {n},c{n}@example.org,,fr;en,it;legal,goods,"
                    f"Description {n},,,,")
    with session_scope(served_app.db_url) as session:
        registrations.import_registrations(session, fresh_event.slug, csv_file(rows), "many.csv")
    page = new_page(locale="en-GB", viewport={"width": 1280, "height": 900})
    page.goto(served_app.url("/organiser"))
    page.locator("#organiser-key").fill(fresh_event.key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_be_visible()
    timings = {}

    began = time.perf_counter()
    page.goto(served_app.url("/organiser/participants"))
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=0, expected=500))
    expect(page.locator("tr[data-organisation]").first).to_be_visible()
    timings["page"] = time.perf_counter() - began

    # The header row stays in view while the rows scroll (sticky, inside the table's own scroll box).
    viewport = page.locator("#participants-table .rt-ScrollAreaViewport")
    header = page.locator("#participants-table thead")
    top = viewport.bounding_box()["y"]
    viewport.evaluate("element => { element.scrollTop = 600; }")
    expect(page.locator('tr[data-organisation="Organisation 000"]')).not_to_be_in_viewport()
    assert abs(header.bounding_box()["y"] - top) < 2

    began = time.perf_counter()
    page.locator('tr[data-organisation="Organisation 001"] [data-action="check-in"]').click()
    expect(page.locator("#checkin-counter")).to_have_text(t("participants.counter", "en", checked=1, expected=500))
    timings["check_in"] = time.perf_counter() - began

    began = time.perf_counter()
    page.locator("#participant-search").fill("organisation 421")
    expect(page.locator("tr[data-organisation]")).to_have_count(1)
    timings["search"] = time.perf_counter() - began  # includes the 300 ms debounce

    page.locator("#participant-search").fill("")
    expect(page.locator("#participants-shown")).to_have_text(t("participants.shown", "en", matched=500, total=500))
    began = time.perf_counter()
    page.locator("#sort-organisation").click()  # descending
    expect(page.locator("tr[data-organisation]").first).to_have_attribute("data-organisation", "Organisation 499")
    timings["sort"] = time.perf_counter() - began
    shown = page.locator("tr[data-organisation]").count()
    print("500 participants, seconds:", {name: round(value, 3) for name, value in timings.items()},
          "rows in the page:", shown)
    assert shown == PAGE_SIZE  # never the whole event in the browser
    assert max(timings.values()) < 5.0, timings  # about 1 s or less on a quiet machine; generous for a busy one


def test_late_arrival_early_departure_edit_and_remove(served_app, live_event, new_page):
    page = console(served_app, live_event, new_page, viewport={"width": 1280, "height": 900})
    row = page.locator('tr[data-organisation="Banque Moselle S.A."]')

    row.locator('[data-action="manage"]').click()  # before round 1: removing is still possible
    page.locator("#remove-participant").click()
    page.locator("#remove-confirm").click()
    expect(page.locator("#participants-notice")).to_have_text(
        t("participants.removed", "en", organisation="Banque Moselle S.A."))
    expect(row).to_have_count(0)
    assert "Banque Moselle S.A." not in participants(served_app, live_event)

    api(served_app, live_event, "next-round")
    api(served_app, live_event, "next-round")  # round 2
    row = page.locator('tr[data-organisation="Alzette Digital S.A."]')
    row.locator('[data-action="manage"]').click()
    page.locator("#arrives-round").fill("2")
    page.locator("#arrives-apply").click()  # a round under way: refused next to the field, nothing changed
    expect(page.locator("#arrives-error")).to_have_text(t("error.round_played", "en", round=2, next=3))
    expect(page.locator("#remove-participant")).to_be_disabled()
    page.locator("#leaves-round").fill("4")
    page.locator("#leaves-apply").click()
    expect(page.locator("#replan-changes")).to_be_visible()
    expect(page.locator("#manage-dialog")).to_have_count(0)
    expect(row).to_contain_text(t("participants.to_round", "en", round=4))
    alzette = participants(served_app, live_event)["Alzette Digital S.A."]
    assert alzette.present_to_round == 4 and max(agenda(served_app, live_event, alzette.id)) <= 4

    row.locator('[data-action="manage"]').click()
    page.locator("#edit-participant").click()
    form = page.locator("#participant-form")
    expect(form.locator("#form-organisation")).to_have_value("Alzette Digital S.A.")
    form.locator("#form-wishes").fill("Nobody asbl")
    form.locator("#form-save").click()
    expect(page.locator("#error-wishes")).to_contain_text("Nobody asbl")
    form.locator("#form-wishes").fill("")
    form.locator("#form-contact-name").fill("Josée Wagner-Schmit")
    form.locator("#form-save").click()
    expect(page.locator("#participants-notice")).to_have_text(t("participants.saved", "en"))
    expect(row).to_contain_text("Josée Wagner-Schmit")


def test_a_tab_token_without_the_cookie_reads_nothing_of_the_list(served_app, live_event, new_page):
    """The page's handlers each look the cookie session up again: a stolen tab token that never hydrates (so no
    ``ConsoleBinding`` reset) and calls them directly gets no row, no link, no file."""
    import asyncio
    import json

    from harness.phone import Phone, wait_until
    from tests.security.conftest import new_address, run

    page = console(served_app, live_event, new_page)
    expect(page.locator("tr[data-organisation]").first).to_be_visible()
    tab_token = page.evaluate("window.sessionStorage.getItem('token')")
    page.context.close()
    someone = min(participants(served_app, live_event).values(), key=lambda p: p.organisation.casefold())
    state = "reflex___state____state.partact_app___states___console_participants____console_participants_state"
    downloads = ("reflex___state____state.partact_app___states___console_participants____console_downloads_state")

    async def steal():
        thief = Phone(served_app.base_url, "/organiser/participants", token=tab_token, keep=True,
                      headers={"X-Forwarded-For": new_address()})
        await thief.connect()
        assert await wait_until(lambda: thief.connected_at is not None, 10), thief.error
        for name, payload in ((f"{state}.open_manage", {"participant_id": someone.id}),
                              (f"{state}.set_search", {"value": ""}), (f"{state}.go_to_page", {"page": 1}),
                              (f"{state}.sort_by", {"key": "kind"}), (f"{state}.reload", {}),
                              (f"{downloads}.download", {"what": "links"})):
            thief.send_event(name, payload)
            await asyncio.sleep(0.5)
        await asyncio.sleep(1)
        thief.close()
        return json.dumps([packet.data for _, packet in thief.received], ensure_ascii=False)

    seen = run(steal())
    assert state in seen  # the handlers ran and answered...
    assert someone.organisation not in seen and someone.token not in seen and "/p/" not in seen
    assert "data:text/csv" not in seen
