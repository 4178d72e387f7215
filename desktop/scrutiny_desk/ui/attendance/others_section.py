"""The Attendance tab's list of the people at the meeting who are not on its panel:
substitutes, officers in attendance and others also present, with Add, Edit and
Remove, each one undo step (``others_steps``). "Substitute…" on a panel member who sent
apologies comes here too, with the dialog filled in for them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QVBoxLayout, QWidget

from ...domain.enums import AttendeeKind
from ...domain.errors import Problem
from ...domain.procedure_records import AttendeeRecord
from ..shared.common import action_buttons, page_action
from ..shared.meeting_tab import ViewKeys
from ..shared.tables import FIT, STRETCH, record_table
from .attendee_dialog import AttendeeDialog, AttendeeValues
from .others_model import OthersModel
from .others_steps import AddAttendee, EditAttendee, RemoveAttendee, changes_between, values_of
from .section import MeetingContext

INTERACTIVE = QHeaderView.ResizeMode.Interactive


class OthersSection(QWidget):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("othersSection")
        self.context = context
        self.service = context.services.attendees
        self.dialog: AttendeeDialog | None = None  # the one open, for tests
        self._wanted: str | None = None  # select this person once the list is read again

        self.model = OthersModel(self)
        self.view = record_table(
            self.model,
            self.tr("Others at the meeting"),
            {0: FIT, 1: STRETCH, 2: STRETCH, 3: INTERACTIVE, 4: FIT, 5: FIT, 6: FIT},
        )
        # Names and posts share the room; an address is cut (whole in its tooltip).
        self.view.horizontalHeader().resizeSection(3, 150)
        self.view.setObjectName("othersView")
        self.view.activated.connect(lambda _index: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.hint = QLabel(
            self.tr(
                "Substitutes, officers in attendance and anyone else present who is not "
                "on the panel."
            )
        )
        self.hint.setWordWrap(True)

        self.add_action = page_action(
            self,
            self.tr("Add Person…"),
            self.tr("Add a substitute, an officer or someone else present"),
            self.add,
        )
        self.edit_action = page_action(
            self, self.tr("Edit…"), self.tr("Change the selected person (Enter)"), self.edit_current
        )
        self.remove_action = page_action(
            self,
            self.tr("Remove"),
            self.tr("Take the selected person off the meeting, with their declarations"),
            self.remove_current,
            "Del",
        )
        ViewKeys(self.view, [self.remove_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.add_action, self.edit_action, self.remove_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(action_buttons([self.add_action, self.edit_action, self.remove_action]))
        layout.addWidget(self.view, 1)
        self.update_actions()

    # What is shown ------------------------------------------------------------------

    def show_records(self, records: Sequence[AttendeeRecord], editable: bool) -> None:
        current = self.current()
        wanted = self._wanted or (current.key if current is not None else None)
        self._wanted = None
        if list(records) != self.model.records():
            self.model.set_records(records)
        row = self.model.row_of_key(wanted) if wanted is not None else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 1))
        self.update_actions(editable)

    def current(self) -> AttendeeRecord | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.record(index.row())

    def update_actions(self, editable: bool | None = None) -> None:
        writable = self.context.editable() if editable is None else editable
        chosen = self.current() is not None
        self.add_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and chosen)
        self.remove_action.setEnabled(writable and chosen)

    # Changing -----------------------------------------------------------------------

    def add(self, substitute_for: str | None = None) -> None:
        """The dialog to add someone; for a substitute for that panel member (a key)."""
        meeting_id = self.context.meeting_id
        if meeting_id is None or not self.context.editable():
            return
        start = (
            AttendeeValues(AttendeeKind.SUBSTITUTE, "", None, None, substitute_for, None, None)
            if substitute_for is not None
            else None
        )
        self._open(partial(self._add, meeting_id), start, editing=False)

    def edit_current(self) -> None:
        record = self.current()
        if record is None or not self.context.editable():
            return
        self._open(partial(self._edit, record), values_of(record), editing=True, record=record)

    def remove_current(self) -> None:
        record = self.current()
        if record is None or not self.context.editable():
            return
        self.context.perform(RemoveAttendee(self.service, record))

    def _open(
        self,
        save: Callable[[AttendeeValues], list[Problem]],
        values: AttendeeValues | None,
        *,
        editing: bool,
        record: AttendeeRecord | None = None,
    ) -> None:
        members = self.context.substitutable()
        replaced = record.substitute_for if record is not None else None
        if replaced and record is not None and all(key != replaced for _name, key in members):
            members.append((record.substitute_for_name or replaced, replaced))
        self.dialog = AttendeeDialog(
            self.context.workspace.window,
            self.context.workspace.settings,
            save,
            items=self.context.item_choices(),
            members=members,
            values=values,
            editing=editing,
        )
        self.dialog.open()

    def _add(self, meeting_id: int, values: AttendeeValues) -> list[Problem]:
        result, problems = self.context.perform(AddAttendee(self.service, meeting_id, values))
        # Select it once read again, unless read already (a synchronous runner).
        if isinstance(result, AttendeeRecord) and not self.select(result.key):
            self._wanted = result.key
        return problems

    def _edit(self, record: AttendeeRecord, values: AttendeeValues) -> list[Problem]:
        if changes_between(record, values) == changes_between(record, values_of(record)):
            return []  # nothing changed
        _result, problems = self.context.perform(EditAttendee(self.service, record, values))
        return problems

    def select(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, 1))
        return True
