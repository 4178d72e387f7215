"""The witness register, and one witness's appearances on agendas.

A witness who asked to give evidence in private is marked as closed business is
everywhere: "In private" with a lock, bold, and the warm tint across the row. So is an
appearance under a closed item. The invitation column can be edited in place (a
delegate offers the states); the model does not save anything itself, it asks with
``invitation_requested`` and the page makes the change one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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
from ...domain.listing_records import WitnessFilter
from ...domain.people_records import Appearance, WitnessRecord
from ..shared.display import (
    READ_ONLY,
    IdRole,
    SortRole,
    bold_font,
    closed_tint,
    lock_icon,
    long_date,
    sort_key_time,
)
from ..shared.paged import Order, PagedTableModel
from ..shared.records_table import Column
from ..shared.tasks import TaskRunner
from ..shared.witness_dialog import InvitationLabels

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class WitnessColumn(IntEnum):
    NAME = 0
    ROLE = 1
    ORGANISATION = 2
    EMAIL = 3
    INVITATION = 4
    PRIVATE = 5
    APPEARANCES = 6


class WitnessesModel(PagedTableModel[WitnessRecord]):
    """The ids of a review's witnesses (filtered and ordered in SQL, see
    ``set_query``; register order by default); the rows, with their appearances, read
    a page at a time by ``fetch``."""

    #: The clerk chose a new invitation state in the table: (witness, state).
    invitation_requested = Signal(object, object)

    def __init__(
        self,
        runner: TaskRunner,
        fetch: Callable[[Sequence[int]], Iterable[WitnessRecord]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            runner,
            (),
            fetch=fetch,
            order=Order("position"),
            row_roles={Role.BackgroundRole: lambda w: closed_tint() if w.private else None},
            page_size=100,  # a witness comes with every item they are heard under
            parent=parent,
        )
        self._labels = InvitationLabels(self)
        private_only: dict[int, Callable[[WitnessRecord], Any]] = {
            Role.DecorationRole: lambda w: lock_icon() if w.private else None,
            Role.FontRole: lambda w: bold_font() if w.private else None,
        }
        self.columns = (
            Column(
                self.tr("Name"),
                lambda w: w.name,
                lambda w: self._private_tip(w) if w.private else w.name,
                lambda w: w.name,
                sort="name",
            ),
            Column(
                self.tr("Role"),
                lambda w: w.role or "",
                lambda w: w.role or None,
                lambda w: w.role or "",
                sort="role",
            ),
            Column(
                self.tr("Organisation"),
                lambda w: w.organisation or "",
                lambda w: w.organisation or None,
                lambda w: w.organisation or "",
                sort="organisation",
            ),
            Column(
                self.tr("E-mail"),
                lambda w: w.email or "",
                lambda w: w.email or None,
                lambda w: w.email or self.tr("No e-mail address"),
                sort="email",
            ),
            Column(
                self.tr("Invitation"),
                lambda w: self.invitation_label(w.invitation),
                lambda w: self.invitation_label(w.invitation),
                lambda w: self.invitation_label(w.invitation),
                sort="invitation",
                header_tip=self.tr(
                    "Where the invitation stands; press F2 or double-click to change it"
                ),
                roles={Role.EditRole: lambda w: w.invitation.value},
                editable=True,
            ),
            Column(
                self.tr("Heard"),
                self.heard_label,
                self._private_tip,
                lambda w: (
                    self.tr("Asked to give evidence in private")
                    if w.private
                    else self.tr("Heard in public")
                ),
                sort="private",
                header_tip=self.tr("In private: the witness asked to give evidence in private"),
                roles=private_only,
            ),
            Column(
                self.tr("Items"),
                lambda w: str(len(w.appearances)),
                self._appearances_tip,
                self._appearances_spoken,
                sort="appearances",
                align=Qt.AlignmentFlag.AlignRight,
                header_tip=self.tr("The agenda items the witness is heard under"),
            ),
        )

    def invitation_label(self, state: InvitationState) -> str:
        return self._labels.label(state)

    def heard_label(self, witness: WitnessRecord) -> str:
        return self._heard(witness.private)

    def _heard(self, private: bool) -> str:
        return self.tr("In private") if private else self.tr("In public")

    def labels_holding(self, text: str) -> WitnessFilter:
        """The filter for ``text`` typed by the clerk: the words of the name, role,
        organisation or e-mail address, or of the Invitation and Heard columns as shown."""
        wanted = text.strip().casefold()
        if not wanted:
            return WitnessFilter()
        states = tuple(s for s in InvitationState if wanted in self.invitation_label(s).casefold())
        private = tuple(p for p in (True, False) if wanted in self._heard(p).casefold())
        return WitnessFilter(text.strip(), states, private)

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        """A state chosen in the table is asked for, not stored: the page saves it."""
        if (
            not self.editable
            or role != Role.EditRole
            or not index.isValid()
            or index.column() != WitnessColumn.INVITATION
        ):
            return False
        try:
            state = InvitationState(value)
        except ValueError:
            return False
        witness = self.record(index.row())
        if witness is not None and state is not witness.invitation:
            self.invitation_requested.emit(witness, state)
        return True

    # Cells ------------------------------------------------------------------------

    def _private_tip(self, witness: WitnessRecord) -> str:
        if witness.private:
            return self.tr(
                "{name} asked to give evidence in private: the items they are heard "
                "under should be closed"
            ).format(name=witness.name)
        return self.tr("Heard in public")

    def _appearances_tip(self, witness: WitnessRecord) -> str:
        items = [f"{long_date(a.meeting_start)}: {a.item_title}" for a in witness.appearances]
        return "\n".join(items) or self.tr("Not on any agenda yet")

    def _appearances_spoken(self, witness: WitnessRecord) -> str:
        count = len(witness.appearances)
        return (
            self.tr("On 1 agenda item")
            if count == 1
            else self.tr("On {count} agenda items").format(count=count)
        )


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
