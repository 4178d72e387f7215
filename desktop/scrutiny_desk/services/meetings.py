"""Meetings: lists, the agenda of one meeting, and edits under the version counter.

The window's modules import ``MeetingChanges`` from here: the store is imported by
the calls that read, so importing this module imports no SQLAlchemy."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..domain.changes import KEEP, Keep, given_changes
from ..domain.enums import MeetingKind, MeetingStatus
from ..domain.summaries import MeetingSummary

if TYPE_CHECKING:
    from ..domain.records import AgendaEntry
    from ..store.db import Database


@dataclass(frozen=True)
class MeetingChanges:
    """The editable fields of a meeting; a field left at ``KEEP`` stays as it is
    (``domain.changes``), and a venue of None (or blank) is emptied."""

    title: str | Keep = KEEP
    kind: MeetingKind | Keep = KEEP
    start: datetime | Keep = KEEP
    end: datetime | Keep = KEEP
    venue: str | Keep | None = KEEP
    status: MeetingStatus | Keep = KEEP
    joining_link: str | Keep | None = KEEP  # None or blank clears it
    title_cy: str | Keep | None = KEEP  # the Welsh title (version 7); None or blank clears it
    #: the reason for urgency the agenda prints (version 7); None or blank clears it
    urgency: str | Keep | None = KEEP

    def given(self) -> dict[str, Any]:
        """The fields not left at ``KEEP``, by name."""
        return given_changes(self)


# Changing any of these changes the calendar event, so its SEQUENCE goes up (RFC 5546);
# the joining link is the invitation's CONFERENCE, as the venue is its LOCATION.
CALENDAR_FIELDS = ("title", "start", "end", "venue", "status", "joining_link")


class MeetingService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, review_id: int) -> list[MeetingSummary]:
        from ..store import queries

        with self.db.reading() as session:
            return queries.list_meetings(session, review_id)

    def get(self, meeting_id: int) -> MeetingSummary:
        from ..store import queries

        with self.db.reading() as session:
            return queries.get_meeting(session, meeting_id)

    def agenda(self, meeting_id: int) -> builtins.list[AgendaEntry]:
        from ..store import queries

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
