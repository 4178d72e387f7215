"""History…: who changed one record, what and when, newest first.

A window beside the page, not in its way: it stays open while the clerk works, reads
the record's trail again after every change (each adds to the trail, whatever topics
it reports),
and remembers its size and place. The trail is read on a worker thread; a record's
trail is short, so it is read whole. The record's present label heads it, since the
trail itself keeps no words of the record (a deleted record says so).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout

from ...domain.topics import Topics
from ..shared.fields import remember_geometry
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .trail_model import TrailColumn, TrailModel, kind_title, trail_rows
from .trail_words import TrailRow


class HistoryDialog(QDialog):
    def __init__(self, workspace: Workspace, record_kind: str, record_id: int) -> None:
        super().__init__(workspace.window)
        self.setObjectName("historyDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace = workspace
        self.record_kind = record_kind
        self.record_id = record_id
        audit = workspace.services.audit
        kind = kind_title(audit, record_kind)
        label = audit.label(record_kind, record_id)
        self.setWindowTitle(self.tr("History of {record}").format(record=label or kind))

        self.model = TrailModel(self)
        self.view = record_table(
            self.model,
            self.tr("History of {kind}: {label}").format(kind=kind, label=label),
            {
                TrailColumn.WHEN: FIT,
                TrailColumn.WHO: FIT,
                TrailColumn.ACTION: FIT,
                TrailColumn.DETAIL: STRETCH,
            },
        )
        self.view.setObjectName("historyView")
        self.view.setColumnHidden(TrailColumn.RECORD, True)
        self.view.horizontalHeader().setSectionResizeMode(
            TrailColumn.RECORD, QHeaderView.ResizeMode.Interactive
        )
        self.heading = QLabel(f"{kind}: {label}" if label else kind)
        self.heading.setObjectName("historyHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(caption(self.tr("&Changes, newest first"), self.view))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.resize(720, 420)
        settings = workspace.settings
        remember_geometry(
            self,
            lambda: settings.history_dialog_geometry,
            lambda g: setattr(settings, "history_dialog_geometry", g),
        )
        workspace.editor.changed.connect(self._on_data_changed)
        self.load()

    def shows(self, record_kind: str, record_id: int) -> bool:
        return (record_kind, record_id) == (self.record_kind, self.record_id)

    def load(self) -> None:
        """Read the record's trail again (on a worker)."""
        audit = self.workspace.services.audit
        kind, record_id = self.record_kind, self.record_id
        self.workspace.runner.submit(
            lambda: trail_rows(audit, audit.history(kind, record_id)),
            self._on_loaded,
            self._load_failed,
            key=f"history-{id(self)}",
        )

    def _load_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The history could not be read"), exc)

    def _on_loaded(self, rows: list[TrailRow]) -> None:
        self.model.set_records(rows)
        if not rows:
            self.summary.setText(self.tr("Nothing has been recorded for this record yet."))
        else:
            count = (
                self.tr("%n entry.", "", len(rows))
                if len(rows) == 1
                else self.tr("%n entries.", "", len(rows))
            )
            self.summary.setText(
                " ".join([count, self.tr("Times are in this computer's local time.")])
            )
        if rows and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, TrailColumn.WHEN))

    def _on_data_changed(self, topics: Topics) -> None:
        if topics:  # every write adds to the trail, whatever topics it reports
            self.load()

    def done(self, result: int) -> None:
        self.workspace.editor.changed.disconnect(self._on_data_changed)
        super().done(result)
