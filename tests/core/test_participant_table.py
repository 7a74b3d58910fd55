"""The console's participant table: search, filters, sort and pages (core/participant_table.py)."""

from __future__ import annotations

import time

from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES, PARTICIPANT_TYPES
from partact_app.core.participant_table import (
    MAX_SEARCH,
    PAGE_SIZE,
    ParticipantRow,
    TableQuery,
    attendance_counts,
    clean_query,
    select_rows,
)

ROWS = [
    ParticipantRow(id=1, kind="company", organisation="Banque Moselle", contact_name="Anne Weber",
                   email="anne@bm.lu", languages=["fr", "en"], offers=["it"], needs=["csr_expertise"],
                   checked_in=True),
    ParticipantRow(id=2, kind="association", organisation="Eis Stëmm asbl", contact_name="Léna Muller",
                   languages=["lb", "fr"], offers=["csr_expertise"], needs=["it"], present_from_round=3),
    ParticipantRow(id=3, kind="company", organisation="alzette Digital", languages=["en"], offers=["goods"],
                   absent=True),
    ParticipantRow(id=4, kind="association", organisation="Croix Verte", languages=["de"], needs=["goods"],
                   checked_in=True, absent=True),
]


def names(page) -> list[str]:
    return [row.organisation for row in page.rows]


def test_search_ignores_case_and_accents_and_looks_at_name_contact_and_email():
    assert names(select_rows(ROWS, TableQuery(search="STEMM"))) == ["Eis Stëmm asbl"]
    assert names(select_rows(ROWS, TableQuery(search="lena"))) == ["Eis Stëmm asbl"]
    assert names(select_rows(ROWS, TableQuery(search="bm.lu"))) == ["Banque Moselle"]
    assert names(select_rows(ROWS, TableQuery(search="banque anne"))) == ["Banque Moselle"]
    assert select_rows(ROWS, TableQuery(search="nobody")).matched == 0


def test_filters_combine():
    assert names(select_rows(ROWS, TableQuery(kind="company"))) == ["alzette Digital", "Banque Moselle"]
    assert names(select_rows(ROWS, TableQuery(offers="csr_expertise"))) == ["Eis Stëmm asbl"]
    assert names(select_rows(ROWS, TableQuery(needs="goods"))) == ["Croix Verte"]
    assert names(select_rows(ROWS, TableQuery(language="fr", checked_in="no"))) == ["Eis Stëmm asbl"]
    assert names(select_rows(ROWS, TableQuery(absent="yes", kind="association"))) == ["Croix Verte"]


def test_sorts_are_stable_by_name_and_reverse():
    assert names(select_rows(ROWS, TableQuery())) == ["alzette Digital", "Banque Moselle", "Croix Verte",
                                                     "Eis Stëmm asbl"]
    assert names(select_rows(ROWS, TableQuery(sort="checked_in", descending=True)))[:2] == ["Croix Verte",
                                                                                             "Banque Moselle"]
    assert names(select_rows(ROWS, TableQuery(sort="present")))[-1] == "Eis Stëmm asbl"
    assert names(select_rows(ROWS, TableQuery(sort="kind")))[0] == "Croix Verte"


def test_pages_are_bounded():
    many = [ParticipantRow(id=n, kind="company", organisation=f"Org {n:03d}") for n in range(1, 121)]
    first = select_rows(many, TableQuery())
    assert (len(first.rows), first.matched, first.page, first.pages) == (PAGE_SIZE, 120, 1, 3)
    last = select_rows(many, TableQuery(page=99))
    assert (last.page, len(last.rows), last.rows[-1].organisation) == (3, 20, "Org 120")
    assert select_rows([], TableQuery(page=5)).pages == 1


def test_counter_counts_the_checked_in_among_the_expected():
    assert attendance_counts(ROWS) == (1, 2)


def test_untrusted_query_values_fall_back_to_no_filter():
    choices = {"kinds": PARTICIPANT_TYPES, "categories": CATEGORY_KEYS, "languages": LANGUAGE_CODES}
    query = clean_query({"search": "x" * 10_000, "kind": "robot", "offers": ["it"], "language": "fr",
                         "checked_in": "yes", "absent": None, "sort": "__class__", "descending": "yes",
                         "page": -3}, **choices)
    assert query == TableQuery(search="x" * MAX_SEARCH, language="fr", checked_in="yes")
    assert clean_query({"page": True}, **choices).page == 1


def test_five_hundred_rows_filter_and_sort_in_a_few_milliseconds():
    rows = [ParticipantRow(id=n, kind=PARTICIPANT_TYPES[n % 2], organisation=f"Organisation {n} S.à r.l.",
                           contact_name=f"Contact {n}", languages=["fr", "en"], offers=["it"], needs=["goods"])
            for n in range(500)]
    start = time.perf_counter()
    for _ in range(20):
        select_rows(rows, TableQuery(search="organisation 4", kind="company", sort="languages"))
    assert (time.perf_counter() - start) / 20 < 0.05
