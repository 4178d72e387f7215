"""The versions pane's actions as named undo steps, one service call each.

A version is found by its number within the review; a comment or a decision by the
entry the last call returned (its id and the version counter to quote), so an undo
after a colleague's change is refused instead of overwriting it. Making a version and
withdrawing it are each other's undo: withdrawing is refused once comments or decisions
are recorded on it, and the message says so. Redoing a version makes it again with the
time it was first made, so its number and date come back as they were.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...domain.enums import ConsiderationOutcome, ReportPurpose
from ...domain.errors import NotFoundError
from ...domain.report_entries import ReportSettings
from ...domain.report_version_records import (
    CommentEntry,
    CommentSnapshot,
    ConsiderationEntry,
    ConsiderationSnapshot,
    VersionEntry,
)
from ...services.report_paragraphs import ReportParagraphService
from ...services.report_versions import ReportVersionService
from ..shared.commands import Step


def _tr(text: str) -> str:
    return QCoreApplication.translate("VersionSteps", text)


def _found(service: ReportVersionService, review_id: int, number: str) -> VersionEntry:
    for entry in service.versions(review_id):
        if entry.number == number:
            return entry
    raise NotFoundError(
        _tr("Version {number} of the report is not there any more.").format(number=number)
    )


class MakeVersion(Step):
    """Freeze the working draft as the next version; undo withdraws it."""

    def __init__(
        self,
        service: ReportVersionService,
        review_id: int,
        purpose: ReportPurpose,
        meeting_key: str | None,
        note: str | None,
    ) -> None:
        super().__init__(
            _tr("Make the final report")
            if purpose is ReportPurpose.FINAL
            else _tr("Make a version of the report")
        )
        self.service = service
        self.review_id = review_id
        self.purpose = purpose
        self.meeting_key = meeting_key
        self.note = note
        self.made: datetime | None = None
        self.number: str | None = None

    def do(self) -> VersionEntry:
        entry = self.service.make(
            self.review_id,
            self.purpose,
            meeting_key=self.meeting_key,
            note=self.note,
            now=self.made,
        )
        self.made, self.number = entry.made, entry.number
        return entry

    def undo(self) -> None:
        assert self.number is not None
        self.service.withdraw(_found(self.service, self.review_id, self.number).id)


class EntryStep(Step):
    """A step on one comment or decision: ``entry`` is what the last call returned."""

    entry: Any

    def __init__(self, text: str, service: ReportVersionService) -> None:
        super().__init__(text)
        self.service = service


class AddComment(EntryStep):
    def __init__(
        self,
        service: ReportVersionService,
        review_id: int,
        version: str,
        paragraph_key: str,
        member_key: str,
        text: str,
        received: date,
    ) -> None:
        super().__init__(_tr("Add a comment"), service)
        self.args = (review_id, version, paragraph_key, member_key, text, received)
        self.entry: CommentEntry | None = None
        self.snapshot: CommentSnapshot | None = None

    def do(self) -> CommentEntry:
        self.entry = self.service.add_comment(*self.args)
        return self.entry

    def undo(self) -> None:
        assert self.entry is not None
        self.snapshot = self.service.delete_comment(self.entry.id, self.entry.version)

    def redo(self) -> CommentEntry:
        assert self.snapshot is not None
        self.entry = self.service.restore_comment(self.snapshot)
        return self.entry


class EditComment(EntryStep):
    """``before`` and ``after`` name the same fields: text, received, member_key."""

    def __init__(
        self,
        service: ReportVersionService,
        entry: CommentEntry,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(_tr("Edit a comment"), service)
        self.entry = entry
        self.before, self.after = dict(before), dict(after)

    def _apply(self, values: dict[str, Any]) -> CommentEntry:
        self.entry = self.service.edit_comment(self.entry.id, self.entry.version, **values)
        return self.entry

    def do(self) -> CommentEntry:
        return self._apply(self.after)

    def undo(self) -> CommentEntry:
        return self._apply(self.before)


class DeleteComment(EntryStep):
    def __init__(self, service: ReportVersionService, entry: CommentEntry) -> None:
        super().__init__(_tr("Delete a comment"), service)
        self.entry = entry
        self.snapshot: CommentSnapshot | None = None

    def do(self) -> CommentSnapshot:
        self.snapshot = self.service.delete_comment(self.entry.id, self.entry.version)
        return self.snapshot

    def undo(self) -> CommentEntry:
        assert self.snapshot is not None
        self.entry = self.service.restore_comment(self.snapshot)
        return self.entry


class RecordConsideration(EntryStep):
    """A meeting's decision on one paragraph of a version; undo deletes it."""

    def __init__(
        self,
        service: ReportVersionService,
        review_id: int,
        version: str,
        paragraph_key: str,
        meeting_key: str,
        outcome: ConsiderationOutcome,
        item_key: str | None,
        amendment: str | None,
    ) -> None:
        super().__init__(_tr("Record the decision on a paragraph"), service)
        self.args = (review_id, version, paragraph_key, meeting_key, outcome)
        self.item_key, self.amendment = item_key, amendment
        self.entry: ConsiderationEntry | None = None
        self.snapshot: ConsiderationSnapshot | None = None

    def do(self) -> ConsiderationEntry:
        self.entry = self.service.record(
            *self.args, item_key=self.item_key, amendment=self.amendment
        )
        return self.entry

    def undo(self) -> None:
        assert self.entry is not None
        self.snapshot = self.service.delete_consideration(self.entry.id, self.entry.version)

    def redo(self) -> ConsiderationEntry:
        assert self.snapshot is not None
        self.entry = self.service.restore_consideration(self.snapshot)
        return self.entry


class AgreeRemaining(Step):
    """Agree every paragraph of a version the meeting has not decided yet, as one step
    (one transaction); undo takes exactly those decisions away, redo agrees them again."""

    def __init__(
        self,
        service: ReportVersionService,
        review_id: int,
        version: str,
        meeting_key: str,
        item_key: str | None,
    ) -> None:
        super().__init__(_tr("Agree the remaining paragraphs"))
        self.service = service
        self.args = (review_id, version, meeting_key)
        self.item_key = item_key
        self.entries: tuple[ConsiderationEntry, ...] = ()

    def do(self) -> tuple[ConsiderationEntry, ...]:
        self.entries = self.service.agree_remaining(*self.args, item_key=self.item_key)
        return self.entries

    def undo(self) -> None:
        self.service.delete_considerations(self.entries)


class EditConsideration(EntryStep):
    """``before`` and ``after`` name the same fields: outcome, amendment, item_key."""

    def __init__(
        self,
        service: ReportVersionService,
        entry: ConsiderationEntry,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(_tr("Change the decision on a paragraph"), service)
        self.entry = entry
        self.before, self.after = dict(before), dict(after)

    def _apply(self, values: dict[str, Any]) -> ConsiderationEntry:
        self.entry = self.service.edit_consideration(self.entry.id, self.entry.version, **values)
        return self.entry

    def do(self) -> ConsiderationEntry:
        return self._apply(self.after)

    def undo(self) -> ConsiderationEntry:
        return self._apply(self.before)


class DeleteConsideration(EntryStep):
    def __init__(self, service: ReportVersionService, entry: ConsiderationEntry) -> None:
        super().__init__(_tr("Delete the decision on a paragraph"), service)
        self.entry = entry
        self.snapshot: ConsiderationSnapshot | None = None

    def do(self) -> ConsiderationSnapshot:
        self.snapshot = self.service.delete_consideration(self.entry.id, self.entry.version)
        return self.snapshot

    def undo(self) -> ConsiderationEntry:
        assert self.snapshot is not None
        self.entry = self.service.restore_consideration(self.snapshot)
        return self.entry


class ChangeReportSettings(Step):
    """The report's title, where and when it went, and its response period; ``before``
    and ``after`` name the same fields as ``set_settings`` takes them."""

    def __init__(
        self,
        service: ReportParagraphService,
        review_id: int,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        super().__init__(_tr("Change the report's settings"))
        self.service = service
        self.review_id = review_id
        self.before, self.after = dict(before), dict(after)

    def _apply(self, values: dict[str, Any]) -> ReportSettings:
        read = self.service.settings(self.review_id)
        return self.service.set_settings(self.review_id, read.version, **values)

    def do(self) -> ReportSettings:
        return self._apply(self.after)

    def undo(self) -> ReportSettings:
        return self._apply(self.before)
