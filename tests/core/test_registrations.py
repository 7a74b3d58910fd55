"""Parsing and validation of registration files (partact_app/core/registrations.py)."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from partact_app.core.categories import CATEGORY_KEYS, LANGUAGE_CODES
from partact_app.core.registrations import (
    COLUMNS,
    ERROR_CODES,
    ParseResult,
    Registration,
    name_key,
    RowError,
    parse_registrations,
    registration_to_row,
    rows_to_csv,
)
from partact_app.i18n import LANGUAGES, MESSAGES
from partact_app.services.errors import row_error_message

DATA = Path(__file__).resolve().parents[1] / "data"

BASE = {
    "type": "company",
    "organisation": "Banque Moselle",
    "contact_name": "Anne Schmit",
    "email": "anne@banque-moselle.example.org",
    "phone": "+352 26 12 34 56",
    "languages": "fr;en",
    "offers": "it;legal",
    "needs": "volunteering",
    "description": "Banque privée.",
    "wishes": "",
    "avoid": "",
    "present_from_round": "",
    "present_to_round": "",
}
PARTNER = {**BASE, "type": "association", "organisation": "Eis Stëmm asbl", "offers": "information_relay",
           "needs": "it", "email": "", "phone": ""}


def messages(result, lang):
    """Every problem of a parse result as the user reads it (the services translate the core's codes)."""
    return [row_error_message(error, lang) for error in result.errors]


def row(**changes: str) -> dict[str, str]:
    return {**BASE, **changes}


def make_csv(rows, *, header=COLUMNS, delimiter=",", encoding="utf-8", bom=False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for item in rows:
        writer.writerow([item.get(column, "") for column in header] if isinstance(item, dict) else item)
    return ("\ufeff" if bom else "").encode(encoding) + buffer.getvalue().encode(encoding)


def make_xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for values in rows:
        sheet.append(values)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def parse(data: bytes, **kwargs) -> ParseResult:
    kwargs.setdefault("rounds", 10)
    return parse_registrations(data, **kwargs)


def codes(result: ParseResult) -> list[tuple[int, str]]:
    return [(error.line, error.code) for error in result.errors]


# --- good files ----------------------------------------------------------------------------------


def test_sample_fixture_parses_clean_with_line_numbers():
    result = parse((DATA / "registrations_sample.csv").read_bytes(), filename="registrations_sample.csv")
    assert result.ok, messages(result, "en")
    assert [r.line for r in result.registrations] == [2, 3, 4, 6]  # line 4 holds a two-line description
    bank, kirchberg, stemm, fondation = result.registrations
    assert bank == Registration(
        kind="company", organisation="Banque Moselle S.A.", contact_name="Anne Schmit",
        email="anne.schmit@banque-moselle.example.org", phone="+352 26 12 34 56", languages=("fr", "en", "de"),
        offers=("accounting", "volunteering"), needs=("csr_expertise",),
        description="Banque privée : mentorat en finance, journée de bénévolat.", wishes=("Eis Stëmm asbl",),
        avoid=(), present_from_round=None, present_to_round=None, line=2,
    )
    assert kirchberg.present_from_round == 3 and kirchberg.present_to_round is None
    assert stemm.description.count("\n") == 1 and stemm.present_to_round == 8
    assert fondation.avoid == ("Kirchberg Conseil S.à r.l.",) and fondation.email == ""


def test_comma_csv_with_bom():
    result = parse(make_csv([row(), PARTNER], bom=True))
    assert result.ok, messages(result, "en")
    assert [r.organisation for r in result.registrations] == ["Banque Moselle", "Eis Stëmm asbl"]


def test_semicolon_csv_accepts_comma_pipe_and_quoted_semicolon_lists():
    rows = [
        row(languages="fr,EN", offers="it|legal", wishes="Eis Stëmm asbl"),
        {**PARTNER, "languages": "lb;fr", "needs": "it, communication"},
    ]
    result = parse(make_csv(rows, delimiter=";"))
    assert result.ok, messages(result, "en")
    bank, stemm = result.registrations
    assert bank.languages == ("fr", "en") and bank.offers == ("it", "legal")
    assert stemm.languages == ("lb", "fr") and stemm.needs == ("it", "communication")
    assert bank.wishes == ("Eis Stëmm asbl",)


def test_semicolon_csv_in_windows_1252_like_french_excel():
    data = make_csv([row(organisation="Société Générale d'Écriture", description="Crème brûlée"), PARTNER],
                    delimiter=";", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse(data, filename="inscriptions.csv")
    assert result.ok, messages(result, "en")
    assert result.registrations[0].organisation == "Société Générale d'Écriture"
    assert result.registrations[0].description == "Crème brûlée"


def test_tab_separated_utf16_like_excel_unicode_text():
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerow([PARTNER[column] for column in COLUMNS])
    result = parse(buffer.getvalue().encode("utf-16"))
    assert result.ok, messages(result, "en")
    assert result.registrations[0].organisation == "Eis Stëmm asbl"


def test_xlsx_first_sheet_numbers_and_blank_cells():
    header = [" Type", "ORGANISATION ", "Languages", "offers", "needs", "wishes", "present from round",
              "present_to_round", "phone"]
    data = make_xlsx([
        header,
        ["company", "Banque Moselle", "fr; en", "IT", None, "eis stëmm ASBL", 3.0, 9, 352261234],
        [None, None, None, None, None, None, None, None, None],
        ["Association", " Eis  Stëmm asbl ", "lb", None, "it", None, None, None, None],
    ])
    assert data[:4] == b"PK\x03\x04"
    result = parse(data, filename="inscriptions.xlsx")
    assert result.ok, messages(result, "en")
    bank, stemm = result.registrations
    assert (bank.line, stemm.line) == (2, 4)
    assert bank.present_from_round == 3 and bank.present_to_round == 9
    assert bank.phone == "352261234" and bank.email == "" and bank.offers == ("it",)
    assert bank.wishes == ("Eis Stëmm asbl",)
    assert stemm.kind == "association" and stemm.organisation == "Eis Stëmm asbl"


def test_xlsx_detected_by_magic_bytes_without_filename():
    data = make_xlsx([["type", "organisation", "languages"], ["company", "Banque Moselle", "fr"]])
    result = parse(data)
    assert result.ok and result.registrations[0].organisation == "Banque Moselle"


def test_xlsx_errors_use_sheet_row_numbers():
    data = make_xlsx([["type", "organisation", "languages", "present_from_round"], [], [],
                      ["company", "Banque Moselle", "fr", 2.5]])
    result = parse(data)
    assert codes(result) == [(4, "round_not_integer")]
    assert "2.5" in row_error_message(result.errors[0], "en")


def test_normalisation_of_case_spaces_and_duplicates():
    rows = [
        row(type=" COMPANY ", organisation="  Banque \t  Moselle  ", languages=" FR ; en;fr ;EN",
            offers=" IT ; Legal;it", needs="", wishes=" eis   STËMM asbl ;Eis Stëmm asbl",
            contact_name=" Anne   Schmit ",
            present_from_round=" 2 ", present_to_round="10"),
        {**PARTNER, "type": "Association"},
    ]
    header = [f"  {column.upper()} " for column in COLUMNS]
    result = parse(make_csv([[r[c] for c in COLUMNS] for r in rows], header=header, bom=True))
    assert result.ok, messages(result, "en")
    bank = result.registrations[0]
    assert bank.kind == "company" and bank.organisation == "Banque Moselle"
    assert bank.languages == ("fr", "en") and bank.offers == ("it", "legal") and bank.needs == ()
    assert bank.wishes == ("Eis Stëmm asbl",) and bank.contact_name == "Anne Schmit"
    assert (bank.present_from_round, bank.present_to_round) == (2, 10)


def test_optional_columns_may_be_absent_and_blank_rows_are_skipped():
    data = b"organisation,type,languages\r\n\r\nBanque Moselle,company,fr\r\n,,\r\nEis Stemm,association,lb\r\n"
    result = parse(data)
    assert result.ok
    assert [(r.line, r.organisation) for r in result.registrations] == [(3, "Banque Moselle"), (5, "Eis Stemm")]
    assert result.registrations[0].offers == () and result.registrations[0].present_from_round is None


def test_wishes_and_avoid_may_name_existing_organisations_with_their_spelling():
    existing = [("association", "Kanner am Gaart asbl"), ("company", "Alzette Digital S.A.")]
    result = parse(make_csv([row(wishes="KANNER am gaart ASBL", avoid="eis stëmm asbl"), PARTNER]), existing=existing)
    assert result.ok, messages(result, "en")
    assert result.registrations[0].wishes == ("Kanner am Gaart asbl",)
    assert result.registrations[0].avoid == ("Eis Stëmm asbl",)


def test_type_aliases_in_french_and_german():
    result = parse(make_csv([row(type="Entreprise"), {**PARTNER, "type": "asbl"},
                             {**PARTNER, "organisation": "Verein X", "type": "Verein"}]))
    assert result.ok
    assert [r.kind for r in result.registrations] == ["company", "association", "association"]


# --- errors, one kind at a time -----------------------------------------------------------------

ROW_ERRORS = [
    # (code, bad row, offending value that the message must mention)
    ("missing_type", row(type=""), None),
    ("unknown_type", row(type="startup"), "startup"),
    ("empty_organisation", row(organisation="  "), None),
    ("missing_languages", row(languages=" ; "), None),
    ("unknown_language", row(languages="fr;PT"), "PT"),
    ("unknown_category", row(needs="communication;marketing"), "marketing"),
    ("bad_email", row(email="anne.schmit(at)example.org"), "anne.schmit(at)example.org"),
    ("bad_email", row(email="anne@localhost"), "anne@localhost"),
    ("round_not_integer", row(present_from_round="deux"), "deux"),
    ("round_not_integer", row(present_to_round="2.5"), "2.5"),
    ("round_out_of_range", row(present_to_round="11"), "11"),
    ("round_out_of_range", row(present_from_round="0"), "0"),
    ("round_order", row(present_from_round="7", present_to_round="3"), "7"),
    ("partner_not_found", row(wishes="Fondation Inconnue"), "Fondation Inconnue"),
    ("partner_same_type", row(avoid="Kirchberg Conseil"), "Kirchberg Conseil"),
    ("partner_same_type", row(wishes="Banque Moselle"), "Banque Moselle"),
    ("wish_and_avoid", row(wishes="Eis Stëmm asbl", avoid="eis stëmm asbl"), "Eis Stëmm asbl"),
    ("extra_cells", [*BASE.values(), "surplus"], "surplus"),
]


@pytest.mark.parametrize(
    ("code", "bad", "value"), ROW_ERRORS, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(ROW_ERRORS)]
)
def test_each_row_error(code, bad, value):
    good_company = {**BASE, "organisation": "Kirchberg Conseil"}
    result = parse(make_csv([PARTNER, good_company, bad]))
    assert codes(result) == [(4, code)]
    assert not result.ok
    assert [r.organisation for r in result.registrations] == ["Eis Stëmm asbl", "Kirchberg Conseil"]
    for lang, prefix in (("fr", "Ligne 4 : "), ("en", "Line 4: "), ("de", "Zeile 4: ")):
        message = row_error_message(result.errors[0], lang)
        assert message.startswith(prefix)
        if value is not None:
            assert value in message


def test_unknown_category_names_column_and_valid_keys():
    result = parse(make_csv([row(offers="IT;Coaching")]))
    message = row_error_message(result.errors[0], "fr")
    assert "Coaching" in message and "offers" in message
    assert all(key in message for key in CATEGORY_KEYS)


def test_unknown_language_lists_valid_codes():
    message = row_error_message(parse(make_csv([row(languages="lu")])).errors[0], "en")
    assert "lu" in message and all(code in message for code in LANGUAGE_CODES)


def test_duplicate_organisation_names_first_line():
    rows = [row(), PARTNER, row(organisation="  banque   MOSELLE ", type="association")]
    result = parse(make_csv(rows))
    assert codes(result) == [(4, "duplicate_organisation")]
    assert result.errors[0].params["first_line"] == 2
    message = row_error_message(result.errors[0], "en")
    assert "banque MOSELLE" in message and "line 2" in message
    assert "ligne 2" in row_error_message(result.errors[0], "fr")


def test_registered_organisation_is_an_update():
    result = parse(make_csv([row(organisation="Alzette Digital S.A.")]), existing=[("company", "ALZETTE digital s.a.")])
    assert result.ok and [r.organisation for r in result.registrations] == ["Alzette Digital S.A."]


def test_registered_organisation_cannot_change_its_type():
    result = parse(make_csv([row(organisation="Alzette Digital S.A.")]),
                   existing=[("association", "ALZETTE digital s.a.")])
    assert codes(result) == [(2, "kind_changed")]
    assert "Alzette Digital S.A." in row_error_message(result.errors[0], "de")


def test_partner_of_the_same_type_in_existing():
    result = parse(make_csv([row(wishes="Alzette Digital")]), existing=[("company", "Alzette Digital")])
    assert codes(result) == [(2, "partner_same_type")]


def test_round_limit_follows_rounds_argument():
    data = make_csv([row(present_to_round="6")])
    assert parse(data, rounds=6).ok
    result = parse(data, rounds=5)
    assert codes(result) == [(2, "round_out_of_range")]
    assert "5" in row_error_message(result.errors[0], "en")


def test_several_errors_on_one_row_are_all_reported():
    bad = row(type="firm", languages="xx", offers="it;magic", email="nope", present_from_round="12")
    result = parse(make_csv([bad]))
    assert [code for _, code in codes(result)] == [
        "unknown_type", "unknown_language", "unknown_category", "bad_email", "round_out_of_range"]
    assert {line for line, _ in codes(result)} == {2}


def test_three_kinds_of_bad_rows_are_all_listed():
    rows = [
        row(),
        {**PARTNER, "languages": "fr;es"},
        row(organisation="Kirchberg Conseil", offers="it;catering"),
        PARTNER | {"organisation": "Kanner am Gaart asbl"},
        row(organisation="Ardennes Logistique", present_from_round="9", present_to_round="2"),
    ]
    result = parse(make_csv(rows))
    assert codes(result) == [(3, "unknown_language"), (4, "unknown_category"), (6, "round_order")]
    texts = messages(result, "fr")
    assert "es" in texts[0] and "catering" in texts[1] and "9" in texts[2]
    assert [r.organisation for r in result.registrations] == ["Banque Moselle", "Kanner am Gaart asbl"]


def test_missing_required_columns_is_one_error_on_line_one():
    data = make_csv([["Banque Moselle", "fr"]], header=["organisation", "langues"])
    result = parse(data)
    assert codes(result) == [(1, "missing_columns")]
    message = row_error_message(result.errors[0], "en")
    assert message.startswith("Line 1: ") and "type" in message and "languages" in message
    assert "organisation" not in result.errors[0].params["columns"]


def test_duplicate_column_in_header():
    header = ["type", "organisation", "languages", "Languages"]
    data = make_csv([["company", "Banque Moselle", "fr", "fr"]], header=header)
    result = parse(data)
    assert codes(result) == [(1, "duplicate_column")]
    assert "languages" in row_error_message(result.errors[0], "fr")


@pytest.mark.parametrize("data", [b"", b"   \r\n", "\ufeff".encode(), b"type,organisation,languages\r\n\r\n,,\r\n"])
def test_empty_file(data):
    result = parse(data)
    assert codes(result) == [(0, "empty_file")]
    assert row_error_message(result.errors[0], "fr") == MESSAGES["import.empty_file"]["fr"]  # no line prefix


def test_binary_garbage_is_unreadable():
    result = parse(bytes(range(256)) * 4, filename="photo.csv")
    assert codes(result) in ([(0, "file_unreadable")], [(0, "bad_encoding")])


def test_undecodable_bytes_are_a_bad_encoding():
    data = "type,organisation,languages\r\ncompany,Banque,fr\r\n".encode() + b"\x81\x8d\xff\xfe"
    result = parse(data)
    assert codes(result) == [(0, "bad_encoding")]
    assert "UTF-8" in row_error_message(result.errors[0], "en")


def test_corrupt_xlsx_and_legacy_xls():
    assert codes(parse(b"PK\x03\x04 not really a zip", filename="x.xlsx")) == [(0, "file_unreadable")]
    assert codes(parse(b"type,organisation\r\n", filename="inscriptions.xlsx")) == [(0, "file_unreadable")]
    legacy = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    result = parse(legacy, filename="inscriptions.xls")
    assert codes(result) == [(0, "xls_not_supported")]
    assert ".xls" in row_error_message(result.errors[0], "fr")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('type,organisation,languages,description\r\ncompany,A,fr,ok\r\ncompany,B,fr,"open\r\ncompany,C,fr,x\r\n', 3),
        ('type,organisation,languages,description\r\ncompany,A,fr,"closed"then text\r\n', 2),
    ],
)
def test_bad_quotes_stop_at_the_line_where_the_record_starts(text, line):
    result = parse(text.encode())
    assert codes(result) == [(line, "bad_quotes")]
    assert row_error_message(result.errors[0], "en").startswith(f"Line {line}: ")


def test_quotes_inside_an_unquoted_cell_are_literal():
    data = b'type,organisation,languages,description\r\ncompany,A,fr,the "best" bank\r\n'
    assert parse(data).registrations[0].description == 'the "best" bank'


def test_multi_line_cells_report_their_starting_line():
    rows = [row(description="one\ntwo\nthree"), PARTNER, row(organisation="X", languages="zz")]
    result = parse(make_csv(rows))
    assert codes(result) == [(6, "unknown_language")]  # header 1, row 2-4, partner 5, bad row 6


# --- messages and catalogue ----------------------------------------------------------------------


def test_every_error_code_has_a_message_in_every_language():
    for code in ERROR_CODES:
        entry = MESSAGES[f"import.{code}"]
        assert set(LANGUAGES) <= set(entry), code
    assert {"fr", "en", "de"} <= set(MESSAGES["import.line"])


def test_row_error_message_format():
    error = RowError(4, "bad_email", {"value": "x@"})
    assert row_error_message(error, "fr") == "Ligne 4 : Adresse e-mail invalide : « x@ »."
    assert row_error_message(error, "en") == 'Line 4: Invalid e-mail address: "x@".'
    assert row_error_message(error, "de") == "Zeile 4: Ungültige E-Mail-Adresse: „x@“."
    assert row_error_message(error, "it") == row_error_message(error, "fr")  # unknown languages fall back to French
    assert hash(error) == hash(RowError(4, "bad_email", {"value": "y@"}))  # params are not hashed


# --- round trip ----------------------------------------------------------------------------------

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";|"),
    max_size=20,
)
_name = _text.map(lambda s: unicodedata.normalize("NFC", " ".join(s.split()))).filter(bool)


@st.composite
def registration_sets(draw):
    count = draw(st.integers(min_value=1, max_value=8))
    names = draw(st.lists(_name, min_size=count, max_size=count, unique_by=name_key))
    kinds = draw(st.lists(st.sampled_from(["company", "association"]), min_size=count, max_size=count))
    rounds = draw(st.integers(min_value=1, max_value=12))
    regs = []
    for name, kind in zip(names, kinds):
        others = [n for n, k in zip(names, kinds) if k != kind]
        partners = draw(st.lists(st.sampled_from(others), unique=True, max_size=3)) if others else []
        split = draw(st.integers(min_value=0, max_value=len(partners)))
        first = draw(st.none() | st.integers(min_value=1, max_value=rounds))
        last = draw(st.none() | st.integers(min_value=first or 1, max_value=rounds))
        regs.append(
            Registration(
                kind=kind,
                organisation=name,
                contact_name=draw(_name | st.just("")),
                email=draw(st.sampled_from(["", "a.b@example.org", "x_y+z@sub.example.lu"])),
                phone=draw(st.sampled_from(["", "+352 621 123 456", "+352 26 12 34 56"])),
                languages=tuple(draw(st.lists(st.sampled_from(LANGUAGE_CODES), unique=True, min_size=1))),
                offers=tuple(draw(st.lists(st.sampled_from(CATEGORY_KEYS), unique=True))),
                needs=tuple(draw(st.lists(st.sampled_from(CATEGORY_KEYS), unique=True))),
                description=draw(_text).strip(),
                wishes=tuple(partners[:split]),
                avoid=tuple(partners[split:]),
                present_from_round=first,
                present_to_round=last,
                line=0,
            )
        )
    return regs, rounds


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registration_sets(), st.booleans())
def test_random_valid_rows_round_trip_through_csv(data, bom):
    regs, rounds = data
    result = parse(rows_to_csv((registration_to_row(r) for r in regs), bom=bom), rounds=rounds)
    assert result.ok, messages(result, "en")
    assert [r.line for r in result.registrations] == list(range(2, len(regs) + 2))
    stripped = [Registration(**{**r.__dict__, "line": 0}) for r in result.registrations]
    assert stripped == regs


def test_round_trip_keeps_line_numbers_sequential():
    regs = parse(make_csv([row(), PARTNER])).registrations
    again = parse(rows_to_csv(registration_to_row(r) for r in regs))
    assert again.registrations == regs
