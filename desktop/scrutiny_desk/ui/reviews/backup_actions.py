"""File > Back Up Now, File > Restore From Backup…, File > Backups Folder…, the daily
backup, and what the clerk must be told about the database once the window shows.

Every backup and restore runs on a worker (``ui.shared.tasks``); widgets are touched only in
the callbacks. The daily backup is taken after the window has shown, never on the way
to showing it, and once the window's first reads are in: its copy and check take
seconds on a large file, and run beside them they kept the GUI thread waiting. What
the clerk must be told about the database (a network share, an interrupted upgrade)
is looked at once the window has painted its first frame (the window says when:
``first_frame_painted``), not between ``show()`` and that paint: reading the mount
table there made the window's first appearance ~1.5 ms (a tenth) longer. Nor does it
watch the window's events meanwhile: every event of the window (a hundred as it first
shows) went through each Python filter on it. A
restore asks first, runs while the Restore dialog (window-modal) holds the window, then
clears the undo history (its steps belong to the data that was replaced) and reads
everything again.

The backups folder is not a QSettings value: the command line and the backup taken
before an upgrade must find the same folder, so the services keep it
(``services.backups.choose_folder``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from ...domain.errors import ScrutinyError
from ..shared.display import long_date
from ..shared.messages import destructive_button
from ..shared.workspace import Workspace

if TYPE_CHECKING:  # named in annotations only: the backups' records come with them
    from ...domain.backup_records import BackupInfo, InterruptedUpgrade, Restored
    from .restore_dialog import RestoreDialog

log = logging.getLogger(__name__)


class BackupActions(QObject):
    """The backup actions of the main window; the window adds them to its File menu."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        #: the parent of its dialogs and message boxes
        self.window: QWidget = workspace.window
        self.backups = workspace.services.backups
        self.dialog: RestoreDialog | None = None  # the one open, for tests
        self.confirmation: QMessageBox | None = None  # the restore's question, for tests
        self.notices: list[QMessageBox] = []  # network share, interrupted upgrade
        self._told = False  # _after_shown has run (or been queued)
        #: Whether the daily backup was looked at since the window showed, and the one
        #: it took (None: one had been taken today already).
        self.daily_checked = False
        self.daily_backup: Path | None = None

        self.back_up_action = QAction(self.tr("&Back Up Now"), self)
        self.back_up_action.setStatusTip(
            self.tr("Save a checked copy of the database in the backups folder")
            if self.backups.is_sqlite
            else self.tr("Save every review as a file in a dated folder in the backups folder")
        )
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(self.tr("Res&tore From Backup…"), self)
        self.restore_action.setStatusTip(
            self.tr("Replace the database's contents with one of its backups")
            if self.backups.is_sqlite
            else self.tr("A shared PostgreSQL database is restored by its administrator, not here")
        )
        self.restore_action.setEnabled(self.backups.can_restore)
        self.restore_action.triggered.connect(lambda: self.open_restore_dialog())
        self.folder_action = QAction(self.tr("Backups &Folder…"), self)
        self.folder_action.setStatusTip(self.tr("Choose where backups are kept"))
        self.folder_action.triggered.connect(self.choose_folder)

    def actions(self) -> list[QAction]:
        return [self.back_up_action, self.restore_action, self.folder_action]

    def first_frame_painted(self) -> None:
        """The window's first frame is painted (or it was not shown in the event loop's
        first turn): the notices and the daily backup now, or when it shows."""
        if self.window.isVisible():
            self._tell()
        else:
            self.window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Show:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._tell)
        return False

    def _tell(self) -> None:
        if self._told:
            return
        self._told = True
        self._after_shown()

    def _after_shown(self) -> None:
        if not self.window.isVisible():  # closed before it came to this
            return
        self.tell_about_database()
        self._when_idle(self.take_daily_backup)

    def _when_idle(self, work: Callable[[], None]) -> None:
        """``work`` once the runner has nothing to do (at once if it has nothing now): a
        read whose result asks for another (the meetings, then their clash warnings)
        leaves it idle for a moment only, so idle means idle at the next turn too."""
        runner = self.workspace.runner
        if not runner.is_busy():
            work()
            return

        waiting = [True]

        def on_busy(busy: bool) -> None:
            if not busy:
                QTimer.singleShot(0, self, check)

        def check() -> None:
            # Idle twice before the first check ran (a read, then the read it asked for,
            # both done in one turn) queues two checks: the first one does the work.
            if not waiting or runner.is_busy():
                return  # done, or busy again: on_busy comes back when it is idle
            waiting.clear()
            runner.busy_changed.disconnect(on_busy)
            if self.window.isVisible():
                work()

        runner.busy_changed.connect(on_busy)

    # Backing up ----------------------------------------------------------------------

    def take_daily_backup(self) -> None:
        """Today's backup, unless one was taken today (SQLite, writable only)."""
        if not self.backups.is_sqlite or self.workspace.read_only:
            return

        def failed(exc: Exception) -> None:
            # Said in the status bar, not a message box: it is tried again next start.
            log.warning("Today's backup could not be made", exc_info=exc)
            self.workspace.say(
                self.tr("Today's backup could not be made: {why}").format(why=_why(exc))
            )

        def done(path: Path | None) -> None:
            self.daily_checked, self.daily_backup = True, path

        self.workspace.runner.submit(self.backups.daily_if_due, done, failed)

    def back_up_now(self) -> None:
        say = self.workspace.say
        say(self.tr("Backing up…"))
        self.back_up_action.setEnabled(False)

        def done(path: Path) -> None:
            self.back_up_action.setEnabled(True)
            say(self.tr("Backed up to {path}").format(path=path))

        def failed(exc: Exception) -> None:
            self.back_up_action.setEnabled(True)
            say(self.tr("Not backed up."))
            self.workspace.report_error(self.tr("The database could not be backed up"), exc)

        self.workspace.runner.submit(self.backups.back_up_now, done, failed)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.dialog or self.window, self.tr("Keep Backups In"), str(self.backups.folder())
        )
        if folder:
            self.set_folder(Path(folder))

    def set_folder(self, folder: Path | None) -> None:
        """Keep backups in ``folder`` from now on (None: the default folder)."""
        try:
            chosen = self.backups.choose_folder(folder)
        except ScrutinyError as exc:
            self.workspace.report_error(self.tr("The backups folder could not be changed"), exc)
            return
        self.workspace.say(self.tr("Backups are kept in {folder}").format(folder=chosen))
        if self.dialog is not None:
            self._load(self.dialog)

    # Restoring -----------------------------------------------------------------------

    def open_restore_dialog(self, select: Path | None = None) -> RestoreDialog | None:
        """The Restore From Backup dialog, with ``select`` chosen once listed."""
        from .restore_dialog import RestoreDialog

        if not self.backups.can_restore:
            return None
        dialog = RestoreDialog(
            self.window, self.workspace.settings, self.workspace.services.db.label
        )
        dialog.restore_chosen.connect(self._confirm_backup)
        dialog.other_file_requested.connect(self._choose_other_file)
        dialog.folder_change_requested.connect(self.choose_folder)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        self._load(dialog, select)
        return dialog

    def _closed(self, dialog: RestoreDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _load(self, dialog: RestoreDialog, select: Path | None = None) -> None:
        dialog.set_folder(self.backups.folder())
        dialog.set_busy(self.tr("Reading the backups…"))

        def failed(exc: Exception) -> None:
            dialog.set_backups([])
            self.workspace.report_error(self.tr("The backups could not be listed"), exc)

        self.workspace.runner.submit(
            self.backups.list,
            lambda infos: dialog.set_backups(infos, select),
            failed,
            key="backups-list",
        )

    def _choose_other_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.dialog or self.window,
            self.tr("Restore a Backup"),
            str(self.backups.folder()),
            self.tr("Scrutiny Desk backups (*.sqlite3 *.sqlite *.db);;All files (*)"),
        )
        if path:
            self.confirm_restore(Path(path), None)

    def _confirm_backup(self, info: BackupInfo) -> None:
        self.confirm_restore(info.file.path, info)

    def confirm_restore(self, path: Path, info: BackupInfo | None) -> QMessageBox:
        """Ask before restoring ``path``; restore if the clerk agrees."""
        from .backups_model import contents_text, kind_label, taken_text

        if info is not None:
            what = self.tr("The backup of {taken} ({kind}) holds {contents}.").format(
                taken=taken_text(info),
                kind=kind_label(info.file.kind).lower(),
                contents=contents_text(info),
            )
        else:
            what = self.tr("The file {path} is checked before anything is replaced.").format(
                path=path
            )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Restore From Backup"),
            self.tr("Replace everything in this database with the backup?"),
            QMessageBox.StandardButton.Cancel,
            self.dialog or self.window,
        )
        box.setObjectName("restoreQuestion")
        box.setInformativeText(
            what
            + "\n\n"
            + self.tr(
                "Everything saved since it was taken is replaced, and this cannot be undone "
                "with Undo; the database as it is now is backed up first, so you can "
                "restore that backup to go back."
            )
        )
        restore_button = box.addButton(self.tr("&Restore"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(box.windowModality().WindowModal)

        def answered() -> None:
            self.confirmation = None
            if box.clickedButton() is restore_button:
                self.restore(path)

        box.finished.connect(answered)
        self.confirmation = box
        box.open()
        return box

    def restore_button(self) -> QPushButton | None:
        """The confirmation's Restore button, for tests."""
        return destructive_button(self.confirmation)

    def restore(self, path: Path) -> None:
        """Restore ``path`` on a worker, then read everything again."""
        dialog = self.dialog
        doing = self.tr("Restoring {file}…").format(file=path.name)
        self.workspace.say(doing)
        if dialog is not None:
            dialog.set_busy(doing)

        def done(restored: Restored) -> None:
            if dialog is not None:
                dialog.accept()
            self.workspace.editor.stack.clear()  # its steps belong to the data replaced
            self.workspace.editor.reload_all()
            upgraded = (
                " " + self.tr("It was made by an earlier version and has been upgraded.")
                if restored.upgraded
                else ""
            )
            self.workspace.say(
                self.tr("Restored {file}. The database as it was is in {replaced}.").format(
                    file=restored.backup.name, replaced=restored.replaced
                )
                + upgraded
            )

        def failed(exc: Exception) -> None:
            if dialog is not None:
                dialog.set_busy(None)
                dialog.status_label.setText(self.tr("Nothing was restored."))
            self.workspace.say(self.tr("Nothing was restored."))
            self.workspace.report_error(self.tr("The backup could not be restored"), exc)

        self.workspace.runner.submit(lambda: self.backups.restore(path), done, failed)

    # What the clerk must know --------------------------------------------------------

    def tell_about_database(self) -> None:
        """Once, after the window shows: an upgrade that was interrupted, and a SQLite
        file on a network share."""
        interrupted = self.backups.interrupted_upgrade()
        if interrupted is not None:
            self.notices.append(self._interrupted_notice(interrupted))
        warning = self.backups.network_warning()
        if warning is not None:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("The Database Is on a Network Share"),
                self.tr("This database is on a network share, where it can be damaged."),
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            box.setObjectName("networkShareWarning")
            box.setInformativeText(warning)
            box.setWindowModality(box.windowModality().WindowModal)
            box.open()
            self.notices.append(box)

    def _interrupted_notice(self, interrupted: InterruptedUpgrade) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("The Last Upgrade Was Interrupted"),
            self.tr("The last upgrade of this database was interrupted."),
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setObjectName("interruptedUpgradeNotice")
        text = self.tr(
            "Scrutiny Desk was stopped while it upgraded the database (from schema "
            "{revision}, started {started}). The database was rolled back to how it was "
            "before the upgrade, so nothing saved before then is lost."
        ).format(revision=interrupted.from_revision or "?", started=_when(interrupted.started))
        offer = None
        if interrupted.backup is not None and self.backups.can_restore:
            text += "\n\n" + self.tr(
                "The backup taken before the upgrade is {backup}. If anything looks wrong, "
                "you can restore it."
            ).format(backup=interrupted.backup)
            offer = box.addButton(self.tr("Show the &Backup…"), QMessageBox.ButtonRole.ActionRole)
        box.setInformativeText(text)
        box.setWindowModality(box.windowModality().WindowModal)
        backup = interrupted.backup

        def answered() -> None:
            if offer is None or box.clickedButton() is not offer or backup is None:
                return
            self.open_restore_dialog(select=backup)
            if backup.parent != self.backups.folder():  # not listed: ask about it at once
                self.confirm_restore(backup, None)

        box.finished.connect(answered)
        box.open()
        return box


def _when(iso: str) -> str:
    """An ISO time as the clerk reads times ("Sun 6 Dec 2026 11:15", local time)."""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso or "?"
    if moment.tzinfo is not None:
        moment = moment.astimezone().replace(tzinfo=None)
    return f"{long_date(moment)} {moment:%H:%M}"


def _why(exc: Exception) -> str:
    return str(exc) if isinstance(exc, ScrutinyError) else type(exc).__name__
