"""The Evidence page: the register of written submissions, questionnaires, statements,
research and visits, filtered as the clerk types; the selected evidence's details
beside it, its attached file, and the notes taken against it.

Every change is one undo step (see ``evidence_commands``): a new piece of evidence,
each field of the details (saved when the clerk is done with it, as the rest of the
app saves: see ``ui.shared.field_commits``; Esc puts back what is not saved yet), a
move, a delete, attaching or removing the file, a note. An edit still being typed is
saved when the page is hidden, when the review changes and when the window closes.
The page is composed of parts it owns: its edits (``EvidenceEdits``, the undo steps),
its file actions (``EvidenceFiles``) and its notes panel (``EvidenceNotes``), each
given only what it needs (the register as ``EvidenceRegister`` sees it). This module
lays the page out and keeps the register, the details and the actions' state in step.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Access, EvidenceKind
from ...domain.errors import ScrutinyError
from ...domain.evidence_records import EvidenceEntry
from ...domain.records import TorItem
from ...domain.structure import walk_tor
from ...domain.topics import Topic, Topics
from ..audit.history_action import add_history
from ..shared.common import action_buttons
from ..shared.field_commits import FieldCommits
from ..shared.removal_question import ask_before_removing, shortened
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .evidence_commands import EvidenceEdits
from .evidence_details import EvidenceDetails
from .evidence_files import EvidenceFiles
from .evidence_files import sweep_old_copies as sweep_old_copies  # tests import it from here
from .evidence_model import (
    EvidenceColumn,
    EvidenceFilter,
    EvidenceModel,
    KindLabels,
)
from .evidence_notes import EvidenceNotes

Index = QModelIndex | QPersistentModelIndex


class EvidencePage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review, reload and reveal; to its parts,
    an ``EvidenceRegister``."""

    #: What a change must touch for this page to read again.
    #: The register, the notes on the evidence shown, the terms of reference it answers
    #: and the witnesses it can be from (nothing of the review's own fields).
    TOPICS: ClassVar[Topics] = frozenset(
        {Topic.EVIDENCE, Topic.NOTES, Topic.TERMS, Topic.WITNESSES}
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePage")
        self.workspace = workspace
        self.evidence = workspace.services.evidence
        self.review_id: int | None = None
        self._select_key: str | None = None
        self._loading = False
        self._editable = False
        self._shown: EvidenceEntry | None = None  # what the form shows
        self.error: QMessageBox | None = None  # the last message shown, for tests
        self.edits = EvidenceEdits(
            workspace.editor, self.evidence, workspace.services.notes, self._select_later
        )

        self.model = EvidenceModel(self)
        self.proxy = EvidenceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.view = record_table(
            self.proxy,
            self.tr("Evidence"),
            {
                EvidenceColumn.NUMBER: FIT,
                EvidenceColumn.KIND: FIT,
                EvidenceColumn.TITLE: STRETCH,
                EvidenceColumn.FROM: STRETCH,
                EvidenceColumn.RECEIVED: FIT,
                EvidenceColumn.ACCESS: FIT,
                EvidenceColumn.TOR: FIT,
                EvidenceColumn.FILE: FIT,
                EvidenceColumn.NOTES: FIT,
            },
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(EvidenceColumn.FILE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(EvidenceColumn.FILE, 220)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(EvidenceColumn.NUMBER, Qt.SortOrder.AscendingOrder)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("evidenceFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter evidence"))
        self.filter_edit.setPlaceholderText(self.tr("Words in the title, summary or source"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Show evidence of kind"))
        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind, label in KindLabels(self).labels().items():
            self.kind_filter.addItem(label, kind.value)
        self.kind_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.access_filter = QComboBox()
        self.access_filter.setAccessibleName(self.tr("Show open or closed evidence"))
        self.access_filter.addItem(self.tr("Open and closed"), None)
        self.access_filter.addItem(self.tr("Open only"), Access.OPEN.value)
        self.access_filter.addItem(self.tr("Closed only"), Access.CLOSED.value)
        self.access_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.count_label = QLabel()

        self.details = EvidenceDetails()
        self.details.edited.connect(self._update_actions)
        details = self.details
        self.commits = FieldCommits(self.commit_field, lambda: details.filling, self)
        for name, widget in (
            ("title", details.title_edit),
            ("kind", details.kind_combo),
            ("witness", details.witness_combo),
            ("source", details.source_edit),
            ("received", details.received_check),
            ("received", details.received_edit),
            ("access", details.closed_check),
            ("summary", details.summary_edit),
            ("tor", details.tor_list),
        ):
            self.commits.watch(name, widget)
        workspace.editor.committing.connect(self.flush)

        self.files = EvidenceFiles(workspace, self.edits, self, self._action, self)
        self.details.file_dropped.connect(self.files.attach_path)
        self.notes = EvidenceNotes(workspace, self.edits, self, self._action, self)

        self._build_actions()
        self._lay_out()
        self.set_editable(not workspace.read_only)
        self._show_details(None)

    # Layout ----------------------------------------------------------------------------

    def _action(self, text: str, tip: str, slot: Callable[..., Any], keys: str = "") -> QAction:
        """An action of the page (its parts make theirs with this too)."""
        made = QAction(text, self)
        made.setStatusTip(tip)
        made.setToolTip(f"{tip} ({keys})" if keys else tip)
        if keys:
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(lambda _checked=False: slot())
        self.addAction(made)
        return made

    def _build_actions(self) -> None:
        action = self._action
        self.new_action = action(
            self.tr("&New"),
            self.tr("Add a piece of evidence to the register"),
            self.new_evidence,
            "Ins",
        )
        # Ctrl+N is New Review and Ctrl+Shift+N New Meeting, window-wide: Insert adds
        # here as it does on the other pages, and Ctrl+Shift+E ("evidence") too.
        self.new_action.setShortcuts([QKeySequence("Ins"), QKeySequence("Ctrl+Shift+E")])
        self.new_action.setToolTip(
            self.tr("Add a piece of evidence to the register (Ins or Ctrl+Shift+E)")
        )
        self.delete_action = action(
            self.tr("&Delete"),
            self.tr("Delete the selected evidence with its file (notes are kept)"),
            self.delete_current,
            "Del",
        )
        self.up_action = action(
            self.tr("Move &Up"),
            self.tr("Move the selected evidence up the register"),
            partial(self.move_current, -1),
            "Ctrl+Up",
        )
        self.down_action = action(
            self.tr("Move Do&wn"),
            self.tr("Move the selected evidence down the register"),
            partial(self.move_current, 1),
            "Ctrl+Down",
        )
        self.revert_action = action(
            self.tr("Put Back"),
            self.tr("Put back the saved values of the fields not saved yet"),
            self.revert,
            "Esc",
        )
        self.find_action = action(
            self.tr("Find"),
            self.tr("Filter the register"),
            lambda: self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason),
            QKeySequence(QKeySequence.StandardKey.Find).toString(),
        )
        self.filter_edit.setToolTip(self.find_action.toolTip())
        self.view.addActions(  # a right-click menu of them, with History (add_history)
            [
                self.new_action,
                self.delete_action,
                self.up_action,
                self.down_action,
                *self.files.file_actions(),
            ]
        )
        add_history(self.view, self.workspace, "evidence", self.current_evidence)

    def _lay_out(self) -> None:
        heading = QHBoxLayout()
        heading.addWidget(caption(self.tr("&Evidence"), self.view))
        heading.addStretch(1)
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.filter_edit)
        heading.addWidget(filter_label)
        heading.addWidget(self.filter_edit, 2)
        heading.addWidget(self.kind_filter)
        heading.addWidget(self.access_filter)
        heading.addWidget(self.count_label)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 8, 4)
        left_layout.addLayout(heading)
        left_layout.addLayout(
            action_buttons(
                [self.new_action, self.delete_action, None, self.up_action, self.down_action]
            )
        )
        left_layout.addWidget(self.view, 1)

        self.details.file_buttons.addLayout(action_buttons(list(self.files.file_actions())))
        put_back = action_buttons([self.revert_action])
        put_back.takeAt(put_back.count() - 1)  # no stretch: it sits at the row's end
        self.details.heading_row.addLayout(put_back)

        notes, note_bar = self.notes.lay_out()

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.details)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(scroll)
        bottom.addWidget(notes)
        bottom.setSizes([700, 400])
        bottom.setStretchFactor(0, 2)
        bottom.setStretchFactor(1, 1)

        # The register above, at full width; the selected evidence below it.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(bottom)
        self.splitter.setSizes([260, 360])
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(note_bar)
        self.setTabOrder(self.filter_edit, self.kind_filter)
        self.setTabOrder(self.kind_filter, self.access_filter)
        self.setTabOrder(self.access_filter, self.view)
        self.setTabOrder(self.view, self.details.title_edit)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.details.set_editable(editable)
        self.notes.set_editable(editable)
        self._update_actions()

    # Page protocol ------------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        if review_id != self.review_id:
            self.flush()  # in the review it was typed in
        self.review_id = review_id
        self.edits.versions.clear()
        self._select_key = None
        self._show_details(None)
        if review_id is None:
            self.workspace.runner.discard("evidence-register")
            self.model.set_rows([])
            self.details.set_choices([], [])
            self._update_count()
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self.review_id is None:
            return
        current = self.current_evidence()
        if self._select_key is None and current is not None:
            self._select_key = current.key
        self._load()
        if Topic.NOTES in topics:
            self.notes.notes_model.reload()  # the same evidence may have new notes

    def reveal(self, key: str) -> bool:
        """Select the evidence with this key, scroll to it and focus the table. While
        the register is being read, it is selected when it arrives (True)."""
        if self.model.row_of_key(key) is None:
            if self._loading:
                self._select_key = key
                self.filter_edit.clear()
                self.kind_filter.setCurrentIndex(0)
                self.access_filter.setCurrentIndex(0)
                return True
            return False
        if not self.select_evidence(key):
            self.filter_edit.clear()
            self.kind_filter.setCurrentIndex(0)
            self.access_filter.setCurrentIndex(0)
            if not self.select_evidence(key):
                return False
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # What the page's parts see (EvidenceRegister) -------------------------------------------

    @property
    def editable(self) -> bool:
        return self._editable

    def current(self) -> EvidenceEntry | None:
        return self.current_evidence()

    def latest(self, review_id: int | None, key: str) -> EvidenceEntry | None:
        row = self.model.row_of_key(key)
        if review_id is None or review_id != self.review_id or row is None:
            return None
        return self.model.record(row)

    def save_pending(self) -> None:
        self._save_pending()

    def _select_later(self, key: str) -> None:
        """After a step: select this evidence once the register is read again."""
        self._select_key = key

    # What is shown ----------------------------------------------------------------------

    def current_evidence(self) -> EvidenceEntry | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def select_evidence(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, EvidenceColumn.TITLE))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _load(self) -> None:
        review_id = self.review_id
        assert review_id is not None
        services = self.workspace.services

        def read() -> tuple[list[EvidenceEntry], list[tuple[str, str]], tuple[TorItem, ...]]:
            entries = services.evidence.list(review_id)
            witnesses = [(w.key, w.name) for w in services.witnesses.list(review_id)]
            return entries, witnesses, services.reviews.terms_of_reference(review_id)

        self._loading = True
        self.workspace.runner.submit(
            read, partial(self._on_loaded, review_id), self._on_failed, key="evidence-register"
        )

    def _on_loaded(
        self,
        review_id: int,
        loaded: tuple[list[EvidenceEntry], list[tuple[str, str]], tuple[TorItem, ...]],
    ) -> None:
        if review_id != self.review_id:
            return
        self._loading = False
        entries, witnesses, tor = loaded
        wanted = self._select_key or (e.key if (e := self.current_evidence()) else None)
        self._select_key = None
        numbered = list(walk_tor(tor))
        self.notes.note_tor.set_terms(tor)
        self.details.set_choices(
            witnesses, [(item.key, f"{n} {item.text}", n.count(".")) for n, item in numbered]
        )
        self.model.set_rows(entries)
        self._select_after_change(wanted)
        self._update_count()

    def _select_after_change(self, wanted: str | None) -> None:
        if wanted and self.select_evidence(wanted):
            self._show_details(self.current_evidence())
            return
        if self.proxy.rowCount():
            self.view.setCurrentIndex(self.proxy.index(0, EvidenceColumn.TITLE))
            self._show_details(self.current_evidence())
        else:
            self._show_details(None)

    def _on_failed(self, exc: Exception) -> None:
        self._loading = False
        self.error = self.workspace.report_error(self.tr("The evidence could not be read"), exc)

    def _on_filter_changed(self, *_args: object) -> None:
        current = self.current_evidence()
        kind = self.kind_filter.currentData()
        access = self.access_filter.currentData()
        self.proxy.set_filter(
            self.filter_edit.text(),
            EvidenceKind(kind) if kind else None,
            Access(access) if access else None,
        )
        self._select_after_change(current.key if current else None)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            self.tr("{shown} of {total}").format(shown=shown, total=total) if shown != total else ""
        )

    def _on_current_changed(self, current: Index, _previous: object) -> None:
        entry = (
            self.model.record(self.proxy.mapToSource(current).row()) if current.isValid() else None
        )
        if self._shown is not None and (entry is None or entry.key != self._shown.key):
            self._save_pending(later=True)
        self._show_details(entry)

    def _show_details(self, entry: EvidenceEntry | None) -> None:
        same = (
            entry is not None
            and self._shown is not None
            and entry.id == self._shown.id
            and entry.version == self._shown.version
        )
        self._shown = entry
        if not same:
            self.details.show_entry(entry)
        self.notes.show(entry, same)
        self._update_actions()

    def _update_actions(self) -> None:
        entry = self.current_evidence()
        selected = entry is not None
        editable = self._editable and self.review_id is not None
        dirty = selected and self.details.is_dirty()
        sorted_by_number = self.proxy.sortColumn() == EvidenceColumn.NUMBER
        self.new_action.setEnabled(editable)
        self.delete_action.setEnabled(editable and selected)
        self.up_action.setEnabled(
            editable and selected and sorted_by_number and entry is not None and entry.number > 1
        )
        self.down_action.setEnabled(
            editable
            and selected
            and sorted_by_number
            and entry is not None
            and entry.number < self.model.rowCount()
        )
        self.revert_action.setEnabled(editable and dirty)
        self.files.update_actions(editable, entry)
        self.notes.update_actions(editable, selected)

    # Actions ----------------------------------------------------------------------------

    def new_evidence(self) -> None:
        if not self.new_action.isEnabled():
            return
        self.flush()
        self.filter_edit.clear()
        current = self.current_evidence()
        position = current.number if current is not None else None  # just below it
        review_id = self.review_id
        if review_id is None:
            return
        if self.edits.create(review_id, self.tr("New evidence"), EvidenceKind.WRITTEN, position):
            self.details.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.details.title_edit.selectAll()

    # Saving field by field --------------------------------------------------------------

    def commit_field(self, _name: str | None = None) -> None:
        """The clerk is done with a field (None: with every field): save what changed
        and is not wrong as one step; what is wrong stays, with its message."""
        entry = self._shown
        if entry is None or not self._editable:
            return
        changes = self._savable()
        if not changes:
            return
        self._select_key = entry.key
        if self.edits.update(entry, changes):
            self._now_saved(entry.key)

    def flush(self) -> None:
        """Save now what is typed but not saved (the page hides, the review changes, the
        window closes, another action starts)."""
        self.commits.flush()

    def _savable(self) -> dict[str, Any]:
        problems = self.details.problems()
        return {k: v for k, v in self.details.changes().items() if k not in problems}

    def _now_saved(self, key: str) -> None:
        """The form shows what is saved now: let it stand for the saved record, without
        filling it again (the list is read again in the background)."""
        shown = self._shown
        if shown is None or shown.key != key or self.review_id is None:
            return
        try:
            fresh = self.evidence.find(self.review_id, key)
        except ScrutinyError:
            return
        self._shown = fresh
        self.details.set_saved(fresh)
        self._update_actions()

    def _save_pending(self, *, later: bool = False) -> None:
        """Before another action: save what can be saved of the details. From a
        selection change, ``later``: once Qt has finished changing the selection."""
        if not later:
            self.flush()
            return
        entry = self._shown
        if entry is None or not self._editable:
            return
        self.commits.forget()
        changes = self._savable()
        if changes:
            QTimer.singleShot(0, partial(self.edits.update, entry, changes))

    def revert(self) -> None:
        """Put back the saved values of the fields not saved yet."""
        self.commits.forget()
        self.details.show_entry(self._shown)
        self._update_actions()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()  # switching page loses nothing
        super().hideEvent(event)

    def delete_current(self) -> None:
        """Delete the selected evidence; when it has a file or notes, ask first."""
        entry = self.current_evidence()
        if entry is None or not self.delete_action.isEnabled():
            return
        ask_before_removing(
            self.workspace.window,
            self.tr("Delete Evidence"),
            self.tr("Delete the evidence “{title}”?").format(title=shortened(entry.title)),
            lambda: self.workspace.services.removals.of_evidence(entry.id),
            partial(self._delete_entry, entry),
        )

    def _delete_entry(self, entry: EvidenceEntry) -> None:
        if self._shown is not None and self._shown.key == entry.key:
            self._shown = None  # nothing of it is left to save
        self.edits.delete(entry)

    def move_current(self, step: int) -> None:
        entry = self.current_evidence()
        if entry is None or not (self.up_action if step < 0 else self.down_action).isEnabled():
            return
        self.flush()
        entry = self.model.record(self.model.row_of_key(entry.key) or 0)
        self.edits.move(entry, entry.number - 1 + step)
