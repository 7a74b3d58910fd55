"""The shared page shell: a header with the name, the language switch and the light/dark toggle."""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.utils.imports import ImportVar
from reflex_components_core.core.banner import has_connection_errors
from reflex_components_core.react_router.dom import ReactRouterLink

from partact_app.components import controls
from partact_app.components.i18n import tr
from partact_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, t
from partact_app.states.console import HINT_COOKIE
from partact_app.states.language import CHOICE_KEY, LanguageState


DOCUMENT_LANGUAGE = DEFAULT_LANGUAGE  # the ``lang`` of the prerendered HTML, before the page knows its language

# The icon is inline: no request (the browser asked for /favicon.ico before, a 404 in its console).
_ICON = ("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E"
         "%3Crect width='32' height='32' rx='7' fill='%23008573'/%3E%3Ctext x='16' y='23' font-family='sans-serif' "
         "font-size='20' font-weight='700' text-anchor='middle' fill='white'%3Ep%3C/text%3E%3C/svg%3E")


# Before the body is parsed: does this browser have a console session (the hint cookie)? Then the console pages show
# "opening the console" rather than their login form until the server answers (components/console.console_shell).
CONSOLE_SESSION_HINT = (
    f"if(document.cookie.split('; ').indexOf('{HINT_COOKIE}=1')>=0)"
    "document.documentElement.setAttribute('data-console-session','')"
)


# Before the body is parsed: the page's language as the server will decide it (states/language: the stored choice,
# else the first of the browser's languages that the app speaks, else French), so that ``<html lang>`` is right from
# the start and ``DocumentLanguage`` seldom has to change it. Changing ``lang`` once the page is drawn makes the
# browser restyle and lay out the whole document again (the drawn console: 24-59 ms on a 4x slower CPU, against
# 0.3 ms for another attribute), and in Lighthouse's traced loads of an English browser it was the console's longest
# task (docs/benchmark-pages.md, the fifteenth pass). Where the guess is wrong the server's answer still corrects it.
LANGUAGE_GUESS = (
    "(function(){var s=" + json.dumps(list(LANGUAGES)).replace(" ", "") + ",l=null,n,i,b;"
    "try{l=localStorage.getItem('" + CHOICE_KEY + "')}catch(e){}"
    "if(s.indexOf(l)<0){l='" + DEFAULT_LANGUAGE + "';n=navigator.languages||[navigator.language||''];"
    "for(i=0;i<n.length;i++){b=String(n[i]).toLowerCase().split('-')[0];if(s.indexOf(b)>=0){l=b;break}}}"
    "document.documentElement.lang=l})()"
)


def head_components() -> list[rx.Component]:
    """The ``<head>`` of every page: a description (in the default language), the icon, the console's hint and the
    language's first guess."""
    return [
        rx.el.meta(name="description", content=t("app.tagline", DEFAULT_LANGUAGE)),
        rx.el.link(rel="icon", href=_ICON, type="image/svg+xml"),
        rx.el.script(CONSOLE_SESSION_HINT),
        rx.el.script(LANGUAGE_GUESS),
    ]


_DOCUMENT_LANGUAGE = """
function PartactDocumentLanguage({lang}) {
  useEffect(() => { if (lang && document.documentElement.lang !== lang) document.documentElement.lang = lang; }, [lang]);
  return null;
}
"""


class DocumentLanguage(rx.Component):
    """Keeps ``<html lang>`` on the page's language (the chosen one, else the browser's), for screen readers and
    translation tools; the prerendered HTML says ``fr``, the default."""

    tag = "PartactDocumentLanguage"

    lang: rx.Var[str]

    def add_imports(self):
        return {"react": [ImportVar(tag="useEffect")]}

    def add_custom_code(self) -> list[str]:
        return [_DOCUMENT_LANGUAGE]


def document_language() -> rx.Component:
    """For the app's wraps (partact_app.py): every page's ``lang`` follows ``LanguageState.lang`` once the server has
    set it (before, the state holds the default, and the head's guess, ``LANGUAGE_GUESS``, stands)."""
    return rx.fragment(DocumentLanguage.create(lang=rx.cond(LanguageState.decided, LanguageState.lang, "")))


def main_landmark() -> rx.Component:
    """The ``<main>`` around every page's content (the app wraps it: partact_app.py), so that screen readers can
    jump to it and no content sits outside a landmark."""
    return rx.el.main()


def language_switch() -> rx.Component:
    return controls.segmented(
        [(code, code.upper()) for code in LANGUAGES],
        value=LanguageState.lang,
        on_choose=LanguageState.choose,
        id="language-switch",
        aria_label=tr("nav.language"),
    )


def button_link(*children: rx.Component | rx.Var | str, href: str, size: str = "2", variant: str = "soft",
                **props) -> rx.Component:
    """A link to a page of the app drawn as a Radix button: one ``<a>`` (React Router's, so that the page opens
    without reloading the app), with the classes Radix's ``Button`` gives itself.

    ``rx.link(rx.button(...))`` put a button inside the link: invalid HTML (no interactive content inside an
    ``<a>``), two tab stops per link for a keyboard, "link, button" for a screen reader, and seven components to
    render where this is one (docs/benchmark-pages.md, the twelfth pass)."""
    return ReactRouterLink.create(
        *children,
        to=href,
        class_name=f"rt-reset rt-BaseButton rt-r-size-{size} rt-variant-{variant} rt-Button",
        custom_attrs={"data-accent-color": ""},
        **props,
    )


def header() -> rx.Component:
    return rx.hstack(
        rx.link(
            rx.hstack(
                rx.icon("handshake", size=22),
                rx.text("partact", weight="bold", size="4"),
                align="center",
                spacing="2",
            ),
            href="/",
            underline="none",
            color_scheme="gray",
            high_contrast=True,
        ),
        rx.spacer(),
        language_switch(),
        rx.color_mode.button(size="1", variant="ghost", aria_label=tr("nav.theme"), id="theme-toggle"),
        align="center",
        width="100%",
        padding_y="0.75em",
        spacing="3",
        flex_wrap="wrap",  # at 200 % text on a phone the switches go under the name instead of off the screen
        class_name="no-print",  # print pages (badges, agendas) show their sheets only
    )


# lucide's "handshake" (ISC licence), the header's icon, as plain SVG for the loading shell below.
_HANDSHAKE = (
    "m11 17 2 2a1 1 0 1 0 3-3",
    "m14 14 2.5 2.5a1 1 0 1 0 3-3l-3.88-3.88a3 3 0 0 0-4.24 0l-.88.88a1 1 0 1 1-3-3l2.81-2.81a5.79 5.79 0 0 1 "
    "7.06-.87l.47.28a2 2 0 0 0 1.42.25L21 4",
    "m21 3 1 11h-2",
    "M3 3 2 14l6.5 6.5a1 1 0 1 0 3-3",
    "M3 4h8",
)


def loading_shell() -> rx.Component:
    """What the HTML of a page with a dynamic route (/p/<token>, /screen/<slug>) shows before its scripts have run
    (``App(hydrate_fallback=...)``): the header's name and icon, where the header will be, instead of a blank page.
    No state and no text to translate; the page replaces it when it renders."""
    icon = rx.el.svg(
        *[rx.el.path(custom_attrs={"d": d}) for d in _HANDSHAKE],
        custom_attrs={"xmlns": "http://www.w3.org/2000/svg", "width": "22", "height": "22", "viewBox": "0 0 24 24",
                      "fill": "none", "stroke": "currentColor", "strokeWidth": "2", "strokeLinecap": "round",
                      "strokeLinejoin": "round", "aria-hidden": "true"},
    )
    return rx.container(
        rx.hstack(icon, rx.text("partact", weight="bold", size="4"), align="center", spacing="2",
                  padding_y="0.75em"),
        size="2",
        padding_x="1em",
    )


def connection_banner() -> rx.Component:
    """Shown while the websocket is down: the page keeps the last known state and reconnects by itself. A labelled
    landmark of its own (it sits outside the page's ``<main>``), read out by screen readers as it appears."""
    return rx.cond(
        has_connection_errors,
        # A Radix box, as before, with the role of an <aside>: a plain element here changes which pages share which
        # library modules (partact_build/plugins.py), and the phone's page then loaded the console's scroll area.
        rx.box(
            rx.callout(tr("live.offline"), icon="wifi-off", color_scheme="amber", size="1", id="offline-banner",
                       role="status"),
            role="complementary",
            aria_label=tr("live.connection"),
            position="fixed",
            bottom="0.75rem",
            left="0.75rem",
            right="0.75rem",
            z_index="1000",
        ),
    )


def page(*children: rx.Component, size: str = "2") -> rx.Component:
    """A page: header and a centred column that fits a 360 px phone and a projector alike."""
    return rx.container(
        rx.vstack(header(), *children, spacing="5", width="100%", padding_bottom="2em"),
        size=size,
        padding_x="1em",
    )


def _in_three_languages(key: str, **props) -> rx.event.EventSpec:
    """A toast saying catalogue message ``key`` in our three languages (the server does not know the page's)."""
    return rx.toast.warning(
        t(key, "fr"),
        description="\n".join(t(key, lang) for lang in ("en", "de")),
        position="top-center",
        style={"white_space": "pre-wrap"},
        **props,
    )


def too_fast_notice() -> rx.event.EventSpec:
    """What a page that sends events faster than the guard allows is told (sent by the guard middleware)."""
    return _in_three_languages("common.too_fast", id="too-fast")


_DATABASE_OUTAGE = None


def backend_error(exception: Exception):
    """What a user sees when a handler fails unexpectedly: no stack trace, the same words in our three languages
    (the handler does not know the page's language); the traceback goes to the server log. A database that does
    not answer is said so (and logged once per outage): nothing changed, try again in a moment."""
    import logging
    import traceback

    from sqlalchemy import exc as sa_exc

    from partact_app.outages import Outage

    global _DATABASE_OUTAGE
    if isinstance(exception, (sa_exc.OperationalError, sa_exc.InterfaceError)):
        if _DATABASE_OUTAGE is None:
            _DATABASE_OUTAGE = Outage("a page's handler: the database", logging.getLogger("partact"))
        _DATABASE_OUTAGE.failed(exception)
        return rx.toast.error(
            t("error.unavailable", "fr"),
            description="\n".join(t("error.unavailable", lang) for lang in ("en", "de")),
            position="top-center",
            id="backend-unavailable",
            style={"white_space": "pre-wrap"},
        )
    logging.getLogger("partact").error(
        "unexpected error in an event handler:\n%s",
        "".join(traceback.format_exception(type(exception), exception, exception.__traceback__)),
    )
    return rx.toast.error(
        t("common.error_generic", "fr"),
        description="\n".join(t("common.error_generic", lang) for lang in ("en", "de")),
        position="top-center",
        id="backend-error",
        style={"white_space": "pre-wrap"},
    )
