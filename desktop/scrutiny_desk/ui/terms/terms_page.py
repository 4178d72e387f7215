"""The Terms of Reference page: the review's questions as an outline a clerk can shape.

Add an item or a sub-item, edit its words in place (F2 or a double-click), indent and
outdent (Tab / Shift+Tab in the tree, or Ctrl+] / Ctrl+[), move it among its siblings
(Ctrl+Up / Ctrl+Down), delete it (Del), or paste a whole list from a document
(Ctrl+Shift+V). Each is one service call and one undo step; numbers (1, 1.2, 1.2.3)
follow position and every page showing them reloads: each step says "tor" (and "agenda",
whose items show their terms of reference by number).

Each action is a named step (terms_steps.py) that finds its item by key and quotes
the version read; undoing an edit of the words is refused if the words are no longer
the ones the step wrote, so it never overwrites a colleague's change.

Tab in the tree indents only when the current item can be indented, and Shift+Tab
outdents only when it can be outdented; otherwise they move the focus as usual, and
Ctrl+Tab / Ctrl+Shift+Tab always do, so the keyboard is never trapped in the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain.topics import Topic, Topics
from ...domain.tor_parse import ParsedTor
from ...domain.tor_records import TorEntry
from ..audit.history_action import add_history
from ..shared.commands import Step
from ..shared.common import action_buttons
from ..shared.removal_question import ask_before_removing, shortened
from ..shared.tables import caption
from ..shared.workspace import Workspace
from .paste_tor_dialog import PasteTorDialog, setup_tor_tree
from .terms_steps import (
    AddTorItem,
    DeleteTorItem,
    EditTorText,
    IndentTorItem,
    MoveTorItem,
    OutdentTorItem,
    PasteTorItems,
)
from .tor_model import TorColumn, TorTreeModel

KIND = "tor"
# The agenda shows its items' terms of reference by number ("1.2 ..."), and its tab and
# the main window reload on "agenda" only, so a renumbering tells them too.


class TermsPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review, reload and reveal."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.TERMS,
            Topic.NOTES,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("termsPage")
        self.workspace = workspace
        self.terms = workspace.services.terms
        self._review_id: int | None = None
        self._select_key: str | None = None
        self._edit_key: str | None = None  # open the editor on it once loaded (a new item)
        self.dialog: PasteTorDialog | None = None  # the one open, for tests

        self.model = TorTreeModel(self)
        self.model.text_edited.connect(self._on_text_edited)
        self.view = QTreeView()
        self.view.setObjectName("termsTree")
        setup_tor_tree(self.view, self.model, self.tr("Terms of reference"))
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.view.installEventFilter(self)

        self.empty_label = QLabel(
            self.tr(
                "There are no terms of reference yet. Add an item (Ins), or paste them from "
                "a document or web page (Ctrl+Shift+V)."
            )
        )
        self.empty_label.setObjectName("termsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(caption(self.tr("&Terms of reference"), self.view))
        layout.addLayout(
            action_buttons(
                [
                    self.add_action,
                    self.add_sub_action,
                    self.edit_action,
                    None,
                    self.indent_action,
                    self.outdent_action,
                    self.up_action,
                    self.down_action,
                    None,
                    self.delete_action,
                    None,
                    self.paste_action,
                ]
            )
        )
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        self._update_actions()

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot: Callable[[], Any], keys: str = "") -> QAction:
            made = QAction(text, self)
            shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            made.setStatusTip(tip)
            made.setToolTip(f"{tip} ({shown})" if keys else tip)
            if keys:
                made.setShortcut(QKeySequence(keys))
                made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(slot)
            self.addAction(made)
            return made

        self.add_action = action(
            self.tr("&Add Item"),
            self.tr("Add an item after the selected one, at the same level"),
            self.add_item,
            "Ins",
        )
        self.add_sub_action = action(
            self.tr("Add &Sub-item"),
            self.tr("Add an item under the selected one"),
            self.add_sub_item,
            "Shift+Ins",
        )
        self.edit_action = action(
            self.tr("&Edit"), self.tr("Change the selected item's words"), self.edit_item, "F2"
        )
        self.indent_action = action(
            self.tr("&Indent"),
            self.tr("Put the item under the item above it (Tab in the tree)"),
            self.indent_item,
            "Ctrl+]",
        )
        self.outdent_action = action(
            self.tr("&Outdent"),
            self.tr("Move the item out one level (Shift+Tab in the tree)"),
            self.outdent_item,
            "Ctrl+[",
        )
        self.up_action = action(
            self.tr("Move &Up"),
            self.tr("Move the item up among its siblings"),
            partial(self.move_item, -1),
            "Ctrl+Up",
        )
        self.down_action = action(
            self.tr("Move Do&wn"),
            self.tr("Move the item down among its siblings"),
            partial(self.move_item, 1),
            "Ctrl+Down",
        )
        self.delete_action = action(
            self.tr("&Delete"),
            self.tr("Delete the item and its sub-items (Undo puts them back)"),
            self.delete_item,
            "Del",
        )
        self.paste_action = action(
            self.tr("&Paste Terms of Reference…"),
            self.tr("Turn terms of reference copied from a document or web page into items"),
            self.paste_terms,
            "Ctrl+Shift+V",
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(self.actions())
        add_history(self.view, self.workspace, "tor_items", self.current_entry)

    # Page protocol ------------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        self._select_key = None
        if review_id is None:
            self.workspace.runner.discard("tor-outline")
            self.model.set_entries([])
            self._after_load()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            current = self.current_entry()
            if self._select_key is None and current is not None:
                self._select_key = current.key
            self._load()

    def reveal(self, key: str) -> bool:
        """Select the item with this key, scroll to it and focus the tree."""
        index = self.model.index_of_key(key)
        if not index.isValid():
            self._select_key = key  # perhaps still loading
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()
        return True

    # What is shown --------------------------------------------------------------------------

    def current_entry(self) -> TorEntry | None:
        return self.model.entry(self.view.currentIndex())

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        self.workspace.runner.submit(
            partial(self.terms.outline, review_id),
            partial(self._on_loaded, review_id),
            self._on_failed,
            key="tor-outline",
        )

    def _on_loaded(self, review_id: int, entries: tuple[TorEntry, ...]) -> None:
        if review_id != self._review_id:
            return
        wanted = self._select_key or (e.key if (e := self.current_entry()) else None)
        self._select_key = None
        self.model.set_entries(entries)
        self._after_load(wanted)

    def _after_load(self, wanted: str | None = None) -> None:
        self.model.editable = not self.workspace.read_only
        self.view.expandAll()
        index = self.model.index_of_key(wanted) if wanted else QModelIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, TorColumn.TEXT)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        self.empty_label.setVisible(self._review_id is not None and self.model.rowCount() == 0)
        self._update_actions()
        key, self._edit_key = self._edit_key, None
        if key is not None and (found := self.model.index_of_key(key)).isValid():
            self.view.setCurrentIndex(found)
            self.view.setFocus()
            self.view.edit(found)

    def _on_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The terms of reference could not be read"), exc)

    def _on_current_changed(self, *_args: object) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self._review_id is not None
        entry = self.current_entry()
        index = self.view.currentIndex()
        siblings = self.model.rowCount(index.parent()) if index.isValid() else 0
        self.add_action.setEnabled(writable)
        self.paste_action.setEnabled(writable)
        for made in (self.add_sub_action, self.edit_action, self.delete_action):
            made.setEnabled(writable and entry is not None)
        self.indent_action.setEnabled(writable and entry is not None and entry.position > 0)
        self.outdent_action.setEnabled(
            writable and entry is not None and entry.parent_key is not None
        )
        self.up_action.setEnabled(writable and entry is not None and entry.position > 0)
        self.down_action.setEnabled(
            writable and entry is not None and entry.position < siblings - 1
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tab / Shift+Tab indent and outdent in the tree when they can (module doc)."""
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and ctrl:
                self.view.clearFocus()
                backwards = key == Qt.Key.Key_Backtab or bool(
                    mods & Qt.KeyboardModifier.ShiftModifier
                )
                self.focusNextPrevChild(not backwards)
                return True
            if key == Qt.Key.Key_Tab and not mods and self.indent_action.isEnabled():
                self.indent_item()
                return True
            if key == Qt.Key.Key_Backtab and self.outdent_action.isEnabled():
                self.outdent_item()
                return True
        return super().eventFilter(watched, event)

    # Actions ------------------------------------------------------------------------------

    def add_item(self) -> None:
        if not self.add_action.isEnabled() or self._review_id is None:
            return
        entry = self.current_entry()
        if entry is None:
            self._add(None, None)
        else:
            self._add(entry.parent_key, entry.position + 1)

    def add_sub_item(self) -> None:
        entry = self.current_entry()
        if entry is None or not self.add_sub_action.isEnabled():
            return
        self._add(entry.key, None)

    def _add(self, parent: str | None, index: int | None) -> None:
        review_id = self._review_id
        assert review_id is not None
        added = self._perform(AddTorItem(self.terms, review_id, parent, index, self.show_later))
        if isinstance(added, TorEntry):
            self._edit_key = added.key
            if self.model.index_of_key(added.key).isValid():  # loaded already
                self._after_load(added.key)

    def edit_item(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.edit_action.isEnabled():
            self.view.setFocus()
            self.view.edit(self.model.index(index.row(), TorColumn.TEXT, index.parent()))

    def _on_text_edited(self, key: str, text: str) -> None:
        # Save once the delegate has finished committing, not inside the model's setData.
        QTimer.singleShot(0, partial(self.set_text, key, text))

    def set_text(self, key: str, text: str) -> None:
        """Change an item's words (what an in-place edit does)."""
        review_id = self._review_id
        if review_id is None or self.workspace.read_only:
            return
        index = self.model.index_of_key(key)
        entry = self.model.entry(index)
        if entry is None or entry.text == text:
            return
        self._perform(EditTorText(self.terms, review_id, entry, text, self.show_later))

    def indent_item(self) -> None:
        entry = self.current_entry()
        if entry is None or not self.indent_action.isEnabled():
            return
        self._place(IndentTorItem, entry)

    def outdent_item(self) -> None:
        entry = self.current_entry()
        if entry is None or not self.outdent_action.isEnabled():
            return
        self._place(OutdentTorItem, entry)

    def _place(self, kind: type[IndentTorItem | OutdentTorItem], entry: TorEntry) -> None:
        review_id = self._review_id
        assert review_id is not None
        self._perform(kind(self.terms, review_id, entry, self.show_later))

    def move_item(self, step: int) -> None:
        entry = self.current_entry()
        action = self.up_action if step < 0 else self.down_action
        if entry is None or not action.isEnabled():
            return
        review_id = self._review_id
        assert review_id is not None
        to = entry.position + step
        self._perform(MoveTorItem(self.terms, review_id, entry, to, self.show_later))

    def delete_item(self) -> None:
        """Delete the selected item; when it has sub-items or anything answers it, ask
        first."""
        entry = self.current_entry()
        if entry is None or not self.delete_action.isEnabled():
            return
        ask_before_removing(
            self.workspace.window,
            self.tr("Delete Terms-of-Reference Item"),
            self.tr("Delete {number} “{text}”?").format(
                number=entry.number, text=shortened(entry.text)
            ),
            lambda: self.workspace.services.removals.of_tor(entry.id),
            partial(self._delete_item, entry),
        )

    def _delete_item(self, entry: TorEntry) -> None:
        review_id = self._review_id
        assert review_id is not None
        # After the delete, select the item that took its place (or the one above).
        neighbour = self._neighbour_key(entry)
        self._perform(DeleteTorItem(self.terms, review_id, entry, neighbour, self.show_later))

    def _neighbour_key(self, entry: TorEntry) -> str | None:
        keys = self.model.keys()
        below = self.model.index_of_key(entry.key)
        sibling = below.sibling(below.row() + 1, TorColumn.TEXT)
        if sibling.isValid():
            return self.model.key(sibling)
        at = keys.index(entry.key)
        return keys[at - 1] if at > 0 else None

    def paste_terms(self) -> None:
        if not self.paste_action.isEnabled() or self._review_id is None:
            return
        self.dialog = PasteTorDialog(
            self.workspace.window, self.workspace.settings, existing=self.model.count()[0]
        )
        self.dialog.accepted.connect(partial(self._on_paste_accepted, self.dialog))
        self.dialog.open()

    def _on_paste_accepted(self, dialog: PasteTorDialog) -> None:
        self.add_parsed(dialog.parsed())

    def add_parsed(self, parsed: tuple[ParsedTor, ...]) -> None:
        """Add a pasted tree after the items already there: one undo step."""
        review_id = self._review_id
        if review_id is None or not parsed:
            return
        self._perform(PasteTorItems(self.terms, review_id, parsed, self.show_later))

    # Helpers ------------------------------------------------------------------------------

    def show_later(self, key: str | None) -> None:
        """Select this item once the outline is read again (None: the first)."""
        self._select_key = key

    def _perform(self, step: Step) -> Any:
        """One undo step; its result, or None if it was refused."""
        return self.workspace.editor.perform(step)
