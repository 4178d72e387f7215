"""Send Updates: what will go to whom, listed before anything is written.

The dialog shows the plan (``UpdatePlan``: one row per file, what it is, whom it
reaches and why), the warnings on a tinted strip above it, and asks for the folder and
the form: e-mails ready to send (.eml, the default) or calendar files (.ics). It writes
nothing itself: it asks (``plan_requested`` when the form changes, ``write_requested``
with the plan it showed) and the ``SendUpdates`` controller answers on the task runner.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.invitation_records import IssueKind, PlannedFile, UpdatePlan
from ..shared.fields import ProblemLabel
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.warnings_box import WarningsBox

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class PlanColumn(IntEnum):
    WHAT = 0
    TO = 1
    FILE = 2


class PlanModel(QAbstractTableModel):
    """The files of an ``UpdatePlan``, one row each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._files: list[PlannedFile] = []
        self._headers = [self.tr("What"), self.tr("To"), self.tr("File")]

    def set_files(self, files: Iterable[PlannedFile]) -> None:
        self.beginResetModel()
        self._files = list(files)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._files)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(PlanColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if (
            role == Role.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._files):
            return None
        planned = self._files[index.row()]
        column = PlanColumn(index.column())
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            if column is PlanColumn.WHAT:
                return self.what(planned)
            if column is PlanColumn.TO:
                return ", ".join(to.name for to in planned.recipients)
            return planned.file_name
        if role == Role.ToolTipRole and column is PlanColumn.TO:
            return "\n".join(f"{to.name} <{to.email}>" for to in planned.recipients)
        return None

    def what(self, planned: PlannedFile) -> str:
        kind = {
            IssueKind.INVITATION: self.tr("Invitation"),
            IssueKind.UPDATE: self.tr("Update"),
            IssueKind.CANCELLATION: self.tr("Cancellation"),
        }[planned.kind]
        if planned.reason:
            return self.tr("{kind} ({reason})").format(kind=kind, reason=planned.reason)
        return kind


class SendUpdatesDialog(QDialog):
    #: the form changed: (email) -> the controller plans again and calls ``show_plan``
    plan_requested = Signal(bool)
    #: Write Files: (folder, email, the plan shown)
    write_requested = Signal(object, bool, object)

    def __init__(self, parent: QWidget, plan: UpdatePlan, folder: Path, *, email: bool = True):
        super().__init__(parent)
        self.setObjectName("sendUpdatesDialog")
        self.setWindowTitle(self.tr("Send Updates"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(980, 600)
        self._plan = plan

        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        layout.addWidget(self.heading)
        self.warnings_box = WarningsBox("sendUpdatesWarnings")
        layout.addWidget(self.warnings_box)

        self.model = PlanModel(self)
        self.view = record_table(
            self.model,
            self.tr("Files to write"),
            {PlanColumn.WHAT: FIT, PlanColumn.TO: STRETCH, PlanColumn.FILE: FIT},
        )
        self.view.setObjectName("planView")
        self.view.setWordWrap(True)  # the panel's names, whole, over a few lines
        self.view.setMinimumHeight(160)
        # Rows as tall as their wrapped names, again as the columns widen (a few rows).
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(rows.ResizeMode.ResizeToContents)
        layout.addWidget(caption(self.tr("Will &be written:"), self.view))
        layout.addWidget(self.view, 1)
        self.nothing_label = QLabel()
        self.nothing_label.setObjectName("nothingToSend")
        self.nothing_label.setWordWrap(True)
        self.nothing_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.nothing_label)

        self.email_radio = QRadioButton(
            self.tr("&E-mails ready to send (.eml): each opens in your mail program")
        )
        self.ics_radio = QRadioButton(self.tr("&Calendar files (.ics): to attach yourself"))
        self._forms = QButtonGroup(self)
        self._forms.addButton(self.email_radio)
        self._forms.addButton(self.ics_radio)
        (self.email_radio if email else self.ics_radio).setChecked(True)
        self.email_radio.toggled.connect(self._on_form_toggled)
        layout.addWidget(self.email_radio)
        layout.addWidget(self.ics_radio)

        row = QHBoxLayout()
        label = QLabel(self.tr("&Folder:"))
        self.folder_edit = QLineEdit(str(folder))
        self.folder_edit.setObjectName("folderEdit")
        label.setBuddy(self.folder_edit)
        choose = QPushButton(self.tr("C&hoose…"))
        choose.clicked.connect(self._on_choose_clicked)
        row.addWidget(label)
        row.addWidget(self.folder_edit, 1)
        row.addWidget(choose)
        layout.addLayout(row)
        self.problem_label = ProblemLabel()
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = self.buttons.addButton(
            self.tr("&Write Files"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self._on_write_clicked)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.folder_edit.textChanged.connect(lambda _text: self.problem_label.show_problem(None))
        self.show_plan(plan)
        self.write_button.setDefault(True)
        (self.write_button if self.write_button.isEnabled() else self.view).setFocus()

    # What the controller calls -------------------------------------------------------

    @property
    def plan(self) -> UpdatePlan:
        return self._plan

    def email(self) -> bool:
        return self.email_radio.isChecked()

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()

    def show_plan(self, plan: UpdatePlan) -> None:
        self._plan = plan
        self.heading.setText(
            self.tr("{title}: {count}").format(title=plan.meeting_title, count=self._count(plan))
        )
        self.model.set_files(plan.files)
        self.view.setVisible(bool(plan.files))
        self.warnings_box.show_warnings(plan.warnings)
        self.nothing_label.setText(plan.nothing_to_send or "")
        self.nothing_label.setVisible(not plan.files and bool(plan.nothing_to_send))
        self.set_working(False)

    def set_working(self, working: bool) -> None:
        """While the plan is read or the files written: nothing can be asked twice."""
        self.write_button.setEnabled(not working and bool(self._plan.files))
        for radio in (self.email_radio, self.ics_radio):
            radio.setEnabled(not working)
        self.folder_edit.setReadOnly(working)

    def show_problem(self, problem: str | None) -> None:
        self.set_working(False)
        self.problem_label.show_problem(problem)

    # Slots ----------------------------------------------------------------------------

    def _count(self, plan: UpdatePlan) -> str:
        count = len(plan.files)
        if count == 0:
            return self.tr("nothing to write")
        if count == 1:
            return self.tr("%n file to write", "", count)
        return self.tr("%n files to write", "", count)

    def _on_form_toggled(self, _checked: bool) -> None:
        self.set_working(True)
        self.plan_requested.emit(self.email())

    def _on_choose_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a Folder"), self.folder_edit.text().strip() or str(Path.home())
        )
        if chosen:
            self.folder_edit.setText(chosen)

    def _on_write_clicked(self) -> None:
        folder = self.folder()
        if not self.folder_edit.text().strip():
            self.show_problem(self.tr("Choose the folder to write the files in."))
            return
        if not folder.is_dir():
            self.show_problem(
                self.tr("The folder {folder} does not exist: choose another.").format(folder=folder)
            )
            return
        self.set_working(True)
        self.problem_label.show_problem(None)
        self.write_requested.emit(folder, self.email(), self._plan)
