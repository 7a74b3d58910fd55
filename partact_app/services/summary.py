"""The organiser's summary of an event: what happened, what was agreed, what to do better next time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlmodel import Session, select

from partact_app.core.categories import CATEGORY_KEYS
from partact_app.core.scoring import affinity_matrix, allowed_matrix
from partact_app.models import Event, FollowUp, Match, MatchStatus, Meeting, Participant, split_list
from partact_app.services.scheduling import _sides

TOP_MISSED = 10


@dataclass
class CategoryLine:
    key: str = ""
    offered: int = 0  # participants who offer it
    needed: int = 0  # participants who need it
    given: int = 0  # matches in which it is given
    unmet: int = 0  # participants who need it and received it in no match


@dataclass
class MissedPair:
    company: str = ""
    association: str = ""
    affinity: int = 0


@dataclass
class Summary:
    meetings_held: int = 0
    meetings_planned: int = 0
    no_shows: int = 0
    proposed: int = 0
    recorded: int = 0  # both sides confirmed (all that count: recorded, validated, returned, delivered)
    validated: int = 0
    delivered: int = 0
    declined: int = 0
    followup_requests: int = 0
    mutual_followups: int = 0
    categories: list[CategoryLine] = field(default_factory=list)
    missed: list[MissedPair] = field(default_factory=list)  # best pairs by affinity that did not meet


def summary(session: Session, event: Event) -> Summary:
    people = {p.id: p for p in session.exec(select(Participant).where(Participant.event_id == event.id)).all()}
    meetings = session.exec(select(Meeting).where(Meeting.event_id == event.id)).all()
    held_through = event.rounds if event.phase == "finished" else event.current_round
    matches = session.exec(select(Match).where(Match.event_id == event.id)).all()
    statuses = Counter(m.status for m in matches)
    requests = session.exec(select(FollowUp).where(FollowUp.event_id == event.id)).all()
    asked = {(f.from_id, f.to_id) for f in requests}
    mutual = {frozenset(pair) for pair in asked if (pair[1], pair[0]) in asked}

    counted = [m for m in matches if m.status in MatchStatus.COUNTED]
    given = Counter()
    received: dict[int, set[str]] = {}
    for m in counted:
        for giver, taker, keys in ((m.company_id, m.association_id, m.company_gives),
                                   (m.association_id, m.company_id, m.association_gives)):
            for key in split_list(keys):
                given[key] += 1
                received.setdefault(taker, set()).add(key)
    needed = Counter()
    unmet = Counter()
    offered = Counter()
    for p in people.values():
        for key in split_list(p.offers):
            offered[key] += 1
        for key in split_list(p.needs):
            needed[key] += 1
            if key not in received.get(p.id, set()):
                unmet[key] += 1
    categories = [
        CategoryLine(key, offered[key], needed[key], given[key], unmet[key])
        for key in CATEGORY_KEYS
        if offered[key] or needed[key] or given[key]
    ]

    companies, associations = _sides(session, event)
    met = {(m.company_id, m.association_id) for m in meetings}
    missed: list[MissedPair] = []
    if companies and associations:
        scores = affinity_matrix(companies, associations)
        allowed = allowed_matrix(companies, associations)
        pairs = [
            (int(scores[i, j]), c.name, a.name)
            for i, c in enumerate(companies)
            for j, a in enumerate(associations)
            if allowed[i, j] and scores[i, j] > 0 and (c.id, a.id) not in met and not (c.absent or a.absent)
        ]
        pairs.sort(key=lambda pair: (-pair[0], pair[1].casefold(), pair[2].casefold()))
        missed = [MissedPair(company, association, score) for score, company, association in pairs[:TOP_MISSED]]

    return Summary(
        meetings_held=sum(1 for m in meetings if m.round <= held_through),
        meetings_planned=len(meetings),
        no_shows=sum(1 for p in people.values() if p.absent),
        proposed=statuses[MatchStatus.PROPOSED],
        recorded=len(counted),
        validated=statuses[MatchStatus.VALIDATED],
        delivered=statuses[MatchStatus.DELIVERED],
        declined=statuses[MatchStatus.DECLINED],
        followup_requests=len(requests),
        mutual_followups=len(mutual),
        categories=categories,
        missed=missed,
    )
