"""The Panel page's register of interests of the selected member: each entry's
category and what it is, with Add, Edit and Remove, each one undo step
(``interest_steps``).

The register is the review's (``services.interests``), read off the GUI thread with the
member chosen; the declarations a meeting records offer its entries. It is not part of
any meeting's minutes, so approved minutes do not freeze it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.enums import InterestCategory
from ...domain.errors import Problem
from ...domain.people_records import MemberRecord
from ...domain.procedure_records import InterestRecord
from ..shared.common import action_buttons, page_action
from ..shared.interest_words import category_label
from ..shared.records_table import Column, RecordTableModel
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .interest_dialog import InterestDialog
from .interest_steps import AddInterest, EditInterest, RemoveInterest, Show

LOAD_KEY = "panel-interests"


class InterestsModel(RecordTableModel[InterestRecord]):
    """One member's entries, in register order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(
            [
                Column(self.tr("Category"), lambda r: category_label(r.category)),
                Column(self.tr("Interest"), lambda r: r.text, tooltip=lambda r: r.text),
            ],
            parent=parent,
        )


class InterestsPane(QWidget):
    def __init__(self, workspace: Workspace, show: Show, parent: QWidget | None = None) -> None:
        """``show``: select this member once the panel is read again (the page's)."""
        super().__init__(parent)
        self.setObjectName("interestsPane")
        self.workspace = workspace
        self.service = workspace.services.interests
        self._show = show
        self._review_id: int | None = None
        self._member: MemberRecord | None = None
        self.dialog: InterestDialog | None = None  # the one open, for tests

        self.model = InterestsModel(self)
        self.view = record_table(self.model, self.tr("Register of interests"), {0: FIT, 1: STRETCH})
        self.view.setObjectName("interestsView")
        self.view.activated.connect(lambda _index: self.edit_current())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.update_actions())
        self.caption = caption(self.tr("Register of &interests"), self.view)
        self.summary = QLabel()
        self.summary.setObjectName("interestsSummary")
        self.summary.setWordWrap(True)

        self.add_action = page_action(
            self,
            self.tr("Add Interest…"),
            self.tr("Add an entry to the selected member's register of interests"),
            self.add,
        )
        self.edit_action = page_action(
            self, self.tr("Edit Interest…"), self.tr("Change the selected entry"), self.edit_current
        )
        self.remove_action = page_action(
            self,
            self.tr("Remove Interest"),
            self.tr("Take the selected entry off the register"),
            self.remove_current,
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.add_action, self.edit_action, self.remove_action])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.caption)
        layout.addWidget(self.summary)
        layout.addLayout(action_buttons([self.add_action, self.edit_action, self.remove_action]))
        layout.addWidget(self.view, 1)
        self.show_member(None, None)

    # What is shown ------------------------------------------------------------------

    def show_member(self, review_id: int | None, member: MemberRecord | None) -> None:
        """The register of this member (None: nobody chosen), read off the GUI thread."""
        self._review_id, self._member = review_id, member
        self.workspace.runner.discard(LOAD_KEY)
        if member is None or review_id is None:
            self.model.set_records([])
            self.caption.setText(self.tr("Register of &interests"))
            self.summary.setText(self.tr("Choose a member above to see their interests."))
            self.update_actions()
            return
        self.caption.setText(
            self.tr("Register of &interests of {name}").format(name=member.name.replace("&", "&&"))
        )
        self.view.setAccessibleName(
            self.tr("Register of interests of {name}").format(name=member.name)
        )
        self.reload()

    def reload(self) -> None:
        review_id, member = self._review_id, self._member
        if review_id is None or member is None:
            return
        self.workspace.runner.submit(
            partial(self.service.register, review_id),
            partial(self._on_loaded, member.key),
            self._on_failed,
            key=LOAD_KEY,
        )

    def _on_loaded(self, key: str, register: list[InterestRecord]) -> None:
        if self._member is None or self._member.key != key:
            return
        row = self.view.currentIndex().row()
        entries = [r for r in register if r.member_key == key]
        if entries != self.model.records():
            self.model.set_records(entries)
        if entries:
            self.view.setCurrentIndex(self.model.index(min(max(row, 0), len(entries) - 1), 0))
        self.summary.setText(
            self.tr("Nothing registered.")
            if not entries
            else (
                self.tr("1 interest registered.")
                if len(entries) == 1
                else self.tr("{n} interests registered.").format(n=len(entries))
            )
        )
        self.update_actions()

    def _on_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The register of interests could not be read"), exc)

    def current(self) -> InterestRecord | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.record(index.row())

    def update_actions(self) -> None:
        writable = (
            not self.workspace.read_only
            and self._review_id is not None
            and self._member is not None
        )
        chosen = self.current() is not None
        self.add_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and chosen)
        self.remove_action.setEnabled(writable and chosen)

    # Changing -----------------------------------------------------------------------

    def add(self) -> None:
        member, review_id = self._member, self._review_id
        if member is None or review_id is None or not self.add_action.isEnabled():
            return
        self.dialog = InterestDialog(
            self.workspace.window,
            self.workspace.settings,
            member.name,
            partial(self._add, review_id, member),
        )
        self.dialog.open()

    def edit_current(self) -> None:
        record = self.current()
        if record is None or not self.edit_action.isEnabled():
            return
        self.dialog = InterestDialog(
            self.workspace.window,
            self.workspace.settings,
            record.member_name,
            partial(self._edit, record),
            record=record,
        )
        self.dialog.open()

    def remove_current(self) -> None:
        record = self.current()
        if record is None or not self.remove_action.isEnabled():
            return
        self.workspace.editor.perform(RemoveInterest(self.service, record, self._show))

    def _add(
        self, review_id: int, member: MemberRecord, text: str, category: InterestCategory
    ) -> list[Problem]:
        step = AddInterest(
            self.service, review_id, member.key, member.name, text, category, self._show
        )
        _result, problems = self.workspace.editor.perform_checked(step)
        return problems

    def _edit(self, record: InterestRecord, text: str, category: InterestCategory) -> list[Problem]:
        step = EditInterest(self.service, record, text, category, self._show)
        if not step.changes_anything:
            return []
        _result, problems = self.workspace.editor.perform_checked(step)
        return problems
