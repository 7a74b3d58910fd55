"""How the pages are delivered (partact_build/plugins.py, docs/benchmark-pages.md), seen in a real browser on the
production build: what was left out of the first load still works when somebody needs it."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from playwright.sync_api import expect
from sqlmodel import select

from harness.phone import ROOT_STATE, FrontendSchema, Phone
from harness.served import REPO
from partact_build.plugins import COMPILE_HINT
from partact_app.db import session_scope
from partact_app.models import Event, Participant

pytestmark = pytest.mark.browser


def _company(db_url: str) -> Participant:
    with session_scope(db_url) as session:
        event = session.exec(select(Event).where(Event.slug == "demo")).one()
        return session.exec(select(Participant).where(Participant.event_id == event.id,
                                                      Participant.kind == "company")).first()


class _Recorder(Phone):
    """A phone's page load, as the server answers it: every update, in order."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.updates: list[dict] = []

    def is_hydrated(self, delta: dict) -> bool:
        return bool((delta.get(ROOT_STATE) or {}).get("is_hydrated_rx_state_"))

    def on_update(self, update: dict, at: float) -> None:
        self.updates.append(update.get("delta") or {})
        super().on_update(update, at)


def test_a_phone_gets_its_page_in_two_updates_the_snapshot_then_its_agenda(served_app):
    """A phone opening its page gets the hydrate's snapshot, then one update with its participant, agenda and the
    page marked ready (``states/participant.PhoneLoad``): not Reflex's chain of four updates, each of which locks,
    loads and saves the tab's states. The one update is what the page shows: nothing arrives after it."""
    person = _company(served_app.db_url)
    schema = FrontendSchema.read(REPO)
    participant_state = schema.state("____participant_state")

    async def load() -> list[dict]:
        phone = _Recorder(served_app.base_url, f"/p/{person.token}", schema=schema, keep=True)
        await phone.connect()
        assert await phone.wait_hydrated(20), phone.error
        await asyncio.sleep(1.5)  # anything the chain would still send
        phone.close()
        return phone.updates

    with ThreadPoolExecutor(1) as pool:  # Playwright's sync API may hold this thread's event loop
        snapshot, loaded, *rest = pool.submit(asyncio.run, load()).result()
    assert rest == []
    assert (snapshot.get(ROOT_STATE) or {}).get("is_hydrated_rx_state_") is False
    assert loaded[ROOT_STATE]["is_hydrated_rx_state_"] is True
    own = loaded[participant_state]
    assert own["found_rx_state_"] is True and own["organisation_rx_state_"] == person.organisation
    assert [row["table"] for row in own["agenda_rx_state_"] if row["table"]]


def test_a_console_page_is_answered_at_its_own_address_not_redirected_to_a_folder(served_app, new_page):
    """``/organiser`` is the prebuilt file ``organiser/index.html``: the server answers it at that address (a
    redirect to ``/organiser/`` first cost a round trip before the console started: guard/asgi.at_own_address).
    Other methods and other addresses are untouched, and the page works there."""
    for path in ("/organiser", "/organiser/participants", "/organiser/schedule", "/organiser/badges"):
        answer = httpx.get(served_app.url(path), timeout=30)
        assert answer.status_code == 200, (path, answer.status_code, answer.headers.get("location"))
        assert answer.text == httpx.get(served_app.url(path + "/"), timeout=30).text
        assert "organiser-key" in answer.text
    assert httpx.post(served_app.url("/organiser"), timeout=30).status_code != 200
    assert httpx.get(served_app.url("/organiserx"), timeout=30).status_code == 404
    page = new_page(locale="fr-FR")
    page.goto(served_app.url("/organiser"))
    expect(page.locator("#organiser-key")).to_be_editable()
    assert page.url == served_app.url("/organiser")


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


def test_the_phone_shows_its_table_first_and_its_agenda_in_the_page_just_after(served_app, new_page):
    """The agenda (below a phone's first screen) is drawn after the table number has been painted
    (``components/later``), and then sits in its place: after the current meeting, in the reading and tab order."""
    person = _company(served_app.db_url)
    page = new_page(locale="en-GB", viewport={"width": 390, "height": 844})
    page.add_init_script("""
        window.__frame = {};  // the animation frame in which each element was first there
        let frame = 0;
        const look = () => {
          frame += 1;
          for (const id of ['table-number', 'agenda']) {
            if (!(id in window.__frame) && document.getElementById(id)) window.__frame[id] = frame;
          }
          if (Object.keys(window.__frame).length < 2) requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
    """)
    page.goto(served_app.url(f"/p/{person.token}"))
    expect(page.locator("#agenda [data-counterpart]").first).to_be_attached()
    frames = page.evaluate("window.__frame")
    assert frames["table-number"] < frames["agenda"], frames
    assert page.evaluate("""() => {
        const meeting = document.getElementById('current-meeting'), agenda = document.getElementById('agenda');
        return Boolean(meeting.compareDocumentPosition(agenda) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")


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


def test_every_radix_component_a_built_module_can_show_keeps_its_rules(served_app, new_page):
    """The stylesheet drops the rules of the Radix components no page uses (unused-components.js, which reads the
    sources before the build): checked here against what was built. Every component class (``rt-Button``,
    ``rt-DialogContent``) that some built module can set and Radix styles still has its rules; the others are gone."""
    web = served_app.app_dir / ".web"
    built_js = " ".join(path.read_text() for path in (web / "build/client/assets").glob("*.js"))
    # Reflex's state.js only reads a few such classes, to find the value of a checkbox, switch or slider it is
    # given a ref to (`className?.includes(`rt-SliderRoot`)`, `querySelector(`.rt-SliderThumb`)`): not a setter.
    can_set = {found.group(0) for found in re.finditer(r"\brt-[A-Z][A-Za-z]*", built_js)
               if not re.search(r"(includes\(`|querySelector\(`\.)$", built_js[max(0, found.start() - 20):found.start()])}
    defined = set(re.findall(r"\.(rt-[A-Z][A-Za-z]*)", (web / "node_modules/@radix-ui/themes/components.css").read_text()))

    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(served_app.url("/"))
    stylesheet = page.locator("link[rel=stylesheet]").first.get_attribute("href")
    kept = set(re.findall(r"\.(rt-[A-Z][A-Za-z]*)", page.request.get(served_app.url(stylesheet)).text()))

    assert (can_set & defined) - kept == set(), "a component the pages can show lost its rules"
    assert {"rt-BaseDialogContent", "rt-TextAreaRoot"} <= kept  # the console's dialogs, the phone's text area
    assert not {"rt-ContextMenuContent", "rt-HoverCardContent", "rt-TabsList"} & kept  # no page has them
    assert len(defined - kept) > 50


# A string each of the console's (or the toasts') libraries keeps in its built code, whatever the minifier does.
CONSOLE_LIBRARIES = {
    "data-sonner-toaster": "sonner (the toasts: fetched after the page, components/toaster.py)",
    "right-scroll-bar-position": "react-remove-scroll (Radix's dialogs, selects)",
    "data-radix-focus-guard": "Radix's focus guards (dialogs, selects)",
    "data-radix-popper-content-wrapper": "Radix's Popper and Floating UI (selects)",
    "data-radix-scroll-area-viewport": "Radix's scroll area",
    "recharts-wrapper": "recharts (the summary's charts)",
}


@pytest.mark.parametrize("route", ["routes/[p].$[token]._index", "routes/[screen].$[slug]._index"])
def test_the_phone_and_the_big_screen_load_none_of_the_consoles_libraries(served_app, route):
    """Every script the page loads before it shows (React Router's manifest: the entry, the root and the route,
    with their imports) is free of the libraries only the console, or a later moment, needs: the way the build
    groups the libraries (partact_build.plugins.library_groups) must not put them there."""
    built = served_app.app_dir / ".web" / "build" / "client"
    manifest_js = next((built / "assets").glob("manifest-*.js")).read_text()
    manifest = json.loads(manifest_js[manifest_js.index("{"):manifest_js.rindex("}") + 1])
    parts = [manifest["entry"], manifest["routes"]["root"], manifest["routes"][route]]
    scripts = {url for part in parts for url in (part["module"], *part.get("imports", []))}
    assert len(scripts) > 5
    for url in sorted(scripts):
        code = (built / url.lstrip("/")).read_text()
        found = [name for marker, name in CONSOLE_LIBRARIES.items() if marker in code]
        assert not found, f"{url} carries {found}"


IMPORT = re.compile(r'(?:from|import)\s*"\./([^"]+\.js)"')


def test_no_two_built_scripts_import_each_other(served_app):
    """Two scripts that import each other run one before the other has defined what it uses ("D is not a function"
    on the console's login page once, "reading 'gap'" on every console page another time: Rolldown's merge of small
    library groups was blind to who imports whom). The groups are now made so that it cannot happen
    (partact_build.plugins.library_groups); every script of the build, followed through its static imports, must
    never come back to itself."""
    assets = served_app.app_dir / ".web" / "build" / "client" / "assets"
    imports = {path.name: set(IMPORT.findall(path.read_text())) for path in assets.glob("*.js")}
    assert len(imports) > 10

    def loop_from(start: str) -> list[str] | None:
        path, seen = [start], set()
        stack = [iter(sorted(imports.get(start, ())))]
        while stack:
            step = next(stack[-1], None)
            if step is None:
                stack.pop()
                seen.add(path.pop())
                continue
            if step in path:
                return path[path.index(step):] + [step]
            if step not in seen:
                path.append(step)
                stack.append(iter(sorted(imports.get(step, ()))))
        return None

    loops = [loop for name in sorted(imports) if (loop := loop_from(name))]
    assert not loops, f"scripts that import each other: {loops[0]}"


def test_every_built_script_asks_to_be_compiled_as_it_loads(served_app):
    """The compile hint (partact_build.plugins.add_compile_hints) opens every script the pages load, and their gzip
    twins (written by the same build step as the Brotli ones, after it) say the same."""
    assets = served_app.app_dir / ".web" / "build" / "client" / "assets"
    scripts = sorted(assets.glob("*.js"))
    assert len(scripts) > 10
    first = COMPILE_HINT.encode() + b"\n"
    for script in scripts:
        assert script.read_bytes().startswith(first), script.name
        twin = script.with_name(script.name + ".gz")
        if twin.exists():
            assert gzip.decompress(twin.read_bytes()).startswith(first), twin.name
