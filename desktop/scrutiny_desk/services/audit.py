"""The audit trail, read for a record's History and a review's log, and the exports
recorded in it.

Writes record themselves (``store/audit.py`` appends a row for each record a write
session creates, changes or deletes, in its transaction); approvals, imports and
erasures add their own row where they happen. An export is recorded here after its
file is written, through ``Database.appending`` so that a reader's exports are recorded
too, and on PostgreSQL a public reader's through the database function that may
append for it. The trail names records by table and id: ``label`` gives a record's
present name beside it, so an erased witness shows its neutral label, never the name.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from ..domain.audit_records import AuditAction, AuditEntry, AuditQuery
from ..domain.roles import DbRole
from ..store import audit, audit_reads
from ..store.db import Database

DELETED_LABEL = "(deleted)"
WEB = "html, pdf"  # what Publish for the Web writes of each paper

KIND_WORDS = {
    "reviews": "review",
    "exclusions": "exclusion",
    "interfaces": "interface",
    "milestones": "milestone",
    "meetings": "meeting",
    "panel_members": "panel member",
    "member_interests": "interest",
    "tor_items": "term of reference",
    "witnesses": "witness",
    "agenda_items": "agenda item",
    "item_reports": "report on an item",
    "resolutions": "resolution",
    "declarations": "declaration of interest",
    "attendance": "attendance",
    "meeting_attendees": "person present",
    "actions": "action",
    "evidence": "evidence",
    "notes": "note",
    "recommendations": "recommendation",
    "recommendation_progress": "progress update",
    "report_paragraphs": "report paragraph",
    "report_versions": "report version",
    "report_comments": "report comment",
    "report_considerations": "report consideration",
    "calendar_issues": "invitation issued",
}
"""What a clerk calls the record of each table the trail names."""


def kind_words(record_kind: str) -> str:
    """``witnesses`` -> ``witness``, ``agenda_items`` -> ``agenda item``."""
    return KIND_WORDS.get(record_kind, record_kind.replace("_", " "))


def kind_of(words: str) -> str:
    """The table a clerk's word for a kind of record names (``witness`` -> ``witnesses``);
    a table's own name is taken as it is."""
    wanted = " ".join(words.lower().replace("_", " ").split())
    for table, said in KIND_WORDS.items():
        if wanted in (said, table.replace("_", " ")):
            return table
    return wanted.replace(" ", "_")


def detail_words(entry: AuditEntry) -> str:
    """An entry's detail as a clerk reads it: an export's paper, audience and format
    (``agenda for the public (pdf)``); else the detail as recorded (the fields changed)."""
    if entry.action is not AuditAction.EXPORTED:
        return entry.detail
    try:
        said = json.loads(entry.detail)
    except ValueError:
        return entry.detail
    if not isinstance(said, dict):
        return entry.detail
    words = str(said.get("paper") or "a file")
    audience = said.get("audience")
    if audience:
        words += f" for the {audience}"
    if said.get("format"):
        words += f" ({said['format']})"
    return words


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def history(self, record_kind: str, record_id: int) -> list[AuditEntry]:
        """One record's trail (its links to others included), newest first."""
        with self.db.reading() as session:
            return audit_reads.history(session, record_kind, record_id)

    def review_log(self, query: AuditQuery) -> list[AuditEntry]:
        """A review's trail (``query.review_id``) filtered, newest first."""
        with self.db.reading() as session:
            return audit_reads.entries(session, query)

    def actors(self, review_id: int | None) -> list[str]:
        """Who appears in a review's trail (for the log's filter), sorted."""
        with self.db.reading() as session:
            return audit_reads.distinct_values(session, "actor", review_id)

    def kinds(self, review_id: int | None) -> list[str]:
        """The kinds of record (tables) in a review's trail, sorted."""
        with self.db.reading() as session:
            return audit_reads.distinct_values(session, "record_kind", review_id)

    def label(self, record_kind: str, record_id: int | None) -> str:
        """The record's present name, title or key; ``(deleted)`` once it is gone."""
        with self.db.reading() as session:
            found = audit_reads.label(session, record_kind, record_id)
        return DELETED_LABEL if found is None else found

    def labels(self, entries: Iterable[AuditEntry]) -> dict[tuple[str, int | None], str]:
        """``label`` of each entry's record, read at once (for a log of many lines)."""
        wanted = {(e.record_kind, e.record_id) for e in entries}
        with self.db.reading() as session:
            found = {key: audit_reads.label(session, *key) for key in wanted}
        return {key: DELETED_LABEL if v is None else v for key, v in found.items()}

    def kind_words(self, record_kind: str) -> str:
        return kind_words(record_kind)

    def exported(
        self,
        paper: str,
        audience: str | None,
        record_kind: str,
        record_id: int | None,
        review_id: int | None,
        *,
        format: str = "",
    ) -> None:
        """Record that ``paper`` (``"agenda"``, ``"review file"``...) was written for
        ``audience`` (``"public"``, ``"panel"``, None for no audience), of the record
        ``record_kind``/``record_id`` (None: the whole review). Nothing is recorded on a
        SQLite file open read-only, where nothing can be written."""
        detail = {"paper": paper, "audience": audience, "format": format or None}
        through_function = self.db.dialect == "postgresql" and (
            self.db.role is DbRole.PUBLIC_READER
        )
        if self.db.dialect == "postgresql":  # one INSERT, without a session
            audit.append_export(
                self.db,
                detail,
                record_kind,
                record_id,
                review_id,
                through_function=through_function,
            )
            return
        with self.db.appending() as session:
            if session is not None:
                audit.record_export(
                    session,
                    detail,
                    record_kind,
                    record_id,
                    review_id,
                    through_function=through_function,
                )


def record_export(
    db: Database,
    paper: str,
    audience: Enum | str | None,
    record_kind: str,
    record_id: int | None,
    review_id: int | None,
    path: str | os.PathLike[str] | None = None,
    *,
    format: str = "",
) -> None:
    """``AuditService.exported``, the audience an ``Audience`` or its word, the format
    taken from the file written (its extension; a folder: ``folder``): one line where
    an export has written its file."""
    AuditService(db).exported(
        paper,
        audience.value if isinstance(audience, Enum) else audience,
        record_kind,
        record_id,
        review_id,
        format=format or (_format_of(path) if path is not None else ""),
    )


def record_issue(
    session: Any,  # the store's session, passed through
    kind: Enum,
    person: Enum,
    meeting_id: int,
    review_id: int | None,
    file_name: str | os.PathLike[str],
) -> None:
    """An invitation, update or cancellation written, in the transaction that enters it
    in the register: for a witness (their own) or the panel (members, substitutes and
    officers)."""
    audit.record_export(
        session, issue_detail(kind, person, file_name), "meetings", meeting_id, review_id
    )


def issue_detail(kind: Enum, person: Enum, file_name: str | os.PathLike[str]) -> dict[str, str]:
    """What ``record_issue`` records of an invitation, update or cancellation: the
    paper, its audience (the witness, or the panel) and its format."""
    return {
        "paper": str(kind.value),
        "audience": "witness" if person.value == "witness" else "panel",
        "format": _format_of(file_name),
    }


def _format_of(path: str | os.PathLike[str]) -> str:
    target = Path(path)
    return target.suffix.lower().removeprefix(".") or "folder"
