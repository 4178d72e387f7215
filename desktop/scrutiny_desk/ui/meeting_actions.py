"""The Meeting menu's planning actions: New Meeting, New Series, Edit, Duplicate,
Postpone, Cancel, Delete and Mark Agenda Published.

Each is one undo step through the Editor, calling the meeting services again to undo
and redo. Commands find their meeting by key (a deleted and restored meeting keeps its
key and calendar UID but gets a new id) and read its current version just before an
undo or redo. Creating undoes by deleting (the snapshot kept) and redoes by restoring
it, so the meeting comes back with the same key and UID; a series undoes and redoes
all its meetings at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QPushButton, QToolBar

from ..domain.enums import MeetingStatus
from ..domain.errors import Problem, ScrutinyError, ValidationError
from ..domain.meeting_records import MeetingSnapshot, ScheduleWarning
from ..domain.records import MeetingSummary
from ..domain.recurrence import SeriesRule
from ..services.meetings import MeetingChanges
from .dialogs.meeting_dialog import (
    DuplicateDialog,
    MeetingDialog,
    MeetingValues,
    PublishedDialog,
)
from .dialogs.series_dialog import SeriesDialog
from .models import long_date
from .models.meetings_model import full_day
from .workspace import Workspace

if TYPE_CHECKING:
    from .pages.meetings_page import MeetingsPage

_DID_NOT_HAPPEN = (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED)
Check = tuple[Sequence[Problem], Sequence[ScheduleWarning]]


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _capturing(run: Callable[[], Any], captured: list[ValidationError]) -> Callable[[], Any]:
    """``run``, keeping a ValidationError so the dialog can show it beside its field."""

    def call() -> Any:
        try:
            return run()
        except ValidationError as exc:
            captured.append(exc)
            raise

    return call


def changes_between(before: MeetingSummary, values: MeetingValues) -> MeetingChanges:
    """Only what the clerk changed; a venue emptied is "" (clear it)."""
    wanted: dict[str, Any] = {
        "title": values.title,
        "kind": values.kind,
        "start": values.start,
        "end": values.end,
        "venue": values.venue or "",
        "status": values.status,
    }
    return MeetingChanges(
        **{
            name: value
            for name, value in wanted.items()
            if value
            != ((getattr(before, name) or "") if name == "venue" else getattr(before, name))
        }
    )


def reverse_of(before: MeetingSummary, changes: MeetingChanges) -> MeetingChanges:
    """The changes that put ``before``'s values back."""
    old: dict[str, Any] = {
        f.name: (before.venue or "") if f.name == "venue" else getattr(before, f.name)
        for f in fields(changes)
        if getattr(changes, f.name) is not None
    }
    return MeetingChanges(**old)


class MeetingActions(QObject):
    """Builds the planning actions of the Meetings page and carries them out."""

    def __init__(self, workspace: Workspace, page: MeetingsPage) -> None:
        super().__init__(page)
        self.workspace = workspace
        self.page = page
        self.edits = workspace.services.meeting_edits
        self.dialog: QDialog | None = None  # the one open, for tests
        self.confirmation: QMessageBox | None = None  # Cancel's or Delete's question

        self.new_action = self._action(
            self.tr("&New Meeting…"),
            self.tr("New Meeting"),
            self.tr("Arrange a new meeting of the review"),
            self.new_meeting,
            "Ctrl+Shift+N",
            page_only=False,
        )
        self.series_action = self._action(
            self.tr("New &Series…"),
            self.tr("New Series"),
            self.tr(
                "Arrange a run of meetings, such as the third Wednesday of every month, "
                "leaving out bank holidays"
            ),
            self.new_series,
        )
        self.edit_action = self._action(
            self.tr("&Edit Meeting…"),
            self.tr("Edit"),
            self.tr("Change the selected meeting's title, kind, date, times, venue or status"),
            self.edit_meeting,
            "F2",
            extra=self.tr("or Enter"),
        )
        self.duplicate_action = self._action(
            self.tr("&Duplicate Meeting…"),
            self.tr("Duplicate"),
            self.tr("Copy the selected meeting and its agenda to a new date"),
            self.duplicate_meeting,
            "Ctrl+D",
        )
        self.postpone_action = self._action(
            self.tr("P&ostpone Meeting"),
            self.tr("Postpone"),
            self.tr("Mark the selected meeting postponed, to a date not yet fixed"),
            self.postpone_meeting,
        )
        self.cancel_action = self._action(
            self.tr("Cance&l Meeting…"),
            self.tr("Cancel Meeting"),
            self.tr("Mark the selected meeting cancelled: it will not take place"),
            self.cancel_meeting,
        )
        self.delete_action = self._action(
            self.tr("Dele&te Meeting…"),
            self.tr("Delete"),
            self.tr("Delete the selected meeting and its agenda (you can undo this)"),
            self.delete_meeting,
            "Del",
        )
        self.published_action = self._action(
            self.tr("Mark Agenda Pu&blished…"),
            self.tr("Mark Published"),
            self.tr("Record the day the selected meeting's agenda was published"),
            self.mark_published,
        )
        self.update_actions(None)

    def _action(
        self,
        text: str,
        short: str,
        tip: str,
        slot: Callable[[], None],
        keys: str = "",
        *,
        page_only: bool = True,
        extra: str = "",
    ) -> QAction:
        action = QAction(text, self.page)
        action.setIconText(short)
        action.setStatusTip(tip)
        if keys:
            action.setShortcut(QKeySequence(keys))
            if page_only:  # a key of the page, so other pages may use it too
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shown = _native(QKeySequence(keys))
            tip = f"{tip} ({shown} {extra})" if extra else f"{tip} ({shown})"
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.page.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        """The actions in menu order."""
        return [
            self.new_action,
            self.series_action,
            self.edit_action,
            self.duplicate_action,
            self.postpone_action,
            self.cancel_action,
            self.delete_action,
            self.published_action,
        ]

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.new_action, self.series_action])
        menu.addSeparator()
        menu.addActions([self.edit_action, self.duplicate_action])
        menu.addActions([self.postpone_action, self.cancel_action, self.delete_action])
        menu.addSeparator()
        menu.addAction(self.published_action)

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        for group in (
            [self.new_action, self.series_action],
            [self.edit_action, self.duplicate_action],
            [self.postpone_action, self.cancel_action, self.delete_action],
            [self.published_action],
        ):
            if toolbar.actions():
                toolbar.addSeparator()
            for action in group:
                toolbar.addAction(action)
                button = toolbar.widgetForAction(action)
                if button is not None:
                    button.setAccessibleName(action.iconText())

    def update_actions(self, meeting: MeetingSummary | None) -> None:
        """Enable what makes sense for ``meeting`` (None: no meeting chosen)."""
        writable = not self.workspace.read_only
        has_review = self.page.review_id() is not None
        self.new_action.setEnabled(writable and has_review)
        self.series_action.setEnabled(writable and has_review)
        chosen = writable and meeting is not None
        for action in (self.edit_action, self.duplicate_action, self.delete_action):
            action.setEnabled(chosen)
        status = meeting.status if meeting is not None else None
        self.postpone_action.setEnabled(
            chosen and status not in (MeetingStatus.HELD, MeetingStatus.POSTPONED)
        )
        self.cancel_action.setEnabled(
            chosen and status not in (MeetingStatus.HELD, MeetingStatus.CANCELLED)
        )
        self.published_action.setEnabled(chosen and status not in _DID_NOT_HAPPEN)

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

    def _perform(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any] | None = None,
        changed: tuple[str, ...] = ("meetings",),
    ) -> Sequence[Problem]:
        captured: list[ValidationError] = []
        done = self.workspace.editor.perform(
            text, _capturing(do, captured), undo, redo, changed=changed
        )
        if done is None and captured:
            return captured[0].problems
        return []

    def _recreatable(
        self, review_id: int, made: dict[str, Any]
    ) -> tuple[Callable[[], None], Callable[[], None]]:
        """Undo (delete, keeping the snapshot) and redo (restore it) of a new meeting."""

        def undo() -> None:
            current = self.edits.find(review_id, made["key"])
            made["snapshot"] = self.edits.delete_meeting(current.id, current.version)

        def redo() -> None:
            snapshot: MeetingSnapshot = made["snapshot"]
            self.page.select_after_reload(snapshot.meeting.key)
            self.edits.restore_meeting(snapshot)

        return undo, redo

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

    def _create(self, review_id: int, values: MeetingValues) -> Sequence[Problem]:
        made: dict[str, Any] = {}

        def do() -> MeetingSummary:
            record = self.edits.create_meeting(
                review_id,
                values.title,
                values.kind,
                values.start,
                values.end,
                values.venue,
                values.status,
            )
            made["key"] = record.key
            self.page.select_after_reload(record.key)
            return record

        undo, redo = self._recreatable(review_id, made)
        return self._perform(
            self.tr("New meeting “{title}”").format(title=values.title), do, undo, redo
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

    def _save_edit(
        self, review_id: int, before: MeetingSummary, values: MeetingValues
    ) -> Sequence[Problem]:
        changes = changes_between(before, values)
        if changes == MeetingChanges():
            return []  # nothing changed: nothing to save or undo
        return self._change(
            review_id,
            before,
            self.tr("Edit meeting “{title}”").format(title=values.title),
            lambda m: self.edits.edit_meeting(m.id, m.version, changes),
            reverse_of(before, changes),
            changed=("meetings", "agenda") if changes.start or changes.end else ("meetings",),
        )

    def _change(
        self,
        review_id: int,
        before: MeetingSummary,
        text: str,
        apply: Callable[[MeetingSummary], MeetingSummary],
        reverse: MeetingChanges,
        changed: tuple[str, ...] = ("meetings",),
    ) -> Sequence[Problem]:
        """One change of a meeting: ``apply`` to it now and on redo, ``reverse`` on undo;
        each time to the meeting of that key as it is then."""
        key = before.key

        def current() -> MeetingSummary:
            self.page.select_after_reload(key)
            return self.edits.find(review_id, key)

        def undo() -> MeetingSummary:
            meeting = current()
            return self.edits.edit_meeting(meeting.id, meeting.version, reverse)

        return self._perform(text, lambda: apply(before), undo, lambda: apply(current()), changed)

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

    def _duplicate(
        self, review_id: int, source: MeetingSummary, values: MeetingValues
    ) -> Sequence[Problem]:
        made: dict[str, Any] = {}

        def do() -> MeetingSummary:
            record = self.edits.duplicate_meeting(source.id, values.start, values.end)
            made["key"] = record.key
            self.page.select_after_reload(record.key)
            return record

        undo, redo = self._recreatable(review_id, made)
        return self._perform(
            self.tr("Duplicate meeting “{title}” to {date}").format(
                title=source.title, date=long_date(values.start)
            ),
            do,
            undo,
            redo,
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

    def _delete(self, review_id: int, meeting: MeetingSummary) -> None:
        state: dict[str, MeetingSnapshot] = {}

        def do() -> MeetingSnapshot:
            state["snapshot"] = self.edits.delete_meeting(meeting.id, meeting.version)
            return state["snapshot"]

        def undo() -> None:
            self.page.select_after_reload(meeting.key)
            self.edits.restore_meeting(state["snapshot"])

        def redo() -> None:
            current = self.edits.find(review_id, meeting.key)
            state["snapshot"] = self.edits.delete_meeting(current.id, current.version)

        self._perform(
            self.tr("Delete meeting “{title}”").format(title=meeting.title),
            do,
            undo,
            redo,
            changed=("meetings", "agenda"),
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
        undo_keys = _native(QKeySequence(QKeySequence.StandardKey.Undo)) or "Ctrl+Z"
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
        box = self.confirmation
        if box is None:
            return None
        return next(
            (
                b
                for b in box.buttons()
                if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
                and isinstance(b, QPushButton)
            ),
            None,
        )

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

    def _mark(
        self, review_id: int, meeting: MeetingSummary, before: date | None, on: date | None
    ) -> Sequence[Problem]:
        if on == before:
            return []
        key = meeting.key

        def mark(day: date | None) -> MeetingSummary:
            self.page.select_after_reload(key)
            current = self.edits.find(review_id, key)
            return self.edits.mark_agenda_published(current.id, current.version, day)

        text = (
            self.tr("Mark agenda of “{title}” not published")
            if on is None
            else self.tr("Mark agenda of “{title}” published on {date}")
        ).format(title=meeting.title, date=full_day(on) if on else "")
        return self._perform(
            text,
            lambda: self.edits.mark_agenda_published(meeting.id, meeting.version, on),
            lambda: mark(before),
            lambda: mark(on),
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

    def _create_series(
        self, review_id: int, rule: SeriesRule, skip: frozenset[date]
    ) -> Sequence[Problem]:
        series = self.workspace.services.series
        state: dict[str, Any] = {}

        def do() -> list[MeetingSummary]:
            made = series.create_series(review_id, rule, skip)
            state["keys"] = [m.key for m in made]
            if made:
                self.page.select_after_reload(made[0].key)
            return made

        def undo() -> None:
            state["snapshots"] = series.delete_series(review_id, state["keys"])

        def redo() -> None:
            keys = state["keys"]
            if keys:
                self.page.select_after_reload(keys[0])
            series.restore_series(state["snapshots"])

        try:
            count = len(series.preview(review_id, rule, skip).dates)
        except ScrutinyError:
            count = 0  # create_series says why
        text = (
            self.tr("New series of 1 meeting")
            if count == 1
            else self.tr("New series of {n} meetings").format(n=count)
        )
        return self._perform(text, do, undo, redo)
