"""The witness register, and one witness's appearances on agendas.

A witness who asked to give evidence in private is marked as closed business is
everywhere: "In private" with a lock, bold, and the warm tint across the row. So is an
appearance under a closed item. The invitation column can be edited in place (a
delegate offers the states); the model does not save anything itself, it asks with
``invitation_requested`` and the page makes the change one undo step.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.enums import InvitationState
from ...domain.people_records import Appearance, WitnessRecord
from . import (
    READ_ONLY,
    IdRole,
    SortRole,
    bold_font,
    closed_tint,
    lock_icon,
    long_date,
    sort_key_time,
)

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class InvitationLabels(QObject):
    """The words for each invitation state, in the order a clerk moves through them."""

    def label(self, state: InvitationState) -> str:
        return {
            InvitationState.TO_INVITE: self.tr("To invite"),
            InvitationState.INVITED: self.tr("Invited"),
            InvitationState.CONFIRMED: self.tr("Confirmed"),
            InvitationState.DECLINED: self.tr("Declined"),
            InvitationState.ATTENDED: self.tr("Attended"),
        }[state]

    def items(self) -> list[tuple[str, InvitationState]]:
        return [(self.label(state), state) for state in InvitationState]


class WitnessColumn(IntEnum):
    NAME = 0
    ROLE = 1
    ORGANISATION = 2
    EMAIL = 3
    INVITATION = 4
    PRIVATE = 5
    APPEARANCES = 6


class WitnessesModel(QAbstractTableModel):
    """Holds ``WitnessRecord`` rows in register order."""

    #: The clerk chose a new invitation state in the table: (witness, state).
    invitation_requested = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WitnessRecord] = []
        self._labels = InvitationLabels(self)
        self.editable = True

    def set_rows(self, records: Iterable[WitnessRecord]) -> None:
        self.beginResetModel()
        self._rows = list(records)
        self.endResetModel()

    def record(self, row: int) -> WitnessRecord:
        return self._rows[row]

    def records(self) -> list[WitnessRecord]:
        return list(self._rows)

    def row_of_key(self, key: str) -> int | None:
        return next((n for n, w in enumerate(self._rows) if w.key == key), None)

    def invitation_label(self, state: InvitationState) -> str:
        return self._labels.label(state)

    # Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(WitnessColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.editable and index.column() == WitnessColumn.INVITATION:
            return READ_ONLY | Qt.ItemFlag.ItemIsEditable
        return READ_ONLY

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(WitnessColumn):
            return None
        column = WitnessColumn(section)
        if role == Role.DisplayRole:
            return {
                WitnessColumn.NAME: self.tr("Name"),
                WitnessColumn.ROLE: self.tr("Role"),
                WitnessColumn.ORGANISATION: self.tr("Organisation"),
                WitnessColumn.EMAIL: self.tr("E-mail"),
                WitnessColumn.INVITATION: self.tr("Invitation"),
                WitnessColumn.PRIVATE: self.tr("Heard"),
                WitnessColumn.APPEARANCES: self.tr("Items"),
            }[column]
        if role == Role.ToolTipRole:
            return {
                WitnessColumn.INVITATION: self.tr(
                    "Where the invitation stands; press F2 or double-click to change it"
                ),
                WitnessColumn.PRIVATE: self.tr(
                    "In private: the witness asked to give evidence in private"
                ),
                WitnessColumn.APPEARANCES: self.tr("The agenda items the witness is heard under"),
            }.get(column)
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        witness = self._rows[index.row()]
        column = WitnessColumn(index.column())
        if role == Role.DisplayRole:
            return self._display(witness, column)
        if role == Role.EditRole and column == WitnessColumn.INVITATION:
            return witness.invitation.value
        if role == Role.ToolTipRole:
            return self._tooltip(witness, column)
        if role == Role.AccessibleTextRole:
            return self._spoken(witness, column)
        if role == IdRole:
            return witness.id
        if role == SortRole:
            return self._sort_value(witness, column)
        if role == Role.TextAlignmentRole and column == WitnessColumn.APPEARANCES:
            return _RIGHT
        if witness.private:
            if role == Role.BackgroundRole:
                return closed_tint()
            if column == WitnessColumn.PRIVATE:
                if role == Role.DecorationRole:
                    return lock_icon()
                if role == Role.FontRole:
                    return bold_font()
        return None

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        """A state chosen in the table is asked for, not stored: the page saves it."""
        if (
            not self.editable
            or role != Role.EditRole
            or not index.isValid()
            or index.column() != WitnessColumn.INVITATION
            or not 0 <= index.row() < len(self._rows)
        ):
            return False
        try:
            state = InvitationState(value)
        except ValueError:
            return False
        witness = self._rows[index.row()]
        if state is not witness.invitation:
            self.invitation_requested.emit(witness, state)
        return True

    # Cells ------------------------------------------------------------------------

    def _display(self, witness: WitnessRecord, column: WitnessColumn) -> str:
        match column:
            case WitnessColumn.NAME:
                return witness.name
            case WitnessColumn.ROLE:
                return witness.role or ""
            case WitnessColumn.ORGANISATION:
                return witness.organisation or ""
            case WitnessColumn.EMAIL:
                return witness.email or ""
            case WitnessColumn.INVITATION:
                return self.invitation_label(witness.invitation)
            case WitnessColumn.PRIVATE:
                return self.tr("In private") if witness.private else self.tr("In public")
            case WitnessColumn.APPEARANCES:
                return str(len(witness.appearances))

    def _tooltip(self, witness: WitnessRecord, column: WitnessColumn) -> str | None:
        if column == WitnessColumn.PRIVATE or (witness.private and column == WitnessColumn.NAME):
            if witness.private:
                return self.tr(
                    "{name} asked to give evidence in private: the items they are heard "
                    "under should be closed"
                ).format(name=witness.name)
            return self.tr("Heard in public")
        if column == WitnessColumn.APPEARANCES:
            items = [f"{long_date(a.meeting_start)}: {a.item_title}" for a in witness.appearances]
            return "\n".join(items) or self.tr("Not on any agenda yet")
        return self._display(witness, column) or None

    def _spoken(self, witness: WitnessRecord, column: WitnessColumn) -> str:
        match column:
            case WitnessColumn.PRIVATE:
                return (
                    self.tr("Asked to give evidence in private")
                    if witness.private
                    else self.tr("Heard in public")
                )
            case WitnessColumn.APPEARANCES:
                count = len(witness.appearances)
                return (
                    self.tr("On 1 agenda item")
                    if count == 1
                    else self.tr("On {count} agenda items").format(count=count)
                )
            case WitnessColumn.EMAIL if not witness.email:
                return self.tr("No e-mail address")
            case _:
                return self._display(witness, column)

    def _sort_value(self, witness: WitnessRecord, column: WitnessColumn) -> Any:
        match column:
            case WitnessColumn.INVITATION:
                return list(InvitationState).index(witness.invitation)
            case WitnessColumn.PRIVATE:
                return int(witness.private)
            case WitnessColumn.APPEARANCES:
                return len(witness.appearances)
            case _:
                return self._display(witness, column).casefold()


class AppearanceColumn(IntEnum):
    DATE = 0
    MEETING = 1
    ITEM = 2
    ACCESS = 3


class AppearancesModel(QAbstractTableModel):
    """The agenda items one witness is heard under, by meeting date."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Appearance] = []

    def set_rows(self, rows: Iterable[Appearance]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> Appearance:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(AppearanceColumn)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return READ_ONLY if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(AppearanceColumn):
            return None
        if role == Role.DisplayRole:
            return {
                AppearanceColumn.DATE: self.tr("Date"),
                AppearanceColumn.MEETING: self.tr("Meeting"),
                AppearanceColumn.ITEM: self.tr("Item"),
                AppearanceColumn.ACCESS: self.tr("Access"),
            }[AppearanceColumn(section)]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        appearance = self._rows[index.row()]
        column = AppearanceColumn(index.column())
        if role in (Role.DisplayRole, Role.ToolTipRole):
            text = self._display(appearance, column)
            if role == Role.ToolTipRole and appearance.item_closed:
                return self.tr("{text}\n\nCLOSED: taken in private, not open to the public").format(
                    text=text
                )
            return text
        if role == Role.AccessibleTextRole:
            if column == AppearanceColumn.ACCESS:
                return (
                    self.tr("Closed to the public")
                    if appearance.item_closed
                    else self.tr("Open to the public")
                )
            return self._display(appearance, column)
        if role == IdRole:
            return appearance.item_id
        if role == SortRole:
            if column == AppearanceColumn.DATE:
                return sort_key_time(appearance.meeting_start)
            return self._display(appearance, column).casefold()
        if appearance.item_closed:
            if role == Role.BackgroundRole:
                return closed_tint()
            if column == AppearanceColumn.ACCESS:
                if role == Role.DecorationRole:
                    return lock_icon()
                if role == Role.FontRole:
                    return bold_font()
        return None

    def _display(self, appearance: Appearance, column: AppearanceColumn) -> str:
        match column:
            case AppearanceColumn.DATE:
                return long_date(appearance.meeting_start)
            case AppearanceColumn.MEETING:
                return appearance.meeting_title
            case AppearanceColumn.ITEM:
                return appearance.item_title
            case AppearanceColumn.ACCESS:
                return self.tr("Closed") if appearance.item_closed else self.tr("Open")
