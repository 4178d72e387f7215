"""The Evidence page's notes: the list of notes taken against the selected evidence,
and the bar across the foot of the page for taking a new one.

The list is fetched a page at a time from the notes service (``EvidenceNotesModel``);
taking a note is one undo step (``evidence_commands``). The note's terms of reference
are picked by type-ahead, the evidence's own offered first. The page owns an
``EvidenceNotes`` and tells it which evidence is shown (``show``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.evidence_records import EvidenceEntry
from ...domain.note_records import NoteFilter
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.tor_picker import TorPicker
from .evidence_model import EvidenceNotesModel

if TYPE_CHECKING:
    from ..shared.workspace import Workspace
    from .evidence_commands import EvidenceEdits
    from .evidence_files import MakeAction
    from .evidence_selection import EvidenceRegister


class EvidenceNotes(QObject):
    """The page's notes panel: made with what it needs of the page, never the page."""

    def __init__(
        self,
        workspace: Workspace,
        edits: EvidenceEdits,
        register: EvidenceRegister,
        action: MakeAction,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.edits = edits
        self.register = register
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
        self.take_note_action = action(
            self.tr("Take Note"),
            self.tr("Save the note against this evidence (Enter)"),
            self.take_note_from_fields,
        )
        self._shown: EvidenceEntry | None = None

    def lay_out(self) -> tuple[QWidget, QHBoxLayout]:
        """The list of notes (beside the details) and the bar for a new note (across
        the foot of the page)."""
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
        return notes, note_bar

    def show(self, entry: EvidenceEntry | None, same: bool) -> None:
        """The notes on ``entry``; ``same``: the evidence shown already, unchanged."""
        self._shown = entry
        if not same:
            own = [t.key for t in entry.tor] if entry else []
            self.note_tor.editor.clear()
            self.note_tor.set_preferred(own)
            self.note_tor.set_keys(())
        review_id = self.register.review_id
        if entry is None or review_id is None:
            self.notes_model.set_query(None)
        elif not same:
            notes, key = self.workspace.services.notes, entry.key
            self.notes_model.set_query(
                lambda order: notes.ids(review_id, NoteFilter(evidence=key), order.key)
            )

    def set_editable(self, editable: bool) -> None:
        self.note_edit.setReadOnly(not editable)

    def update_actions(self, editable: bool, selected: bool) -> None:
        self.take_note_action.setEnabled(editable and selected)
        self.note_button.setEnabled(editable and selected)
        self.note_edit.setEnabled(selected)
        self.note_tor.setEnabled(editable and selected)

    def take_note_from_fields(self) -> None:
        entry = self._shown
        text = self.note_edit.text().strip()
        if entry is None or not self.register.editable or not text:
            return
        self.note_tor.accept_typed()  # a number typed but not yet added was meant
        tor = list(self.note_tor.keys())
        self.edits.versions.select(entry.key)
        if self.edits.take_note(entry, text, tor):
            self.note_edit.clear()
            self.note_edit.setFocus()
