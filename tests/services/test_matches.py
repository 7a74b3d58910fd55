"""Matches, follow-ups and notes, on SQLite and PostgreSQL: who may do what, and what each side sees."""

from __future__ import annotations

import pytest
from sqlmodel import select

from partact_app.broadcast import bus
from partact_app.core.demo import demo_csv
from partact_app.db import session_scope
from partact_app.models import Match, MatchStatus, Participant
from partact_app.services import events, exports, followups, matches, registrations, rounds
from partact_app.services.errors import Conflict, Invalid, NotFound
from partact_app.services.scheduling import schedule_event


@pytest.fixture
def hall(db_url):
    with session_scope(db_url) as session:
        events.create_event(session, "hall", name="Hall", rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, "hall", demo_csv(), "demo.csv")
        schedule_event(session, "hall")
        events.create_event(session, "other", name="Other", rounds=10, tables=22, round_minutes=6)
        registrations.import_registrations(session, "other", demo_csv(), "demo.csv")
    return db_url


def people(url, slug="hall"):
    with session_scope(url) as session:
        event = events.get_event(session, slug)
        everyone = registrations.participants_of(session, event)
    companies = [p for p in everyone if p.kind == "company"]
    associations = [p for p in everyone if p.kind == "association"]
    return companies, associations


def act(url, fn, participant_id, *args):
    with session_scope(url) as session:
        return fn(session, session.get(Participant, participant_id), *args)


TERMS = {"company_gives": ["it", "communication"], "company_gives_text": "Un nouveau site web",
         "association_gives": ["volunteering"], "hours": "12,5", "delivery_date": "2027-03-01"}


@pytest.fixture
def told():
    heard: list = []
    bus.listen(heard.append)
    yield heard
    bus._listeners.remove(heard.append)


def test_propose_confirm_record_validate_deliver(hall, told):
    (company, *_), (association, *_) = people(hall)
    terms = matches.terms_from(TERMS)
    proposal = act(hall, matches.propose, company.id, association.id, terms)
    assert proposal.status == MatchStatus.PROPOSED and proposal.company_confirmed_at and not proposal.association_confirmed_at
    assert told[-1].notify == (company.id, association.id)  # the two phones, and nobody else, reload
    with session_scope(hall) as session:
        seen = matches.matches_of(session, session.get(Participant, association.id))
    assert seen[0].awaiting_me and seen[0].i_give == ["volunteering"] and seen[0].they_give == ["it", "communication"]
    assert seen[0].they_give_text == "Un nouveau site web" and seen[0].hours == "12.5"
    recorded = act(hall, matches.confirm, association.id, proposal.id, proposal.version)
    assert recorded.status == MatchStatus.RECORDED and recorded.recorded_at and recorded.association_confirmed_at
    with session_scope(hall) as session:
        event = events.get_event(session, "hall")
        assert rounds.load_snapshot(session, event.id).partnerships == 1
        validated = matches.validate(session, event, recorded.id)
    assert validated.status == MatchStatus.VALIDATED
    delivered = act(hall, matches.mark_delivered, association.id, validated.id, validated.version)
    assert delivered.status == MatchStatus.DELIVERED and delivered.delivered_at
    with session_scope(hall) as session:
        (row,) = [r for r in exports.matches(session, "hall")[1]]
    assert row[3] == "delivered" and "it, communication, Un nouveau site web" in row[2] and "12.5 h" in row[2]


def test_double_taps_and_two_phones_never_duplicate(hall):
    (company, *_), (association, *_) = people(hall)
    terms = matches.terms_from(TERMS)
    first = act(hall, matches.propose, company.id, association.id, terms)
    again = act(hall, matches.propose, company.id, association.id, terms)  # a double tap: the same proposal
    assert again.id == first.id and again.version == first.version
    with pytest.raises(Conflict):  # the other side proposes too: they must confirm or amend the first
        act(hall, matches.propose, association.id, company.id, terms)
    confirmed = act(hall, matches.confirm, association.id, first.id, first.version)
    twice = act(hall, matches.confirm, association.id, first.id, first.version)  # a second phone of the same side
    assert twice.version == confirmed.version and twice.status == MatchStatus.RECORDED
    with session_scope(hall) as session:
        assert len(session.exec(select(Match)).all()) == 1


def test_amend_then_the_proposer_confirms_and_decline_reopens(hall):
    (company, *_), (association, *_) = people(hall)
    proposal = act(hall, matches.propose, company.id, association.id, matches.terms_from(TERMS))
    amended = act(hall, matches.amend, association.id, proposal.id, proposal.version,
                  matches.terms_from({**TERMS, "association_gives_text": "Deux jours de bénévolat"}))
    assert amended.status == MatchStatus.PROPOSED and amended.association_confirmed_at and not amended.company_confirmed_at
    with pytest.raises(Conflict):  # confirming the old version is refused: read it again first
        act(hall, matches.confirm, company.id, amended.id, proposal.version)
    recorded = act(hall, matches.confirm, company.id, amended.id, amended.version)
    assert recorded.status == MatchStatus.RECORDED
    (_, second, *_), _ = people(hall)
    other = act(hall, matches.propose, second.id, association.id, matches.terms_from(TERMS))
    declined = act(hall, matches.decline, association.id, other.id, other.version)
    assert declined.status == MatchStatus.DECLINED
    reopened = act(hall, matches.propose, association.id, second.id, matches.terms_from(TERMS))
    assert reopened.id == declined.id and reopened.status == MatchStatus.PROPOSED


def test_the_registrar_sends_back_with_a_comment_and_fixes_typos(hall):
    (company, *_), (association, *_) = people(hall)
    proposal = act(hall, matches.propose, company.id, association.id, matches.terms_from(TERMS))
    recorded = act(hall, matches.confirm, association.id, proposal.id, proposal.version)
    with session_scope(hall) as session:
        event = events.get_event(session, "hall")
        with pytest.raises(Invalid):
            matches.send_back(session, event, recorded.id, "  ")
        returned = matches.send_back(session, event, recorded.id, "Précisez les heures")
        fixed = matches.fix(session, event, recorded.id, matches.terms_from({**TERMS, "company_gives_text": "Site web"}))
    assert returned.status == MatchStatus.RETURNED and returned.registrar_comment == "Précisez les heures"
    assert fixed.status == MatchStatus.RETURNED and fixed.company_gives_text == "Site web"
    with session_scope(hall) as session:
        assert rounds.load_snapshot(session, events.get_event(session, "hall").id).partnerships == 1


def test_nobody_acts_on_somebody_elses_match(hall):
    (company, other_company, *_), (association, *_) = people(hall)
    (foreign, *_), _ = people(hall, "other")
    proposal = act(hall, matches.propose, company.id, association.id, matches.terms_from(TERMS))
    for fn, args in ((matches.confirm, (proposal.id, proposal.version)),
                     (matches.amend, (proposal.id, proposal.version, matches.terms_from(TERMS))),
                     (matches.decline, (proposal.id, proposal.version)),
                     (matches.mark_delivered, (proposal.id, proposal.version))):
        with pytest.raises(NotFound):
            act(hall, fn, other_company.id, *args)
    with pytest.raises(NotFound):  # a company of another event, a company as counterpart of a company, junk ids
        act(hall, matches.propose, company.id, foreign.id, matches.terms_from(TERMS))
    for junk in (other_company.id, "1", None, True, 10**12):
        with pytest.raises(NotFound):
            act(hall, matches.propose, company.id, junk, matches.terms_from(TERMS))
    with session_scope(hall) as session:
        with pytest.raises(NotFound):
            matches.validate(session, events.get_event(session, "other"), proposal.id)


@pytest.mark.parametrize(
    ("form", "fields"),
    [
        ({}, {"company_gives"}),
        ({"company_gives": ["cooking"]}, {"company_gives"}),
        ({"company_gives": ["it"], "hours": "-3", "euros": "lots", "delivery_date": "31/02"},
         {"hours", "euros", "delivery_date"}),
        ({"company_gives_text": "x" * 501}, {"company_gives_text"}),
    ],
)
def test_bad_forms_name_every_bad_field(form, fields):
    with pytest.raises(Invalid) as caught:
        matches.terms_from(form)
    assert {problem.field for problem in caught.value.problems} == fields


def test_follow_ups_reveal_contacts_only_when_mutual(hall, told):
    (company, *_), (association, *_) = people(hall)
    assert act(hall, followups.request, company.id, association.id) is False
    assert told[-1].notify == (company.id, association.id)
    with session_scope(hall) as session:
        mine = followups.followups_of(session, session.get(Participant, company.id))
        theirs = followups.followups_of(session, session.get(Participant, association.id))
    assert [(v.counterpart, v.mutual, v.email, v.phone, v.contact_name) for v in mine] == [
        (association.organisation, False, "", "", "")]
    assert theirs == []  # a request is private: the association sees nothing of it
    assert act(hall, followups.request, association.id, company.id) is True
    with session_scope(hall) as session:
        (mine,) = followups.followups_of(session, session.get(Participant, company.id))
        (theirs,) = followups.followups_of(session, session.get(Participant, association.id))
    assert mine.mutual and mine.email == association.email and mine.contact_name == association.contact_name
    assert theirs.mutual and theirs.email == company.email and theirs.phone == company.phone
    act(hall, followups.withdraw, association.id, company.id)
    with session_scope(hall) as session:
        (mine,) = followups.followups_of(session, session.get(Participant, company.id))
    assert not mine.mutual and mine.email == ""
    with session_scope(hall) as session:
        rows = exports.followups(session, "hall")[1]
    assert [(r[0], r[1]) for r in rows] == [(company.organisation, association.organisation)]


def test_notes_are_their_authors_alone(hall, told):
    (company, *_), (association, *_) = people(hall)
    heard = len(told)
    assert act(hall, followups.save_note, company.id, association.id, " Rappeler pour le logo <b> ") == \
        "Rappeler pour le logo <b>"
    assert len(told) == heard  # nobody is told of a note
    with session_scope(hall) as session:
        assert followups.notes_of(session, session.get(Participant, company.id)) == {
            association.id: "Rappeler pour le logo <b>"}
        assert followups.notes_of(session, session.get(Participant, association.id)) == {}
    with pytest.raises(Invalid):
        act(hall, followups.save_note, company.id, association.id, "x" * 2001)
    assert act(hall, followups.save_note, company.id, association.id, "") == ""


def test_a_phone_gets_no_counterpart_contact_details_before_a_mutual_follow_up(hall):
    import dataclasses
    import json

    from partact_app.services.participants import participant_view

    (company, *_), associations = people(hall)
    with session_scope(hall) as session:
        event = events.get_event(session, "hall")
        event.published = True  # the agenda is shown once published
        session.add(event)
    with session_scope(hall) as session:
        view = participant_view(session, company.token)
    sent = json.dumps([dataclasses.asdict(row) for row in view.agenda])
    met = [row for row in view.agenda if row.table]
    assert met and all(row.counterpart_id for row in met)
    for association in associations:
        for secret in (association.email, association.phone, association.contact_name):
            assert not secret or secret not in sent
    row = met[0]
    assert set(row.you_give) <= set(row.their_needs) and set(row.they_give) <= set(row.their_offers)


def test_the_organisers_summary_counts_what_happened(hall):
    from partact_app.services.summary import summary

    (c1, c2, *_), (a1, a2, *_) = people(hall)
    one = act(hall, matches.propose, c1.id, a1.id, matches.terms_from(TERMS))
    act(hall, matches.confirm, a1.id, one.id, one.version)
    act(hall, matches.propose, c2.id, a2.id, matches.terms_from(TERMS))
    act(hall, followups.request, c1.id, a1.id)
    act(hall, followups.request, a1.id, c1.id)
    act(hall, followups.request, c2.id, a1.id)
    with session_scope(hall) as session:
        event = events.get_event(session, "hall")
        registrations.mark_absent(session, event, a2.id)
        rounds.next_round(session, event)
        rounds.next_round(session, event)
    with session_scope(hall) as session:
        report = summary(session, events.get_event(session, "hall"))
    assert (report.proposed, report.recorded, report.validated, report.delivered) == (1, 1, 0, 0)
    assert (report.followup_requests, report.mutual_followups, report.no_shows) == (3, 1, 1)
    assert 0 < report.meetings_held < report.meetings_planned
    lines = {line.key: line for line in report.categories}
    assert lines["it"].given == 1 and lines["volunteering"].given == 1
    assert all(line.unmet <= line.needed for line in report.categories)
    assert len(report.missed) == 10 and report.missed[0].affinity >= report.missed[-1].affinity


def test_a_page_owner_keeps_records_once_they_have_a_match_a_follow_up_or_a_note_of_their_own(hall):
    """A phone's page reads its participant's lists only when ``page_owner`` says there is something in them:
    the flag must follow each kind of record, from its author's side (a follow-up asked of them, a note about
    them or nothing at all keeps their lists empty)."""
    from partact_app.services.participants import page_owner

    (company, other_company, third_company, *_), (association, other_association, *_) = people(hall)

    def keeps(person) -> bool:
        with session_scope(hall) as session:
            owner = page_owner(session, person.token)
            assert (owner.participant.id, owner.event.slug) == (person.id, "hall")
            return owner.keeps_records

    everyone = (company, other_company, third_company, association, other_association)
    assert not any(keeps(p) for p in everyone)
    with session_scope(hall) as session:
        assert page_owner(session, "no-such-token") is None
        assert page_owner(session, None) is None
    act(hall, followups.request, company.id, association.id)  # asked by the company, private to it
    assert keeps(company) and not keeps(association)
    act(hall, followups.save_note, other_company.id, association.id, "Rappeler")
    assert keeps(other_company) and not keeps(association)
    act(hall, matches.propose, other_association.id, third_company.id, matches.terms_from(TERMS))  # either side
    assert keeps(other_association) and keeps(third_company)
    with session_scope(hall) as session:  # what the page then reads agrees with the flag
        for person in everyone:
            me = session.get(Participant, person.id)
            kept = (matches.matches_of(session, me), followups.followups_of(session, me),
                    followups.notes_of(session, me))
            assert any(kept) == keeps(person)
