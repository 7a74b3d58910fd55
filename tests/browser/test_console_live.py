"""The console's live page in Chromium: automatic advance with the changeover, the room now, and the check-in
desk on a badge's link."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Participant, utcnow
from partact_app.services import events
from tests.browser.test_live import api, expect_meeting, meetings_of, two_phones

pytestmark = pytest.mark.browser


def log_in(app, page, key: str) -> None:
    page.goto(app.url("/organiser"))
    page.locator("#organiser-key").fill(key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_be_visible()


def time_up_in(app, event, seconds: float) -> None:
    """The running round (or changeover) ends ``seconds`` from now."""
    with session_scope(app.db_url) as session:
        row = events.get_event(session, event.slug)
        row.round_deadline = utcnow() + dt.timedelta(seconds=seconds)
        session.add(row)


def test_automatic_advance_moves_everyone_through_the_changeover(served_app, live_event, new_page):
    with session_scope(served_app.db_url) as session:
        row = events.get_event(session, live_event.slug)
        row.break_minutes = 1
        session.add(row)
    phones, everyone = two_phones(served_app, live_event, new_page)
    console = new_page(locale="en-GB")
    log_in(served_app, console, live_event.key)
    console.locator("#auto-advance").click()
    expect(console.locator("#auto-advance")).to_have_attribute("data-state", "checked")
    console.locator("#next-round").click()
    for person, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=1, total=10))

    screen = new_page(locale="en-GB")
    screen.goto(served_app.url(f"/screen/{live_event.slug}"))
    expect(screen.locator("#screen-round")).to_have_text(t("live.round_of", "en", round=1, total=10))

    time_up_in(served_app, live_event, 1)  # the round's time is up: the server moves everyone on
    for person, page in phones:
        expect(page.locator("#status-changeover")).to_have_text(t("live.move_on", "en"))
        expect_meeting(page, served_app, live_event, person, everyone, 2)  # the table to go to
        expect(page.locator("#countdown")).not_to_have_text("")
    expect(screen.locator("#screen-move-on")).to_be_visible()
    expect(console.locator("#console-changeover")).to_be_visible()

    time_up_in(served_app, live_event, 1)  # the changeover ends: round 2 starts by itself
    for person, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=2, total=10))
        expect(page.locator("#status-changeover")).to_have_count(0)
        expect_meeting(page, served_app, live_event, person, everyone, 2)
    expect(screen.locator("#screen-round")).to_have_text(t("live.round_of", "en", round=2, total=10))
    assert api(served_app, live_event, "pause").json()["round"] == 2


def test_the_room_now_shows_tables_phones_and_who_is_alone(served_app, live_event, new_page):
    phones, everyone = two_phones(served_app, live_event, new_page)
    console = new_page(locale="fr-FR")
    log_in(served_app, console, live_event.key)
    expect(console.locator("#phones-connected")).to_contain_text("2", timeout=20_000)
    person = phones[0][0]
    meeting = meetings_of(served_app, live_event, person.id)[1]
    row = console.locator("#room-tables tr", has_text=person.organisation)
    expect(row).to_contain_text(str(meeting.table))
    used = {m.table for p in everyone.values() for m in meetings_of(served_app, live_event, p.id).values()
            if m.round == 1}
    empty = sorted(set(range(1, 23)) - used)
    expect(console.locator("#room-empty")).to_have_text(", ".join(map(str, empty)) or t("console.none", "fr"))
    expect(console.locator("#checked-in-count")).to_contain_text(f"0 / {len(everyone)}")


def test_the_room_follows_the_rounds_and_the_changeover(served_app, live_event, new_page):
    """The page holds the round shown and the next one only: each new round (and the changeover) brings the next."""
    with session_scope(served_app.db_url) as session:
        event = events.get_event(session, live_event.slug)
        event.break_minutes = 1  # a changeover between rounds when they advance by themselves
        session.add(event)
        rows = session.exec(select(Participant).where(Participant.event_id == live_event.event_id)).all()
    person, meetings = next((p, m) for p in rows if set(range(1, 6)) <= set(m := meetings_of(served_app, live_event, p.id)))
    console = new_page(locale="fr-FR", viewport={"width": 1280, "height": 900})
    log_in(served_app, console, live_event.key)
    row = console.locator("#room-tables tr", has_text=person.organisation)
    for shown in range(1, 5):
        console.locator("#next-round").click()
        expect(console.locator("#console-round")).to_have_text(t("live.round_of", "fr", round=shown, total=10))
        expect(console.locator("#room-title")).to_have_text(
            t("console.room_title", "fr", round=shown))
        expect(row.locator("td").first).to_have_text(str(meetings[shown].table))
    console.locator("#auto-advance").click()
    expect(console.locator("#auto-advance")).to_have_attribute("data-state", "checked")
    time_up_in(served_app, live_event, 1)  # round 4 ends: the changeover shows where round 5 sits
    expect(console.locator("#console-changeover")).to_be_visible()
    expect(console.locator("#room-title")).to_have_text(t("console.room_title", "fr", round=5))
    expect(row.locator("td").first).to_have_text(str(meetings[5].table))


def test_an_organiser_checks_a_participant_in_from_the_badge_link(served_app, live_event, new_page):
    with session_scope(served_app.db_url) as session:
        person = session.exec(select(Participant).where(Participant.event_id == live_event.event_id)).first()
    desk = new_page(locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    log_in(served_app, desk, live_event.key)
    desk.goto(served_app.url(f"/p/{person.token}"))
    expect(desk.locator("#participant-organisation")).to_have_text(person.organisation)
    desk.locator("#check-in").click()
    expect(desk.locator("#checked-in")).to_have_text(t("participant.checked_in", "fr"))
    with session_scope(served_app.db_url) as session:
        assert session.get(Participant, person.id).checked_in

    phone = new_page(locale="fr-FR")  # the participant's own phone: no console cookie, no check-in button
    phone.goto(served_app.url(f"/p/{person.token}"))
    expect(phone.locator("#participant-organisation")).to_have_text(person.organisation)
    expect(phone.locator("#check-in")).to_have_count(0)
    expect(phone.locator("#checked-in")).to_have_count(0)


def test_two_organisers_see_each_others_actions_live(served_app, live_event, new_page):
    """Two consoles (a laptop and a phone): what one does appears on the other without a reload."""
    laptop = new_page(locale="fr-FR", viewport={"width": 1280, "height": 900})
    log_in(served_app, laptop, live_event.key)
    phone = new_page(locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    log_in(served_app, phone, live_event.key)
    expect(phone.locator("#checked-in-count")).to_contain_text("0 /")

    laptop.goto(served_app.url("/organiser/participants"))
    laptop.locator('[data-action="check-in"]').first.click()
    expect(phone.locator("#checked-in-count")).to_contain_text("1 /")  # the other console's live page follows

    phone.goto(served_app.url("/organiser/participants"))
    expect(phone.locator("#checkin-counter")).to_contain_text("1")
    laptop.locator('[data-action="check-in"]').nth(1).click()
    expect(phone.locator("#checkin-counter")).to_contain_text("2")  # and its participants page too

    laptop.goto(served_app.url("/organiser"))
    phone.goto(served_app.url("/organiser"))
    laptop.locator("#next-round").click()
    expect(phone.locator("#console-round")).to_have_text(t("live.round_of", "fr", round=1, total=10))
    phone.locator("#pause").click()
    expect(laptop.locator("#resume")).to_be_visible()


def test_the_phone_count_follows_phones_that_come_later(served_app, live_event, new_page):
    console = new_page(locale="en-GB")
    log_in(served_app, console, live_event.key)
    count = console.locator("#phones-connected")
    expect(count).to_have_text(t("console.phones", "en", count=0))
    phones, _ = two_phones(served_app, live_event, new_page)
    expect(count).to_have_text(t("console.phones", "en", count=2), timeout=15_000)  # the console asks itself
    phones[1][1].close()
    expect(count).to_have_text(t("console.phones_one", "en", count=1), timeout=15_000)
    assert t("console.phones_one", "en", count=1) == "1 phone connected"


def test_ending_the_event_asks_first_and_the_keyboard_can_back_out(served_app, live_event, new_page):
    """The end of the event is a modal alert dialog on the browser's own ``<dialog>`` (components/controls.confirm):
    named by its title, focus on "Cancel" when it opens and back on the button when it closes, Escape and
    "Cancel" close it without ending anything, and the confirm button ends the event."""
    console = new_page(locale="en-GB")
    log_in(served_app, console, live_event.key)
    console.locator("#next-round").click()
    expect(console.locator("#end")).to_be_enabled()
    dialog = console.get_by_role("alertdialog", name=t("organiser.end_confirm_title", "en"))
    for close in ("Escape", "cancel"):
        console.locator("#end").click()
        expect(dialog).to_be_visible()
        expect(dialog).to_have_accessible_description(t("organiser.end_confirm_text", "en"))
        expect(dialog.get_by_role("button", name=t("organiser.cancel", "en"))).to_be_focused()
        if close == "Escape":
            console.keyboard.press("Escape")
        else:
            console.keyboard.press("Enter")  # on the focused "Cancel"
        expect(dialog).to_be_hidden()
        expect(console.locator("#end")).to_be_focused()
    with session_scope(served_app.db_url) as session:
        assert events.get_event(session, live_event.slug).phase == "running"  # nothing ended
    console.locator("#end").click()
    dialog.get_by_role("button", name=t("organiser.end", "en")).click()
    expect(dialog).to_be_hidden()
    expect(console.locator("#end")).to_be_disabled()
    with session_scope(served_app.db_url) as session:
        assert events.get_event(session, live_event.slug).phase == "finished"


def test_the_automatic_advance_is_a_switch_for_the_keyboard_and_screen_readers(served_app, live_event, new_page):
    console = new_page(locale="en-GB")
    log_in(served_app, console, live_event.key)
    switch = console.get_by_role("switch", name=t("console.auto_advance", "en"))
    expect(switch).to_have_attribute("aria-checked", "false")
    switch.focus()
    console.keyboard.press("Space")
    expect(switch).to_have_attribute("aria-checked", "true")
    with session_scope(served_app.db_url) as session:
        assert events.get_event(session, live_event.slug).auto_advance is True
    console.get_by_text(t("console.auto_advance", "en")).click()  # its label turns it too
    expect(switch).to_have_attribute("aria-checked", "false")
    with session_scope(served_app.db_url) as session:
        assert events.get_event(session, live_event.slug).auto_advance is False
