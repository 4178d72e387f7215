"""The audit trail: who did what to which record, and when, in one database.

An entry is written in the same transaction as the action it records and is never
changed or removed (the database refuses an UPDATE or DELETE of ``audit_log`` for
every role). It names a record by its table and id, never by its words: the trail
must hold no personal data, because erasing a witness's personal data cannot touch
an append-only record (the History panel shows a record's present label beside it).
Like ``updated_by`` it is about this database copy, not the review, so it is not in
review files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AuditAction(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"
    APPROVED = "approved"  # minutes approved
    REOPENED = "reopened"  # approved minutes reopened
    IMPORTED = "imported"  # a review file imported
    EXPORTED = "exported"  # a paper or file written: detail says which and for whom
    ERASED = "erased"  # a person's personal data erased (what was erased is not kept)


@dataclass(frozen=True)
class AuditEntry:
    """One line of the trail. ``record_kind`` is the table (``"witnesses"``),
    ``record_id`` its row (None for an action on no one record, such as an export of a
    whole review); ``review_id`` the review it belongs to, kept after the review is
    deleted; ``detail`` plain words or JSON of what was done (changed fields by name,
    the paper and its audience), never a record's content."""

    id: int
    at: datetime  # UTC, aware
    actor: str  # the database's session_user on PostgreSQL, the OS user on SQLite
    action: AuditAction
    record_kind: str
    record_id: int | None
    review_id: int | None
    detail: str = ""


@dataclass(frozen=True)
class AuditQuery:
    """What a review-wide log is filtered by; None: any."""

    review_id: int | None = None
    action: AuditAction | None = None
    actor: str | None = None
    record_kind: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500
