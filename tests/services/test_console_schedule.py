"""The console's schedule and settings use cases, on SQLite and PostgreSQL: the settings form, creating an event
from the console, generate and regenerate, publish, the quality report and the grid, and what a phone sees
before and after publication."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import func, select

from partact_app.core.demo import demo_csv
from partact_app.db import session_scope
from partact_app.models import Event, Meeting, Participant, SeatedSide
from partact_app.services import demo, events, registrations, rounds, scheduling
from partact_app.services.errors import Conflict, Invalid
from partact_app.services.participants import participant_view
from tests.services.helpers import GOOD_CSV

FORM = {"name": "Foire d'automne", "slug": "", "date": "2027-10-07", "venue": "Kirchberg", "rounds": "10",
        "tables": "22", "round_minutes": "6", "break_minutes": "1"}


@pytest.fixture
def fair(db_url) -> str:
    """The demo registrations in an event "fair", not scheduled."""
    with session_scope(db_url) as session:
        events.create_event(session, "fair", name="Foire", rounds=10, tables=22, round_minutes=6,
                            start_time="17:30")
        registrations.import_registrations(session, "fair", demo_csv(), "demo.csv")
    return db_url


def _event(url: str, slug: str = "fair") -> Event:
    with session_scope(url) as session:
        return events.get_event(session, slug)


def _call(url: str, fn, *args, event_slug: str = "fair", **kwargs):
    with session_scope(url) as session:
        return fn(session, events.get_event(session, event_slug), *args, **kwargs)


def _a_participant(url: str, slug: str = "fair") -> Participant:
    with session_scope(url) as session:
        event = events.get_event(session, slug)
        return session.exec(select(Participant).where(Participant.event_id == event.id)
                            .order_by(Participant.id)).first()


# --------------------------------------------------------------------------------------------- creating


def test_an_event_from_the_console_form_gets_its_slug_from_the_name(db_url):
    with session_scope(db_url) as session:
        event, key = events.create_event_from_form(session, FORM)
    assert event.slug == "foire-d-automne"
    assert (event.rounds, event.tables, event.round_minutes, event.break_minutes) == (10, 22, 6, 1)
    assert event.date == dt.date(2027, 10, 7) and event.venue == "Kirchberg"
    with session_scope(db_url) as session:
        assert events.event_for_key(session, key).slug == "foire-d-automne"
        with pytest.raises(Invalid) as caught:
            events.create_event_from_form(session, FORM)
    assert caught.value.code == "event_exists" and caught.value.problems[0].field == "slug"


def test_a_bad_console_form_reports_every_field_once_and_writes_nothing(db_url):
    bad = {**FORM, "slug": "Bad Slug", "rounds": "ten", "tables": "0", "date": "07/10/2027", "round_minutes": "6.5",
           "name": "x" * 201}
    with pytest.raises(Invalid) as caught:
        with session_scope(db_url) as session:
            events.create_event_from_form(session, bad)
    by_field = {problem.field: problem.code for problem in caught.value.problems}
    assert by_field == {"rounds": "number_invalid", "date": "date_invalid", "round_minutes": "number_invalid",
                        "slug": "slug_invalid", "name": "name_too_long", "tables": "tables_invalid"}
    assert len(caught.value.problems) == len(by_field)  # one message per field
    assert set(caught.value.by_field("de")) == set(by_field)
    with pytest.raises(Invalid):
        with session_scope(db_url) as session:
            events.create_event_from_form(session, {**FORM, "name": ["not", "text"]})
    with session_scope(db_url) as session:
        assert session.exec(select(func.count()).select_from(Event)).one() == 0


def test_slug_from_a_name():
    assert events.slug_from_name("Part&Act 2027 — Printemps à Kirchberg!") == "part-act-2027-printemps-a-kirchberg"
    assert events.slug_from_name("   ") == ""
    assert len(events.slug_from_name("é" * 300)) <= 64


# --------------------------------------------------------------------------------------------- settings


def test_settings_errors_name_their_fields_and_change_nothing(fair):
    before = _event(fair)
    form = {"name": " ", "rounds": "0", "tables": "x", "start_time": "25:00", "seated_side": "sometimes",
            "date": "tomorrow", "venue": "v" * 301, "round_minutes": "6", "break_minutes": "-1"}
    with pytest.raises(Invalid) as caught:
        _call(fair, events.update_settings_from_form, form)
    assert {p.field: p.code for p in caught.value.problems} == {
        "tables": "number_invalid", "seated_side": "seated_invalid", "date": "date_invalid",
        "name": "name_required", "venue": "venue_too_long", "rounds": "rounds_invalid",
        "break_minutes": "break_minutes_invalid", "start_time": "start_time_invalid",
    }
    after = _event(fair)
    assert (after.name, after.rounds, after.revision, after.schedule_version) == (
        before.name, before.rounds, before.revision, before.schedule_version)
    with pytest.raises(Invalid) as caught:
        _call(fair, events.update_settings, slug="other")
    assert caught.value.code == "field_invalid"


def test_changing_what_the_schedule_depends_on_marks_it_out_of_date(fair):
    _call(fair, events.update_settings, tables=24)  # no schedule yet: nothing to mark
    assert not _event(fair).schedule_outdated
    with session_scope(fair) as session:
        scheduling.schedule_event(session, "fair")
    event = _event(fair)
    assert not event.schedule_outdated
    _call(fair, events.update_settings_from_form, {"venue": "Hall 2", "date": "2027-03-18"})
    event = _event(fair)
    assert not event.schedule_outdated and event.venue == "Hall 2" and event.date == dt.date(2027, 3, 18)
    revision = event.revision
    _call(fair, events.update_settings_from_form, {"seated_side": "none"})
    event = _event(fair)
    assert event.schedule_outdated and event.seated_side == SeatedSide.NOBODY
    assert event.revision == revision + 1  # the consoles reload
    with session_scope(fair) as session:
        scheduling.schedule_event(session, "fair")
    assert not _event(fair).schedule_outdated
    _call(fair, events.update_settings, rounds=12)
    assert _event(fair).schedule_outdated


def test_new_times_reach_the_phones_without_a_new_schedule(fair):
    with session_scope(fair) as session:
        scheduling.schedule_event(session, "fair")
        scheduling.publish(session, "fair")
    version, revision = _event(fair).schedule_version, _event(fair).revision
    person = _a_participant(fair)
    with session_scope(fair) as session:
        assert participant_view(session, person.token).agenda[2].time == "17:36"
    _call(fair, events.update_settings_from_form, {"start_time": "18:00", "break_minutes": "2"})
    event = _event(fair)
    assert event.schedule_version == version + 1 and not event.schedule_outdated
    assert event.revision == revision + 1  # the consoles reload too (the same announcement)
    with session_scope(fair) as session:
        assert participant_view(session, person.token).agenda[2].time == "18:08"


def test_rounds_cannot_go_below_the_current_round_or_a_presence_window(db_url):
    with session_scope(db_url) as session:
        events.create_event(session, "small", name="Small", rounds=6, tables=4, round_minutes=5)
        registrations.import_registrations(session, "small", GOOD_CSV, "good.csv")  # a window 2..4
    with pytest.raises(Invalid) as caught:
        _call(db_url, events.update_settings, rounds=3, event_slug="small")
    problem = caught.value.problems[0]
    assert (problem.field, problem.code) == ("rounds", "rounds_below_window")
    assert "Fondation Ardennes Verte" in problem.message("en") and "round 4" in problem.message("en")
    _call(db_url, events.update_settings, rounds=4, event_slug="small")
    with session_scope(db_url) as session:
        event = events.get_event(session, "small")
        rounds.next_round(session, event)
        rounds.next_round(session, event)
    with pytest.raises(Invalid) as caught:
        _call(db_url, events.update_settings, rounds=1, event_slug="small")
    assert caught.value.code == "rounds_below_current"
    assert _event(db_url, "small").rounds == 4


# --------------------------------------------------------------------------------------------- publish


def test_a_phone_sees_its_agenda_only_once_the_schedule_is_published(fair):
    person = _a_participant(fair)
    with session_scope(fair) as session:
        scheduling.schedule_event(session, "fair")
        view = participant_view(session, person.token)
    assert view.agenda == [] and not view.published
    with pytest.raises(Conflict):  # an out-of-date schedule is not published (and the transaction rolls back)
        with session_scope(fair) as session:
            event = events.get_event(session, "fair")
            event.schedule_outdated = True
            scheduling.publish_schedule(session, event)
    version = _event(fair).schedule_version
    event = _call(fair, scheduling.publish_schedule)
    assert event.published and event.published_at is not None
    assert _event(fair).schedule_version == version + 1  # the phones reload
    with session_scope(fair) as session:
        view = participant_view(session, person.token)
    assert view.published and len(view.agenda) == 12 and any(row.table for row in view.agenda)
    _call(fair, scheduling.publish_schedule)  # again: nothing changes
    assert _event(fair).schedule_version == version + 1


def test_nothing_to_publish_without_a_schedule(fair):
    with pytest.raises(Conflict) as caught:
        _call(fair, scheduling.publish_schedule)
    assert caught.value.code == "schedule_missing"
    assert not _event(fair).published


def test_the_demo_is_published(db_url):
    with session_scope(db_url) as session:
        result = demo.ensure_demo(session)
    assert _event(db_url, "demo").published
    with session_scope(db_url) as session:
        person = demo.sample_participants(session, result.event, 1)[0]
        assert participant_view(session, person.token).agenda


# --------------------------------------------------------------------------------------------- generate


def test_generate_then_regenerate_a_published_schedule_after_confirming(fair):
    done = _call(fair, scheduling.generate)
    assert not done.replanned and done.report["meetings"] > 0
    _call(fair, scheduling.publish_schedule)
    with pytest.raises(Conflict) as caught:
        _call(fair, scheduling.generate)
    assert caught.value.code == "schedule_confirm"
    version = _event(fair).schedule_version
    again = _call(fair, scheduling.generate, confirmed=True)
    event = _event(fair)
    assert not again.replanned and event.published and event.schedule_version == version + 1


def test_regenerating_once_started_keeps_the_rounds_played(fair):
    _call(fair, scheduling.generate)
    _call(fair, scheduling.publish_schedule)
    with session_scope(fair) as session:
        event = events.get_event(session, "fair")
        rounds.next_round(session, event)
        rounds.next_round(session, event)
        played = sorted((m.round, m.table, m.company_id, m.association_id)
                        for m in scheduling.meetings_of(session, event) if m.round <= 2)
        absent = session.exec(select(Participant).where(Participant.event_id == event.id)
                               .where(Participant.kind == "company")).first()
        absent.absent = True
        session.add(absent)
    done = _call(fair, scheduling.generate, confirmed=True)
    assert done.replanned and done.changes
    with session_scope(fair) as session:
        event = events.get_event(session, "fair")
        stored = scheduling.meetings_of(session, event)
    assert sorted((m.round, m.table, m.company_id, m.association_id) for m in stored if m.round <= 2) == played
    assert not any(absent.id == m.company_id for m in stored if m.round > 2)
    assert _event(fair).published


def test_no_generation_after_the_end_or_while_one_runs(fair):
    event = _event(fair)
    scheduling._running.add(event.id)
    try:
        with pytest.raises(Conflict) as caught:
            _call(fair, scheduling.generate)
        assert caught.value.code == "schedule_running"
        with pytest.raises(Conflict):
            with session_scope(fair) as session:
                scheduling.schedule_event(session, "fair")
    finally:
        scheduling._running.discard(event.id)
    others = {-1, -2}
    scheduling._running.update(others)
    try:
        with pytest.raises(Conflict) as caught:
            _call(fair, scheduling.generate)
        assert caught.value.code == "schedule_busy"
    finally:
        scheduling._running.difference_update(others)
    with session_scope(fair) as session:
        rounds.end(session, events.get_event(session, "fair"))
    with pytest.raises(Conflict) as caught:
        _call(fair, scheduling.generate)
    assert caught.value.code == "event_finished"
    assert not scheduling._running


def test_the_engine_refusing_a_seated_side_names_the_field(fair):
    _call(fair, events.update_settings, seated_side=SeatedSide.ASSOCIATIONS, tables=10)
    with pytest.raises(Invalid) as caught:
        _call(fair, scheduling.generate)
    assert (caught.value.code, caught.value.field) == ("seated_too_many", "seated_side")


# --------------------------------------------------------------------------------------------- the page's data


def test_overview_quality_and_grid(fair):
    empty = _call(fair, scheduling.schedule_overview)
    assert not empty.has_schedule and empty.quality is None and empty.grid == []
    assert (empty.companies, empty.associations) == (22, 32)
    report = _call(fair, scheduling.generate).report
    overview = _call(fair, scheduling.schedule_overview)
    q = overview.quality
    assert overview.has_schedule and not overview.published and overview.scheduled_at_ms > 0
    assert (q.meetings, q.value, q.bound) == (report["meetings"], report["value"], report["bound"])
    assert (q.company_min, q.company_max, q.longest_sitout) == (
        report["company_min"], report["company_max"], report["longest_sitout"])
    assert q.no_common_language == 0 and 0 <= q.wishes_met <= q.wishes_asked
    assert len(overview.grid) == 22 and all(len(row.cells) == 10 for row in overview.grid)
    with session_scope(fair) as session:
        event = events.get_event(session, "fair")
        meeting = session.exec(select(Meeting).where(Meeting.event_id == event.id)
                               .where(Meeting.round == 3)).first()
        company = session.get(Participant, meeting.company_id).organisation
        association = session.get(Participant, meeting.association_id).organisation
    cell = overview.grid[meeting.table - 1].cells[2]
    assert (cell.company, cell.association) == (company, association)
    filled = sum(1 for row in overview.grid for cell in row.cells if cell.company)
    assert filled == report["meetings"]
    # the bound is recomputed when this process did not compute the schedule (another process, a restart)
    scheduling._bounds.clear()
    assert _call(fair, scheduling.schedule_quality_of).bound == pytest.approx(report["bound"])
    light = _call(fair, scheduling.schedule_overview, details=False)
    assert light.quality is None and light.grid == [] and light.has_schedule
