"""Review Details opened from any page with a Workspace (the Review menu, the Overview
page's button): the review read off the GUI thread, the dialog, and saving it as one
undo step (``EditReviewDetails``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...domain.errors import Problem
from ...domain.people_records import ReviewChanges, ReviewDetails
from ...domain.records import Meeting
from .commands import Step
from .review_dialog import ReviewDialog, ReviewValues
from .workspace import Workspace

if TYPE_CHECKING:
    from ...services.review_edits import ReviewEditService


class EditReviewDetails(Step):
    """Save what changed in Review Details; undo puts back what it replaced. The first
    run quotes the version the dialog was opened on, so a colleague's change in between
    is refused, not overwritten."""

    def __init__(
        self,
        edits: ReviewEditService,
        review_id: int,
        version: int,
        before: ReviewChanges,
        after: ReviewChanges,
    ) -> None:
        super().__init__(QCoreApplication.translate("ReviewActions", "Edit review details"))
        self._edits = edits
        self.review_id = review_id
        self._version = version
        self._before, self._after = before, after

    def do(self) -> ReviewDetails:
        return self._edits.update_details(self.review_id, self._version, self._after)

    def undo(self) -> ReviewDetails:
        return self._apply(self._before)

    def redo(self) -> ReviewDetails:
        return self._apply(self._after)

    def _apply(self, wanted: ReviewChanges) -> ReviewDetails:
        version = self._edits.details(self.review_id).version
        return self._edits.update_details(self.review_id, version, wanted)


def _details_tr(text: str) -> str:
    return QCoreApplication.translate("ReviewActions", text)


def open_review_details(
    workspace: Workspace,
    review_id: int,
    opened: Callable[[ReviewDialog], None] | None = None,
) -> None:
    """Read the review's details (off the GUI thread), then open Review Details; saving
    is one undo step. ``opened`` receives the dialog once it shows."""
    services = workspace.services

    def load() -> tuple[ReviewDetails, tuple[Meeting, ...]]:
        return services.review_edits.details(review_id), services.reviews.document(
            review_id
        ).meetings

    def show(loaded: tuple[ReviewDetails, tuple[Meeting, ...]]) -> None:
        details, meetings = loaded
        dialog = ReviewDialog(
            workspace.window,
            workspace.settings,
            lambda values: _save_details(workspace, details, values),
            details=details,
            meetings=meetings,
        )
        dialog.open()
        if opened is not None:
            opened(dialog)

    def failed(exc: Exception) -> None:
        workspace.report_error(_details_tr("The review's details could not be read"), exc)

    workspace.runner.submit(load, show, failed, key="review-details")


def _save_details(
    workspace: Workspace, before: ReviewDetails, values: ReviewValues
) -> Sequence[Problem]:
    changes = values.changes_from(before)
    if changes == ReviewChanges():
        return []  # nothing changed: nothing to save or undo
    reverse = ReviewChanges(
        **{
            f.name: getattr(before, f.name)
            for f in fields(changes)
            if getattr(changes, f.name) != getattr(ReviewChanges(), f.name)
        }
    )
    step = EditReviewDetails(
        workspace.services.review_edits, before.id, before.version, reverse, changes
    )
    _done, problems = workspace.editor.perform_checked(step)
    return problems
