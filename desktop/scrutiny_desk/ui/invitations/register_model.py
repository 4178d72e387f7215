"""The meeting's invitation register as a table: one row per person invited now or
named in the register, what was last issued to them and where they stand.

The app cannot know what was sent or received, only what it wrote: the words are
"issued", never "sent". The rows are ``RegisterLine``s from
``InvitationService.register``; the model saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ...domain.enums import AttendeeKind
from ...domain.invitation_records import (
    AttendingAs,
    CalendarIssue,
    IssueKind,
    LineState,
    PersonKind,
    RegisterLine,
)
from ...domain.wording import day_month_year

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
#: The RegisterLine of a row, for the tab and tests.
LineRole = Qt.ItemDataRole.UserRole + 1

#: States that call for Send Updates.
NEEDS_ISSUING = (LineState.NOT_ISSUED, LineState.OLDER, LineState.TO_CANCEL)


class RegisterColumn(IntEnum):
    PERSON = 0
    AS = 1
    EMAIL = 2
    LAST_ISSUED = 3
    STATE = 4


class RegisterLabels(QObject):
    """The register's words, translatable."""

    def headers(self) -> list[str]:
        return [
            self.tr("Person"),
            self.tr("As"),
            self.tr("E-mail"),
            self.tr("Last issued"),
            self.tr("State"),
        ]

    def person_kind(self, line: RegisterLine) -> str:
        if line.person is PersonKind.MEMBER:
            return (
                self.tr("Panel member")
                if line.invited_now
                else self.tr("Panel member (no longer on the panel)")
            )
        if line.person is PersonKind.ATTENDEE:
            return self.attending(line.attending)
        return self.tr("Witness") if line.invited_now else self.tr("Witness (off the agenda)")

    def attending(self, attending: AttendingAs | None) -> str:
        """ "Substitute for Cllr Bob Roy", "Officer: Scrutiny Officer"; someone now only
        also present, or no longer at the meeting, is not invited."""
        if attending is None:
            return self.tr("Substitute or officer (no longer attending)")
        if attending.kind is AttendeeKind.SUBSTITUTE:
            if attending.substitute_for:
                return self.tr("Substitute for {member}").format(member=attending.substitute_for)
            return self.tr("Substitute")
        if attending.kind is AttendeeKind.OFFICER:
            if attending.role:
                return self.tr("Officer: {post}").format(post=attending.role)
            return self.tr("Officer")
        return self.tr("Also present (not invited)")

    def kind(self, kind: IssueKind) -> str:
        return {
            IssueKind.INVITATION: self.tr("Invitation"),
            IssueKind.UPDATE: self.tr("Update"),
            IssueKind.CANCELLATION: self.tr("Cancellation"),
        }[kind]

    def last_issued(self, issue: CalendarIssue | None) -> str:
        """ "Update, 3 December 2026 14:02, by clerk" or "Nothing issued"."""
        if issue is None:
            return self.tr("Nothing issued")
        what = self.kind(issue.kind)
        if issue.reason:
            what = self.tr("{kind} ({reason})").format(kind=what, reason=issue.reason)
        return self.tr("{what}, {when}, by {who}").format(
            what=what, when=_when(issue.at), who=issue.by or self.tr("unknown")
        )

    def state(self, state: LineState) -> str:
        return {
            LineState.UP_TO_DATE: self.tr("Up to date"),
            LineState.OLDER: self.tr("Older than the meeting"),
            LineState.NOT_ISSUED: self.tr("Not issued"),
            LineState.CANCELLED: self.tr("Cancelled"),
            LineState.TO_CANCEL: self.tr("To be cancelled"),
            LineState.NO_EMAIL: self.tr("No e-mail: left out"),
        }[state]

    def state_tip(self, state: LineState) -> str:
        return {
            LineState.UP_TO_DATE: self.tr("What was last issued carries the meeting as it is now"),
            LineState.OLDER: self.tr(
                "Issued before the meeting last changed: Send Updates issues an update"
            ),
            LineState.NOT_ISSUED: self.tr(
                "Nothing issued yet: Send Updates issues their invitation"
            ),
            LineState.CANCELLED: self.tr("The last thing issued to them was a cancellation"),
            LineState.TO_CANCEL: self.tr(
                "They hold the meeting but are no longer invited, or it will not take "
                "place: Send Updates issues their cancellation"
            ),
            LineState.NO_EMAIL: self.tr(
                "No e-mail address: left out of every file until one is added"
            ),
        }[state]


def _when(at: datetime) -> str:
    """The moment in this computer's time zone: "3 December 2026 14:02"."""
    local = at.astimezone()
    return f"{day_month_year(local.date())} {local:%H:%M}"


class RegisterModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lines: list[RegisterLine] = []
        self.labels = RegisterLabels(self)
        self._headers = self.labels.headers()

    def set_lines(self, lines: Iterable[RegisterLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def lines(self) -> list[RegisterLine]:
        return list(self._lines)

    def line(self, row: int) -> RegisterLine:
        return self._lines[row]

    # Qt overrides ----------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(RegisterColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Role.DisplayRole
    ) -> Any:
        if (
            role == Role.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        column = RegisterColumn(index.column())
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return self._text(line, column)
        if role == Role.ToolTipRole:
            if column is RegisterColumn.STATE:
                return self.labels.state_tip(line.state)
            if column is RegisterColumn.LAST_ISSUED and line.last is not None:
                return self.tr("Issued to {names}").format(
                    names=", ".join(f"{to.name} <{to.email}>" for to in line.last.recipients)
                )
            return None
        if role == Role.FontRole and column is RegisterColumn.STATE and line.state in NEEDS_ISSUING:
            font = QFont()
            font.setBold(True)
            return font
        if role == LineRole:
            return line
        return None

    def _text(self, line: RegisterLine, column: RegisterColumn) -> str:
        if column is RegisterColumn.PERSON:
            return line.name
        if column is RegisterColumn.AS:
            return self.labels.person_kind(line)
        if column is RegisterColumn.EMAIL:
            return line.email or self.tr("none")
        if column is RegisterColumn.LAST_ISSUED:
            return self.labels.last_issued(line.last)
        return self.labels.state(line.state)
