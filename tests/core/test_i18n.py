"""The catalogue: every key speaks French, English and German, with the same fields in each."""

from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES
from partact_app.i18n import LANGUAGES, MESSAGES, fields, language_from_accept, normalise_language, t


def test_every_key_has_every_language():
    missing = [(key, lang) for key, entry in MESSAGES.items() for lang in LANGUAGES if not entry.get(lang)]
    assert missing == []


def test_no_unknown_language_in_the_catalogue():
    extra = [(key, lang) for key, entry in MESSAGES.items() for lang in entry if lang not in LANGUAGES]
    assert extra == []


def test_languages_of_a_key_use_the_same_fields():
    differ = {
        key: {lang: sorted(fields(text)) for lang, text in entry.items()}
        for key, entry in MESSAGES.items()
        if len({frozenset(fields(text)) for text in entry.values()}) > 1
    }
    assert differ == {}


def test_every_category_and_language_code_has_a_label():
    for key in CATEGORY_KEYS:
        assert f"category.{key}" in MESSAGES
    for code in LANGUAGE_CODES:
        assert f"language.{code}" in MESSAGES


def test_lookup_formats_and_falls_back_to_french():
    assert t("error.event_not_found", "en", slug="x") == 'No event "x".'
    assert t("error.event_not_found", "it", slug="x") == t("error.event_not_found", "fr", slug="x")


def test_accept_language_picks_the_best_supported_language():
    assert language_from_accept("de-LU,de;q=0.9,fr;q=0.8") == "de"
    assert language_from_accept("it-IT,it;q=0.9,en;q=0.5,fr;q=0.7") == "fr"
    assert language_from_accept("en-US") == "en"
    assert language_from_accept("") == "fr"
    assert language_from_accept("es, *;q=0.1") == "fr"
    assert normalise_language("de_LU") == "de"
    assert normalise_language("lb") == "fr"
