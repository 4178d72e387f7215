"""What the clerk does to the draft's paragraphs, each one undo step: add, delete, move
up and down, move to another section, save the text or access, cite notes and evidence,
support recommendations, cite what is at hand (``cite_actions``).

The actions read the pane's state (the review, the section, the paragraph chosen) and
perform a step of ``paragraph_steps`` through the window's editor; a refusal (empty
text, a colleague's change, a key gone) is shown by the editor's message naming the
field, and nothing changes. The pickers are the shared ``LinksDialog``.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog

from ...domain.report_entries import ParagraphEntry
from ..shared.common import action_buttons, page_action
from ..shared.display import one_line
from ..shared.field_commits import FieldCommits
from .cite_actions import CiteActions
from .draft_read import UNPLACED
from .paragraph_steps import (
    AddParagraph,
    DeleteParagraph,
    EditParagraph,
    MoveParagraph,
    ParagraphVersions,
)

if TYPE_CHECKING:
    from .draft_pane import DraftPane


class ParagraphActions(QObject):
    def __init__(self, pane: DraftPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.workspace = pane.workspace
        self.service = pane.service
        self.versions: ParagraphVersions = {}
        tr = self.tr
        act = partial(page_action, pane)
        # The list's keys work in the list, as in the other lists (not in the text,
        # where Del and Ctrl+Up keep their meaning).
        listed = partial(page_action, pane.view, add=True)
        self.add_action = listed(
            tr("&Add"), tr("Add a paragraph after the one chosen"), self.add, "Ins"
        )
        self.delete_action = listed(
            tr("&Delete"), tr("Delete the chosen paragraph"), self.delete, "Del"
        )
        self.up_action = listed(
            tr("Move &Up"), tr("Move the paragraph up"), partial(self.shift, -1), "Ctrl+Up"
        )
        self.down_action = listed(
            tr("Move Do&wn"), tr("Move the paragraph down"), partial(self.shift, 1), "Ctrl+Down"
        )
        self.move_action = act(
            tr("&Move to Section…"), tr("Move the paragraph to another section"), self.move_to
        )
        self.cites = CiteActions(self)
        self.place_dialog: QInputDialog | None = None  # the last opened, for tests
        self.cite_action = act(
            tr("&Cites…"),
            tr("Choose the notes and evidence the paragraph cites"),
            self.cites.choose_cited,
        )
        self.support_action = act(
            tr("&Supports…"),
            tr("Choose the recommendations the paragraph supports"),
            self.cites.choose_supported,
        )
        editor = pane.editor
        self.commits = FieldCommits(self.commit_field, lambda: editor.filling, self)
        self.commits.watch("text", editor.text_edit)
        self.commits.watch("access", editor.closed_box)
        editor.save_shortcut.activated.connect(self.flush)
        editor.cite_buttons.addLayout(action_buttons([self.cite_action, self.support_action]))
        self.workspace.editor.committing.connect(self.flush)

    def list_actions(self) -> list[QAction | None]:
        return [
            self.add_action,
            self.delete_action,
            None,
            self.up_action,
            self.down_action,
            self.move_action,
        ]

    def update(self) -> None:
        pane, writable = self.pane, not self.workspace.read_only
        entry = pane.current_entry()
        row = pane.view.currentIndex().row()
        in_place = pane.place is not None and pane.place != UNPLACED
        self.add_action.setEnabled(writable and in_place)
        for action in (self.delete_action, self.move_action, self.cite_action, self.support_action):
            action.setEnabled(writable and entry is not None)
        self.up_action.setEnabled(writable and entry is not None and in_place and row > 0)
        self.down_action.setEnabled(
            writable and entry is not None and in_place and row < pane.model.rowCount() - 1
        )

    # Steps -----------------------------------------------------------------------------

    def perform(self, step: Any, keep: str | None = None) -> Any:
        done = self.workspace.editor.perform(step)
        if isinstance(done, ParagraphEntry):
            self.pane.reveal(done.key)
        elif keep is not None:
            self.pane.reveal(keep)
        return done

    def ident(self, entry: ParagraphEntry) -> tuple[int, str]:
        ident = (entry.review_id, entry.key)
        self.versions[ident] = entry.version  # what this page read last
        return ident

    def add(self) -> None:
        pane = self.pane
        if pane.review_id is None or pane.place is None or pane.place == UNPLACED:
            return
        self.flush()
        row = pane.view.currentIndex().row()
        index = row + 1 if row >= 0 else None
        step = AddParagraph(
            self.tr("Add paragraph"),
            self.service,
            pane.review_id,
            pane.place,
            self.tr("New paragraph"),
            self.versions,
            index=index,
        )
        self.perform(step)
        pane.editor.text_edit.setFocus()
        pane.editor.text_edit.selectAll()

    def delete(self) -> None:
        entry = self.pane.current_entry()
        if entry is None:
            return
        self.commits.forget()
        text = self.tr("Delete paragraph {number}").format(number=entry.number or "")
        self.perform(DeleteParagraph(text.strip(), self.service, self.ident(entry), self.versions))

    def shift(self, by: int) -> None:
        pane, entry = self.pane, self.pane.current_entry()
        if entry is None or pane.place in (None, UNPLACED):
            return
        self.flush()
        entry = pane.current_entry() or entry
        after = entry.position + by
        if not 0 <= after < pane.model.rowCount():
            return
        step = MoveParagraph(
            self.tr("Move paragraph"),
            self.service,
            self.ident(entry),
            (entry.place, entry.position),
            (entry.place, after),
            self.versions,
        )
        self.perform(step)

    def move_to(self) -> None:
        """Ask for the section (a window-modal list of the outline's places)."""
        pane, entry = self.pane, self.pane.current_entry()
        if entry is None:
            return
        self.flush()
        entry = pane.current_entry() or entry
        # (a label as long as its terms-of-reference item would make the list too wide)
        places = [
            (place, label[: len(label) - len(label.lstrip())] + one_line(label, 90))
            for place, label in pane.outline.places()
        ]
        labels = [label for _place, label in places]
        dialog = QInputDialog(self.workspace.window)
        dialog.setObjectName("movePlaceDialog")
        dialog.setWindowTitle(self.tr("Move to Section"))
        dialog.setLabelText(self.tr("Move the paragraph to the end of:"))
        dialog.setComboBoxItems(labels)
        dialog.setComboBoxEditable(False)
        current = next((label for place, label in places if place == entry.place), None)
        if current is not None:
            dialog.setTextValue(current)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(
            partial(self._move_to, entry, dict(zip(labels, (p for p, _l in places), strict=True)))
        )
        self.place_dialog = dialog
        dialog.open()

    def _move_to(self, entry: ParagraphEntry, places: dict[str, str], label: str) -> None:
        place = places.get(label)
        if place is None or place == entry.place:
            return
        step = MoveParagraph(
            self.tr("Move paragraph to another section"),
            self.service,
            self.ident(entry),
            (entry.place, entry.position),
            (place, None),
            self.versions,
        )
        self.perform(step)

    def flush(self) -> None:
        """Save now whatever the editor holds that is not saved yet."""
        self.commits.flush()

    def commit_field(self, _name: str | None) -> None:
        editor = self.pane.editor
        entry = editor.entry
        changed = editor.changed_values()
        if entry is None or not changed or self.workspace.read_only:
            return
        before = {name: getattr(entry, name) for name in changed}
        text = (
            self.tr("Mark paragraph closed or open")
            if "text" not in changed
            else self.tr("Edit paragraph")
        )
        step = EditParagraph(text, self.service, self.ident(entry), before, changed, self.versions)
        if self.workspace.editor.perform(step) is None:
            editor.show_entry(self.pane.current_entry())  # refused: show what is saved
