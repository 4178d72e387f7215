"""What each Meeting menu entry asks before it acts: the meeting dialog, the duplicate,
published-on and series dialogs, or the question before Cancel and Delete. What they
save is one undo step of ``MeetingCommands`` (meeting_commands.py), which this is
given, with the ``Chosen`` it asks about: the review and meeting the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from ...domain.errors import Problem, ScrutinyError
from ...domain.meeting_records import AgendaDeadline, ScheduleWarning
from ...domain.summaries import MeetingSummary
from ..shared.display import long_date
from ..shared.messages import destructive_button
from ..shared.workspace import Workspace
from .meeting_commands import MeetingCommands

if TYPE_CHECKING:
    from ...services.meeting_edits import MeetingEditService
    from .meeting_dialog import MeetingValues

Check = tuple[Sequence[Problem], Sequence[ScheduleWarning]]


class Chosen(Protocol):
    """What the prompts ask about: the review and meeting shown (the Meetings page)."""

    def review_id(self) -> int | None: ...

    def current_meeting(self) -> MeetingSummary | None: ...

    def today(self) -> date: ...

    def deadline_of(self, meeting: MeetingSummary) -> AgendaDeadline | None: ...


class MeetingPrompts(QObject):
    """The menu entries' slots: ask, then hand the answer to ``commands``."""

    def __init__(
        self,
        workspace: Workspace,
        chosen: Chosen,
        commands: MeetingCommands,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.chosen = chosen
        self.commands = commands
        self.dialog: QDialog | None = None  # the one open, for tests
        self.confirmation: QMessageBox | None = None  # Cancel's or Delete's question

    @property
    def edits(self) -> MeetingEditService:
        """Asked for at the first prompt: not on the window's start path."""
        return self.workspace.services.meeting_edits

    # Helpers ------------------------------------------------------------------------

    def _ready(self) -> tuple[int, MeetingSummary | None] | None:
        review_id = self.chosen.review_id()
        if review_id is None or self.workspace.read_only:
            return None
        return review_id, self.chosen.current_meeting()

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _venues(self, review_id: int) -> list[str]:
        try:
            return self.edits.venues(review_id, include_other_reviews=True)
        except ScrutinyError:
            return []

    # New Meeting --------------------------------------------------------------------

    def new_meeting(self, day: date | None = None) -> None:
        from .meeting_dialog import MeetingDialog

        ready = self._ready()
        if ready is None:
            return
        review_id, _meeting = ready
        edits = self.edits

        def check(values: MeetingValues) -> Check:  # on the task runner
            v = values
            return edits.check_meeting(
                review_id,
                v.title,
                v.kind,
                v.start,
                v.end,
                v.venue,
                v.status,
                joining_link=v.joining_link,
                title_cy=v.title_cy,
            )

        self._open(
            MeetingDialog(
                self.workspace.window,
                self.workspace.settings,
                self.workspace.runner,
                check,
                lambda values: self.commands.create(review_id, values),
                venues=self._venues(review_id),
                day=day,
                today=self.chosen.today(),
            )
        )

    # Edit Meeting -------------------------------------------------------------------

    def edit_meeting(self) -> None:
        from .meeting_dialog import MeetingDialog

        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, meeting = ready
        assert meeting is not None
        edits, meeting_id = self.edits, meeting.id

        def check(values: MeetingValues) -> Check:  # on the task runner
            v = values
            return edits.check_meeting(
                review_id,
                v.title,
                v.kind,
                v.start,
                v.end,
                v.venue,
                v.status,
                meeting_id=meeting_id,
                joining_link=v.joining_link,
                title_cy=v.title_cy,
            )

        self._open(
            MeetingDialog(
                self.workspace.window,
                self.workspace.settings,
                self.workspace.runner,
                check,
                lambda values: self.commands.edit(meeting, values),
                record=meeting,
                venues=self._venues(review_id),
            )
        )

    # Duplicate ----------------------------------------------------------------------

    def duplicate_meeting(self) -> None:
        from .meeting_dialog import DuplicateDialog

        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, source = ready
        assert source is not None
        edits = self.edits

        def check(values: MeetingValues) -> Check:  # on the task runner
            s = source
            return edits.check_meeting(
                review_id, s.title, s.kind, values.start, values.end, s.venue
            )

        self._open(
            DuplicateDialog(
                self.workspace.window,
                self.workspace.runner,
                source,
                check,
                lambda values: self.commands.duplicate(source, values),
            )
        )

    # Postpone and Cancel --------------------------------------------------------------

    def postpone_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        _review_id, meeting = ready
        assert meeting is not None
        self.commands.postpone(meeting)

    def cancel_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        _review_id, meeting = ready
        assert meeting is not None
        self._confirm(
            self.tr("Cancel Meeting"),
            self.tr("Cancel the meeting “{title}” on {date}?").format(
                title=meeting.title, date=long_date(meeting.start)
            ),
            self.tr(
                "It stays in the list, marked cancelled. Send the panel and witnesses a "
                "cancellation from the Meeting menu afterwards. You can undo this with {keys}."
            ),
            self.tr("Cancel &Meeting"),
            lambda: self.commands.cancel(meeting),
            keep=self.tr("&Keep It"),
        )

    # Delete -------------------------------------------------------------------------

    def delete_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        _review_id, meeting = ready
        assert meeting is not None
        items = meeting.open_items + meeting.closed_items
        agenda = (
            self.tr("Its agenda of 1 item, ")
            if items == 1
            else self.tr("Its agenda of {n} items, ").format(n=items)
            if items
            else self.tr("Its ")
        )
        self._confirm(
            self.tr("Delete Meeting"),
            self.tr("Delete the meeting “{title}” on {date}?").format(
                title=meeting.title, date=long_date(meeting.start)
            ),
            agenda
            + self.tr("attendance and minutes are deleted with it. You can undo this with {keys}.")
            + self._still_invited(meeting.id),
            self.tr("&Delete Meeting"),
            lambda: self.commands.delete(meeting),
        )

    def _still_invited(self, meeting_id: int) -> str:
        """What the question adds when people hold invitations issued for the meeting:
        once it is deleted, no cancellation can be issued for it (one short read)."""
        holders = self.workspace.services.invitations.holders(meeting_id)
        if not holders:
            return ""
        names = ", ".join(h.name for h in holders[:3]) + (", …" if len(holders) > 3 else "")
        text = (
            self.tr(
                "{names} holds an invitation issued for it, and their calendar keeps the "
                "meeting until a cancellation is issued: cancel it and use Send Updates first."
            )
            if len(holders) == 1
            else self.tr(
                "{n} people hold invitations issued for it ({names}), and their calendars keep "
                "the meeting until a cancellation is issued: cancel it and use Send Updates "
                "first."
            )
        ).format(n=len(holders), names=names)
        # the question's text is formatted again for the undo keys: names keep their braces
        return "\n\n" + text.replace("{", "{{").replace("}", "}}")

    def _confirm(
        self,
        title: str,
        question: str,
        detail: str,
        action: str,
        then: Callable[[], Any],
        keep: str = "",
    ) -> None:
        undo = QKeySequence(QKeySequence.StandardKey.Undo)
        undo_keys = undo.toString(QKeySequence.SequenceFormat.NativeText) or "Ctrl+Z"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            question,
            QMessageBox.StandardButton.NoButton,
            self.workspace.window,
        )
        box.setObjectName("meetingQuestion")
        box.setInformativeText(detail.format(keys=undo_keys))
        go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(keep or self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.setWindowModality(Qt.WindowModality.WindowModal)

        def answered() -> None:
            self.confirmation = None
            if box.clickedButton() is go:
                then()

        box.finished.connect(answered)
        self.confirmation = box
        box.open()

    def confirm_button(self) -> QPushButton | None:
        """The question's Cancel Meeting or Delete button, for tests."""
        return destructive_button(self.confirmation)

    # Mark Agenda Published ------------------------------------------------------------

    def mark_published(self) -> None:
        from .meeting_dialog import PublishedDialog

        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        _review_id, meeting = ready
        assert meeting is not None
        today = self.chosen.today()
        deadline = self.chosen.deadline_of(meeting)
        if deadline is None:
            try:
                deadline = self.edits.deadline(meeting.id, today)
            except ScrutinyError as exc:
                self.workspace.report_error(self.tr("The agenda deadline could not be read"), exc)
                return
        before = deadline.published_on
        self._open(
            PublishedDialog(
                self.workspace.window,
                meeting,
                before,
                today,
                lambda on: self.commands.mark_published(meeting, before, on),
            )
        )

    # New Series -----------------------------------------------------------------------

    def new_series(self) -> None:
        from .series_dialog import SeriesDialog

        ready = self._ready()
        if ready is None:
            return
        review_id, _meeting = ready
        series = self.workspace.services.series
        self._open(
            SeriesDialog(
                self.workspace.window,
                self.workspace.settings,
                self.workspace.runner,
                lambda rule, skip: series.preview(review_id, rule, skip),
                lambda rule, skip: self.commands.create_series(review_id, rule, skip),
                venues=self._venues(review_id),
                today=self.chosen.today(),
            )
        )
