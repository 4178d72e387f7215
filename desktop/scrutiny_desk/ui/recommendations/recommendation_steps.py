"""The Recommendations page's actions as named undo steps, one service call each.

A step finds its recommendation by the review and the recommendation's key (a deleted
and restored one has a new id) and quotes the version read just before, so a change a
colleague made in between is refused by the version counter instead of overwritten. A
progress update is found by its recommendation's key and its place in the dated list.
Each step keeps the values before and after and nothing else; ``Revealing`` wraps one
so that its undo and redo show the recommendation they changed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...domain.enums import RecommendationStatus
from ...domain.recommendation_records import (
    ProgressEntry,
    ProgressSnapshot,
    RecommendationEntry,
    RecommendationSnapshot,
)
from ...services.recommendations import RecommendationService
from ..shared.commands import Step
from .recommendations_model import status_label


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecommendationSteps", text)


class RecommendationStep(Step):
    """A step on one recommendation of one review, found by its key."""

    def __init__(
        self,
        text: str,
        service: RecommendationService,
        review_id: int,
        key: str | None,
        today: date,
    ) -> None:
        super().__init__(text)
        self.service = service
        self.review_id = review_id
        self.key = key
        self.today = today

    def _found(self) -> RecommendationEntry:
        assert self.key is not None
        return self.service.find(self.review_id, self.key, self.today)

    def _progress_at(self, position: int) -> ProgressEntry:
        return self._found().progress[position]


class AddRecommendation(RecommendationStep):
    """A new draft at the end of the list; redo brings back the same one (same key)."""

    def __init__(
        self, service: RecommendationService, review_id: int, text: str, today: date
    ) -> None:
        super().__init__(_tr("Add a recommendation"), service, review_id, None, today)
        self.draft_text = text
        self._snapshot: RecommendationSnapshot | None = None

    def do(self) -> RecommendationEntry:
        added = self.service.create(self.review_id, self.draft_text, key=self.key, today=self.today)
        self.key = added.key
        return added

    def undo(self) -> None:
        found = self._found()
        self._snapshot = self.service.delete(found.id, found.version)

    def redo(self) -> RecommendationEntry:
        assert self._snapshot is not None
        return self.service.restore(self._snapshot, self.today)


class EditRecommendation(RecommendationStep):
    """Fields of the editor saved together: ``before`` and ``after`` name the same ones."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        before: dict[str, Any],
        after: dict[str, Any],
        today: date,
    ) -> None:
        if set(after) == {"status"}:
            status: RecommendationStatus = after["status"]
            text = _tr("Mark recommendation {number} {status}").format(
                number=number, status=status_label(status).lower()
            )
        else:
            text = _tr("Edit recommendation {number}").format(number=number)
        super().__init__(text, service, review_id, key, today)
        self.before = dict(before)
        self.after = dict(after)

    def _apply(self, values: dict[str, Any]) -> RecommendationEntry:
        found = self._found()
        return self.service.update(found.id, found.version, **values, today=self.today)

    def do(self) -> RecommendationEntry:
        return self._apply(self.after)

    def undo(self) -> RecommendationEntry:
        return self._apply(self.before)


class DeleteRecommendation(RecommendationStep):
    """Delete one with its progress updates; undo restores it at its place."""

    def __init__(
        self, service: RecommendationService, review_id: int, key: str, number: int, today: date
    ) -> None:
        text = _tr("Delete recommendation {number}").format(number=number)
        super().__init__(text, service, review_id, key, today)
        self._snapshot: RecommendationSnapshot | None = None

    def do(self) -> None:
        found = self._found()
        self._snapshot = self.service.delete(found.id, found.version)

    def undo(self) -> RecommendationEntry:
        assert self._snapshot is not None
        return self.service.restore(self._snapshot, self.today)


class MoveRecommendation(RecommendationStep):
    """Move one from place ``before`` to place ``after`` in the list (it is renumbered)."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        before: int,
        after: int,
        today: date,
    ) -> None:
        text = (
            _tr("Move recommendation {number} up")
            if after < before
            else _tr("Move recommendation {number} down")
        ).format(number=number)
        super().__init__(text, service, review_id, key, today)
        self.before, self.after = before, after

    def _move(self, position: int) -> RecommendationEntry:
        found = self._found()
        return self.service.move(found.id, found.version, position, self.today)

    def do(self) -> RecommendationEntry:
        return self._move(self.after)

    def undo(self) -> RecommendationEntry:
        return self._move(self.before)


class _SetLinks(RecommendationStep):
    def __init__(
        self,
        text: str,
        service: RecommendationService,
        review_id: int,
        key: str,
        before: tuple[str, ...],
        after: tuple[str, ...],
        today: date,
    ) -> None:
        super().__init__(text, service, review_id, key, today)
        self.before, self.after = before, after

    def _set(self, found: RecommendationEntry, keys: tuple[str, ...]) -> RecommendationEntry:
        raise NotImplementedError

    def do(self) -> RecommendationEntry:
        return self._set(self._found(), self.after)

    def undo(self) -> RecommendationEntry:
        return self._set(self._found(), self.before)


class ChooseTermsOfReference(_SetLinks):
    """The terms-of-reference items a recommendation answers, by key, in order."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        before: tuple[str, ...],
        after: tuple[str, ...],
        today: date,
    ) -> None:
        text = _tr("Terms of reference of recommendation {number}").format(number=number)
        super().__init__(text, service, review_id, key, before, after, today)

    def _set(self, found: RecommendationEntry, keys: tuple[str, ...]) -> RecommendationEntry:
        return self.service.set_tor(found.id, found.version, keys, self.today)


class ChooseSupportingNotes(_SetLinks):
    """The notes of evidence that support a recommendation, by key, in order."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        before: tuple[str, ...],
        after: tuple[str, ...],
        today: date,
    ) -> None:
        text = _tr("Supporting notes of recommendation {number}").format(number=number)
        super().__init__(text, service, review_id, key, before, after, today)

    def _set(self, found: RecommendationEntry, keys: tuple[str, ...]) -> RecommendationEntry:
        return self.service.set_notes(found.id, found.version, keys, self.today)


class AddProgress(RecommendationStep):
    """A dated progress update; it takes its place among the others by date."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        day: date,
        text: str,
        today: date,
    ) -> None:
        undo_text = _tr("Progress update on recommendation {number}").format(number=number)
        super().__init__(undo_text, service, review_id, key, today)
        self.day, self.update_text = day, text
        self._position: int | None = None
        self._snapshot: ProgressSnapshot | None = None

    def do(self) -> ProgressEntry:
        added = self.service.add_progress(self._found().id, self.day, self.update_text)
        self._position = added.position
        return added

    def undo(self) -> None:
        assert self._position is not None
        found = self._progress_at(self._position)
        self._snapshot = self.service.delete_progress(found.id, found.version)

    def redo(self) -> ProgressEntry:
        assert self._snapshot is not None
        return self.service.restore_progress(self._snapshot)


class EditProgress(RecommendationStep):
    """Change the date or text of a progress update (``before``/``after``: ``day``,
    ``text``); a new date may move it among the others."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        position: int,
        before: dict[str, Any],
        after: dict[str, Any],
        today: date,
    ) -> None:
        text = _tr("Edit a progress update on recommendation {number}").format(number=number)
        super().__init__(text, service, review_id, key, today)
        self.position = position
        self.before, self.after = dict(before), dict(after)

    def _apply(self, values: dict[str, Any]) -> ProgressEntry:
        found = self._progress_at(self.position)
        changed = self.service.update_progress(found.id, found.version, **values)
        self.position = changed.position
        return changed

    def do(self) -> ProgressEntry:
        return self._apply(self.after)

    def undo(self) -> ProgressEntry:
        return self._apply(self.before)


class DeleteProgress(RecommendationStep):
    """Delete the progress update at ``position``; undo puts it back."""

    def __init__(
        self,
        service: RecommendationService,
        review_id: int,
        key: str,
        number: int,
        position: int,
        today: date,
    ) -> None:
        text = _tr("Delete a progress update on recommendation {number}").format(number=number)
        super().__init__(text, service, review_id, key, today)
        self.position = position
        self._snapshot: ProgressSnapshot | None = None

    def do(self) -> None:
        found = self._progress_at(self.position)
        self._snapshot = self.service.delete_progress(found.id, found.version)

    def undo(self) -> ProgressEntry:
        assert self._snapshot is not None
        return self.service.restore_progress(self._snapshot)


class Revealing(Step):
    """A step whose every run first tells the page which recommendation to show when it
    reads the list again (None: keep the selection where it is)."""

    def __init__(
        self, step: RecommendationStep, show: Callable[[str | None], None], *, stay: bool
    ) -> None:
        super().__init__(step.text)
        self.step = step
        self._show = show
        self._stay = stay

    def _run(self, call: Callable[[], Any]) -> Any:
        self._show(None if self._stay else self.step.key)
        result = call()
        if not self._stay:
            self._show(self.step.key)  # a new one has its key only now
        return result

    def do(self) -> Any:
        return self._run(self.step.do)

    def undo(self) -> Any:
        return self._run(self.step.undo)

    def redo(self) -> Any:
        return self._run(self.step.redo)
