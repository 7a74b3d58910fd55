"""Security headers on every answer, and a Content-Security-Policy the pages pass in real Chromium."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.models import Participant

pytestmark = pytest.mark.browser

HEADERS = {
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
}
# Collects every CSP violation the page reports (a blocked script, style, connection...).
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || ""));
});
"""


def a_participant_token(app) -> str:
    with session_scope(app.db_url) as session:
        return session.exec(select(Participant.token).order_by(Participant.id)).first()


@pytest.mark.parametrize("path", ["/", "/organiser", "/screen/demo", "/p/TOKEN", "/api/health", "/ping"])
def test_every_answer_carries_the_security_headers(served_app, path):
    path = path.replace("TOKEN", a_participant_token(served_app))
    answer = httpx.get(served_app.url(path), timeout=30, follow_redirects=True)
    assert answer.status_code == 200
    for name, value in HEADERS.items():
        assert answer.headers[name] == value, name
    policy = answer.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_scripts_and_stylesheets_carry_only_the_headers_that_apply_to_them(served_app):
    """The policy and the framing rules apply to documents: a script or a stylesheet does not carry them (1.5 KB
    of headers each, twenty of them on the participant page), but is never read as another type."""
    page = httpx.get(served_app.url(f"/p/{a_participant_token(served_app)}"), timeout=30).text
    files = re.findall(r'href="(/assets/[^"]+\.(?:js|css))"', page)
    assert any(f.endswith(".js") for f in files) and any(f.endswith(".css") for f in files)
    for path in files:
        answer = httpx.get(served_app.url(path), timeout=30, headers={"Accept-Encoding": "br"})
        assert answer.status_code == 200, path
        assert answer.headers["x-content-type-options"] == "nosniff", path
        assert answer.headers["referrer-policy"] == "no-referrer", path
        for name in ("content-security-policy", "x-frame-options", "permissions-policy"):
            assert name not in answer.headers, (path, name)


def test_the_api_answers_carry_them_too(served_app):
    answer = httpx.post(served_app.url("/api/events/demo/pause"), timeout=30)
    assert answer.status_code == 401
    assert answer.headers["x-frame-options"] == "DENY" and "content-security-policy" in answer.headers


def test_nothing_is_blocked_on_the_pages(served_app, new_page, live_event):
    pages = []
    phone = new_page(locale="fr-FR")
    phone.add_init_script(WATCH)
    phone.goto(served_app.url(f"/p/{a_participant_token(served_app)}"))
    expect(phone.locator("#participant-organisation")).to_be_visible()
    pages.append(phone)

    screen = new_page(locale="en-GB")
    screen.add_init_script(WATCH)
    screen.goto(served_app.url("/screen/demo"))
    expect(screen.locator("#screen-countdown")).to_be_attached()
    pages.append(screen)

    console = new_page(locale="en-GB")
    console.add_init_script(WATCH)
    console.goto(served_app.url("/organiser"))
    console.locator("#organiser-key").fill(live_event.key)
    console.locator("#login").click()
    expect(console.locator("#next-round")).to_be_visible()
    console.locator("#next-round").click()  # a round trip over the websocket, with the toast library loaded
    expect(console.locator("#console-round")).to_contain_text("1")
    pages.append(console)

    for page in pages:
        assert page.evaluate("window.__violations") == [], page.url
