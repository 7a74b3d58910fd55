"""Scoring of the speed meeting: affinity of a company/association pair and the fairness term.

Pure functions over :class:`Party` (no I/O). The numbers here are pinned: outside checks
compute the same ones.

* ``give(x, y)``     = |offers(x) & needs(y)|
* ``affinity(c, a)`` = 10 * (give(c, a) + give(a, c))
                       + 15 * [give(c, a) > 0 and give(a, c) > 0]
                       + 30 * [a in wishes(c)] + 30 * [c in wishes(a)]
* ``fair_weight(k, R)`` = 100 * (R - k + 1) / R   (weight of a participant's k-th meeting;
                       ``fair`` is the same function under its historical name)
* ``fair_total(d, R)`` = fair_weight(1) + ... + fair_weight(d) = 100 d (2R + 1 - d) / (2R)
* ``value``          = sum of affinities of the meetings
                       + sum over participants of fair_total(degree)

Wishes and avoids refer to organisation *names* of the other side; names are compared
after ``strip()`` and ``casefold()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

# numpy is imported inside the functions that compute arrays (a schedule, the summary): a serving instance that
# only names a ``Party`` or calls ``name_key`` never loads it (docs/benchmark-live.md, the cluster).
if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "Party",
    "give",
    "affinity",
    "fair",
    "fair_weight",
    "fair_total",
    "allowed",
    "name_key",
    "affinity_matrix",
    "allowed_matrix",
    "value",
    "matrix_value",
    "degrees",
]

# Weights of the affinity formula.
GIVE_WEIGHT = 10
MUTUAL_BONUS = 15
WISH_BONUS = 30
# Weight of a participant's first meeting in the fairness term (fair_weight(1, R)).
FAIR_SCALE = 100.0


@dataclass(frozen=True)
class Party:
    """A participant as the schedule engine sees it."""

    id: int
    name: str
    kind: str  # COMPANY | ASSOCIATION
    offers: frozenset[str] = frozenset()
    needs: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    wishes: frozenset[str] = frozenset()
    avoid: frozenset[str] = frozenset()
    present_from: int | None = None  # 1-based, inclusive; None = from the first round
    present_to: int | None = None  # 1-based, inclusive; None = until the last round
    absent: bool = False


def name_key(name: str) -> str:
    """Normal form of an organisation name used to match wishes and avoids."""
    return " ".join(name.split()).casefold()


def _names(names: Iterable[str]) -> frozenset[str]:
    return frozenset(name_key(n) for n in names)


def give(x: Party, y: Party) -> int:
    """Number of categories ``x`` offers that ``y`` needs."""
    return len(x.offers & y.needs)


def affinity(c: Party, a: Party) -> int:
    """Affinity of company ``c`` and association ``a`` (symmetric in the formula's terms)."""
    g_ca = give(c, a)
    g_ac = give(a, c)
    score = GIVE_WEIGHT * (g_ca + g_ac)
    if g_ca > 0 and g_ac > 0:
        score += MUTUAL_BONUS
    if name_key(a.name) in _names(c.wishes):
        score += WISH_BONUS
    if name_key(c.name) in _names(a.wishes):
        score += WISH_BONUS
    return score


def fair_weight(k: int | np.ndarray, rounds: int) -> Any:
    """Marginal fairness weight: what a participant's ``k``-th meeting adds to the value.

    ``fair_weight(k, R) = 100 * (R - k + 1) / R``: 100 for a first meeting, 100 / R for
    the R-th. It decreases in ``k``, so the objective is concave in each participant's
    degree and the (k+1)-th meeting of anyone is worth less than their k-th: this is what
    spreads the meetings. Every part of the engine that prices one more (or one fewer)
    meeting uses this function, elementwise on integer arrays of ``k`` (the integer part
    ``R - k + 1`` is exact, so the float result does not depend on the array's shape).

    >>> fair_weight(1, 10), fair_weight(10, 10)
    (100.0, 10.0)
    """
    return FAIR_SCALE * (rounds - k + 1) / rounds


fair = fair_weight  # the name of the objective's formula (``fair(k, R)``), kept public


def fair_total(degree: int | np.ndarray, rounds: int) -> Any:
    """``fair_weight(1) + ... + fair_weight(degree)`` in closed form (works on numpy arrays).

    ``sum_{k=1..d} 100 (R - k + 1) / R = 100 d (2R + 1 - d) / (2R)``.
    """
    d = degree
    return FAIR_SCALE * d * (2 * rounds + 1 - d) / (2 * rounds)


def allowed(c: Party, a: Party) -> bool:
    """A pair may meet: a common language and neither lists the other in ``avoid``."""
    if not (c.languages & a.languages):
        return False
    if name_key(a.name) in _names(c.avoid) or name_key(c.name) in _names(a.avoid):
        return False
    return True


# --------------------------------------------------------------------------- vectorised


def _incidence(sets: Sequence[frozenset[str]], vocab: dict[str, int]) -> np.ndarray:
    import numpy as np
    m = np.zeros((len(sets), max(len(vocab), 1)), dtype=np.int32)
    for i, s in enumerate(sets):
        for key in s:
            m[i, vocab[key]] = 1
    return m


def _vocab(*groups: Iterable[frozenset[str]]) -> dict[str, int]:
    keys: set[str] = set()
    for group in groups:
        for s in group:
            keys |= s
    return {k: i for i, k in enumerate(sorted(keys))}


def _name_matrix(holders: Sequence[frozenset[str]], targets: Sequence[Party]) -> np.ndarray:
    """``m[i, j]`` is True when ``targets[j].name`` is among ``holders[i]`` (names)."""
    import numpy as np
    index: dict[str, list[int]] = {}
    for j, t in enumerate(targets):
        index.setdefault(name_key(t.name), []).append(j)
    m = np.zeros((len(holders), len(targets)), dtype=bool)
    for i, names in enumerate(holders):
        for n in names:
            for j in index.get(name_key(n), ()):
                m[i, j] = True
    return m


def affinity_matrix(companies: Sequence[Party], associations: Sequence[Party]) -> np.ndarray:
    """``m[i, j] = affinity(companies[i], associations[j])`` as an int64 array."""
    import numpy as np
    nc, na = len(companies), len(associations)
    if nc == 0 or na == 0:
        return np.zeros((nc, na), dtype=np.int64)
    vocab = _vocab(
        (c.offers for c in companies),
        (c.needs for c in companies),
        (a.offers for a in associations),
        (a.needs for a in associations),
    )
    c_off = _incidence([c.offers for c in companies], vocab)
    c_need = _incidence([c.needs for c in companies], vocab)
    a_off = _incidence([a.offers for a in associations], vocab)
    a_need = _incidence([a.needs for a in associations], vocab)
    g_ca = (c_off @ a_need.T).astype(np.int64)
    g_ac = (c_need @ a_off.T).astype(np.int64)
    m = GIVE_WEIGHT * (g_ca + g_ac) + MUTUAL_BONUS * ((g_ca > 0) & (g_ac > 0))
    m += WISH_BONUS * _name_matrix([c.wishes for c in companies], associations)
    m += WISH_BONUS * _name_matrix([a.wishes for a in associations], companies).T
    return m.astype(np.int64)


def allowed_matrix(companies: Sequence[Party], associations: Sequence[Party]) -> np.ndarray:
    """``m[i, j] = allowed(companies[i], associations[j])`` as a bool array."""
    import numpy as np
    nc, na = len(companies), len(associations)
    if nc == 0 or na == 0:
        return np.zeros((nc, na), dtype=bool)
    vocab = _vocab((c.languages for c in companies), (a.languages for a in associations))
    c_lang = _incidence([c.languages for c in companies], vocab)
    a_lang = _incidence([a.languages for a in associations], vocab)
    m = (c_lang @ a_lang.T) > 0
    m &= ~_name_matrix([c.avoid for c in companies], associations)
    m &= ~_name_matrix([a.avoid for a in associations], companies).T
    return m


def _pair_ids(meeting: Any) -> tuple[int, int]:
    if isinstance(meeting, tuple):
        return int(meeting[0]), int(meeting[1])
    return int(meeting.company), int(meeting.association)


def degrees(
    meetings: Iterable[Any], companies: Sequence[Party], associations: Sequence[Party]
) -> tuple[np.ndarray, np.ndarray]:
    """Number of meetings of each company and each association (in list order)."""
    import numpy as np
    ci = {c.id: i for i, c in enumerate(companies)}
    ai = {a.id: j for j, a in enumerate(associations)}
    dc = np.zeros(len(companies), dtype=np.int64)
    da = np.zeros(len(associations), dtype=np.int64)
    for m in meetings:
        c, a = _pair_ids(m)
        if c in ci:
            dc[ci[c]] += 1
        if a in ai:
            da[ai[a]] += 1
    return dc, da


def value(
    meetings: Iterable[Any],
    companies: Sequence[Party],
    associations: Sequence[Party],
    rounds: int,
) -> float:
    """The objective of a schedule.

    ``meetings`` are objects with ``.company`` and ``.association`` (party ids), or
    ``(company_id, association_id)`` tuples. Affinities are recomputed from the parties.
    Meetings naming an unknown id raise ``KeyError``.
    """
    import numpy as np
    meetings = list(meetings)
    if not meetings:
        return 0.0
    ci = {c.id: i for i, c in enumerate(companies)}
    ai = {a.id: j for j, a in enumerate(associations)}
    rows = np.array([ci[_pair_ids(m)[0]] for m in meetings], dtype=np.int64)
    cols = np.array([ai[_pair_ids(m)[1]] for m in meetings], dtype=np.int64)
    return matrix_value(affinity_matrix(companies, associations), rows, cols, rounds)


def matrix_value(aff: np.ndarray, rows: np.ndarray, cols: np.ndarray, rounds: int) -> float:
    """:func:`value` of the meetings ``(rows[k], cols[k])`` (company and association
    indices) given ``aff = affinity_matrix(companies, associations)``:
    ``sum_k aff[rows[k], cols[k]] + sum_p fair_total(degree p)``."""
    import numpy as np
    total = 0.0
    if len(rows):
        total += float(aff[rows, cols].sum())
    dc = np.bincount(rows, minlength=aff.shape[0]).astype(np.int64)
    da = np.bincount(cols, minlength=aff.shape[1]).astype(np.int64)
    total += float(fair_total(dc, rounds).sum()) + float(fair_total(da, rounds).sum())
    return total
