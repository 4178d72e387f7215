"""Undo steps for the declarations of interest made at a meeting.

A declaration has no key: each step finds it again by its place in the meeting's list,
which is the same whenever the step runs (the steps after it have been undone, and a
removed declaration comes back in its place), reading its version just before each call.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...domain.changes import KEEP
from ...domain.procedure_records import (
    DeclarationChanges,
    DeclarationRecord,
    DeclarationSnapshot,
)
from ...services.declarations import DeclarationService
from ..shared.commands import Step
from .declaration_dialog import DeclarationValues

#: What the dialog edits, named alike in ``DeclarationValues``, the record and its changes.
FIELDS = ("person", "item", "nature", "category", "left_room")


def _tr(text: str) -> str:
    return QCoreApplication.translate("DeclarationSteps", text)


def _at(service: DeclarationService, meeting_id: int, position: int) -> DeclarationRecord:
    return next(d for d in service.declarations(meeting_id) if d.position == position)


def values_of(record: DeclarationRecord) -> DeclarationValues:
    """What the dialog starts with when editing the record."""
    return DeclarationValues(**{f: getattr(record, f) for f in FIELDS})


class AddDeclaration(Step):
    """A declaration added; the undo removes it, the redo puts it back in its place."""

    def __init__(
        self, service: DeclarationService, meeting_id: int, values: DeclarationValues, name: str
    ) -> None:
        super().__init__(_tr("Add a declaration of interest by {name}").format(name=name))
        self._service = service
        self._meeting_id = meeting_id
        self._values = values
        self._position: int | None = None
        self._snapshot: DeclarationSnapshot | None = None

    def do(self) -> DeclarationRecord:
        v = self._values
        added = self._service.add_declaration(
            self._meeting_id, v.person, v.item, v.nature, v.category, v.left_room
        )
        self._position = added.position
        return added

    def undo(self) -> None:
        assert self._position is not None
        now = _at(self._service, self._meeting_id, self._position)
        self._snapshot = self._service.remove_declaration(now.id, now.version)

    def redo(self) -> DeclarationRecord:
        assert self._snapshot is not None
        return self._service.restore_declaration(self._snapshot)


class EditDeclaration(Step):
    """A declaration changed; the undo puts back what it said before."""

    def __init__(
        self, service: DeclarationService, record: DeclarationRecord, values: DeclarationValues
    ) -> None:
        super().__init__(
            _tr("Edit the declaration of interest by {name}").format(name=record.person_name)
        )
        self._service = service
        self._meeting_id, self._position = record.meeting_id, record.position
        changed = [f for f in FIELDS if getattr(record, f) != getattr(values, f)]
        self._forward = DeclarationChanges(**{f: getattr(values, f) for f in changed})
        self._backward = DeclarationChanges(**{f: getattr(record, f) for f in changed})

    @property
    def changes_anything(self) -> bool:
        return any(getattr(self._forward, f) is not KEEP for f in FIELDS)

    def _apply(self, changes: DeclarationChanges) -> DeclarationRecord:
        now = _at(self._service, self._meeting_id, self._position)
        return self._service.update_declaration(now.id, now.version, changes)

    def do(self) -> DeclarationRecord:
        return self._apply(self._forward)

    def undo(self) -> DeclarationRecord:
        return self._apply(self._backward)


class RemoveDeclaration(Step):
    """A declaration removed; the undo puts it back in its place."""

    def __init__(self, service: DeclarationService, record: DeclarationRecord) -> None:
        super().__init__(
            _tr("Remove the declaration of interest by {name}").format(name=record.person_name)
        )
        self._service = service
        self._meeting_id, self._position = record.meeting_id, record.position
        self._snapshot: DeclarationSnapshot | None = None

    def do(self) -> DeclarationSnapshot:
        now = _at(self._service, self._meeting_id, self._position)
        self._snapshot = self._service.remove_declaration(now.id, now.version)
        return self._snapshot

    def undo(self) -> DeclarationRecord:
        assert self._snapshot is not None
        return self._service.restore_declaration(self._snapshot)
