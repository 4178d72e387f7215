"""New Review, Review Details and Delete Review: the actions on a review as a whole.

``ReviewActions`` builds the three QActions for the File and Review menus and carries
them out; ``shared.review_dialog.open_review_details`` is the Review Details dialog on its own,
for any page with a Workspace (the Overview page's button uses it).

Each change is one undo step through the Editor. Each review has its own undo history
and Undo acts on the one of the review shown, so creating and deleting, which change
the review shown, switch it *inside* their first run, before the step is pushed: the
step then goes on the history of the review shown after it. Undoing either switches
review again (after the undo has finished, never during it); the history of a review
that is gone is forgotten, and one left by importing or loading another is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from ...domain.errors import Problem, ScrutinyError
from ...domain.people_records import ReviewChanges, ReviewSnapshot
from ..shared.messages import destructive_button
from ..shared.review_dialog import ReviewDialog, ReviewValues, open_review_details

if TYPE_CHECKING:
    from ..window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewActions", text)


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


class ReviewActions(QObject):
    """The review actions of the main window; the window adds them to its menus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
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

        window.reviews_model.modelReset.connect(self.update_actions)
        self.update_actions()

    def actions(self) -> list[QAction]:
        return [self.new_action, self.edit_action, self.delete_action]

    def update_actions(self) -> None:
        writable = not self.workspace.read_only
        has_review = self.window.reviews_model.rowCount() > 0
        self.new_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and has_review)
        self.delete_action.setEnabled(writable and has_review)

    # New Review -------------------------------------------------------------------

    def new_review(self) -> None:
        if self.workspace.read_only:
            return
        self.dialog = ReviewDialog(self.window, self.workspace.settings, self._create)
        self.dialog.open()

    def _create(self, values: ReviewValues) -> Sequence[Problem]:
        edits = self.workspace.services.review_edits
        made: dict[str, Any] = {}

        def create() -> int:
            summary = edits.create_review(
                values.title,
                values.body,
                values.timezone,
                summary=values.summary,
                status=values.status,
                contact=values.contact,
                clear_days=values.clear_days,
                exclusion_resolution=values.exclusion_resolution,
            )
            if values.has_lists:
                try:
                    edits.update_details(
                        summary.id,
                        summary.version,
                        ReviewChanges(
                            exclusions=values.exclusions,
                            interfaces=values.interfaces,
                            milestones=values.milestones,
                        ),
                    )
                except ScrutinyError:
                    edits.delete_review(summary.id, edits.details(summary.id).version)
                    raise
            made["id"] = summary.id
            # Show it now, before the step is pushed: the step heads its history.
            self.window.refresh_reviews(select=summary.id)
            return summary.id

        def undo() -> None:
            review_id = made["id"]
            made["snapshot"] = edits.delete_review(review_id, edits.details(review_id).version)
            self._show_later(None)

        def redo() -> None:
            made["id"] = edits.restore_review(made["snapshot"])
            self._show_later(made["id"])

        _done, problems = self.workspace.editor.perform_checked(
            self.tr("New review “{title}”").format(title=values.title), create, undo, redo
        )
        return problems

    # Review Details ---------------------------------------------------------------

    def edit_details(self) -> None:
        review_id = self.window.current_review_id()
        if review_id is None or self.workspace.read_only:
            return
        open_review_details(self.workspace, review_id, self._opened)

    def _opened(self, dialog: ReviewDialog) -> None:
        self.dialog = dialog

    # Delete Review ----------------------------------------------------------------

    def delete_review(self) -> None:
        review_id = self.window.current_review_id()
        if review_id is None or self.workspace.read_only:
            return
        try:
            summary = self.workspace.services.reviews.summary(review_id)
        except ScrutinyError as exc:
            self.workspace.show_error(self.tr("The review could not be read"), str(exc))
            return
        count = summary.meeting_count
        meetings = (
            self.tr("It has no meetings.")
            if count == 0
            else self.tr("It has 1 meeting.")
            if count == 1
            else self.tr("It has {count} meetings.").format(count=count)
        )
        undo_keys = _native(self.window.undo_action.shortcut()) or "Ctrl+Z"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete Review"),
            self.tr("Delete the review “{title}”?").format(title=summary.title),
            QMessageBox.StandardButton.Cancel,
            self.window,
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
        edits = self.workspace.services.review_edits
        state: dict[str, Any] = {"id": review_id}

        def delete(first: bool) -> ReviewSnapshot:
            current = state["id"]
            expected = version if first else edits.details(current).version
            snapshot = edits.delete_review(current, expected)
            state["snapshot"] = snapshot
            return snapshot

        def do() -> ReviewSnapshot:
            snapshot = delete(first=True)
            # The steps of the deleted review cannot be undone any more; then show
            # another review (or the empty state) before this step is pushed.
            self.workspace.editor.stack.clear()
            self.window.refresh_reviews()
            return snapshot

        def undo() -> None:
            state["id"] = edits.restore_review(state["snapshot"])
            self._show_later(state["id"])

        def redo() -> None:
            delete(first=False)
            self._show_later(None)

        self.workspace.editor.perform(
            self.tr("Delete review “{title}”").format(title=title), do, undo, redo
        )

    # Helpers ----------------------------------------------------------------------

    def _show_later(self, review_id: int | None) -> None:
        """Switch review once the undo or redo running now has finished (switching
        changes the undo history shown, which must not happen in the middle of a step)."""
        QTimer.singleShot(0, self, lambda: self.window.refresh_reviews(select=review_id))
