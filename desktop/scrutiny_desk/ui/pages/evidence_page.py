"""The Evidence page: the register of written submissions, questionnaires, statements,
research and visits, filtered as the clerk types; the selected evidence's details
beside it, its attached file, and the notes taken against it.

Every change is one undo step (see ``evidence_commands``): a new piece of evidence,
the details saved together (Save Changes, Ctrl+S, or moving to another row), a move,
a delete, attaching or removing the file, a note. Files are read and written off the
GUI thread. Opening a file writes a read-only copy into a private temporary folder of
the app's cache and hands it to the system viewer: the database copy is never touched,
and two openings never overwrite each other.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...domain.enums import Access, EvidenceKind
from ...domain.errors import ScrutinyError, ValidationError
from ...domain.evidence_records import EvidenceEntry, clean_file_name
from ...domain.note_records import NoteFilter
from ...domain.records import EvidenceFile, TorItem
from ...domain.structure import walk_tor
from ...paths import export_dir
from ...services.files import write_atomically
from ..models.evidence_model import (
    EvidenceColumn,
    EvidenceFilter,
    EvidenceModel,
    EvidenceNotesModel,
    KindLabels,
)
from ..widgets.tables import FIT, STRETCH, caption, record_table
from ..widgets.tor_picker import TorPicker
from ..workspace import Workspace
from .common import action_buttons
from .evidence_commands import EvidenceCommands
from .evidence_details import EvidenceDetails

_KINDS = {"review", "evidence", "note", "tor", "witnesses"}
Index = QModelIndex | QPersistentModelIndex
KEEP_OPENED_S = 24 * 3600  # how long copies handed to a viewer are kept


def opened_files_dir() -> Path:
    """Where opened attachments are copied: the app's cache folder."""
    return paths.cache_dir() / "opened"


def private_copy(file: EvidenceFile) -> Path:
    """Write the file into a new private folder (0700), read-only, under its clean name.
    Copies opened more than a day ago are cleared away first."""
    base = opened_files_dir()
    base.mkdir(parents=True, exist_ok=True)
    sweep_old_copies(base)
    folder = Path(tempfile.mkdtemp(prefix="evidence-", dir=base))
    path = folder / (clean_file_name(file.name) or "attachment")
    with open(path, "xb") as handle:
        handle.write(file.content)
    path.chmod(stat.S_IRUSR)
    return path


def sweep_old_copies(base: Path, max_age_s: float = KEEP_OPENED_S) -> None:
    """Remove the folders of copies opened longer ago than ``max_age_s``; a copy still
    open in a viewer that locks it (Windows) is left for next time."""
    now = time.time()
    for folder in base.glob("evidence-*"):
        try:
            if now - folder.stat().st_mtime < max_age_s:
                continue
            for child in folder.iterdir():
                child.chmod(stat.S_IRUSR | stat.S_IWUSR)
                child.unlink()
            folder.rmdir()
        except OSError:
            continue


class EvidencePage(EvidenceCommands, QWidget):
    """A Page (see ``ui.workspace``): show_review, reload and reveal."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePage")
        self.workspace = workspace
        self.evidence = workspace.services.evidence
        self.review_id: int | None = None
        self._select_key: str | None = None
        self._versions: dict[str, int] = {}
        self._loading = False
        self._shown: EvidenceEntry | None = None  # what the form shows
        self.error: QMessageBox | None = None  # the last message shown, for tests
        self.opened: list[Path] = []  # copies handed to the system viewer

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
        self.details.file_dropped.connect(self.attach_path)
        self.details.title_edit.returnPressed.connect(self.save_changes)
        self.details.source_edit.returnPressed.connect(self.save_changes)

        self.notes_model = EvidenceNotesModel(workspace.runner, workspace.services.notes, self)
        self.notes_view = record_table(
            self.notes_model,
            self.tr("Notes on this evidence"),
            {0: FIT, 1: STRETCH, 2: FIT, 3: FIT},
        )
        self.notes_view.setMinimumHeight(90)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("evidenceNote")
        self.note_edit.setAccessibleName(self.tr("New note on this evidence"))
        self.note_edit.setPlaceholderText(self.tr("Type a note and press Enter"))
        self.note_edit.returnPressed.connect(self.take_note_from_fields)
        # The note's terms of reference, by type-ahead; the evidence's own are offered
        # first, in bold; "1.2" then Enter adds one, Enter in the empty field saves.
        self.note_tor = TorPicker()
        self.note_tor.setObjectName("evidenceNoteTor")
        self.note_tor.editor.setAccessibleName(self.tr("Terms of reference of the new note"))
        self.note_tor.submitted.connect(self.take_note_from_fields)

        self._build_actions()
        self._lay_out()
        self.set_editable(not workspace.read_only)
        self._show_details(None)

    # Layout ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot: Callable[..., Any], keys: str = "") -> QAction:
            made = QAction(text, self)
            made.setStatusTip(tip)
            made.setToolTip(f"{tip} ({keys})" if keys else tip)
            if keys:
                made.setShortcut(QKeySequence(keys))
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(lambda _checked=False: slot())
            self.addAction(made)
            return made

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
        self.save_action = action(
            self.tr("Save Changes"),
            self.tr("Save the changes to the details"),
            self.save_changes,
            "Ctrl+S",
        )
        self.revert_action = action(
            self.tr("Revert"), self.tr("Forget the changes not saved yet"), self.revert, "Esc"
        )
        self.attach_action = action(
            self.tr("&Attach File…"),
            self.tr(
                "Attach a file to the selected evidence, replacing any there is "
                "(or drop a file on the details)"
            ),
            self.choose_file,
            "Ctrl+Shift+A",
        )
        self.open_action = action(
            self.tr("Open File"),
            self.tr("Open a read-only copy of the attached file"),
            self.open_file,
            "Ctrl+Shift+O",
        )
        self.save_copy_action = action(
            self.tr("Save a Copy…"),
            self.tr("Save a copy of the attached file"),
            self.choose_copy_path,
        )
        self.remove_file_action = action(
            self.tr("Remove File"), self.tr("Remove the attached file"), self.remove_current_file
        )
        self.take_note_action = action(
            self.tr("Take Note"),
            self.tr("Save the note against this evidence (Enter)"),
            self.take_note_from_fields,
        )
        self.find_action = action(
            self.tr("Find"),
            self.tr("Filter the register"),
            lambda: self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason),
            QKeySequence(QKeySequence.StandardKey.Find).toString(),
        )
        self.filter_edit.setToolTip(self.find_action.toolTip())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(
            [
                self.new_action,
                self.delete_action,
                self.up_action,
                self.down_action,
                self.attach_action,
                self.open_action,
                self.save_copy_action,
                self.remove_file_action,
            ]
        )

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

        file_row = action_buttons(
            [self.attach_action, self.open_action, self.save_copy_action, self.remove_file_action]
        )
        self.details.file_buttons.addLayout(file_row)
        save_row = action_buttons([self.save_action, self.revert_action])
        save_row.takeAt(save_row.count() - 1)  # beside the heading: no stretch after them
        self.details.save_buttons.addLayout(save_row)

        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(4, 4, 8, 4)
        notes_layout.addWidget(caption(self.tr("N&otes on this evidence"), self.notes_view))
        notes_layout.addWidget(self.notes_view, 1)

        # Taking a note: a line of text and its terms of reference, across the page.
        note_button = QPushButton(self.tr("Take Note"))
        note_button.setAccessibleName(self.tr("Take note"))
        note_button.setToolTip(self.take_note_action.toolTip())
        note_button.clicked.connect(self.take_note_from_fields)
        self.note_button = note_button
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.note_edit, 1)
        entry_row.addWidget(note_button)
        text_column = QVBoxLayout()
        text_column.addWidget(caption(self.tr("New note on this e&vidence:"), self.note_edit))
        text_column.addLayout(entry_row)
        text_column.addStretch(1)
        tor_column = QVBoxLayout()
        tor_column.addWidget(
            caption(self.tr("Its terms of reference (its own are offered first):"), self.note_tor)
        )
        tor_column.addWidget(self.note_tor, 1)
        note_bar = QHBoxLayout()
        note_bar.setContentsMargins(8, 4, 8, 8)
        note_bar.addLayout(text_column, 2)
        note_bar.addLayout(tor_column, 3)

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
        self.note_edit.setReadOnly(not editable)
        self._update_actions()

    # Page protocol ------------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self.review_id = review_id
        self._versions.clear()
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

    def reload(self, kinds: tuple[str, ...]) -> None:
        if self.review_id is None or not _KINDS.intersection(kinds):
            return
        current = self.current_evidence()
        if self._select_key is None and current is not None:
            self._select_key = current.key
        self._load()
        if "note" in kinds:
            self.notes_model.reload()  # the same evidence may have new notes

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
        self.note_tor.set_terms(tor)
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
        self.error = self.workspace.show_error(self.tr("The evidence could not be read"), str(exc))

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
            own = [t.key for t in entry.tor] if entry else []
            self.note_tor.editor.clear()
            self.note_tor.set_preferred(own)
            self.note_tor.set_keys(())
        if entry is None or self.review_id is None:
            self.notes_model.set_query(None)
        elif not same:
            notes, review_id, key = self.workspace.services.notes, self.review_id, entry.key
            self.notes_model.set_query(
                lambda order: notes.ids(review_id, NoteFilter(evidence=key), order.key)
            )
        self._update_actions()

    def _update_actions(self) -> None:
        entry = self.current_evidence()
        selected = entry is not None
        editable = self._editable and self.review_id is not None
        has_file = selected and entry is not None and entry.file is not None
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
        self.save_action.setEnabled(editable and dirty and not self.details.problems())
        self.revert_action.setEnabled(editable and dirty)
        self.attach_action.setEnabled(editable and selected)
        self.open_action.setEnabled(has_file)
        self.save_copy_action.setEnabled(has_file)
        self.remove_file_action.setEnabled(editable and has_file)
        self.take_note_action.setEnabled(editable and selected)
        self.note_button.setEnabled(editable and selected)
        self.note_edit.setEnabled(selected)
        self.note_tor.setEnabled(editable and selected)

    # Actions ----------------------------------------------------------------------------

    def new_evidence(self) -> None:
        if not self.new_action.isEnabled():
            return
        self._save_pending()
        self.filter_edit.clear()
        if self.create_evidence(self.tr("New evidence")):
            self.details.title_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.details.title_edit.selectAll()

    def save_changes(self) -> bool:
        """Save the form's changes as one step; False if there were problems."""
        entry = self._shown
        if entry is None or not self._editable:
            return False
        if self.details.problems():
            return False
        changes = self.details.changes()
        if not changes:
            return True
        self._select_key = entry.key
        return self.update_evidence(entry, changes)

    def _save_pending(self, *, later: bool = False) -> None:
        """Moving away from changed details saves them, when they can be saved. From a
        selection change, ``later``: once Qt has finished changing the selection."""
        entry = self._shown
        if entry is None or not self._editable or self.details.problems():
            return
        changes = self.details.changes()
        if not changes:
            return
        if later:
            QTimer.singleShot(0, partial(self.update_evidence, entry, changes))
        else:
            self.update_evidence(entry, changes)

    def revert(self) -> None:
        self.details.show_entry(self._shown)
        self._update_actions()

    def delete_current(self) -> None:
        entry = self.current_evidence()
        if entry is None or not self.delete_action.isEnabled():
            return
        self._shown = None
        self.delete_evidence(entry)

    def move_current(self, step: int) -> None:
        entry = self.current_evidence()
        if entry is None or not (self.up_action if step < 0 else self.down_action).isEnabled():
            return
        self._save_pending()
        entry = self.model.record(self.model.row_of_key(entry.key) or 0)
        self.move_evidence(entry, entry.number - 1 + step)

    # The file -----------------------------------------------------------------------------

    def choose_file(self) -> None:
        if not self.attach_action.isEnabled():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Attach a File to the Evidence"), str(Path.home())
        )
        if path:
            self.attach_path(path)

    def attach_path(self, path: str) -> None:
        """Attach the file at ``path`` to the selected evidence: its size is checked
        first, then it is read off the GUI thread and attached as one step."""
        entry = self.current_evidence()
        review_id = self.review_id
        if entry is None or review_id is None or not self._editable:
            return
        self._save_pending()
        name = os.path.basename(path)
        title = self.tr("The file could not be attached")
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            self.error = self.workspace.show_error(
                title, self.tr("{name} cannot be read: {why}").format(name=name, why=exc.strerror)
            )
            return
        try:
            self.evidence.check_file(review_id, entry.id, size)
        except ValidationError as exc:
            self.error = self.workspace.show_error(title, _file_message(name, exc))
            return
        key = entry.key

        def read() -> bytes:
            return Path(path).read_bytes()

        def done(content: bytes) -> None:
            if self.review_id != review_id or self.model.row_of_key(key) is None:
                return
            current = self.model.record(self.model.row_of_key(key) or 0)
            self.attach_content(current, name, content)

        def failed(exc: Exception) -> None:
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            self.error = self.workspace.show_error(
                title, self.tr("{name} cannot be read: {why}").format(name=name, why=why)
            )

        self.workspace.runner.submit(read, done, failed)

    def open_file(self) -> None:
        entry = self.current_evidence()
        if entry is None or entry.file is None:
            return
        evidence_id = entry.id

        def copy() -> Path:
            return private_copy(self.evidence.file(evidence_id))

        def done(path: Path) -> None:
            self.opened.append(path)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.error = self.workspace.show_error(
                    self.tr("The file could not be opened"),
                    self.tr(
                        "No program on this computer opens {name}. Save a copy and open "
                        "it from there."
                    ).format(name=path.name),
                )

        self.workspace.runner.submit(copy, done, self._file_failed)

    def choose_copy_path(self) -> None:
        entry = self.current_evidence()
        if entry is None or entry.file is None:
            return
        folder = export_dir()
        suggested = folder / entry.file.name if folder.is_dir() else Path.home() / entry.file.name
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save a Copy of the File"), str(suggested)
        )
        if path:
            self.save_copy_to(path)

    def save_copy_to(self, path: str) -> None:
        entry = self.current_evidence()
        if entry is None or entry.file is None:
            return
        evidence_id = entry.id

        def write() -> Path:
            return write_atomically(path, self.evidence.file(evidence_id).content)

        def done(written: Path) -> None:
            self.workspace.editor.saved.emit(self.tr("Saved a copy: {0}").format(str(written)))

        self.workspace.runner.submit(write, done, self._file_failed)

    def _file_failed(self, exc: Exception) -> None:
        why = str(exc) if isinstance(exc, ScrutinyError | OSError) else repr(exc)
        self.error = self.workspace.show_error(self.tr("The file could not be copied"), why)

    def remove_current_file(self) -> None:
        entry = self.current_evidence()
        if entry is None or not self.remove_file_action.isEnabled():
            return
        self._save_pending()
        current = self.model.record(self.model.row_of_key(entry.key) or 0)
        self.remove_file(current)

    # Notes --------------------------------------------------------------------------------

    def take_note_from_fields(self) -> None:
        entry = self._shown
        text = self.note_edit.text().strip()
        if entry is None or not self._editable or not text:
            return
        self.note_tor.accept_typed()  # a number typed but not yet added was meant
        tor = list(self.note_tor.keys())
        self._select_key = entry.key
        if self.take_note(entry, text, tor):
            self.note_edit.clear()
            self.note_edit.setFocus()


def _file_message(name: str, error: ValidationError) -> str:
    """A size problem as a sentence about the file: "report.pdf is 25 MB; ..."."""
    return "\n".join(f"{name} {p.message}" for p in error.problems)
