"""Meetings: lists, the agenda of one meeting, and edits under the version counter."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from ..domain.enums import MeetingKind, MeetingStatus
from ..domain.records import AgendaEntry, MeetingSummary
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

        The same checks and effects as the editor's save (``MeetingEditService``): its
        calendar SEQUENCE rises when the title, time, venue or status change, and timed
        agenda items move with the meeting."""
        from .meeting_edits import MeetingEditService

        return MeetingEditService(self.db).edit_meeting(meeting_id, expected_version, changes)
