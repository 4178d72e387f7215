"""File > Restore From Backup: the backups of the database, newest first, with when
each was taken, why, its size and how many reviews and meetings it holds.

The dialog only shows and asks; ``ui.reviews.backup_actions.BackupActions`` reads the list,
asks for confirmation and restores. Choosing a backup and pressing Restore (or
double-clicking it) emits ``restore_chosen`` with the backup; Other File… emits
``other_file_requested``, Change Folder… ``folder_change_requested``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.backup_records import BackupInfo
from ..shared.fields import remember_geometry
from ..shared.settings import Settings
from .backups_model import BackupsModel


class RestoreDialog(QDialog):
    restore_chosen = Signal(object)  # BackupInfo
    other_file_requested = Signal()
    folder_change_requested = Signal()

    def __init__(self, parent: QWidget, settings: Settings, database: str) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore From Backup"))
        self.setWindowModality(Qt.WindowModality.WindowModal)

        intro = QLabel(
            self.tr(
                "Restoring replaces everything in the database {database} with the backup "
                "you choose. The database as it is now is backed up first, so you can go "
                "back to it the same way."
            ).format(database=database)
        )
        intro.setWordWrap(True)

        self.folder_label = QLabel()
        self.folder_label.setObjectName("backupsFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.folder_button = QPushButton(self.tr("Change &Folder…"))
        self.folder_button.setToolTip(self.tr("Keep backups in another folder from now on"))
        self.folder_button.clicked.connect(self.folder_change_requested)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)

        self.model = BackupsModel(self)
        self.view = QTableView()
        self.view.setObjectName("backupsView")
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Backups"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(self._on_double_clicked)

        self.status_label = QLabel()
        self.status_label.setObjectName("restoreStatus")
        self.status_label.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.other_button = self.buttons.addButton(
            self.tr("&Other File…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.setToolTip(self.tr("Restore a backup kept somewhere else"))
        self.other_button.clicked.connect(self.other_file_requested)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(folder_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        remember_geometry(
            self,
            lambda: settings.restore_dialog_geometry,
            lambda g: setattr(settings, "restore_dialog_geometry", g),
        )
        self.set_busy(self.tr("Reading the backups…"))

    def set_folder(self, folder: Path) -> None:
        self.folder_label.setText(self.tr("Backups folder: {folder}").format(folder=folder))
        self.folder_label.setToolTip(str(folder))

    def set_backups(self, backups: list[BackupInfo], select: Path | None = None) -> None:
        self.model.set_records(backups)
        count = len(backups)
        self.set_busy(None)
        self.status_label.setText(
            self.tr("There are no backups of this database in this folder yet.")
            if count == 0
            else self.tr("1 backup.")
            if count == 1
            else self.tr("{count} backups.").format(count=count)
        )
        rows = [n for n, b in enumerate(backups) if select is not None and b.file.path == select]
        if rows:
            self.view.selectRow(rows[0])
        self._update_buttons()

    def set_busy(self, doing: str | None) -> None:
        """Say what is happening and hold the buttons while it runs (None: done)."""
        busy = doing is not None
        if doing is not None:
            self.status_label.setText(doing)
        for widget in (self.view, self.other_button, self.folder_button):
            widget.setEnabled(not busy)
        self.restore_button.setEnabled(not busy and self.chosen() is not None)

    def chosen(self) -> BackupInfo | None:
        """The backup selected, if it can be restored."""
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        info = self.model.record(rows[0].row())
        return info if info.problem is None else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.view.isEnabled() and self.chosen() is not None)

    def _on_restore_clicked(self) -> None:
        info = self.chosen()
        if info is not None:
            self.restore_chosen.emit(info)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._on_restore_clicked()
