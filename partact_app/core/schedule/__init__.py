"""The schedule engine: who meets whom, in which round, at which table.

Pure core code (numpy, scipy, highspy); see ``docs/schedule-engine.md`` for the method.
Modules:

* :mod:`.problem` - the instance, the meeting/plan/report types, input validation, the
  presence window and the seated-side rule;
* :mod:`.lp` - the flow LP that chooses the meetings (and bounds every schedule);
* :mod:`.konig` - König splitting into rounds (exact without windows);
* :mod:`.windows` - the heuristics for availability windows;
* :mod:`.tables` - the table plan;
* :mod:`.engine` - ``make_schedule`` and ``replan``;
* :mod:`.check` - the validator; :mod:`.greedy` - the benchmark's baseline;
* :mod:`.quality` - the quality of a stored schedule, as the console reports it.
"""

import importlib
from typing import TYPE_CHECKING

# Where each public name lives. The names are imported when first used (PEP 562): the engine needs scipy and
# highspy (about 60 MB in a process) and numpy (16 MB), which a serving instance only loads when it runs a
# schedule or computes its quality, not for the types it shows (``Quality``, ``Meeting``, ``ScheduleError``:
# ``results``, which imports neither).
_HOMES = {
    "check_schedule": "check",
    "objective_parts": "check",
    "make_schedule": "engine",
    "replan": "engine",
    "greedy_schedule": "greedy",
    "Quality": "results",
    "schedule_quality": "quality",
    "NOBODY": "problem",
    "Meeting": "results",
    "Report": "problem",
    "Schedule": "problem",
    "ScheduleError": "results",
    "round_window": "problem",
    "seated_side": "problem",
}

if TYPE_CHECKING:
    from partact_app.core.schedule.check import check_schedule, objective_parts
    from partact_app.core.schedule.engine import make_schedule, replan
    from partact_app.core.schedule.greedy import greedy_schedule
    from partact_app.core.schedule.problem import NOBODY, Report, Schedule, round_window, seated_side
    from partact_app.core.schedule.quality import schedule_quality
    from partact_app.core.schedule.results import Meeting, Quality, ScheduleError


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "NOBODY",
    "Meeting",
    "Report",
    "Schedule",
    "ScheduleError",
    "make_schedule",
    "replan",
    "greedy_schedule",
    "check_schedule",
    "seated_side",
    "round_window",
    "objective_parts",
    "Quality",
    "schedule_quality",
]
