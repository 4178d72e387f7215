"""New Review and Delete Review as undo steps.

Each review has its own undo history and Undo acts on the one of the review shown, so
both steps switch review *inside* their first run (``show``), before the Editor pushes
them: the step then heads the history of the review shown after it. Undo and redo
switch review only once they have finished (``show_later``): switching changes the
history shown, which must not happen in the middle of a step. Deleting returns a
snapshot, and restoring it brings the review back under the same keys, so a redo after
an undo finds the same records.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...domain.errors import ScrutinyError
from ...domain.people_records import ReviewChanges, ReviewSnapshot
from ..shared.commands import Editor, Step
from ..shared.review_dialog import ReviewValues

if TYPE_CHECKING:
    from ...services.review_edits import ReviewEditService

#: show this review (None: the one shown if it is still there, else the first)
ShowReview = Callable[[int | None], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewActions", text)


class NewReview(Step):
    """Create a review from the dialog's values; undo deletes it (keeping what it
    held), redo brings it back."""

    def __init__(
        self,
        edits: ReviewEditService,
        values: ReviewValues,
        show: ShowReview,
        show_later: ShowReview,
    ) -> None:
        super().__init__(_tr("New review “{title}”").format(title=values.title))
        self._edits = edits
        self._values = values
        self._show, self._show_later = show, show_later
        self.review_id: int | None = None
        self._snapshot: ReviewSnapshot | None = None

    def do(self) -> int:
        values, edits = self._values, self._edits
        summary = edits.create_review(
            values.title,
            values.body,
            values.timezone,
            summary=values.summary,
            status=values.status,
            contact=values.contact,
            clear_days=values.clear_days,
            exclusion_resolution=values.exclusion_resolution,
            web_page=values.web_page,
            calendar_public_titles=values.calendar_public_titles,
            language=values.language,
            country=values.country,
        )
        if values.has_lists or values.has_privacy:
            lists = ReviewChanges(
                exclusions=values.exclusions,
                interfaces=values.interfaces,
                milestones=values.milestones,
                retention_until=values.retention_until,
                privacy_notice=values.privacy_notice,
            )
            try:
                edits.update_details(summary.id, summary.version, lists)
            except ScrutinyError:  # one step: no half-made review is left behind
                edits.delete_review(summary.id, edits.details(summary.id).version)
                raise
        self.review_id = summary.id
        self._show(summary.id)  # before the step is pushed: it heads the new history
        return summary.id

    def undo(self) -> None:
        assert self.review_id is not None
        version = self._edits.details(self.review_id).version
        self._snapshot = self._edits.delete_review(self.review_id, version)
        self._show_later(None)

    def redo(self) -> int:
        assert self._snapshot is not None
        self.review_id = self._edits.restore_review(self._snapshot)
        self._show_later(self.review_id)
        return self.review_id


class DeleteReview(Step):
    """Delete a review and everything in it; undo restores it from its snapshot."""

    def __init__(
        self,
        edits: ReviewEditService,
        editor: Editor,
        review_id: int,
        title: str,
        version: int,
        show: ShowReview,
        show_later: ShowReview,
    ) -> None:
        super().__init__(_tr("Delete review “{title}”").format(title=title))
        self._edits, self._editor = edits, editor
        self.review_id = review_id
        self._version = version  # the one the clerk was asked about
        self._show, self._show_later = show, show_later
        self._snapshot: ReviewSnapshot | None = None

    def do(self) -> ReviewSnapshot:
        self._snapshot = self._edits.delete_review(self.review_id, self._version)
        # The steps of the deleted review cannot be undone any more; then show
        # another review (or the welcome) before this step is pushed.
        self._editor.stack.clear()
        self._show(None)
        return self._snapshot

    def undo(self) -> None:
        assert self._snapshot is not None
        self.review_id = self._edits.restore_review(self._snapshot)
        self._show_later(self.review_id)

    def redo(self) -> ReviewSnapshot:
        version = self._edits.details(self.review_id).version
        self._snapshot = self._edits.delete_review(self.review_id, version)
        self._show_later(None)
        return self._snapshot
