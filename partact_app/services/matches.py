"""Matches: the partnership written down at the table, confirmed by both sides, checked by the registrar.

A participant acts only on matches they are part of: every use case takes the participant (found from the
page's token by the caller) and refuses a match or counterpart of anybody else (``NotFound``: it reveals
nothing). The life of a match:

* ``propose``: one side writes what is exchanged in each direction (categories of the event's list and free
  text), optionally a volume (hours or euros) and a delivery date; its own confirmation is implied. A pair has
  at most one match: proposing again while one is open is an amendment of one's own proposal (the same terms:
  a double tap, nothing changes), or a conflict when the other side proposed first (the page shows theirs).
* ``confirm`` by the other side makes it **recorded** (both confirmations, with their times); ``amend`` by
  either side changes the terms and waits for the other's confirmation; ``decline`` closes it.
* The registrar (an organiser) ``validate``s it, or ``send_back`` with a comment (status *returned*: the sides
  amend it and confirm again); ``fix`` corrects a typo without touching the confirmations.
* Either side marks it **delivered** once carried out.

Every change is one transaction; ``version`` must be the one the page showed (a change on an outdated screen is
a conflict, and two phones of one organisation never make two changes of one screen). After the commit the two
participants' pages reload their matches, and the consoles and the big screen hear the event's new revision
(the partnership count): nobody else in the room gets a frame.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session, select

from partact_app.core.categories import CATEGORY_KEYS, COMPANY
from partact_app.models import (
    Event,
    Match,
    MatchStatus,
    Meeting,
    Participant,
    join_list,
    split_list,
    utcnow,
    valid_id,
)
from partact_app.services import rounds
from partact_app.services.errors import Conflict, Invalid, NotFound

MAX_TEXT = 500
MAX_COMMENT = 1000
MAX_HOURS = 10_000
MAX_EUROS = 10_000_000
OPEN = (MatchStatus.PROPOSED,)
SETTLED = (MatchStatus.RECORDED, MatchStatus.VALIDATED, MatchStatus.RETURNED, MatchStatus.DELIVERED)


@dataclass(frozen=True)
class Terms:
    """What a match says: the exchange in each direction, the volume, the delivery date."""

    company_gives: tuple[str, ...] = ()
    company_gives_text: str = ""
    association_gives: tuple[str, ...] = ()
    association_gives_text: str = ""
    hours: float | None = None
    euros: int | None = None
    delivery_date: dt.date | None = None


def clean_text(value: object, limit: int, field_name: str) -> str:
    """One line of text: control characters become spaces, runs of spaces one; ``Invalid`` beyond ``limit``."""
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in str(value or "")).split())
    if len(text) > limit:
        raise Invalid("text_too_long", field=field_name, max=limit)
    return text


def _keys(value: object, field_name: str) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else split_list(str(value or ""))
    if len(items) > len(CATEGORY_KEYS):
        raise Invalid("category_unknown", field=field_name, value="…")
    keys: list[str] = []
    for item in items:
        key = str(item).strip().lower()
        if key not in CATEGORY_KEYS:
            raise Invalid("category_unknown", field=field_name, value=key[:40])
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def _number(value: object, field_name: str, limit: float, integer: bool) -> float | int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value).strip()) if integer else float(str(value).strip().replace(",", "."))
    except (TypeError, ValueError):
        raise Invalid("number_invalid", field=field_name) from None
    if not 0 <= number <= limit or number != number:  # NaN
        raise Invalid("number_invalid", field=field_name)
    return number


def _date(value: object, field_name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise Invalid("date_invalid", field=field_name) from None


def terms_from(form: dict) -> Terms:
    """A match form's fields, checked (every problem at once, each with its field)."""
    problems: list[Invalid] = []
    values: dict = {}
    checks = (
        ("company_gives", lambda v: _keys(v, "company_gives")),
        ("association_gives", lambda v: _keys(v, "association_gives")),
        ("company_gives_text", lambda v: clean_text(v, MAX_TEXT, "company_gives_text")),
        ("association_gives_text", lambda v: clean_text(v, MAX_TEXT, "association_gives_text")),
        ("hours", lambda v: _number(v, "hours", MAX_HOURS, integer=False)),
        ("euros", lambda v: _number(v, "euros", MAX_EUROS, integer=True)),
        ("delivery_date", lambda v: _date(v, "delivery_date")),
    )
    for name, check in checks:
        try:
            values[name] = check(form.get(name))
        except Invalid as error:
            problems.append(error)
    if not problems and not any(
        values[name] for name in ("company_gives", "association_gives", "company_gives_text", "association_gives_text")
    ):
        problems.append(Invalid("match_empty", field="company_gives"))
    if problems:
        raise Invalid.several(problems)
    return Terms(**values)


def _terms_of(match: Match) -> Terms:
    return Terms(
        company_gives=tuple(split_list(match.company_gives)),
        company_gives_text=match.company_gives_text,
        association_gives=tuple(split_list(match.association_gives)),
        association_gives_text=match.association_gives_text,
        hours=match.hours,
        euros=match.euros,
        delivery_date=match.delivery_date,
    )


def _write_terms(match: Match, terms: Terms) -> None:
    match.company_gives = join_list(terms.company_gives)
    match.company_gives_text = terms.company_gives_text
    match.association_gives = join_list(terms.association_gives)
    match.association_gives_text = terms.association_gives_text
    match.hours, match.euros, match.delivery_date = terms.hours, terms.euros, terms.delivery_date


# ---------------------------------------------------------------------------------------------- who and what



def counterpart_of(session: Session, me: Participant, counterpart_id: object) -> Participant:
    """A participant of the other type in ``me``'s event (``NotFound`` for anybody else)."""
    if not valid_id(counterpart_id):
        raise NotFound("participant_not_found", id=0)
    other = session.get(Participant, counterpart_id)
    if other is None or other.event_id != me.event_id or other.kind == me.kind:
        raise NotFound("participant_not_found", id=counterpart_id)
    return other


def _pair(me: Participant, other: Participant) -> tuple[int, int]:
    return (me.id, other.id) if me.kind == COMPANY else (other.id, me.id)


def match_of(session: Session, me: Participant, match_id: object) -> Match:
    """A match ``me`` is part of (``NotFound`` for any other, whatever its id)."""
    if not valid_id(match_id):
        raise NotFound("match_not_found")
    match = session.get(Match, match_id)
    if match is None or me.id not in (match.company_id, match.association_id):
        raise NotFound("match_not_found")
    return match


def _is_company(me: Participant, match: Match) -> bool:
    return match.company_id == me.id


def _my_confirmation(me: Participant, match: Match) -> dt.datetime | None:
    return match.company_confirmed_at if _is_company(me, match) else match.association_confirmed_at


def _confirm_side(me: Participant, match: Match, when: dt.datetime | None) -> None:
    if _is_company(me, match):
        match.company_confirmed_at = when
    else:
        match.association_confirmed_at = when


def check_version(match: Match, version: object) -> None:
    """``Conflict`` unless ``version`` is the match's present one (the one the page showed)."""
    if version != match.version:
        raise Conflict("match_changed")


def _changed(session: Session, match: Match) -> Match:
    """After a change: a new version; the two participants' pages reload, the consoles and screen hear it."""
    match.version += 1
    match.updated_at = utcnow()
    session.add(match)
    session.flush()
    event = session.get(Event, match.event_id)
    rounds.announce_revision(session, event, notify=(match.company_id, match.association_id))
    return match


# ---------------------------------------------------------------------------------------------- the two sides


def propose(session: Session, me: Participant, counterpart_id: object, terms: Terms) -> Match:
    other = counterpart_of(session, me, counterpart_id)
    company_id, association_id = _pair(me, other)
    match = session.exec(
        select(Match).where(
            Match.event_id == me.event_id, Match.company_id == company_id, Match.association_id == association_id
        )
    ).first()
    now = utcnow()
    if match is not None and match.status in SETTLED:
        raise Conflict("match_exists")
    if match is not None and match.status in OPEN:
        if match.proposed_by_id != me.id:
            raise Conflict("match_open")  # the other side proposed first: confirm or amend theirs
        if _terms_of(match) == terms:
            return match  # a double tap, or the same proposal from a second phone
    if match is None:
        meeting = session.exec(
            select(Meeting).where(
                Meeting.event_id == me.event_id,
                Meeting.company_id == company_id,
                Meeting.association_id == association_id,
            )
        ).first()
        match = Match(event_id=me.event_id, company_id=company_id, association_id=association_id,
                      meeting_id=meeting.id if meeting else None, created_at=now)
    _write_terms(match, terms)
    match.status = MatchStatus.PROPOSED
    match.proposed_by_id = me.id
    match.company_confirmed_at = match.association_confirmed_at = None
    _confirm_side(me, match, now)
    match.registrar_comment = ""
    return _changed(session, match)


def confirm(session: Session, me: Participant, match_id: object, version: object) -> Match:
    match = match_of(session, me, match_id)
    if _my_confirmation(me, match) is not None and match.status != MatchStatus.DECLINED:
        return match  # already confirmed (a double tap, or a second phone of the same side)
    if match.status not in OPEN:
        raise Conflict("match_not_open")
    check_version(match, version)
    now = utcnow()
    _confirm_side(me, match, now)
    if match.company_confirmed_at and match.association_confirmed_at:
        match.status, match.recorded_at = MatchStatus.RECORDED, now
    return _changed(session, match)


def amend(session: Session, me: Participant, match_id: object, version: object, terms: Terms) -> Match:
    """New terms from either side (also after the registrar sent it back): the other side confirms again."""
    match = match_of(session, me, match_id)
    if match.status not in (*OPEN, MatchStatus.RETURNED):
        raise Conflict("match_not_open")
    check_version(match, version)
    _write_terms(match, terms)
    match.status = MatchStatus.PROPOSED
    match.proposed_by_id = me.id
    match.company_confirmed_at = match.association_confirmed_at = None
    match.recorded_at = None
    _confirm_side(me, match, utcnow())
    return _changed(session, match)


def decline(session: Session, me: Participant, match_id: object, version: object) -> Match:
    """The other side says no, or the proposer withdraws: the match is closed (a new proposal reopens it)."""
    match = match_of(session, me, match_id)
    if match.status not in OPEN:
        raise Conflict("match_not_open")
    check_version(match, version)
    match.status = MatchStatus.DECLINED
    return _changed(session, match)


def mark_delivered(session: Session, me: Participant, match_id: object, version: object) -> Match:
    match = match_of(session, me, match_id)
    if match.status == MatchStatus.DELIVERED:
        return match
    if match.status not in (MatchStatus.RECORDED, MatchStatus.VALIDATED):
        raise Conflict("match_not_recorded")
    check_version(match, version)
    match.status, match.delivered_at = MatchStatus.DELIVERED, utcnow()
    return _changed(session, match)


# ---------------------------------------------------------------------------------------------- the registrar


def event_match(session: Session, event: Event, match_id: object) -> Match:
    """The match ``match_id`` of ``event`` (an organiser's action); ``NotFound`` for any other id or value."""
    if not valid_id(match_id):
        raise NotFound("match_not_found")
    match = session.get(Match, match_id)
    if match is None or match.event_id != event.id:
        raise NotFound("match_not_found")
    return match


def validate(session: Session, event: Event, match_id: object) -> Match:
    match = event_match(session, event, match_id)
    if match.status not in (MatchStatus.RECORDED, MatchStatus.RETURNED, MatchStatus.VALIDATED):
        raise Conflict("match_not_recorded")
    if match.status == MatchStatus.VALIDATED:
        return match
    match.status, match.validated_at, match.registrar_comment = MatchStatus.VALIDATED, utcnow(), ""
    return _changed(session, match)


def send_back(session: Session, event: Event, match_id: object, comment: object) -> Match:
    match = event_match(session, event, match_id)
    if match.status not in (MatchStatus.RECORDED, MatchStatus.VALIDATED):
        raise Conflict("match_not_recorded")
    text = clean_text(comment, MAX_COMMENT, "comment")
    if not text:
        raise Invalid("comment_required", field="comment")
    match.status, match.registrar_comment, match.validated_at = MatchStatus.RETURNED, text, None
    return _changed(session, match)


def fix(session: Session, event: Event, match_id: object, terms: Terms) -> Match:
    """The registrar corrects a typo: the terms change, the confirmations and the status stay."""
    match = event_match(session, event, match_id)
    _write_terms(match, terms)
    return _changed(session, match)


# ---------------------------------------------------------------------------------------------- what pages show


@dataclass
class MatchView:
    """A match as one side sees it (``me`` is that side): what each side gives, and what is awaited of whom."""

    id: int = 0
    version: int = 0
    counterpart_id: int = 0
    counterpart: str = ""
    status: str = ""
    i_give: list[str] = field(default_factory=list)
    i_give_text: str = ""
    they_give: list[str] = field(default_factory=list)
    they_give_text: str = ""
    hours: str = ""
    euros: str = ""
    delivery_date: str = ""
    awaiting_me: bool = False  # proposed by the other side (or amended): my confirmation is missing
    proposed_by_me: bool = False
    registrar_comment: str = ""
    recorded_at: str = ""


def volume_texts(match: Match) -> dict[str, str]:
    """A match's optional volume and delivery date as a page shows them ("" when not given)."""
    return {
        "hours": "" if match.hours is None else f"{match.hours:g}",
        "euros": "" if match.euros is None else str(match.euros),
        "delivery_date": match.delivery_date.isoformat() if match.delivery_date else "",
    }


def view_for(me: Participant, match: Match, names: dict[int, str]) -> MatchView:
    mine_company = _is_company(me, match)
    other = match.association_id if mine_company else match.company_id
    gives = (split_list(match.company_gives), match.company_gives_text)
    takes = (split_list(match.association_gives), match.association_gives_text)
    if not mine_company:
        gives, takes = takes, gives
    return MatchView(
        id=match.id,
        version=match.version,
        counterpart_id=other,
        counterpart=names.get(other, ""),
        status=match.status,
        i_give=gives[0],
        i_give_text=gives[1],
        they_give=takes[0],
        they_give_text=takes[1],
        **volume_texts(match),
        awaiting_me=match.status in OPEN and _my_confirmation(me, match) is None,
        proposed_by_me=match.proposed_by_id == me.id,
        registrar_comment=match.registrar_comment,
        recorded_at=match.recorded_at.isoformat(timespec="minutes") if match.recorded_at else "",
    )


def matches_of(session: Session, me: Participant) -> list[MatchView]:
    """``me``'s matches, the ones awaiting their confirmation first, then the newest."""
    rows = session.exec(
        select(Match).where((Match.company_id == me.id) | (Match.association_id == me.id))
    ).all()
    if not rows:  # most phones at a join: no second query
        return []
    ids = {m.company_id for m in rows} | {m.association_id for m in rows}
    names = {p.id: p.organisation for p in session.exec(select(Participant).where(Participant.id.in_(ids))).all()}
    views = [view_for(me, m, names) for m in rows]
    return sorted(views, key=lambda v: (not v.awaiting_me, v.status == MatchStatus.DECLINED, -v.id))


def describe(match: Match, names: dict[int, str]) -> str:
    """One line for the export: what each side gives the other (category keys and free text)."""

    def side(giver: int, taker: int, keys: str, text: str) -> str:
        what = ", ".join([*split_list(keys), *([text] if text else [])])
        return f"{names.get(giver, '')} → {names.get(taker, '')}: {what}" if what else ""

    parts = [
        side(match.company_id, match.association_id, match.company_gives, match.company_gives_text),
        side(match.association_id, match.company_id, match.association_gives, match.association_gives_text),
    ]
    extra = [f"{match.hours:g} h" if match.hours is not None else "", f"{match.euros} €" if match.euros is not None else "",
             match.delivery_date.isoformat() if match.delivery_date else ""]
    return "; ".join(part for part in [*parts, *extra] if part)
