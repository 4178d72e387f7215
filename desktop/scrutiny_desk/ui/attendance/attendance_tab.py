"""The Attendance tab: each panel member's attendance at the selected meeting.

One row per member, with Present, Apologies and Absent as a choice of one (a click or
Space; Ctrl+1, Ctrl+2, Ctrl+3 and Ctrl+0 to clear). Each change is one undo step that
finds the member's record again before it undoes, since versions move on. While the
meeting's minutes are approved, attendance is read-only and a banner says to reopen
the minutes first.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ...domain.agenda_records import AttendanceRecord, MinutesRecord
from ...domain.enums import AttendanceStatus
from ...domain.topics import Topic
from ...domain.wording import day_month_year
from ..shared.locked_banner import LockedBanner
from ..shared.meeting_tab import MeetingTabBase
from ..shared.tables import FIT, STRETCH, record_table
from ..shared.workspace import Workspace
from .attendance_model import (
    STATUS_COLUMNS,
    AttendanceColumn,
    AttendanceModel,
    RadioDelegate,
)
from .attendance_steps import MarkRestPresent, SetAttendance

Index = QModelIndex | QPersistentModelIndex


class AttendanceTab(MeetingTabBase):
    """A MeetingTab (see ``ui.shared.workspace``): show_meeting and reload."""

    TOPICS = frozenset(
        {
            Topic.REVIEW,
            Topic.MEETINGS,
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
        self.view = record_table(
            self.model,
            self.tr("Attendance"),
            {
                AttendanceColumn.MEMBER: STRETCH,
                AttendanceColumn.ROLE: FIT,
                AttendanceColumn.PRESENT: FIT,
                AttendanceColumn.APOLOGIES: FIT,
                AttendanceColumn.ABSENT: FIT,
            },
        )
        self.view.setObjectName("attendanceView")
        self.view.setSelectionBehavior(self.view.SelectionBehavior.SelectItems)
        delegate = RadioDelegate(self.view)
        for column in STATUS_COLUMNS:
            self.view.setItemDelegateForColumn(column, delegate)
        header = self.view.horizontalHeader()
        for column in STATUS_COLUMNS:
            header.setSectionResizeMode(column, header.ResizeMode.Fixed)
            header.resizeSection(column, 110)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

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
        ):
            if made is None:
                buttons.addSpacing(12)
                continue
            button = QToolButton()
            button.setDefaultAction(made)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(made.text().replace("&", ""))
            buttons.addWidget(button)
        buttons.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.summary_label, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.locked_banner)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.present_nothing()
        self.update_actions()

    def _build_actions(self) -> None:
        def action(text: str, tip: str, slot: Callable[[], Any], keys: str) -> QAction:
            made = QAction(text, self)
            made.setStatusTip(tip)
            made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})")
            made.setShortcut(QKeySequence(keys))
            made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.triggered.connect(lambda _checked=False: slot())
            self.addAction(made)
            return made

        self.present_action = action(
            self.tr("&Present"),
            self.tr("The selected member was present"),
            partial(self.set_current, AttendanceStatus.PRESENT),
            "Ctrl+1",
        )
        self.apologies_action = action(
            self.tr("A&pologies"),
            self.tr("The selected member sent apologies"),
            partial(self.set_current, AttendanceStatus.APOLOGIES),
            "Ctrl+2",
        )
        self.absent_action = action(
            self.tr("A&bsent"),
            self.tr("The selected member was absent without apologies"),
            partial(self.set_current, AttendanceStatus.ABSENT),
            "Ctrl+3",
        )
        self.clear_action = action(
            self.tr("&Not Recorded"),
            self.tr("Record nothing for the selected member"),
            partial(self.set_current, None),
            "Ctrl+0",
        )
        self.rest_present_action = action(
            self.tr("The &Rest Present"),
            self.tr("Mark every member with nothing recorded as present"),
            self.mark_rest_present,
            "Ctrl+Shift+P",
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions(
            [
                self.present_action,
                self.apologies_action,
                self.absent_action,
                self.clear_action,
                self.rest_present_action,
            ]
        )

    # MeetingTabBase ------------------------------------------------------------------------

    def read(self, meeting_id: int) -> tuple[MinutesRecord, list[AttendanceRecord]]:
        return (
            self.minutes_service.minutes(meeting_id),
            self.minutes_service.attendance(meeting_id),
        )

    def present(
        self, data: tuple[MinutesRecord, list[AttendanceRecord]], same_meeting: bool
    ) -> None:
        minutes, records = data
        current = self.current_record()
        wanted = (
            current.member_key
            if same_meeting and current
            else self._keys_by_meeting.get(minutes.meeting_id)
        )
        column = max(self.view.currentIndex().column(), AttendanceColumn.PRESENT)
        self._minutes = minutes
        editable = not self.workspace.read_only and not minutes.locked
        if records != self.model.records() or editable != self.model.editable:
            self.model.editable = editable
            self.model.set_rows(records)
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
            self.locked_banner.say(
                self.tr(
                    "{approved}, so the attendance they record cannot be changed. Reopen them "
                    "on the Minutes tab to correct it (the reopening is recorded with its "
                    "reason)."
                ).format(approved=approved)
            )
        else:
            self.locked_banner.hide()

    def present_nothing(self) -> None:
        self._minutes = None
        self.model.set_rows([])
        self.summary_label.clear()
        self.locked_banner.hide()
        if self.review_id is None:
            self.show_hint(self.tr("Choose or add a review to see its meetings."))
        else:
            self.show_hint(self.tr("Choose a meeting to record its attendance."))

    def update_actions(self) -> None:
        writable = self.writable() and self._minutes is not None and not self._minutes.locked
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

    def mark_rest_present(self) -> None:
        """Everyone with nothing recorded is present: one undo step."""
        meeting_id = self.meeting_id
        if meeting_id is None or not self.rest_present_action.isEnabled():
            return
        keys = [r.member_key for r in self.model.records() if r.status is None]
        if keys:
            self.perform(MarkRestPresent(self.minutes_service, meeting_id, keys))
