"""The Meeting menu's planning actions: New Meeting, New Series, Edit, Duplicate,
Postpone, Cancel, Delete and Mark Agenda Published.

This module builds the actions, puts them in the menu and the toolbar, and enables
what makes sense for the meeting chosen. What each entry asks first (a dialog or a
question) is ``MeetingPrompts`` (meeting_prompts.py), which it is given; what that then
does, one undo step through the Editor, is ``MeetingCommands`` (meeting_commands.py).
The page composes the three.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from ...domain.enums import MeetingStatus
from ...domain.meeting_rules import will_not_take_place
from ...domain.summaries import MeetingSummary
from ..shared.workspace import Workspace
from .meeting_prompts import MeetingPrompts


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


class MeetingActions(QObject):
    """The planning actions of the Meetings page (``owner``), each calling ``prompts``."""

    def __init__(self, workspace: Workspace, owner: QWidget, prompts: MeetingPrompts) -> None:
        super().__init__(owner)
        self.workspace = workspace
        self.owner = owner
        p = prompts
        self._has_review = lambda: prompts.chosen.review_id() is not None

        self.new_action = self._action(
            self.tr("&New Meeting…"),
            self.tr("New Meeting"),
            self.tr("Arrange a new meeting of the review"),
            p.new_meeting,
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
            p.new_series,
        )
        self.edit_action = self._action(
            self.tr("&Edit Meeting…"),
            self.tr("Edit"),
            self.tr("Change the selected meeting's title, kind, date, times, venue or status"),
            p.edit_meeting,
            "F2",
            extra=self.tr("or Enter"),
        )
        self.duplicate_action = self._action(
            self.tr("&Duplicate Meeting…"),
            self.tr("Duplicate"),
            self.tr("Copy the selected meeting and its agenda to a new date"),
            p.duplicate_meeting,
            "Ctrl+D",
        )
        self.postpone_action = self._action(
            self.tr("P&ostpone Meeting"),
            self.tr("Postpone"),
            self.tr("Mark the selected meeting postponed, to a date not yet fixed"),
            p.postpone_meeting,
        )
        self.cancel_action = self._action(
            self.tr("Cance&l Meeting…"),
            self.tr("Cancel Meeting"),
            self.tr("Mark the selected meeting cancelled: it will not take place"),
            p.cancel_meeting,
        )
        self.delete_action = self._action(
            self.tr("Dele&te Meeting…"),
            self.tr("Delete"),
            self.tr("Delete the selected meeting and its agenda (you can undo this)"),
            p.delete_meeting,
            "Del",
        )
        self.published_action = self._action(
            self.tr("Mark Agenda Pu&blished…"),
            self.tr("Mark Published"),
            self.tr("Record the day the selected meeting's agenda was published"),
            p.mark_published,
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
        action = QAction(text, self.owner)
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
        self.owner.addAction(action)
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
        has_review = self._has_review()
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
        self.published_action.setEnabled(
            chosen and status is not None and not will_not_take_place(status)
        )
