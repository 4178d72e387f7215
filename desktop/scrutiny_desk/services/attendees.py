"""Who was at a meeting besides its panel's members present: substitutes, officers in
attendance and others also present; when each panel member arrived and left, by item;
whether the meeting was quorate at each item; and when it began and ended.

Every edit is one transaction, refused while the meeting's minutes are approved (the
minutes print all of it) and refused naming the field when the input is wrong. A
substitute attends for a panel member of the review who is not recorded present at
that meeting; their key is unique in the review and never a panel member's, so a
declaration or a vote can name either. Removing an attendee takes their declarations
and their part in votes by name with them; restoring puts all of it back.
"""

from __future__ import annotations

import builtins
from datetime import datetime

from ..domain.agenda_records import AttendanceRecord
from ..domain.enums import AttendeeKind
from ..domain.procedure_records import (
    AttendeeChanges,
    AttendeeRecord,
    AttendeeSnapshot,
    MeetingQuorum,
    MeetingTimesRecord,
)
from ..store.db import Database


class AttendeeService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def attendees(self, meeting_id: int) -> builtins.list[AttendeeRecord]:
        """The meeting's substitutes, officers and others present, in their order."""
        raise NotImplementedError

    def add_attendee(
        self,
        meeting_id: int,
        kind: AttendeeKind,
        name: str,
        role: str | None = None,
        email: str | None = None,
        substitute_for: str | None = None,
        arrived: str | None = None,
        left: str | None = None,
        *,
        key: str | None = None,
        position: int | None = None,
    ) -> AttendeeRecord:
        """Add someone at the meeting (at ``position`` in its list, default the end).
        A substitute names the panel member they stand in for (``substitute_for``, a
        member key), who must not be recorded present; only substitutes name one.
        ``arrived``/``left`` are item keys of this meeting."""
        raise NotImplementedError

    def update_attendee(
        self, attendee_id: int, expected_version: int, changes: AttendeeChanges
    ) -> AttendeeRecord:
        raise NotImplementedError

    def remove_attendee(self, attendee_id: int, expected_version: int) -> AttendeeSnapshot:
        """Remove an attendee with their declarations and their casts in votes by name
        (those votes' counts fall with them); the snapshot restores all of it."""
        raise NotImplementedError

    def restore_attendee(self, snapshot: AttendeeSnapshot) -> AttendeeRecord:
        raise NotImplementedError

    def set_stay(
        self,
        meeting_id: int,
        member_key: str,
        arrived: str | None,
        left: str | None,
        expected_version: int,
    ) -> AttendanceRecord:
        """When a panel member present arrived and left, by item key (None: from the
        start / to the end), on their attendance record (``expected_version`` is its
        version). Refused unless the member is recorded present."""
        raise NotImplementedError

    def quorum(self, meeting_id: int) -> MeetingQuorum:
        """The review's quorum and, at each item in the order of business, how many
        members and substitutes were there and whether that was enough."""
        raise NotImplementedError

    def times(self, meeting_id: int) -> MeetingTimesRecord:
        raise NotImplementedError

    def set_times(
        self,
        meeting_id: int,
        expected_version: int,
        began: datetime | None,
        ended: datetime | None,
    ) -> MeetingTimesRecord:
        """When the meeting began and ended (local wall clock; None: not recorded).
        ``expected_version`` is the meeting's. A meeting that did not take place has
        none; the end is not before the beginning."""
        raise NotImplementedError
