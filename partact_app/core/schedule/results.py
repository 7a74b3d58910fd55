"""What the schedule engine hands out and the app keeps: a meeting, the quality of a schedule, the error of a bad
input. Plain dataclasses, no numpy: the services and the pages name these types without loading the engine's
arrays (a serving instance imports numpy, scipy and highspy only when it computes a schedule or its quality).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Meeting:
    """One meeting of the schedule (all numbers 1-based, ids are ``Party.id``)."""

    round: int
    table: int
    company: int
    association: int
    score: int  # affinity of the pair


@dataclass(frozen=True)
class Quality:
    meetings: int
    company_min: int  # meetings per company (companies not marked absent)
    company_max: int
    association_min: int
    association_max: int
    longest_sitout: int  # longest run of consecutive present rounds without a meeting
    no_common_language: int  # meetings of a pair that shares no language
    language_excluded: int  # company-association pairs (neither absent) that share no language
    wishes_asked: int  # wishes naming an organisation of the other side (neither absent)
    wishes_met: int  # of those, the ones whose pair meets
    value: float
    bound: float
    ratio: float  # value / bound, 1.0 when the bound is 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Planned:
    """A computed schedule as another process hands it back: plain Python only (``remote.run``), so that the
    process receiving it loads none of the engine's modules."""

    meetings: tuple[Meeting, ...]  # sorted by (round, table)
    report: dict[str, Any]  # ``problem.Report.to_dict()``
    seated: str | None


class ScheduleError(ValueError):
    """Invalid input; ``code`` and ``params`` let the UI translate the message.

    The message itself is developer text (English). Codes: ``rounds_invalid``,
    ``tables_invalid``, ``window_invalid``, ``kind_invalid``, ``duplicate_id``,
    ``seated_invalid``, ``seated_too_many``, ``after_round_invalid``, ``previous_unknown``.
    """

    def __init__(self, code: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

    def __reduce__(self):  # across processes: rebuilt with its code and parameters (``remote.run``)
        return (_schedule_error, (self.code, str(self), self.params))


def _schedule_error(code: str, message: str, params: dict[str, Any]) -> ScheduleError:
    return ScheduleError(code, message, **params)
