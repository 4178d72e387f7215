"""Table models whose columns are ``Column`` specs, and the one that holds its records.

Every table shows a record the same way: a header (and its tooltip), a text, a
tooltip, what a screen reader says, an alignment, a few more roles, and closed
business marked as it is everywhere (the warm tint across the row, a padlock and a
bold "Closed"). ``ColumnTableModel`` says that once, from the specs, whatever holds the
rows: ``paged.PagedTableModel`` fetches them in pages, ``RecordTableModel`` holds a
short list (a review's evidence, its recommendations) given whole::

    class ThingsModel(RecordTableModel[Thing]):
        def __init__(self, parent: QObject | None = None) -> None:
            super().__init__(
                [
                    Column(self.tr("No."), lambda t: str(t.number), align=RIGHT,
                           roles={SortRole: lambda t: t.number}),
                    Column(self.tr("Access"), access_text, roles=closed_mark(is_closed)),
                ],
                row_roles=closed_row(is_closed),
                parent=parent,
            )

    model.set_records(things)  # a reset; record(row), records(), row_of_key(key)

A ``QSortFilterProxyModel`` on ``SortRole`` sorts a ``RecordTableModel``: a column's
``roles[SortRole]``, else its text casefolded. Subclasses may override
``cell(record, column, role)`` for anything the specs cannot say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from .display import READ_ONLY, IdRole, SortRole, bold_font, closed_tint, lock_icon

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_ROOT = QModelIndex()


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its header and how a record shows in it.

    ``display`` gives the text (DisplayRole); ``tooltip`` the tooltip (default none);
    ``accessible`` what a screen reader says (default: the tooltip, else the text);
    ``sort`` the key ``load_ids`` orders by (None: the column does not sort);
    ``align`` the cells' and header's horizontal alignment; ``header_tip`` the
    header's tooltip; ``roles`` any other role of the cell (BackgroundRole,
    DecorationRole, EditRole, SortRole, ...); ``editable`` adds ItemIsEditable (when
    the model's ``editable`` is true)."""

    header: str
    display: Callable[[R], Any]
    tooltip: Callable[[R], Any] | None = None
    accessible: Callable[[R], Any] | None = None
    sort: str | None = None
    align: Qt.AlignmentFlag | None = None
    header_tip: str | None = None
    roles: Mapping[int, Callable[[R], Any]] = field(default_factory=dict)
    editable: bool = False


def closed_row(closed: Callable[[R], bool]) -> dict[int, Callable[[R], Any]]:
    """The row roles of closed business: the warm tint across the row."""
    return {Role.BackgroundRole: lambda r: closed_tint() if closed(r) else None}


def closed_mark(closed: Callable[[R], bool]) -> dict[int, Callable[[R], Any]]:
    """The roles of the cell that says "Closed": a padlock, in bold."""
    return {
        Role.DecorationRole: lambda r: lock_icon() if closed(r) else None,
        Role.FontRole: lambda r: bold_font() if closed(r) else None,
    }


def closed_tooltip(
    lines: Callable[[R], Iterable[str]],
    closed: Callable[[R], bool],
    why: Callable[[R], str],
) -> Callable[[R], str | None]:
    """A tooltip of ``lines(record)``; closed business ends it with why it is not
    public, after a blank line."""

    def tooltip(record: R) -> str | None:
        shown = list(lines(record))
        if closed(record):
            shown += ["", why(record)] if shown else [why(record)]
        return "\n".join(shown) or None

    return tooltip


def _id_attribute(record: Any) -> int:
    return int(record.id)


class ColumnTableModel(QAbstractTableModel, Generic[R]):
    """Columns, headers, flags and cells from ``Column`` specs. A subclass holds the
    rows: ``rowCount``, ``record(row)`` and, if it knows ids without the records,
    ``id_at(row)``."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        *,
        id_of: Callable[[R], int] = _id_attribute,
        row_roles: Mapping[int, Callable[[R], Any]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``id_of`` gives a record's id (``IdRole``); ``row_roles`` are roles that
        hold across a row (a closed record's tint)."""
        super().__init__(parent)
        self.columns: tuple[Column[R], ...] = tuple(columns)
        self._id_of = id_of
        self._row_roles = dict(row_roles or {})
        #: may the cells of ``editable`` columns be edited (False: read-only database)
        self.editable = True

    def record(self, row: int) -> R | None:
        raise NotImplementedError

    def id_at(self, row: int) -> int | None:
        """The id of the record in that row (``IdRole``)."""
        record = self.record(row)
        return None if record is None else self._id_of(record)

    # Qt model interface -------------------------------------------------------------

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.editable and self.columns[index.column()].editable:
            return READ_ONLY | Qt.ItemFlag.ItemIsEditable
        return READ_ONLY

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Role.DisplayRole:
            return column.header
        if role == Role.ToolTipRole:
            return column.header_tip
        if role == Role.TextAlignmentRole and column.align is not None:
            return int(column.align | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        row = index.row()
        if not index.isValid() or not 0 <= row < self.rowCount():
            return None
        if role == IdRole:
            return self.id_at(row)
        record = self.record(row)
        return None if record is None else self.cell(record, index.column(), role)

    def cell(self, record: R, column: int, role: int) -> Any:
        """What a cell of this record holds in that role (from the column specs)."""
        spec = self.columns[column]
        if role == Role.DisplayRole:
            return spec.display(record)
        if role == Role.ToolTipRole:
            return spec.tooltip(record) if spec.tooltip else None
        if role == Role.AccessibleTextRole:
            if spec.accessible is not None:
                return spec.accessible(record)
            return spec.tooltip(record) if spec.tooltip else spec.display(record)
        if role == Role.TextAlignmentRole and spec.align is not None:
            return int(spec.align | Qt.AlignmentFlag.AlignVCenter)
        if role in spec.roles:
            return spec.roles[role](record)
        if role in self._row_roles:
            return self._row_roles[role](record)
        return None


class RecordTableModel(ColumnTableModel[R]):
    """A list of records held whole, in the order given; sorted by a proxy on
    ``SortRole`` (a column's ``roles[SortRole]``, else its text casefolded)."""

    def __init__(self, columns: Sequence[Column[R]], **options: Any) -> None:
        """``options``: ``id_of``, ``row_roles``, ``parent``, as for ``ColumnTableModel``."""
        super().__init__(columns, **options)
        self._records: list[R] = []

    def set_records(self, records: Iterable[R]) -> None:
        """Show these records (a reset)."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    set_rows = set_records  # the name the pages know

    def record(self, row: int) -> R:
        return self._records[row]

    def records(self) -> list[R]:
        return list(self._records)

    def row_of_key(self, key: str) -> int | None:
        """The row of the record with that ``key`` attribute (None: not shown)."""
        return next((n for n, r in enumerate(self._records) if r.key == key), None)  # type: ignore[attr-defined]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def cell(self, record: R, column: int, role: int) -> Any:
        spec = self.columns[column]
        if role == SortRole and SortRole not in spec.roles:
            return str(spec.display(record) or "").casefold()
        return super().cell(record, column, role)
