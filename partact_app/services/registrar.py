"""The registrar's view of an event's matches (the console's ``/organiser/matches``): every match with what the
``matches`` export says of it, the counts by status, and the registrar's actions guarded by the version the
page showed (a match changed by its two sides since is not validated, sent back or corrected blind).

The actions themselves are ``services.matches.validate``, ``send_back`` and ``fix``; this module only reads and
checks. A row's ``description``, ``status`` and ``created_at`` are those of the export, so the table and the
CSV say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session, select

from partact_app.models import Event, Match, MatchStatus, Participant, split_list
from partact_app.services import matches
from partact_app.services.errors import Invalid

# The statuses in the order the page counts them (the names of the ``matches`` export).
STATUSES = (
    MatchStatus.PROPOSED,
    MatchStatus.RECORDED,
    MatchStatus.VALIDATED,
    MatchStatus.RETURNED,
    MatchStatus.DECLINED,
    MatchStatus.DELIVERED,
)
ALL = "all"
# What the registrar looks at first: matches waiting for a decision.
TO_CHECK = "to_check"
FILTERS = (TO_CHECK, ALL, *STATUSES)
MAX_ROWS = 2000  # an event of 100 companies x 100 associations records a few hundred at most


@dataclass
class RegistrarRow:
    id: int = 0
    version: int = 0
    company: str = ""
    association: str = ""
    description: str = ""  # as in the export
    status: str = ""
    created_at: str = ""  # ISO time, as in the export
    company_gives: list[str] = field(default_factory=list)
    company_gives_text: str = ""
    association_gives: list[str] = field(default_factory=list)
    association_gives_text: str = ""
    hours: str = ""
    euros: str = ""
    delivery_date: str = ""
    registrar_comment: str = ""
    can_validate: bool = False
    can_send_back: bool = False


@dataclass
class RegistrarView:
    rows: list[RegistrarRow] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # status -> matches
    shown: int = 0  # rows matching the filter (``rows`` holds at most MAX_ROWS of them)


def _row(match: Match, names: dict[int, str]) -> RegistrarRow:
    return RegistrarRow(
        id=match.id,
        version=match.version,
        company=names.get(match.company_id, ""),
        association=names.get(match.association_id, ""),
        description=matches.describe(match, names),
        status=match.status,
        created_at=match.created_at.isoformat(),
        company_gives=split_list(match.company_gives),
        company_gives_text=match.company_gives_text,
        association_gives=split_list(match.association_gives),
        association_gives_text=match.association_gives_text,
        **matches.volume_texts(match),
        registrar_comment=match.registrar_comment,
        can_validate=match.status in (MatchStatus.RECORDED, MatchStatus.RETURNED),
        can_send_back=match.status in (MatchStatus.RECORDED, MatchStatus.VALIDATED),
    )


def _wanted(status: str, which: str) -> bool:
    if which == ALL:
        return True
    if which == TO_CHECK:
        return status == MatchStatus.RECORDED
    return status == which


def registrar_view(session: Session, event: Event, which: str = TO_CHECK) -> RegistrarView:
    """The event's matches passing the filter ``which`` (one of ``FILTERS``), newest first, and the counts of
    every status (whatever the filter)."""
    if which not in FILTERS:
        raise Invalid("field_invalid", field="status")
    everything = session.exec(
        select(Match).where(Match.event_id == event.id).order_by(Match.created_at.desc(), Match.id.desc())
    ).all()
    counts = {status: 0 for status in STATUSES}
    for match in everything:
        counts[match.status] = counts.get(match.status, 0) + 1
    chosen = [m for m in everything if _wanted(m.status, which)]
    ids = {m.company_id for m in chosen[:MAX_ROWS]} | {m.association_id for m in chosen[:MAX_ROWS]}
    names = (
        {p.id: p.organisation for p in session.exec(select(Participant).where(Participant.id.in_(ids))).all()}
        if ids
        else {}
    )
    return RegistrarView(rows=[_row(m, names) for m in chosen[:MAX_ROWS]], counts=counts, shown=len(chosen))


def expect_version(session: Session, event: Event, match_id: object, version: object) -> Match:
    """The event's match ``match_id`` if it is still at ``version`` (what the page showed); ``Conflict`` when one
    of its sides changed it since (the page reloads it), ``NotFound`` for a match of any other event."""
    match = matches.event_match(session, event, match_id)
    matches.check_version(match, version)
    return match


def validate(session: Session, event: Event, match_id: object, version: object) -> Match:
    expect_version(session, event, match_id, version)
    return matches.validate(session, event, match_id)


def send_back(session: Session, event: Event, match_id: object, version: object, comment: object) -> Match:
    expect_version(session, event, match_id, version)
    return matches.send_back(session, event, match_id, comment)


def fix(session: Session, event: Event, match_id: object, version: object, form: dict) -> Match:
    """Correct a typo: the form's terms (checked as the match form's), confirmations and status unchanged."""
    expect_version(session, event, match_id, version)
    return matches.fix(session, event, match_id, matches.terms_from(form))
