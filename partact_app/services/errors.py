"""Errors a user can cause, each with a catalogue key so that every interface can say it in the user's language."""

from __future__ import annotations

from partact_app.i18n import t


class ServiceError(Exception):
    """Bad input or a refused action. ``code`` names the message ``error.<code>`` of the catalogue."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "fr") -> str:
        return t(f"error.{self.code}", lang, **self.params)

    def messages(self, lang: str = "fr") -> list[str]:
        """One line per problem (several for an import)."""
        return [self.message(lang)]


class NotFound(ServiceError):
    pass


class Unauthorised(ServiceError):
    def __init__(self) -> None:
        super().__init__("unauthorised")


class Conflict(ServiceError):
    pass


class ImportRejected(ServiceError):
    """An import with at least one bad row: nothing was written; ``errors`` lists every bad row."""

    def __init__(self, errors) -> None:
        self.errors = tuple(errors)
        super().__init__("import_rejected", count=len(self.errors))

    def messages(self, lang: str = "fr") -> list[str]:
        return [self.message(lang)] + [error.message(lang) for error in self.errors]
