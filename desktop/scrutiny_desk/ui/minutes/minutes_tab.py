"""The Minutes tab: the minute of each item beside the agenda, the actions agreed, and
the minutes' lifecycle (draft; approved, frozen as printed; reopened with a recorded
reason).

The minute of the selected item is saved when the editor loses focus, when another
item or meeting is chosen, and after a pause in typing: never per keystroke. All the
saves of one edit session of an item (from choosing it until leaving it) make ONE undo
step: a later save in the session amends the step while it is still the latest one on
the undo stack, so its undo puts back the minute as it was before the session.

Approved minutes are frozen: the editor shows each minute as approved, read-only under
a banner that says when and where they were approved, until they are reopened, whose
reason goes into the history listed below the items with the approved record. A
cancelled or postponed meeting has no minutes: the tab says so instead of an editor.
Approve and Reopen are undo steps too (the service's ``revert_minutes`` takes back the
one history entry the step added, and puts back the approved record exactly).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import ActionRecord, ItemRecord, MinutesRecord
from ...domain.enums import MinutesStatus
from ...domain.procedure_records import MeetingTimesRecord
from ...domain.topics import Topic
from ..audit.history_action import add_history
from ..shared.agenda_items_model import MinuteColumn, MinuteItemsModel
from ..shared.display import lock_icon
from ..shared.locked_banner import LockedBanner, tint
from ..shared.meeting_tab import MeetingTabBase
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .actions_pane import ActionsPane
from .approve_minutes_dialog import ApproveMinutesDialog, ReopenMinutesDialog
from .decisions_pane import DecisionsPane
from .decisions_read import ItemDecisions
from .meeting_times import MeetingTimes
from .minutes_commands import MinutesCommands
from .minutes_text import history_line, locked_message, no_minutes_message
from .tab_actions import make_action, text_button
from .wording_bar import WordingBar

Index = QModelIndex | QPersistentModelIndex
#: A pause in typing this long saves the minute.
PAUSE_MS = 2000


@dataclass(frozen=True)
class MinutesData:
    minutes: MinutesRecord
    items: list[ItemRecord]
    actions: list[ActionRecord]
    times: MeetingTimesRecord | None = None


class MinutesTab(MeetingTabBase):
    """A MeetingTab (see ``ui.shared.workspace``): show_meeting and reload. What its
    actions do is ``self.commands`` (``MinutesCommands``); the tab lays out, shows and
    decides what is selected and what can be done now."""

    TOPICS = frozenset(
        {Topic.REVIEW, Topic.MEETINGS, Topic.AGENDA, Topic.MINUTES, Topic.ACTIONS, Topic.ATTENDANCE}
    )
    LOAD_KEY = "minutes-tab"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.setObjectName("minutesTab")
        self.minutes_service = self.services.minutes
        self.actions_service = self.services.actions
        self._minutes: MinutesRecord | None = None
        self._data: MinutesData | None = None
        self._keys_by_meeting: dict[int, str] = {}
        self._presenting = False
        # The minute in the editor: its item, the text stored for it, the edit session.
        self._item: ItemRecord | None = None
        self._base_text = ""
        self._loading_text = False
        self._editor_palette_set = False
        self._decisions: ItemDecisions | None = None  # of the item in the editor, once read
        self.commands = MinutesCommands(workspace, self._follow_action, self)

        self._build_lifecycle()
        self._build_items()
        self._build_editor()
        self.decisions_pane = DecisionsPane(workspace, self._on_decisions_read)
        self.times = MeetingTimes(
            lambda before, after: (
                self.meeting_id is not None
                and self.commands.set_times(self.meeting_id, before, after)
            )
        )
        self.actions_pane = ActionsPane(
            workspace,
            self.commands,
            self._meeting_and_day,
            lambda: self._item is not None and self._item.is_closed,
        )
        self.actions_model = self.actions_pane.model
        self.actions_view = self.actions_pane.view
        self.add_action_action = self.actions_pane.add_action
        self.delete_action_action = self.actions_pane.delete_action

        right = QSplitter(Qt.Orientation.Vertical)
        right.setChildrenCollapsible(False)
        right.addWidget(self.editor_pane)
        right.addWidget(self.decisions_pane)
        right.addWidget(self.actions_pane)
        right.setSizes([210, 190, 100])  # the resolutions show two rows or more at 800 px
        for pane, stretch in enumerate((3, 2, 1)):  # as the window grows: minute, decisions
            right.setStretchFactor(pane, stretch)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("minutesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.items_pane)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([380, 720])

        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 8)
        self.lifecycle_bar.insertWidget(1, self.times, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(self.lifecycle_bar)
        layout.addWidget(self.locked_banner)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.items_view, self.editor)
        self.setTabOrder(self.editor, self.actions_view)
        self.start_empty()

    # Building ----------------------------------------------------------------------------

    def _build_lifecycle(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("minutesHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("minutesStatus")
        bold = self.status_label.font()
        bold.setBold(True)
        self.status_label.setFont(bold)
        self.approve_action = make_action(
            self,
            self.tr("A&pprove Minutes…"),
            self.tr(
                "Record that the minutes were agreed as a correct record; they are kept as "
                "they print and cannot be changed until they are reopened"
            ),
            self.approve_minutes,
            "Ctrl+Shift+A",
        )
        self.reopen_action = make_action(
            self,
            self.tr("&Reopen Minutes…"),
            self.tr(
                "Return the approved minutes to draft for a correction (the reason is "
                "recorded with the approved minutes)"
            ),
            self.reopen_minutes,
            "Ctrl+Shift+U",
        )
        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        bar.addSpacing(8)
        for made in (self.approve_action, self.reopen_action):
            bar.addWidget(text_button(made), 0, Qt.AlignmentFlag.AlignVCenter)
        self.lifecycle_bar = bar

        self.locked_banner = LockedBanner("minutesLocked")
        self.locked_text = self.locked_banner.text

    def _build_items(self) -> None:
        self.items_model = MinuteItemsModel(self)
        self.items_view = record_table(
            self.items_model,
            self.tr("Agenda items"),
            {MinuteColumn.NUMBER: FIT, MinuteColumn.TITLE: STRETCH, MinuteColumn.MINUTE: FIT},
        )
        self.items_view.setObjectName("minuteItemsView")
        add_history(self.items_view, self.workspace, "agenda_items", self.current_item)
        self.items_view.selectionModel().currentRowChanged.connect(self._on_item_changed)
        self.history_label = QLabel()
        self.history_label.setObjectName("minutesHistory")
        self.history_label.setTextFormat(Qt.TextFormat.RichText)
        self.history_label.setWordWrap(True)
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history_caption = QLabel(self.tr("History"))
        bold = self.history_caption.font()
        bold.setBold(True)
        self.history_caption.setFont(bold)
        self.items_pane = QWidget()
        layout = QVBoxLayout(self.items_pane)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.addWidget(caption(self.tr("&Items"), self.items_view))
        layout.addWidget(self.items_view, 1)
        layout.addWidget(self.history_caption)
        layout.addWidget(self.history_label)

    def _build_editor(self) -> None:
        self.item_heading = QLabel()
        self.item_heading.setObjectName("minuteItemHeading")
        self.item_heading.setWordWrap(True)
        bold = self.item_heading.font()
        bold.setBold(True)
        self.item_heading.setFont(bold)
        self.closed_note = QFrame()
        self.closed_note.setObjectName("minuteClosedNote")
        tint(self.closed_note)
        lock = QLabel()
        lock.setPixmap(lock_icon().pixmap(16, 16))
        self.closed_note_text = QLabel(
            self.tr(
                "Closed item: this minute is in the private part of the minutes and is "
                "never published."
            )
        )
        self.closed_note_text.setWordWrap(True)
        note = QHBoxLayout(self.closed_note)
        note.setContentsMargins(8, 3, 8, 3)
        note.addWidget(lock, 0, Qt.AlignmentFlag.AlignTop)
        note.addWidget(self.closed_note_text, 1)
        self.closed_note.hide()
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("minuteEditor")
        self.editor.setAccessibleName(self.tr("Minute of the selected item"))
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.installEventFilter(self)
        self.wording_bar = WordingBar(self.use_recorded_wording)
        self.save_state = QLabel()
        self.save_state.setObjectName("minuteSaveState")
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self.save_minute)
        self.editor_pane = QWidget()
        layout = QVBoxLayout(self.editor_pane)
        layout.setContentsMargins(4, 0, 0, 4)
        layout.addWidget(caption(self.tr("Mi&nute"), self.editor))
        layout.addWidget(self.item_heading)
        layout.addWidget(self.closed_note)
        layout.addWidget(self.wording_bar)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.save_state)

    # MeetingTabBase -------------------------------------------------------------------------

    def read(self, meeting_id: int) -> MinutesData:
        minutes = self.minutes_service.minutes(meeting_id)
        items = self.services.agenda.items(meeting_id)
        return MinutesData(
            minutes,
            items,
            self.actions_service.for_meeting(meeting_id),
            None if minutes.has_no_minutes else self.services.attendees.times(meeting_id),
        )

    def present(self, data: MinutesData, same_meeting: bool) -> None:
        minutes = data.minutes
        if minutes.has_no_minutes:  # it did not take place: no editor, and says why
            self.present_nothing()
            self.show_hint(no_minutes_message(minutes))
            return
        self._minutes = minutes
        self._data = data
        self._presenting = True
        try:
            current = self._current_row_item()
            wanted = (
                current.key
                if same_meeting and current
                else self._keys_by_meeting.get(minutes.meeting_id)
            )
            if not same_meeting:
                self._item = None
            if [r.key for r in self._sorted(data.items)] != self._item_keys() or any(
                a != b for a, b in zip(self._sorted(data.items), self._model_items(), strict=False)
            ):
                self.items_model.set_rows(data.items)
            row = self.items_model.row_of_key(wanted) if wanted else None
            if row is None and self.items_model.rowCount():
                row = 0
            if row is not None:
                self.items_view.setCurrentIndex(self.items_model.index(row, MinuteColumn.TITLE))
            self.actions_pane.present(data.actions)
            self.times.present(data.times, minutes)
        finally:
            self._presenting = False
        self._show_item(self._current_row_item())
        self._show_lifecycle(minutes)

    def present_nothing(self) -> None:
        self._minutes = None
        self._data = None
        self._presenting = True
        try:
            self.items_model.set_rows([])
            self.actions_model.set_rows([])
            self.times.present(None, None)
        finally:
            self._presenting = False
        self._show_item(None)
        self.locked_banner.hide()
        if self.review_id is None:
            self.show_hint(self.tr("Choose or add a review to see its meetings."))
        else:
            self.show_hint(self.tr("Choose a meeting to write its minutes."))

    def leaving_meeting(self) -> None:
        self.save_minute()
        self.times.commit()
        self.commands.end_session()

    def update_actions(self) -> None:
        minutes = self._minutes
        writable = self.writable() and minutes is not None
        approved = minutes is not None and minutes.status is MinutesStatus.APPROVED
        locked = minutes is not None and minutes.locked
        self.approve_action.setEnabled(writable and not approved)
        self.reopen_action.setEnabled(writable and locked)
        self.actions_pane.update_actions(writable, locked)
        self.decisions_pane.update_actions(writable and not locked)
        self.times.set_writable(writable and not locked)
        self.wording_bar.offer(self._recorded_wording(), writable and not locked)
        read_only = not writable or locked or self._item is None
        if read_only != self.editor.isReadOnly() or not self._editor_palette_set:
            self._editor_palette_set = True
            self.editor.setReadOnly(read_only)
            # A locked minute looks it: the window's colour instead of the paper white.
            palette = self.editor.palette()
            palette.setColor(
                QPalette.ColorRole.Base,
                self.palette().color(
                    QPalette.ColorRole.Window if read_only else QPalette.ColorRole.Base
                ),
            )
            self.editor.setPalette(palette)

    # What is shown ------------------------------------------------------------------------------

    def _meeting_and_day(self) -> tuple[int | None, date | None]:
        minutes = self._minutes
        return self.meeting_id, minutes.meeting_start.date() if minutes else None

    def _sorted(self, items: Sequence[ItemRecord]) -> list[ItemRecord]:
        return sorted(items, key=lambda r: r.number)

    def _model_items(self) -> list[ItemRecord]:
        return [self.items_model.record(r) for r in range(self.items_model.rowCount())]

    def _item_keys(self) -> list[str]:
        return [r.key for r in self._model_items()]

    def _current_row_item(self) -> ItemRecord | None:
        index = self.items_view.currentIndex()
        if not index.isValid() or index.row() >= self.items_model.rowCount():
            return None
        return self.items_model.record(index.row())

    def current_item(self) -> ItemRecord | None:
        """The item whose minute is in the editor."""
        return self._item

    def current_action(self) -> ActionRecord | None:
        return self.actions_pane.current()

    def select_item(self, key: str) -> bool:
        row = self.items_model.row_of_key(key)
        if row is None:
            return False
        self.items_view.setCurrentIndex(self.items_model.index(row, MinuteColumn.TITLE))
        return True

    def select_action(self, key: str) -> bool:
        """Make the action with this key current (False until its meeting's are shown)."""
        return self.actions_pane.select(key)

    def _show_item(self, item: ItemRecord | None) -> None:
        """Put this item's minute in the editor, or keep what the clerk is typing.
        Approved minutes show the minute as it was approved (they are frozen)."""
        stored = self._approved_minute(item) or (item.minute or "") if item else ""
        same = item is not None and self._item is not None and item.key == self._item.key
        if same and self.is_dirty() and stored == self._base_text:
            self._item = item  # keep typing: nothing else changed the minute
        else:
            if not same:
                self.commands.end_session()
            self._item = item
            self._base_text = stored
            if self.editor.toPlainText() != stored:
                self._loading_text = True
                try:
                    self.editor.setPlainText(stored)
                finally:
                    self._loading_text = False
            self._pause.stop()
        if item is None:
            self.item_heading.setText(
                self.tr("This meeting has no agenda items yet: add them on the Agenda tab.")
                if self._data is not None
                else ""
            )
            self.editor.setPlaceholderText("")
            self.closed_note.hide()
        else:
            self.item_heading.setText(
                self.tr("Item {number}: {title}").format(number=item.number, title=item.title)
            )
            self.editor.setPlaceholderText(
                self._recorded_wording() or self.tr("Type the minute of this item…")
            )
            self.closed_note.setVisible(item.is_closed)
            self.editor.setAccessibleName(
                self.tr("Minute of item {number}").format(number=item.number)
            )
        self.decisions_pane.show_item(item, self._minutes)
        self._show_save_state()
        self.update_actions()

    def _on_decisions_read(self, decisions: ItemDecisions) -> None:
        if self._item is not None and self._item.key == decisions.item_key:
            self._decisions = decisions
            self._show_wording()

    def _show_wording(self) -> None:
        wording = self._recorded_wording()
        if self._item is not None:
            self.editor.setPlaceholderText(wording or self.tr("Type the minute of this item…"))
        self.wording_bar.offer(wording, self.writable() and not self._locked())

    def _locked(self) -> bool:
        return self._minutes is not None and self._minutes.locked

    def _recorded_wording(self) -> str | None:
        """The wording the record gives the item in the editor, while its minute is
        empty and it is a standard item (None otherwise)."""
        item, decisions = self._item, self._decisions
        if item is None or decisions is None or decisions.item_key != item.key:
            return None
        if self.is_dirty() or self._base_text:
            return None
        return decisions.wording

    def _approved_minute(self, item: ItemRecord) -> str | None:
        """The item's minute in the approved record (None: not approved)."""
        kept = self._minutes.snapshot if self._minutes is not None else None
        if kept is None:
            return None
        return next((v.minute or "" for v in kept.panel.items if v.number == item.number), None)

    def _show_lifecycle(self, minutes: MinutesRecord) -> None:
        self.heading.setText(
            "<p style='margin:0'><span style='font-size:large; font-weight:600'>"
            f"{html.escape(minutes.meeting_title)}</span></p>"
        )
        status = {
            MinutesStatus.NONE: self.tr("No minutes yet"),
            MinutesStatus.DRAFT: self.tr("Draft minutes"),
            MinutesStatus.APPROVED: self.tr("Approved"),
        }[minutes.status]
        self.status_label.setText(status)
        self.status_label.setAccessibleName(self.tr("Minutes: {status}").format(status=status))
        if minutes.locked:
            self.locked_banner.say(locked_message(minutes))
        else:
            self.locked_banner.hide()
        rows = [history_line(entry) for entry in minutes.history]
        self.history_label.setText("<br>".join(rows))
        self.history_label.setVisible(bool(rows))
        self.history_caption.setVisible(bool(rows))

    def _show_save_state(self) -> None:
        if self._item is None:
            self.save_state.clear()
        elif self.is_dirty():
            self.save_state.setText(self.tr("Not saved yet: saved when you pause or move on."))
        elif self.commands.in_session:
            self.save_state.setText(self.tr("Saved."))
        else:
            self.save_state.clear()

    # The minute editor ---------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self._item is not None and self.editor.toPlainText() != self._base_text

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.save_minute()
        return super().eventFilter(watched, event)

    def _on_text_changed(self) -> None:
        if self._loading_text:
            return
        self._pause.start()
        self._show_save_state()

    def _on_item_changed(self, _current: Index, _previous: Index) -> None:
        if self._presenting:
            return
        new = self._current_row_item()
        if new is not None and self.meeting_id is not None:
            self._keys_by_meeting[self.meeting_id] = new.key
        if new is not None and self._item is not None and new.key == self._item.key:
            return
        self.save_minute()
        self.commands.end_session()
        fresh = self._current_row_item()
        if fresh is None or self._item is None or fresh.key != self._item.key:
            self._show_item(fresh)

    # Actions: what is selected, then ``self.commands`` ------------------------------------------

    @property
    def approve_dialog(self) -> ApproveMinutesDialog | None:
        return self.commands.approve_dialog

    @property
    def reopen_dialog(self) -> ReopenMinutesDialog | None:
        return self.commands.reopen_dialog

    def _follow_action(self, key: str, edit: bool) -> None:
        """Select this action when the reloaded list arrives (and edit its text)."""
        self.actions_pane.follow(key, edit)

    def save_minute(self) -> bool:
        """Save the minute being typed, if it changed. False if the service refused it."""
        self._pause.stop()
        item = self._item
        if item is None or not self.is_dirty() or self.workspace.read_only:
            return True
        before, text = self._base_text, self.editor.toPlainText()
        self._base_text = text  # what is stored once saved: the reload keeps the typing
        if not self.commands.save_minute(item, before, text):
            self._base_text = before
            return False
        self._show_save_state()
        return True

    def approve_minutes(self) -> None:
        meeting_id, review_id = self.meeting_id, self.review_id
        if meeting_id is None or review_id is None or not self.approve_action.isEnabled():
            return
        if self.save_minute():
            self.commands.approve(review_id, meeting_id, lambda asked: asked == self.meeting_id)

    def reopen_minutes(self) -> None:
        meeting_id, minutes = self.meeting_id, self._minutes
        if meeting_id is not None and minutes is not None and self.reopen_action.isEnabled():
            self.commands.reopen(meeting_id, minutes)

    def use_recorded_wording(self) -> None:
        """Copy the recorded wording into the empty minute of a standard item, to edit."""
        item, wording = self._item, self._recorded_wording()
        if item is not None and wording and self.wording_bar.use_action.isEnabled():
            self.commands.use_recorded_wording(item, wording)
            self.editor.setFocus()
