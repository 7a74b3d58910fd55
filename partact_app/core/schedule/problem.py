"""The scheduling problem: its instance, result types, input validation and shared rules.

Notation used across the engine (``docs/schedule-engine.md``): companies are indexed
``i = 0..nc-1`` (matrix *rows*), associations ``j = 0..na-1`` (matrix *cols*), rounds
``1..R`` (1-based in :class:`Meeting`; 0-based ``f = 0..F-1`` over the ``F`` rounds still
to plan inside the engine), ``T`` tables. A participant is *present* in round ``r`` when
``r`` lies in its :func:`round_window` and it is not marked absent.

Types that carry arrays through the engine are small named tuples (immutable bundles of
arrays whose contents some helpers update in place, as documented there):

* :class:`Sides` - one per-participant array for each side;
* :class:`Pairs` - chosen pairs (company index, association index);
* :class:`Plan` - pairs placed in rounds, with a ``locked`` mask;
* :class:`Slots` - free (participant, round) cells and meetings per round.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

import numpy as np

from partact_app.core.categories import ASSOCIATION, COMPANY
from partact_app.core.schedule.results import Meeting, ScheduleError
from partact_app.core.scoring import Party, affinity_matrix, allowed_matrix, matrix_value

# ``seated=NOBODY``: nobody keeps one table all event, both sides move (tables round by round).
NOBODY = "none"

# A bound at most this large counts as zero (ratio 1.0); ratios this close to 1 are 1.
VALUE_TOL = 1e-6
RATIO_TOL = 1e-9

_NO_INDEX = np.zeros(0, dtype=np.int64)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Report:
    """Quality of a schedule; ``value <= bound`` always, ``ratio = value / bound``."""

    meetings: int
    value: float
    bound: float
    ratio: float  # value / bound, 1.0 when bound is 0
    company_min: int  # meetings per company (companies not marked absent)
    company_max: int
    association_min: int
    association_max: int
    longest_sitout: int  # longest run of consecutive present rounds without a meeting
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...]  # sorted by (round, table)
    report: Report
    seated: str | None  # COMPANY | ASSOCIATION | None: which side keeps its table


# --------------------------------------------------------------------------- array bundles


class Sides(NamedTuple):
    """One array per side, indexed like the companies and like the associations."""

    company: np.ndarray
    association: np.ndarray

    def copy(self) -> Sides:
        return Sides(self.company.copy(), self.association.copy())


class Pairs(NamedTuple):
    """Company/association pairs as parallel index arrays (one entry per pair)."""

    rows: np.ndarray  # company index
    cols: np.ndarray  # association index


class Plan(NamedTuple):
    """Meetings placed in the rounds to plan, as parallel arrays (one entry per meeting).

    ``round`` is 0-based among the rounds to plan, -1 while a meeting is not placed;
    ``locked`` meetings (kept from a previous plan) are never moved or replaced.
    Invariant of a *valid* plan: every ``round >= 0``, a participant meets at most once
    a round, a pair at most once, and each round holds at most ``T`` meetings.
    """

    rows: np.ndarray  # company index
    cols: np.ndarray  # association index
    round: np.ndarray
    locked: np.ndarray  # bool

    @staticmethod
    def of(pairs: Pairs, rounds: np.ndarray, locked: bool = False) -> Plan:
        """``pairs`` placed in ``rounds``, all locked or all free."""
        return Plan(pairs.rows, pairs.cols, rounds, np.full(len(rounds), locked, dtype=bool))

    def pairs(self) -> Pairs:
        return Pairs(self.rows, self.cols)

    def then(self, other: Plan) -> Plan:
        """This plan's meetings followed by ``other``'s."""
        return Plan(*(np.concatenate([a, b]) for a, b in zip(self, other)))

    def where(self, mask: np.ndarray) -> Plan:
        return Plan(*(a[mask] for a in self))

    def degrees(self, held: Sides) -> Sides:
        """Meetings per participant: ``held`` plus this plan's."""
        return Sides(
            held.company + np.bincount(self.rows, minlength=len(held.company)),
            held.association + np.bincount(self.cols, minlength=len(held.association)),
        )


EMPTY_PLAN = Plan(_NO_INDEX, _NO_INDEX, _NO_INDEX, np.zeros(0, dtype=bool))


class Slots(NamedTuple):
    """Room left in the rounds to plan; helpers that place meetings update it in place.

    ``free``: (n, F) bool per side, participant present and not yet busy in round f;
    ``used``: (F,) int, meetings already in round f (at most ``T``).
    """

    free: Sides
    used: np.ndarray

    @staticmethod
    def around(present: Sides, plan: Plan, used: np.ndarray) -> Slots:
        """The cells of ``present`` that the meetings of ``plan`` leave free."""
        free = present.copy()
        free.company[plan.rows, plan.round] = False
        free.association[plan.cols, plan.round] = False
        return Slots(free, used)


def taken_pairs(plan: Plan | Pairs, shape: tuple[int, int]) -> np.ndarray:
    """(nc, na) bool: the pairs that meet in ``plan``."""
    taken = np.zeros(shape, dtype=bool)
    taken[plan.rows, plan.cols] = True
    return taken


def can_meet(present_c: np.ndarray, present_a: np.ndarray) -> np.ndarray:
    """(nc, na) bool: company i and association j share at least one round of the given
    (n, F) presence masks (a float32 matrix product, exact for counts below 2**24)."""
    return (present_c.astype(np.float32) @ present_a.T.astype(np.float32)) > 0


# --------------------------------------------------------------------------- rules


def round_window(party: Party, rounds: int) -> tuple[int, int]:
    """First and last round (1-based, inclusive) of ``party``'s presence window.

    ``present_from``/``present_to`` of ``None`` mean the first/last round. Valid input
    (:func:`validate`) has ``1 <= lo <= hi <= rounds``. Absence is not part of the window.
    """
    lo = 1 if party.present_from is None else party.present_from
    hi = rounds if party.present_to is None else party.present_to
    return lo, hi


def presence(parties: Sequence[Party], rounds: int) -> np.ndarray:
    """(n, R) bool: ``m[i, r - 1]`` when ``parties[i]`` is present in round ``r``
    (inside its :func:`round_window` and not marked absent)."""
    m = np.zeros((len(parties), rounds), dtype=bool)
    for i, p in enumerate(parties):
        if p.absent:
            continue
        lo, hi = round_window(p, rounds)
        m[i, lo - 1 : hi] = True
    return m


def _is_count(x: Any) -> bool:
    return not isinstance(x, bool) and isinstance(x, (int, np.integer)) and x >= 1


def validate(companies: Sequence[Party], associations: Sequence[Party], rounds: Any, tables: Any) -> None:
    """Raise :class:`ScheduleError` unless rounds and tables are integers >= 1, each side
    holds parties of its kind with distinct ids, and every window lies in 1..rounds."""
    if not _is_count(rounds):
        raise ScheduleError("rounds_invalid", f"rounds must be an integer >= 1, got {rounds!r}", rounds=rounds)
    if not _is_count(tables):
        raise ScheduleError("tables_invalid", f"tables must be an integer >= 1, got {tables!r}", tables=tables)
    for kind, side in ((COMPANY, companies), (ASSOCIATION, associations)):
        seen: set[int] = set()
        for p in side:
            if p.kind != kind:
                raise ScheduleError(
                    "kind_invalid",
                    f"{p.name!r} has kind {p.kind!r} but is listed as {kind}",
                    name=p.name, id=p.id, kind=p.kind, expected=kind,
                )
            if p.id in seen:
                raise ScheduleError("duplicate_id", f"duplicate {kind} id {p.id}", id=p.id, kind=kind)
            seen.add(p.id)
            lo, hi = round_window(p, rounds)
            if not (1 <= lo <= hi <= rounds):
                raise ScheduleError(
                    "window_invalid",
                    f"presence window of {p.name!r} ({p.present_from}..{p.present_to}) "
                    f"must lie within rounds 1..{rounds}",
                    name=p.name, id=p.id, present_from=p.present_from,
                    present_to=p.present_to, rounds=rounds,
                )


def seated_side(
    companies: Sequence[Party], associations: Sequence[Party], tables: int, seated: str | None = None
) -> str | None:
    """The side that keeps one table all event (participants not marked absent count).

    Default: associations when there are at most ``tables`` of them, else companies when
    there are at most ``tables`` of them, else nobody. ``seated`` forces a side, or
    :data:`NOBODY` (both sides move: tables are assigned round by round, as when neither
    side fits); ``ScheduleError`` ``seated_invalid`` / ``seated_too_many`` when it cannot.
    """
    n_c = sum(not p.absent for p in companies)
    n_a = sum(not p.absent for p in associations)
    if seated is None:
        if n_a <= tables:
            return ASSOCIATION
        if n_c <= tables:
            return COMPANY
        return None
    if seated == NOBODY:
        return None
    if seated not in (COMPANY, ASSOCIATION):
        raise ScheduleError(
            "seated_invalid",
            f"seated must be {COMPANY!r}, {ASSOCIATION!r} or {NOBODY!r}, got {seated!r}",
            seated=seated,
        )
    n = n_c if seated == COMPANY else n_a
    if n > tables:
        raise ScheduleError(
            "seated_too_many",
            f"{n} {seated} participants cannot keep one of {tables} tables each",
            side=seated, count=n, tables=tables,
        )
    return seated


# --------------------------------------------------------------------------- instance


@dataclass
class Instance:
    """A validated event as arrays: ``affinity``/``allowed`` (nc, na), ``present`` (n, R)
    per side (:func:`presence`), and the row of each ``Party.id`` per side."""

    companies: list[Party]
    associations: list[Party]
    rounds: int
    tables: int
    affinity: np.ndarray
    allowed: np.ndarray
    present: Sides
    row_of: dict[int, int]  # company id -> row
    col_of: dict[int, int]  # association id -> col

    @classmethod
    def build(cls, companies: Sequence[Party], associations: Sequence[Party], rounds: Any, tables: Any) -> Instance:
        """Validate the input (:func:`validate`) and compute its arrays."""
        validate(companies, associations, rounds, tables)
        cs, as_, rounds = list(companies), list(associations), int(rounds)
        return cls(
            cs, as_, rounds, int(tables),
            affinity=affinity_matrix(cs, as_),
            allowed=allowed_matrix(cs, as_),
            present=Sides(presence(cs, rounds), presence(as_, rounds)),
            row_of={p.id: i for i, p in enumerate(cs)},
            col_of={p.id: j for j, p in enumerate(as_)},
        )

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.companies), len(self.associations)

    def active(self) -> Sides:
        """Participants not marked absent, per side (bool)."""
        return Sides(
            np.array([not p.absent for p in self.companies], dtype=bool),
            np.array([not p.absent for p in self.associations], dtype=bool),
        )

    def index(self, meetings: Sequence[Meeting], what: str) -> tuple[Plan, np.ndarray]:
        """``meetings`` as a locked :class:`Plan` (1-based rounds) and their tables;
        ``ScheduleError("previous_unknown")`` for an id not in the instance."""
        try:
            rows = np.array([self.row_of[m.company] for m in meetings], dtype=np.int64)
            cols = np.array([self.col_of[m.association] for m in meetings], dtype=np.int64)
        except KeyError as exc:
            raise ScheduleError(
                "previous_unknown",
                f"{what} meeting refers to unknown participant id {exc.args[0]}",
                id=exc.args[0],
            ) from None
        rounds = np.array([m.round for m in meetings], dtype=np.int64)
        tables = np.array([m.table for m in meetings], dtype=np.int64)
        return Plan.of(Pairs(rows, cols), rounds, locked=True), tables

    def meetings(self, plan: Plan, tables: np.ndarray) -> list[Meeting]:
        """``plan`` (1-based rounds) with ``tables`` as :class:`Meeting` objects."""
        return [
            Meeting(int(r), int(t), self.companies[i].id, self.associations[j].id, int(self.affinity[i, j]))
            for r, t, i, j in zip(plan.round, tables, plan.rows, plan.cols)
        ]


# --------------------------------------------------------------------------- report


def sitout_runs(busy: np.ndarray, present: np.ndarray, upto: int) -> np.ndarray:
    """Current sit-out run of each participant just before round column ``upto``.

    ``busy``/``present``: (n, R) bool. A run counts present rounds without a meeting
    since the last meeting; rounds where the participant is not present add nothing and
    do not end the run (unlike :func:`longest_sitout`, where they do).
    """
    run = np.zeros(busy.shape[0], dtype=np.int64)
    for f in range(upto):
        idle = present[:, f] & ~busy[:, f]
        run = np.where(busy[:, f], 0, run + idle)
    return run


def longest_sitout(busy: np.ndarray, present: np.ndarray) -> int:
    """Longest run of consecutive present rounds without a meeting (0 for no one)."""
    if busy.size == 0:
        return 0
    idle = present & ~busy
    run = np.zeros(busy.shape[0], dtype=np.int64)
    best = 0
    for f in range(busy.shape[1]):
        run = np.where(idle[:, f], run + 1, 0)
        best = max(best, int(run.max()))
    return best


def make_report(instance: Instance, meetings: Sequence[Meeting], bound: float, t0: float) -> Report:
    """The :class:`Report` of ``meetings`` (the value is ``scoring.value``'s, computed on
    the instance's affinity matrix)."""
    R = instance.rounds
    nc, na = instance.shape
    rows = np.array([instance.row_of[m.company] for m in meetings], dtype=np.int64)
    cols = np.array([instance.col_of[m.association] for m in meetings], dtype=np.int64)
    rounds = np.array([m.round for m in meetings], dtype=np.int64)
    val = matrix_value(instance.affinity, rows, cols, R)
    busy_c = np.zeros((nc, R), dtype=bool)
    busy_a = np.zeros((na, R), dtype=bool)
    busy_c[rows, rounds - 1] = True
    busy_a[cols, rounds - 1] = True
    act = instance.active()
    dc, da = busy_c.sum(axis=1)[act.company], busy_a.sum(axis=1)[act.association]
    longest = max(
        longest_sitout(busy_c[act.company], instance.present.company[act.company]),
        longest_sitout(busy_a[act.association], instance.present.association[act.association]),
    )
    if bound <= VALUE_TOL:
        ratio = 1.0
    else:
        ratio = val / bound
        if abs(ratio - 1.0) < RATIO_TOL:
            ratio = 1.0
    return Report(
        meetings=len(meetings),
        value=round(val, 6),
        bound=round(bound, 6),
        ratio=ratio,
        company_min=int(dc.min()) if len(dc) else 0,
        company_max=int(dc.max()) if len(dc) else 0,
        association_min=int(da.min()) if len(da) else 0,
        association_max=int(da.max()) if len(da) else 0,
        longest_sitout=longest,
        seconds=time.perf_counter() - t0,
    )
