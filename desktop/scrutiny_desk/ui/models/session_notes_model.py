"""The notes taken at one meeting, newest last, for the live capture pane.

The model holds the notes' ids and fetches the notes themselves a page at a time when
a row is first shown (``fetch(ids)``, the notes service's ``entries``), so a meeting
with many notes costs a page read, not a full load. ``set_notes`` changes as little as
it can: a list that only grew at the end gets rows inserted (the view keeps its
place), one that only lost its last rows gets them removed; ``append`` adds a note
just saved without reading anything.

A closed note (its own access, or its item's, or its evidence's) carries the lock, the
word "Closed" and the warm tint, as closed business does everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.note_records import NoteEntry
from . import READ_ONLY, IdRole, SortRole, bold_font, closed_tint, lock_icon

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_ROOT = QModelIndex()
#: How many notes one page read fetches.
PAGE = 200


class NoteColumn(IntEnum):
    TIME = 0
    ACCESS = 1
    ITEM = 2
    TERMS = 3
    TEXT = 4


class SessionNotesModel(QAbstractTableModel):
    """Notes by id, fetched in pages; newest last."""

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], Iterable[NoteEntry]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._ids: list[int] = []
        self._cache: dict[int, NoteEntry | None] = {}
        self._item_numbers: dict[str, int] = {}
        self._day: date | None = None

    # Records -------------------------------------------------------------------------

    def set_item_numbers(self, numbers: dict[str, int]) -> None:
        """Item key -> the number printed on the agenda, for the Item column."""
        self._item_numbers = dict(numbers)
        if self._ids:
            self._changed(0, len(self._ids) - 1)

    def set_meeting_day(self, day: date | None) -> None:
        """Notes taken on another day than the meeting's show their date too."""
        self._day = day
        if self._ids:
            self._changed(0, len(self._ids) - 1)

    def set_notes(self, ids: Sequence[int], known: Iterable[NoteEntry] = ()) -> None:
        """Show these notes (``known``: some already read, so no page read is needed)."""
        new = list(ids)
        old = self._ids
        self._cache = {}
        for entry in known:
            self._cache[entry.id] = entry
        if new == old:
            if new:
                self._changed(0, len(new) - 1)
        elif new[: len(old)] == old:
            self.beginInsertRows(_ROOT, len(old), len(new) - 1)
            self._ids = new
            self.endInsertRows()
            if old:
                self._changed(0, len(old) - 1)
        elif old[: len(new)] == new:
            self.beginRemoveRows(_ROOT, len(new), len(old) - 1)
            self._ids = new
            self.endRemoveRows()
            if new:
                self._changed(0, len(new) - 1)
        else:
            self.beginResetModel()
            self._ids = new
            self.endResetModel()

    def append(self, entry: NoteEntry) -> None:
        """A note just saved: a new last row, nothing read."""
        if entry.id in self._ids:
            return
        row = len(self._ids)
        self.beginInsertRows(_ROOT, row, row)
        self._ids.append(entry.id)
        self._cache[entry.id] = entry
        self.endInsertRows()

    def ids(self) -> tuple[int, ...]:
        return tuple(self._ids)

    def record(self, row: int) -> NoteEntry | None:
        """The note of that row (read with its page if need be); None if it has gone."""
        if not 0 <= row < len(self._ids):
            return None
        note_id = self._ids[row]
        if note_id not in self._cache:
            first = row - row % PAGE
            wanted = [i for i in self._ids[first : first + PAGE] if i not in self._cache]
            for i in wanted:
                self._cache[i] = None
            for entry in self._fetch(wanted):
                self._cache[entry.id] = entry
        return self._cache.get(note_id)

    def row_of_key(self, key: str) -> int | None:
        for row in range(len(self._ids)):
            entry = self.record(row)
            if entry is not None and entry.key == key:
                return row
        return None

    def _changed(self, first: int, last: int) -> None:
        self.dataChanged.emit(self.index(first, 0), self.index(last, len(NoteColumn) - 1))

    # Qt model interface ------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(NoteColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(NoteColumn):
            return None
        column = NoteColumn(section)
        if role == Role.DisplayRole:
            return {
                NoteColumn.TIME: self.tr("Time"),
                NoteColumn.ACCESS: self.tr("Access"),
                NoteColumn.ITEM: self.tr("Item"),
                NoteColumn.TERMS: self.tr("ToR"),
                NoteColumn.TEXT: self.tr("Note"),
            }[column]
        if role == Role.ToolTipRole:
            return {
                NoteColumn.TIME: self.tr("When the note was taken"),
                NoteColumn.ACCESS: self.tr(
                    "Closed notes (or notes on a closed item or closed evidence) are not published"
                ),
                NoteColumn.ITEM: self.tr("The agenda item the note was taken under"),
                NoteColumn.TERMS: self.tr("The terms of reference the note answers, by number"),
                NoteColumn.TEXT: None,
            }[column]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == IdRole:
            return self._ids[index.row()]
        entry = self.record(index.row())
        if entry is None:
            return None
        column = NoteColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(entry, column)
        if role == Role.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Role.AccessibleTextRole:
            return self._spoken(entry, column)
        if role == SortRole:
            return entry.created.isoformat() if column == NoteColumn.TIME else None
        if entry.closed:
            if role == Role.BackgroundRole:
                return closed_tint()
            if column == NoteColumn.ACCESS:
                if role == Role.DecorationRole:
                    return lock_icon()
                if role == Role.FontRole:
                    return bold_font()
        return None

    def _display(self, entry: NoteEntry, column: NoteColumn) -> str:
        match column:
            case NoteColumn.TIME:
                if self._day is not None and entry.created.date() != self._day:
                    return entry.created.strftime("%d %b %H:%M")
                return entry.created.strftime("%H:%M")
            case NoteColumn.ACCESS:
                return self.tr("Closed") if entry.closed else self.tr("Open")
            case NoteColumn.ITEM:
                if entry.item is None:
                    return ""
                number = self._item_numbers.get(entry.item.key)
                return str(number) if number is not None else entry.item.label
            case NoteColumn.TERMS:
                return ", ".join(entry.tor_numbers)
            case NoteColumn.TEXT:
                return entry.text

    def _tooltip(self, entry: NoteEntry, column: NoteColumn) -> str | None:
        lines: list[str] = []
        match column:
            case NoteColumn.TIME:
                lines.append(entry.created.strftime("%d %b %Y %H:%M:%S"))
            case NoteColumn.ITEM if entry.item is not None:
                lines.append(entry.item.label)
                lines.extend(w.label for w in entry.witnesses)
            case NoteColumn.TERMS:
                lines.extend(t.label for t in entry.tor)
            case NoteColumn.TEXT:
                lines.append(entry.text)
            case _:
                pass
        if entry.closed:
            if lines:
                lines.append("")
            lines.append(self._closed_why(entry))
        return "\n".join(lines) or None

    def _closed_why(self, entry: NoteEntry) -> str:
        if entry.access.value == "closed":
            return self.tr("CLOSED: a closed note, not published")
        if entry.item is not None:
            return self.tr("CLOSED: taken on a closed item, not published")
        return self.tr("CLOSED: taken on closed evidence, not published")

    def _spoken(self, entry: NoteEntry, column: NoteColumn) -> str:
        match column:
            case NoteColumn.ACCESS:
                return self.tr("Closed note") if entry.closed else self.tr("Open note")
            case NoteColumn.TERMS:
                return self.tr("Terms of reference {numbers}").format(
                    numbers=", ".join(entry.tor_numbers)
                )
            case NoteColumn.TIME:
                return self.tr("Taken at {time}").format(time=entry.created.strftime("%H:%M"))
            case _:
                return self._display(entry, column)
