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

from partact_app.core.schedule.check import check_schedule, objective_parts
from partact_app.core.schedule.engine import make_schedule, replan
from partact_app.core.schedule.greedy import greedy_schedule
from partact_app.core.schedule.quality import Quality, schedule_quality
from partact_app.core.schedule.problem import (
    NOBODY,
    Meeting,
    Report,
    Schedule,
    ScheduleError,
    round_window,
    seated_side,
)

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
