"""``tr(key, **params)``: a catalogue message in the page's language, switched in the browser.

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
    texts = {lang: entry[lang].format(**params) if params else entry[lang] for lang in LANGUAGES}
    cases = [(lang, texts[lang]) for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]
    return rx.match(LanguageState.lang, *cases, texts[DEFAULT_LANGUAGE])
