"""The Report page's Draft tab: the outline, the chosen section's paragraphs, the
paragraph editor, what is at hand beside a findings section, and the quote flags.

The outline on the left is generated from the review (``ReportParagraphService.places``)
and numbered as the report prints it; choosing a chapter or section lists its
paragraphs in the middle, with the editor of the chosen one below. Beside a findings
section the notes and evidence held against its terms-of-reference item and its gaps
are at hand on the right. A strip over the draft names the open paragraphs that quote
closed material word for word. Every change is one undo step (``paragraph_actions``);
after any change to what the outline is made of, the page reads again what it shows
(off the GUI thread, ``draft_read``) and keeps the section and paragraph chosen.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import NotFoundError
from ...domain.report_entries import AtHand, ParagraphEntry
from ...domain.topics import Topic, Topics
from ..audit.history_action import add_history
from ..shared.common import action_buttons
from ..shared.display import one_line
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .at_hand_pane import AtHandPane
from .draft_read import DraftRead, read_draft
from .outline_model import OutlineColumn, OutlineModel
from .paragraph_actions import ParagraphActions
from .paragraph_editor import ParagraphEditor
from .paragraph_model import ParagraphColumn, ParagraphListModel
from .quote_strip import QuoteStrip


class DraftPane(QWidget):
    """The working draft: show_review, reload, reveal(paragraph key), current_key()."""

    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.TERMS,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.MINUTES,
            Topic.WITNESSES,
            Topic.EVIDENCE,
            Topic.NOTES,
            Topic.RECOMMENDATIONS,
            Topic.REPORT,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDraft")
        self.workspace = workspace
        self.service = workspace.services.report_paragraphs
        self.review_id: int | None = None
        self.place: str | None = None
        self._reveal: str | None = None  # the paragraph to choose after the next read

        self.outline = OutlineModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("reportOutline")
        self.tree.setAccessibleName(self.tr("Report outline"))
        self.tree.setModel(self.outline)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(OutlineColumn.SECTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            OutlineColumn.PARAGRAPHS, QHeaderView.ResizeMode.ResizeToContents
        )
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._on_section_chosen())

        self.strip = QuoteStrip()
        self.strip.chosen.connect(self.reveal)
        self.model = ParagraphListModel(self)
        self.view = record_table(
            self.model,
            self.tr("Paragraphs"),
            {int(c): FIT for c in ParagraphColumn} | {int(ParagraphColumn.TEXT): STRETCH},
        )
        self.view.setObjectName("reportParagraphs")
        add_history(self.view, workspace, "report_paragraphs", self.current_entry)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._on_paragraph_chosen())
        self.section_label = QLabel()
        self.section_label.setObjectName("reportSectionTitle")
        self.section_label.setWordWrap(True)
        self.editor = ParagraphEditor()
        self.at_hand = AtHandPane()
        self.edits = ParagraphActions(self)
        self.at_hand.cite.connect(self.edits.cites.cite_at_hand)

        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.section_label)
        column.addWidget(caption(self.tr("&Paragraphs"), self.view))
        column.addLayout(action_buttons(self.edits.list_actions()))
        column.addWidget(self.view, 1)
        column.addWidget(self.editor, 1)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(caption(self.tr("&Outline"), self.tree))
        left_column.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.at_hand)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([340, 600, 280])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.strip)
        layout.addWidget(self.splitter, 1)
        self._show(None, (), None)

    # The page's promises ---------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        if review_id != self.review_id:
            self.edits.flush()
            self.place = None
        self.review_id = review_id
        self._read(self.place)

    def reload(self, topics: Topics) -> None:
        del topics  # every topic shown changes the outline, numbers or what is at hand
        self._read(self.place)

    def reveal(self, key: str) -> bool:
        """Choose the paragraph with that key (its section first); False if none."""
        if self.review_id is None:
            return False
        try:
            entry = self.service.paragraph(self.service.id_for(self.review_id, key))
        except NotFoundError:
            return False
        self._reveal = key  # chosen once what is read next is shown
        self._read(entry.place, held=True)
        return True

    def current_key(self) -> str | None:
        """The key of the paragraph chosen, None when none is."""
        entry = self.current_entry()
        return None if entry is None else entry.key

    def current_entry(self) -> ParagraphEntry | None:
        return self.model.entry(self.view.currentIndex().row())

    # Reading ---------------------------------------------------------------------------

    def _read(self, place: str | None, *, held: bool = False) -> None:
        """Read the outline, the section ``place`` (None: the first), its paragraphs,
        what is at hand and the quote flags again, off the GUI thread."""
        review_id = self.review_id
        if review_id is None:
            self.outline.set_places((), 0)
            self._show(None, (), None)
            self.strip.show_flags([])
            return
        keep = self.current_key()
        self.workspace.runner.submit(
            partial(read_draft, self.service, review_id, place, held=held),
            partial(self._apply, review_id, keep),
            self._failed,
            key="report-draft",
        )

    def _apply(self, review_id: int, keep: str | None, read: DraftRead) -> None:
        if review_id != self.review_id:
            return  # another review is shown now
        keep, self._reveal = self._reveal or keep, None
        selection = self.tree.selectionModel()
        selection.blockSignals(True)
        self.outline.set_places(read.places, read.unplaced)
        self.tree.expandAll()
        if read.place is not None:
            selection.setCurrentIndex(
                self.outline.index_of(read.place),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        selection.blockSignals(False)
        self.model.set_flags(read.flags)
        self.strip.show_flags(read.flagged)
        self._show(read.place, read.entries, read.at_hand, keep)

    def _failed(self, error: Exception) -> None:
        self.workspace.report_error(self.tr("The report could not be read"), error)

    def _on_section_chosen(self) -> None:
        """The clerk chose another section: what was typed is saved first."""
        self.edits.flush()
        place = self.outline.place_of(self.tree.currentIndex())
        if place is None:  # a chapter written only in its sections (the introduction)
            self._show(None, (), None)
        else:
            self._read(place)

    def _show(
        self,
        place: str | None,
        entries: tuple[ParagraphEntry, ...],
        at_hand: AtHand | None,
        keep: str | None = None,
    ) -> None:
        self.place = place
        self.model.set_paragraphs(entries)
        label = self.tree.currentIndex().data() if place else None
        self.section_label.setText(
            self.tr("Choose a chapter or section of the outline to write in it")
            if place is None
            else self.tr("Writing in: {section}").format(section=one_line(str(label), 150))
        )
        self.section_label.setToolTip(str(label) if place else "")
        self.at_hand.show_at_hand(at_hand)
        self.at_hand.setVisible(at_hand is not None)
        self.view.selectionModel().blockSignals(True)
        if keep is None or not self._choose_row(keep):
            self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.selectionModel().blockSignals(False)
        self._show_paragraph()

    def _choose_row(self, key: str) -> bool:
        row = self.model.row_of(key)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))
        return True

    def _on_paragraph_chosen(self) -> None:
        """The clerk chose another paragraph: what was typed in the last is saved."""
        self.edits.flush()
        self._show_paragraph()

    def _show_paragraph(self) -> None:
        entry = self.current_entry()
        # Text typed and not yet saved stays while the same paragraph is read again.
        typing = self.edits.commits.waiting is not None
        shown = self.editor.entry
        same = entry is not None and shown is not None and shown.key == entry.key
        self.editor.show_entry(entry, keep_text=typing and same)
        self.editor.set_read_only(self.workspace.read_only)
        self.at_hand.can_cite = self.current_entry() is not None and not self.workspace.read_only
        self.at_hand.update_button()
        self.edits.update()

    def hideEvent(self, event: QHideEvent) -> None:
        self.edits.flush()  # switching page loses nothing
        super().hideEvent(event)
