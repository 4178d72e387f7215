"""Review > Publish Programme to Folder…: the dialog where the clerk chooses the folder
or stops publishing (``programme_folder.ProgrammePublisher`` opens it, and imports this
module then: not at start).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
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

from ..shared.fields import ProblemLabel


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
