"""The Invitations tab: per person, what was last issued for the selected meeting and
whether it is older than the meeting now is, with the warnings (no e-mail address,
private witnesses on open items) and a Send Updates… button.

It reads the register on a worker when shown (``MeetingTabBase``), and again when a
topic it shows changes: the meeting, its agenda, the panel, its substitutes and
officers (attendance) and the witnesses change what each person needs; the register
(``Topic.INVITATIONS``) changes when files are issued, which is not an undoable edit,
so Send Updates announces it through the Editor's ``changed`` signal itself (see
``send_updates``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.invitation_records import LineState, RegisterLine
from ...domain.topics import Topic
from ..shared.meeting_tab import MeetingTabBase
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.warnings_box import WarningsBox
from ..shared.workspace import Workspace
from .register_model import NEEDS_ISSUING, RegisterColumn, RegisterModel


@dataclass(frozen=True)
class RegisterRead:
    lines: tuple[RegisterLine, ...]
    warnings: tuple[str, ...]


class InvitationsTab(MeetingTabBase):
    """A MeetingTab (see ``ui.shared.workspace``): show_meeting and reload."""

    TOPICS = frozenset(
        {
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.PANEL,
            Topic.ATTENDANCE,  # substitutes and officers are invited
            Topic.WITNESSES,
            Topic.INVITATIONS,
        }
    )
    LOAD_KEY = "invitations-tab"

    def __init__(
        self,
        workspace: Workspace,
        send_updates: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(workspace, parent)
        self.setObjectName("invitationsTab")
        self._send_updates = send_updates
        self.model = RegisterModel(self)
        self.view = record_table(
            self.model,
            self.tr("Invitation register"),
            {
                RegisterColumn.PERSON: FIT,
                RegisterColumn.AS: FIT,
                RegisterColumn.EMAIL: FIT,
                RegisterColumn.LAST_ISSUED: STRETCH,
                RegisterColumn.STATE: FIT,
            },
        )
        self.view.setObjectName("invitationsView")
        self.summary_label = QLabel()
        self.summary_label.setObjectName("invitationsSummary")
        self.summary_label.setWordWrap(True)
        self.warnings_box = WarningsBox("invitationWarnings")
        self.send_button = QPushButton(self.tr("Send &Updates…"))
        self.send_button.setObjectName("sendUpdatesButton")
        self.send_button.setToolTip(
            self.tr(
                "List what each person needs now (updates, invitations, cancellations), "
                "then write it"
            )
        )
        if workspace.read_only:  # what it writes is entered in the invitation register
            self.send_button.setToolTip(
                self.tr("Not on a read-only database: what it writes is recorded in the register")
            )
        self.send_button.clicked.connect(self._on_send_clicked)
        note = QLabel(
            self.tr(
                "What Scrutiny Desk wrote for this meeting. It cannot know what was sent "
                "or received: it says what was issued."
            )
        )
        note.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(caption(self.tr("Issued invitations"), self.view))
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.warnings_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(note)
        self.start_empty()

    # MeetingTabBase ---------------------------------------------------------------------

    def read(self, meeting_id: int) -> RegisterRead:
        invitations = self.services.invitations
        return RegisterRead(invitations.register(meeting_id), invitations.warnings(meeting_id))

    def present(self, data: Any, same_meeting: bool) -> None:
        assert isinstance(data, RegisterRead)
        current = self.view.currentIndex()
        kept = self.model.line(current.row()) if same_meeting and current.isValid() else None
        scrolled = self.view.verticalScrollBar().value()
        self.model.set_lines(data.lines)
        if kept is not None:  # read again (a change, a colleague's): the same person chosen
            rows = [
                r
                for r, line in enumerate(data.lines)
                if (line.person, line.key) == (kept.person, kept.key)
            ]
            if rows:
                self.view.setCurrentIndex(self.model.index(rows[0], current.column()))
            self.view.verticalScrollBar().setValue(scrolled)
        self.warnings_box.show_warnings(data.warnings)
        self.summary_label.setText(self._summary(data.lines))

    def present_nothing(self) -> None:
        self.model.set_lines(())
        self.warnings_box.show_warnings(())
        self.summary_label.clear()
        self.show_hint(self.tr("Choose a meeting to see what was issued for it."))

    def update_actions(self) -> None:
        self.send_button.setEnabled(self.writable())

    # Slots ------------------------------------------------------------------------------

    def _on_send_clicked(self) -> None:
        if self.meeting_id is not None:
            self._send_updates(self.meeting_id)

    def _summary(self, lines: tuple[RegisterLine, ...]) -> str:
        waiting = sum(1 for line in lines if line.state in NEEDS_ISSUING)
        left_out = sum(1 for line in lines if line.state is LineState.NO_EMAIL)
        if not lines:
            return self.tr("Nobody is invited and nothing was issued.")
        if not waiting:
            said = self.tr("Nobody needs an invitation, update or cancellation.")
        elif waiting == 1:
            said = self.tr("%n person needs an invitation, update or cancellation.", "", waiting)
        else:
            said = self.tr("%n people need an invitation, update or cancellation.", "", waiting)
        if left_out:
            said += " " + self.tr("%n left out: no e-mail address.", "", left_out)
        return said
