"""The evidence register as a table, its filter, and the notes taken against one piece
of evidence (a paged model: a well-used submission can gather many notes).

Closed evidence looks as closed business does everywhere: a warm tint across the row,
and a bold "Closed" with a padlock in the Access column.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain.enums import Access, EvidenceKind
from ...domain.evidence_records import EvidenceEntry, human_size
from ...domain.note_records import NoteEntry
from ...services.notes import NotesService
from ..tasks import TaskRunner
from . import DATE_FORMAT, READ_ONLY, IdRole, SortRole, bold_font, closed_tint, lock_icon
from .paged import Column, Order, PagedTableModel

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_ROOT = QModelIndex()
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def short_date(value: date) -> str:
    """``15 Jan 2007``: a date received needs no weekday."""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def tor_number(label: str) -> str:
    """The printed number of a term of reference ("3.4") from its label ("3.4 Text")."""
    return label.split(" ", 1)[0]


class KindLabels(QObject):
    """What each kind of evidence is called on screen."""

    def labels(self) -> dict[EvidenceKind, str]:
        return {
            EvidenceKind.WRITTEN: self.tr("Written submission"),
            EvidenceKind.QUESTIONNAIRE: self.tr("Questionnaire"),
            EvidenceKind.STATEMENT: self.tr("Statement"),
            EvidenceKind.RESEARCH: self.tr("Research"),
            EvidenceKind.VISIT: self.tr("Visit"),
        }


class EvidenceColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    TITLE = 2
    FROM = 3
    RECEIVED = 4
    ACCESS = 5
    TOR = 6
    FILE = 7
    NOTES = 8


class EvidenceModel(QAbstractTableModel):
    """The register in its order; ``IdRole`` the evidence id, ``SortRole`` a sort value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EvidenceEntry] = []
        self._kinds = KindLabels(self).labels()

    def set_rows(self, entries: Iterable[EvidenceEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def record(self, row: int) -> EvidenceEntry:
        return self._rows[row]

    def records(self) -> list[EvidenceEntry]:
        return list(self._rows)

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, e in enumerate(self._rows) if e.key == key), None)

    def kind_label(self, kind: EvidenceKind) -> str:
        return self._kinds[kind]

    # Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(EvidenceColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(EvidenceColumn):
            return None
        column = EvidenceColumn(section)
        if role == Role.DisplayRole:
            return {
                EvidenceColumn.NUMBER: self.tr("No."),
                EvidenceColumn.KIND: self.tr("Kind"),
                EvidenceColumn.TITLE: self.tr("Title"),
                EvidenceColumn.FROM: self.tr("From"),
                EvidenceColumn.RECEIVED: self.tr("Received"),
                EvidenceColumn.ACCESS: self.tr("Access"),
                EvidenceColumn.TOR: self.tr("ToR"),
                EvidenceColumn.FILE: self.tr("File"),
                EvidenceColumn.NOTES: self.tr("Notes"),
            }[column]
        if role == Role.ToolTipRole:
            return {
                EvidenceColumn.ACCESS: self.tr(
                    "Open evidence may be published; closed evidence is confidential and "
                    "is left out of public papers"
                ),
                EvidenceColumn.TOR: self.tr("The terms of reference it answers, by number"),
                EvidenceColumn.FILE: self.tr("The file attached to it, kept in the database"),
                EvidenceColumn.NOTES: self.tr("Notes taken against it"),
            }.get(column)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = EvidenceColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(entry, column)
        if role == Role.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Role.AccessibleTextRole:
            return self._spoken(entry, column)
        if role == IdRole:
            return entry.id
        if role == SortRole:
            return self._sort_value(entry, column)
        if role == Role.TextAlignmentRole and column in (
            EvidenceColumn.NUMBER,
            EvidenceColumn.NOTES,
        ):
            return _RIGHT
        if entry.is_closed:
            if role == Role.BackgroundRole:
                return closed_tint()
            if column == EvidenceColumn.ACCESS:
                if role == Role.DecorationRole:
                    return lock_icon()
                if role == Role.FontRole:
                    return bold_font()
        return None

    # Cells ------------------------------------------------------------------------

    def _display(self, entry: EvidenceEntry, column: EvidenceColumn) -> str:
        match column:
            case EvidenceColumn.NUMBER:
                return str(entry.number)
            case EvidenceColumn.KIND:
                return self.kind_label(entry.kind)
            case EvidenceColumn.TITLE:
                return entry.title
            case EvidenceColumn.FROM:
                return from_text(entry)
            case EvidenceColumn.RECEIVED:
                return short_date(entry.received) if entry.received else ""
            case EvidenceColumn.ACCESS:
                return self.tr("Closed") if entry.is_closed else self.tr("Open")
            case EvidenceColumn.TOR:
                return ", ".join(tor_number(t.label) for t in entry.tor)
            case EvidenceColumn.FILE:
                if entry.file is None:
                    return ""
                return f"{entry.file.name} ({human_size(entry.file.size)})"
            case EvidenceColumn.NOTES:
                return str(entry.note_count) if entry.note_count else ""

    def _tooltip(self, entry: EvidenceEntry, column: EvidenceColumn) -> str | None:
        lines: list[str] = []
        match column:
            case EvidenceColumn.TITLE:
                lines.append(entry.title)
                if entry.summary:
                    lines.append(entry.summary)
            case EvidenceColumn.TOR:
                lines.extend(t.label for t in entry.tor)
            case EvidenceColumn.FILE if entry.file is not None:
                lines.append(
                    self.tr("{name}\n{size}, {type}").format(
                        name=entry.file.name,
                        size=human_size(entry.file.size),
                        type=entry.file.media_type,
                    )
                )
            case EvidenceColumn.ACCESS if not entry.is_closed:
                lines.append(self.tr("Open: may be published"))
            case EvidenceColumn.FROM:
                lines.append(from_text(entry))
            case _:
                pass
        if entry.is_closed:
            if lines:
                lines.append("")
            lines.append(self.tr("CLOSED: confidential, left out of public papers"))
        return "\n".join(line for line in lines if line is not None) or None

    def _spoken(self, entry: EvidenceEntry, column: EvidenceColumn) -> str:
        match column:
            case EvidenceColumn.NUMBER:
                return self.tr("Evidence {number}").format(number=entry.number)
            case EvidenceColumn.ACCESS:
                return self.tr("Closed: confidential") if entry.is_closed else self.tr("Open")
            case EvidenceColumn.TITLE if entry.is_closed:
                return self.tr("{title}, closed evidence").format(title=entry.title)
            case EvidenceColumn.TOR if not entry.tor:
                return self.tr("No terms of reference")
            case EvidenceColumn.FILE if entry.file is None:
                return self.tr("No file attached")
            case EvidenceColumn.NOTES:
                return self.tr("{count} notes").format(count=entry.note_count)
            case EvidenceColumn.RECEIVED if entry.received is None:
                return self.tr("Date received not recorded")
            case _:
                return self._display(entry, column)

    def _sort_value(self, entry: EvidenceEntry, column: EvidenceColumn) -> Any:
        match column:
            case EvidenceColumn.NUMBER:
                return entry.number
            case EvidenceColumn.RECEIVED:
                return entry.received.isoformat() if entry.received else ""
            case EvidenceColumn.ACCESS:
                return int(entry.is_closed)
            case EvidenceColumn.NOTES:
                return entry.note_count
            case EvidenceColumn.FILE:
                return entry.file.size if entry.file else -1
            case _:
                return self._display(entry, column).casefold()


def from_text(entry: EvidenceEntry) -> str:
    """Who it came from: the witness's name, else the free-text source."""
    if entry.witness is not None:
        return entry.witness.label
    return entry.source or ""


class EvidenceFilter(QSortFilterProxyModel):
    """Rows whose text contains the words typed, of one kind and access if chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._kind: EvidenceKind | None = None
        self._access: Access | None = None
        self.setSortRole(SortRole)

    def set_filter(self, text: str, kind: EvidenceKind | None, access: Access | None) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self._kind = kind
        self._access = access
        self.endFilterChange()

    def is_filtered(self) -> bool:
        return bool(self._text) or self._kind is not None or self._access is not None

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EvidenceModel) or source_row >= model.rowCount():
            return True
        entry = model.record(source_row)
        if self._kind is not None and entry.kind is not self._kind:
            return False
        if self._access is not None and entry.access is not self._access:
            return False
        if not self._text:
            return True
        haystack = " ".join(
            [
                entry.title,
                entry.summary or "",
                from_text(entry),
                entry.source or "",
                model.kind_label(entry.kind),
                " ".join(t.label for t in entry.tor),
                entry.file.name if entry.file else "",
            ]
        ).casefold()
        return all(word in haystack for word in self._text.split())


class EvidenceNotesModel(PagedTableModel[NoteEntry]):
    """The notes taken against one piece of evidence, oldest first."""

    def __init__(
        self, runner: TaskRunner, notes: NotesService, parent: QObject | None = None
    ) -> None:
        super().__init__(
            runner,
            [
                Column(
                    self.tr("Taken"),
                    lambda n: (
                        QLocale().toString(
                            QDate(n.created.year, n.created.month, n.created.day), DATE_FORMAT
                        )
                        + n.created.strftime(" %H:%M")
                    ),
                    sort="created",
                ),
                Column(self.tr("Note"), lambda n: n.text, tooltip=lambda n: _note_tip(self, n)),
                Column(
                    self.tr("ToR"),
                    lambda n: ", ".join(n.tor_numbers),
                    tooltip=lambda n: "\n".join(t.label for t in n.tor) or None,
                    accessible=lambda n: (
                        ", ".join(n.tor_numbers) or self.tr("No terms of reference")
                    ),
                ),
                Column(
                    self.tr("Access"),
                    lambda n: self.tr("Closed") if n.closed else self.tr("Open"),
                    roles={
                        Role.DecorationRole: lambda n: lock_icon() if n.closed else None,
                        Role.FontRole: lambda n: bold_font() if n.closed else None,
                    },
                ),
            ],
            fetch=notes.entries,
            order=Order("created"),
            row_roles={Role.BackgroundRole: lambda n: closed_tint() if n.closed else None},
            parent=parent,
        )


def _note_tip(model: QObject, note: NoteEntry) -> str:
    lines = [note.text]
    if note.closed:
        lines += ["", model.tr("CLOSED: confidential, left out of public papers")]
    return "\n".join(lines)
