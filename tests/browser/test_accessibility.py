"""Accessibility in real Chromium: axe-core finds no violation on any page in its main states, light and dark, and
what a screen reader or a keyboard user relies on holds (docs/benchmark-pages.md, issue 12).

axe-core is the npm package pinned in benchmarks/web-tools (``make web-tools``), injected into the page by
Playwright. A new state of a page is one more case: a name and a function that brings a fresh page there
(``PARTICIPANT_STATES`` for the phone; ``open_participant_page`` does the common part).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from partact_app.components.console import CONSOLE_PAGES
from partact_app.i18n import t
from tests.browser.test_console_live import log_in
from tests.browser.test_live import Network, api, meetings_of, people

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "benchmarks" / "web-tools" / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}
# The pages' Content-Security-Policy allows only the build's own inline scripts; the checking context sets it
# aside so that axe-core's script can be added (it changes nothing that axe looks at).
CHECKED = {"bypass_csp": True}
SCHEMES = ["light", "dark"]


def axe_violations(page: Page) -> list[tuple[str, str, str]]:
    """axe-core's violations on the page as it is now (WCAG 2.x A and AA and best practices): one
    ``(rule, element, explanation)`` per element."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make web-tools` installs axe-core")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return [tuple(row) for row in page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.flatMap(v => v.nodes.map(n => [
                v.id, n.target.join(" "), `${v.impact}: ${v.help}: ${n.failureSummary}`]));
        }"""
    )]


# Violations known and left to the page's owner, each with its reason: (path, rule, element). Empty is the goal.
KNOWN: dict[tuple[str, str, str], str] = {}


def assert_accessible(page: Page) -> None:
    path = urlsplit(page.url).path.rstrip("/") or "/"
    violations = [(rule, element, why) for rule, element, why in axe_violations(page)
                  if (path, rule, element) not in KNOWN]
    assert not violations, "axe-core found:\n" + "\n".join(f"{rule} on {element}: {why}" for rule, element, why
                                                             in violations)


# --- the participant page in each of its states ---------------------------------------------------------------


def a_participant(app, event):
    """A participant who meets someone in rounds 1 to 3 (so each state has a table and a counterpart to show)."""
    for person in people(app, event).values():
        if all(r in meetings_of(app, event, person.id) for r in (1, 2, 3)):
            return person
    raise AssertionError("no participant meets someone in rounds 1 to 3")


def open_participant_page(app, event, new_page, scheme: str, *actions: str, locale: str = "en-GB") -> Page:
    """The phone page of ``a_participant`` after the organiser's ``actions`` (API names: next-round, pause...)."""
    for action in actions:
        assert api(app, event, action).status_code == 200, action
    page = new_page(locale=locale, color_scheme=scheme, **PHONE, **CHECKED)
    page.goto(app.url(f"/p/{a_participant(app, event).token}"))
    expect(page.locator("#participant-organisation")).to_be_visible()
    return page


def _before_start(app, event, new_page, scheme):
    page = open_participant_page(app, event, new_page, scheme)
    expect(page.locator("#status-before")).to_be_visible()
    return page


def _in_a_round(app, event, new_page, scheme):
    page = open_participant_page(app, event, new_page, scheme, "next-round")
    expect(page.locator("#table-number")).not_to_have_text("")
    expect(page.locator("#countdown")).not_to_have_text("")
    return page


def _paused(app, event, new_page, scheme):
    page = open_participant_page(app, event, new_page, scheme, "next-round", "pause")
    expect(page.locator("#status-paused")).to_be_visible()
    return page


def _finished(app, event, new_page, scheme):
    page = open_participant_page(app, event, new_page, scheme, "next-round", "end")
    expect(page.locator("#status-finished")).to_be_visible()
    return page


def _match_form_open(app, event, new_page, scheme):
    page = open_participant_page(app, event, new_page, scheme, "next-round")
    page.locator("[data-action='match-propose']:visible").first.click()
    expect(page.locator("#match-submit")).to_be_visible()
    return page


def _offline(app, event, new_page, scheme):
    """The phone lost its network: the page keeps the last known state under the "connection lost" banner."""
    page = new_page(locale="en-GB", color_scheme=scheme, **PHONE, **CHECKED)
    network = Network(page)
    page.goto(app.url(f"/p/{a_participant(app, event).token}"))
    expect(page.locator("#participant-organisation")).to_be_visible()
    network.cut()
    expect(page.locator("#offline-banner")).to_be_visible()
    # It floats over the page: an opaque ground, or the page's text shows through the banner's.
    ground = page.evaluate("() => getComputedStyle(document.querySelector('#offline-banner')).backgroundColor")
    assert ground.startswith("rgb(") or ground.endswith(", 1)"), ground
    return page


# name -> a function (app, event, new_page, colour scheme) -> the page in that state
PARTICIPANT_STATES: dict[str, Callable[..., Page]] = {
    "before the start": _before_start,
    "in a round": _in_a_round,
    "paused": _paused,
    "finished": _finished,
    "the match form open": _match_form_open,
    "offline": _offline,
}


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("state", list(PARTICIPANT_STATES))
def test_the_participant_page_has_no_axe_violation(served_app, live_event, new_page, state, scheme):
    assert_accessible(PARTICIPANT_STATES[state](served_app, live_event, new_page, scheme))


# --- the console and the big screen ---------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_console_login_has_no_axe_violation(served_app, new_page, scheme):
    page = new_page(locale="en-GB", color_scheme=scheme, **CHECKED)
    page.goto(served_app.url("/organiser"))
    expect(page.locator("#organiser-key")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["/organiser", "/organiser/participants", "/organiser/schedule", "/organiser/matches",
                                  "/organiser/summary"])
def test_the_console_logged_in_has_no_axe_violation(served_app, live_event, new_page, path, scheme):
    api(served_app, live_event, "next-round")
    page = new_page(locale="en-GB", color_scheme=scheme, **CHECKED)
    log_in(served_app, page, live_event.key)
    if path != "/organiser":
        page.goto(served_app.url(path))
        expect(page.locator("#event-name, h1, h2").first).to_be_visible()
        page.wait_for_load_state("networkidle")
    assert_accessible(page)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_big_screen_has_no_axe_violation(served_app, live_event, new_page, scheme):
    api(served_app, live_event, "next-round")
    page = new_page(locale="en-GB", color_scheme=scheme, viewport={"width": 1280, "height": 720}, **CHECKED)
    page.goto(served_app.url(f"/screen/{live_event.slug}"))
    expect(page.locator("#partnership-count")).to_be_visible()
    assert_accessible(page)


# --- what axe cannot see --------------------------------------------------------------------------------------


def test_the_page_language_follows_the_chosen_language(served_app, live_event, new_page):
    page = open_participant_page(served_app, live_event, new_page, "light", locale="de-DE")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.locator("#language-switch").get_by_role("radio", name="FR").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.reload()
    expect(page.locator("#participant-organisation")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_a_screen_reader_hears_the_round_change_once_and_the_countdown_stays_quiet(served_app, live_event, new_page):
    page = open_participant_page(served_app, live_event, new_page, "light", "next-round")
    person = a_participant(served_app, live_event)
    everyone = people(served_app, live_event)

    def sentence(round_number: int) -> str:
        meeting = meetings_of(served_app, live_event, person.id)[round_number]
        other = meeting.association_id if meeting.company_id == person.id else meeting.company_id
        return t("live.announce_meeting", "en", round=round_number, table=meeting.table,
                 counterpart=everyone[other].organisation)

    region = page.locator("[aria-live=polite]#round-announcer")
    expect(region).to_have_text(sentence(1))
    timer = page.locator("#countdown")
    expect(timer).to_have_attribute("role", "timer")
    expect(timer).to_have_attribute("aria-label", t("live.time_left", "en"))
    assert timer.get_attribute("aria-live") in (None, "off")  # a timer is read on demand, not every second

    # The region changes once per round: record every change of its text while the round moves on.
    page.evaluate("""() => {
        window.__said = [];
        const region = document.getElementById('round-announcer');
        new MutationObserver(() => window.__said.push(region.textContent))
            .observe(region, {childList: true, characterData: true, subtree: true});
    }""")
    api(served_app, live_event, "next-round")
    expect(region).to_have_text(sentence(2))
    page.wait_for_timeout(2500)  # the countdown ticks meanwhile
    assert [text for text in page.evaluate("window.__said") if text] == [sentence(2)]


def test_the_keyboard_reaches_the_controls_with_a_visible_focus(served_app, live_event, new_page):
    page = open_participant_page(served_app, live_event, new_page, "light", "next-round", locale="en-GB")
    reached = []
    for _ in range(8):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement; const style = getComputedStyle(el);
            return {id: el.id, text: el.textContent.trim().slice(0, 20), tag: el.tagName,
                    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                          || style.boxShadow !== 'none'};
        }""")
        if focused["tag"] == "BODY":
            continue
        reached.append(focused)
        assert focused["ring"], f"no visible focus on {focused}"
    assert any(f["id"] == "theme-toggle" for f in reached), reached
    assert any(f["text"].startswith("EN") for f in reached), reached  # the chosen language's item
    # The language switch works from the keyboard alone: arrows move along the items, Space chooses.
    switch = page.locator("#language-switch")
    switch.get_by_role("radio", name="EN").focus()
    expect(switch.get_by_role("radio", name="EN")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(switch.get_by_role("radio", name="DE")).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_the_console_pages_are_one_link_and_one_tab_stop_each(served_app, live_event, new_page):
    page = new_page(locale="en-GB")
    log_in(served_app, page, live_event.key)
    nav = page.get_by_role("navigation", name=t("console.nav", "en"))
    expect(nav.get_by_role("link")).to_have_count(len(CONSOLE_PAGES))
    expect(nav.locator("button, [tabindex]")).to_have_count(0)  # no button inside a link: one stop, one name each
    expect(nav.get_by_role("link", name=t("console.nav_live", "en"))).to_have_attribute("aria-current", "page")
    page.locator("#nav-live").focus()
    for key, _route, label in CONSOLE_PAGES[1:]:
        page.keyboard.press("Tab")
        link = page.locator(f"#nav-{key}")
        expect(link).to_be_focused()
        expect(link).to_have_accessible_name(t(label, "en"))
        assert page.evaluate("""() => { const style = getComputedStyle(document.activeElement);
            return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0; }"""), key
    # Enter opens the page within the app (no reload: the page's script state survives), and it becomes current.
    page.evaluate("window.__same_document = true")
    page.locator("#nav-schedule").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(served_app.url("/organiser/schedule"))
    expect(page.locator("#nav-schedule")).to_have_attribute("aria-current", "page")
    assert page.evaluate("window.__same_document === true")


def test_text_at_200_percent_on_a_360_px_phone_needs_no_sideways_scrolling(served_app, live_event, new_page):
    # 200 % zoom of a 360 px wide screen lays the page out in 180 CSS pixels.
    page = new_page(locale="en-GB", viewport={"width": 180, "height": 390}, device_scale_factor=4,
                    is_mobile=True, has_touch=True)
    api(served_app, live_event, "next-round")
    page.goto(served_app.url(f"/p/{a_participant(served_app, live_event).token}"))
    expect(page.locator("#table-number")).to_be_visible()
    box = page.locator("#table-number").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 180
    overflow = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow} px"


@pytest.mark.parametrize("width", [390, 180])  # a phone, and 200 % text on a 360 px one
def test_the_console_header_keeps_log_out_on_one_line_on_a_phone(served_app, live_event, new_page, width):
    page = new_page(locale="fr-FR", viewport={"width": width, "height": 800})
    log_in(served_app, page, live_event.key)
    expect(page.locator("#event-name")).to_be_visible()
    lines = page.evaluate("""() => { const range = document.createRange();
        range.selectNodeContents(document.getElementById('logout'));
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size; }""")
    assert lines == 1, "the logout button's label wraps"
    button = page.locator("#logout").bounding_box()
    assert button is not None and button["x"] >= 0 and button["x"] + button["width"] <= width
    overflow = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    assert overflow <= 1, f"the console scrolls sideways by {overflow} px"


CONTRAST = """(el) => {
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let back = el, bg = null;
    while (back) {
        const c = rgb(getComputedStyle(back).backgroundColor);
        if (c.length >= 3 && (c.length < 4 || c[3] === 1)) { bg = c; break; }
        back = back.parentElement;
    }
    bg = bg || [255, 255, 255];
    const fg = rgb(getComputedStyle(el).color);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_big_screen_numbers_read_at_7_to_1(served_app, live_event, new_page, scheme):
    api(served_app, live_event, "next-round")
    page = new_page(locale="en-GB", color_scheme=scheme, viewport={"width": 1280, "height": 720})
    page.goto(served_app.url(f"/screen/{live_event.slug}"))
    expect(page.locator("#partnership-count")).to_be_visible()
    expect(page.locator("#screen-countdown")).not_to_have_text("")
    for element in ("#screen-round", "#partnership-count", "#screen-countdown"):
        ratio = page.locator(element).evaluate(CONTRAST)
        assert ratio >= 7, f"{element}: {ratio:.1f}:1"
