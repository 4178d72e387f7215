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

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex

from ...domain.note_records import NoteEntry
from ..shared.display import SortRole
from ..shared.records_table import Column, ColumnTableModel, closed_mark, closed_row, closed_tooltip

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
#: How many notes one page read fetches.
PAGE = 200


class NoteColumn(IntEnum):
    TIME = 0
    ACCESS = 1
    ITEM = 2
    TERMS = 3
    TEXT = 4


class SessionNotesModel(ColumnTableModel[NoteEntry]):
    """Notes by id, fetched in pages; newest last."""

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], Iterable[NoteEntry]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__([], row_roles=closed_row(_closed), parent=parent)
        self.columns = tuple(self._columns())
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

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

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

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    # Columns -----------------------------------------------------------------------------

    def _columns(self) -> list[Column[NoteEntry]]:
        """The columns, in ``NoteColumn`` order. Every cell's tooltip of a closed note
        ends by saying why it is closed."""
        tr = self.tr

        def tip(lines: Callable[[NoteEntry], list[str]]) -> Callable[[NoteEntry], Any]:
            return closed_tooltip(lines, _closed, self._closed_why)

        def item(entry: NoteEntry) -> str:
            if entry.item is None:
                return ""
            number = self._item_numbers.get(entry.item.key)
            return str(number) if number is not None else entry.item.label

        def item_tip(entry: NoteEntry) -> list[str]:
            if entry.item is None:
                return []
            return [entry.item.label, *(w.label for w in entry.witnesses)]

        return [
            Column(
                tr("Time"),
                self._time,
                tooltip=tip(lambda n: [n.created.strftime("%d %b %Y %H:%M:%S")]),
                accessible=lambda n: tr("Taken at {time}").format(time=n.created.strftime("%H:%M")),
                header_tip=tr("When the note was taken"),
                roles={SortRole: lambda n: n.created.isoformat()},
            ),
            Column(
                tr("Access"),
                lambda n: tr("Closed") if n.closed else tr("Open"),
                tooltip=tip(lambda _n: []),
                accessible=lambda n: tr("Closed note") if n.closed else tr("Open note"),
                header_tip=tr(
                    "Closed notes (or notes on a closed item or closed evidence) are not published"
                ),
                roles=closed_mark(_closed),
            ),
            Column(
                tr("Item"),
                item,
                tooltip=tip(item_tip),
                accessible=item,
                header_tip=tr("The agenda item the note was taken under"),
            ),
            Column(
                tr("ToR"),
                lambda n: ", ".join(n.tor_numbers),
                tooltip=tip(lambda n: [t.label for t in n.tor]),
                accessible=lambda n: tr("Terms of reference {numbers}").format(
                    numbers=", ".join(n.tor_numbers)
                ),
                header_tip=tr("The terms of reference the note answers, by number"),
            ),
            Column(
                tr("Note"),
                lambda n: n.text,
                tooltip=tip(lambda n: [n.text]),
                accessible=lambda n: n.text,
            ),
        ]

    def _time(self, entry: NoteEntry) -> str:
        if self._day is not None and entry.created.date() != self._day:
            return entry.created.strftime("%d %b %H:%M")
        return entry.created.strftime("%H:%M")

    def _closed_why(self, entry: NoteEntry) -> str:
        if entry.access.value == "closed":
            return self.tr("CLOSED: a closed note, not published")
        if entry.item is not None:
            return self.tr("CLOSED: taken on a closed item, not published")
        return self.tr("CLOSED: taken on closed evidence, not published")


def _closed(entry: NoteEntry) -> bool:
    return entry.closed
