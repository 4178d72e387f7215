"""The terms-of-reference tree as a Qt item model: number, text and notes held against it.

One model serves two places. On the Terms of Reference page it shows the saved tree
(``set_entries``) and an edit of an item's text only asks for it (``text_edited``): the
page saves it through the services, and the reload shows the result. In the paste
dialog's preview it holds a pasted tree in memory (``set_parsed``), and edits, indents,
outdents and removals change that tree at once, ready for ``parsed()``.

Numbers (1, 1.2, 1.2.3) follow position; the preview renumbers after every change.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from ...domain.tor_parse import ParsedTor
from ...domain.tor_records import TorEntry

Index = QModelIndex | QPersistentModelIndex
KeyRole = Qt.ItemDataRole.UserRole + 1
_ROOT = QModelIndex()


class TorColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    NOTES = 2


class _Node:
    __slots__ = ("children", "entry", "key", "number", "parent", "row", "serial", "text")

    def __init__(self, serial: int, key: str, text: str, parent: _Node | None) -> None:
        self.serial = serial
        self.key = key
        self.text = text
        self.parent = parent
        self.children: list[_Node] = []
        self.number = ""
        self.row = 0  # its index among its siblings, kept by the model
        self.entry: TorEntry | None = None


class TorTreeModel(QAbstractItemModel):
    """A tree of terms-of-reference items (see the module doc)."""

    #: the page's tree: an item's text was edited in place (key, new text)
    text_edited = Signal(str, str)

    def __init__(
        self, parent: Any = None, *, in_memory: bool = False, show_notes: bool = True
    ) -> None:
        super().__init__(parent)
        self.in_memory = in_memory
        self.show_notes = show_notes
        self.editable = True
        self.first_number = 1  # the preview numbers after the objectives already there
        # One font for every call: a QFont made afresh in each data() call upsets
        # PySide 6.12's reference counting of None (a crash at exit after many rows).
        self._bold = QFont()
        self._bold.setBold(True)
        self._serials = itertools.count(1)
        self._root = _Node(0, "", "", None)
        self._nodes: dict[int, _Node] = {}
        self._by_key: dict[str, _Node] = {}

    # Filling ----------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[TorEntry]) -> None:
        """The saved tree, from the service's flat outline (tree order)."""
        self.beginResetModel()
        self._clear()
        for entry in entries:
            parent = self._by_key.get(entry.parent_key or "", self._root)
            node = self._add(entry.key, entry.text, parent)
            node.number = entry.number
            node.entry = entry
        self.endResetModel()

    def set_parsed(self, items: Sequence[ParsedTor]) -> None:
        """A pasted tree, held in memory (the preview)."""
        self.beginResetModel()
        self._clear()
        stack: list[tuple[ParsedTor, _Node]] = [(i, self._root) for i in reversed(items)]
        while stack:
            item, parent = stack.pop()
            node = self._add(f"p{len(self._nodes) + 1}", item.text, parent)
            stack.extend((c, node) for c in reversed(item.children))
        self._renumber()
        self.endResetModel()

    def parsed(self) -> tuple[ParsedTor, ...]:
        """The tree as it stands, with any edits made in the preview."""

        def freeze(node: _Node) -> ParsedTor:
            return ParsedTor(node.text, tuple(freeze(c) for c in node.children))

        return tuple(freeze(c) for c in self._root.children)

    def _clear(self) -> None:
        self._root = _Node(0, "", "", None)
        self._nodes = {}
        self._by_key = {}

    def _add(self, key: str, text: str, parent: _Node) -> _Node:
        node = _Node(next(self._serials), key, text, parent)
        node.row = len(parent.children)
        parent.children.append(node)
        self._nodes[node.serial] = node
        self._by_key[key] = node
        return node

    def _renumber(self) -> None:
        start = self.first_number
        stack = [(c, f"{n}") for n, c in enumerate(self._root.children, start=start)]
        while stack:
            node, number = stack.pop()
            node.number = number
            stack.extend((c, f"{number}.{n}") for n, c in enumerate(node.children, start=1))
        for row, node in enumerate(self._root.children):
            node.row = row
        for node in self._nodes.values():
            for row, child in enumerate(node.children):
                child.row = row

    # Reading ----------------------------------------------------------------------------

    def _node(self, index: Index) -> _Node:
        if not index.isValid():
            return self._root
        return self._nodes[index.internalId()]

    def key(self, index: Index) -> str | None:
        return self._node(index).key if index.isValid() else None

    def entry(self, index: Index) -> TorEntry | None:
        return self._node(index).entry if index.isValid() else None

    def index_of_key(self, key: str, column: int = TorColumn.TEXT) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node.serial)

    def count(self) -> tuple[int, int]:
        """(items at the top, items under them)."""
        return len(self._root.children), len(self._nodes) - len(self._root.children)

    def keys(self) -> list[str]:
        """Every key, in tree order."""
        out: list[str] = []
        stack = list(reversed(self._root.children))
        while stack:
            node = stack.pop()
            out.append(node.key)
            stack.extend(reversed(node.children))
        return out

    # The preview's own edits ------------------------------------------------------------

    def indent(self, key: str) -> bool:
        """The item goes under the item above it (in memory); False if there is none."""
        node = self._by_key[key]
        siblings = (node.parent or self._root).children
        at = siblings.index(node)
        if at == 0:
            return False
        self.beginResetModel()
        siblings.pop(at)
        above = siblings[at - 1]
        above.children.append(node)
        node.parent = above
        self._renumber()
        self.endResetModel()
        return True

    def outdent(self, key: str) -> bool:
        """The item moves out one level, just after its parent; False at the top."""
        node = self._by_key[key]
        parent = node.parent
        if parent is None or parent is self._root:
            return False
        grand = parent.parent or self._root
        self.beginResetModel()
        parent.children.remove(node)
        grand.children.insert(grand.children.index(parent) + 1, node)
        node.parent = grand
        self._renumber()
        self.endResetModel()
        return True

    def remove(self, key: str) -> None:
        """Drop the item and its sub-items (in memory)."""
        node = self._by_key[key]
        self.beginResetModel()
        (node.parent or self._root).children.remove(node)
        stack = [node]
        while stack:
            gone = stack.pop()
            self._nodes.pop(gone.serial, None)
            self._by_key.pop(gone.key, None)
            stack.extend(gone.children)
        self._renumber()
        self.endResetModel()

    # QAbstractItemModel -----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column < 0 or column >= self.columnCount(parent) or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._node(parent).children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row].serial)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent.serial)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, _parent: Index = _ROOT) -> int:
        return 3 if self.show_notes else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            TorColumn.NUMBER: self.tr("No."),
            TorColumn.TEXT: self.tr("Terms of reference"),
            TorColumn.NOTES: self.tr("Notes"),
        }.get(TorColumn(section))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == TorColumn.TEXT and self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        column = index.column()
        if role == KeyRole:
            return node.key
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == TorColumn.NUMBER:
                return node.number
            if column == TorColumn.TEXT:
                return node.text
            if column == TorColumn.NOTES and node.entry is not None:
                return (
                    node.entry.note_count
                    if role == Qt.ItemDataRole.EditRole
                    else (str(node.entry.note_count) if node.entry.note_count else "–")
                )
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == TorColumn.TEXT:
            return f"{node.number} {node.text}"
        if role == Qt.ItemDataRole.ToolTipRole and column == TorColumn.NOTES:
            count = node.entry.note_count if node.entry is not None else 0
            if count == 0:
                return self.tr("No notes are held against {0} yet").format(node.number)
            held = (
                self.tr("%n note is held against {0}", "", count)
                if count == 1
                else self.tr("%n notes are held against {0}", "", count)
            )
            return held.format(node.number)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == TorColumn.TEXT:
            return f"{node.number} {node.text}"
        if role == Qt.ItemDataRole.TextAlignmentRole:  # wrapped rows read from the top
            across = (
                Qt.AlignmentFlag.AlignLeft
                if column == TorColumn.TEXT
                else Qt.AlignmentFlag.AlignRight
            )
            return int(across | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.FontRole and node.parent is self._root:
            return self._bold  # the objectives stand out from their sub-items
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != TorColumn.TEXT
            or role != Qt.ItemDataRole.EditRole
            or not self.editable
        ):
            return False
        text = str(value).strip()
        node = self._node(index)
        if not text or text == node.text:
            return False
        if self.in_memory:
            node.text = text
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
            return True
        self.text_edited.emit(node.key, text)
        return False  # saved by the page; the reload shows it
