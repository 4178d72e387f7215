"""The follow-up tracker: recommendations being followed up and the actions agreed at
meetings, in one table.

Overdue follow-ups say so in words ("Overdue" after the status), in bold, and in red on
the due date and status. Finished ones (implemented, rejected, done) are greyed. An
action agreed in private is marked as closed business is everywhere: a lock, the warm
tint across the row and "Closed" in words. ``TrackerFilterModel`` keeps only the
overdue rows when asked and sorts on ``SortRole`` (due dates sort by date, rows with
no due date last).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication

from ...domain.recommendation_records import TrackerKind, TrackerRow
from ..shared.display import OVERDUE_RED, SortRole, bold_font, lock_icon, long_date, one_line
from ..shared.records_table import Column, RecordTableModel, closed_row

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
#: Rows with no due date sort after every date.
NO_DUE = "9999-99-99"


class TrackerColumn(IntEnum):
    REFERENCE = 0
    TEXT = 1
    WHO = 2
    DUE = 3
    STATUS = 4
    PROGRESS = 5


class TrackerModel(RecordTableModel[TrackerRow]):
    """Holds ``TrackerRow`` rows; ``IdRole`` gives the row's place in the model."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], row_roles=_ROW_ROLES, parent=parent)
        self.columns = tuple(self._columns())

    def row_of(self, kind: TrackerKind, key: str) -> int | None:
        return next(
            (n for n, r in enumerate(self._records) if r.kind is kind and r.key == key), None
        )

    def id_at(self, row: int) -> int | None:
        """Tracker rows have no one id: a row's place stands for it."""
        return row if 0 <= row < len(self._records) else None

    def _columns(self) -> list[Column[TrackerRow]]:
        """The columns, in ``TrackerColumn`` order: a blank cell says what is missing
        to a screen reader; rows sort by due date after their own column."""
        tr = self.tr

        def column(
            header: str, text: Callable[[TrackerRow], str], missing: str = "", **more: Any
        ) -> Column[TrackerRow]:
            more.setdefault("tooltip", lambda r: text(r) or None)
            more.setdefault("roles", {})
            more["roles"].setdefault(SortRole, lambda r: f"{text(r).casefold()} {_due(r)}")
            return Column(
                header, lambda r: text(r) or None, accessible=lambda r: text(r) or missing, **more
            )

        def progress(row: TrackerRow) -> str:
            if row.latest is None:
                return ""
            day = long_date(row.latest.date)  # type: ignore[arg-type]
            return f"{day}: {one_line(row.latest.text, 80)}"

        def overdue(bold: Callable[[TrackerRow], bool]) -> dict[int, Callable[[TrackerRow], Any]]:
            return {
                Role.ForegroundRole: lambda r: OVERDUE_RED if r.overdue else _muted(r),
                Role.FontRole: lambda r: bold_font() if bold(r) else None,
            }

        return [
            column(
                tr("Follow-up"),
                self.reference,
                roles={
                    SortRole: lambda r: f"{r.kind.value} {r.number or 0:04d} {_due(r)} {r.key}",
                    Role.DecorationRole: lambda r: lock_icon() if r.closed else None,
                },
            ),
            column(tr("What"), lambda r: one_line(r.text, 120), tooltip=lambda r: r.text),
            column(tr("Lead / owner"), lambda r: r.who or "", tr("No lead or owner")),
            column(
                tr("Due"),
                lambda r: long_date(r.due) if r.due else "",  # type: ignore[arg-type]
                tr("No due date"),
                roles={
                    SortRole: lambda r: f"{_due(r)} {r.kind.value} {r.number or 0:04d} {r.key}",
                    **overdue(lambda r: r.overdue),
                },
            ),
            column(tr("Status"), self.status, roles=overdue(lambda r: r.overdue or r.closed)),
            column(
                tr("Latest progress"),
                progress,
                tr("No progress reported"),
                tooltip=lambda r: r.latest.text if r.latest is not None else progress(r) or None,
            ),
        ]

    def reference(self, row: TrackerRow) -> str:
        if row.kind is TrackerKind.RECOMMENDATION:
            return self.tr("Recommendation {number}").format(number=row.number)
        return row.reference

    def status(self, row: TrackerRow) -> str:
        words = {
            "Agreed": self.tr("Agreed"),
            "In progress": self.tr("In progress"),
            "Implemented": self.tr("Implemented"),
            "Rejected": self.tr("Rejected"),
            "Open": self.tr("Open"),
            "Done": self.tr("Done"),
        }.get(row.status, row.status)
        if row.overdue:
            words = self.tr("{status} · Overdue").format(status=words)
        if row.response_overdue:  # the body's response to the report (issue 17)
            words = self.tr("{status} · Response overdue").format(status=words)
        elif row.response_awaited:
            words = self.tr("{status} · Response awaited").format(status=words)
        if row.closed:
            words = self.tr("{status} · Closed").format(status=words)
        return words


def _due(row: TrackerRow) -> str:
    return row.due.isoformat() if row.due else NO_DUE


def _muted(row: TrackerRow) -> Any:
    """Finished follow-ups are greyed."""
    return QGuiApplication.palette().placeholderText() if row.done else None


_ROW_ROLES: dict[int, Callable[[TrackerRow], Any]] = {
    **closed_row(lambda r: r.closed),
    Role.ForegroundRole: _muted,
}


class TrackerFilterModel(QSortFilterProxyModel):
    """Sorts on ``SortRole``; ``set_overdue_only(True)`` keeps the overdue rows."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._overdue_only = False
        self.setSortRole(SortRole)

    @property
    def overdue_only(self) -> bool:
        return self._overdue_only

    def set_overdue_only(self, value: bool) -> None:
        if value != self._overdue_only:
            self.beginFilterChange()
            self._overdue_only = value
            self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self._overdue_only:
            return True
        model = self.sourceModel()
        if not isinstance(model, TrackerModel) or source_row >= model.rowCount():
            return True
        return model.record(source_row).overdue
