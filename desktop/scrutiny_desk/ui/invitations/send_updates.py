"""Meeting > Send Updates… (and the Invitations tab's button): plan, show, write.

The plan is read on the task runner (``InvitationService.plan_updates``) and shown in
``SendUpdatesDialog`` before anything is written; Write Files runs ``send_updates``
with the plan the clerk saw (``expected``), so a meeting or register changed meanwhile
is refused and listed again rather than written blind. Then the window says what was
written and offers to open the folder.

Issuing files is not an undoable edit, so it is not an Editor step; but it changes the
invitation register, and the pages that show it must read again. The topics the write
committed are recorded on the worker (``services.changes.recording``) and announced
through ``Editor.changed``, the signal every page and tab already listens to (as the
Minutes tab does for an edit it amends in place).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QMessageBox

from ...domain.errors import ConflictError
from ...domain.summaries import MeetingSummary
from ...domain.topics import Topics
from ...services.changes import recording
from ..shared.export_reads import export_folder
from ..shared.workspace import Shown, Workspace

if TYPE_CHECKING:  # named only: the invitations' records come with the first plan
    from ...domain.invitation_records import IssuedFiles, UpdatePlan
    from .send_updates_dialog import SendUpdatesDialog

Opener = Callable[[Path], bool]


def open_folder(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _recorded(work: Callable[[], Any]) -> tuple[Any, Topics]:
    with recording() as topics:
        result = work()
    return result, frozenset(topics)


class SendUpdates(QObject):
    """The Send Updates action and its dialog, for the meeting asked for."""

    def __init__(self, workspace: Workspace, shown: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.shown = shown
        self.opener: Opener = open_folder  # tests replace it: no file manager starts
        self.dialog: SendUpdatesDialog | None = None  # the one open, for tests
        self.result_box: QMessageBox | None = None  # the last one shown, for tests
        self.action = QAction(self.tr("Send &Updates…"), workspace.window)
        self.action.setStatusTip(
            self.tr(
                "Work out what each person needs now (updates, invitations, cancellations), "
                "list it, then write it"
            )
        )
        if workspace.read_only:  # what it writes is entered in the invitation register
            self.action.setStatusTip(
                self.tr("Not on a read-only database: what it writes is recorded in the register")
            )
        self.action.triggered.connect(lambda _checked=False: self._on_triggered())
        self.update_action(None)

    def update_action(self, meeting: MeetingSummary | None) -> None:
        self.action.setEnabled(meeting is not None and not self.workspace.read_only)

    def _on_triggered(self) -> None:
        meeting = self.shown.meeting()
        if meeting is not None:
            self.start(meeting.id)

    # Planning -------------------------------------------------------------------------

    def start(self, meeting_id: int) -> None:
        """Read what the meeting needs, then show it in the dialog."""
        if self.workspace.read_only:
            return
        self.workspace.say(self.tr("Working out who needs what…"))
        self.workspace.runner.submit(
            partial(self.workspace.services.invitations.plan_updates, meeting_id, email=True),
            self._open,
            partial(self._failed, self.tr("The updates could not be worked out")),
            key="send-updates-plan",
        )

    def _open(self, plan: UpdatePlan) -> None:
        from ..shared.fields import remember_geometry
        from .send_updates_dialog import SendUpdatesDialog

        self.workspace.say("")
        dialog = SendUpdatesDialog(
            self.workspace.window, plan, export_folder(self.workspace.settings)
        )
        settings = self.workspace.settings
        remember_geometry(
            dialog,
            lambda: settings.send_updates_dialog_geometry,
            lambda value: setattr(settings, "send_updates_dialog_geometry", value),
        )
        dialog.plan_requested.connect(partial(self._on_plan_requested, dialog))
        dialog.write_requested.connect(partial(self._on_write_requested, dialog))
        dialog.finished.connect(lambda _result: self._forget(dialog))
        self.dialog = dialog
        dialog.open()

    def _forget(self, dialog: SendUpdatesDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _on_plan_requested(self, dialog: SendUpdatesDialog, email: bool) -> None:
        self._plan_again(dialog, email)

    def _plan_again(
        self, dialog: SendUpdatesDialog, email: bool, problem: str | None = None
    ) -> None:
        def show(plan: UpdatePlan) -> None:
            if self.dialog is dialog:
                dialog.show_plan(plan)
                if problem:
                    dialog.show_problem(problem)

        def failed(exc: Exception) -> None:
            if self.dialog is dialog:
                dialog.set_working(False)
            self._failed(self.tr("The updates could not be worked out"), exc)

        self.workspace.runner.submit(
            partial(
                self.workspace.services.invitations.plan_updates,
                dialog.plan.meeting_id,
                email=email,
            ),
            show,
            failed,
            key="send-updates-plan",
        )

    # Writing --------------------------------------------------------------------------

    def _on_write_requested(
        self, dialog: SendUpdatesDialog, folder: Path, email: bool, plan: UpdatePlan
    ) -> None:
        send = partial(
            self.workspace.services.invitations.send_updates,
            plan.meeting_id,
            folder,
            email=email,
            expected=plan,
        )
        self.workspace.say(self.tr("Writing the updates…"))
        self.workspace.runner.submit(
            partial(_recorded, send),
            partial(self._written, dialog),
            partial(self._write_failed, dialog, email),
        )

    def _written(self, dialog: SendUpdatesDialog, outcome: tuple[IssuedFiles, Topics]) -> None:
        issued, topics = outcome
        if topics:  # the register changed: the Invitations tab and the rest read again
            self.workspace.editor.changed.emit(topics)
        folder = Path(issued.folder)
        self.workspace.settings.last_export_folder = str(folder)
        count = len(issued.paths)
        said = (
            self.tr("Wrote %n file to {folder}.", "", count)
            if count == 1
            else self.tr("Wrote %n files to {folder}.", "", count)
        ).format(folder=folder)
        self.workspace.say(said)
        dialog.accept()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Updates Written"),
            said,
            QMessageBox.StandardButton.Close,
            self.workspace.window,
        )
        box.setObjectName("updatesWritten")
        box.setInformativeText(
            self.tr("Each file is recorded as issued. Send the e-mails from your mail program.")
            if dialog.email()
            else self.tr("Each file is recorded as issued. Attach the calendar files yourself.")
        )
        box.setDetailedText("\n".join(Path(p).name for p in issued.paths))
        open_button = box.addButton(self.tr("&Open Folder"), QMessageBox.ButtonRole.ActionRole)
        open_button.clicked.connect(lambda: self.opener(folder))
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_box = box
        box.open()

    def _write_failed(self, dialog: SendUpdatesDialog, email: bool, exc: Exception) -> None:
        self.workspace.say(self.tr("The updates were not written."))
        if self.dialog is not dialog:
            self.workspace.report_error(self.tr("The updates could not be written"), exc)
            return
        if isinstance(exc, ConflictError):
            # Listed again as things are now; the clerk looks before writing again.
            self._plan_again(dialog, email, str(exc))
            return
        dialog.set_working(False)
        self.workspace.report_error(self.tr("The updates could not be written"), exc)

    def _failed(self, title: str, exc: Exception) -> None:
        self.workspace.say(title + ".")
        self.workspace.report_error(title, exc)
