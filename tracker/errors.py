"""The errors the core raises; the CLI and the TUI turn them into messages and exit codes."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Self

from tracker.i18n import t


class TrackerError(Exception):
    """A request or its data was refused; the message says what and where.

    An error raised with `of(key, **params)` carries a catalogue key and its parameters, so
    that the edge can say it in either language (`say`); its `str` is the English. An error
    raised with a message alone is said as written.
    """

    key: str | None = None
    params: Mapping[str, object] = {}

    @classmethod
    def of(cls, key: str, /, **params: object) -> Self:
        """The error of catalogue `key` with `params`, its message in English."""
        error = cls(t(key, "en", **params))
        error.key, error.params = key, params
        return error

    def say(self, lang: str) -> str:
        """The error in `lang`: its key's words, else its message."""
        if self.key is None:
            return str(self)
        return t(self.key, lang, **self.params)


class NotFoundError(TrackerError):
    """A code, id or name does not exist."""


class ValidationError(TrackerError):
    """A value does not have the form or range the field expects."""


class ConflictError(TrackerError):
    """A write was based on a version that someone else has changed since."""

    def __init__(self, message: str, *, current_version: int | None = None) -> None:
        super().__init__(message)
        self.current_version = current_version

    def say(self, lang: str) -> str:
        """In English the message naming who changed what; otherwise the catalogue's
        sentence (the dialog lists the changes themselves beside it)."""
        if self.key is not None or lang.startswith("en"):
            return super().say(lang)
        return t("error.conflict", lang, version=self.current_version)


class PermissionDeniedError(TrackerError):
    """The database refused the write for the connected role."""


class SchemaError(TrackerError):
    """The database schema is not at the revision this version of tracker needs."""


class StoreMissingError(TrackerError):
    """No tracker store exists where one was named (only `tracker init` creates one)."""


class NotAStoreError(TrackerError):
    """What was named is not a tracker store: a directory, or a database of something else."""


class ReadOnlyStoreError(TrackerError):
    """The store can be read but not changed by this user; nothing was written."""


class DamagedStoreError(TrackerError):
    """The store failed an integrity check or SQLite found it malformed."""

    def __init__(self, message: str, *, finding: str) -> None:
        super().__init__(message)
        self.finding = finding


@dataclass(frozen=True)
class RowError:
    """One problem in one input row: where it is and what was expected."""

    line: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        shown = self.value if len(self.value) <= 40 else self.value[:37] + "..."
        return f"line {self.line}, column {self.column!r}, value {shown!r}: {self.message}"


@dataclass
class ImportRefusedError(TrackerError):
    """A file had errors: nothing was written."""

    path: str
    errors: list[RowError] = field(default_factory=list)
    total: int = 0

    def __str__(self) -> str:
        more = f" (showing first {len(self.errors)})" if self.total > len(self.errors) else ""
        return f"{self.path}: {self.total} error(s){more}; nothing was written"


def driver_errors() -> tuple[type[Exception], ...]:
    """The database drivers' own errors: sqlite3's (the reads that skip SQLAlchemy use it
    directly) and SQLAlchemy's when SQLAlchemy is loaded (it raised nothing otherwise)."""
    import sqlite3

    loaded = sys.modules.get("sqlalchemy.exc")
    return (sqlite3.Error, loaded.SQLAlchemyError) if loaded is not None else (sqlite3.Error,)
