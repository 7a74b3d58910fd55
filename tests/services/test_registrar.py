"""The registrar's view and actions (services/registrar.py), on SQLite and PostgreSQL: counts by status, the filter,
the version the page showed, another event's matches out of reach, and the same words as the ``matches`` export."""

from __future__ import annotations

import csv
import io

import pytest

from partact_app.db import session_scope
from partact_app.models import MatchStatus
from partact_app.services import events, exports, matches, registrar
from partact_app.services.errors import Conflict, Invalid, NotFound
from tests.services.test_matches import TERMS, act, hall, people  # noqa: F401  (the fixture)


def _recorded(url, company, association, terms=TERMS):
    proposal = act(url, matches.propose, company.id, association.id, matches.terms_from(terms))
    return act(url, matches.confirm, association.id, proposal.id, proposal.version)


def _view(url, which=registrar.TO_CHECK, slug="hall"):
    with session_scope(url) as session:
        return registrar.registrar_view(session, events.get_event(session, slug), which)


def _do(url, fn, *args, slug="hall"):
    with session_scope(url) as session:
        return fn(session, events.get_event(session, slug), *args)


def test_counts_filters_and_actions(hall):
    (c1, c2, c3, *_), (a1, a2, a3, *_) = people(hall)
    one = _recorded(hall, c1, a1)
    two = _recorded(hall, c2, a2)
    act(hall, matches.propose, c3.id, a3.id, matches.terms_from(TERMS))  # proposed only

    view = _view(hall)
    assert [row.id for row in view.rows] == [two.id, one.id]  # to validate, the newest first
    assert view.counts == {"proposed": 1, "recorded": 2, "validated": 0, "returned": 0, "declined": 0,
                           "delivered": 0}
    assert all(row.can_validate and row.can_send_back for row in view.rows)
    assert len(_view(hall, registrar.ALL).rows) == 3
    assert [row.status for row in _view(hall, "proposed").rows] == ["proposed"]

    _do(hall, registrar.validate, one.id, one.version)
    with pytest.raises(Conflict):  # the page showed an older version
        _do(hall, registrar.send_back, two.id, two.version - 1, "Le volume manque")
    _do(hall, registrar.send_back, two.id, two.version, "Le volume manque")
    view = _view(hall, registrar.ALL)
    assert (view.counts["validated"], view.counts["returned"], view.counts["recorded"]) == (1, 1, 0)
    returned = next(row for row in view.rows if row.id == two.id)
    assert returned.registrar_comment == "Le volume manque" and returned.can_validate and not returned.can_send_back

    before = next(row for row in view.rows if row.id == one.id)
    _do(hall, registrar.fix, one.id, before.version, {**TERMS, "company_gives_text": "Un nouveau site internet"})
    fixed = next(row for row in _view(hall, registrar.ALL).rows if row.id == one.id)
    assert fixed.status == MatchStatus.VALIDATED and fixed.company_gives_text == "Un nouveau site internet"
    assert "Un nouveau site internet" in fixed.description


def test_bad_input_changes_nothing(hall):
    (c1, *_), (a1, *_) = people(hall)
    one = _recorded(hall, c1, a1)
    with pytest.raises(Invalid) as problem:
        _do(hall, registrar.fix, one.id, one.version, {**TERMS, "company_gives_text": "x" * 501, "hours": "-1"})
    assert set(problem.value.by_field("en")) == {"company_gives_text", "hours"}
    with pytest.raises(Invalid):
        _do(hall, registrar.send_back, one.id, one.version, "   ")
    with pytest.raises(Invalid):
        _view(hall, "everything")
    for bad_id in (0, -1, 2**40, "1", None):
        with pytest.raises(NotFound):
            _do(hall, registrar.validate, bad_id, 0)
    assert _view(hall).rows[0].version == one.version


def test_another_events_matches_are_out_of_reach(hall):
    (c1, *_), (a1, *_) = people(hall)
    one = _recorded(hall, c1, a1)
    for action, args in ((registrar.validate, ()), (registrar.send_back, ("non",)), (registrar.fix, (TERMS,))):
        with pytest.raises(NotFound):
            _do(hall, action, one.id, one.version, *args, slug="other")
    assert _view(hall, slug="other").rows == [] and _view(hall).rows[0].status == "recorded"


def test_the_table_says_what_the_export_says(hall):
    (c1, c2, *_), (a1, a2, *_) = people(hall)
    _recorded(hall, c1, a1)
    _recorded(hall, c2, a2, {**TERMS, "euros": "1500", "association_gives_text": "=1+1 <b>"})
    with session_scope(hall) as session:
        text = exports.export(session, "hall", "matches")
    exported = list(csv.DictReader(io.StringIO(text)))
    shown = sorted(_view(hall, registrar.ALL).rows, key=lambda row: row.created_at)
    assert [(r["company"], r["association"], r["description"], r["status"], r["created_at"]) for r in exported] == [
        (row.company, row.association, row.description, row.status, row.created_at) for row in shown
    ]
    assert "=1+1 <b>" in shown[1].description and "1500 €" in shown[1].description


def test_the_summary_counts_offers_too(hall):
    from partact_app.services.summary import summary

    (c1, *_), (a1, *_) = people(hall)
    _recorded(hall, c1, a1)
    with session_scope(hall) as session:
        event = events.get_event(session, "hall")
        report = summary(session, event)
        everyone = [p for p in people(hall)[0] + people(hall)[1]]
    lines = {line.key: line for line in report.categories}
    for key, line in lines.items():
        assert line.offered == sum(key in p.offers.split(";") for p in everyone)
    assert report.recorded == 1
