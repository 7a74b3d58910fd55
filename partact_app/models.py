"""The database tables (plain SQLModel, no ``rx.Model``).

Lists (languages, offers, needs, wishes, avoid) are stored as ``;``-joined text so the same schema runs on
SQLite and PostgreSQL; ``split_list``/``join_list`` convert. Times are aware UTC datetimes. Every change to these
classes comes with an Alembic migration in ``partact_app/migrations/versions`` (a test checks that the
migrations produce exactly this schema).
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now, timezone-aware UTC (SQLModel's UTCDateTime columns store and return aware UTC datetimes)."""
    return datetime.now(timezone.utc)


MAX_ID = 2**31 - 1  # the database's integer: a larger id is nobody's, and must not reach the database


def valid_id(value: object) -> bool:
    """Whether ``value`` (from a client, any type) can be a row id at all."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def split_list(text: str | None) -> list[str]:
    return [part for part in (text or "").split(";") if part]


def join_list(items) -> str:
    return ";".join(items)


class Phase:
    """Values of ``Event.phase``: the live state of the room.

    Without automatic advance, the time between two rounds is not stored: it is a running round whose deadline
    has passed (the gong rang, people move), which every screen derives from the deadline in the browser, until an
    organiser starts the next round. With ``Event.auto_advance`` the server itself moves a round whose time is up
    to CHANGEOVER for ``break_minutes`` ("move to your next table", ``round_deadline`` is then the end of the
    changeover), then starts the next round.
    """

    BEFORE = "before"  # not started yet
    RUNNING = "running"  # a round is under way, until round_deadline
    PAUSED = "paused"  # a round is paused, paused_remaining seconds left
    CHANGEOVER = "changeover"  # people move to their next table, until round_deadline (automatic advance)
    FINISHED = "finished"


class SeatedSide:
    """Values of ``Event.seated_side``: which side keeps one table all event."""

    AUTO = None  # the side that fits (associations first), else nobody
    COMPANIES = "company"
    ASSOCIATIONS = "association"
    NOBODY = "none"  # both sides move: tables are assigned round by round


class MeetingStatus:
    PLANNED = "planned"
    HELD = "held"


class MatchStatus:
    """Values of ``Match.status`` (the names of the ``matches`` export)."""

    PROPOSED = "proposed"  # one side proposed (or amended); the other has not confirmed yet
    RECORDED = "recorded"  # both sides confirmed: a partnership
    VALIDATED = "validated"  # the registrar checked it
    RETURNED = "returned"  # the registrar sent it back with a comment (still a partnership, to correct)
    DECLINED = "declined"
    DELIVERED = "delivered"  # carried out (the Beursvloer asks for it within a year)

    # What the big screen counts: every partnership both sides confirmed.
    COUNTED = (RECORDED, VALIDATED, RETURNED, DELIVERED)


class Event(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    date: dt.date | None = None
    venue: str = Field(default="", max_length=300)
    start_time: str = Field(default="", max_length=5)  # "HH:MM" local time of round 1, blank when unknown
    rounds: int
    tables: int
    round_minutes: int
    break_minutes: int = 0
    seated_side: str | None = Field(default=None, max_length=16)  # organiser override of the table plan
    # The organiser key: salted PBKDF2 hash; key_lookup is a short SHA-256 prefix used to find the event
    # from a key alone (the key has 144 random bits, so the prefix reveals nothing useful).
    key_salt: str = Field(default="", max_length=64)
    key_hash: str = Field(default="", max_length=128)
    key_lookup: str = Field(default="", max_length=16, index=True)
    # Live fields: the authority for what every phone shows (see docs/live.md).
    phase: str = Field(default=Phase.BEFORE, max_length=16)
    current_round: int = 0
    round_deadline: datetime | None = None
    paused_remaining: float | None = None  # seconds left in the round while paused
    schedule_version: int = 0
    # The schedule's life: when it was computed, whether participants may see it, whether what it depends on
    # (rounds, tables, seated side, participants...) changed since.
    scheduled_at: datetime | None = None
    published: bool = False
    published_at: datetime | None = None
    schedule_outdated: bool = False
    auto_advance: bool = False  # the server moves a finished round to the changeover and starts the next one
    # Bumped by every change an organiser's console shows (a check-in, an edited participant, the settings): the
    # consoles of the event reload their lists when it changes; the phones ignore it.
    revision: int = 0
    # What the big screen and every phone show on top until an organiser clears it ("" = nothing).
    announcement: str = Field(default="", max_length=280)
    badges_printed_at: datetime | None = None  # the last "printed" mark: later registrations are the walk-ins
    created_at: datetime = Field(default_factory=utcnow)


class Participant(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("event_id", "organisation", name="uq_participant_event_organisation"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=16)  # "company" | "association"
    organisation: str = Field(max_length=200)
    contact_name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=64)
    languages: str = Field(default="", max_length=64)
    offers: str = Field(default="", max_length=500)
    needs: str = Field(default="", max_length=500)
    description: str = Field(default="", sa_type=sa.Text)
    wishes: str = Field(default="", sa_type=sa.Text)
    avoid: str = Field(default="", sa_type=sa.Text)
    present_from_round: int | None = None
    present_to_round: int | None = None
    token: str = Field(max_length=64, sa_column_kwargs={"unique": True}, nullable=False)
    checked_in: bool = False
    checked_in_at: datetime | None = None
    absent: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Meeting(SQLModel, table=True):
    __table_args__ = (
        sa.UniqueConstraint("event_id", "company_id", "association_id", name="uq_meeting_pair"),
        sa.UniqueConstraint("event_id", "round", "table", name="uq_meeting_table"),
        sa.UniqueConstraint("event_id", "round", "company_id", name="uq_meeting_company_round"),
        sa.UniqueConstraint("event_id", "round", "association_id", name="uq_meeting_association_round"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    round: int
    table: int
    company_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    association_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    score: int = 0
    status: str = Field(default=MeetingStatus.PLANNED, max_length=16)


class Match(SQLModel, table=True):
    """A partnership between a company and an association: proposed by one side, confirmed by both (recorded),
    checked by the registrar (validated or returned with a comment), carried out (delivered).

    At most one match per pair (``uq_match_pair``): a declined proposal is reopened by a new one. ``version``
    grows with every change, so a confirmation or an amendment made on an outdated screen is refused."""

    __table_args__ = (
        sa.UniqueConstraint("event_id", "company_id", "association_id", name="uq_match_pair"),
    )

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    # Indexed: a phone reads its matches by either side on every load (the pair's unique key starts with the event).
    company_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    association_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    proposed_by_id: int | None = Field(default=None, foreign_key="participant.id", ondelete="SET NULL")
    # What is exchanged, in each direction: category keys (";"-joined) and free text.
    company_gives: str = Field(default="", max_length=500)
    company_gives_text: str = Field(default="", max_length=500)
    association_gives: str = Field(default="", max_length=500)
    association_gives_text: str = Field(default="", max_length=500)
    hours: float | None = None  # optional volume
    euros: int | None = None
    delivery_date: dt.date | None = None
    company_confirmed_at: datetime | None = None
    association_confirmed_at: datetime | None = None
    status: str = Field(default=MatchStatus.PROPOSED, max_length=16)
    registrar_comment: str = Field(default="", max_length=1000)
    recorded_at: datetime | None = None
    validated_at: datetime | None = None
    delivered_at: datetime | None = None
    version: int = 0
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class FollowUp(SQLModel, table=True):
    """A participant asks to follow up with another one. Private: when both have asked for each other (mutual),
    each sees the other's contact details; withdrawing deletes the row."""

    __table_args__ = (sa.UniqueConstraint("from_id", "to_id", name="uq_followup_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    from_id: int = Field(foreign_key="participant.id", ondelete="CASCADE")  # the pair's unique key serves it
    to_id: int = Field(foreign_key="participant.id", index=True, ondelete="CASCADE")  # "who asked me": every load
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow)


class ConsoleSession(SQLModel, table=True):
    """An organiser console logged in to an event: the browser holds the token in an HttpOnly cookie, the server
    only its SHA-256. It ends at ``expires_at``, on logout, or when the event's key is rotated (the fingerprint
    no longer matches)."""

    __tablename__ = "console_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, sa_column_kwargs={"unique": True}, nullable=False)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    key_fingerprint: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime


class Note(SQLModel, table=True):
    """A participant's private note about a counterpart ("call back about the logo"): shown to its author only."""

    __table_args__ = (sa.UniqueConstraint("author_id", "counterpart_id", name="uq_note_pair"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="participant.id", ondelete="CASCADE")
    counterpart_id: int = Field(foreign_key="participant.id", ondelete="CASCADE")
    text: str = Field(default="", max_length=2000)
    updated_at: datetime = Field(default_factory=utcnow)
