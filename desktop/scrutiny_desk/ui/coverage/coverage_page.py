"""The Coverage page: the terms of reference against the sources, and the gaps.

The matrix loads through the task runner (a review may hold 100,000 notes), only
while the page is shown (changes made elsewhere are counted when it is next shown),
for the audience chosen: Panel (everything, closed material counted) or Public (what the
public version of the report counts). Moving to a cell, by click or arrow keys, or
Enter on it, lists the cell's notes below, fetched in pages; a double-click (or
Enter) on a note asks the main window to go to it. "Export Coverage Report…" asks
for the audience and the file and writes the PDF off the GUI thread, as the other
exports do.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QRadioButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.topics import Topic, Topics
from ...domain.views import Audience, CoverageView, SourceKind
from ..shared.common import action_buttons
from ..shared.export_choices import ExportChoice
from ..shared.export_dialog import ExportDialog
from ..shared.exports import open_with_system_viewer
from ..shared.report_export import ReportExport
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .coverage_model import (
    CellNotesModel,
    CoverageColumn,
    CoverageModel,
    NoteIdsRole,
)

_TASK = "coverage-matrix"


class CoveragePage(ReportExport, QWidget):
    """A Page (see ``ui.shared.workspace``): show_review, reload and reveal."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.TERMS,
            Topic.NOTES,
            Topic.EVIDENCE,
            Topic.MEETINGS,
            Topic.WITNESSES,
            Topic.AGENDA,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coveragePage")
        self.workspace = workspace
        self._review_id: int | None = None
        self._cell: tuple[str, str] | None = None  # (row key, column id) to keep on reload
        self._stale = False  # data changed while hidden: count again when shown
        self.dialog: ExportDialog | None = None  # the one open, for tests
        self.opener = open_with_system_viewer

        self.model = CoverageModel(self)
        self.view = QTableView()
        self.view.setObjectName("coverageMatrix")
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Coverage matrix"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        rows = self.view.verticalHeader()  # the terms of reference: in view when scrolling
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setHighlightSections(False)  # bold marks an objective, not the current row
        header = self.view.horizontalHeader()
        header.setHighlightSections(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(110)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.activated.connect(self._on_cell_activated)

        self.summary = QLabel()
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)

        self.panel_radio = QRadioButton(self.tr("&Panel: all material"))
        self.panel_radio.setAccessibleName(self.tr("Panel: count open and closed material"))
        self.public_radio = QRadioButton(self.tr("P&ublic: open material only"))
        self.public_radio.setAccessibleName(self.tr("Public: count only open material"))
        self.panel_radio.setChecked(True)
        self._audiences = QButtonGroup(self)
        self._audiences.addButton(self.panel_radio)
        self._audiences.addButton(self.public_radio)
        self._audiences.buttonToggled.connect(self._on_audience_toggled)

        self.export_action = QAction(self.tr("&Export Coverage Report…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action.setToolTip(
            self.tr("Save the coverage report as a PDF, for the public or for the panel")
            + " (Ctrl+Shift+E)"
        )
        self.export_action.triggered.connect(lambda _checked=False: self.export_report())
        self.addAction(self.export_action)

        self.notes_model = CellNotesModel(workspace.runner, workspace.services.notes.entries, self)
        self.notes_view = record_table(
            self.notes_model,
            self.tr("Notes in the chosen cell"),
            {0: FIT, 1: STRETCH, 2: FIT, 6: FIT},
        )
        for column in (3, 4, 5):
            self.notes_view.horizontalHeader().resizeSection(column, 135)
        self.notes_view.setObjectName("coverageNotes")
        self.notes_view.activated.connect(self._on_note_activated)
        self.notes_caption = caption(self.tr("&Notes"), self.notes_view)
        self.notes_label = QLabel(self.tr("Choose a cell to list its notes."))
        self.notes_label.setObjectName("coverageNotesLabel")
        self.notes_label.setWordWrap(True)

        top = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(caption(self.tr("&Coverage of the terms of reference"), self.view))
        heading.addStretch(1)
        heading.addWidget(QLabel(self.tr("Count for:")))
        heading.addWidget(self.panel_radio)
        heading.addWidget(self.public_radio)
        top.addLayout(heading)
        top.addWidget(self.summary)
        top.addWidget(self.view, 1)
        top.addLayout(action_buttons([self.export_action]))
        upper = QWidget()
        upper.setLayout(top)
        lower_layout = QVBoxLayout()
        lower_layout.addWidget(self.notes_caption)
        lower_layout.addWidget(self.notes_label)
        lower_layout.addWidget(self.notes_view, 1)
        lower = QWidget()
        lower.setLayout(lower_layout)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(upper)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.panel_radio, self.public_radio)
        self.setTabOrder(self.public_radio, self.view)
        self.setTabOrder(self.view, self.notes_view)
        self._update_actions()

    # Page protocol --------------------------------------------------------------------

    @property
    def audience(self) -> Audience:
        return Audience.PUBLIC if self.public_radio.isChecked() else Audience.PANEL

    def show_review(self, review_id: int | None) -> None:
        if review_id != self._review_id:
            self._cell = None
        self._review_id = review_id
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            self._load()

    def reveal(self, key: str) -> bool:
        """Go to the row of the term of reference with this key."""
        row = self.model.row_of_key(key)
        if row is None:
            return False
        index = self.model.index(row, CoverageColumn.NOTES)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    # Loading --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    def _load(self) -> None:
        review_id = self._review_id
        if review_id is None:
            self.workspace.runner.discard(_TASK)
            self._stale = False
            self._show(None)
            return
        if not self.isVisible():
            # Counting 100,000 notes takes a second: not after every note captured
            # while the clerk is on another page. The page counts when it is shown.
            self._stale = True
            return
        self._stale = False
        audience = self.audience
        coverage = self.workspace.services.coverage
        self.summary.setText(self.tr("Counting the notes…"))
        self.workspace.runner.submit(
            partial(coverage.matrix, review_id, audience),
            self._show,
            self._on_failed,
            key=_TASK,
        )

    def _show(self, view: CoverageView | None) -> None:
        keep = self._cell
        self.model.set_view(view)
        header = self.view.horizontalHeader()
        if view is not None:
            self.view.setColumnHidden(CoverageColumn.TOR, True)  # shown as the row headers
            header.resizeSection(CoverageColumn.NOTES, 130)
            header.resizeSection(CoverageColumn.ROLLED, 105)
            for column in range(CoverageColumn.FIRST_SOURCE, self.model.columnCount()):
                source = self.model.source(column)
                width = 96 if source is not None and source.kind is SourceKind.MEETING else 150
                header.resizeSection(column, width)
        self.summary.setText(self._summary(view))
        self._update_actions()
        if keep is not None and self._select_cell(*keep):
            return
        self.notes_model.show_ids(())
        self.notes_label.setText(self.tr("Choose a cell to list its notes."))

    def _summary(self, view: CoverageView | None) -> str:
        if view is None:
            return self.tr("No review is open.")
        if not view.rows:
            return self.tr("The review has no terms of reference yet.")
        gaps = len(view.gaps)
        covered = len(view.rows) - gaps
        text = self.tr("{notes} notes on {covered} of {items} terms of reference.").format(
            notes=view.notes, covered=covered, items=len(view.rows)
        )
        if gaps:
            text += " " + self.tr("{gaps} with no evidence yet.").format(gaps=gaps)
        if view.audience is Audience.PUBLIC:
            text += " " + self.tr("Public: counts only open material.")
        elif view.closed_notes:
            text += " " + self.tr("Includes {closed} closed notes.").format(
                closed=view.closed_notes
            )
        return text

    def _on_failed(self, exc: Exception) -> None:
        self.summary.setText(self.tr("The coverage could not be counted."))
        self.workspace.report_error(self.tr("The coverage could not be counted"), exc)

    def _on_audience_toggled(self, _button: QRadioButton, checked: bool) -> None:
        if checked:
            self._load()

    # Cells and notes ------------------------------------------------------------------

    def _column_id(self, column: int) -> str:
        source = self.model.source(column)
        return f"{source.kind.value}:{source.key}" if source is not None else f"#{column}"

    def _select_cell(self, row_key: str, column_id: str) -> bool:
        row = self.model.row_of_key(row_key)
        if row is None:
            return False
        for column in range(self.model.columnCount()):
            if self._column_id(column) == column_id:
                self.view.setCurrentIndex(self.model.index(row, column))
                return True
        return False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self._list_notes(current)

    def _on_cell_activated(self, index: QModelIndex) -> None:
        self._list_notes(index)
        if self.notes_model.rowCount():
            self.notes_view.setFocus()
            self.notes_view.setCurrentIndex(self.notes_model.index(0, 1))

    def _list_notes(self, index: QModelIndex) -> None:
        row = self.model.row(index.row())
        if row is None:
            return
        self._cell = (row.key, self._column_id(index.column()))
        ids = index.data(NoteIdsRole) or ()
        self.notes_model.show_ids(ids)
        text = " ".join(row.text.split())
        text = text if len(text) <= 90 else text[:89].rstrip() + "…"
        column = index.column()
        source = self.model.source(column)
        notes = self.model.notes_word(len(ids)) if ids else self.tr("No notes")
        if column in (CoverageColumn.ROLLED, CoverageColumn.TOR):
            where = self.tr("{number} and its sub-items")
        elif source is None:
            where = self.tr("{number} itself")
        else:
            label = self.model.headerData(column, Qt.Orientation.Horizontal).replace("\n", " · ")
            where = self.tr("{number} from {source}").replace("{source}", label)
        where = where.replace("{number}", row.number)
        label = (
            self.tr("{notes} on {where}: {text}")
            .replace("{notes}", notes)
            .replace("{where}", where)
            .replace("{text}", text)
        )
        if row.gap:
            plans = [
                (
                    self.tr("agenda item “{title}” at {source}, {date}")
                    if p.kind is SourceKind.MEETING
                    else self.tr("{title}: “{source}”, received {date}")
                )
                .replace("{title}", p.title)
                .replace("{source}", p.source)
                .replace("{date}", p.day.strftime("%d %b %Y") if p.day else "?")
                for p in row.planned
            ]
            label += "\n" + (
                self.tr("Planned: {plans}.").replace("{plans}", "; ".join(plans))
                if plans
                else self.tr("Nothing is planned for it yet: no agenda item or evidence names it.")
            )
        self.notes_label.setText(label)

    def _on_note_activated(self, index: QModelIndex) -> None:
        note = self.notes_model.record(index.row())
        reveal = getattr(self.workspace.window, "reveal", None)
        if note is not None and callable(reveal):
            reveal("note", note.key)

    # Export ---------------------------------------------------------------------------

    def _update_actions(self) -> None:
        self.export_action.setEnabled(self._review_id is not None and self.model.view is not None)

    def export_report(self) -> None:
        """Ask for the audience (public unless chosen) and the file, then save the PDF."""
        review_id = self._review_id
        view = self.model.view
        if review_id is None or view is None:
            return
        self.report_dialog(
            self.tr("Export Coverage Report"),
            view.review_title,
            self.tr("coverage"),
            partial(self._export, review_id),
        ).open()

    def _export(self, review_id: int, choice: ExportChoice) -> None:
        path = choice.path
        if path is None:
            return
        self.save_report(
            partial(self.workspace.services.coverage.export_pdf, review_id, choice.audience, path),
            path,
            self.tr("Saved panel coverage report to {path}.")
            if choice.audience is Audience.PANEL
            else self.tr("Saved coverage report to {path}."),
            self.tr("The coverage report could not be exported"),
        )
