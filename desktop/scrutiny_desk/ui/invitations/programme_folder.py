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

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ...domain.errors import ScrutinyError, ValidationError
from ...domain.topics import Topic, Topics
from ..shared.workspace import Shown, Workspace

if TYPE_CHECKING:  # the service (and the papers' modules it reads) is imported when first used
    from ...services.programme_feeds import ProgrammeFeeds
    from .programme_folder_dialog import ProgrammeFolderDialog  # imported when first opened

#: A change to any of these can change the public programme.
PROGRAMME_TOPICS: Topics = frozenset({Topic.MEETINGS, Topic.AGENDA, Topic.REVIEW, Topic.WITNESSES})


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
        from .programme_folder_dialog import ProgrammeFolderDialog

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
