"""The demo registrations (partact_app/core/demo.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES
from partact_app.core.demo import ASSOCIATIONS, COMPANIES, DEMO_ROUNDS, demo_csv, demo_registrations
from partact_app.core.registrations import COLUMNS, parse_registrations


@pytest.fixture(scope="module")
def parsed():
    result = parse_registrations(demo_csv(), rounds=DEMO_ROUNDS, filename="demo.csv")
    assert result.ok, result.errors
    return result.registrations


def test_rows_have_exactly_the_contract_columns_as_strings():
    rows = demo_registrations()
    for row in rows:
        assert list(row) == list(COLUMNS)
        assert all(isinstance(value, str) for value in row.values())


def test_demo_parses_clean_with_the_right_counts(parsed):
    kinds = Counter(r.kind for r in parsed)
    assert kinds == {"company": 22, "association": 32}
    assert len({r.organisation.casefold() for r in parsed}) == 54
    assert DEMO_ROUNDS == 10


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 7, 42, 2024])
def test_every_seed_parses_clean_and_keeps_its_shape(seed):
    result = parse_registrations(demo_csv(seed), rounds=10)
    assert result.ok, result.errors
    regs = result.registrations
    assert 2 <= sum(bool(r.avoid) for r in regs) <= 3
    partial = [r for r in regs if r.present_from_round is not None or r.present_to_round is not None]
    assert 3 <= len(partial) <= 4
    for r in partial:
        assert 1 <= (r.present_from_round or 1) <= (r.present_to_round or 10) <= 10
    assert sum(bool(r.wishes) for r in regs) >= 4
    for r in regs:
        assert not set(r.wishes) & set(r.avoid)


def test_deterministic_for_a_seed():
    assert demo_registrations(7) == demo_registrations(7)
    assert demo_csv() == demo_csv(7) == demo_csv(7)
    assert demo_csv(1) != demo_csv(2)


def test_names_are_invented_luxembourg_style(parsed):
    names = [r.organisation for r in parsed]
    assert "Banque Moselle S.A." in names and "Eis Stëmm asbl" in names
    associations = [r.organisation for r in parsed if r.kind == "association"]
    assert all(re.search(r"asbl|a\.s\.b\.l\.|^Fondation ", name) for name in associations)
    assert len(COMPANIES) == 22 and len(ASSOCIATIONS) == 32


def test_contacts_emails_and_phones(parsed):
    emails = [r.email for r in parsed]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z.]+@[a-z0-9-]+\.example\.org", email) for email in emails)
    assert all(r.phone.startswith("+352 ") for r in parsed)
    assert all(len(r.contact_name.split()) >= 2 for r in parsed)


def test_descriptions_mix_french_german_and_english(parsed):
    text = [r.description for r in parsed]
    french = sum(bool(re.search(r"\b(Nous|nous|pour|des)\b", d)) for d in text)
    german = sum(bool(re.search(r"\b(Wir|und|für)\b", d)) for d in text)
    english = sum(bool(re.search(r"\b(We|we|and|our)\b", d)) for d in text)
    assert min(french, german, english) >= 8
    assert all(0 < len(d) < 250 for d in text)


def test_languages_mostly_french_with_a_few_forbidden_pairs(parsed):
    assert sum("fr" in r.languages for r in parsed) >= 0.8 * len(parsed)
    assert all(set(r.languages) <= set(LANGUAGE_CODES) for r in parsed)
    assert 1 <= sum(len(r.languages) == 1 for r in parsed) <= 2
    assert any(len(r.languages) >= 3 for r in parsed)
    companies = [r for r in parsed if r.kind == "company"]
    associations = [r for r in parsed if r.kind == "association"]
    forbidden = [(c, a) for c in companies for a in associations if not set(c.languages) & set(a.languages)]
    assert 1 <= len(forbidden) <= 15


def test_offers_and_needs_are_varied_with_realistic_popularity(parsed):
    companies = [r for r in parsed if r.kind == "company"]
    associations = [r for r in parsed if r.kind == "association"]
    offered = Counter(key for r in companies for key in r.offers)
    needed = Counter(key for r in associations for key in r.needs)
    assert set(offered) | set(needed) >= set(CATEGORY_KEYS) - {"csr_expertise", "information_relay"}
    for popular in ("communication", "it", "volunteering"):
        assert needed[popular] > needed["governance"]
        assert needed[popular] > needed["premises"]
    assert set(Counter(key for r in associations for key in r.offers)) <= {
        "volunteering", "csr_expertise", "information_relay"}
    assert all(r.offers and r.needs for r in parsed)
