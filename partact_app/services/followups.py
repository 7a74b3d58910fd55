"""Follow-ups and private notes.

"Request follow-up" is private: the other side learns nothing until they ask too. When both have asked for each
other the follow-up is **mutual**, and only then does each side's page receive the other's contact details
(contact name, e-mail, phone): they are absent from what the server sends before, not hidden in the page.
Withdrawing a request makes them disappear again for both.

A note ("call back about the logo") belongs to its author alone: shown to nobody else, exported only to its
author (``notes_of``).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, select

from partact_app.models import Event, FollowUp, Meeting, Note, Participant, utcnow
from partact_app.services import rounds
from partact_app.services.matches import clean_text, counterpart_of

MAX_NOTE = 2000


def _notify(session: Session, me: Participant, other: Participant) -> None:
    rounds.announce_revision(session, session.get(Event, me.event_id), notify=(me.id, other.id))


def request(session: Session, me: Participant, counterpart_id: object) -> bool:
    """Ask to follow up with a counterpart (met in a round or outside the schedule); returns whether it is now
    mutual. Asking twice changes nothing."""
    other = counterpart_of(session, me, counterpart_id)
    existing = session.exec(select(FollowUp).where(FollowUp.from_id == me.id, FollowUp.to_id == other.id)).first()
    if existing is None:
        company, association = (me.id, other.id) if me.kind == "company" else (other.id, me.id)
        meeting = session.exec(
            select(Meeting.id).where(Meeting.company_id == company, Meeting.association_id == association)
        ).first()
        session.add(FollowUp(event_id=me.event_id, from_id=me.id, to_id=other.id, meeting_id=meeting))
        session.flush()
        _notify(session, me, other)
    return session.exec(select(FollowUp).where(FollowUp.from_id == other.id, FollowUp.to_id == me.id)).first() is not None


def withdraw(session: Session, me: Participant, counterpart_id: object) -> None:
    """Take a request back: if it was mutual, the contact details disappear again for both."""
    other = counterpart_of(session, me, counterpart_id)
    result = session.execute(sa.delete(FollowUp).where(FollowUp.from_id == me.id, FollowUp.to_id == other.id))
    if result.rowcount:
        _notify(session, me, other)


@dataclass
class FollowUpView:
    """``me``'s side of a follow-up with one counterpart; the contact fields are filled only when mutual."""

    counterpart_id: int = 0
    counterpart: str = ""
    requested: bool = False  # by me
    mutual: bool = False
    contact_name: str = ""
    email: str = ""
    phone: str = ""


def followups_of(session: Session, me: Participant) -> list[FollowUpView]:
    """Everybody ``me`` asked to follow up with. The other side's requests to ``me`` stay invisible to ``me``
    until ``me`` asks too (then the follow-up is mutual)."""
    pairs = session.exec(
        select(FollowUp.from_id, FollowUp.to_id).where((FollowUp.from_id == me.id) | (FollowUp.to_id == me.id))
    ).all()
    mine = [to_id for from_id, to_id in pairs if from_id == me.id]
    if not mine:  # most phones at a join: one query
        return []
    theirs = {from_id for from_id, to_id in pairs if to_id == me.id}
    people = {p.id: p for p in session.exec(select(Participant).where(Participant.id.in_(mine))).all()}
    views = []
    for other_id in mine:
        other = people.get(other_id)
        if other is None:
            continue
        mutual = other_id in theirs
        views.append(
            FollowUpView(
                counterpart_id=other_id,
                counterpart=other.organisation,
                requested=True,
                mutual=mutual,
                contact_name=other.contact_name if mutual else "",
                email=other.email if mutual else "",
                phone=other.phone if mutual else "",
            )
        )
    return sorted(views, key=lambda v: (not v.mutual, v.counterpart.casefold()))


def save_note(session: Session, me: Participant, counterpart_id: object, text: object) -> str:
    """Keep ``me``'s private note about a counterpart (an empty text deletes it); returns the kept text."""
    other = counterpart_of(session, me, counterpart_id)
    cleaned = str(text or "")
    if len(cleaned) > MAX_NOTE:
        cleaned = clean_text(cleaned, MAX_NOTE, "note")  # raises: too long
    cleaned = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in cleaned).strip()
    note = session.exec(select(Note).where(Note.author_id == me.id, Note.counterpart_id == other.id)).first()
    if not cleaned:
        if note is not None:
            session.delete(note)
        return ""
    if note is None:
        note = Note(event_id=me.event_id, author_id=me.id, counterpart_id=other.id)
    note.text, note.updated_at = cleaned, utcnow()
    session.add(note)
    return cleaned


def notes_of(session: Session, me: Participant) -> dict[int, str]:
    """``me``'s own notes, by counterpart (never anybody else's)."""
    return {n.counterpart_id: n.text for n in session.exec(select(Note).where(Note.author_id == me.id)).all()}
