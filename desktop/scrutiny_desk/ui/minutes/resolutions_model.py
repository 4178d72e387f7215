"""The models of an item's decisions on the Minutes tab: its resolutions with their
votes (``ResolutionsModel``), and, in the resolution dialog, the people who may vote
at the item with how each voted (``VotersModel``: For, Against and Abstained are tick
boxes of which at most one is ticked; none ticked is "did not vote").

Neither saves anything: the tab and the dialog make each change one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from ...domain.enums import VoteChoice
from ...domain.procedure_records import ResolutionRecord, Voter
from ..shared.display import READ_ONLY
from .minutes_text import resolved, vote_names, vote_summary

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class ResolutionColumn(IntEnum):
    TEXT = 0
    VOTE = 1


class ResolutionsModel(QAbstractTableModel):
    """One item's resolutions, in their order on the item."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResolutionRecord] = []

    def set_rows(self, records: Iterable[ResolutionRecord]) -> None:
        self.beginResetModel()
        self._rows = sorted(records, key=lambda r: r.position)
        self.endResetModel()

    def records(self) -> list[ResolutionRecord]:
        return list(self._rows)

    def record(self, row: int) -> ResolutionRecord:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(ResolutionColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(ResolutionColumn):
            return None
        if role == Role.DisplayRole:
            return {
                ResolutionColumn.TEXT: self.tr("Resolution"),
                ResolutionColumn.VOTE: self.tr("Vote"),
            }[ResolutionColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        column = ResolutionColumn(index.column())
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            if column is ResolutionColumn.TEXT:
                return resolved(record.text)
            return vote_summary(record.vote)
        if role == Role.ToolTipRole:
            if column is ResolutionColumn.TEXT:
                return resolved(record.text)
            return vote_names(record.casts) or vote_summary(record.vote)
        return None


class VoterColumn(IntEnum):
    NAME = 0
    FOR = 1
    AGAINST = 2
    ABSTAINED = 3


_CHOICES = {
    VoterColumn.FOR: VoteChoice.FOR,
    VoterColumn.AGAINST: VoteChoice.AGAINST,
    VoterColumn.ABSTAINED: VoteChoice.ABSTAINED,
}


class VotersModel(QAbstractTableModel):
    """The people who may vote at an item and how each voted (None: did not vote)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Voter, VoteChoice | None]] = []
        self.editable = True

    def set_rows(self, voters: Iterable[Voter], choices: dict[str, VoteChoice]) -> None:
        self.beginResetModel()
        self._rows = [(v, choices.get(v.key)) for v in voters]
        self.endResetModel()

    def choices(self) -> list[tuple[str, VoteChoice]]:
        """Who voted how, in the list's order; those who did not vote are left out."""
        return [(voter.key, choice) for voter, choice in self._rows if choice is not None]

    def choose(self, row: int, choice: VoteChoice | None) -> None:
        voter, _old = self._rows[row]
        self._rows[row] = (voter, choice)
        self.dataChanged.emit(
            self.index(row, VoterColumn.FOR),
            self.index(row, VoterColumn.ABSTAINED),
            [Role.CheckStateRole, Role.AccessibleTextRole],
        )

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(VoterColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() == VoterColumn.NAME or not self.editable:
            return READ_ONLY
        return READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(VoterColumn):
            return None
        if role == Role.DisplayRole:
            return {
                VoterColumn.NAME: self.tr("Member"),
                VoterColumn.FOR: self.tr("For"),
                VoterColumn.AGAINST: self.tr("Against"),
                VoterColumn.ABSTAINED: self.tr("Abstained"),
            }[VoterColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        voter, choice = self._rows[index.row()]
        column = VoterColumn(index.column())
        if column is VoterColumn.NAME:
            if role in (Role.DisplayRole, Role.ToolTipRole, Role.AccessibleTextRole):
                if voter.substitute_for_name:
                    return self.tr("{name} (substitute for {member})").format(
                        name=voter.name, member=voter.substitute_for_name
                    )
                return voter.name
            return None
        ticked = choice is _CHOICES[column]
        if role == Role.CheckStateRole:
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Role.AccessibleTextRole:
            return self.tr("Yes") if ticked else self.tr("No")
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or index.column() == VoterColumn.NAME
            or role != Role.CheckStateRole
            or not self.editable
        ):
            return False
        choice = _CHOICES[VoterColumn(index.column())]
        ticked = (
            value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))
        ) == Qt.CheckState.Checked
        current = self._rows[index.row()][1]
        self.choose(index.row(), choice if ticked else (None if current is choice else current))
        return True
