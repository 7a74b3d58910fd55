"""Importing registrations: all-or-nothing, idempotent, tokens kept; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from partact_app.db import session_scope
from partact_app.models import Participant
from partact_app.services import events, exports, registrations
from partact_app.services.errors import ImportRejected
from tests.services.helpers import BAD_CSV, GOOD_CSV, GOOD_ROWS, csv_bytes


@pytest.fixture
def event_url(db_url) -> str:
    with session_scope(db_url) as session:
        events.create_event(session, "spring", name="Printemps", rounds=6, tables=4, round_minutes=7)
    return db_url


def _participants(url: str) -> dict[str, Participant]:
    with session_scope(url) as session:
        return {p.organisation: p for p in session.exec(select(Participant)).all()}


def test_good_file_imports_everyone(event_url):
    with session_scope(event_url) as session:
        summary = registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (4, 0, 0)
    people = _participants(event_url)
    assert people["Banque Moselle"].kind == "company"
    assert people["Banque Moselle"].wishes == "Eis Stëmm asbl"
    assert people["Fondation Ardennes Verte"].present_from_round == 2
    assert people["Eis Stëmm asbl"].languages == "fr;lb"
    tokens = {p.token for p in people.values()}
    assert len(tokens) == 4 and all(len(token) >= 32 for token in tokens)  # 24 random bytes each


def test_one_bad_row_imports_nothing_and_lists_every_bad_row(event_url):
    with pytest.raises(ImportRejected) as caught:
        with session_scope(event_url) as session:
            registrations.import_registrations(session, "spring", BAD_CSV, "r.csv")
    lines = sorted({error.line for error in caught.value.errors})
    assert lines == [2, 4, 5]
    text = "\n".join(caught.value.messages("en"))
    assert "cooking" in text and "xx" in text
    assert _participants(event_url) == {}


def test_reimport_is_idempotent_and_keeps_tokens(event_url):
    with session_scope(event_url) as session:
        registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
    before = {name: p.token for name, p in _participants(event_url).items()}
    with session_scope(event_url) as session:
        summary = registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    changed = csv_bytes([GOOD_ROWS[0].replace("Anne Weber", "Anne Weber-Hoffmann"), *GOOD_ROWS[1:]])
    with session_scope(event_url) as session:
        summary = registrations.import_registrations(session, "spring", changed, "r.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 3)
    after = _participants(event_url)
    assert {name: p.token for name, p in after.items()} == before
    assert after["Banque Moselle"].contact_name == "Anne Weber-Hoffmann"


def test_a_later_file_may_name_organisations_imported_earlier(event_url):
    with session_scope(event_url) as session:
        registrations.import_registrations(session, "spring", csv_bytes(GOOD_ROWS[1:3]), "first.csv")
    with session_scope(event_url) as session:  # Banque Moselle wishes Eis Stëmm; the Fondation avoids the Banque
        summary = registrations.import_registrations(session, "spring", csv_bytes(GOOD_ROWS[::3]), "second.csv")
    assert summary.created == 2
    assert _participants(event_url)["Fondation Ardennes Verte"].avoid == "Banque Moselle"


def test_check_in_and_absence(event_url):
    with session_scope(event_url) as session:
        registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
    person = _participants(event_url)["Banque Moselle"]
    with session_scope(event_url) as session:
        event = events.get_event(session, "spring")
        registrations.mark_absent(session, event, person.id)
    assert _participants(event_url)["Banque Moselle"].absent
    with session_scope(event_url) as session:
        event = events.get_event(session, "spring")
        registrations.check_in(session, event, person.id)
    again = _participants(event_url)["Banque Moselle"]
    assert again.checked_in and not again.absent and again.checked_in_at is not None


def test_links_export_has_one_url_per_participant(event_url):
    with session_scope(event_url) as session:
        registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
        text = exports.export(session, "spring", "links")
    lines = text.strip().splitlines()
    assert lines[0] == "organisation,type,url"
    people = _participants(event_url)
    assert len(lines) == 1 + len(people)
    for person in people.values():
        assert f"/p/{person.token}" in text


def test_matches_and_followups_exports_list_names_and_times(event_url):
    from partact_app.models import FollowUp, Match, MatchStatus

    with session_scope(event_url) as session:
        registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
    people = _participants(event_url)
    bank, choir = people["Banque Moselle"], people["Eis Stëmm asbl"]
    with session_scope(event_url) as session:
        assert exports.export(session, "spring", "matches") == "company,association,description,status,created_at\n"
        assert exports.export(session, "spring", "followups") == "from,to,created_at\n"
        event = events.get_event(session, "spring")
        session.add(Match(event_id=event.id, company_id=bank.id, association_id=choir.id,
                          company_gives_text="Audit informatique offert", status=MatchStatus.RECORDED))
        session.add(FollowUp(event_id=event.id, from_id=choir.id, to_id=bank.id))
    with session_scope(event_url) as session:
        match_rows = exports.export(session, "spring", "matches").splitlines()
        followup_rows = exports.export(session, "spring", "followups").splitlines()
    assert match_rows[1].startswith(
        "Banque Moselle,Eis Stëmm asbl,Banque Moselle → Eis Stëmm asbl: Audit informatique offert,recorded,")
    assert followup_rows[1].startswith("Eis Stëmm asbl,Banque Moselle,")


def test_exports_neutralise_formulas_and_the_participants_file_reimports_unchanged(event_url):
    """A cell Excel would run (=, +, -, @, tab, CR first) gets an apostrophe; the import takes it off again."""
    risky = csv_bytes(
        [
            GOOD_ROWS[0].replace("Anne Weber", "=HYPERLINK(\"http://x.example\";\"clic\")")
            .replace("Banque.", "\"-2+3 @cmd\""),
            *GOOD_ROWS[1:],
        ]
    )
    with session_scope(event_url) as session:
        registrations.import_registrations(session, "spring", risky, "r.csv")
        text = exports.export(session, "spring", "participants")
    import csv as _csv
    import io

    rows = {row["organisation"]: row for row in _csv.DictReader(io.StringIO(text))}
    moselle = rows["Banque Moselle"]
    assert moselle["contact_name"] == "'=HYPERLINK(\"http://x.example\";\"clic\")"
    assert moselle["description"] == "'-2+3 @cmd"
    assert moselle["phone"] == "'+352 621 000 001"
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    before = {name: (p.contact_name, p.phone, p.description) for name, p in _participants(event_url).items()}
    with session_scope(event_url) as session:
        summary = registrations.import_registrations(session, "spring", text.encode(), "participants.csv")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 4)
    after = {name: (p.contact_name, p.phone, p.description) for name, p in _participants(event_url).items()}
    assert after == before
    assert after["Banque Moselle"][0].startswith("=HYPERLINK")
