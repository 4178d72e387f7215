"""What to export and where: audience, recipient, file format and file, in one step.

The audience is always asked and public is always the default: a panel paper carries
closed business, so choosing it takes a deliberate click, and the dialog then says
that every page is marked NOT FOR PUBLICATION. The file name follows the choices
(``… - agenda-panel.pdf``) until the clerk types a name of their own.

The dialog opens window-modal and returns at once (``open``); ``choice()`` holds the
answer once ``accepted`` is emitted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.views import Audience
from .export_choices import ExportChoice, FileFormat, Recipient
from .warnings_box import WarningsBox

#: The suggested file name for the choices made so far.
Suggest = Callable[[ExportChoice], str]


class ExportDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        subject: str,
        ok_text: str,
        audience: bool = True,
        recipients: Sequence[Recipient] = (),
        recipient_label: str = "",
        formats: Sequence[FileFormat] = (),
        folder: Path | None = None,
        suggest: Suggest | None = None,
        warnings: Mapping[int | None, Sequence[str]] | None = None,
    ) -> None:
        """``formats`` empty: nothing is saved (printing), so no file is asked for.
        ``warnings``: what to warn of for each recipient (by witness id; None: the panel,
        or the only file), shown above the recipient while it is chosen."""
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(620)
        self._formats = list(formats)
        self._folder = folder or Path.home()
        self._suggest = suggest
        self._suggested_name = ""
        self._confirmed: Path | None = None  # the file dialog asked about replacing it
        self._choice: ExportChoice | None = None

        layout = QVBoxLayout(self)
        heading = QLabel(subject)
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)
        layout.addWidget(heading)
        self._warnings = dict(warnings or {})
        self.warnings_box = WarningsBox("exportWarnings")
        layout.addWidget(self.warnings_box)

        self.public_radio = QRadioButton(self.tr("P&ublic (safe to publish)"))
        self.panel_radio = QRadioButton(
            self.tr("Pa&nel (includes closed business, marked NOT FOR PUBLICATION)")
        )
        self.panel_warning = QLabel(
            self.tr(
                "The panel version prints closed business and marks its pages NOT FOR "
                "PUBLICATION. Keep it within the panel and its officers: do not publish it "
                "or send it to witnesses."
            )
        )
        self.panel_warning.setObjectName("panelWarning")
        self.panel_warning.setWordWrap(True)
        self.panel_warning.setAccessibleName(self.tr("Warning"))
        self.panel_warning.setVisible(False)
        self._audiences = QButtonGroup(self)
        self.audience_box = QGroupBox(self.tr("Audience"))
        box_layout = QVBoxLayout(self.audience_box)
        for radio in (self.public_radio, self.panel_radio):
            self._audiences.addButton(radio)
            box_layout.addWidget(radio)
        box_layout.addWidget(self.panel_warning)
        self.public_radio.setChecked(True)
        self._audiences.buttonToggled.connect(self._on_choice_changed)
        self.audience_box.setVisible(audience)
        layout.addWidget(self.audience_box)

        form = QFormLayout()
        self.recipient_combo = QComboBox()
        self.recipient_combo.setObjectName("recipientCombo")
        self.recipient_note = QLabel()
        self.recipient_note.setWordWrap(True)
        self.recipient_note.setVisible(False)
        if recipients:
            self._fill_recipients(recipients)
            label = QLabel(recipient_label or self.tr("&Send to:"))
            label.setBuddy(self.recipient_combo)
            self.recipient_combo.setAccessibleName(label.text().replace("&", "").rstrip(":"))
            form.addRow(label, self.recipient_combo)
            form.addRow("", self.recipient_note)
            self.recipient_combo.currentIndexChanged.connect(self._on_choice_changed)

        self._format_radios: list[QRadioButton] = []
        self._format_group = QButtonGroup(self)
        if len(self._formats) > 1:
            format_layout = QVBoxLayout()
            for file_format in self._formats:
                radio = QRadioButton(file_format.label)
                self._format_group.addButton(radio)
                self._format_radios.append(radio)
                format_layout.addWidget(radio)
            self._format_radios[0].setChecked(True)
            self._format_group.buttonToggled.connect(self._on_choice_changed)
            form.addRow(self.tr("Format:"), format_layout)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setAccessibleName(self.tr("File to save"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setAccessibleName(self.tr("Choose the file to save"))
        self.browse_button.clicked.connect(self._on_browse_clicked)
        if self._formats:
            row = QHBoxLayout()
            row.addWidget(self.path_edit, 1)
            row.addWidget(self.browse_button)
            save_label = QLabel(self.tr("Save &as:"))
            save_label.setBuddy(self.path_edit)
            form.addRow(save_label, row)
        layout.addLayout(form)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("exportProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setVisible(False)
        layout.addWidget(self.problem_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._on_choice_changed()
        self.public_radio.setFocus()

    # The answer --------------------------------------------------------------------

    def choice(self) -> ExportChoice:
        """What was chosen; ``path`` is set once the dialog has been accepted."""
        if self._choice is not None:
            return self._choice
        return ExportChoice(self.audience(), self.recipient(), self.file_format(), None)

    def audience(self) -> Audience:
        return Audience.PANEL if self.panel_radio.isChecked() else Audience.PUBLIC

    def recipient(self) -> Recipient | None:
        if self.recipient_combo.count() == 0 or self.recipient_combo.currentIndex() < 0:
            return None
        recipient = self.recipient_combo.currentData(Qt.ItemDataRole.UserRole)
        return recipient if isinstance(recipient, Recipient) else None

    def file_format(self) -> FileFormat | None:
        if not self._formats:
            return None
        for radio, file_format in zip(self._format_radios, self._formats, strict=False):
            if radio.isChecked():
                return file_format
        return self._formats[0]

    def select_recipient(self, witness_id: int | None) -> bool:
        for row in range(self.recipient_combo.count()):
            recipient = self.recipient_combo.itemData(row, Qt.ItemDataRole.UserRole)
            if isinstance(recipient, Recipient) and recipient.witness_id == witness_id:
                self.recipient_combo.setCurrentIndex(row)
                return True
        return False

    def select_format(self, suffix: str) -> bool:
        for radio, file_format in zip(self._format_radios, self._formats, strict=False):
            if file_format.suffix == suffix:
                radio.setChecked(True)
                return True
        return False

    def add_option(self, check: QCheckBox) -> None:
        """One more choice (a check box) above the buttons; the suggested file name
        follows it as it follows the others."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.problem_label), check)
        check.toggled.connect(self._on_choice_changed)
        self._on_choice_changed()

    # Overrides ------------------------------------------------------------------------

    def accept(self) -> None:
        recipient = self.recipient()
        if self.recipient_combo.count() and (recipient is None or recipient.unavailable):
            return
        path: Path | None = None
        if self._formats:
            path = self._path_to_save()
            if path is None:
                return
        self._choice = ExportChoice(self.audience(), recipient, self.file_format(), path)
        super().accept()

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("{name} already exists in {folder}. Replace it?").format(
                name=path.name, folder=path.parent
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    # Slots ----------------------------------------------------------------------------

    def _on_choice_changed(self, *_args: object) -> None:
        panel = self.panel_radio.isChecked()
        if panel != self.panel_warning.isVisibleTo(self):
            self.panel_warning.setVisible(panel)
            self.adjustSize()  # room for the warning, and none left over without it
        recipient = self.recipient()
        witness_id = recipient.witness_id if recipient is not None else None
        self.warnings_box.show_warnings(self._warnings.get(witness_id, ()))
        note = recipient.unavailable if recipient else None
        self.recipient_note.setText(note or "")
        self.recipient_note.setVisible(bool(note))
        self.ok_button.setEnabled(not note)
        self._follow_suggestion()

    def _on_browse_clicked(self) -> None:
        file_format = self.file_format()
        filters = ";;".join(f.filter for f in self._formats)
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save As"),
            self.path_edit.text() or str(self._folder),
            filters,
            file_format.filter if file_format else "",
        )
        if chosen:
            self.choose_file(Path(chosen), chosen_filter)

    def choose_file(self, path: Path, chosen_filter: str = "") -> None:
        """The file the save dialog gave: its filter chooses the format, and sets the
        extension when the name has none of the formats' ("Word document (*.docx)")."""
        by_filter = {f.filter: f for f in self._formats}
        if chosen_filter in by_filter:
            wanted = by_filter[chosen_filter]
            self.select_format(wanted.suffix)
            if path.suffix.lower() not in {f.suffix for f in self._formats}:
                path = path.with_name(path.name + wanted.suffix)
            elif path.suffix.lower() != wanted.suffix:
                path = path.with_suffix(wanted.suffix)
        self.path_edit.setText(str(path))
        self._confirmed = path

    # Helpers --------------------------------------------------------------------------

    def _fill_recipients(self, recipients: Sequence[Recipient]) -> None:
        for recipient in recipients:
            self.recipient_combo.addItem(recipient.label or recipient.name, recipient)
        model = self.recipient_combo.model()
        if isinstance(model, QStandardItemModel):
            for row, recipient in enumerate(recipients):
                if recipient.unavailable:
                    item = model.item(row)
                    item.setEnabled(False)
                    item.setToolTip(recipient.unavailable)
        available = [i for i, r in enumerate(recipients) if not r.unavailable]
        self.recipient_combo.setCurrentIndex(available[0] if available else 0)

    def _follow_suggestion(self) -> None:
        """Put the suggested name in the file field unless the clerk typed their own."""
        if not self._formats or self._suggest is None:
            return
        name = self._suggest(self.choice())
        text = self.path_edit.text().strip()
        if not text:
            self.path_edit.setText(str(self._folder / name))
        elif Path(text).name == self._suggested_name:
            self.path_edit.setText(str(Path(text).with_name(name)))
        self._suggested_name = name

    def _path_to_save(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            self._show_problem(self.tr("Enter the name of the file to save."))
            return None
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = self._folder / path
        suffix = path.suffix.lower()
        if suffix and suffix in {f.suffix for f in self._formats}:  # "": a folder's format
            self.select_format(suffix)  # "x.ics" typed with e-mail chosen: a calendar file
        else:
            path = path.with_name(path.name + (self.file_format() or self._formats[0]).suffix)
        if not path.parent.is_dir():
            self._show_problem(
                self.tr("The folder {folder} does not exist.").format(folder=path.parent)
            )
            return None
        if path.is_dir():
            self._show_problem(self.tr("{path} is a folder: enter a file name.").format(path=path))
            return None
        if path.exists() and path != self._confirmed and not self.confirm_overwrite(path):
            return None
        return path

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(True)
        self.path_edit.setFocus()
