"""Errors a user can cause: four classes, each carrying a catalogue key, so every interface says them in its user's
language and maps them by class (the API: ``Invalid`` 400, ``Unauthorised`` 401, ``NotFound`` 404,
``Conflict`` 409; the CLI: exit 2; the pages: a message next to the field or the button).

The core never translates: it returns codes and parameters (``core.registrations.RowError``,
``core.schedule.ScheduleError``); this module turns them into text with the catalogue (``i18n``). A language we
cannot tell is ``i18n.DEFAULT_LANGUAGE`` (French), here as everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from partact_app.core.registrations import RowError
from partact_app.i18n import DEFAULT_LANGUAGE, t


class ServiceError(Exception):
    """A refused action. ``code`` names the message ``error.<code>`` of the catalogue. Raise a subclass."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message(DEFAULT_LANGUAGE))

    def message(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return t(f"error.{self.code}", lang, **self.params)

    def messages(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        """One line per problem (several for a form or an import)."""
        return [self.message(lang)]


class Invalid(ServiceError):
    """Bad input; nothing was changed. ``field`` names the form field it is about (None: the whole request).

    ``Invalid.several(problems)`` carries every problem of a form at once; ``problems`` lists them (one problem is
    its own list).
    """

    def __init__(self, code: str, /, *, field: str | None = None, **params: object) -> None:
        self.field = field
        self.problems: tuple[Invalid, ...] = (self,)
        if field is not None:
            params = {"field": field, **params}  # a message may name the field ("{field}")
        super().__init__(code, **params)

    @classmethod
    def several(cls, problems: Iterable[Invalid]) -> Invalid:
        problems = tuple(problems)
        first = problems[0]
        error = cls(first.code, **first.params)  # the params hold the field (see __init__)
        error.problems = problems
        return error

    def messages(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        return [problem.message(lang) for problem in self.problems]

    def by_field(self, lang: str = DEFAULT_LANGUAGE) -> dict[str, str]:
        """The first message for each field ("" for problems about no field in particular)."""
        out: dict[str, str] = {}
        for problem in self.problems:
            out.setdefault(problem.field or "", problem.message(lang))
        return out


class NotFound(ServiceError):
    """The event, participant, meeting... does not exist (or is not this user's to see)."""


class Unauthorised(ServiceError):
    """The organiser key (or the participant token) does not give the right to this action."""

    def __init__(self, code: str = "unauthorised", /, **params: object) -> None:
        super().__init__(code, **params)


class Conflict(ServiceError):
    """The action does not fit the present state (the round changed meanwhile, the event has finished...)."""


def row_error_message(error: RowError, lang: str = DEFAULT_LANGUAGE) -> str:
    """An import problem as text, prefixed by its line (``"Ligne 4 : ..."``; no prefix for the whole file)."""
    body = t(f"import.{error.code}", lang, **error.params)
    if error.line <= 0:
        return body
    return t("import.line", lang, line=error.line, message=body)


class ImportRejected(Invalid):
    """An import with at least one bad row: nothing was written; ``errors`` lists every bad row."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = tuple(errors)
        super().__init__("import_rejected", count=len(self.errors))

    def messages(self, lang: str = DEFAULT_LANGUAGE) -> list[str]:
        return [self.message(lang)] + [row_error_message(error, lang) for error in self.errors]
