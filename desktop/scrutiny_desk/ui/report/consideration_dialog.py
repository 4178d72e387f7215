"""Consideration…: what a meeting decided on each paragraph of a version put to it:
agreed, amended (with the words agreed) or deleted, and the agenda item under which it
was considered, whose minutes then record it ("Paragraph 3.2 was agreed as amended").

The paragraphs are listed as the version printed them, each with the decision recorded
on it. Choosing one fills the form; Record Decision records it (or changes the one
recorded), Clear Decision takes it away: each one undo step (``version_steps``).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.agenda_records import ItemRecord
from ...domain.enums import ConsiderationOutcome
from ...domain.records import MeetingSummary
from ...domain.report_version_records import ConsiderationEntry, VersionEntry
from ...domain.report_views import ParagraphView
from ...domain.views import Audience
from ..shared.common import action_buttons, page_action
from ..shared.display import bold_font, long_date, one_line
from ..shared.fields import ProblemLabel, required_text_problem
from ..shared.workspace import Workspace
from .version_steps import (
    AgreeRemaining,
    DeleteConsideration,
    EditConsideration,
    EntryStep,
    RecordConsideration,
)
from .versions_model import version_label

OUTCOME_WORDS = {
    ConsiderationOutcome.AGREED: QT_TRANSLATE_NOOP("Consideration", "Agreed"),
    ConsiderationOutcome.AMENDED: QT_TRANSLATE_NOOP("Consideration", "Amended"),
    ConsiderationOutcome.DELETED: QT_TRANSLATE_NOOP("Consideration", "Deleted"),
}


def outcome_label(outcome: ConsiderationOutcome) -> str:
    return QCoreApplication.translate("Consideration", str(OUTCOME_WORDS[outcome]))


Loaded = tuple[tuple[ParagraphView, ...], tuple[ConsiderationEntry, ...]]


class ConsiderationDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        review_id: int,
        entry: VersionEntry,
        meetings: list[MeetingSummary],
    ) -> None:
        super().__init__(workspace.window)
        self.setObjectName("considerationDialog")
        self.setWindowTitle(self.tr("Consideration of the Report"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(880, 640)
        self.workspace = workspace
        self.service = workspace.services.report_versions
        self.review_id = review_id
        self.entry = entry
        self.paragraphs: tuple[ParagraphView, ...] = ()
        self.decisions: dict[str, ConsiderationEntry] = {}
        self.items: list[ItemRecord] = []

        heading = QLabel(self.tr("Consideration of {version}").format(version=version_label(entry)))
        heading.setFont(bold_font())
        self.meeting_combo = QComboBox()
        self.meeting_combo.setObjectName("considerationMeeting")
        self.meeting_combo.setAccessibleName(self.tr("Meeting"))
        self._meetings = {m.key: m for m in meetings}
        for meeting in sorted(meetings, key=lambda m: m.start):
            self.meeting_combo.addItem(f"{long_date(meeting.start)}: {meeting.title}", meeting.key)
        if entry.meeting is not None:
            self.meeting_combo.setCurrentIndex(
                max(self.meeting_combo.findData(entry.meeting.key), 0)
            )
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("considerationItem")
        self.item_combo.setAccessibleName(self.tr("Agenda item"))
        self.meeting_combo.currentIndexChanged.connect(lambda _i: self._read_items())

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("considerationTable")
        self.table.setAccessibleName(self.tr("Paragraphs and decisions"))
        labels = (self.tr("No."), self.tr("Paragraph"), self.tr("Decision"))
        self.table.setHorizontalHeaderLabels(list(labels))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._on_paragraph_chosen)

        self.outcome_radios = {o: QRadioButton(outcome_label(o)) for o in ConsiderationOutcome}
        self._outcomes = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        for outcome, radio in self.outcome_radios.items():
            radio.setObjectName(f"decision-{outcome.value}")
            self._outcomes.addButton(radio)
            outcome_row.addWidget(radio)
        outcome_row.addStretch(1)
        self.outcome_radios[ConsiderationOutcome.AGREED].setChecked(True)
        self._outcomes.buttonToggled.connect(lambda *_a: self._on_outcome_toggled())
        self.amendment_edit = QPlainTextEdit()
        self.amendment_edit.setAccessibleName(self.tr("Words agreed"))
        self.amendment_edit.setTabChangesFocus(True)
        self.amendment_edit.setFixedHeight(80)
        self.problem = ProblemLabel()
        act = partial(page_action, self)
        self.record_action = act(
            self.tr("&Record Decision"), self.tr("Record the meeting's decision on it"), self.record
        )
        self.clear_action = act(
            self.tr("&Clear Decision"), self.tr("Take away the decision recorded"), self.clear
        )
        self.agree_all_action = act(
            self.tr("&Agree All Remaining"),
            self.tr("Record every paragraph without a decision as agreed"),
            self.agree_remaining,
        )
        form = QFormLayout()
        form.addRow(self.tr("&Meeting:"), self.meeting_combo)
        form.addRow(self.tr("Agenda &item:"), self.item_combo)
        decision = QFormLayout()
        decision.addRow(self.tr("Decision:"), outcome_row)
        decision.addRow(self.tr("&Words agreed:"), self.amendment_edit)
        decision.addRow("", self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(decision)
        layout.addLayout(
            action_buttons([self.record_action, self.clear_action, self.agree_all_action])
        )
        layout.addWidget(buttons)
        self._read_items()
        self._read()

    # Reading ----------------------------------------------------------------------------

    def _read_items(self) -> None:
        meeting = self._meetings.get(self.meeting_combo.currentData())
        self.item_combo.clear()
        self.items = []
        if meeting is None:
            return
        try:
            self.items = sorted(
                self.workspace.services.agenda.items(meeting.id), key=lambda i: i.number
            )
        except Exception as exc:
            self.workspace.report_error(self.tr("The agenda could not be read"), exc)
        self.item_combo.addItem(self.tr("Not under an item"), None)
        for item in self.items:
            self.item_combo.addItem(f"{item.number}. {item.title}", item.key)
        chosen = self.current_decision()
        self._choose_item(chosen.item.key if chosen and chosen.item else None)

    def _choose_item(self, key: str | None) -> None:
        index = self.item_combo.findData(key) if key else -1
        if index < 0 and key is None and len(self.items) > 0:
            index = 0
        self.item_combo.setCurrentIndex(max(index, 0))

    def _read(self) -> None:
        number = self.entry.number

        def read() -> Loaded:
            content = self.service.content(self.review_id, number, Audience.PANEL)
            return content.paragraphs(), self.service.considerations(self.review_id, number)

        self.workspace.runner.submit(
            read,
            self._on_read,
            self._read_failed,
            key="report-consideration",
        )

    def _on_read(self, loaded: Loaded) -> None:
        self.paragraphs, decisions = loaded
        self.decisions = {d.paragraph_key: d for d in decisions}
        row = max(self.table.currentRow(), 0)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.paragraphs))
        for index, paragraph in enumerate(self.paragraphs):
            made = self.decisions.get(paragraph.key)
            words = outcome_label(made.outcome) if made else ""
            cells = (paragraph.number or "", one_line(paragraph.text, 160), words)
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 1:
                    cell.setToolTip(paragraph.text)
                self.table.setItem(index, column, cell)
        self.table.blockSignals(False)
        if self.paragraphs:
            self.table.selectRow(min(row, len(self.paragraphs) - 1))
        self._on_paragraph_chosen()

    # What is chosen ---------------------------------------------------------------------

    def paragraph(self) -> ParagraphView | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else -1
        return self.paragraphs[row] if 0 <= row < len(self.paragraphs) else None

    def current_decision(self) -> ConsiderationEntry | None:
        paragraph = self.paragraph()
        return self.decisions.get(paragraph.key) if paragraph else None

    def choose_paragraph(self, key: str) -> bool:
        for row, paragraph in enumerate(self.paragraphs):
            if paragraph.key == key:
                self.table.selectRow(row)
                return True
        return False

    def outcome(self) -> ConsiderationOutcome:
        return next(o for o, radio in self.outcome_radios.items() if radio.isChecked())

    def _on_paragraph_chosen(self) -> None:
        made = self.current_decision()
        self.outcome_radios[made.outcome if made else ConsiderationOutcome.AGREED].setChecked(True)
        self.amendment_edit.setPlainText((made.amendment or "") if made else "")
        if made is not None:
            self._choose_item(made.item.key if made.item else None)
        writable = not self.workspace.read_only
        self.record_action.setEnabled(writable and self.paragraph() is not None)
        self.clear_action.setEnabled(writable and made is not None)
        self.agree_all_action.setEnabled(writable and bool(self.paragraphs))
        self.problem.show_problem(None)
        self._on_outcome_toggled()

    def _on_outcome_toggled(self) -> None:
        self.amendment_edit.setEnabled(self.outcome() is ConsiderationOutcome.AMENDED)

    # Actions ----------------------------------------------------------------------------

    def record(self) -> None:
        paragraph = self.paragraph()
        meeting = self.meeting_combo.currentData()
        if paragraph is None or meeting is None:
            self.problem.show_problem(self.tr("Choose the meeting that considered it."))
            return
        outcome = self.outcome()
        amendment = None
        if outcome is ConsiderationOutcome.AMENDED:
            amendment = self.amendment_edit.toPlainText().strip()
            problem = required_text_problem(amendment, self.tr("the words agreed"))
            self.problem.show_problem(problem)
            if problem:
                return
        item = self.item_combo.currentData()
        made = self.current_decision()
        step: EntryStep
        if made is None:
            step = RecordConsideration(
                self.service, self.review_id, self.entry.number, paragraph.key, meeting,
                outcome, item, amendment,
            )  # fmt: skip
        else:
            before = {"outcome": made.outcome, "amendment": made.amendment,
                      "item_key": made.item.key if made.item else None}  # fmt: skip
            after = {"outcome": outcome, "amendment": amendment, "item_key": item}
            changed = [k for k in after if after[k] != before[k]]
            if not changed:
                return
            step = EditConsideration(
                self.service, made, {k: before[k] for k in changed}, {k: after[k] for k in changed}
            )
        if self.workspace.editor.perform(step) is not None:
            self._read()

    def agree_remaining(self) -> None:
        meeting = self.meeting_combo.currentData()
        if meeting is None:
            self.problem.show_problem(self.tr("Choose the meeting that considered it."))
            return
        if all(p.key in self.decisions for p in self.paragraphs):
            self.problem.show_problem(self.tr("Every paragraph has a decision already."))
            return
        step = AgreeRemaining(
            self.service, self.review_id, self.entry.number, meeting, self.item_combo.currentData()
        )
        if self.workspace.editor.perform(step) is not None:
            self._read()

    def clear(self) -> None:
        made = self.current_decision()
        if made is None:
            return
        if self.workspace.editor.perform(DeleteConsideration(self.service, made)) is not None:
            self._read()

    def _read_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The decisions could not be read"), exc)
