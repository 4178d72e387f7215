"""The reports pane under the Agenda tab's table: the reports the selected item
considers, which its agenda pack prints after the agenda.

Attach PDF… holds a PDF file with the item; From Evidence Register… prints a piece of
evidence's own PDF; Rename (F2 on the title), Remove, Move Up and Move Down, and
"Late (supplementary pack)" for a report not ready when the agenda was published. Each
is one undo step (``report_steps``) calling ``services.reports``; attaching runs on the
task runner (the file is read and checked there). A file that is not a PDF, is damaged
or is over the limit is refused with the service's message, which names it, and
nothing is added. Tests replace ``choose_files`` (no file dialog).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..shared.export_reads import export_folder
from ..shared.tables import FIT, STRETCH, record_table
from ..shared.workspace import Workspace
from .report_steps import (
    AttachEvidenceReport,
    AttachReport,
    MoveReport,
    RemoveReport,
    RenameReport,
    SetReportLate,
)
from .reports_model import ReportColumn, ReportsModel

if TYPE_CHECKING:
    from ...domain.agenda_records import ItemRecord
    from ...domain.report_records import ReportEntry
    from .evidence_report_dialog import EvidenceReportDialog

#: Asks for PDF files to attach (parent, title, where to start); [] when cancelled.
FileChooser = Callable[[QWidget, str, Path], list[Path]]


def ask_pdf_files(parent: QWidget, title: str, start: Path) -> list[Path]:
    chosen, _filter = QFileDialog.getOpenFileNames(
        parent,
        title,
        str(start),
        QCoreApplication.translate("ReportsPane", "PDF (*.pdf);;All files (*)"),
    )
    return [Path(c) for c in chosen]


class ReportsPane(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsPane")
        self.workspace = workspace
        self.choose_files: FileChooser = ask_pdf_files
        self.evidence_dialog: EvidenceReportDialog | None = None  # the one open, for tests
        self._item: ItemRecord | None = None
        self._all: list[ReportEntry] = []
        self._writable = False
        self._select_key: str | None = None

        self.model = ReportsModel(self)
        self.model.rename_requested.connect(self._on_rename_requested)
        self.view = record_table(
            self.model,
            self.tr("Reports of the selected item"),
            {ReportColumn.TITLE: STRETCH, ReportColumn.SOURCE: STRETCH, ReportColumn.LATE: FIT},
        )
        self.view.setObjectName("reportsView")
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.caption = QLabel()
        self.caption.setObjectName("reportsCaption")
        self.caption.setBuddy(self.view)

        self.attach_action = self._action(
            "attachReport",
            self.tr("Attach &PDF…"),
            self.tr("Hold a PDF with the item"),
            self.attach_files,
        )
        self.evidence_action = self._action(
            "reportFromEvidence",
            self.tr("Fr&om Evidence Register…"),
            self.tr("Print a piece of evidence's PDF as one of the item's reports"),
            self.attach_evidence,
        )
        self.rename_action = self._action(
            "renameReport",
            self.tr("Re&name"),
            self.tr("Change the report's title"),
            self.rename,
        )
        self.remove_action = self._action(
            "removeReport",
            self.tr("Remove"),
            self.tr("Take the report off the item (evidence stays in the register)"),
            self.remove,
        )
        self.up_action = self._action(
            "moveReportUp",
            self.tr("Ear&lier"),
            self.tr("Print the report earlier"),
            partial(self.move_report, -1),
        )
        self.down_action = self._action(
            "moveReportDown",
            self.tr("La&ter"),
            self.tr("Print the report later"),
            partial(self.move_report, 1),
        )
        self.late_action = self._action(
            "lateReport",
            self.tr("Late (supplementar&y pack)"),
            self.tr("Not ready when the agenda was published: print it in the supplementary pack"),
            self.toggle_late,
        )
        self.late_action.setCheckable(True)
        self.rename_action.setShortcut(QKeySequence("F2"))
        self.rename_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        buttons.addWidget(self.caption, 1)
        for action in self.actions():
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            buttons.addWidget(button)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(self.actions())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.show_item(None, False)

    def _action(self, name: str, text: str, tip: str, slot: Callable[[], Any]) -> QAction:
        made = QAction(text, self)
        made.setObjectName(name)
        made.setStatusTip(tip)
        made.setToolTip(tip)
        made.triggered.connect(lambda _checked=False: slot())
        self.addAction(made)
        return made

    # What is shown --------------------------------------------------------------------

    def set_reports(self, reports: Sequence[ReportEntry]) -> None:
        """Every report of the meeting shown, as last read."""
        self._all = list(reports)
        self._refresh()

    def show_item(self, item: ItemRecord | None, writable: bool) -> None:
        if item is None or self._item is None or item.key != self._item.key:
            self._select_key = None
        self._item, self._writable = item, writable
        self._refresh()

    def current_report(self) -> ReportEntry | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.entry(index.row())

    def _refresh(self) -> None:
        item = self._item
        current = self.current_report()
        wanted = self._select_key or (current.key if current else None)
        rows = [r for r in self._all if item is not None and r.item_key == item.key]
        self.model.editable = self._writable
        self.model.set_rows(sorted(rows, key=lambda r: r.position))
        if item is None:
            self.caption.setText(self.tr("Reports: choose an item"))
        elif rows:
            self.caption.setText(
                self.tr("Reports of item {number}, printed after the agenda:").format(
                    number=item.number
                )
            )
        else:
            self.caption.setText(
                self.tr("Item {number} has no reports: attach the PDFs it considers.").format(
                    number=item.number
                )
            )
        row = self.model.row_of_key(wanted) if wanted else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, ReportColumn.TITLE))
            if self._select_key == wanted:
                self._select_key = None
        elif self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, ReportColumn.TITLE))
        self.update_actions()

    def update_actions(self) -> None:
        can = self._writable and self._item is not None
        report = self.current_report()
        row = self.view.currentIndex().row() if report else -1
        self.attach_action.setEnabled(can)
        self.evidence_action.setEnabled(can)
        for made in (self.rename_action, self.remove_action, self.late_action):
            made.setEnabled(can and report is not None)
        self.late_action.setChecked(report is not None and report.late)
        self.up_action.setEnabled(can and row > 0)
        self.down_action.setEnabled(can and 0 <= row < self.model.rowCount() - 1)

    # Actions --------------------------------------------------------------------------

    def attach_files(self, paths: Sequence[Path] | None = None) -> None:
        item = self._item
        if item is None or not self.attach_action.isEnabled():
            return
        if paths is None:
            paths = self.choose_files(
                self.window(),
                self.tr("Attach Reports to “{title}”").format(title=item.title),
                export_folder(self.workspace.settings),
            )
        for path in paths:
            self.workspace.editor.perform_later(
                self.workspace.runner,
                AttachReport(self.workspace.services, item, Path(path)),
                on_done=self._follow,
                on_refused=lambda _problems: None,  # the service's message was shown
            )

    def attach_evidence(self) -> None:
        from .evidence_report_dialog import EvidenceReportDialog

        item = self._item
        if item is None or not self.evidence_action.isEnabled():
            return
        evidence = self.workspace.services.evidence.list(item.review_id)
        dialog = EvidenceReportDialog(self.window(), self.workspace.settings, item.title, evidence)
        self.evidence_dialog = dialog

        def chosen() -> None:
            entry = dialog.chosen()
            if entry is not None:
                step = AttachEvidenceReport(self.workspace.services, item, entry.id, entry.title)
                self.workspace.editor.perform_later(  # the evidence's PDF is checked there
                    self.workspace.runner,
                    step,
                    on_done=self._follow,
                    on_refused=lambda _problems: None,  # the service's message was shown
                )

        dialog.accepted.connect(chosen)
        dialog.finished.connect(lambda _r: setattr(self, "evidence_dialog", None))
        dialog.open()

    def rename(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.rename_action.isEnabled():
            title = self.model.index(index.row(), ReportColumn.TITLE)
            self.view.setCurrentIndex(title)
            self.view.edit(title)

    def remove(self) -> None:
        report = self.current_report()
        if report is not None and self._item is not None and self.remove_action.isEnabled():
            self.workspace.editor.perform(RemoveReport(self.workspace.services, self._item, report))

    def move_report(self, step: int) -> None:
        report = self.current_report()
        if report is None or self._item is None or not self._writable:
            return
        position = report.position + step
        if 0 <= position < self.model.rowCount():
            self._select_key = report.key
            services = self.workspace.services
            self.workspace.editor.perform(MoveReport(services, self._item, report, position))

    def toggle_late(self) -> None:
        report = self.current_report()
        if report is None or self._item is None or not self._writable:
            self.update_actions()
            return
        self._select_key = report.key
        step = SetReportLate(self.workspace.services, self._item, report, not report.late)
        self.workspace.editor.perform(step)
        self.update_actions()

    def _on_rename_requested(self, report: ReportEntry, title: str) -> None:
        if self._item is not None and self._writable:
            self._select_key = report.key
            step = RenameReport(self.workspace.services, self._item, report, title)
            self.workspace.editor.perform(step)

    def _follow(self, entry: object) -> None:
        from ...domain.report_records import ReportEntry

        if isinstance(entry, ReportEntry):
            self._select_key = entry.key
            self._refresh()
