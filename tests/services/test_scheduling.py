"""Scheduling an event in the database, re-planning, and the schedule export; on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest
from sqlmodel import select

from partact_app.core.demo import demo_csv
from partact_app.core.schedule import Meeting as PlannedMeeting
from partact_app.core.schedule import check_schedule
from partact_app.db import session_scope
from partact_app.models import Meeting
from partact_app.services import events, exports, registrations, rounds
from partact_app.services.errors import Conflict
from partact_app.services.scheduling import _sides, replan_event, schedule_event


@pytest.fixture
def demo_url(db_url) -> str:
    with session_scope(db_url) as session:
        events.create_event(session, "fair", name="Foire", rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, "fair", demo_csv(), "demo.csv")
    return db_url


def _stored(url: str) -> tuple[list[Meeting], object, list, list]:
    with session_scope(url) as session:
        event = events.get_event(session, "fair")
        meetings = list(session.exec(select(Meeting).where(Meeting.event_id == event.id)).all())
        companies, associations = _sides(session, event)
    return meetings, event, companies, associations


def _planned(meetings) -> list[PlannedMeeting]:
    return [PlannedMeeting(m.round, m.table, m.company_id, m.association_id, m.score) for m in meetings]


def test_schedule_is_stored_valid_and_reported(demo_url):
    with session_scope(demo_url) as session:
        report = schedule_event(session, "fair")
    assert {"meetings", "value", "bound", "seconds"} <= set(report)
    assert report["value"] <= report["bound"] + 1e-6
    meetings, event, companies, associations = _stored(demo_url)
    assert len(meetings) == report["meetings"] > 0
    assert check_schedule(_planned(meetings), companies, associations, 10, 22) == []
    assert event.schedule_version >= 2  # the import, then the schedule


def test_schedule_export_lists_every_meeting_by_name(demo_url):
    with session_scope(demo_url) as session:
        schedule_event(session, "fair")
        text = exports.export(session, "fair", "schedule")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["round", "table", "company", "association"]
    meetings, *_ = _stored(demo_url)
    assert len(rows) == len(meetings)
    assert all(1 <= int(row["round"]) <= 10 and 1 <= int(row["table"]) <= 22 for row in rows)


def test_replan_after_a_no_show_keeps_the_past_and_frees_the_future(demo_url):
    with session_scope(demo_url) as session:
        schedule_event(session, "fair")
        event = events.get_event(session, "fair")
        rounds.next_round(session, event)
        rounds.next_round(session, event)
    before, event, *_ = _stored(demo_url)
    no_show = next(m.association_id for m in before if m.round == 3)
    with session_scope(demo_url) as session:
        registrations.mark_absent(session, events.get_event(session, "fair"), no_show)
        result = replan_event(session, "fair")
    after, replanned, companies, associations = _stored(demo_url)
    # The re-plan lists every agenda row that changed: the no-show's own rows (now without a meeting)...
    own = [c for c in result.changes if c.participant_id == no_show]
    assert own and all(c.after == "" and c.round > 2 for c in own)
    # ...and nothing else than what really differs between the stored schedules.
    def seats(ms):
        out = {}
        for m in ms:
            if m.round > 2:
                out[(m.company_id, m.round)] = (m.association_id, m.table)
                out[(m.association_id, m.round)] = (m.company_id, m.table)
        return out
    old, new = seats(before), seats(after)
    assert result.affected == {p for (p, r) in old.keys() | new.keys() if old.get((p, r)) != new.get((p, r))}
    assert result.report["meetings"] == len(after)
    assert replanned.schedule_version > event.schedule_version
    past = lambda ms: sorted((m.round, m.table, m.company_id, m.association_id) for m in ms if m.round <= 2)  # noqa: E731
    assert past(after) == past(before)
    assert not [m for m in after if m.round > 2 and no_show in (m.company_id, m.association_id)]
    pairs = [(m.company_id, m.association_id) for m in after]
    assert len(pairs) == len(set(pairs))
    assert check_schedule(_planned(after), companies, associations, 10, 22, after_round=2) == []


def test_scheduling_from_scratch_is_refused_once_started(demo_url):
    with session_scope(demo_url) as session:
        schedule_event(session, "fair")
        rounds.next_round(session, events.get_event(session, "fair"))
    with pytest.raises(Conflict) as caught:
        with session_scope(demo_url) as session:
            schedule_event(session, "fair")
    assert caught.value.code == "schedule_started"
