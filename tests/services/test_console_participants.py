"""The console's participant use cases: one participant added, edited, removed; check-in, no-shows, late arrivals,
early departures, walk-ins, each re-planned at once; what the consoles and phones are told. SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlmodel import select

from partact_app.broadcast import bus
from partact_app.core.schedule import Meeting as PlannedMeeting
from partact_app.core.schedule import check_schedule
from partact_app.core.participant_table import TableQuery
from partact_app.db import session_scope
from partact_app.models import Event, Meeting, Participant
from partact_app.services import attendance, events, registrations, rounds
from partact_app.services.errors import Conflict, Invalid
from partact_app.services.scheduling import AgendaChange, _sides, schedule_event
from partact_app.core.demo import demo_csv
from tests.services.helpers import GOOD_CSV

NEW = {
    "type": "association",
    "organisation": "Nouvelle Asbl",
    "contact_name": "Paul",
    "languages": "fr;en",
    "offers": "information_relay",
    "needs": "it;legal",
    "wishes": "Banque Moselle",
}


@pytest.fixture
def small_url(db_url) -> str:
    """Four participants (tests/services/helpers.py), no schedule."""
    with session_scope(db_url) as session:
        events.create_event(session, "spring", name="Printemps", rounds=6, tables=4, round_minutes=7)
        registrations.import_registrations(session, "spring", GOOD_CSV, "r.csv")
    return db_url


@pytest.fixture
def scheduled_url(small_url) -> str:
    with session_scope(small_url) as session:
        schedule_event(session, "spring")
    return small_url


@pytest.fixture
def demo_url(db_url) -> str:
    """The demo registrations (54 participants, 10 rounds), scheduled."""
    with session_scope(db_url) as session:
        events.create_event(session, "spring", name="Printemps", rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, "spring", demo_csv(), "demo.csv")
        schedule_event(session, "spring")
    return db_url


@pytest.fixture
def told():
    heard: list = []
    bus.listen(heard.append)
    yield heard
    bus._listeners.remove(heard.append)


def act(url, action, *args):
    with session_scope(url) as session:
        return action(session, events.get_event(session, "spring"), *args)


def people(url) -> dict[str, Participant]:
    with session_scope(url) as session:
        return {p.organisation: p for p in session.exec(select(Participant)).all()}


def event_of(url) -> Event:
    with session_scope(url) as session:
        return events.get_event(session, "spring")


def meetings(url) -> list[Meeting]:
    with session_scope(url) as session:
        return list(session.exec(select(Meeting).order_by(Meeting.round, Meeting.table)).all())


def rounds_of(url, participant_id: int) -> dict[int, int]:
    """round -> counterpart of a participant."""
    out = {}
    for m in meetings(url):
        if participant_id in (m.company_id, m.association_id):
            out[m.round] = m.association_id if m.company_id == participant_id else m.company_id
    return out


def valid(url, after_round: int = 0) -> list[str]:
    with session_scope(url) as session:
        event = events.get_event(session, "spring")
        companies, associations = _sides(session, event)
        planned = [PlannedMeeting(m.round, m.table, m.company_id, m.association_id, m.score)
                   for m in session.exec(select(Meeting)).all()]
        return check_schedule(planned, companies, associations, event.rounds, event.tables, after_round=after_round)


# --- one participant ----------------------------------------------------------------------------------------


def test_add_a_participant_with_the_import_checks(scheduled_url, told):
    before = event_of(scheduled_url)
    participant = act(scheduled_url, registrations.add_participant, NEW)
    assert len(participant.token) >= 32
    stored = people(scheduled_url)["Nouvelle Asbl"]
    assert (stored.languages, stored.needs, stored.wishes) == ("fr;en", "it;legal", "Banque Moselle")
    after = event_of(scheduled_url)
    assert after.schedule_outdated and after.revision == before.revision + 1
    assert told[-1].revision == after.revision


def test_a_bad_participant_is_refused_field_by_field_and_nothing_is_stored(small_url):
    bad = {**NEW, "organisation": "banque moselle", "email": "paul@", "languages": "", "present_from_round": "9",
           "wishes": ""}
    with pytest.raises(Invalid) as caught:
        act(small_url, registrations.add_participant, bad)
    fields = caught.value.by_field("en")
    assert set(fields) == {"organisation", "email", "languages", "present_from_round"}
    assert "already registered" in fields["organisation"]
    assert caught.value.message("fr").startswith("Rien n'a été enregistré : 4")
    assert len(people(small_url)) == 4


def test_edit_renames_in_the_others_lists_keeps_the_type_and_tells_the_phones(scheduled_url, told):
    bank = people(scheduled_url)["Banque Moselle"]
    cells = registrations.participant_cells
    with session_scope(scheduled_url) as session:
        form = cells(session, events.get_event(session, "spring"), bank.id)
    assert form["languages"] == "fr;en" and form["wishes"] == "Eis Stëmm asbl"
    version = event_of(scheduled_url).schedule_version
    assert act(scheduled_url, registrations.update_participant, bank.id, form).updated_at == bank.updated_at
    assert told == []  # nothing changed, nothing said
    act(scheduled_url, registrations.update_participant, bank.id, {**form, "organisation": "Banque Moselle S.A.",
                                                                   "contact_name": "Anne W."})
    everyone = people(scheduled_url)
    assert everyone["Fondation Ardennes Verte"].avoid == "Banque Moselle S.A."
    event = event_of(scheduled_url)
    assert event.schedule_outdated and event.schedule_version == version + 1
    assert set(told[-1].changed) == {bank.id} | set(rounds_of(scheduled_url, bank.id).values())
    with pytest.raises(Invalid) as caught:
        act(scheduled_url, registrations.update_participant, bank.id, {**form, "type": "association", "wishes": ""})
    assert caught.value.by_field("en").keys() == {"type"}


def test_a_contact_change_keeps_the_schedule_current(scheduled_url):
    bank = people(scheduled_url)["Banque Moselle"]
    with session_scope(scheduled_url) as session:
        form = registrations.participant_cells(session, events.get_event(session, "spring"), bank.id)
    act(scheduled_url, registrations.update_participant, bank.id, {**form, "phone": "+352 1"})
    assert not event_of(scheduled_url).schedule_outdated


def test_remove_before_round_one_only(scheduled_url):
    choir = people(scheduled_url)["Eis Stëmm asbl"]
    assert act(scheduled_url, registrations.remove_participant, choir.id) == "Eis Stëmm asbl"
    everyone = people(scheduled_url)
    assert "Eis Stëmm asbl" not in everyone and everyone["Banque Moselle"].wishes == ""
    assert all(choir.id not in (m.company_id, m.association_id) for m in meetings(scheduled_url))
    assert event_of(scheduled_url).schedule_outdated
    act(scheduled_url, rounds.next_round)
    with pytest.raises(Conflict) as caught:
        act(scheduled_url, registrations.remove_participant, everyone["Banque Moselle"].id)
    assert caught.value.code == "remove_started"


def test_unknown_participant_of_another_event(small_url):
    with session_scope(small_url) as session:
        events.create_event(session, "other", name="Autre", rounds=3, tables=2, round_minutes=5)
    bank = people(small_url)["Banque Moselle"]
    with pytest.raises(Exception) as caught, session_scope(small_url) as session:
        attendance.mark_absent(session, events.get_event(session, "other"), bank.id)
    assert caught.value.code == "participant_not_found"


# --- attendance ----------------------------------------------------------------------------------------------


def test_check_in_tells_the_consoles_and_does_not_touch_the_schedule(scheduled_url, told):
    bank = people(scheduled_url)["Banque Moselle"]
    version = event_of(scheduled_url).schedule_version
    assert act(scheduled_url, attendance.check_in, bank.id, True) is None
    event = event_of(scheduled_url)
    assert people(scheduled_url)["Banque Moselle"].checked_in
    assert (event.schedule_version, event.schedule_outdated) == (version, False)
    assert told[-1].revision == event.revision
    with session_scope(scheduled_url) as session:
        view = registrations.participant_table(session, events.get_event(session, "spring"), TableQuery())
    assert (view.checked_in, view.expected, view.total) == (1, 4, 4)


def test_no_shows_before_round_one(scheduled_url):
    everyone = people(scheduled_url)
    with pytest.raises(Conflict) as caught:
        act(scheduled_url, attendance.no_shows_before_start)
    assert caught.value.code == "nobody_checked_in"
    for name in ("Banque Moselle", "Eis Stëmm asbl"):
        act(scheduled_url, attendance.check_in, everyone[name].id, True)
    count, replan = act(scheduled_url, attendance.no_shows_before_start)
    assert count == 2 and replan is not None
    absent = {name for name, p in people(scheduled_url).items() if p.absent}
    assert absent == {"Kirchberg Conseil", "Fondation Ardennes Verte"}
    assert {(m.company_id, m.association_id) for m in meetings(scheduled_url)} == {
        (everyone["Banque Moselle"].id, everyone["Eis Stëmm asbl"].id)}
    act(scheduled_url, rounds.next_round)
    with pytest.raises(Conflict) as caught:
        act(scheduled_url, attendance.no_shows_before_start)
    assert caught.value.code == "no_shows_started"


def test_absent_from_now_keeps_the_past_and_changes_only_what_it_must(demo_url, told):
    act(demo_url, rounds.next_round)
    act(demo_url, rounds.next_round)  # round 2 under way
    bank = people(demo_url)["Banque Moselle S.A."]
    assert max(rounds_of(demo_url, bank.id)) > 2
    before = meetings(demo_url)
    replan = act(demo_url, attendance.mark_absent, bank.id)
    after = meetings(demo_url)
    held = lambda ms: [(m.round, m.table, m.company_id, m.association_id) for m in ms if m.round <= 2]  # noqa: E731
    assert held(after) == held(before)
    assert all(m.round <= 2 for m in after if bank.id in (m.company_id, m.association_id))
    assert replan.changes and all(change.round > 2 for change in replan.changes)
    assert set(told[-1].changed) == replan.affected
    assert len(replan.affected) < len(people(demo_url)) / 2  # the stable re-plan: most agendas stay as they were
    assert valid(demo_url, after_round=2) == []
    lines = attendance.change_lines(replan.changes, skip=["Banque Moselle S.A."])
    assert lines and all(line.organisation != "Banque Moselle S.A." for line in lines)


def test_a_no_show_who_arrives_after_all_is_back_from_the_next_round(scheduled_url):
    act(scheduled_url, rounds.next_round)
    bank = people(scheduled_url)["Banque Moselle"]
    act(scheduled_url, attendance.mark_absent, bank.id)
    assert max(rounds_of(scheduled_url, bank.id), default=0) <= 1
    replan = act(scheduled_url, attendance.check_in, bank.id, True)
    back = people(scheduled_url)["Banque Moselle"]
    assert replan is not None and not back.absent and back.checked_in and back.present_from_round == 2
    assert any(r >= 2 for r in rounds_of(scheduled_url, bank.id))


def test_late_arrival_and_early_departure(demo_url):
    scheduled_url = demo_url
    everyone = people(scheduled_url)
    kirchberg = everyone["Kirchberg Conseil S.à r.l."]
    act(scheduled_url, rounds.next_round)
    act(scheduled_url, rounds.next_round)  # round 2
    with pytest.raises(Invalid) as caught:
        act(scheduled_url, attendance.arrives_from, kirchberg.id, 2)
    assert (caught.value.code, caught.value.field) == ("round_played", "round")
    with pytest.raises(Invalid) as caught:
        act(scheduled_url, attendance.arrives_from, kirchberg.id, 11)
    assert caught.value.code == "round_invalid"
    with pytest.raises(Invalid):
        act(scheduled_url, attendance.arrives_from, kirchberg.id, "4")
    act(scheduled_url, attendance.arrives_from, kirchberg.id, 4)
    assert all(r <= 2 or r >= 4 for r in rounds_of(scheduled_url, kirchberg.id))
    with pytest.raises(Invalid) as caught:
        act(scheduled_url, attendance.leaves_after, kirchberg.id, 1)
    assert caught.value.code == "round_over"
    with pytest.raises(Invalid) as caught:
        act(scheduled_url, attendance.leaves_after, kirchberg.id, 3)
    assert caught.value.code == "arrival_after_departure"
    bank = everyone["Banque Moselle S.A."]
    act(scheduled_url, attendance.leaves_after, bank.id, 3)
    assert max(rounds_of(scheduled_url, bank.id)) <= 3
    assert people(scheduled_url)["Banque Moselle S.A."].present_to_round == 3
    assert valid(scheduled_url, after_round=2) == []


def test_a_walk_in_is_checked_in_and_meets_people_from_the_next_round(demo_url):
    act(demo_url, rounds.next_round)
    count = len(people(demo_url))
    participant, replan = act(demo_url, attendance.add_walk_in, {**NEW, "wishes": ""})
    assert participant.checked_in and participant.present_from_round == 2
    met = rounds_of(demo_url, participant.id)
    assert met and min(met) >= 2
    assert participant.id in replan.affected
    assert valid(demo_url, after_round=1) == []
    with pytest.raises(Invalid) as caught:
        act(demo_url, attendance.add_walk_in, {**NEW, "organisation": "Autre", "present_from_round": "1"})
    assert caught.value.by_field("en").keys() == {"present_from_round", "wishes"}  # every problem at once
    with pytest.raises(Invalid):
        act(demo_url, attendance.add_walk_in, {**NEW, "organisation": ""})
    assert len(people(demo_url)) == count + 1


def test_without_a_schedule_attendance_is_stored_and_nothing_is_planned(small_url, told):
    bank = people(small_url)["Banque Moselle"]
    assert act(small_url, attendance.mark_absent, bank.id) is None
    assert people(small_url)["Banque Moselle"].absent and meetings(small_url) == []
    assert told[-1].revision == event_of(small_url).revision
    participant, replan = act(small_url, attendance.add_walk_in, NEW)
    assert replan is None and participant.present_from_round == 1


def test_nothing_after_the_end(scheduled_url):
    act(scheduled_url, rounds.end)
    bank = people(scheduled_url)["Banque Moselle"]
    for action, args in ((attendance.mark_absent, ()), (attendance.arrives_from, (3,)),
                         (attendance.leaves_after, (3,))):
        with pytest.raises(Conflict):
            act(scheduled_url, action, bank.id, *args)
    with pytest.raises(Conflict):
        act(scheduled_url, attendance.add_walk_in, NEW)


def test_import_outdates_a_computed_schedule_and_tells_the_consoles(scheduled_url, told):
    revision = event_of(scheduled_url).revision
    with session_scope(scheduled_url) as session:
        registrations.import_registrations(session, "spring", GOOD_CSV.replace(b"Anne Weber", b"Anne"), "r.csv")
    event = event_of(scheduled_url)
    assert event.schedule_outdated and event.revision == revision + 1 and told


# --- what changed, as the console says it ----------------------------------------------------------------------


def test_change_lines_say_each_new_meeting_once():
    changes = [
        AgendaChange(3, 1, "A", before="X", after="B", table_before=1, table_after=2),
        AgendaChange(3, 2, "B", before="Y", after="A", table_before=4, table_after=2),
        AgendaChange(3, 5, "Gone", before="C", after="", table_before=3, table_after=0),
        AgendaChange(3, 6, "C", before="Gone", after="", table_before=3, table_after=0),
        AgendaChange(4, 7, "D", before="", after="E", table_before=0, table_after=1),
    ]
    lines = attendance.change_lines(changes, skip=["Gone"])
    assert [(line.round, line.organisation, line.after, line.before) for line in lines] == [
        (3, "A", "B", "X"), (3, "C", "", "Gone"), (4, "D", "E", "")]


# --- downloads ---------------------------------------------------------------------------------------------------


def test_the_workbook_has_one_sheet_per_export_and_never_a_formula(demo_url):
    import csv
    import io
    import zipfile

    from openpyxl import load_workbook

    from partact_app.services import exports

    bank = people(demo_url)["Banque Moselle S.A."]
    with session_scope(demo_url) as session:
        form = registrations.participant_cells(session, events.get_event(session, "spring"), bank.id)
    act(demo_url, registrations.update_participant, bank.id,
        {**form, "contact_name": '=HYPERLINK("http://x.example","clic")', "description": "@SUM(1)\x07"})
    with session_scope(demo_url) as session:
        data = exports.workbook(session, "spring")
        texts = {what: exports.export_bytes(session, "spring", what).decode() for what in exports.WORKBOOK_SHEETS}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets_xml = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert sheets_xml and all(b"<f>" not in xml and b"<f " not in xml for xml in sheets_xml)
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == list(exports.WORKBOOK_SHEETS)
    for what, text in texts.items():
        sheet = [["" if v is None else str(v) for v in row] for row in workbook[what].iter_rows(values_only=True)]
        csv_rows = list(csv.reader(io.StringIO(text)))
        assert len(sheet) == len(csv_rows) and sheet[0] == csv_rows[0], what
    participants = {row[1]: row for row in workbook["participants"].iter_rows(values_only=True)}
    assert participants["Banque Moselle S.A."][2].startswith("=HYPERLINK")  # text, as typed
    assert participants["Banque Moselle S.A."][8] == "@SUM(1)"  # the control character dropped


def test_the_template_files_import_as_they_are(small_url):
    from partact_app.services import exports

    for name, data in (("t.csv", exports.template_csv()), ("t.xlsx", exports.template_xlsx())):
        with session_scope(small_url) as session:
            summary = registrations.import_registrations(session, "spring", data, name)
        assert summary.total == 2
    assert {"Exemple Banque S.A.", "Exemple Asbl"} <= set(people(small_url))
