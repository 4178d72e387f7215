"""The Follow-up page: one table of the recommendations being followed up and the
actions agreed at meetings, for the monitoring stage after the report.

Sorted by due date (soonest first) unless the clerk clicks another heading; "Overdue
only" keeps what is late. Opening a row (Enter or double-click) goes to the
recommendation, or to the meeting that agreed the action, through the window's
``reveal``. "Export Action Plan…" asks for the audience (public by
default) and the file, and writes the PDF off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...domain.recommendation_records import TrackerKind, TrackerRow
from ...domain.topics import Topic, Topics
from ...domain.views import Audience
from ..shared.common import action_buttons
from ..shared.export_choices import ExportChoice
from ..shared.export_dialog import ExportDialog
from ..shared.exports import open_with_system_viewer
from ..shared.report_export import ReportExport
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .tracker_model import TrackerColumn, TrackerFilterModel, TrackerModel

Opener = Callable[[Path], bool]


class TrackerPage(ReportExport, QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.RECOMMENDATIONS,
            Topic.ACTIONS,
            Topic.MEETINGS,
            Topic.MINUTES,
            Topic.REPORT,  # the date the report went, from which responses are due
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trackerPage")
        self.workspace = workspace
        self.service = workspace.services.recommendations
        #: What "today" is, for overdue (tests set a fixed day).
        self.today: Callable[[], date] = date.today
        self.opener: Opener = open_with_system_viewer  # tests replace it
        self._review_id: int | None = None
        self.dialog: ExportDialog | None = None  # the one open, for tests

        self.model = TrackerModel(self)
        self.proxy = TrackerFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = record_table(
            self.proxy,
            self.tr("Follow-up of recommendations and actions"),
            {
                TrackerColumn.REFERENCE: FIT,
                TrackerColumn.TEXT: STRETCH,
                TrackerColumn.WHO: FIT,
                TrackerColumn.DUE: FIT,
                TrackerColumn.STATUS: FIT,
                TrackerColumn.PROGRESS: STRETCH,
            },
        )
        self.view.setObjectName("trackerView")
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(TrackerColumn.WHO, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TrackerColumn.WHO, 170)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(TrackerColumn.DUE, Qt.SortOrder.AscendingOrder)
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_actions())

        self.overdue_check = QCheckBox(self.tr("&Overdue only"))
        self.overdue_check.setAccessibleName(self.tr("Show overdue follow-ups only"))
        self.overdue_check.setToolTip(
            self.tr("Show only what is past its due date and not yet done (Alt+O)")
        )
        self.overdue_check.toggled.connect(self._on_overdue_toggled)
        self.open_action = QAction(self.tr("O&pen"), self)
        self.open_action.setStatusTip(
            self.tr("Go to the recommendation, or to the meeting that agreed the action")
        )
        self.open_action.setToolTip(self.open_action.statusTip() + " (Enter)")
        self.open_action.triggered.connect(lambda _c=False: self.open_current())
        self.export_action = QAction(self.tr("E&xport Action Plan…"), self)
        self.export_action.setStatusTip(
            self.tr("Save the action plan as a PDF, for the public or for the panel")
        )
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.export_action.setToolTip(self.export_action.statusTip() + " (Ctrl+Shift+E)")
        self.export_action.triggered.connect(lambda _c=False: self.export_action_plan())
        self.addAction(self.export_action)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.open_action, self.export_action])

        self.summary = QLabel()
        self.summary.setObjectName("trackerSummary")
        top = QHBoxLayout()
        top.addWidget(caption(self.tr("Follow-&up"), self.view))
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        buttons = action_buttons([self.open_action, None, self.export_action])
        buttons.insertWidget(0, self.overdue_check)
        buttons.insertSpacing(1, 12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.setTabOrder(self.overdue_check, self.view)
        self._update_actions()

    # Page protocol ------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        if review_id is None:
            self.workspace.runner.discard("tracker")
            self.model.set_rows([])
            self._show_summary()
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            self._load()

    # What is shown ------------------------------------------------------------------

    def current_row(self) -> TrackerRow | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select(self, kind: TrackerKind, key: str) -> bool:
        row = self.model.row_of(kind, key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TrackerColumn.TEXT))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        return True

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        self.workspace.runner.submit(
            partial(self.service.tracker, review_id, self.today()),
            partial(self._on_loaded, review_id),
            self._load_failed,
            key="tracker",
        )

    def _load_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The follow-ups could not be read"), exc)

    def _on_loaded(self, review_id: int, rows: list[TrackerRow]) -> None:
        if review_id != self._review_id:
            return
        current = self.current_row()
        self.model.set_rows(rows)
        if current is not None:
            self.select(current.kind, current.key)
        self._show_summary()
        self._update_actions()

    def _show_summary(self) -> None:
        rows = self.model.records()
        if self._review_id is None:
            self.summary.clear()
            return
        if not rows:
            self.summary.setText(
                self.tr("Nothing to follow up yet: agree recommendations or actions first.")
            )
            return
        overdue = sum(1 for r in rows if r.overdue)
        recs = sum(1 for r in rows if r.kind is TrackerKind.RECOMMENDATION)
        text = self._counted(recs, len(rows) - recs)
        if self.proxy.overdue_only:
            text = self.tr("{n} overdue shown of {all}").format(n=overdue, all=text)
        elif overdue:
            text += " · " + self.tr("{n} overdue").format(n=overdue)
        self.summary.setText(text)

    def _counted(self, recs: int, actions: int) -> str:
        """ "1 recommendation and 2 actions". Plurals written here until the domain
        words module has them."""
        return self.tr("{recs} and {actions}").format(
            recs=(
                self.tr("1 recommendation")
                if recs == 1
                else self.tr("{n} recommendations").format(n=recs)
            ),
            actions=(
                self.tr("1 action") if actions == 1 else self.tr("{n} actions").format(n=actions)
            ),
        )

    def _on_overdue_toggled(self, checked: bool) -> None:
        self.proxy.set_overdue_only(checked)
        self._show_summary()
        self._update_actions()

    def _update_actions(self) -> None:
        self.open_action.setEnabled(self.current_row() is not None)
        self.export_action.setEnabled(self._review_id is not None)

    # Opening ------------------------------------------------------------------------

    def open_current(self) -> None:
        row = self.current_row()
        if row is None:
            return
        kind, key = (
            ("recommendation", row.key)
            if row.kind is TrackerKind.RECOMMENDATION
            else ("meeting", row.meeting_key or "")
        )
        if key:
            self.workspace.reveal(kind, key)

    # The action plan ------------------------------------------------------------------

    def export_action_plan(self) -> None:
        review_id = self._review_id
        if review_id is None or not self.export_action.isEnabled():
            return
        title = next(
            (r.title for r in self.workspace.services.reviews.list() if r.id == review_id), ""
        )
        dialog = self.report_dialog(
            self.tr("Export Action Plan"),
            title,
            self.tr("action plan"),
            partial(self._export, review_id),
        )
        dialog.panel_radio.setText(self.tr("Pa&nel (includes draft recommendations)"))
        dialog.panel_warning.setText(
            self.tr(
                "The panel's copy includes the draft recommendations, marked as drafts, "
                "and every page says so. Keep it within the panel and its officers."
            )
        )
        dialog.open()

    def _export(self, review_id: int, choice: ExportChoice) -> None:
        path = choice.path
        if path is None:
            return
        self.save_report(
            partial(
                self.service.export_action_plan, review_id, choice.audience, path, self.today()
            ),
            path,
            self.tr("Saved panel action plan (with drafts) to {path}.")
            if choice.audience is Audience.PANEL
            else self.tr("Saved action plan to {path}."),
            self.tr("The action plan could not be exported"),
        )
