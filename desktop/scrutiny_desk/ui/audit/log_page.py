"""The Audit Log page: the review's whole trail, newest first, with filters.

The trail only grows, so it is read bounded: the newest ``STEP`` entries the filters
allow (``AuditQuery.limit``), on a worker thread, with their records' words; "Load
More" reads that many more. A change to a filter reads again; the words typed filter
the entries read at once. The page reads again after any change while it is in view
(every topic: each write adds to the trail) and whenever it comes into view (an export
is no edit, but is in the trail), keeping the entry chosen. Opening an entry (Enter,
double-click, Show Record) shows its record on its page, where it has one; History…
shows that record's own trail.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.audit_records import AuditQuery
from ...domain.topics import Topic, Topics
from ..shared.common import action_buttons, page_action
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .history_action import HistoryAction, Target
from .log_filters import LogFilters
from .record_keys import REVEAL_KIND, record_key
from .trail_model import TrailColumn, TrailModel, kind_title, trail_rows
from .trail_words import TrailRow

if TYPE_CHECKING:
    from ...services.audit import AuditService

#: How many entries are read at a time.
STEP = 500

Loaded = tuple[list[TrailRow], list[str], list[tuple[str, str]]]


def read_log(audit: AuditService, query: AuditQuery) -> Loaded:
    """The entries the query allows, with their records' words, and the people and
    kinds of record the review's trail holds (worker thread)."""
    assert query.review_id is not None
    rows = trail_rows(audit, audit.review_log(query))
    kinds = [(kind, kind_title(audit, kind)) for kind in audit.kinds(query.review_id)]
    return rows, list(audit.actors(query.review_id)), kinds


class AuditLogPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: Every write adds to the trail, whatever topics it reports: all of them.
    TOPICS: ClassVar[Topics] = frozenset(Topic)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogPage")
        self.workspace = workspace
        self._review_id: int | None = None
        self._limit = STEP
        self._more = False

        self.filters = LogFilters()
        self.filters.changed.connect(self._on_filter_changed)
        self.model = TrailModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(TrailColumn.RECORD)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filters.words_changed.connect(self._on_words_changed)
        self.view = record_table(
            self.proxy,
            self.tr("Audit log of the review"),
            {
                TrailColumn.WHEN: FIT,
                TrailColumn.WHO: FIT,
                TrailColumn.ACTION: FIT,
                TrailColumn.RECORD: STRETCH,
                TrailColumn.DETAIL: STRETCH,
            },
        )
        self.view.setObjectName("auditLogView")
        self.view.activated.connect(lambda _index: self.open_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._update_actions())

        self.open_action = page_action(
            self,
            self.tr("Show Re&cord"),
            self.tr("Show the entry's record on its page (Enter)"),
            self.open_current,
        )
        self.history_action = HistoryAction(workspace, self.view, self._current_target)
        self.history_action.setObjectName("auditLogHistoryAction")
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.open_action, self.history_action])
        self.more_button = QPushButton(self.tr("&Load More"))
        self.more_button.setObjectName("auditLogMore")
        self.more_button.setToolTip(self.tr("Read the next {n} older entries").format(n=STEP))
        self.more_button.clicked.connect(self.show_more)
        self.summary = QLabel()
        self.summary.setObjectName("auditLogSummary")
        self.summary.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(caption(self.tr("Au&dit log"), self.view))
        top.addSpacing(12)
        top.addWidget(self.summary, 1)
        buttons = action_buttons([self.open_action, self.history_action])
        buttons.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self._update_actions()

    # Page protocol ------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        self._limit = STEP
        if review_id is None:
            self.workspace.runner.discard("audit-log")
            self.model.set_records([])
            self._show_summary()
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        """Read again whenever it comes into view: an export adds to the trail but is
        no edit, so no page is told of it (a newer read supersedes this one)."""
        super().showEvent(event)
        if self._review_id is not None:
            self._load()

    # What is shown ------------------------------------------------------------------

    def current_row(self) -> TrailRow | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of_id(entry_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, TrailColumn.WHEN))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        return True

    def show_more(self) -> None:
        """Read ``STEP`` more of the older entries."""
        self._limit += STEP
        self._load()

    def open_current(self) -> bool:
        """Show the chosen entry's record on its page; False (said in the status bar)
        when it has none, or has gone."""
        row = self.current_row()
        if row is None or self._review_id is None:
            return False
        entry = row.entry
        kind = REVEAL_KIND.get(entry.record_kind)
        if kind is None or entry.record_id is None:
            self.workspace.say(
                self.tr("{record} has no page to show it on.").format(record=row.record)
            )
            return False
        key = record_key(self.workspace.services, entry.record_kind, entry.record_id)
        if key is None:
            self.workspace.say(
                self.tr("{record} is no longer there: it may have been deleted.").format(
                    record=row.record
                )
            )
            return False
        return self.workspace.reveal(kind, key)

    def _current_target(self) -> Target | None:
        row = self.current_row()
        if row is None or row.entry.record_id is None:
            return None
        return row.entry.record_kind, row.entry.record_id

    # Reading --------------------------------------------------------------------------

    def _on_filter_changed(self) -> None:
        self._limit = STEP
        if self._review_id is not None:
            self._load()

    def _on_words_changed(self, words: str) -> None:
        self.proxy.setFilterFixedString(words.strip())
        if not self.view.currentIndex().isValid():
            self._choose_first()
        self._show_summary()
        self._update_actions()

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        query = self.filters.query(review_id, self._limit)
        self.workspace.runner.submit(
            partial(read_log, self.workspace.services.audit, query),
            partial(self._on_loaded, query),
            self._load_failed,
            key="audit-log",
        )

    def _load_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The audit log could not be read"), exc)

    def _on_loaded(self, query: AuditQuery, loaded: Loaded) -> None:
        if query.review_id != self._review_id:
            return
        rows, people, kinds = loaded
        current = self.current_row()
        self.filters.set_choices(people, kinds)
        self.model.set_records(rows)
        self._more = len(rows) >= query.limit
        if current is None or not self.select_entry(current.id):
            self._choose_first()
        self._show_summary()
        self._update_actions()

    def _choose_first(self) -> None:
        """The newest entry shown is chosen, so Show Record and History… work at once."""
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, TrailColumn.WHEN))

    def _show_summary(self) -> None:
        read, shown = self.model.rowCount(), self.proxy.rowCount()
        if self._review_id is None:
            self.summary.clear()
        elif read == 0:
            self.summary.setText(
                self.tr("No entries match these filters.")
                if self.filters.is_filtered()
                else self.tr("Nothing has been recorded for this review yet.")
            )
        else:
            count = (
                self.tr("%n entry, newest first.", "", read)
                if read == 1
                else self.tr("%n entries, newest first.", "", read)
            )
            parts = [count]
            if shown != read:
                parts.append(self.tr("{shown} with that name.").format(shown=shown))
            if self._more:
                parts.append(self.tr("Load More reads older ones."))
            self.summary.setText(" ".join(parts))

    def _update_actions(self) -> None:
        row = self.current_row()
        self.open_action.setEnabled(
            row is not None
            and row.entry.record_kind in REVEAL_KIND
            and row.entry.record_id is not None
        )
        self.history_action.setEnabled(row is not None and row.entry.record_id is not None)
        self.more_button.setEnabled(self._more)
