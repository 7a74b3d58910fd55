"""Labels of category keys and language codes, looked up in the browser in the page's language."""

from __future__ import annotations

import reflex as rx

from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES
from partact_app.i18n import LANGUAGES, t
from partact_app.states.language import LanguageState

_CATEGORIES = rx.Var.create({lang: {key: t(f"category.{key}", lang) for key in CATEGORY_KEYS} for lang in LANGUAGES})
_LANGUAGE_NAMES = rx.Var.create(
    {lang: {code: t(f"language.{code}", lang) for code in LANGUAGE_CODES} for lang in LANGUAGES}
)


def category_label(key: rx.Var) -> rx.Var:
    return _CATEGORIES.to(dict)[LanguageState.lang].to(dict)[key]


def language_label(code: rx.Var) -> rx.Var:
    return _LANGUAGE_NAMES.to(dict)[LanguageState.lang].to(dict)[code]
