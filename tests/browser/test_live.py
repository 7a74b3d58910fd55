"""Live rounds in real Chromium: two phones and the HTTP API, reconnects, re-plans, a backend restart."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Meeting, Participant

pytestmark = pytest.mark.browser


def api(app, event, action: str, key: str | None = None, **body) -> httpx.Response:
    key = event.key if key is None else key
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.post(app.url(f"/api/events/{event.slug}/{action}"), json=body or None, headers=headers, timeout=30)


def people(app, event) -> dict[int, Participant]:
    with session_scope(app.db_url) as session:
        rows = session.exec(select(Participant).where(Participant.event_id == event.event_id)).all()
        return {p.id: p for p in rows}


def meetings_of(app, event, participant_id: int) -> dict[int, Meeting]:
    with session_scope(app.db_url) as session:
        rows = session.exec(select(Meeting).where(Meeting.event_id == event.event_id)).all()
    return {m.round: m for m in rows if participant_id in (m.company_id, m.association_id)}


class Network:
    """Cuts and restores a phone's network: the open websocket drops and new attempts fail until restored."""

    def __init__(self, page) -> None:
        self.context = page.context
        self.routes: list = []
        page.route_web_socket(re.compile(r".*/_event.*"), self._route)

    def _route(self, route) -> None:
        self.routes.append((route, route.connect_to_server()))

    def cut(self) -> None:
        self.context.set_offline(True)  # new connections fail, as on a phone without Wi-Fi
        for route, server in self.routes:  # and the open one drops
            server.close()
            route.close()
        self.routes.clear()

    def restore(self) -> None:
        self.context.set_offline(False)


def two_phones(app, event, new_page, network: bool = False):
    """A company and an association that both meet someone in rounds 1 and 2 and 3."""
    everyone = people(app, event)
    chosen = []
    for kind in ("company", "association"):
        for person in everyone.values():
            rounds = meetings_of(app, event, person.id)
            if person.kind == kind and all(r in rounds for r in (1, 2, 3)):
                chosen.append(person)
                break
    phones = []
    for person in chosen:
        page = new_page(locale="en-GB", viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True)
        if network:
            page.network = Network(page)
        page.goto(app.url(f"/p/{person.token}"))
        expect(page.locator("#participant-organisation")).to_have_text(person.organisation)
        phones.append((person, page))
    return phones, everyone


def expect_meeting(page, app, event, person, everyone, round_number: int) -> None:
    meeting = meetings_of(app, event, person.id)[round_number]
    other = meeting.association_id if meeting.company_id == person.id else meeting.company_id
    expect(page.locator("#table-number")).to_have_text(str(meeting.table))
    expect(page.locator("#counterpart-name")).to_have_text(everyone[other].organisation)


def test_phones_follow_every_organiser_action_without_reload(served_app, live_event, new_page):
    phones, everyone = two_phones(served_app, live_event, new_page)
    for person, page in phones:  # before the start: the first table, no round number
        expect(page.locator("#round-number")).to_have_text("")
        expect(page.locator("#status-before")).to_contain_text("17:30")
        expect_meeting(page, served_app, live_event, person, everyone, 1)

    assert api(served_app, live_event, "next-round").json()["round"] == 1
    for person, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=1, total=10))
        expect_meeting(page, served_app, live_event, person, everyone, 1)
        expect(page.locator("#countdown")).not_to_have_text("")

    answer = api(served_app, live_event, "next-round", expected_round=1).json()
    assert (answer["phase"], answer["round"]) == ("running", 2)
    for person, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=2, total=10))
        expect_meeting(page, served_app, live_event, person, everyone, 2)
        expect(page.locator("#next-table-number")).to_have_text(
            str(meetings_of(served_app, live_event, person.id)[3].table)
        )

    assert api(served_app, live_event, "pause").json()["phase"] == "paused"
    for _, page in phones:
        expect(page.locator("#status-paused")).to_be_visible()
    frozen = [int(page.locator("#countdown").get_attribute("data-left")) for _, page in phones]

    assert api(served_app, live_event, "extend", minutes=2).json()["phase"] == "paused"
    for (_, page), before in zip(phones, frozen):
        expect(page.locator("#countdown")).to_have_attribute("data-left", str(before + 120))

    assert api(served_app, live_event, "resume").json()["phase"] == "running"
    for _, page in phones:
        expect(page.locator("#status-paused")).to_have_count(0)
        left = int(page.locator("#countdown").get_attribute("data-left"))
        assert 6 * 60 < left <= 8 * 60

    assert api(served_app, live_event, "end").json()["phase"] == "finished"
    for _, page in phones:
        expect(page.locator("#status-finished")).to_have_text(t("live.finished", "en"))
        expect(page.locator("#current-meeting")).to_have_count(0)


def test_phone_offline_during_two_advances_catches_up(served_app, live_event, new_page):
    phones, everyone = two_phones(served_app, live_event, new_page, network=True)
    person, page = phones[0]
    api(served_app, live_event, "next-round")
    expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=1, total=10))

    page.network.cut()
    expect(page.locator("#offline-banner")).to_be_visible()
    api(served_app, live_event, "next-round")
    api(served_app, live_event, "next-round")
    # Still the last known agenda while offline.
    expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=1, total=10))
    page.network.restore()
    expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=3, total=10))
    expect_meeting(page, served_app, live_event, person, everyone, 3)
    expect(page.locator("#offline-banner")).to_have_count(0)


def test_replan_updates_the_agenda_on_the_phone(served_app, live_event, new_page):
    from partact_app.services import events, registrations
    from partact_app.services.scheduling import replan_event

    phones, everyone = two_phones(served_app, live_event, new_page)
    person, page = phones[0]
    api(served_app, live_event, "next-round")
    expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=1, total=10))
    later = meetings_of(served_app, live_event, person.id)
    counterpart_id = later[3].association_id if later[3].company_id == person.id else later[3].company_id
    absent_name = everyone[counterpart_id].organisation
    expect(page.locator("#agenda")).to_contain_text(absent_name)

    with session_scope(served_app.db_url) as session:  # a no-show, then a re-plan from round 2 on
        event = events.get_event(session, live_event.slug)
        registrations.mark_absent(session, event, counterpart_id)
        replan_event(session, live_event.slug)
    expect(page.locator("#agenda")).not_to_contain_text(absent_name, timeout=15_000)
    after = meetings_of(served_app, live_event, person.id)
    assert after[1].table == later[1].table  # the round being held did not change


def test_backend_restart_mid_round_keeps_round_and_deadline(served_app, live_event, new_page):
    phones, _ = two_phones(served_app, live_event, new_page)
    api(served_app, live_event, "next-round")
    api(served_app, live_event, "next-round")
    deadline = api(served_app, live_event, "extend", minutes=1).json()["deadline_ms"]
    for _, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=2, total=10))

    served_app.restart()

    for _, page in phones:
        expect(page.locator("#offline-banner")).to_have_count(0, timeout=60_000)
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=2, total=10))
        left = int(page.locator("#countdown").get_attribute("data-left"))
        expected = (deadline - page.evaluate("Date.now()")) / 1000
        assert abs(left - expected) <= 3
    answer = api(served_app, live_event, "next-round", expected_round=2).json()
    assert answer["round"] == 3 and answer["deadline_ms"] > deadline - 60_000


def test_api_refuses_bad_keys_stale_rounds_and_unknown_events(served_app, live_event):
    assert api(served_app, live_event, "next-round", key="").status_code == 401
    assert api(served_app, live_event, "next-round", key="wrong").status_code == 401
    other = type(live_event)(slug="no-such-event", key=live_event.key, event_id=0)
    assert api(served_app, other, "next-round").status_code == 404
    assert api(served_app, live_event, "pause").status_code == 409  # nothing running yet
    first = api(served_app, live_event, "next-round", expected_round=0)
    second = api(served_app, live_event, "next-round", expected_round=0)  # a second organiser, same click
    assert (first.status_code, second.status_code) == (200, 409)
    assert second.json()["round"] == 1
    bad = httpx.post(served_app.url(f"/api/events/{live_event.slug}/extend"), content=b"{nope",
                     headers={"Authorization": f"Bearer {live_event.key}"}, timeout=30)
    assert bad.status_code == 400


def test_big_screen_follows_the_rounds(served_app, live_event, new_page):
    screen = new_page(locale="fr-FR", viewport={"width": 1920, "height": 1080})
    screen.goto(served_app.url(f"/screen/{live_event.slug}"))
    expect(screen.locator("#screen-round")).to_have_text(t("live.not_started", "fr"))
    expect(screen.locator("#partnership-count")).to_have_text("0")
    expect(screen.locator("#screen-partnerships")).to_have_text("0 " + t("screen.partnerships_label", "fr"))
    api(served_app, live_event, "next-round")
    expect(screen.locator("#screen-round")).to_have_text(t("live.round_of", "fr", round=1, total=10))
    expect(screen.locator("#screen-countdown")).not_to_have_text("")
    unknown = new_page(locale="en-GB")
    unknown.goto(served_app.url("/screen/no-such-event"))
    expect(unknown.locator("#screen-not-found")).to_have_text(t("screen.not_found", "en"))


def test_organiser_console_drives_the_phones(served_app, live_event, new_page):
    phones, everyone = two_phones(served_app, live_event, new_page)
    console = new_page(locale="en-GB")
    console.goto(served_app.url("/organiser"))
    console.locator("#organiser-key").fill(live_event.key)
    console.locator("#login").click()
    expect(console.locator("#event-name")).to_have_text(f"Live {live_event.slug}")
    expect(console.locator("#next-round")).to_have_text(t("organiser.start", "en"))
    console.locator("#next-round").click()
    for person, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=1, total=10))
        expect_meeting(page, served_app, live_event, person, everyone, 1)
    expect(console.locator("#console-round")).to_have_text(t("live.round_of", "en", round=1, total=10))
    console.locator("#next-round").dblclick()  # a double click advances once
    expect(console.locator("#console-round")).to_have_text(t("live.round_of", "en", round=2, total=10))
    for _, page in phones:
        expect(page.locator("#round-number")).to_have_text(t("live.round_of", "en", round=2, total=10))
    assert api(served_app, live_event, "pause").json()["round"] == 2
    expect(console.locator("#resume")).to_be_visible()


def test_console_logs_out_when_the_key_is_replaced(served_app, live_event, new_page):
    from partact_app.services import events

    console = new_page(locale="en-GB")
    console.goto(served_app.url("/organiser"))
    console.locator("#organiser-key").fill(live_event.key)
    console.locator("#login").click()
    expect(console.locator("#event-name")).to_be_visible()
    with session_scope(served_app.db_url) as session:
        events.rotate_key(session, live_event.slug)
    console.locator("#next-round").click()  # refused on the server: the key it logged in with is gone
    expect(console.locator("#organiser-key")).to_be_visible()
    assert api(served_app, live_event, "next-round").status_code == 401


def test_replan_before_any_round_reaches_the_phones(served_app, live_event, new_page):
    """No broadcast has happened yet for this event in the server when the re-plan comes."""
    from partact_app.services import events, registrations
    from partact_app.services.scheduling import replan_event

    phones, everyone = two_phones(served_app, live_event, new_page)
    person, page = phones[0]
    first = meetings_of(served_app, live_event, person.id)[1]
    counterpart_id = first.association_id if first.company_id == person.id else first.company_id
    expect(page.locator("#counterpart-name")).to_have_text(everyone[counterpart_id].organisation)
    with session_scope(served_app.db_url) as session:
        event = events.get_event(session, live_event.slug)
        registrations.mark_absent(session, event, counterpart_id)
        replan_event(session, live_event.slug)
    expect(page.locator("#counterpart-name")).not_to_have_text(everyone[counterpart_id].organisation)
    expect_meeting(page, served_app, live_event, person, everyone, first_round(served_app, live_event, person.id))


def first_round(app, event, participant_id: int) -> int:
    return min(meetings_of(app, event, participant_id))


def test_console_counts_follow_a_replan(served_app, live_event, new_page):
    from partact_app.services import events, registrations
    from partact_app.services.scheduling import replan_event

    console = new_page(locale="en-GB")
    console.goto(served_app.url("/organiser"))
    console.locator("#organiser-key").fill(live_event.key)
    console.locator("#login").click()
    with session_scope(served_app.db_url) as session:
        count = len(session.exec(select(Meeting).where(Meeting.event_id == live_event.event_id)).all())
    expect(console.locator("#meeting-count")).to_have_text(t("organiser.meetings", "en", count=count))
    busiest = max(people(served_app, live_event).values(),
                  key=lambda p: len(meetings_of(served_app, live_event, p.id)))
    with session_scope(served_app.db_url) as session:
        registrations.mark_absent(session, events.get_event(session, live_event.slug), busiest.id)
        replan_event(session, live_event.slug)
        after = len(session.exec(select(Meeting).where(Meeting.event_id == live_event.event_id)).all())
    assert after < count
    expect(console.locator("#meeting-count")).to_have_text(t("organiser.meetings", "en", count=after))


@pytest.mark.parametrize("locale", ["fr-LU", "de-DE"])
def test_participant_page_fits_a_360px_phone_during_a_round(served_app, live_event, new_page, locale):
    phones, _ = two_phones(served_app, live_event, new_page)
    api(served_app, live_event, "next-round")
    for _, page in phones:
        page.locator("#language-switch").get_by_role("radio", name=locale[:2].upper()).click()
        expect(page.locator("#round-number")).to_have_text(
            t("live.round_of", locale[:2], round=1, total=10)
        )
        expect(page.locator("#table-number")).to_be_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the participant page scrolls sideways by {overflow}px on a 360px phone"
