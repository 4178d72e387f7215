"""Undo steps for the register of members' interests.

An entry has no key: each step finds it again by its place in the review's register,
which is the same whenever the step runs (the steps after it have been undone, and a
removed entry comes back in its place), reading its version just before each call.
The register is not part of any meeting's minutes: approved minutes do not freeze it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from ...domain.changes import KEEP
from ...domain.enums import InterestCategory
from ...domain.procedure_records import InterestChanges, InterestRecord, InterestSnapshot
from ...services.interests import InterestService
from ..shared.commands import Step

#: Select this member once the panel is read again.
Show = Callable[[str | None], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("InterestSteps", text)


def _at(service: InterestService, review_id: int, position: int) -> InterestRecord:
    return next(i for i in service.register(review_id) if i.position == position)


class AddInterest(Step):
    """An entry added to a member's register; the undo removes it, the redo puts it back."""

    def __init__(
        self,
        service: InterestService,
        review_id: int,
        member_key: str,
        member_name: str,
        text: str,
        category: InterestCategory,
        show: Show,
    ) -> None:
        super().__init__(_tr("Add an interest of {name}").format(name=member_name))
        self._service = service
        self._review_id = review_id
        self._member_key = member_key
        self._text, self._category = text, category
        self._show = show
        self._position: int | None = None
        self._snapshot: InterestSnapshot | None = None

    def do(self) -> InterestRecord:
        self._show(self._member_key)
        added = self._service.add_interest(
            self._review_id, self._member_key, self._text, self._category
        )
        self._position = added.position
        return added

    def undo(self) -> None:
        assert self._position is not None
        self._show(self._member_key)
        now = _at(self._service, self._review_id, self._position)
        self._snapshot = self._service.remove_interest(now.id, now.version)

    def redo(self) -> InterestRecord:
        assert self._snapshot is not None
        self._show(self._member_key)
        return self._service.restore_interest(self._snapshot)


class EditInterest(Step):
    """An entry's text or category changed; the undo puts back what it said before."""

    def __init__(
        self,
        service: InterestService,
        record: InterestRecord,
        text: str,
        category: InterestCategory,
        show: Show,
    ) -> None:
        super().__init__(_tr("Edit an interest of {name}").format(name=record.member_name))
        self._service = service
        self._review_id, self._position = record.review_id, record.position
        self._member_key = record.member_key
        self._show = show
        new_text, new_category = text != record.text, category is not record.category
        self._forward = InterestChanges(
            text=text if new_text else KEEP, category=category if new_category else KEEP
        )
        self._backward = InterestChanges(
            text=record.text if new_text else KEEP,
            category=record.category if new_category else KEEP,
        )

    @property
    def changes_anything(self) -> bool:
        return self._forward != InterestChanges()

    def _apply(self, changes: InterestChanges) -> InterestRecord:
        self._show(self._member_key)
        now = _at(self._service, self._review_id, self._position)
        return self._service.update_interest(now.id, now.version, changes)

    def do(self) -> InterestRecord:
        return self._apply(self._forward)

    def undo(self) -> InterestRecord:
        return self._apply(self._backward)


class RemoveInterest(Step):
    """An entry taken off the register; the undo puts it back in its place."""

    def __init__(self, service: InterestService, record: InterestRecord, show: Show) -> None:
        super().__init__(_tr("Remove an interest of {name}").format(name=record.member_name))
        self._service = service
        self._review_id, self._position = record.review_id, record.position
        self._member_key = record.member_key
        self._show = show
        self._snapshot: InterestSnapshot | None = None

    def do(self) -> InterestSnapshot:
        self._show(self._member_key)
        now = _at(self._service, self._review_id, self._position)
        self._snapshot = self._service.remove_interest(now.id, now.version)
        return self._snapshot

    def undo(self) -> InterestRecord:
        assert self._snapshot is not None
        self._show(self._member_key)
        return self._service.restore_interest(self._snapshot)
