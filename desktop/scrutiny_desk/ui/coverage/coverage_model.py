"""The coverage matrix as a table, and the notes of one of its cells.

``CoverageModel`` shows a ``CoverageView``: one row per term of reference in tree
order (number, then the text indented by depth), then "Notes" (taken against the
item itself; a gap reads "No evidence yet"), "With sub-items" (an objective's notes
and its sub-items', each once), then one column per source, grouped: meetings by
date, witnesses, evidence. A cell shows its count, shaded by how many notes it has;
``NoteIdsRole`` gives the note ids behind any cell (the Notes column: the item's own;
"With sub-items": the roll-up), which the page lists below the matrix.

``CellNotesModel`` lists those notes, fetched in pages by id (a cell may hold
thousands), closed notes marked as closed business is everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from ...domain.note_records import NoteEntry
from ...domain.views import CoverageRow, CoverageSource, CoverageView, SourceKind
from ..shared.display import READ_ONLY, SortRole, bold_font, closed_tint, lock_icon
from ..shared.paged import Order, PagedTableModel
from ..shared.records_table import Column
from ..shared.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_ROOT = QModelIndex()

#: The note ids behind a cell (a tuple of ints).
NoteIdsRole = Qt.ItemDataRole.UserRole + 10
#: The key of the row's term of reference.
TorKeyRole = Qt.ItemDataRole.UserRole + 11

_SHADE = QColor(40, 110, 180)  # counts: the more notes, the deeper the blue
_GAP = QColor(200, 60, 40)  # gaps: a warm red, blended thin
HEADER_CHARACTERS = 22
ROW_HEADER_CHARACTERS = 46


class CoverageColumn(IntEnum):
    TOR = 0
    NOTES = 1
    ROLLED = 2
    FIRST_SOURCE = 3


def blend(colour: QColor, strength: float) -> QColor:
    """``colour`` laid over the palette's base colour at ``strength`` (0..1)."""
    base = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    s = max(0.0, min(1.0, strength))
    return QColor(
        round(base.red() * (1 - s) + colour.red() * s),
        round(base.green() * (1 - s) + colour.green() * s),
        round(base.blue() * (1 - s) + colour.blue() * s),
    )


def _short(text: str, limit: int = HEADER_CHARACTERS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class CoverageModel(QAbstractTableModel):
    """A ``CoverageView`` as a table (see the module)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view: CoverageView | None = None
        self._max = 1
        self._words = {
            SourceKind.MEETING: self.tr("Meeting"),
            SourceKind.WITNESS: self.tr("Witness"),
            SourceKind.EVIDENCE: self.tr("Evidence"),
        }

    def set_view(self, view: CoverageView | None) -> None:
        self.beginResetModel()
        self.view = view
        counts = [len(ids) for r in view.rows for ids in r.cells.values()] if view else []
        self._max = max(counts, default=1)
        self.endResetModel()

    # Shape ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() or self.view is None else len(self.view.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid():
            return 0
        return CoverageColumn.FIRST_SOURCE + (len(self.view.sources) if self.view else 0)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def row(self, row: int) -> CoverageRow | None:
        if self.view is None or not 0 <= row < len(self.view.rows):
            return None
        return self.view.rows[row]

    def source(self, column: int) -> CoverageSource | None:
        if self.view is None:
            return None
        n = column - CoverageColumn.FIRST_SOURCE
        return self.view.sources[n] if 0 <= n < len(self.view.sources) else None

    def row_of_key(self, key: str) -> int | None:
        if self.view is None:
            return None
        return next((n for n, r in enumerate(self.view.rows) if r.key == key), None)

    # Headers -------------------------------------------------------------------------

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Vertical:
            return self._row_header(section, role)
        source = self.source(section)
        if role == Role.DisplayRole:
            if section == CoverageColumn.TOR:
                return self.tr("Term of reference")
            if section == CoverageColumn.NOTES:
                return self.tr("Notes")
            if section == CoverageColumn.ROLLED:
                return self.tr("With sub-items")
            if source is None:
                return None
            return f"{self._words[source.kind]}\n{self._short_title(source)}"
        if role == Role.ToolTipRole:
            if section == CoverageColumn.NOTES:
                return self.tr("Notes taken against the term of reference itself")
            if section == CoverageColumn.ROLLED:
                return self.tr(
                    "An objective's notes and its sub-items' notes, each note counted once"
                )
            return None if source is None else self.source_tip(source)
        if role == Role.TextAlignmentRole and section != CoverageColumn.TOR:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def _row_header(self, section: int, role: int) -> Any:
        """The term of reference as a row header, so it stays in view as the clerk
        scrolls across a hundred sources."""
        row = self.row(section)
        if row is None:
            return None
        if role == Role.DisplayRole:
            return "   " * row.depth + f"{row.number}  {_short(row.text, ROW_HEADER_CHARACTERS)}"
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            return self._tor_cell(row, Role.ToolTipRole)
        if role == Role.FontRole and row.depth == 0:
            return bold_font()
        if role == Role.ForegroundRole and row.gap:
            return blend(_GAP, 0.95)
        if role == Role.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def _short_title(self, source: CoverageSource) -> str:
        if source.kind is SourceKind.MEETING and source.day is not None:
            return f"{source.day.day} {source.day.strftime('%b')} {source.day.year}"
        return _short(source.title)

    def source_tip(self, source: CoverageSource) -> str:
        lines = [f"{self._words[source.kind]}: {source.title}"]
        if source.detail:
            lines.append(source.detail)
        if source.day is not None:
            if source.kind is SourceKind.EVIDENCE:
                lines.append(
                    self.tr("Received {date}").format(date=source.day.strftime("%d %b %Y"))
                )
            else:
                lines.append(source.day.strftime("%A %d %B %Y"))
        if source.closed:
            lines.append(self.tr("Closed: not in the public version"))
        lines.append(self.tr("{notes} in all").format(notes=self.notes_word(source.notes)))
        return "\n".join(lines)

    # Cells ---------------------------------------------------------------------------

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row(index.row())
        if row is None:
            return None
        column = index.column()
        if column == CoverageColumn.TOR:
            return self._tor_cell(row, role)
        ids = self._ids(row, column)
        count = len(ids)
        if role == Role.DisplayRole:
            if column == CoverageColumn.NOTES and row.gap:
                return self.tr("No evidence yet")
            if column == CoverageColumn.ROLLED and not row.has_children:
                return ""
            return str(count) if count else ""
        if role == Role.AccessibleTextRole:
            return self._tip(row, column, count)
        if role == Role.ToolTipRole:
            return self._tip(row, column, count)
        if role == NoteIdsRole:
            return ids
        if role == TorKeyRole:
            return row.key
        if role == SortRole:
            return count
        if role == Role.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Role.BackgroundRole:
            if row.gap:
                return blend(_GAP, 0.16)
            if column >= CoverageColumn.FIRST_SOURCE and count:
                return blend(_SHADE, 0.12 + 0.5 * count / self._max)
            return None
        if role == Role.DecorationRole and count and self._closed(ids):
            return lock_icon()  # closed notes are counted here (the panel's view)
        if role == Role.ForegroundRole and column == CoverageColumn.NOTES and row.gap:
            return blend(_GAP, 0.95)
        if role == Role.FontRole:
            if column == CoverageColumn.NOTES and row.gap:
                return bold_font()
            if column == CoverageColumn.ROLLED:
                font = QFont(QGuiApplication.font())
                font.setItalic(True)
                return font
        return None

    def _tor_cell(self, row: CoverageRow, role: int) -> Any:
        if role == Role.DisplayRole:
            return "    " * row.depth + f"{row.number}  {' '.join(row.text.split())}"
        if role in (Role.ToolTipRole, Role.AccessibleTextRole):
            text = f"{row.number} {row.text}"
            if row.gap:
                text += "\n" + self.tr("No evidence yet") + self._planned(row)
            return text
        if role == Role.FontRole and row.depth == 0:
            return bold_font()
        if role == Role.BackgroundRole and row.gap:
            return blend(_GAP, 0.16)
        if role == NoteIdsRole:
            return row.rolled
        if role == TorKeyRole:
            return row.key
        if role == SortRole:
            return row.number
        return None

    def _closed(self, ids: tuple[int, ...]) -> int:
        return self.view.closed_in(ids) if self.view is not None else 0

    def _planned(self, row: CoverageRow) -> str:
        """Where evidence on a gap is planned: agenda items and registered evidence."""
        lines = [
            f"{p.source}, {p.day.strftime('%d %b %Y')}: {p.title}"
            if p.day
            else f"{p.source}: {p.title}"
            for p in row.planned
        ]
        return ("\n" + self.tr("Planned:") + "\n" + "\n".join(lines)) if lines else ""

    def _ids(self, row: CoverageRow, column: int) -> tuple[int, ...]:
        if column == CoverageColumn.NOTES:
            return row.notes
        if column == CoverageColumn.ROLLED:
            return row.rolled
        return row.cells.get(column - CoverageColumn.FIRST_SOURCE, ())

    def notes_word(self, count: int) -> str:
        return self.tr("1 note") if count == 1 else self.tr("{count} notes").format(count=count)

    def _tip(self, row: CoverageRow, column: int, count: int) -> str:
        text = self._what(row, column, count)
        closed = self._closed(self._ids(row, column))
        if closed:
            text += " " + self.tr("({closed} closed)").format(closed=closed)
        return text

    def _what(self, row: CoverageRow, column: int, count: int) -> str:
        where = f"{row.number} {_short(row.text, 60)}"
        notes = self.notes_word(count)
        if column == CoverageColumn.NOTES and row.gap:
            return self.tr("{item}: no evidence yet").format(item=where) + self._planned(row)
        if column == CoverageColumn.NOTES:
            return self.tr("{notes} on {item} itself").format(notes=notes, item=where)
        if column == CoverageColumn.ROLLED:
            return self.tr("{notes} on {item} and its sub-items").format(notes=notes, item=where)
        source = self.source(column)
        if source is None:
            return ""
        return self.tr("{notes} on {item} from {source}").format(
            notes=notes, item=where, source=f"{self._words[source.kind].lower()} {source.title}"
        )


class CellNotesModel(PagedTableModel[NoteEntry]):
    """The notes behind one cell, in the review's order, fetched in pages by id."""

    def __init__(self, runner: TaskRunner, fetch: Any, parent: QObject | None = None) -> None:
        super().__init__(
            runner,
            [
                Column(self.tr("Taken"), lambda n: n.created.strftime("%d %b %Y %H:%M")),
                Column(
                    self.tr("Note"),
                    lambda n: " ".join(n.text.split()),
                    tooltip=lambda n: n.text,
                    roles={Role.DecorationRole: lambda n: lock_icon() if n.closed else None},
                ),
                Column(
                    self.tr("Terms of reference"),
                    lambda n: ", ".join(t.label.split(" ", 1)[0] for t in n.tor),
                    tooltip=lambda n: "\n".join(t.label for t in n.tor),
                ),
                Column(
                    self.tr("Meeting"),
                    lambda n: n.meeting.label if n.meeting else "",
                    tooltip=lambda n: n.meeting.label if n.meeting else None,
                ),
                Column(
                    self.tr("Witnesses"),
                    lambda n: ", ".join(w.label for w in n.witnesses),
                    tooltip=lambda n: "\n".join(w.label for w in n.witnesses) or None,
                ),
                Column(
                    self.tr("Evidence"),
                    lambda n: n.evidence.label if n.evidence else "",
                    tooltip=lambda n: n.evidence.label if n.evidence else None,
                ),
                Column(
                    self.tr("Access"),
                    lambda n: self.tr("Closed") if n.closed else self.tr("Open"),
                    accessible=lambda n: (
                        self.tr("Closed note") if n.closed else self.tr("Open note")
                    ),
                ),
            ],
            fetch=fetch,
            order=Order("position"),
            row_roles={Role.BackgroundRole: lambda n: closed_tint() if n.closed else None},
            parent=parent,
        )

    def show_ids(self, ids: Sequence[int]) -> None:
        """List these notes (None of a query: the ids are known already)."""
        chosen = list(ids)
        self.set_query(lambda _order: chosen)
