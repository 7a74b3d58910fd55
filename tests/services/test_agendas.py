"""What a phone's agenda says of each meeting (services.participants.build_agendas): the time, the table, who, and
why they were matched, computed for both sides from the registrations."""

from __future__ import annotations

from sqlmodel import select

from partact_app.db import session_scope
from partact_app.models import Meeting, Participant
from partact_app.services import events, registrations
from partact_app.services.participants import build_agendas

HEADER = ("type,organisation,contact_name,email,phone,languages,offers,needs,description,wishes,avoid,"
          "present_from_round,present_to_round\n")
ROWS = [
    "company,Banque Alpha,A,a@alpha.example.org,,fr;de;en,accounting;it;volunteering,information_relay;csr_expertise,"
    "Une banque,FONDATION BÊTA,,,",
    "association,Fondation Bêta,B,b@beta.example.org,,en;lb,information_relay,it;accounting;legal,Une fondation,,,2,3",
    "company,Garage Gamma,C,c@gamma.example.org,,lb,legal,csr_expertise,Un garage,,,,",
]


def test_each_side_reads_the_meeting_from_its_own_point_of_view(db_url):
    with session_scope(db_url) as session:
        event, _ = events.create_event(session, "why", name="Why", rounds=3, tables=2, round_minutes=7,
                                       start_time="17:30")
        event.break_minutes = 3
        registrations.import_registrations(session, "why", (HEADER + "\n".join(ROWS) + "\n").encode(), "why.csv")
        people = {p.organisation: p for p in session.exec(select(Participant)).all()}
        alpha, beta, gamma = people["Banque Alpha"], people["Fondation Bêta"], people["Garage Gamma"]
        session.add(Meeting(event_id=event.id, round=2, table=1, company_id=alpha.id, association_id=beta.id))
        session.add(Meeting(event_id=event.id, round=3, table=2, company_id=gamma.id, association_id=beta.id))
        session.flush()
        agendas = build_agendas(session, event)

    company, association = agendas[alpha.id], agendas[beta.id]
    assert [row.round for row in company] == [0, 1, 2, 3, 4]  # index r is round r, with an empty row each side
    assert [row.time for row in company[1:4]] == ["17:30", "17:40", "17:50"]  # 7 minutes + 3 of changeover
    assert company[1].table == 0 and company[1].present  # a sit-out
    assert not association[1].present and association[2].present and association[3].present  # rounds 2-3 only

    seen_by_company, seen_by_association = company[2], association[2]
    assert (seen_by_company.table, seen_by_company.counterpart, seen_by_company.counterpart_kind) == (
        1, "Fondation Bêta", "association")
    assert seen_by_company.counterpart_id == beta.id and seen_by_association.counterpart_id == alpha.id
    assert seen_by_company.you_give == ["accounting", "it"] and seen_by_company.they_give == ["information_relay"]
    assert seen_by_association.you_give == ["information_relay"] and seen_by_association.they_give == ["accounting", "it"]
    assert seen_by_company.languages == ["en", "lb"] and seen_by_company.shared_languages == ["en"]
    assert seen_by_company.their_offers == ["information_relay"] and seen_by_company.their_needs == ["it", "accounting", "legal"]
    assert seen_by_company.description == "Une fondation"
    assert seen_by_company.wished_by_you and not seen_by_company.wished_by_them  # their name, whatever its case
    assert seen_by_association.wished_by_them and not seen_by_association.wished_by_you

    third = association[3]
    assert (third.counterpart, third.you_give, third.they_give, third.shared_languages) == (
        "Garage Gamma", [], ["legal"], ["lb"])
    assert agendas[gamma.id][2].table == 0
