"""What each Meeting menu entry asks before it acts: the meeting dialog, the duplicate,
published-on and series dialogs, or the question before Cancel and Delete. What they
save is one undo step of ``MeetingCommands`` (meeting_commands.py), which this builds
on; ``MeetingActions`` mixes this in and connects the menu entries here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from ...domain.errors import Problem, ScrutinyError
from ...domain.meeting_records import ScheduleWarning
from ...domain.records import MeetingSummary
from ...services.meetings import MeetingChanges
from ..shared.display import long_date
from ..shared.messages import destructive_button
from .meeting_commands import MeetingCommands
from .meeting_dialog import (
    DuplicateDialog,
    MeetingDialog,
    MeetingValues,
    PublishedDialog,
)
from .series_dialog import SeriesDialog

Check = tuple[Sequence[Problem], Sequence[ScheduleWarning]]


class MeetingPrompts(MeetingCommands):
    """The menu entries' slots; ``MeetingActions`` provides the attributes."""

    dialog: QDialog | None  # the one open, for tests
    confirmation: QMessageBox | None  # Cancel's or Delete's question

    # Helpers ------------------------------------------------------------------------

    def _ready(self) -> tuple[int, MeetingSummary | None] | None:
        review_id = self.page.review_id()
        if review_id is None or self.workspace.read_only:
            return None
        return review_id, self.page.current_meeting()

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
        ready = self._ready()
        if ready is None:
            return
        review_id, _meeting = ready

        def check(values: MeetingValues) -> Check:
            problems = self.edits.validate_meeting(
                review_id,
                values.title,
                values.kind,
                values.start,
                values.end,
                values.venue,
                values.status,
            )
            warnings = self.edits.would_clash(
                review_id,
                values.start,
                values.end,
                values.venue,
                title=values.title or None,
                status=values.status,
            )
            return problems, warnings

        self._open(
            MeetingDialog(
                self.workspace.window,
                self.workspace.settings,
                check,
                lambda values: self._create(review_id, values),
                venues=self._venues(review_id),
                day=day,
            )
        )

    # Edit Meeting -------------------------------------------------------------------

    def edit_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, meeting = ready
        assert meeting is not None

        def check(values: MeetingValues) -> Check:
            problems = self.edits.validate_meeting(
                review_id,
                values.title,
                values.kind,
                values.start,
                values.end,
                values.venue,
                values.status,
                meeting_id=meeting.id,
            )
            warnings = self.edits.would_clash(
                review_id,
                values.start,
                values.end,
                values.venue,
                title=values.title or None,
                meeting_id=meeting.id,
                status=values.status,
            )
            return problems, warnings

        self._open(
            MeetingDialog(
                self.workspace.window,
                self.workspace.settings,
                check,
                lambda values: self._save_edit(review_id, meeting, values),
                record=meeting,
                venues=self._venues(review_id),
            )
        )

    # Duplicate ----------------------------------------------------------------------

    def duplicate_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, source = ready
        assert source is not None

        def check(values: MeetingValues) -> Check:
            problems = self.edits.validate_meeting(
                review_id, source.title, source.kind, values.start, values.end, source.venue
            )
            warnings = self.edits.would_clash(
                review_id, values.start, values.end, source.venue, title=source.title
            )
            return problems, warnings

        self._open(
            DuplicateDialog(
                self.workspace.window,
                source,
                check,
                lambda values: self._duplicate(review_id, source, values),
            )
        )

    # Postpone and Cancel --------------------------------------------------------------

    def postpone_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, meeting = ready
        assert meeting is not None
        self._change(
            review_id,
            meeting,
            self.tr("Postpone meeting “{title}”").format(title=meeting.title),
            lambda m: self.edits.postpone_meeting(m.id, m.version),
            MeetingChanges(status=meeting.status),
        )

    def cancel_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, meeting = ready
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
            lambda: self._change(
                review_id,
                meeting,
                self.tr("Cancel meeting “{title}”").format(title=meeting.title),
                lambda m: self.edits.cancel_meeting(m.id, m.version),
                MeetingChanges(status=meeting.status),
            ),
            keep=self.tr("&Keep It"),
        )

    # Delete -------------------------------------------------------------------------

    def delete_meeting(self) -> None:
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, meeting = ready
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
            + self.tr("attendance and minutes are deleted with it. You can undo this with {keys}."),
            self.tr("&Delete Meeting"),
            lambda: self._delete(review_id, meeting),
        )

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
        ready = self._ready()
        if ready is None or ready[1] is None:
            return
        review_id, meeting = ready
        assert meeting is not None
        today = self.page.today()
        deadline = self.page.model.deadline(meeting.id)
        if deadline is None:
            try:
                deadline = self.edits.deadline(meeting.id, today)
            except ScrutinyError as exc:
                self.workspace.show_error(
                    self.tr("The agenda deadline could not be read"), str(exc)
                )
                return
        before = deadline.published_on
        self._open(
            PublishedDialog(
                self.workspace.window,
                meeting,
                before,
                today,
                lambda on: self._mark(review_id, meeting, before, on),
            )
        )

    # New Series -----------------------------------------------------------------------

    def new_series(self) -> None:
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
                lambda rule, skip: self._create_series(review_id, rule, skip),
                venues=self._venues(review_id),
                today=self.page.today(),
            )
        )
