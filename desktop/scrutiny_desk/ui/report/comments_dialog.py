"""Comments…: the panel members' comments on the paragraphs of a version issued for
comment, paragraph by paragraph.

The paragraphs are listed as that version printed them (its numbers, its words), each
with how many comments it has; choosing one shows its words and its comments. The form
below adds a comment (member, date received, text) or, with a comment chosen, saves a
change to it; Delete removes the one chosen. Each is one undo step (``version_steps``),
and the list is read again after it.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.people_records import MemberRecord
from ...domain.report_version_records import CommentEntry, VersionEntry
from ...domain.report_views import ParagraphView
from ...domain.views import Audience
from ..shared.common import action_buttons, page_action
from ..shared.date_field import DateField
from ..shared.display import bold_font, long_date, one_line
from ..shared.fields import ProblemLabel, required_text_problem
from ..shared.workspace import Workspace
from .version_steps import AddComment, DeleteComment, EditComment
from .versions_model import version_label

Loaded = tuple[tuple[ParagraphView, ...], list[MemberRecord], tuple[CommentEntry, ...]]


def paragraph_line(paragraph: ParagraphView, extra: str = "") -> str:
    number = paragraph.number or "–"
    return f"{number}  {one_line(paragraph.text, 90)}{extra}"


class CommentsDialog(QDialog):
    def __init__(
        self, workspace: Workspace, review_id: int, entry: VersionEntry, today: date
    ) -> None:
        super().__init__(workspace.window)
        self.setObjectName("commentsDialog")
        self.setWindowTitle(self.tr("Comments on the Report"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(860, 620)
        self.workspace = workspace
        self.service = workspace.services.report_versions
        self.review_id = review_id
        self.entry = entry
        self.paragraphs: tuple[ParagraphView, ...] = ()
        self.comments: tuple[CommentEntry, ...] = ()
        self.members: list[MemberRecord] = []
        writable = not workspace.read_only

        heading = QLabel(self.tr("Comments on {version}").format(version=version_label(entry)))
        heading.setFont(bold_font())
        self.paragraph_list = QListWidget()
        self.paragraph_list.setObjectName("commentParagraphs")
        self.paragraph_list.setAccessibleName(self.tr("Paragraphs"))
        self.paragraph_list.setWordWrap(True)
        self.paragraph_list.currentRowChanged.connect(self._on_paragraph_changed)
        self.paragraph_text = QLabel()
        self.paragraph_text.setWordWrap(True)
        self.paragraph_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("commentsTable")
        self.table.setAccessibleName(self.tr("Comments on the paragraph"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("Received"), self.tr("Comment")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_comment_chosen)

        self.member_combo = QComboBox()
        self.member_combo.setAccessibleName(self.tr("Member"))
        self.received_edit = DateField()
        self.received_edit.setAccessibleName(self.tr("Date received"))
        self.received_edit.setDate(QDate(today.year, today.month, today.day))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setAccessibleName(self.tr("Comment"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setFixedHeight(80)
        self.problem = ProblemLabel()
        act = partial(page_action, self)
        self.add_action = act(self.tr("&Add Comment"), self.tr("Add this comment"), self.add)
        self.save_action = act(
            self.tr("&Save Changes"), self.tr("Save the changes to the comment chosen"), self.save
        )
        self.delete_action = act(
            self.tr("&Delete Comment"), self.tr("Delete the comment chosen"), self.delete
        )
        form = QFormLayout()
        form.addRow(self.tr("&Member:"), self.member_combo)
        form.addRow(self.tr("&Received:"), self.received_edit)
        form.addRow(self.tr("&Comment:"), self.text_edit)
        form.addRow("", self.problem)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.paragraph_text)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(form)
        right_layout.addLayout(
            action_buttons([self.add_action, self.save_action, self.delete_action])
        )
        for action in (self.add_action, self.save_action, self.delete_action):
            action.setVisible(writable)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.paragraph_list)
        splitter.addWidget(right)
        splitter.setSizes([330, 530])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._read(first=True)

    # Reading ----------------------------------------------------------------------------

    def _read(self, first: bool = False) -> None:
        number = self.entry.number

        def read() -> Loaded:
            content = self.service.content(self.review_id, number, Audience.PANEL)
            return (
                content.paragraphs(),
                self.workspace.services.panel.members(self.review_id),
                self.service.comments(self.review_id, number),
            )

        self.workspace.runner.submit(
            read,
            partial(self._on_read, first),
            self._read_failed,
            key="report-comments",
        )

    def _on_read(self, first: bool, loaded: Loaded) -> None:
        self.paragraphs, self.members, self.comments = loaded
        if first:
            for member in self.members:
                self.member_combo.addItem(member.name, member.key)
        row = max(self.paragraph_list.currentRow(), 0)
        self.paragraph_list.blockSignals(True)
        self.paragraph_list.clear()
        for paragraph in self.paragraphs:
            count = sum(1 for c in self.comments if c.paragraph_key == paragraph.key)
            extra = self.tr(" ({n} comments)").format(n=count) if count else ""
            item = QListWidgetItem(paragraph_line(paragraph, extra))
            item.setToolTip(paragraph.text)
            self.paragraph_list.addItem(item)
        self.paragraph_list.blockSignals(False)
        if self.paragraphs:
            self.paragraph_list.setCurrentRow(min(row, len(self.paragraphs) - 1))
        self._on_paragraph_changed(self.paragraph_list.currentRow())

    # What is chosen ---------------------------------------------------------------------

    def paragraph(self) -> ParagraphView | None:
        row = self.paragraph_list.currentRow()
        return self.paragraphs[row] if 0 <= row < len(self.paragraphs) else None

    def shown_comments(self) -> list[CommentEntry]:
        paragraph = self.paragraph()
        key = paragraph.key if paragraph else None
        return [c for c in self.comments if c.paragraph_key == key]

    def comment(self) -> CommentEntry | None:
        shown = self.shown_comments()
        rows = self.table.selectionModel().selectedRows()
        return shown[rows[0].row()] if rows and rows[0].row() < len(shown) else None

    def choose_paragraph(self, key: str) -> bool:
        for row, paragraph in enumerate(self.paragraphs):
            if paragraph.key == key:
                self.paragraph_list.setCurrentRow(row)
                return True
        return False

    def _on_paragraph_changed(self, _row: int) -> None:
        paragraph = self.paragraph()
        self.paragraph_text.setText(
            f"{paragraph.number or ''} {paragraph.text}".strip() if paragraph else ""
        )
        shown = self.shown_comments()
        self.table.setRowCount(len(shown))
        for row, comment in enumerate(shown):
            self.table.setItem(row, 0, QTableWidgetItem(comment.member.label))
            self.table.setItem(row, 1, QTableWidgetItem(long_date(comment.received)))  # type: ignore[arg-type]
            self.table.setItem(row, 2, QTableWidgetItem(comment.text))
        self.table.resizeRowsToContents()
        self._on_comment_chosen()

    def _on_comment_chosen(self) -> None:
        comment = self.comment()
        if comment is not None:
            self.member_combo.setCurrentIndex(self.member_combo.findData(comment.member.key))
            day = comment.received
            self.received_edit.setDate(QDate(day.year, day.month, day.day))
            self.text_edit.setPlainText(comment.text)
        writable = not self.workspace.read_only
        self.add_action.setEnabled(writable and self.paragraph() is not None)
        self.save_action.setEnabled(writable and comment is not None)
        self.delete_action.setEnabled(writable and comment is not None)

    # Actions ----------------------------------------------------------------------------

    def _values(self) -> tuple[str, date, str] | None:
        text = self.text_edit.toPlainText().strip()
        problem = required_text_problem(text, self.tr("the comment"))
        if problem is None and self.member_combo.currentIndex() < 0:
            problem = self.tr("Choose the member who made the comment.")
        self.problem.show_problem(problem)
        if problem is not None:
            return None
        day = self.received_edit.date()
        received = date(day.year(), day.month(), day.day())
        return self.member_combo.currentData(), received, text

    def add(self) -> None:
        paragraph, values = self.paragraph(), self._values()
        if paragraph is None or values is None:
            return
        member, received, text = values
        step = AddComment(
            self.service, self.review_id, self.entry.number, paragraph.key, member, text, received
        )
        if self.workspace.editor.perform(step) is not None:
            self.text_edit.clear()
            self._read()

    def save(self) -> None:
        comment, values = self.comment(), self._values()
        if comment is None or values is None:
            return
        member, received, text = values
        after = {"member_key": member, "received": received, "text": text}
        before = {
            "member_key": comment.member.key,
            "received": comment.received,
            "text": comment.text,
        }
        changed = [k for k in after if after[k] != before[k]]
        if not changed:
            return
        step = EditComment(
            self.service, comment, {k: before[k] for k in changed}, {k: after[k] for k in changed}
        )
        if self.workspace.editor.perform(step) is not None:
            self._read()

    def delete(self) -> None:
        comment = self.comment()
        if comment is None:
            return
        if self.workspace.editor.perform(DeleteComment(self.service, comment)) is not None:
            self.text_edit.clear()
            self._read()

    def _read_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The comments could not be read"), exc)
