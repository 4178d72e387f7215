"""Edit Review Details as an undo step, for the Review menu and the Overview page alike."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ...domain.people_records import ReviewChanges, ReviewDetails
from ...services.review_edits import ReviewEditService
from .commands import Step


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
