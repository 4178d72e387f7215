"""The Notes page: every note of the review, filtered, edited in place.

Filters by terms-of-reference item (with its sub-items), meeting, witness, evidence,
open/closed (in effect: a note on a closed item is closed) and words of the text. The
list is paged (``NoteListModel``): 100,000 notes cost an ids query off the GUI thread
and a page read for the rows on screen. A note's text, evidence, witnesses and terms
of reference are edited in place (F2 or a double click on the cell; the editors are in
``note_editors``); Ctrl+Shift+C marks a note closed or open again; Delete deletes it.
Each is one undo step, found again by its key.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Access
from ...domain.errors import NotFoundError
from ...domain.note_records import NoteEntry, NoteFilter
from ...domain.records import TorItem
from ...domain.structure import walk_tor
from ...domain.topics import Topic, Topics
from ..audit.history_action import add_history
from ..shared.display import bold_font
from ..shared.meeting_tab import ViewKeys
from ..shared.tables import STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .note_editors import Choice, NoteCellDelegate, NoteChoices
from .note_list_model import EDITED_FIELDS, NoteListColumn, NoteListModel
from .note_steps import DeleteNote, EditNote, NoteVersions

_OPTIONS = "notes-page-options"
TEXT_DELAY_MS = 250


class NotesPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review, reload and reveal."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.WITNESSES,
            Topic.TERMS,
            Topic.EVIDENCE,
            Topic.NOTES,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPage")
        self.workspace = workspace
        self.notes = workspace.services.notes
        self.review_id: int | None = None
        self._reveal_key: str | None = None
        # (review id, note key) -> the version our last call returned, shared by the
        # undo steps: undoing one edit raises the version the undo of an earlier edit
        # of the same note must quote.
        self._versions: NoteVersions = {}

        self.model = NoteListModel(workspace.runner, self.notes, self)
        self.model.edited.connect(self._on_edited)
        self.model.loaded.connect(self._on_loaded)
        self.view = record_table(
            self.model,
            self.tr("Notes"),
            {int(c): QHeaderView.ResizeMode.Interactive for c in NoteListColumn}
            | {int(NoteListColumn.TEXT): STRETCH},
        )
        self.view.setObjectName("notesView")
        add_history(self.view, workspace, "notes", self.current_note)
        self.delegate = NoteCellDelegate(
            NoteListColumn.TERMS,
            NoteListColumn.WITNESSES,
            NoteListColumn.EVIDENCE,
            NoteListColumn.TEXT,
            self.view,
        )
        for column in EDITED_FIELDS:
            self.view.setItemDelegateForColumn(column, self.delegate)
        # The note is what a clerk reads: the other columns are narrow (their tooltips
        # say all), so the note, which takes the rest, is the widest at any window size
        # a clerk works at; F2 or a double click shows all of it.
        metrics = self.view.fontMetrics()
        for column, sample in (
            (NoteListColumn.TAKEN, "Wed 30 Sept 2026 00:00"),
            (NoteListColumn.ACCESS, "Closed"),
            (NoteListColumn.MEETING, "Evidence session 10"),
            (NoteListColumn.EVIDENCE, "Evidence title"),
            (NoteListColumn.WITNESSES, "Witness name"),
            (NoteListColumn.TERMS, "1.2, 3.4, 2.1"),
        ):
            # the cell's padding; Access is bold beside the padlock
            width = metrics.horizontalAdvance(sample) + 16
            if column == NoteListColumn.ACCESS:
                width = QFontMetrics(bold_font()).horizontalAdvance(sample) + 44
            self.view.setColumnWidth(column, width)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(
            NoteListColumn.TAKEN, Qt.SortOrder.AscendingOrder
        )
        self.model.keep_selection(self.view.selectionModel())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())

        self.tor_filter = self._combo(self.tr("Terms of reference"), self.tr("All terms"))
        self.meeting_filter = self._combo(self.tr("Meeting"), self.tr("All meetings"))
        self.witness_filter = self._combo(self.tr("Witness"), self.tr("All witnesses"))
        self.evidence_filter = self._combo(self.tr("Evidence"), self.tr("All evidence"))
        self.access_filter = self._combo(self.tr("Open or closed"), self.tr("Open and closed"))
        self.access_filter.addItem(self.tr("Open only"), Access.OPEN.value)
        self.access_filter.addItem(self.tr("Closed only"), Access.CLOSED.value)
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("notesTextFilter")
        self.text_filter.setAccessibleName(self.tr("Words in the note"))
        self.text_filter.setPlaceholderText(self.tr("Words in the note"))
        self.text_filter.setClearButtonEnabled(True)
        self._text_timer = QTimer(self)
        self._text_timer.setSingleShot(True)
        self._text_timer.setInterval(TEXT_DELAY_MS)
        self._text_timer.timeout.connect(self.apply_filter)
        self.text_filter.textChanged.connect(lambda _text: self._text_timer.start())
        self.count_label = QLabel()
        self.count_label.setObjectName("notesCount")

        self.access_action = self._action(
            self.tr("Mark &Closed / Open"),
            self.tr("Mark the selected note closed (not published), or open again"),
            self.toggle_access,
            "Ctrl+Shift+C",
        )
        self.delete_action = self._action(
            self.tr("&Delete Note"), self.tr("Delete the selected note"), self.delete_current
        )
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        ViewKeys(self.view, [self.delete_action])

        filters = QHBoxLayout()
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.text_filter)
        filters.addWidget(filter_label)
        filters.addWidget(self.text_filter, 2)
        for combo in (
            self.tor_filter,
            self.meeting_filter,
            self.witness_filter,
            self.evidence_filter,
            self.access_filter,
        ):
            filters.addWidget(combo, 1)
        heading = QHBoxLayout()
        heading.addWidget(caption(self.tr("&Notes"), self.view))
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        for action in (self.access_action, self.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAccessibleName(action.text().replace("&", ""))
            heading.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(heading)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        self.setTabOrder(self.text_filter, self.tor_filter)
        self.setTabOrder(self.tor_filter, self.meeting_filter)
        self.setTabOrder(self.meeting_filter, self.witness_filter)
        self.setTabOrder(self.witness_filter, self.evidence_filter)
        self.setTabOrder(self.evidence_filter, self.access_filter)
        self.setTabOrder(self.access_filter, self.view)
        self._update_actions()

    # Building --------------------------------------------------------------------------

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(self.tr("Show notes of {what}").format(what=name.lower()))
        combo.setToolTip(name)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        combo.currentIndexChanged.connect(lambda _row: self.apply_filter())
        return combo

    def _action(self, text: str, tip: str, slot: Callable[[], Any], keys: str = "") -> QAction:
        made = QAction(text, self)
        made.setStatusTip(tip)
        made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})" if keys else tip)
        if keys:
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(made)
        made.triggered.connect(lambda _checked=False: slot())
        return made

    # Page protocol ---------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self.review_id = review_id
        if review_id is None:
            self.workspace.runner.discard(_OPTIONS)
            for combo in self._combos():
                combo.blockSignals(True)
                while combo.count() > 1:
                    combo.removeItem(1)
                combo.blockSignals(False)
            self.model.show(None, NoteFilter())
            self.delegate.set_choices(NoteChoices())
            self._update_count(0)
            return
        self._load_options()
        self.apply_filter()

    def reload(self, topics: Topics) -> None:
        if self.review_id is None:
            return
        if topics - {Topic.NOTES}:
            self._load_options()
        self.model.reload()

    def reveal(self, key: str) -> bool:
        """Select the note with this key, scroll to it and focus the table (the filters
        are cleared if they hide it)."""
        if self.review_id is None:
            return False
        try:
            note_id = self.notes.id_for(self.review_id, key)
        except NotFoundError:
            return False
        if self._select_id(note_id):
            return True
        self._reveal_key = key
        for combo in self._combos():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.text_filter.blockSignals(True)
        self.text_filter.clear()
        self.text_filter.blockSignals(False)
        self.apply_filter()
        return self._reveal_key is None  # selected at once with a synchronous runner

    # Filters ---------------------------------------------------------------------------

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.tor_filter, self.meeting_filter, self.witness_filter, self.evidence_filter)

    def current_filter(self) -> NoteFilter:
        access = self.access_filter.currentData()
        return NoteFilter(
            tor=self.tor_filter.currentData(),
            meeting=self.meeting_filter.currentData(),
            witness=self.witness_filter.currentData(),
            evidence=self.evidence_filter.currentData(),
            access=Access(access) if access else None,
            text=self.text_filter.text().strip() or None,
        )

    def apply_filter(self) -> None:
        self._text_timer.stop()
        self.model.show(self.review_id, self.current_filter())

    def _load_options(self) -> None:
        review_id = self.review_id
        if review_id is None:
            return
        services = self.workspace.services

        def read() -> tuple[tuple[TorItem, ...], list[Any], list[Any], list[Any]]:
            return (
                services.reviews.terms_of_reference(review_id),
                services.meetings.list(review_id),
                services.witnesses.list(review_id),
                services.evidence.list(review_id),
            )

        self.workspace.runner.submit(
            read, partial(self._on_options, review_id), self._on_failed, key=_OPTIONS
        )

    def _on_options(
        self, review_id: int, loaded: tuple[tuple[TorItem, ...], list[Any], list[Any], list[Any]]
    ) -> None:
        if review_id != self.review_id:
            return
        tor, meetings, witnesses, evidence = loaded
        self._fill(
            self.tor_filter,
            [
                (item.key, f"{'    ' * number.count('.')}{number} {item.text}")
                for number, item in walk_tor(tor)
            ],
        )
        self.delegate.set_choices(
            NoteChoices(
                tree=tuple(tor),
                witnesses=[
                    Choice(
                        w.key,
                        ", ".join(x for x in (w.name, w.role, w.organisation) if x),
                    )
                    for w in witnesses
                ],
                evidence=[
                    Choice(
                        e.key,
                        f"{e.number}. {e.title}",
                        e.is_closed,
                        self.tr("{title}\nClosed, not published").format(title=e.title)
                        if e.is_closed
                        else e.title,
                    )
                    for e in evidence
                ],
                evidence_tor={e.key: tuple(t.key for t in e.tor) for e in evidence},
                loaded=True,
            )
        )
        self._fill(self.meeting_filter, [(m.key, m.title) for m in meetings])
        self._fill(self.witness_filter, [(w.key, w.name) for w in witnesses])
        self._fill(self.evidence_filter, [(e.key, e.title) for e in evidence])

    @staticmethod
    def _fill(combo: QComboBox, choices: list[tuple[str, str]]) -> None:
        wanted = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for key, label in choices:
            combo.addItem(label, key)
            combo.setItemData(combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        row = combo.findData(wanted) if wanted is not None else 0
        combo.setCurrentIndex(max(row, 0))
        combo.blockSignals(False)
        if wanted is not None and row < 0:
            combo.currentIndexChanged.emit(0)  # what it filtered by has gone

    def _on_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The notes could not be read"), exc)

    def _on_loaded(self, count: int) -> None:
        self._update_count(count)
        if self._reveal_key is not None:
            key, self._reveal_key = self._reveal_key, None
            try:
                note_id = self.notes.id_for(self.review_id or 0, key)
            except NotFoundError:
                return
            self._select_id(note_id)
        self._update_actions()

    def _update_count(self, count: int) -> None:
        self.count_label.setText(
            self.tr("1 note") if count == 1 else self.tr("{count} notes").format(count=f"{count:,}")
        )

    def _select_id(self, note_id: int) -> bool:
        row = self.model.row_of_id(note_id)
        if row is None:
            return False
        index = self.model.index(row, NoteListColumn.TEXT)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # Edits -----------------------------------------------------------------------------

    def current_note(self) -> NoteEntry | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self.current_note() is not None
        self.access_action.setEnabled(writable)
        self.delete_action.setEnabled(writable)
        self.model.editable = not self.workspace.read_only

    def _track(self, entry: NoteEntry) -> tuple[int, str]:
        """The note's key for ``_versions``: the version shown, or the one our own
        last call returned if that is newer (the list may not be read again yet)."""
        ident = (entry.review_id, entry.key)
        self._versions[ident] = max(self._versions.get(ident, entry.version), entry.version)
        return ident

    def _edit(self, title: str, entry: NoteEntry, **changes: Any) -> None:
        """One undo step changing these fields of the note; the undo puts back what it
        had, each quoting the version our last call on that note returned."""
        ident = self._track(entry)
        before: dict[str, Any] = {name: _value_of(entry, name) for name in changes}
        if "evidence" in changes:  # closed evidence closes the note: its undo opens it again
            before["access"] = entry.access
        step = EditNote(title, self.notes, ident, before, changes, self._versions)
        result = self.workspace.editor.perform(step)
        if result is not None:
            self.model.refresh_ids([result.id])

    def _on_edited(self, entry: NoteEntry, name: str, value: Any) -> None:
        """A cell was edited in place (the model gives the field and its new value)."""
        if self.workspace.read_only:
            return
        if name == "text":
            if not value.strip():
                self._refuse(self.tr("A note cannot be empty."))
                return
            self._edit(self.tr("Edit note"), entry, text=value)
        elif name == "tor":
            if not value:
                self._refuse(
                    self.tr(
                        "A note must answer at least one item of the terms of reference: "
                        "choose one, or press Escape to leave them as they were."
                    )
                )
                return
            self._edit(self.tr("Change terms of reference of note"), entry, tor=value)
        elif name == "witnesses":
            self._edit(self.tr("Change witnesses of note"), entry, witnesses=value)
        elif name == "evidence":
            self._edit(self.tr("Change evidence of note"), entry, evidence=value)

    def _refuse(self, why: str) -> None:
        self.workspace.report_error(self.tr("The note was not changed"), why)

    def toggle_access(self) -> None:
        entry = self.current_note()
        if entry is None or self.workspace.read_only:
            return
        closed = entry.access is Access.CLOSED
        self._edit(
            self.tr("Mark note open") if closed else self.tr("Mark note closed"),
            entry,
            access=Access.OPEN if closed else Access.CLOSED,
        )

    def delete_current(self) -> None:
        entry = self.current_note()
        if entry is None or self.workspace.read_only:
            return
        step = DeleteNote(self.tr("Delete note"), self.notes, self._track(entry), self._versions)
        self.workspace.editor.perform(step)


def _value_of(entry: NoteEntry, name: str) -> Any:
    if name == "tor":
        return [t.key for t in entry.tor]
    if name == "witnesses":
        return [w.key for w in entry.witnesses]
    if name == "evidence":
        return entry.evidence.key if entry.evidence else None
    return getattr(entry, name)
