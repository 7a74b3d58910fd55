"""The registrar's page and the organiser's summary in real Chromium, on the production build: matches made by two
participants (through the services, as their phones would) appear live on the registrar's page and on the big
screen's counter; the registrar validates, sends back with a comment and fixes a typo; the downloads say what the
table says; the summary shows the service's figures and a chart; neither page opens without a console session,
and a tab token alone calls none of the registrar's handlers."""

from __future__ import annotations

import csv
import io
import re

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Match, MatchStatus, Participant
from partact_app.services import events, followups, matches
from partact_app.services.summary import summary

pytestmark = pytest.mark.browser

STATE = "reflex___state____state.partact_app___states___console_matches____console_matches_state"
SUMMARY = "reflex___state____state.partact_app___states___console_summary____console_summary_state"
TERMS = {"company_gives": ["it"], "company_gives_text": "Un site web pour la chorrale",
         "association_gives": ["communication"], "association_gives_text": "Un concert", "hours": "12"}


def people(app, event) -> tuple[list[Participant], list[Participant]]:
    with session_scope(app.db_url) as session:
        everyone = session.exec(select(Participant).where(Participant.event_id == event.event_id)
                                .order_by(Participant.id)).all()
    return [p for p in everyone if p.kind == "company"], [p for p in everyone if p.kind == "association"]


def act(app, fn, participant_id: int, *args):
    with session_scope(app.db_url) as session:
        return fn(session, session.get(Participant, participant_id), *args)


def record(app, company: Participant, association: Participant, terms: dict = TERMS) -> Match:
    """A proposal by the company, confirmed by the association: a recorded match."""
    proposal = act(app, matches.propose, company.id, association.id, matches.terms_from(terms))
    return act(app, matches.confirm, association.id, proposal.id, proposal.version)


def stored(app, match_id: int) -> Match:
    with session_scope(app.db_url) as session:
        return session.get(Match, match_id)


def log_in(app, event, new_page, path: str, locale: str = "en-GB", **options):
    page = new_page(locale=locale, viewport={"width": 1280, "height": 900}, **options)
    page.goto(app.url("/organiser"))
    page.locator("#organiser-key").fill(event.key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_be_visible()
    page.goto(app.url(path))  # the same tab, no second login
    return page


def row(page, match_id: int):
    return page.locator(f'tr[data-match-id="{match_id}"]')


def count(page, status: str):
    return page.locator(f"#count-{status}")


def show(page, status: str) -> None:
    page.locator(f'.registrar-count[data-status="{status}"]').click()


def show_all(page) -> None:
    page.locator("#status-filter").click()
    page.get_by_role("option", name=t("registrar.filter_all", "en"), exact=True).click()


def table_rows(page) -> list[tuple[str, str, str, str, str]]:
    return page.locator("tr[data-match-id]").evaluate_all(
        """rows => rows.map(r => [r.querySelector('.match-company').innerText.trim(),
                                  r.querySelector('.match-association').innerText.trim(),
                                  r.querySelector('.match-description').innerText.trim(),
                                  r.getAttribute('data-status'),
                                  r.querySelector('[data-created-at]').getAttribute('data-created-at')])"""
    )


def test_the_registrar_sees_matches_live_and_validates_sends_back_and_fixes(served_app, live_event, new_page):
    cs, as_ = people(served_app, live_event)
    (c1, c2, c3, *_), (a1, a2, a3, *_) = cs, as_
    page = log_in(served_app, live_event, new_page, "/organiser/matches")
    expect(page.locator("#matches-none")).to_be_visible()
    expect(count(page, "recorded")).to_have_text("0")
    screen = new_page(locale="en-GB")
    screen.goto(served_app.url(f"/screen/{live_event.slug}"))
    expect(screen.locator("#partnership-count")).to_have_text("0")

    page.on("dialog", lambda dialog: pytest.fail(f"a dialog opened: {dialog.message}"))
    # a proposal is counted as proposed, not shown among the matches to validate, not on the big screen
    proposal = act(served_app, matches.propose, c1.id, a1.id, matches.terms_from(TERMS))
    expect(count(page, "proposed")).to_have_text("1")
    expect(page.locator("#matches-none")).to_be_visible()
    # the association confirms: the match appears, live, without a reload
    one = act(served_app, matches.confirm, a1.id, proposal.id, proposal.version)
    expect(row(page, one.id)).to_be_visible()
    expect(row(page, one.id).locator(".match-company")).to_have_text(c1.organisation)
    expect(row(page, one.id).locator(".match-association")).to_have_text(a1.organisation)
    expect(row(page, one.id)).to_have_attribute("data-status", "recorded")
    expect(count(page, "proposed")).to_have_text("0")
    expect(count(page, "recorded")).to_have_text("1")
    expect(screen.locator("#partnership-count")).to_have_text("1")
    expect(screen.locator("#partnership-count")).to_have_class(re.compile(r"\bpartact-bump\b"))
    two = record(served_app, c2, a2)
    three = record(served_app, c3, a3)
    four = record(served_app, cs[3], as_[3], {**TERMS, "company_gives_text": "<script>window.pwned=1</script>",
                                               "association_gives_text": "<img src=x onerror=window.pwned=2>"})
    expect(count(page, "recorded")).to_have_text("4")
    expect(row(page, four.id).locator(".match-description")).to_contain_text("<img src=x onerror=window.pwned=2>")
    assert page.evaluate("() => window.pwned") is None
    expect(screen.locator("#partnership-count")).to_have_text("4")

    # validate: the match leaves the list of those to validate, the counts change, the screen still counts it
    row(page, one.id).locator('[data-action="registrar-validate"]').click()
    expect(page.locator("#registrar-notice")).to_have_text(t("registrar.notice_validated", "en"))
    expect(row(page, one.id)).to_have_count(0)
    expect(count(page, "validated")).to_have_text("1")
    expect(count(page, "recorded")).to_have_text("3")
    assert stored(served_app, one.id).status == MatchStatus.VALIDATED and stored(served_app, one.id).validated_at
    expect(screen.locator("#partnership-count")).to_have_text("4")

    # send back with a comment: the comment is kept as text, the sides see it
    comment = "Le volume d'heures manque <img src=x onerror=alert(1)>"
    row(page, two.id).locator('[data-action="registrar-send-back"]').click()
    page.locator("#send-back-comment").fill(comment)
    page.locator("#send-back-submit").click()
    expect(page.locator("#send-back-dialog")).to_have_count(0)
    expect(page.locator("#registrar-notice")).to_have_text(t("registrar.notice_returned", "en"))
    expect(count(page, "returned")).to_have_text("1")
    back = stored(served_app, two.id)
    assert back.status == MatchStatus.RETURNED and back.registrar_comment == comment
    show(page, "returned")
    expect(row(page, two.id).locator(".match-comment")).to_contain_text(comment)
    view = act(served_app, matches.matches_of, a2.id)[0]  # what the association's phone is given
    assert view.status == "returned" and view.registrar_comment == comment
    assert page.evaluate("() => window.pwned") is None

    # fix a typo: the text changes, the status and the confirmations stay
    show_all(page)
    expect(page.locator("tr[data-match-id]")).to_have_count(4)
    before = stored(served_app, three.id)
    row(page, three.id).locator('[data-action="registrar-fix"]').click()
    text_field = page.locator("#fix-company-gives-text")
    expect(text_field).to_have_value(TERMS["company_gives_text"])
    expect(page.locator("#fix-cg-it")).to_be_checked()
    text_field.fill("Un site web pour la chorale")
    page.locator("#fix-submit").click()
    expect(page.locator("#registrar-notice")).to_have_text(t("registrar.notice_fixed", "en"))
    expect(row(page, three.id).locator(".match-description")).to_contain_text("Un site web pour la chorale")
    after = stored(served_app, three.id)
    assert after.company_gives_text == "Un site web pour la chorale" and after.status == MatchStatus.RECORDED
    assert (after.company_confirmed_at, after.association_confirmed_at) == (
        before.company_confirmed_at, before.association_confirmed_at)
    assert after.company_gives == "it" and after.association_gives == "communication"

    # bad input: a message next to the field, nothing changed
    row(page, three.id).locator('[data-action="registrar-fix"]').click()
    page.locator("#fix-hours").fill("-4")
    page.locator("#fix-submit").click()
    expect(page.locator("#fix-error-hours")).to_be_visible()
    assert stored(served_app, three.id).hours == 12
    page.keyboard.press("Escape")

    # a match changed by its sides since the page showed it is not validated blind
    show(page, "recorded")
    # the filtered list has come back (two recorded of four): the page read the match before the change below
    expect(page.locator("tr[data-match-id]")).to_have_count(2)
    expect(row(page, three.id)).to_be_visible()
    with session_scope(served_app.db_url) as session:
        match = session.get(Match, three.id)
        match.version += 1  # as a change by a side would, without telling the room
        session.add(match)
    row(page, three.id).locator('[data-action="registrar-validate"]').click()
    expect(page.locator("#registrar-error")).to_have_text(t("error.match_changed", "en"))
    assert stored(served_app, three.id).status == MatchStatus.RECORDED

    # the sides amend a match while the registrar's correction form is open: the correction is refused, not
    # written over their new terms
    show_all(page)
    row(page, two.id).locator('[data-action="registrar-fix"]').click()
    page.locator("#fix-company-gives-text").fill("The registrar's words")
    latest = stored(served_app, two.id)
    act(served_app, matches.amend, a2.id, two.id, latest.version, matches.terms_from({**TERMS, "hours": "20"}))
    expect(row(page, two.id)).to_have_attribute("data-status", "proposed")  # live
    page.locator("#fix-submit").click()
    expect(page.locator("#fix-error")).to_have_text(t("error.match_changed", "en"))
    amended = stored(served_app, two.id)
    assert amended.hours == 20 and amended.company_gives_text == TERMS["company_gives_text"]


def test_the_downloads_say_what_the_table_says(served_app, live_event, new_page):
    (c1, c2, *_), (a1, a2, *_) = people(served_app, live_event)
    record(served_app, c1, a1)
    record(served_app, c2, a2, {**TERMS, "euros": "1500", "delivery_date": "2027-06-30"})
    act(served_app, matches.propose, c1.id, a2.id, matches.terms_from(TERMS))
    act(served_app, followups.request, c1.id, a1.id)
    act(served_app, followups.request, a1.id, c1.id)
    act(served_app, followups.request, a2.id, c1.id)
    page = log_in(served_app, live_event, new_page, "/organiser/matches")
    show_all(page)
    expect(page.locator("tr[data-match-id]")).to_have_count(3)
    shown = sorted(table_rows(page), key=lambda r: r[4])

    with page.expect_download() as caught:
        page.locator("#download-matches").click()
    assert caught.value.suggested_filename == f"{live_event.slug}-matches.csv"
    data = open(caught.value.path(), "rb").read()
    assert data == served_app.cli("export", live_event.slug, "matches").encode()
    exported = list(csv.reader(io.StringIO(data.decode())))
    assert exported[0] == ["company", "association", "description", "status", "created_at"]
    assert [tuple(r) for r in exported[1:]] == [tuple(r) for r in shown]

    with page.expect_download() as caught:
        page.locator("#download-followups").click()
    data = open(caught.value.path(), "rb").read()
    assert data == served_app.cli("export", live_event.slug, "followups").encode()
    exported = list(csv.reader(io.StringIO(data.decode())))
    assert exported[0] == ["from", "to", "created_at"]
    assert [r[:2] for r in exported[1:]] == [[c1.organisation, a1.organisation], [a1.organisation, c1.organisation],
                                             [a2.organisation, c1.organisation]]

    from openpyxl import load_workbook

    with page.expect_download() as caught:
        page.locator("#download-workbook").click()
    workbook = load_workbook(io.BytesIO(open(caught.value.path(), "rb").read()))
    sheet = [tuple(cell.value for cell in line) for line in workbook["matches"].iter_rows()]
    assert sheet[0] == ("company", "association", "description", "status", "created_at")
    assert sorted(sheet[1:], key=lambda r: r[4]) == [tuple(r) for r in shown]
    assert len(list(workbook["followups"].iter_rows())) == 4


def test_the_summary_shows_the_figures_and_a_chart(served_app, live_event, new_page):
    (c1, c2, c3, *_), (a1, a2, a3, *_) = people(served_app, live_event)
    record(served_app, c1, a1)
    two = record(served_app, c2, a2)
    act(served_app, matches.mark_delivered, c2.id, two.id, two.version)
    act(served_app, matches.propose, c3.id, a3.id, matches.terms_from(TERMS))
    act(served_app, followups.request, c1.id, a1.id)
    act(served_app, followups.request, a1.id, c1.id)
    with session_scope(served_app.db_url) as session:
        expected = summary(session, events.get_event(session, live_event.slug))
    assert (expected.recorded, expected.delivered, expected.proposed, expected.mutual_followups) == (2, 1, 1, 1)

    page = log_in(served_app, live_event, new_page, "/organiser/summary")
    for element_id, value in (("summary-recorded", expected.recorded), ("summary-delivered", expected.delivered),
                              ("summary-proposed", expected.proposed), ("summary-validated", expected.validated),
                              ("summary-followups", expected.followup_requests),
                              ("summary-mutual", expected.mutual_followups), ("summary-no-shows", expected.no_shows),
                              ("summary-meetings-held", expected.meetings_held)):
        expect(page.locator(f"#{element_id}")).to_have_text(str(value))
    expect(page.locator("#summary-chart .recharts-wrapper > svg.recharts-surface")).to_be_visible()
    bars = page.locator("#summary-chart .recharts-bar-rectangle")
    assert bars.count() > 0
    lines = {line.key: line for line in expected.categories}
    for key, line in lines.items():
        cells = page.locator(f'#summary-categories tr[data-category="{key}"] td')
        expect(cells).to_have_text([str(line.offered), str(line.given), str(line.needed), str(line.unmet)])
    expect(page.locator('#summary-categories tr[data-category="it"] th')).to_have_text(t("category.it", "en"))
    missed = page.locator("#summary-missed tr.missed-pair")
    expect(missed).to_have_count(len(expected.missed))
    expect(missed.first).to_contain_text(expected.missed[0].company)
    # printable: on paper the controls and the navigation are gone, the figures and the chart stay
    page.emulate_media(media="print")
    expect(page.locator("#print-button")).to_be_hidden()
    expect(page.locator("#nav-summary")).to_be_hidden()
    expect(page.locator("#summary-chart .recharts-wrapper > svg.recharts-surface")).to_be_visible()
    page.emulate_media(media="screen")
    # a new partnership shows on refresh
    record(served_app, c3, a1)
    page.locator("#summary-refresh").click()
    expect(page.locator("#summary-recorded")).to_have_text(str(expected.recorded + 1))


def test_the_chart_library_loads_on_the_summary_page_only(served_app, live_event, new_page):
    """Recharts is imported by the summary's route alone: the phone's page and the big screen never load it."""

    def scripts(path: str, page, ready: str) -> str:
        """The text of every JavaScript file the page loaded (modules and their preloads) once ``ready`` shows."""
        urls: list[str] = []
        page.on("request", lambda request: urls.append(request.url) if ".js" in request.url else None)
        page.goto(served_app.url(path))
        expect(page.locator(ready).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        return "\n".join(httpx.get(url, timeout=30).text for url in sorted(set(urls)))

    with session_scope(served_app.db_url) as session:
        token = session.exec(select(Participant.token).where(Participant.event_id == live_event.event_id)).first()
    phone = new_page(locale="en-GB")
    assert "recharts-surface" not in scripts(f"/p/{token}", phone, "#participant-organisation")
    screen = new_page(locale="en-GB")
    assert "recharts-surface" not in scripts(f"/screen/{live_event.slug}", screen, "#partnership-count")
    page = log_in(served_app, live_event, new_page, "/organiser")
    assert "recharts-surface" in scripts("/organiser/summary", page, "#summary-chart .recharts-wrapper")


@pytest.mark.parametrize("path", ["/organiser/matches", "/organiser/summary"])
def test_no_console_session_no_page(served_app, live_event, new_page, path):
    (c1, *_), (a1, *_) = people(served_app, live_event)
    record(served_app, c1, a1)
    page = new_page(locale="en-GB")
    page.goto(served_app.url(path))
    expect(page.locator("#organiser-key")).to_be_visible()
    expect(page.locator("#matches-table")).to_have_count(0)
    expect(page.locator("#summary")).to_have_count(0)
    assert c1.organisation not in page.content()


def test_a_tab_token_alone_calls_no_registrar_handler(served_app, live_event, new_page):
    """A tab token learnt from a log, without the console's cookie: every registrar handler is refused, nothing
    changes and no organisation's name comes back."""
    import asyncio
    import json

    from harness.phone import Phone, wait_until
    from tests.security.conftest import new_address, run

    (c1, c2, *_), (a1, a2, *_) = people(served_app, live_event)
    one = record(served_app, c1, a1)
    two = record(served_app, c2, a2)
    page = log_in(served_app, live_event, new_page, "/organiser/matches")
    expect(row(page, one.id)).to_be_visible()
    tab_token = page.evaluate("window.sessionStorage.getItem('token')")
    page.context.close()

    async def steal():
        thief = Phone(served_app.base_url, "/organiser/matches", token=tab_token, keep=True,
                      headers={"X-Forwarded-For": new_address()})
        await thief.connect()
        assert await wait_until(lambda: thief.connected_at is not None, 10), thief.error
        for name, payload in ((f"{STATE}.reload", {}), (f"{STATE}.choose", {"status": "all"}),
                              (f"{STATE}.validate", {"match_id": one.id, "version": one.version}),
                              (f"{STATE}.open_send_back", {"match_id": two.id}),
                              (f"{STATE}.send_back", {"form_data": {"comment": "stolen"}}),
                              (f"{STATE}.open_fix", {"match_id": two.id}),
                              (f"{STATE}.fix", {"form_data": {"company_gives_text": "stolen", "cg_it": "on"}}),
                              (f"{SUMMARY}.load", {}), (f"{SUMMARY}.refresh", {})):
            thief.send_event(name, payload)
            await asyncio.sleep(0.5)
        await asyncio.sleep(1)
        thief.close()
        return json.dumps([packet.data for _, packet in thief.received], ensure_ascii=False)

    seen = run(steal())
    assert STATE in seen and SUMMARY in seen  # the handlers ran and answered...
    for secret in (c1.organisation, a1.organisation, c2.organisation, TERMS["company_gives_text"], live_event.slug):
        assert secret not in seen  # ... with nothing of the event
    assert stored(served_app, one.id).status == MatchStatus.RECORDED
    assert stored(served_app, two.id).status == MatchStatus.RECORDED
    assert stored(served_app, two.id).company_gives_text == TERMS["company_gives_text"]
