"""The page language: the visitor's choice (kept in the browser), else the browser's Accept-Language."""

from __future__ import annotations

import reflex as rx

from partact_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, language_from_accept


# The browser's storage key of the visitor's choice (also read before the page is drawn: components/layout).
CHOICE_KEY = "partact_lang"


class LanguageState(rx.State):
    lang: str = DEFAULT_LANGUAGE
    # The server has set ``lang`` for this page (until then it is the default, and the page keeps the language its
    # head guessed: components/layout.LANGUAGE_GUESS).
    decided: bool = False
    chosen: str = rx.LocalStorage("", name=CHOICE_KEY, sync=True)

    @rx.event
    def detect(self):
        """On every page load: the stored choice wins, then the browser's languages, then French."""
        self.apply_detected()

    def apply_detected(self) -> None:
        """What ``detect`` does, for a page's own load handler to do in its event (one event less per page load:
        the participant page, which a thousand phones open at once)."""
        if self.chosen in LANGUAGES:
            self.lang = self.chosen
        else:
            # A client-storage value arrives as untrusted input of any size: anything but a language code is
            # dropped here, so the server keeps nothing of it.
            if self.chosen:
                self.chosen = ""
            self.lang = language_from_accept(self.router.headers.accept_language)
        self.decided = True

    @rx.event
    def choose(self, lang: str | list[str]):
        if isinstance(lang, str) and lang in LANGUAGES:
            self.lang = lang
            self.chosen = lang
            self.decided = True
