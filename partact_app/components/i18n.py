"""``tr(key, **params)``: a catalogue message in the page's language, switched in the browser (``tr_count``: with
its singular where the count asks for it).

All three languages of a message are compiled into the page and chosen by ``LanguageState.lang``, so a
language switch costs one tiny state update and no text travels over the websocket. Params may be state
vars (``tr("participant.first_table", table=ParticipantState.first_table)``).
"""

from __future__ import annotations

import reflex as rx

from partact_app.i18n import DEFAULT_LANGUAGE, LANGUAGES, MESSAGES
from partact_app.states.language import LanguageState


def tr(key: str, **params: object) -> rx.Var:
    entry = MESSAGES[key]
    return _in_page_language({lang: entry[lang].format(**params) if params else entry[lang] for lang in LANGUAGES})


def tr_count(key: str, count: rx.Var) -> rx.Var:
    """``tr(key, count=count)``, or its singular ``key + "_one"`` where the language says "1 phone" (French: 0 and
    1; English and German: 1)."""
    one, many = MESSAGES[key + "_one"], MESSAGES[key]
    texts = {
        lang: rx.cond(count <= 1 if lang == "fr" else count == 1, one[lang].format(count=count),
                      many[lang].format(count=count))
        for lang in LANGUAGES
    }
    return _in_page_language(texts)


def _in_page_language(texts: dict) -> rx.Var:
    """One text per language, the page's chosen in the browser."""
    cases = [(lang, texts[lang]) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return rx.match(LanguageState.lang, *cases, texts[DEFAULT_LANGUAGE])
