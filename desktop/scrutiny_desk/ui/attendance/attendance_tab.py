"""The Attendance tab: who was at the selected meeting, for which items, and what they
declared.

Panel members: one row per member, with Present, Apologies and Absent as a choice of
one (a click or Space; Ctrl+1, Ctrl+2, Ctrl+3 and Ctrl+0 to clear), and for a member
present the item they arrived at and the item they left after (chosen in the cell).
"Substitute…" on a member who sent apologies adds the councillor who attends for them.
The others at the meeting (substitutes, officers, others also present) and the
declarations of interest are sections of their own (``others_section``,
``declarations_section``); beside them the quorum at each item, read again with every
arrival and departure (``quorum_panel``). Each change is one undo step that finds its
record again before it undoes, since versions move on. While the meeting's minutes are
approved, all of it is read-only and a banner says to reopen the minutes first.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import AttendanceRecord, MinutesRecord
from ...domain.enums import AttendanceStatus
from ...domain.meeting_rules import will_not_take_place
from ...domain.procedure_records import (
    AttendeeRecord,
    DeclarationRecord,
    MeetingQuorum,
    OfferedInterests,
)
from ...domain.topics import Topic
from ...domain.wording import day_month_year
from ..shared.common import page_action
from ..shared.locked_banner import LockedBanner
from ..shared.meeting_tab import MeetingTabBase, ViewKeys
from ..shared.tables import FIT, STRETCH, record_table
from ..shared.workspace import Workspace
from .attendance_model import (
    STATUS_COLUMNS,
    STAY_COLUMNS,
    AttendanceColumn,
    AttendanceModel,
    RadioDelegate,
)
from .attendance_steps import MarkRestPresent, SetAttendance, SetStay
from .declarations_section import DeclarationsSection
from .others_section import OthersSection
from .quorum_panel import QuorumPanel
from .stay_choices import Choice, item_label
from .stay_delegate import StayDelegate

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AttendanceData:
    """Everything the tab shows of one meeting, read off the GUI thread."""

    minutes: MinutesRecord
    records: list[AttendanceRecord]  # the panel members'
    others: list[AttendeeRecord]
    declarations: list[DeclarationRecord]
    offered: list[OfferedInterests]  # who may declare, with their register entries
    quorum: MeetingQuorum


class AttendanceTab(MeetingTabBase):
    """A MeetingTab (see ``ui.shared.workspace``): show_meeting and reload. It is the
    ``section.MeetingContext`` of its sections."""

    TOPICS = frozenset(
        {
            Topic.REVIEW,
            Topic.MEETINGS,
            Topic.AGENDA,  # the items arrivals and departures name, and the quorum's
            Topic.PANEL,
            Topic.ATTENDANCE,
            Topic.MINUTES,
        }
    )
    LOAD_KEY = "attendance-tab"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.setObjectName("attendanceTab")
        self.minutes_service = self.services.minutes
        self._minutes: MinutesRecord | None = None
        self._keys_by_meeting: dict[int, str] = {}

        self.model = AttendanceModel(self)
        self.model.attendance_requested.connect(self._on_attendance_requested)
        self.model.stay_requested.connect(self._on_stay_requested)
        self.view = record_table(
            self.model,
            self.tr("Attendance"),
            {
                AttendanceColumn.MEMBER: FIT,  # names whole; the stay columns take the rest
                AttendanceColumn.ROLE: FIT,
                AttendanceColumn.PRESENT: FIT,
                AttendanceColumn.APOLOGIES: FIT,
                AttendanceColumn.ABSENT: FIT,
                AttendanceColumn.ARRIVED: STRETCH,
                AttendanceColumn.LEFT: STRETCH,
            },
        )
        self.view.setObjectName("attendanceView")
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectItems)
        delegate = RadioDelegate(self.view)
        for column in STATUS_COLUMNS:
            self.view.setItemDelegateForColumn(column, delegate)
        for column in STAY_COLUMNS:
            self.view.setItemDelegateForColumn(column, StayDelegate(self.model, column, self.view))
        self.view.setEditTriggers(
            self.view.EditTrigger.DoubleClicked | self.view.EditTrigger.EditKeyPressed
        )
        ViewKeys(self.view, [])  # F2 edits an arrival or departure, whatever the page says
        header = self.view.horizontalHeader()
        for column in STATUS_COLUMNS:
            header.setSectionResizeMode(column, header.ResizeMode.Fixed)
            header.resizeSection(column, 80)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.others = OthersSection(self)
        self.declarations = DeclarationsSection(self)
        self.quorum_panel = QuorumPanel()

        self.heading = QLabel()
        self.heading.setObjectName("attendanceHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("attendanceSummary")
        bold = self.summary_label.font()
        bold.setBold(True)
        self.summary_label.setFont(bold)

        self.locked_banner = LockedBanner("attendanceLocked")
        self.locked_text = self.locked_banner.text

        self._build_actions()
        buttons = QHBoxLayout()
        buttons.setSpacing(4)
        for made in (
            self.present_action,
            self.apologies_action,
            self.absent_action,
            self.clear_action,
            None,
            self.rest_present_action,
            None,
            self.substitute_action,
        ):
            if made is None:
                buttons.addSpacing(12)
                continue
            made.setIconText(made.text().replace("&", ""))  # keep "…" on the button
            button = QToolButton()
            button.setDefaultAction(made)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(made.text().replace("&", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.summary_label, 0, Qt.AlignmentFlag.AlignBottom)
        members = QWidget()
        members_layout = QVBoxLayout(members)
        members_layout.setContentsMargins(0, 4, 0, 0)
        members_layout.addLayout(buttons)
        members_layout.addWidget(self.view, 1)
        self.sections = QTabWidget()
        self.sections.setObjectName("attendanceSections")
        self.sections.setDocumentMode(True)
        self.sections.addTab(members, self.tr("Panel Members"))
        self.sections.addTab(self.others, self.tr("Others at the Meeting"))
        self.sections.addTab(self.declarations, self.tr("Declarations of Interest"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.sections)
        self.splitter.addWidget(self.quorum_panel)
        # A window wider than usual widens the lists; the quorum keeps room for its words.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([800, 330])
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.locked_banner)
        layout.addWidget(self.splitter, 1)
        self.start_empty()

    def _build_actions(self) -> None:
        self.present_action = page_action(
            self,
            self.tr("&Present"),
            self.tr("The selected member was present"),
            partial(self.set_current, AttendanceStatus.PRESENT),
            "Ctrl+1",
            add=True,
        )
        self.apologies_action = page_action(
            self,
            self.tr("A&pologies"),
            self.tr("The selected member sent apologies"),
            partial(self.set_current, AttendanceStatus.APOLOGIES),
            "Ctrl+2",
            add=True,
        )
        self.absent_action = page_action(
            self,
            self.tr("A&bsent"),
            self.tr("The selected member was absent without apologies"),
            partial(self.set_current, AttendanceStatus.ABSENT),
            "Ctrl+3",
            add=True,
        )
        self.clear_action = page_action(
            self,
            self.tr("&Not Recorded"),
            self.tr("Record nothing for the selected member"),
            partial(self.set_current, None),
            "Ctrl+0",
            add=True,
        )
        self.rest_present_action = page_action(
            self,
            self.tr("The &Rest Present"),
            self.tr("Mark every member with nothing recorded as present"),
            self.mark_rest_present,
            "Ctrl+Shift+P",
            add=True,
        )
        self.substitute_action = page_action(
            self,
            self.tr("&Substitute…"),
            self.tr("Add the councillor attending for the selected member, who sent apologies"),
            self.add_substitute,
            "Ctrl+Shift+S",
            add=True,
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(
            [
                self.present_action,
                self.apologies_action,
                self.absent_action,
                self.clear_action,
                self.rest_present_action,
                self.substitute_action,
            ]
        )

    # MeetingTabBase ------------------------------------------------------------------------

    def read(self, meeting_id: int) -> AttendanceData:
        services = self.services
        return AttendanceData(
            minutes=self.minutes_service.minutes(meeting_id),
            records=self.minutes_service.attendance(meeting_id),
            others=services.attendees.attendees(meeting_id),
            declarations=services.declarations.declarations(meeting_id),
            offered=services.declarations.offered(meeting_id),
            quorum=services.attendees.quorum(meeting_id),
        )

    def present(self, data: AttendanceData, same_meeting: bool) -> None:
        minutes, records = data.minutes, data.records
        current = self.current_record()
        wanted = (
            current.member_key
            if same_meeting and current
            else self._keys_by_meeting.get(minutes.meeting_id)
        )
        column = max(self.view.currentIndex().column(), AttendanceColumn.PRESENT)
        self._minutes = minutes
        editable = not self.workspace.read_only and not minutes.locked
        items = [(item_label(i.number, i.title), i.item_key) for i in data.quorum.items]
        if items != self.model.items():
            self.model.set_items(items)
        if records != self.model.records() or editable != self.model.editable:
            self.model.editable = editable
            self.model.set_rows(records)
        self.others.show_records(data.others, editable)
        self.declarations.show_records(data.declarations, data.offered, editable)
        self.quorum_panel.show_quorum(
            data.quorum, took_place=not will_not_take_place(minutes.meeting_status)
        )
        self._retitle_sections(len(data.others), len(data.declarations))
        row = self.model.row_of_key(wanted) if wanted else None
        if row is None and self.model.rowCount() and not self.view.currentIndex().isValid():
            row = 0
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, column))
        self.heading.setText(
            "<p style='margin:0'><span style='font-size:large; font-weight:600'>"
            f"{html.escape(minutes.meeting_title)}</span><br>"
            f"{html.escape(self.tr('Attendance of the panel'))}</p>"
        )
        self.summary_label.setText(self.model.summary())
        self.summary_label.setAccessibleName(self.model.summary())
        if minutes.locked:
            approved = (
                self.tr("The minutes were approved on {day}").format(
                    day=day_month_year(minutes.approved_on)
                )
                if minutes.approved_on
                else self.tr("The minutes were approved")
            )
            locked = self.tr(
                "{approved}, so the attendance and declarations they record cannot be changed."
            ).format(approved=approved)
            if not self.workspace.read_only:  # a reader cannot reopen them: not offered
                locked += " " + self.tr(
                    "Reopen them on the Minutes tab to correct them (the reopening is "
                    "recorded with its reason)."
                )
            self.locked_banner.say(locked)
        else:
            self.locked_banner.hide()

    def present_nothing(self) -> None:
        self._minutes = None
        self.model.set_rows([])
        self.model.set_items([])
        self.others.show_records([], False)
        self.declarations.show_records([], [], False)
        self.quorum_panel.show_quorum(None)
        self._retitle_sections(0, 0)
        self.summary_label.clear()
        self.locked_banner.hide()
        if self.review_id is None:
            self.show_hint(self.tr("Choose or add a review to see its meetings."))
        else:
            self.show_hint(self.tr("Choose a meeting to record its attendance."))

    def update_actions(self) -> None:
        writable = self.editable()
        record = self.current_record()
        for made in (
            self.present_action,
            self.apologies_action,
            self.absent_action,
            self.clear_action,
        ):
            made.setEnabled(writable and record is not None)
        self.rest_present_action.setEnabled(
            writable and any(r.status is None for r in self.model.records())
        )
        self.substitute_action.setEnabled(
            writable
            and record is not None
            and record.status is AttendanceStatus.APOLOGIES
            and record.member_key not in self._replaced()
        )
        self.others.update_actions(writable)
        self.declarations.update_actions(writable)

    def _retitle_sections(self, others: int, declarations: int) -> None:
        self.sections.setTabText(
            1,
            self.tr("Others at the Meeting ({n})").format(n=others)
            if others
            else self.tr("Others at the Meeting"),
        )
        self.sections.setTabText(
            2,
            self.tr("Declarations of Interest ({n})").format(n=declarations)
            if declarations
            else self.tr("Declarations of Interest"),
        )

    # MeetingContext (for the sections) ------------------------------------------------------

    def editable(self) -> bool:
        return self.writable() and self._minutes is not None and not self._minutes.locked

    def item_choices(self) -> list[Choice]:
        return self.model.items()

    def substitutable(self) -> list[Choice]:
        replaced = self._replaced()
        return [
            (r.member_name, r.member_key)
            for r in self.model.records()
            if r.status is not AttendanceStatus.PRESENT and r.member_key not in replaced
        ]

    def _replaced(self) -> set[str]:
        """The panel members someone attends for already."""
        return {s.substitute_for for s in self.others.model.substitutes() if s.substitute_for}

    # What is shown ------------------------------------------------------------------------

    def current_record(self) -> AttendanceRecord | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.record(index.row())

    def select_member(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        if row is None:
            return False
        self.view.setCurrentIndex(self.model.index(row, AttendanceColumn.PRESENT))
        return True

    def _on_current_changed(self, _current: Index, _previous: Index) -> None:
        record = self.current_record()
        if record is not None and self.meeting_id is not None:
            self._keys_by_meeting[self.meeting_id] = record.member_key
        self.update_actions()

    def _on_attendance_requested(
        self, record: AttendanceRecord, status: AttendanceStatus | None
    ) -> None:
        # After the delegate's event: the change reloads the model.
        QTimer.singleShot(0, self, partial(self.set_attendance, record, status))

    def _on_stay_requested(
        self, record: AttendanceRecord, arrived: str | None, left: str | None
    ) -> None:
        # After the delegate has closed its editor: the change reloads the model.
        QTimer.singleShot(0, self, partial(self.set_stay, record, arrived, left))

    # Changing ------------------------------------------------------------------------------

    def set_current(self, status: AttendanceStatus | None) -> None:
        record = self.current_record()
        if record is not None:
            self.set_attendance(record, status)

    def set_attendance(self, record: AttendanceRecord, status: AttendanceStatus | None) -> None:
        """One member's attendance, as one undo step."""
        if not self.writable() or status is record.status:
            return
        label = self.model.labels.status(status)
        self.perform(SetAttendance(self.minutes_service, record, status, label))

    def set_stay(self, record: AttendanceRecord, arrived: str | None, left: str | None) -> None:
        """When a member present arrived and left, as one undo step."""
        if not self.editable() or (arrived, left) == (record.arrived, record.left):
            return
        after = replace(record, arrived=arrived, left=left)
        label = self.tr("{arrived} to {left}").format(
            arrived=self.model.stay_text(after, AttendanceColumn.ARRIVED),
            left=self.model.stay_text(after, AttendanceColumn.LEFT),
        )
        self.perform(
            SetStay(self.minutes_service, self.services.attendees, record, arrived, left, label)
        )

    def add_substitute(self) -> None:
        """The councillor attending for the selected member, who sent apologies."""
        record = self.current_record()
        if record is None or not self.substitute_action.isEnabled():
            return
        self.sections.setCurrentWidget(self.others)
        self.others.add(substitute_for=record.member_key)

    def mark_rest_present(self) -> None:
        """Everyone with nothing recorded is present: one undo step."""
        meeting_id = self.meeting_id
        if meeting_id is None or not self.rest_present_action.isEnabled():
            return
        keys = [r.member_key for r in self.model.records() if r.status is None]
        if keys:
            self.perform(MarkRestPresent(self.minutes_service, meeting_id, keys))
