"""One participant as a form enters it: the same checks as a row of an imported file
(core/registrations.validate_registration), the template, the bounds on a file."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from partact_app.core.registration_template import EXAMPLE_ASSOCIATION, EXAMPLE_COMPANY, template_rows
from partact_app.core.registrations import (
    COLUMNS,
    MAX_LENGTHS,
    MAX_ROWS,
    error_column,
    parse_registrations,
    rows_to_csv,
    validate_registration,
)
from partact_app.models import Participant
from partact_app.services.errors import row_error_message

BANK = {
    "type": "company",
    "organisation": "Banque Moselle",
    "contact_name": "Anne Weber",
    "email": "anne@example.lu",
    "phone": "+352 621 000 001",
    "languages": "fr;en",
    "offers": "it;legal",
    "needs": "csr_expertise",
    "description": "Banque.",
    "wishes": "Eis Stëmm asbl",
    "avoid": "",
    "present_from_round": "",
    "present_to_round": "",
}
OTHERS = [("association", "Eis Stëmm asbl"), ("association", "Fondation, Ardennes"), ("company", "Kirchberg")]


def check(cells, **kwargs):
    kwargs.setdefault("rounds", 10)
    kwargs.setdefault("others", OTHERS)
    return validate_registration(cells, **kwargs)


def test_a_good_form_gives_the_registration_a_file_row_would():
    result = check(BANK)
    assert result.ok
    from_file = parse_registrations(rows_to_csv([BANK]), rounds=10, existing=OTHERS).registrations[0]
    assert result.registrations[0] == type(from_file)(**{**from_file.__dict__, "line": 0})


@pytest.mark.parametrize(
    ("change", "code", "column"),
    [
        ({"type": "bank"}, "unknown_type", "type"),
        ({"type": ""}, "missing_type", "type"),
        ({"organisation": "  "}, "empty_organisation", "organisation"),
        ({"organisation": "kirchberg "}, "organisation_exists", "organisation"),
        ({"languages": ""}, "missing_languages", "languages"),
        ({"languages": "fr;xx"}, "unknown_language", "languages"),
        ({"offers": "cooking"}, "unknown_category", "offers"),
        ({"needs": "it;cooking"}, "unknown_category", "needs"),
        ({"email": "anne@"}, "bad_email", "email"),
        ({"present_from_round": "two"}, "round_not_integer", "present_from_round"),
        ({"present_to_round": "11"}, "round_out_of_range", "present_to_round"),
        ({"present_from_round": "5", "present_to_round": "3"}, "round_order", "present_to_round"),
        ({"wishes": "Nobody asbl"}, "partner_not_found", "wishes"),
        ({"avoid": "Kirchberg"}, "partner_same_type", "avoid"),
        ({"wishes": "Eis Stëmm asbl", "avoid": "eis stëmm ASBL"}, "wish_and_avoid", "avoid"),
        ({"organisation": "B" * 201}, "too_long", "organisation"),
        ({"description": "x" * 4001}, "too_long", "description"),
    ],
)
def test_each_problem_names_its_field_and_says_it_without_a_line(change, code, column):
    result = check({**BANK, **change})
    assert not result.ok and result.registrations == ()
    assert [error.code for error in result.errors] == [code]
    error = result.errors[0]
    assert error.line == 0 and error_column(error) == column
    message = row_error_message(error, "en")
    assert not message.startswith("Line")


def test_every_problem_of_a_form_is_reported_at_once():
    result = check({**BANK, "email": "x@", "languages": "zz", "offers": "cooking"})
    assert {error_column(error) for error in result.errors} == {"email", "languages", "offers"}


def test_an_edit_keeps_its_name_and_type_and_may_name_partners_with_commas():
    mine = [("company", "Banque Moselle"), *OTHERS]
    others = [pair for pair in mine if pair[1] != "Banque Moselle"]
    assert check(BANK, others=others, kind="company").ok
    changed = check({**BANK, "type": "association", "wishes": ""}, others=others, kind="company")
    assert [error.code for error in changed.errors] == ["kind_changed"]
    commas = check({**BANK, "wishes": "Fondation, Ardennes; Eis Stëmm asbl"})
    assert commas.registrations[0].wishes == ("Fondation, Ardennes", "Eis Stëmm asbl")


def test_absent_columns_are_blank_and_other_keys_and_non_text_values_are_ignored():
    result = check({"type": "association", "organisation": "Nouvelle asbl", "languages": "de", "extra": "x",
                    "description": 42})
    assert result.ok
    registration = result.registrations[0]
    assert registration.description == "" and registration.present_from_round is None


def test_text_limits_follow_the_database_columns():
    for column, limit in MAX_LENGTHS.items():
        if column == "description":
            continue
        assert Participant.model_fields[column].metadata[0].max_length == limit, column
    assert check({**BANK, "contact_name": "c" * 200}).ok


def test_a_file_with_too_many_rows_is_refused_as_a_whole():
    rows = [{**BANK, "organisation": f"Banque {n}", "wishes": ""} for n in range(MAX_ROWS + 1)]
    result = parse_registrations(rows_to_csv(rows), rounds=10)
    assert [(error.line, error.code) for error in result.errors] == [(0, "too_many_rows")]
    assert str(MAX_ROWS) in row_error_message(result.errors[0], "en")
    exactly = parse_registrations(rows_to_csv(rows[:MAX_ROWS]), rounds=10)
    assert exactly.ok and len(exactly.registrations) == MAX_ROWS


def test_empty_lines_are_not_kept_but_still_count_for_line_numbers():
    data = ",".join(COLUMNS).encode() + b"\r\n" * 500_000 + rows_to_csv([BANK]).split(b"\r\n", 1)[1]
    result = parse_registrations(data, rounds=10, existing=OTHERS)
    assert result.ok and result.registrations[0].line == 500_001  # the header ends on line 1


def test_a_workbook_that_unpacks_too_large_is_refused_before_it_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (30 * 1024 * 1024))
    result = parse_registrations(buffer.getvalue(), rounds=10, filename="big.xlsx")
    assert [error.code for error in result.errors] == ["file_too_large"]


def test_the_template_has_the_header_and_one_example_per_type_and_imports_as_it_is():
    header, *examples = template_rows()
    assert tuple(header) == COLUMNS
    assert [row[0] for row in examples] == ["company", "association"]
    result = parse_registrations(rows_to_csv([EXAMPLE_COMPANY, EXAMPLE_ASSOCIATION]), rounds=6)
    assert result.ok and len(result.registrations) == 2
    workbook = Workbook()
    for row in template_rows():
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    assert parse_registrations(data.getvalue(), rounds=6, filename="t.xlsx").ok


def test_a_tiny_workbook_with_a_far_away_cell_is_cheap():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["type", "organisation", "languages"])
    sheet.append(["company", "Banque", "fr"])
    sheet.cell(row=1_000_000, column=3, value="x")
    sheet.cell(row=3, column=16_000, value="far right")
    data = io.BytesIO()
    workbook.save(data)
    started = time.perf_counter()
    result = parse_registrations(data.getvalue(), rounds=10, filename="far.xlsx")
    assert time.perf_counter() - started < 5
    assert [error.code for error in result.errors] == ["sheet_too_long"]
