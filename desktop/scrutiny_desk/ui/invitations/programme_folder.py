"""Review > Publish Programme to Folder…, and the programme kept current after edits.

The clerk names a folder (a shared drive, a website's upload folder) where the review's
public programme is written at once (``ProgrammeFeeds.set_folder``, on a worker). After
every change to the review's meetings (an action, undo or redo whose topics include
``PROGRAMME_TOPICS``) the programme is written there again, on the task runner, one
rewrite at a time per review: a change made while one runs is written once that one
ends, so an older read can never land after a newer one. A rewrite that fails is said
once in the status bar (again only if the reason changes) and logged by the runner:
the clerk is editing, and a box per edit would stop the work for something that can
wait.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ScrutinyError, ValidationError
from ...domain.topics import Topic, Topics
from ..shared.fields import ProblemLabel
from ..shared.workspace import Shown, Workspace

if TYPE_CHECKING:  # the service (and the papers' modules it reads) is imported when first used
    from ...services.programme_feeds import ProgrammeFeeds

#: A change to any of these can change the public programme.
PROGRAMME_TOPICS: Topics = frozenset({Topic.MEETINGS, Topic.AGENDA, Topic.REVIEW, Topic.WITNESSES})


class ProgrammeFolderDialog(QDialog):
    """Choose the folder, or stop publishing. It asks (``requested``: the folder, or
    None to stop) and stays open until told the outcome: ``done_with`` closes it,
    ``show_problem`` shows what was wrong beside the folder."""

    requested = Signal(object)

    def __init__(self, parent: QWidget, title: str, current: Path | None) -> None:
        super().__init__(parent)
        self.setObjectName("programmeFolderDialog")
        self.setWindowTitle(self.tr("Publish Programme to Folder"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(560)
        self.stopped = False
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        layout.addWidget(heading)
        about = QLabel(
            self.tr(
                "The review's public programme is written to this folder as a calendar "
                "file (.ics), now and again after every change to its meetings, so a "
                "calendar subscribed to the file stays current. Only the public programme "
                "is written: closed items show their public titles alone."
            )
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.current_label = QLabel(
            self.tr("Published now to: {folder}").format(folder=current)
            if current is not None
            else self.tr("Not published to a folder yet.")
        )
        self.current_label.setObjectName("currentFolder")
        self.current_label.setWordWrap(True)
        self.current_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.current_label)

        row = QHBoxLayout()
        label = QLabel(self.tr("&Folder:"))
        self.folder_edit = QLineEdit(str(current) if current is not None else "")
        self.folder_edit.setObjectName("folderEdit")
        label.setBuddy(self.folder_edit)
        choose = QPushButton(self.tr("&Choose…"))
        choose.clicked.connect(self._on_choose_clicked)
        row.addWidget(label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.problem_label = ProblemLabel()
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = self.buttons.addButton(
            self.tr("&Publish"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.stop_button = self.buttons.addButton(
            self.tr("&Stop Publishing"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.stop_button.setVisible(current is not None)
        self.stop_button.clicked.connect(self._on_stop_clicked)
        self.buttons.accepted.connect(self._on_publish_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.folder_edit.textChanged.connect(self._on_folder_edited)
        self._on_folder_edited()

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return None if self.stopped or not text else Path(text)

    def set_working(self, working: bool) -> None:
        """While the programme is being written: nothing can be asked twice."""
        self.buttons.setEnabled(not working)
        self.folder_edit.setReadOnly(working)

    def show_problem(self, problem: str | None) -> None:
        self.set_working(False)
        self.problem_label.show_problem(problem)
        self.folder_edit.setFocus()

    def _on_folder_edited(self) -> None:
        self.publish_button.setEnabled(bool(self.folder_edit.text().strip()))
        self.problem_label.show_problem(None)

    def _on_choose_clicked(self) -> None:
        start = self.folder_edit.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose a Folder"), start)
        if chosen:
            self.folder_edit.setText(chosen)

    def _on_publish_clicked(self) -> None:
        self.stopped = False
        self._ask()

    def _on_stop_clicked(self) -> None:
        self.stopped = True
        self._ask()

    def _ask(self) -> None:
        self.set_working(True)
        self.problem_label.show_problem(None)
        self.requested.emit(self.folder())


def _rewrite(feeds: ProgrammeFeeds, review_id: int) -> tuple[Path | None, str | None]:
    """The programme rewritten (None: no folder), and what was wrong with the settings
    file, if anything (read as empty, so nothing was written)."""
    return feeds.rewrite(review_id), feeds.problem


class ProgrammePublisher(QObject):
    """The Review menu's "Publish Programme to Folder…" and the rewrites after edits,
    for the review the window shows."""

    def __init__(self, workspace: Workspace, shown: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.shown = shown
        self.dialog: ProgrammeFolderDialog | None = None  # the one open, for tests
        self.action = QAction(self.tr("Publish Programme to &Folder…"), workspace.window)
        self.action.setStatusTip(
            self.tr(
                "Keep the review's public programme (.ics) current in a folder, for "
                "calendars that subscribe to it"
            )
        )
        self.action.triggered.connect(lambda _checked=False: self.choose_folder())
        self._running: set[int] = set()
        self._again: set[int] = set()
        self._failures: dict[int, str] = {}
        self._problem: str | None = None  # what was last said of the settings file
        workspace.editor.changed.connect(self._on_data_changed)

    def update_action(self) -> None:
        self.action.setEnabled(self.shown.review_id() is not None)

    # Choosing -----------------------------------------------------------------------

    def choose_folder(self) -> None:
        review_id = self.shown.review_id()
        title = self.shown.review_title()
        if review_id is None or title is None:
            return
        feeds = self.workspace.services.programme_feeds
        dialog = ProgrammeFolderDialog(self.workspace.window, title, feeds.folder(review_id))
        if feeds.problem:
            dialog.show_problem(feeds.problem)
        dialog.requested.connect(partial(self._on_requested, dialog, review_id))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()

    def _forget(self, dialog: ProgrammeFolderDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _on_requested(
        self, dialog: ProgrammeFolderDialog, review_id: int, folder: Path | None
    ) -> None:
        feeds = self.workspace.services.programme_feeds
        self.workspace.say(
            self.tr("Writing the programme…") if folder else self.tr("Stopping the programme…")
        )
        self.workspace.runner.submit(
            partial(feeds.set_folder, review_id, folder),
            partial(self._on_set, dialog, review_id),
            partial(self._on_set_failed, dialog),
        )

    def _on_set(self, dialog: ProgrammeFolderDialog, review_id: int, path: Path | None) -> None:
        self._failures.pop(review_id, None)
        if path is None:
            self.workspace.say(
                self.tr("The programme is no longer published to a folder; the last file stays.")
            )
        else:
            self.workspace.say(
                self.tr(
                    "Published the programme to {path}; it is written again after every "
                    "change to the meetings."
                ).format(path=path)
            )
        dialog.accept()

    def _on_set_failed(self, dialog: ProgrammeFolderDialog, exc: Exception) -> None:
        self.workspace.say(self.tr("The programme was not published."))
        if isinstance(exc, ValidationError):
            dialog.show_problem("\n".join(p.message for p in exc.problems))
            return
        dialog.set_working(False)
        self.workspace.report_error(self.tr("The programme could not be published"), exc)

    # Keeping it current ---------------------------------------------------------------

    def _on_data_changed(self, topics: Topics) -> None:
        review_id = self.shown.review_id()
        if review_id is not None and topics & PROGRAMME_TOPICS:
            self.rewrite(review_id)

    def rewrite(self, review_id: int) -> None:
        """Write the review's programme again, if it has a folder, on the runner."""
        if review_id in self._running:
            self._again.add(review_id)  # once the running one ends: it may have read before
            return
        self._running.add(review_id)
        self.workspace.runner.submit(
            partial(_rewrite, self.workspace.services.programme_feeds, review_id),
            partial(self._on_rewritten, review_id),
            partial(self._on_rewrite_failed, review_id),
        )

    def _on_rewritten(self, review_id: int, outcome: tuple[Path | None, str | None]) -> None:
        self._ended(review_id)
        path, problem = outcome
        if problem != self._problem:  # the settings file is broken: said once, not per edit
            self._problem = problem
            if problem:
                self.workspace.say(problem)
        if self._failures.pop(review_id, None) is not None and path is not None:
            self.workspace.say(
                self.tr("The programme was written again to {path}.").format(path=path)
            )

    def _on_rewrite_failed(self, review_id: int, exc: Exception) -> None:
        self._ended(review_id)
        reason = (
            str(exc)
            if isinstance(exc, ScrutinyError)
            else self.tr("a problem it did not expect ({problem}); see the log").format(
                problem=type(exc).__name__
            )
        )
        if self._failures.get(review_id) == reason:
            return  # said already; the runner has logged it again
        self._failures[review_id] = reason
        self.workspace.say(
            self.tr("The programme could not be written again: {reason}").format(reason=reason)
        )

    def _ended(self, review_id: int) -> None:
        self._running.discard(review_id)
        if review_id in self._again:
            self._again.discard(review_id)
            self.rewrite(review_id)
