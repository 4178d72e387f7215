"""Meetings: lists, the agenda of one meeting, and edits under the version counter."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from ..domain.enums import MeetingKind, MeetingStatus
from ..domain.errors import Problem, ValidationError
from ..domain.localtime import exists_locally, format_local
from ..domain.records import AgendaEntry, MeetingSummary
from ..domain.rules import text_problem
from ..store import queries
from ..store.db import Database


@dataclass(frozen=True)
class MeetingChanges:
    """The editable fields of a meeting; None leaves a field as it is."""

    title: str | None = None
    kind: MeetingKind | None = None
    start: datetime | None = None
    end: datetime | None = None
    venue: str | None = None
    status: MeetingStatus | None = None

    def given(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


# Changing any of these changes the calendar event, so its SEQUENCE goes up (RFC 5546).
CALENDAR_FIELDS = ("title", "start", "end", "venue", "status")


class MeetingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, review_id: int) -> list[MeetingSummary]:
        with self.db.reading() as session:
            return queries.list_meetings(session, review_id)

    def get(self, meeting_id: int) -> MeetingSummary:
        with self.db.reading() as session:
            return queries.get_meeting(session, meeting_id)

    def agenda(self, meeting_id: int) -> builtins.list[AgendaEntry]:
        with self.db.reading() as session:
            queries.get_meeting(session, meeting_id)
            return queries.agenda(session, meeting_id)

    def update(
        self, meeting_id: int, expected_version: int, changes: MeetingChanges
    ) -> MeetingSummary:
        """Edit a meeting read at ``expected_version``; ConflictError if it moved on.

        Its calendar SEQUENCE rises when the title, time, venue or status change."""
        with self.db.writing() as session:
            current = queries.get_meeting(session, meeting_id)
            queries.check_version(
                session, "meeting", meeting_id, expected_version, f'Meeting "{current.title}"'
            )
            zone = queries.review_summary(session, current.review_id).timezone
            new = changes.given()
            _check(current, new, zone)
            bump = any(new[f] != getattr(current, f) for f in CALENDAR_FIELDS if f in new)
            queries.update_meeting(session, meeting_id, new, bump_sequence=bump)
            return queries.get_meeting(session, meeting_id)


def _check(current: MeetingSummary, new: dict[str, Any], zone: str) -> None:
    problems: list[Problem] = []
    if "title" in new:
        if not new["title"].strip():
            problems.append(Problem("title", "must not be empty"))
        elif why := text_problem(new["title"]):
            problems.append(Problem("title", why))
    if "venue" in new and (why := text_problem(new["venue"])):
        problems.append(Problem("venue", why))
    start: datetime = new.get("start", current.start)
    end: datetime = new.get("end", current.end)
    for name in ("start", "end"):
        if name in new and not exists_locally(new[name], zone):
            problems.append(
                Problem(
                    name,
                    f"{format_local(new[name])} does not exist in "
                    f"{zone} (the clocks go forward then)",
                )
            )
    if end <= start:
        problems.append(Problem("end", f"must be after the start ({format_local(start)})"))
    if problems:
        raise ValidationError(problems)
