"""The Attendance tab's declarations of interest: who declared, on which item, what,
and whether they left the room, with Add, Edit and Remove, each one undo step
(``declaration_steps``). Add offers the declarer's entries in the register of
interests (``services.declarations.offered``, read with the meeting)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.errors import Problem
from ...domain.procedure_records import DeclarationRecord, OfferedInterests
from ..shared.common import action_buttons, page_action
from ..shared.meeting_tab import ViewKeys
from ..shared.tables import FIT, STRETCH, record_table
from .declaration_dialog import DeclarationDialog, DeclarationValues
from .declaration_steps import AddDeclaration, EditDeclaration, RemoveDeclaration, values_of
from .declarations_model import DeclarationsModel
from .section import MeetingContext


class DeclarationsSection(QWidget):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("declarationsSection")
        self.context = context
        self.service = context.services.declarations
        self.dialog: DeclarationDialog | None = None  # the one open, for tests
        self._offered: list[OfferedInterests] = []

        self.model = DeclarationsModel(self)
        self.view = record_table(
            self.model,
            self.tr("Declarations of interest"),
            {0: FIT, 1: STRETCH, 2: FIT, 3: STRETCH, 4: FIT},
        )
        self.view.setObjectName("declarationsView")
        self.view.activated.connect(lambda _index: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.summary = QLabel()
        self.summary.setObjectName("declarationsSummary")
        self.summary.setWordWrap(True)

        self.add_action = page_action(
            self,
            self.tr("Add Declaration…"),
            self.tr("Record a declaration of interest, from the register or as made"),
            self.add,
        )
        self.edit_action = page_action(
            self,
            self.tr("Edit…"),
            self.tr("Change the selected declaration (Enter)"),
            self.edit_current,
        )
        self.remove_action = page_action(
            self,
            self.tr("Remove"),
            self.tr("Remove the selected declaration"),
            self.remove_current,
            "Del",
        )
        ViewKeys(self.view, [self.remove_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.add_action, self.edit_action, self.remove_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addLayout(action_buttons([self.add_action, self.edit_action, self.remove_action]))
        layout.addWidget(self.view, 1)
        self.update_actions()

    # What is shown ------------------------------------------------------------------

    def show_records(
        self,
        records: Sequence[DeclarationRecord],
        offered: Sequence[OfferedInterests],
        editable: bool,
    ) -> None:
        self._offered = list(offered)
        row = self.view.currentIndex().row()
        if list(records) != self.model.records():
            self.model.set_records(records)
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(max(row, 0), len(records) - 1), 0))
        self.summary.setText(
            self.tr("There were no declarations of interest.")
            if not records
            else (
                self.tr("1 declaration of interest.")
                if len(records) == 1
                else self.tr("{n} declarations of interest.").format(n=len(records))
            )
        )
        self.update_actions(editable)

    def current(self) -> DeclarationRecord | None:
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

    def add(self) -> None:
        meeting_id = self.context.meeting_id
        if meeting_id is None or not self.context.editable():
            return
        self._open(partial(self._add, meeting_id), self._offered, None)

    def edit_current(self) -> None:
        record = self.current()
        if record is None or not self.context.editable():
            return
        people = list(self._offered)
        if all(p.person != record.person for p in people):  # no longer present: keep them
            people.append(
                OfferedInterests(record.person, record.person_name, record.substitute, ())
            )
        self._open(partial(self._edit, record), people, values_of(record))

    def remove_current(self) -> None:
        record = self.current()
        if record is None or not self.context.editable():
            return
        self.context.perform(RemoveDeclaration(self.service, record))

    def _open(
        self,
        save: Callable[[DeclarationValues], list[Problem]],
        people: Sequence[OfferedInterests],
        values: DeclarationValues | None,
    ) -> None:
        self.dialog = DeclarationDialog(
            self.context.workspace.window,
            self.context.workspace.settings,
            save,
            people=people,
            items=self.context.item_choices(),
            values=values,
        )
        self.dialog.open()

    def _name_of(self, person: str) -> str:
        return next((p.name for p in self._offered if p.person == person), person)

    def _add(self, meeting_id: int, values: DeclarationValues) -> list[Problem]:
        step = AddDeclaration(self.service, meeting_id, values, self._name_of(values.person))
        _result, problems = self.context.perform(step)
        return problems

    def _edit(self, record: DeclarationRecord, values: DeclarationValues) -> list[Problem]:
        step = EditDeclaration(self.service, record, values)
        if not step.changes_anything:
            return []
        _result, problems = self.context.perform(step)
        return problems
