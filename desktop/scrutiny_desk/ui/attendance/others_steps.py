"""Undo steps for the people at a meeting who are not on its panel.

Each finds the person again by their key (stable within a review: a removed person
comes back under the same key), reading the version just before each call, since
versions move on between a step and its undo.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...domain.changes import KEEP
from ...domain.procedure_records import AttendeeChanges, AttendeeRecord, AttendeeSnapshot
from ...services.attendees import AttendeeService
from ..shared.commands import Step
from .attendee_dialog import AttendeeValues


def _tr(text: str) -> str:
    return QCoreApplication.translate("OthersSteps", text)


def _find(service: AttendeeService, meeting_id: int, key: str) -> AttendeeRecord:
    return next(a for a in service.attendees(meeting_id) if a.key == key)


class AddAttendee(Step):
    """Someone added to the meeting; the undo removes them, the redo puts them back
    under the same key."""

    def __init__(self, service: AttendeeService, meeting_id: int, values: AttendeeValues) -> None:
        super().__init__(_tr("Add {name} to the meeting").format(name=values.name))
        self._service = service
        self._meeting_id = meeting_id
        self._values = values
        self.key: str | None = None
        self._snapshot: AttendeeSnapshot | None = None

    def do(self) -> AttendeeRecord:
        v = self._values
        added = self._service.add_attendee(
            self._meeting_id, v.kind, v.name, v.role, v.email, v.substitute_for, v.arrived, v.left
        )
        self.key = added.key
        return added

    def undo(self) -> None:
        assert self.key is not None
        now = _find(self._service, self._meeting_id, self.key)
        self._snapshot = self._service.remove_attendee(now.id, now.version)

    def redo(self) -> AttendeeRecord:
        assert self._snapshot is not None
        return self._service.restore_attendee(self._snapshot)


#: What the dialog edits, named alike in ``AttendeeValues``, the record and its changes.
FIELDS = ("kind", "name", "role", "email", "substitute_for", "arrived", "left")


def changes_between(record: AttendeeRecord, values: AttendeeValues) -> AttendeeChanges:
    """Only what the clerk changed (``KEEP`` for the rest)."""
    return AttendeeChanges(
        **{f: getattr(values, f) for f in FIELDS if getattr(record, f) != getattr(values, f)}
    )


def values_of(record: AttendeeRecord) -> AttendeeValues:
    """What the dialog starts with when editing the record."""
    return AttendeeValues(**{f: getattr(record, f) for f in FIELDS})


class EditAttendee(Step):
    """A person's details changed; the undo puts back those before."""

    def __init__(
        self, service: AttendeeService, record: AttendeeRecord, values: AttendeeValues
    ) -> None:
        super().__init__(_tr("Edit {name} at the meeting").format(name=values.name))
        self._service = service
        self._meeting_id, self._key = record.meeting_id, record.key
        self._forward = changes_between(record, values)
        self._backward = AttendeeChanges(
            **{f: getattr(record, f) for f in FIELDS if getattr(self._forward, f) is not KEEP}
        )

    def _apply(self, changes: AttendeeChanges) -> AttendeeRecord:
        now = _find(self._service, self._meeting_id, self._key)
        return self._service.update_attendee(now.id, now.version, changes)

    def do(self) -> AttendeeRecord:
        return self._apply(self._forward)

    def undo(self) -> AttendeeRecord:
        return self._apply(self._backward)


class RemoveAttendee(Step):
    """Someone taken off the meeting, with their declarations and votes; the undo puts
    all of it back under the same key."""

    def __init__(self, service: AttendeeService, record: AttendeeRecord) -> None:
        super().__init__(_tr("Remove {name} from the meeting").format(name=record.name))
        self._service = service
        self._meeting_id, self._key = record.meeting_id, record.key
        self._snapshot: AttendeeSnapshot | None = None

    def do(self) -> AttendeeSnapshot:
        now = _find(self._service, self._meeting_id, self._key)
        self._snapshot = self._service.remove_attendee(now.id, now.version)
        return self._snapshot

    def undo(self) -> AttendeeRecord:
        assert self._snapshot is not None
        return self._service.restore_attendee(self._snapshot)
