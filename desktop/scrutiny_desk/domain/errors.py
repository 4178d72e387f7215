"""Errors the services raise. Each carries a message a clerk can act on."""

from __future__ import annotations

from dataclasses import dataclass


class ScrutinyError(Exception):
    """Base for every error that is shown to the user as a message, not a traceback."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with input, named by its path, e.g. ``review.meetings[2].title``."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ValidationError(ScrutinyError):
    """Input breaks one or more rules; nothing was saved."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFoundError(ScrutinyError):
    """A review, meeting or other record asked for by id does not exist."""


class ConflictError(ScrutinyError):
    """The record changed since it was read (another clerk saved first), or a unique
    identity (a meeting UID) is already held elsewhere."""


class DatabaseError(ScrutinyError):
    """The database cannot be used as asked; the file was not modified."""


class NewerDatabaseError(DatabaseError):
    """The database was written by a newer version of Scrutiny Desk."""


class CorruptDatabaseError(DatabaseError):
    """The file is not a Scrutiny Desk database, or is damaged."""


class LockedDatabaseError(DatabaseError):
    """Another program holds a lock on the database."""


class ReadOnlyError(DatabaseError):
    """An edit was attempted on a database opened read-only."""


class ExportError(ScrutinyError):
    """A file could not be written; no partial file was left."""


class NotPermittedError(ScrutinyError):
    """The database login's role may not do this (a public reader asking for the
    panel's papers, say); nothing was read or written."""
