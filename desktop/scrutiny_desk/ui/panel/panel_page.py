"""The Panel page: the review's members, one member's attendance across meetings, and
their register of interests (``interests_pane``).

Add, edit, remove, make chair and reorder are each one named undo step
(panel_steps.py), which finds the member by key and hands the chair over when a member
is given it while someone else holds it.

A member's attendance comes from the minutes service, read off the GUI thread.
"""

from __future__ import annotations

from functools import partial
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.changes import KEEP
from ...domain.enums import MemberRole
from ...domain.errors import Problem
from ...domain.people_records import MemberChanges, MemberRecord
from ...domain.topics import Topic, Topics
from ...services.container import Services
from ..audit.history_action import add_history
from ..shared.commands import Step
from ..shared.common import action_buttons, page_action
from ..shared.removal_question import ask_before_removing
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .interests_pane import InterestsPane
from .member_dialog import MemberDialog, MemberValues
from .panel_model import (
    AttendanceColumn,
    AttendanceModel,
    AttendanceRow,
    PanelColumn,
    PanelModel,
)
from .panel_steps import AddMember, EditMember, MakeChair, MoveMember, RemoveMember


def load_attendance(services: Services, review_id: int, member_key: str) -> list[AttendanceRow]:
    """A member's attendance at every meeting of the review (run off the GUI thread)."""
    return [
        AttendanceRow(a.meeting_title, a.start, a.meeting_status, a.status)
        for a in services.minutes.member_attendance(review_id, member_key)
    ]


class PanelPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {Topic.REVIEW, Topic.PANEL, Topic.MEETINGS, Topic.ATTENDANCE, Topic.MINUTES}
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panelPage")
        self.workspace = workspace
        self.panel = workspace.services.panel
        self._review_id: int | None = None
        self._select_key: str | None = None
        self.dialog: MemberDialog | None = None  # the one open, for tests

        self.model = PanelModel(self)
        self.view = record_table(
            self.model,
            self.tr("Panel members"),
            {PanelColumn.NAME: STRETCH, PanelColumn.ROLE: FIT, PanelColumn.EMAIL: STRETCH},
        )
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.activated.connect(lambda _index: self.edit_member())
        self.attendance_model = AttendanceModel(self)
        self.attendance_view = record_table(
            self.attendance_model,
            self.tr("Attendance"),
            {
                AttendanceColumn.DATE: FIT,
                AttendanceColumn.MEETING: STRETCH,
                AttendanceColumn.STATUS: FIT,
            },
        )
        self.summary_label = QLabel()
        self.summary_label.setObjectName("attendanceSummary")
        self.attendance_caption = caption(self.tr("Atte&ndance"), self.attendance_view)

        self._build_actions()
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 4)
        top_layout.addWidget(caption(self.tr("&Panel"), self.view))
        top_layout.addLayout(
            action_buttons(
                [
                    self.add_action,
                    self.edit_action,
                    self.remove_action,
                    None,
                    self.chair_action,
                    None,
                    self.up_action,
                    self.down_action,
                ]
            )
        )
        top_layout.addWidget(self.view, 1)

        attendance = QWidget()
        bottom_layout = QVBoxLayout(attendance)
        bottom_layout.setContentsMargins(8, 4, 8, 8)
        bottom_layout.addWidget(self.attendance_caption)
        bottom_layout.addWidget(self.summary_label)
        bottom_layout.addWidget(self.attendance_view)
        self.interests = InterestsPane(workspace, self.show_later)
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setChildrenCollapsible(False)
        bottom.addWidget(attendance)
        bottom.addWidget(self.interests)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setSizes([320, 280])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.setTabOrder(self.view, self.attendance_view)
        self.setTabOrder(self.attendance_view, self.interests.view)
        self._show_attendance_of(None)
        self._update_actions()

    def _build_actions(self) -> None:

        self.add_action = page_action(
            self,
            self.tr("&Add…"),
            self.tr("Add a member to the panel"),
            self.add_member,
            "Ins",
            add=True,
        )
        self.edit_action = page_action(
            self,
            self.tr("E&dit…"),
            self.tr("Change the selected member's name, role or e-mail (Enter)"),
            self.edit_member,
            add=True,
        )
        self.remove_action = page_action(
            self,
            self.tr("Re&move"),
            self.tr("Remove the selected member from the panel, with their attendance"),
            self.remove_member,
            "Del",
            add=True,
        )
        self.chair_action = page_action(
            self,
            self.tr("Make &Chair"),
            self.tr("Make the selected member chair; the present chair becomes a member"),
            self.make_chair,
            add=True,
        )
        self.up_action = page_action(
            self,
            self.tr("Move &Up"),
            self.tr("Move the selected member up the panel"),
            partial(self.move_member, -1),
            "Ctrl+Up",
            add=True,
        )
        self.down_action = page_action(
            self,
            self.tr("Move Do&wn"),
            self.tr("Move the selected member down the panel"),
            partial(self.move_member, 1),
            "Ctrl+Down",
            add=True,
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(self.actions())
        add_history(self.view, self.workspace, "panel_members", self.current_member)

    # Page protocol --------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        self._select_key = None
        if review_id is None:
            self.workspace.runner.discard("panel-members")
            self.workspace.runner.discard("panel-attendance")
            self.model.set_rows([])
            self._show_attendance_of(None)
            self.interests.show_member(None, None)
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            current = self.current_member()
            if self._select_key is None and current is not None:
                self._select_key = current.key
            self._load()
            self.interests.reload()

    # What is shown ----------------------------------------------------------------------

    def current_member(self) -> MemberRecord | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_member(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, PanelColumn.NAME))
        return True

    def _load(self) -> None:
        review_id = self._review_id
        assert review_id is not None
        self.workspace.runner.submit(
            partial(self.panel.members, review_id),
            partial(self._on_members_loaded, review_id),
            partial(self._on_failed, self.tr("The panel could not be read")),
            key="panel-members",
        )

    def _on_members_loaded(self, review_id: int, members: list[MemberRecord]) -> None:
        if review_id != self._review_id:
            return
        wanted = self._select_key or (m.key if (m := self.current_member()) else None)
        self._select_key = None
        self.model.set_rows(members)
        if not (wanted and self.select_member(wanted)) and members:
            self.view.setCurrentIndex(self.model.index(0, PanelColumn.NAME))
        if not members:
            self._show_attendance_of(None)
            self.interests.show_member(self._review_id, None)
        self._update_actions()

    def _on_current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        member = self.model.record(current.row()) if current.isValid() else None
        self._show_attendance_of(member)
        self.interests.show_member(self._review_id, member)
        self._update_actions()

    def _show_attendance_of(self, member: MemberRecord | None) -> None:
        self.workspace.runner.discard("panel-attendance")
        self.attendance_model.set_rows([])
        if member is None or self._review_id is None:
            self.attendance_caption.setText(self.tr("Atte&ndance"))
            self.summary_label.setText(
                self.tr("Choose a member above to see their attendance.")
                if self.model.rowCount()
                else self.tr("The panel has no members yet.")
            )
            self.attendance_view.setAccessibleName(self.tr("Attendance"))
            return
        self.attendance_caption.setText(
            self.tr("Atte&ndance of {name}").format(name=member.name.replace("&", "&&"))
        )
        self.attendance_view.setAccessibleName(
            self.tr("Attendance of {name}").format(name=member.name)
        )
        self.summary_label.setText(self.tr("Loading…"))
        self.workspace.runner.submit(
            partial(load_attendance, self.workspace.services, self._review_id, member.key),
            partial(self._on_attendance_loaded, member.key),
            partial(self._on_failed, self.tr("The attendance record could not be read")),
            key="panel-attendance",
        )

    def _on_attendance_loaded(self, key: str, rows: list[AttendanceRow]) -> None:
        member = self.current_member()
        if member is None or member.key != key:
            return
        self.attendance_model.set_rows(rows)
        self.summary_label.setText(self.attendance_model.summary())

    def _on_failed(self, title: str, exc: Exception) -> None:
        self.workspace.report_error(title, exc)

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self._review_id is not None
        member = self.current_member()
        row = self.view.currentIndex().row() if member else -1
        self.add_action.setEnabled(writable)
        self.edit_action.setEnabled(writable and member is not None)
        self.remove_action.setEnabled(writable and member is not None)
        self.chair_action.setEnabled(
            writable and member is not None and member.role is not MemberRole.CHAIR
        )
        self.up_action.setEnabled(writable and row > 0)
        self.down_action.setEnabled(writable and 0 <= row < self.model.rowCount() - 1)

    # Actions ------------------------------------------------------------------------------

    def add_member(self) -> None:
        if not self.add_action.isEnabled():
            return
        self.dialog = MemberDialog(
            self.workspace.window, self.workspace.settings, self._add, chair=self.model.chair()
        )
        self.dialog.open()

    def edit_member(self) -> None:
        member = self.current_member()
        if member is None or not self.edit_action.isEnabled():
            return
        self.dialog = MemberDialog(
            self.workspace.window,
            self.workspace.settings,
            partial(self._edit, member),
            record=member,
            chair=self.model.chair(),
        )
        self.dialog.open()

    def remove_member(self) -> None:
        """Remove the selected member; when they have attendance records or entries in
        the register of interests, ask first."""
        member = self.current_member()
        if member is None or not self.remove_action.isEnabled():
            return
        ask_before_removing(
            self.workspace.window,
            self.tr("Remove Panel Member"),
            self.tr("Remove {name} from the panel?").format(name=member.name),
            lambda: self.workspace.services.removals.of_member(member.id),
            partial(self._remove_member, member),
            person=True,
        )

    def _remove_member(self, member: MemberRecord) -> None:
        self._perform(RemoveMember(self.panel, member, self.show_later))

    def make_chair(self) -> None:
        member = self.current_member()
        if member is None or not self.chair_action.isEnabled():
            return
        self._perform(MakeChair(self.panel, member, self.show_later))

    def move_member(self, step: int) -> None:
        member = self.current_member()
        if member is None:
            return
        row = self.view.currentIndex().row()
        to = row + step
        if not 0 <= to < self.model.rowCount() or self.workspace.read_only:
            return
        self._perform(MoveMember(self.panel, member, row, to, self.show_later))

    # Saving the member dialog -----------------------------------------------------------

    def _add(self, values: MemberValues) -> list[Problem]:
        review_id = self._review_id
        if review_id is None:
            return []
        step = AddMember(self.panel, review_id, values, self.model.chair(), self.show_later)
        result, problems = self.workspace.editor.perform_checked(step)
        if isinstance(result, MemberRecord):
            # Loaded already (a synchronous runner) or still loading: select it either way.
            self.show_later(None if self.select_member(result.key) else result.key)
        return problems

    def _edit(self, member: MemberRecord, values: MemberValues) -> list[Problem]:
        chair = self.model.chair()
        hand_over = (
            values.role is MemberRole.CHAIR
            and member.role is not MemberRole.CHAIR
            and chair is not None
            and chair.key != member.key
        )
        forward = MemberChanges(
            name=values.name if values.name != member.name else KEEP,
            email=values.email if values.email != member.email else KEEP,
            role=values.role if values.role is not member.role and not hand_over else KEEP,
        )
        backward = MemberChanges(
            name=KEEP if forward.name is KEEP else member.name,
            email=KEEP if forward.email is KEEP else member.email,
            role=KEEP if forward.role is KEEP else member.role,
        )
        if forward == MemberChanges() and not hand_over:
            return []  # nothing changed
        return self._perform(
            EditMember(self.panel, member, forward, backward, hand_over, self.show_later)
        )

    # Helpers ------------------------------------------------------------------------------

    def show_later(self, key: str | None) -> None:
        """Select this member once the panel is read again (None: stay)."""
        self._select_key = key

    def _perform(self, step: Step) -> list[Problem]:
        """One undo step; the problems to show beside the dialog's fields, if any."""
        _result, problems = self.workspace.editor.perform_checked(step)
        return problems
