"""The Attendance tab's actions as undo steps.

A member's attendance record has no key of its own: it is found again by the meeting
and the member's key, and its version read just before each call, since versions move
on between the step and its undo.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from ...domain.agenda_records import AttendanceRecord
from ...domain.enums import AttendanceStatus
from ...domain.errors import ScrutinyError
from ...services.attendees import AttendeeService
from ...services.minutes import MinutesService
from ..shared.commands import Step

_CONTEXT = "AttendanceTab"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _current(minutes: MinutesService, meeting_id: int, key: str) -> AttendanceRecord:
    return next(a for a in minutes.attendance(meeting_id) if a.member_key == key)


class SetAttendance(Step):
    """One member's attendance: present, apologies, absent or nothing recorded. The undo
    puts back the status before, and a row it had not kept back in its position with
    the arrival and departure it had."""

    def __init__(
        self,
        minutes: MinutesService,
        record: AttendanceRecord,
        after: AttendanceStatus | None,
        label: str,
    ) -> None:
        super().__init__(
            tr("Attendance of {name}: {status}").format(name=record.member_name, status=label)
        )
        self._minutes = minutes
        self._meeting_id, self._key = record.meeting_id, record.member_key
        self._before, self._position = record.status, record.position
        self._stay = (record.arrived, record.left)
        self._after = after

    def _apply(
        self, wanted: AttendanceStatus | None, at: int | None, stay: tuple[str | None, str | None]
    ) -> AttendanceRecord:
        now = _current(self._minutes, self._meeting_id, self._key)
        new = now.version is None  # a record made again: in its place, with its stay
        return self._minutes.set_attendance(
            self._meeting_id,
            self._key,
            wanted,
            now.version,
            position=at if new else None,
            arrived=stay[0] if new else None,
            left=stay[1] if new else None,
        )

    def do(self) -> AttendanceRecord:
        return self._apply(self._after, None, (None, None))

    def undo(self) -> AttendanceRecord:
        return self._apply(self._before, self._position, self._stay)


class MarkRestPresent(Step):
    """Everyone with nothing recorded is present; the undo records nothing for them again."""

    def __init__(self, minutes: MinutesService, meeting_id: int, keys: Sequence[str]) -> None:
        text = tr("Mark 1 member present") if len(keys) == 1 else tr("Mark {count} members present")
        super().__init__(text.format(count=len(keys)))
        self._minutes = minutes
        self._meeting_id = meeting_id
        self._keys = list(keys)

    def _apply(self, wanted: AttendanceStatus | None) -> None:
        done: list[tuple[str, AttendanceStatus | None]] = []
        try:
            for key in self._keys:
                now = _current(self._minutes, self._meeting_id, key)
                if now.status is not wanted:
                    self._minutes.set_attendance(self._meeting_id, key, wanted, now.version)
                    done.append((key, now.status))
        except ScrutinyError:
            for key, status in reversed(done):  # put back what this step changed
                now = _current(self._minutes, self._meeting_id, key)
                self._minutes.set_attendance(self._meeting_id, key, status, now.version)
            raise

    def do(self) -> None:
        self._apply(AttendanceStatus.PRESENT)

    def undo(self) -> None:
        self._apply(None)


class SetStay(Step):
    """When a member present arrived and left, by item (None: from the start, to the
    end); the undo puts back the stay before."""

    def __init__(
        self,
        minutes: MinutesService,
        attendees: AttendeeService,
        record: AttendanceRecord,
        arrived: str | None,
        left: str | None,
        label: str,
    ) -> None:
        super().__init__(tr("Stay of {name}: {stay}").format(name=record.member_name, stay=label))
        self._minutes, self._attendees = minutes, attendees
        self._meeting_id, self._key = record.meeting_id, record.member_key
        self._before = (record.arrived, record.left)
        self._after = (arrived, left)

    def _apply(self, stay: tuple[str | None, str | None]) -> AttendanceRecord:
        now = _current(self._minutes, self._meeting_id, self._key)
        assert now.version is not None  # a member present has a record
        return self._attendees.set_stay(self._meeting_id, self._key, *stay, now.version)

    def do(self) -> AttendanceRecord:
        return self._apply(self._after)

    def undo(self) -> AttendanceRecord:
        return self._apply(self._before)
