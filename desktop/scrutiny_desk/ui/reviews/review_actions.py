"""New Review, Review Details and Delete Review: the actions on a review as a whole.

``ReviewActions`` builds the three QActions for the File and Review menus and carries
them out; ``shared.review_dialog.open_review_details`` is the Review Details dialog on its own,
for any page with a Workspace (the Overview page's button uses it).

Each change is one undo step through the Editor (``review_steps``: ``NewReview``,
``DeleteReview``; ``shared.review_details.EditReviewDetails``). The actions get
the Workspace and what the window shows (``Shown``), never the window itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from ...domain.errors import Problem, ScrutinyError
from ..shared.messages import destructive_button
from ..shared.workspace import Shown, Workspace
from .reviews_model import ReviewsModel

if TYPE_CHECKING:
    from ..shared.review_dialog import ReviewDialog, ReviewValues

#: What the delete question says undoes it (the Edit menu's Undo).
UNDO_KEYS = QKeySequence("Ctrl+Z")


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


class ReviewActions(QObject):
    """The review actions of the main window; the window adds them to its menus."""

    def __init__(self, workspace: Workspace, shown: Shown, reviews: ReviewsModel) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.shown = shown
        self.reviews = reviews
        self.dialog: ReviewDialog | None = None  # the one open, for tests
        self.confirmation: QMessageBox | None = None  # Delete Review's question, for tests

        self.new_action = QAction(self.tr("&New Review…"), self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.setStatusTip(self.tr("Start a new, empty review"))
        self.new_action.triggered.connect(self.new_review)
        self.edit_action = QAction(self.tr("&Edit Review Details…"), self)
        self.edit_action.setStatusTip(
            self.tr(
                "Change the review's title, status, time zone, contact officer, papers, "
                "exclusions, interfaces and milestones"
            )
        )
        self.edit_action.triggered.connect(self.edit_details)
        self.delete_action = QAction(self.tr("&Delete Review…"), self)
        self.delete_action.setStatusTip(
            self.tr("Delete the review shown and everything in it (you can undo this)")
        )
        self.delete_action.triggered.connect(self.delete_review)
        for action in self.actions():
            shortcut = action.shortcut()
            if not shortcut.isEmpty():
                action.setToolTip(f"{action.text().replace('&', '')} ({_native(shortcut)})")

        reviews.modelReset.connect(self.update_actions)
        self.update_actions()

    def actions(self) -> list[QAction]:
        return [self.new_action, self.edit_action, self.delete_action]

    def update_actions(self) -> None:
        writable = not self.workspace.read_only
        has_review = self.reviews.rowCount() > 0
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and has_review)
        self.delete_action.setEnabled(writable and has_review)

    # New Review -------------------------------------------------------------------

    def new_review(self) -> None:
        from ..shared.review_dialog import ReviewDialog

        if self.workspace.read_only:
            return
        self.dialog = ReviewDialog(self.workspace.window, self.workspace.settings, self._create)
        self.dialog.open()

    def _create(self, values: ReviewValues) -> Sequence[Problem]:
        from .review_steps import NewReview

        step = NewReview(
            self.workspace.services.review_edits, values, self.shown.show_review, self._show_later
        )
        _done, problems = self.workspace.editor.perform_checked(step)
        return problems

    # Review Details ---------------------------------------------------------------

    def edit_details(self) -> None:
        from ..shared.review_details import open_review_details

        review_id = self.shown.review_id()
        if review_id is None or self.workspace.read_only:
            return
        open_review_details(self.workspace, review_id, self._opened)

    def _opened(self, dialog: ReviewDialog) -> None:
        self.dialog = dialog

    # Delete Review ----------------------------------------------------------------

    def delete_review(self) -> None:
        review_id = self.shown.review_id()
        if review_id is None or self.workspace.read_only:
            return
        try:
            summary = self.workspace.services.reviews.summary(review_id)
        except ScrutinyError as exc:
            self.workspace.report_error(self.tr("The review could not be read"), exc)
            return
        count = summary.meeting_count
        meetings = (
            self.tr("It has no meetings.")
            if count == 0
            else self.tr("It has 1 meeting.")
            if count == 1
            else self.tr("It has {count} meetings.").format(count=count)
        )
        undo_keys = _native(UNDO_KEYS)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete Review"),
            self.tr("Delete the review “{title}”?").format(title=summary.title),
            QMessageBox.StandardButton.Cancel,
            self.workspace.window,
        )
        box.setObjectName("deleteReviewQuestion")
        box.setInformativeText(
            self.tr(
                "{meetings} Its meetings, agendas, minutes, panel, witnesses, evidence and "
                "recommendations are deleted with it. You can undo this with {keys}."
            ).format(meetings=meetings, keys=undo_keys)
        )
        delete_button = box.addButton(
            self.tr("&Delete Review"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(box.windowModality().WindowModal)

        def answered() -> None:
            self.confirmation = None
            if box.clickedButton() is delete_button:
                self._delete(review_id, summary.title, summary.version)

        box.finished.connect(answered)
        self.confirmation = box
        box.open()

    def delete_button(self) -> QPushButton | None:
        """The confirmation's Delete button, for tests."""
        return destructive_button(self.confirmation)

    def _delete(self, review_id: int, title: str, version: int) -> None:
        from .review_steps import DeleteReview

        step = DeleteReview(
            self.workspace.services.review_edits,
            self.workspace.editor,
            review_id,
            title,
            version,
            self.shown.show_review,
            self._show_later,
        )
        self.workspace.editor.perform(step)

    # Helpers ----------------------------------------------------------------------

    def _show_later(self, review_id: int | None) -> None:
        """Switch review once the undo or redo running now has finished (switching
        changes the undo history shown, which must not happen in the middle of a step)."""
        QTimer.singleShot(0, self, lambda: self.shown.show_review(review_id))
