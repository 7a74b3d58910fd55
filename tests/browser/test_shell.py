"""The app shell in a real browser: the participant link, the unknown badge, the home page in three languages."""

from __future__ import annotations

import secrets

import pytest
from playwright.sync_api import expect
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.i18n import t
from partact_app.models import Event, Participant
from partact_app.states.language import CHOICE_KEY

pytestmark = pytest.mark.browser


def _demo_participants(db_url: str) -> list[Participant]:
    with session_scope(db_url) as session:
        event = session.exec(select(Event).where(Event.slug == "demo")).one()
        return list(session.exec(select(Participant).where(Participant.event_id == event.id)).all())


def test_participant_link_shows_their_organisation(served_app, new_page):
    people = _demo_participants(served_app.db_url)
    company = next(p for p in people if p.kind == "company")
    association = next(p for p in people if p.kind == "association")
    for person in (company, association):
        page = new_page()
        page.goto(served_app.url(f"/p/{person.token}"))
        expect(page.locator("#participant-organisation")).to_have_text(person.organisation)
        expect(page.get_by_text(t("participant.not_recognised_title", "fr"))).to_have_count(0)


def test_unknown_token_shows_not_recognised_and_reveals_nothing(served_app, new_page):
    page = new_page()
    page.goto(served_app.url(f"/p/{secrets.token_urlsafe(24)}"))
    expect(page.locator("#not-recognised")).to_have_text(t("participant.not_recognised_title", "fr"))
    body = page.locator("body").inner_text()
    for person in _demo_participants(served_app.db_url)[:10]:
        assert person.organisation not in body


@pytest.mark.parametrize(("locale", "lang"), [("fr-LU", "fr"), ("en-GB", "en"), ("de-DE", "de")])
def test_home_page_follows_the_browser_language(served_app, new_page, locale, lang):
    page = new_page(locale=locale)
    page.goto(served_app.url("/"))
    expect(page.locator("#home-title")).to_have_text(t("home.title", lang))
    expect(page.get_by_text(t("home.organiser_button", lang))).to_be_visible()


@pytest.mark.parametrize(("locale", "stored", "lang"), [
    ("en-GB", None, "en"), ("de-DE", None, "de"), ("it-IT", None, "fr"), ("en-GB", "de", "de"), ("de-DE", "xx", "de"),
])
def test_the_page_language_is_set_once_before_the_page_is_drawn(served_app, new_page, locale, stored, lang):
    """``<html lang>`` is the page's language from the start (a screen reader reads the first words in it) and is not
    changed once the page is drawn, which makes the browser restyle the whole page (docs/benchmark-pages.md)."""
    page = new_page(locale=locale)
    if stored:
        page.add_init_script(f"localStorage.setItem({CHOICE_KEY!r}, {stored!r})")
    page.add_init_script("""
        window.__langs = [];
        new MutationObserver((records) => records.forEach((r) => window.__langs.push(r.target.getAttribute('lang'))))
            .observe(document, {attributes: true, attributeFilter: ['lang'], subtree: true});
    """)
    page.goto(served_app.url("/"))
    expect(page.locator("#home-title")).to_have_text(t("home.title", lang))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    page.wait_for_timeout(500)  # any later update has come
    assert page.evaluate("window.__langs") == [lang]


def test_language_switch_is_kept_across_pages(served_app, new_page):
    page = new_page(locale="fr-FR")
    page.goto(served_app.url("/"))
    expect(page.locator("#home-title")).to_have_text(t("home.title", "fr"))
    page.locator("#language-switch").get_by_role("radio", name="DE").click()
    expect(page.locator("#home-title")).to_have_text(t("home.title", "de"))
    page.goto(served_app.url("/organiser"))
    expect(page.get_by_text(t("organiser.key_label", "de"))).to_be_visible()
    page.locator("#language-switch").get_by_role("radio", name="EN").click()
    expect(page.get_by_text(t("organiser.key_label", "en"))).to_be_visible()
    page.reload()
    expect(page.get_by_text(t("organiser.key_label", "en"))).to_be_visible()


def test_home_page_fits_a_phone(served_app, new_page):
    page = new_page(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page.goto(served_app.url("/"))
    expect(page.locator("#home-title")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px on a 360px phone"


def test_organiser_login(served_app, new_page):
    page = new_page(locale="en-US")
    page.goto(served_app.url("/organiser"))
    page.locator("#organiser-key").fill("not-the-key")
    page.locator("#login").click()
    expect(page.locator("#login-error")).to_be_visible()
    page.locator("#organiser-key").fill(served_app.organiser_key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_contain_text("Part&Act")


# Records, from the first frame of every document, whether the login form or "opening the console" was ever shown.
SEEN = """
window.__seen = {login: false, opening: false};
(function look() {
  const shown = (id) => { const el = document.getElementById(id); return !!el && el.checkVisibility(); };
  window.__seen.login ||= shown('organiser-key');
  window.__seen.opening ||= shown('console-opening');
  requestAnimationFrame(look);
})();
"""


def test_a_logged_in_organiser_never_sees_the_login_form_while_a_console_page_opens(served_app, new_page):
    page = new_page(locale="en-US", viewport={"width": 1280, "height": 900})
    page.add_init_script(SEEN)
    page.goto(served_app.url("/organiser"))
    expect(page.locator("#organiser-key")).to_be_visible()  # no session: the form, from the page's HTML
    page.locator("#organiser-key").fill(served_app.organiser_key)
    page.locator("#login").click()
    expect(page.locator("#event-name")).to_contain_text("Part&Act")
    assert not page.evaluate("window.__seen.login")  # the console opened after the login: no form on the way
    # The form stays in the page, hidden: no tab stop, nothing a screen reader reads.
    expect(page.locator("#organiser-key")).to_be_hidden()
    expect(page.get_by_role("button", name=t("organiser.login", "en"))).to_have_count(0)
    expect(page.get_by_role("textbox", name=t("organiser.key_label", "en"))).to_have_count(0)
    for path in ("/organiser", "/organiser/participants", "/organiser/schedule"):
        page.goto(served_app.url(path))
        expect(page.locator("#event-name")).to_contain_text("Part&Act")
        assert not page.evaluate("window.__seen.login"), path  # "opening the console" (if that long), never the form

    # A session that ended on the server (the key was replaced, it expired) with the hint still in the browser: the
    # form comes as soon as the server has said so.
    page.context.add_cookies([{"name": "partact_console", "value": "ended", "url": served_app.url()}])
    page.goto(served_app.url("/organiser"))
    expect(page.locator("#organiser-key")).to_be_visible()
    expect(page.locator("#console-opening")).to_be_hidden()

    # Logged out: the hint goes with the session; the form is there from the page's first frame.
    page.locator("#organiser-key").fill(served_app.organiser_key)
    page.locator("#login").click()
    page.locator("#logout").click()
    expect(page.locator("#organiser-key")).to_be_visible()
    assert "partact_console_open" not in {c["name"] for c in page.context.cookies()}
    page.goto(served_app.url("/organiser"))
    # Read after two frames: on a busy machine the load event can come before the page's first animation frame.
    seen = page.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => "
                         "done(window.__seen))))")
    assert seen == {"login": True, "opening": False}
