"""Matches, follow-ups and notes on two phones in Chromium (two browser contexts): a proposal shows live on the
other phone, which confirms, amends or declines; the big screen counts it; the registrar's validation shows on both;
contacts reach a phone only once the follow-up is mutual (checked in the websocket frames, not only the page);
notes stay with their author; typed markup shows as text and never runs."""

from __future__ import annotations

import json
import shutil

import pytest
import redis
from playwright.sync_api import expect
from sqlmodel import select

from harness.served import REPO, copy_sources
from partact_app.broadcast import bus
from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Match, Meeting, Participant
from partact_app.services import events, matches
from tests.browser.test_live import Network, api
from tests.conftest import DemoApp

pytestmark = pytest.mark.browser

def q(text: str) -> str:
    """A CSS string (for an attribute selector)."""
    return json.dumps(text, ensure_ascii=False)


REDIS_URL = "redis://127.0.0.1:6379/14"
DEPLOYMENT = "matches-ui-test"
PAYLOADS = ('<script>window.__x=1</script>', '<img src=x onerror="window.__x=1">')


class Phone:
    """One participant's phone: its page and every websocket frame it received."""

    def __init__(self, app, new_page, person: Participant) -> None:
        self.person = person
        self.frames: list[str] = []
        self.page = new_page(locale="en-GB", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        self.page.on("websocket", lambda ws: ws.on("framereceived", self._frame))
        self.page.goto(app.url(f"/p/{person.token}"))
        expect(self.page.locator("#participant-organisation")).to_have_text(person.organisation)

    def _frame(self, payload) -> None:
        self.frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))

    def received(self) -> str:
        return "\n".join(self.frames)

    def row(self, name: str):
        return self.page.locator(f"[data-counterpart={q(name)}]")

    def match_card(self, name: str, status: str):
        return self.page.locator(f"#matches [data-match={q(name)}][data-status={q(status)}]")


def pair(app, event) -> tuple[Participant, Participant]:
    """A company and the association it meets in round 1."""
    with session_scope(app.db_url) as session:
        meeting = session.exec(select(Meeting).where(Meeting.event_id == event.event_id, Meeting.round == 1)).first()
        company = session.get(Participant, meeting.company_id)
        association = session.get(Participant, meeting.association_id)
        session.expunge_all()
    return company, association


@pytest.fixture
def phones(served_app, live_event, new_page):
    company, association = pair(served_app, live_event)
    return Phone(served_app, new_page, company), Phone(served_app, new_page, association)


def propose(phone: Phone, name: str, category: str = "it", text: str = "A new website") -> None:
    phone.row(name).locator("[data-action=match-propose]").click()
    form = phone.page.locator("#match-form")
    expect(form).to_be_visible()
    form.locator(f"input[name='i_give.{category}']").check()
    phone.page.locator("#match-i_give-text").fill(text)
    phone.page.locator("#match-submit").click()
    expect(form).to_have_count(0)


def matches_of_pair(app, a: Participant, b: Participant) -> list[Match]:
    with session_scope(app.db_url) as session:
        rows = session.exec(select(Match).where(Match.company_id.in_([a.id, b.id]),
                                                Match.association_id.in_([a.id, b.id]))).all()
        session.expunge_all()
    return list(rows)


def test_a_proposal_shows_live_is_confirmed_counted_and_validated(served_app, live_event, new_page, phones):
    a, b = phones
    screen = new_page(locale="en-GB")
    screen.goto(served_app.url(f"/screen/{live_event.slug}"))
    expect(screen.locator("#partnership-count")).to_have_text("0")

    propose(a, b.person.organisation)
    expect(a.match_card(b.person.organisation, "proposed")).to_be_visible()
    proposal = b.page.locator("#match-proposal")
    expect(proposal).to_contain_text(a.person.organisation)  # live, without a reload
    expect(proposal).to_contain_text("A new website")
    expect(b.match_card(a.person.organisation, "proposed")).to_be_visible()

    b.page.locator("#match-confirm").click()
    expect(b.page.locator("#match-proposal")).to_have_count(0)
    for phone, other in ((a, b), (b, a)):
        expect(phone.match_card(other.person.organisation, "recorded")).to_contain_text(t("match.status_recorded", "en"))
    expect(screen.locator("#partnership-count")).to_have_text("1")
    (match,) = matches_of_pair(served_app, a.person, b.person)
    assert match.status == "recorded" and match.company_confirmed_at and match.association_confirmed_at

    b.match_card(a.person.organisation, "recorded").locator("[data-action=match-deliver]").click()
    for phone, other in ((a, b), (b, a)):
        expect(phone.match_card(other.person.organisation, "delivered")).to_contain_text(
            t("match.status_delivered", "en"))
    expect(screen.locator("#partnership-count")).to_have_text("1")


@pytest.fixture(scope="module")
def redis_app(tmp_path_factory):
    """The app on Redis (a copy of the repo: a build bakes its port into .web): a registrar's change made in
    another process (here, the test's) reaches the phones concerned through the Redis channel, as it does from
    the console of another instance."""
    workdir = tmp_path_factory.mktemp("matches-redis")
    copy = copy_sources(REPO, workdir / "app")
    redis.Redis.from_url(REDIS_URL).flushdb()
    app = DemoApp(copy, db_url=f"sqlite:///{workdir / 'partact.db'}", log=workdir / "reflex.log",
                  env={"REFLEX_REDIS_URL": REDIS_URL, "PARTACT_DEPLOYMENT": DEPLOYMENT, "GRANIAN_WORKERS": "1",
                       "PARTACT_LANG": "en"})
    app.create_demo()
    try:
        app.start()
        yield app
    finally:
        app.stop()
        redis.Redis.from_url(REDIS_URL).flushdb()
        shutil.rmtree(copy, ignore_errors=True)


def test_the_match_form_is_a_modal_dialog_that_escape_a_tap_outside_and_cancel_close(served_app, phones):
    """The form is the browser's own modal dialog (components/modal.py): named by its title, the page behind it
    out of reach; Escape, a tap on the backdrop or "Cancel" close it, and the keyboard focus returns to the button
    that opened it. Nothing is recorded."""
    a, b = phones
    opener = a.row(b.person.organisation).locator("[data-action=match-propose]")
    dialog = a.page.get_by_role("dialog", name=t("match.form_title", "en", name=b.person.organisation))
    for close in ("Escape", "backdrop", "cancel"):
        opener.click()
        expect(dialog).to_be_visible()
        expect(a.page.locator("#match-form input").first).to_be_focused()
        assert a.page.evaluate("document.elementFromPoint(4, 4).tagName") == "DIALOG"  # the page is out of reach
        if close == "Escape":
            a.page.keyboard.press("Escape")
        elif close == "backdrop":
            a.page.mouse.click(4, 4)  # outside the dialog's box
        else:
            a.page.locator("#match-cancel").click()
        expect(dialog).to_have_count(0)
        expect(a.page.locator("#match-submit")).to_have_count(0)
        if close == "Escape":
            expect(opener).to_be_focused()
    with session_scope(served_app.db_url) as session:
        assert session.exec(select(Match).where(Match.event_id == a.person.event_id)).first() is None


def test_the_registrar_validation_shows_on_both_phones(redis_app, new_page, monkeypatch):
    # This process publishes as the registrar's instance would: same Redis, same deployment (its channel).
    monkeypatch.setenv("REFLEX_REDIS_URL", REDIS_URL)
    monkeypatch.setenv("PARTACT_DEPLOYMENT", DEPLOYMENT)
    monkeypatch.setattr(bus, "_redis", None)
    with session_scope(redis_app.db_url) as session:
        event = events.get_event(session, "demo")
        meeting = session.exec(select(Meeting).where(Meeting.event_id == event.id, Meeting.round == 2)).first()
        company, association = session.get(Participant, meeting.company_id), session.get(Participant,
                                                                                            meeting.association_id)
        session.expunge_all()
    a, b = Phone(redis_app, new_page, company), Phone(redis_app, new_page, association)
    propose(a, b.person.organisation)
    b.page.locator("#match-confirm").click()
    for phone, other in ((a, b), (b, a)):
        expect(phone.match_card(other.person.organisation, "recorded")).to_be_visible()
    (match,) = matches_of_pair(redis_app, a.person, b.person)

    with session_scope(redis_app.db_url) as session:
        matches.validate(session, events.get_event(session, "demo"), match.id)
    for phone, other in ((a, b), (b, a)):
        expect(phone.match_card(other.person.organisation, "validated")).to_contain_text(
            t("match.status_validated", "en"))

    with session_scope(redis_app.db_url) as session:
        matches.send_back(session, events.get_event(session, "demo"), match.id, "<b>Which</b> website?")
    for phone, other in ((a, b), (b, a)):
        expect(phone.match_card(other.person.organisation, "returned")).to_contain_text("<b>Which</b> website?")


def test_amend_then_the_proposer_confirms(served_app, phones):
    a, b = phones
    propose(a, b.person.organisation)
    expect(b.page.locator("#match-proposal")).to_be_visible()
    b.page.locator("#match-amend").click()
    form = b.page.locator("#match-form")
    expect(form.locator("input[name='they_give.it']")).to_be_checked()  # the present terms, from B's side
    expect(b.page.locator("#match-they_give-text")).to_have_value("A new website")
    form.locator("input[name='i_give.volunteering']").check()
    b.page.locator("#match-i_give-text").fill("Two volunteers for a day")
    b.page.locator("#match-submit").click()
    expect(form).to_have_count(0)

    proposal = a.page.locator("#match-proposal")
    expect(proposal).to_contain_text(b.person.organisation)
    expect(proposal).to_contain_text("Two volunteers for a day")
    a.page.locator("#match-confirm").click()
    for phone, other in ((a, b), (b, a)):
        expect(phone.match_card(other.person.organisation, "recorded")).to_be_visible()
    (match,) = matches_of_pair(served_app, a.person, b.person)
    assert match.status == "recorded" and "volunteering" in match.association_gives


def test_decline_and_a_double_tap_makes_one_match(served_app, phones, new_page):
    a, b = phones
    a2 = Phone(served_app, new_page, a.person)  # a second phone of the same organisation
    for phone in (a, a2):
        phone.row(b.person.organisation).locator("[data-action=match-propose]").click()
        phone.page.locator("input[name='i_give.it']").check()
        phone.page.locator("#match-i_give-text").fill("A new website")
    a.page.locator("#match-submit").dblclick()
    a2.page.locator("#match-submit").click()
    expect(b.page.locator("#match-proposal")).to_be_visible()
    assert len(matches_of_pair(served_app, a.person, b.person)) == 1

    b.page.locator("#match-decline").click()
    for phone, other in ((a, b), (b, a), (a2, b)):
        expect(phone.match_card(other.person.organisation, "declined")).to_be_visible()
    (match,) = matches_of_pair(served_app, a.person, b.person)
    assert match.status == "declined"


def test_a_proposal_made_while_the_other_phone_is_offline_is_there_when_it_reconnects(served_app, live_event,
                                                                                         new_page):
    company, association = pair(served_app, live_event)
    a = Phone(served_app, new_page, company)
    b = Phone.__new__(Phone)
    b.person, b.frames = association, []
    b.page = new_page(locale="en-GB", viewport={"width": 390, "height": 844})
    network = Network(b.page)
    b.page.goto(served_app.url(f"/p/{association.token}"))
    expect(b.page.locator("#participant-organisation")).to_have_text(association.organisation)
    network.cut()
    expect(b.page.locator("#offline-banner")).to_be_visible()
    propose(a, association.organisation)
    network.restore()
    expect(b.page.locator("#offline-banner")).to_have_count(0)
    expect(b.page.locator("#match-proposal")).to_contain_text(company.organisation)
    b.page.locator("#match-confirm").click()
    expect(a.match_card(association.organisation, "recorded")).to_be_visible()


def test_the_other_side_proposing_first_gets_a_clear_message(served_app, phones):
    a, b = phones
    b.row(a.person.organisation).locator("[data-action=match-propose]").click()  # B's form is open...
    propose(a, b.person.organisation)  # ...when A's proposal lands
    b.page.locator("input[name='i_give.volunteering']").check()
    b.page.locator("#match-submit").click()
    expect(b.page.locator("#match-error")).to_have_text(t("error.match_open", "en"))
    expect(b.page.locator("#match-proposal")).to_contain_text(a.person.organisation)
    assert len(matches_of_pair(served_app, a.person, b.person)) == 1


def test_contacts_only_after_mutual_follow_up_and_gone_after_withdrawal(served_app, phones):
    a, b = phones
    secrets_of = {a: (a.person.email, a.person.phone), b: (b.person.email, b.person.phone)}
    assert all(secrets_of[a]) and all(secrets_of[b])

    a.row(b.person.organisation).locator("[data-action=followup-request]").click()
    expect(a.row(b.person.organisation).locator("[data-action=followup-withdraw]")).to_be_visible()
    expect(a.page.locator("#followups [data-followup]")).to_contain_text(t("followup.waiting", "en"))
    b.page.wait_for_timeout(1500)  # anything the server would send B has arrived by now
    for phone in (a, b):
        expect(phone.page.locator("a[href^='mailto:']")).to_have_count(0)
    expect(b.row(a.person.organisation).locator("[data-action=followup-request]")).to_be_visible()
    for phone, other in ((a, b), (b, a)):
        for secret in secrets_of[other]:
            assert secret not in phone.received()

    b.row(a.person.organisation).locator("[data-action=followup-request]").click()
    for phone, other in ((a, b), (b, a)):
        row = phone.row(other.person.organisation)
        expect(row.locator(f"a[href='mailto:{other.person.email}']")).to_be_visible()
        expect(row.locator("[data-mutual]")).to_have_text(t("followup.mutual", "en"))
        expect(row).to_contain_text(other.person.phone)
        expect(row).to_contain_text(other.person.contact_name)

    width = a.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert width <= 0, "the contacts make the page scroll sideways"

    a.row(b.person.organisation).locator("[data-action=followup-withdraw]").click()
    for phone in (a, b):
        expect(phone.page.locator("a[href^='mailto:']")).to_have_count(0)
        expect(phone.page.locator("[data-mutual]")).to_have_count(0)


def test_notes_are_saved_as_typed_and_never_reach_the_other_side(served_app, phones):
    a, b = phones
    row = a.row(b.person.organisation)
    row.locator("summary").click()
    note = row.locator("textarea")
    note.fill("Call back about the logo, secret-4711")
    expect(row.get_by_text(t("meet.note_saved", "en"))).to_be_visible()
    b.page.wait_for_timeout(1000)
    assert "secret-4711" not in b.received()

    a.page.reload()
    row = a.row(b.person.organisation)
    row.locator("summary").click()
    expect(row.locator("textarea")).to_have_value("Call back about the logo, secret-4711")
    assert "secret-4711" not in b.received()

    b.page.reload()  # B's own page, read again: still nothing of A's note
    expect(b.row(a.person.organisation)).to_be_visible()
    assert "secret-4711" not in b.received()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_markup_shows_as_text_and_never_runs(served_app, phones, payload):
    a, b = phones
    row = a.row(b.person.organisation)
    row.locator("summary").click()
    row.locator("textarea").fill(payload)
    expect(row.get_by_text(t("meet.note_saved", "en"))).to_be_visible()

    a.row(b.person.organisation).locator("[data-action=match-propose]").click()
    a.page.locator("input[name='i_give.it']").check()
    a.page.locator("#match-i_give-text").fill(payload)
    a.page.locator("#match-they_give-text").fill(payload)
    a.page.locator("#match-submit").click()
    expect(b.page.locator("#match-proposal")).to_contain_text(payload)
    a.page.reload()
    row = a.row(b.person.organisation)
    row.locator("summary").click()
    expect(row.locator("textarea")).to_have_value(payload)
    expect(a.match_card(b.person.organisation, "proposed")).to_contain_text(payload)
    for phone in (a, b):
        assert phone.page.evaluate("window.__x") is None
        assert phone.page.locator("#matches img[src=x], #match-proposal img[src=x]").count() == 0


def test_after_the_event_the_page_shows_follow_ups_and_matches_first(served_app, live_event, phones):
    a, b = phones
    a.row(b.person.organisation).locator("[data-action=followup-request]").click()
    expect(a.page.locator("#followups [data-followup]")).to_have_count(1)
    api(served_app, live_event, "next-round")
    api(served_app, live_event, "end")
    expect(a.page.locator("#status-finished")).to_be_visible()

    def top(selector: str) -> float:
        return a.page.locator(selector).bounding_box()["y"]

    assert top("#followups") < top("#matches") < top("#agenda")
    assert top("#participant-organisation") < top("#followups")


def test_met_outside_the_schedule(served_app, phones):
    a, _ = phones
    with session_scope(served_app.db_url) as session:
        met = {m.association_id for m in session.exec(select(Meeting).where(Meeting.company_id == a.person.id))}
        other = session.exec(select(Participant).where(Participant.event_id == a.person.event_id,
                                                       Participant.kind == "association",
                                                       Participant.id.not_in(met))).first()
        session.expunge_all()
    a.page.locator("#outside-open").click()
    a.page.locator("#outside-organisation").select_option(str(other.id))
    a.page.locator("#outside-followup").click()
    expect(a.page.locator(f"#followups [data-followup={q(other.organisation)}]")).to_be_visible()
    a.page.locator("#outside-match").click()
    expect(a.page.locator("#match-form")).to_be_visible()
    a.page.locator("input[name='i_give.legal']").check()
    a.page.locator("#match-submit").click()
    expect(a.match_card(other.organisation, "proposed")).to_be_visible()
