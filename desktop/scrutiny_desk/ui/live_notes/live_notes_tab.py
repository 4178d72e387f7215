"""The Live notes tab: notes taken during a session, as fast as the clerk can type.

The clerk picks the current agenda item once (Alt+Up / Alt+Down step through the
agenda); from then on each note is one line of text and the terms of reference it
answers. Enter saves it: ONE insert on the GUI thread, one undo step, no dialog. The
note is stamped with the time, the meeting, the item and the item's witnesses, and
appears at the bottom of the meeting's notes below.

When no terms of reference are chosen and the agenda item has its own, the note is
filed under the item's, and the picker says so before the save ("None chosen: will be
filed under the item's 1.2, 3"): a hurried line is the line and Enter.

What stays after a save, as a clerk would want it during a hearing: the text field is
emptied and keeps the focus; the agenda item stays; the chosen terms of reference stay
too, since a witness usually answers the same question over several notes (Backspace
in the picker or a click on a chip removes one). Choosing another agenda item clears
them, and that item's own terms of reference are offered first.

Keys: Ctrl+L the note field, from anywhere on the page that holds the tab (it brings
the tab forward), Ctrl+T the terms-of-reference picker, Enter saves (in the note field,
or in the picker with nothing typed), Alt+Up / Alt+Down the previous / next agenda
item, Ctrl+Z removes the last note saved (the list follows). Tab goes item, note,
terms of reference, closed, then the list. While the tab is in view it claims the
height to show the form and at least ``RECENT_ROWS`` notes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QFontMetrics,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Access
from ...domain.errors import Problem
from ...domain.note_records import NoteEntry, NoteFilter
from ...domain.records import AgendaEntry, MeetingSummary, TorItem
from ...domain.topics import Topic, Topics
from ..shared.display import bold_font, closed_tint, lock_icon, long_date
from ..shared.meeting_tab import MeetingTabBase
from ..shared.tables import STRETCH, caption, record_table
from ..shared.tor_picker import TorPicker
from ..shared.workspace import Workspace
from .capture_step import CaptureNote
from .session_notes_model import NoteColumn, SessionNotesModel

WAIT_NOTICE_MS = 1000  # a save still waiting for the database after this says so
INTERACTIVE = QHeaderView.ResizeMode.Interactive
#: The last notes of the meeting read with it (the rest are read as they are shown).
FIRST_PAGE = 200
#: While the tab is in view, at least this many of the last notes are in sight.
RECENT_ROWS = 10


@dataclass(frozen=True)
class LiveNotesData:
    """What the tab reads of a meeting, off the GUI thread."""

    meeting: MeetingSummary
    items: list[AgendaEntry]
    tor: tuple[TorItem, ...]
    ids: list[int]
    last: list[NoteEntry]


class _UndoPassThrough(QObject):
    """Ctrl+Z / Ctrl+Y in a text field with nothing of its own to undo go to the
    window's Undo / Redo (a line edit otherwise takes them and does nothing)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(watched, QLineEdit):
            assert isinstance(event, QKeyEvent)
            if (event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable()) or (
                event.matches(QKeySequence.StandardKey.Redo) and not watched.isRedoAvailable()
            ):
                event.ignore()
                return True
        return super().eventFilter(watched, event)


class LiveNotesTab(MeetingTabBase):
    """A MeetingTab (see ``ui.shared.workspace``): show_meeting and reload."""

    TOPICS = frozenset(
        {
            Topic.REVIEW,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.WITNESSES,
            Topic.TERMS,
            Topic.NOTES,
            Topic.EVIDENCE,
        }
    )
    LOAD_KEY = "live-notes-tab"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(workspace, parent)
        self.setObjectName("liveNotesTab")
        self.notes = self.services.notes
        self._data: LiveNotesData | None = None
        self._item_by_meeting: dict[int, str | None] = {}
        self._saving = False  # our own save: its NOTES topic needs no reload
        self._pending = 0  # saves started, so a late "waiting" notice knows its own

        self.heading = QLabel()
        self.heading.setObjectName("liveNotesHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.heading.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.heading.setFont(bold)

        # The agenda item -------------------------------------------------------------
        self.item_combo = QComboBox()
        self.item_combo.setObjectName("liveItemCombo")
        self.item_combo.setAccessibleName(self.tr("Current agenda item"))
        self.item_combo.setToolTip(
            self.tr("The agenda item being heard (Alt+Up / Alt+Down: previous / next)")
        )
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(30)
        self.item_combo.currentIndexChanged.connect(self._on_item_changed)
        self.previous_action = self._action(
            self.tr("Previous Item"), self.tr("The previous agenda item"), "Alt+Up", -1
        )
        self.next_action = self._action(
            self.tr("Next Item"), self.tr("The next agenda item"), "Alt+Down", 1
        )
        self.item_info = QLabel()
        self.item_info.setObjectName("liveItemInfo")
        self.item_info.setWordWrap(True)
        self.item_info.setAccessibleName(self.tr("The agenda item's witnesses and terms"))
        self.closed_banner = QLabel(
            self.tr("Closed item: notes taken now are closed and never published.")
        )
        self.closed_banner.setObjectName("liveClosedBanner")
        self.closed_banner.setAutoFillBackground(True)
        palette = self.closed_banner.palette()
        palette.setColor(QPalette.ColorRole.Window, closed_tint())
        self.closed_banner.setPalette(palette)
        self.closed_banner.setContentsMargins(6, 3, 6, 3)
        self.closed_banner.setAccessibleName(self.tr("Closed item"))
        self.closed_banner.hide()
        item_row = QHBoxLayout()
        item_row.addWidget(self.item_combo, 1)
        for action in (self.previous_action, self.next_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setArrowType(
                Qt.ArrowType.UpArrow if action is self.previous_action else Qt.ArrowType.DownArrow
            )
            button.setAccessibleName(action.text())
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Up / Alt+Down do it
            item_row.addWidget(button)

        # The note --------------------------------------------------------------------
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("liveNoteEdit")
        self.note_edit.setProperty("refreshKeepsText", True)  # colleagues' notes arrive as typed
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(
            self.tr("Type what was said and press Enter to save (Ctrl+L)")
        )
        self.note_edit.setToolTip(
            self.tr("One line of what was said; Enter saves it with the time, item and witnesses")
        )
        self.note_edit.returnPressed.connect(self.save_note)
        self.note_edit.textEdited.connect(lambda _text: self._show_error(""))
        self.closed_check = QCheckBox(self.tr("&Closed note"))
        self.closed_check.setObjectName("liveClosedCheck")
        self.closed_check.setAccessibleName(self.tr("Closed note"))
        self.closed_check.setToolTip(
            self.tr(
                "This note only is closed, never published (said off the record); "
                "it is cleared again after the save. Notes on a closed item are closed anyway."
            )
        )
        self.picker = TorPicker()
        self.picker.setObjectName("liveTorPicker")
        self.picker.submitted.connect(self.save_note)
        self.picker.changed.connect(lambda: self._show_error(""))
        self.error_label = QLabel()
        self.error_label.setObjectName("liveNoteError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Why the note was not saved"))
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.darkRed)
        self.error_label.setPalette(palette)
        self.error_label.hide()
        self._passthrough = _UndoPassThrough(self)
        self.note_edit.installEventFilter(self._passthrough)
        self.picker.editor.installEventFilter(self._passthrough)

        self.focus_note_action = self._focus_action(
            self.tr("Note Field"), self.tr("Type a note"), "Ctrl+L", self.focus_note
        )
        # Ctrl+L works anywhere on the page holding the tab (see ``_find_host``).
        self.focus_note_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._host: QTabWidget | None = None
        self.focus_tor_action = self._focus_action(
            self.tr("Terms of Reference"),
            self.tr("Choose the terms of reference the note answers"),
            "Ctrl+T",
            self.picker.setFocus,
        )

        item_block = QVBoxLayout()
        item_block.setSpacing(3)
        item_block.addLayout(item_row)
        item_block.addWidget(self.item_info)
        item_block.addWidget(self.closed_banner)
        note_block = QVBoxLayout()
        note_block.setSpacing(3)
        note_block.addWidget(self.note_edit)
        note_block.addWidget(self.error_label)  # said beside the field, never in a box
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        item_label = QLabel(self.tr("Agenda &item:"))
        item_label.setBuddy(self.item_combo)
        form.addRow(item_label, item_block)
        note_label = QLabel(self.tr("&Note:"))
        note_label.setBuddy(self.note_edit)
        form.addRow(note_label, note_block)
        tor_label = QLabel(self.tr("&Terms of reference:"))
        tor_label.setBuddy(self.picker.editor)
        tor_label.setToolTip(self.tr("The terms of reference the note answers (Ctrl+T)"))
        form.addRow(tor_label, self.picker)
        form.addRow("", self.closed_check)  # after the terms: the order Tab goes in
        self.form = form

        # The meeting's notes ---------------------------------------------------------
        self.model = SessionNotesModel(self.notes.entries, self)
        self.view = record_table(
            self.model,
            self.tr("Notes taken at this meeting"),
            {int(column): INTERACTIVE for column in NoteColumn} | {int(NoteColumn.TEXT): STRETCH},
        )
        # Fixed starting widths: the rows are read lazily, so "fit the contents" would
        # measure rows not read yet (or a view not shown yet).
        metrics = self.view.fontMetrics()
        for column, sample, extra in (
            (NoteColumn.TIME, "00 May 00:00", 24),
            (NoteColumn.ACCESS, "Closed", 56),  # bold, with the lock
            (NoteColumn.ITEM, "Item", 24),
            (NoteColumn.TERMS, "1.2, 3.4, 2.1", 24),
        ):
            width = QFontMetrics(bold_font()).horizontalAdvance(sample) + extra
            self.view.setColumnWidth(column, max(width, metrics.horizontalAdvance(sample) + extra))
        self.view.setObjectName("liveNotesView")
        self.count_label = QLabel()
        self.count_label.setObjectName("liveNotesCount")
        list_caption = caption(self.tr("N&otes taken at this meeting"), self.view)
        list_row = QHBoxLayout()
        list_row.addWidget(list_caption)
        list_row.addStretch(1)
        list_row.addWidget(self.count_label)

        layout = self._layout = QVBoxLayout(self.body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addLayout(list_row)
        layout.addWidget(self.view, 1)
        self.setTabOrder(self.item_combo, self.note_edit)
        self.setTabOrder(self.note_edit, self.picker.editor)
        self.setTabOrder(self.picker.editor, self.closed_check)
        self.setTabOrder(self.closed_check, self.view)
        self.start_empty()

    # Building ------------------------------------------------------------------------------

    def _action(self, text: str, tip: str, keys: str, step: int) -> QAction:
        made = QAction(text, self)
        made.setStatusTip(tip)
        made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})")
        made.setShortcut(QKeySequence(keys))
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(lambda _checked=False: self.step_item(step))
        self.addAction(made)
        return made

    def _focus_action(self, text: str, tip: str, keys: str, go: Callable[[], None]) -> QAction:
        made = QAction(text, self)
        made.setStatusTip(tip)
        made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})")
        made.setShortcut(QKeySequence(keys))
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made.triggered.connect(lambda _checked=False: go())
        self.addAction(made)
        return made

    def focus_note(self) -> None:
        """To the note field, bringing the tab forward first (Ctrl+L)."""
        if self._host is not None:
            self._host.setCurrentWidget(self)
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            self._find_host()
        return super().event(event)

    def _find_host(self) -> None:
        """Ctrl+L belongs to the tab widget that holds this tab, so it works anywhere on
        the page around it (the meetings list, another tab) while that page is shown;
        standing alone, to the tab itself. Qt keeps a window shortcut of a hidden widget
        quiet, so other pages keep Ctrl+L to themselves."""
        host: QWidget | None = self.parentWidget()
        while host is not None and not isinstance(host, QTabWidget):
            host = host.parentWidget()
        if host is self._host:
            return
        owner: QWidget = self._host if self._host is not None else self
        owner.removeAction(self.focus_note_action)
        self._host = host if isinstance(host, QTabWidget) else None
        (self._host if self._host is not None else self).addAction(self.focus_note_action)

    # Room for the notes ---------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setMinimumHeight(self._height_for_recent_notes())

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.setMinimumHeight(0)  # the other tabs do not need it

    def _height_for_recent_notes(self) -> int:
        """The form, the list's caption and header, and ``RECENT_ROWS`` rows: asked of
        the splitter around the tab while it is shown, so the notes just taken are in
        sight at 1280x800 without dragging anything."""
        rows = RECENT_ROWS * self.view.verticalHeader().defaultSectionSize()
        header = self.view.horizontalHeader().sizeHint().height()
        margins = self._layout.contentsMargins()
        frame = 2 * self.view.frameWidth() + 4
        above = self.heading.sizeHint().height() + self.form.sizeHint().height()
        caption_height = self.count_label.sizeHint().height()
        spacing = 6 + 3 * 6  # the gap before the list and the layout's spacing
        edges = margins.top() + margins.bottom()
        return above + caption_height + header + rows + frame + spacing + edges

    # MeetingTabBase ------------------------------------------------------------------------

    def reload(self, topics: Topics) -> None:
        if self._saving and topics <= {Topic.NOTES}:
            return  # the note just saved is in the list already
        super().reload(topics)

    def read(self, meeting_id: int) -> LiveNotesData:
        meeting = self.services.meetings.get(meeting_id)
        items = self.services.meetings.agenda(meeting_id)
        tor = self.services.reviews.terms_of_reference(meeting.review_id)
        ids = self.notes.ids(meeting.review_id, NoteFilter(meeting=meeting.key), "created")
        return LiveNotesData(meeting, items, tor, ids, self.notes.entries(ids[-FIRST_PAGE:]))

    def present(self, data: Any, same_meeting: bool) -> None:
        assert isinstance(data, LiveNotesData)
        previous_rows = self.model.rowCount()
        self._data = data
        meeting = data.meeting
        self.heading.setText(
            self.tr("{title}, {date}").format(title=meeting.title, date=long_date(meeting.start))
        )
        wanted = self._item_by_meeting.get(meeting.id, self._default_item(data.items))
        self.item_combo.blockSignals(True)
        self.item_combo.clear()
        for item in data.items:
            if item.is_closed:
                self.item_combo.addItem(
                    lock_icon(),
                    self.tr("{number}. {title} (Closed)").format(
                        number=item.number, title=item.title
                    ),
                    item.key,
                )
                self.item_combo.setItemData(
                    self.item_combo.count() - 1, closed_tint(), Qt.ItemDataRole.BackgroundRole
                )
            else:
                self.item_combo.addItem(f"{item.number}. {item.title}", item.key)
        self.item_combo.addItem(self.tr("No particular item (the meeting as a whole)"), None)
        row = self.item_combo.findData(wanted) if wanted is not None else -1
        self.item_combo.setCurrentIndex(row if row >= 0 else self.item_combo.count() - 1)
        self.item_combo.blockSignals(False)
        self.picker.set_terms(data.tor)
        self._show_item(reset_terms=not same_meeting)
        self.model.set_item_numbers({i.key: i.number for i in data.items})
        self.model.set_meeting_day(meeting.start.date())
        self.model.set_notes(data.ids, data.last)
        self._show_count()
        if not same_meeting or self.model.rowCount() > previous_rows:
            QTimer.singleShot(0, self.view.scrollToBottom)
        if not same_meeting:
            self.note_edit.clear()
            self._show_error("")

    def present_nothing(self) -> None:
        self._data = None
        self.item_combo.clear()
        self.model.set_notes([])
        self.picker.set_terms(())
        self.show_hint(self.tr("Choose a meeting to take notes at it."))

    def update_actions(self) -> None:
        writable = self.writable()
        self.note_edit.setEnabled(writable)
        self.closed_check.setEnabled(writable)
        self.picker.setEnabled(writable)
        if self.workspace.read_only:
            self.note_edit.setPlaceholderText(self.tr("The database is open read-only"))
        for action in (self.previous_action, self.next_action):
            action.setEnabled(self.is_showing())

    # The agenda item -------------------------------------------------------------------------

    @staticmethod
    def _default_item(items: list[AgendaEntry]) -> str | None:
        """The first item with witnesses (evidence is heard there), else the first."""
        for item in items:
            if item.witnesses:
                return item.key
        return items[0].key if items else None

    def current_item(self) -> AgendaEntry | None:
        key = self.item_combo.currentData()
        if self._data is None or key is None:
            return None
        return next((i for i in self._data.items if i.key == key), None)

    def step_item(self, step: int) -> None:
        count = self.item_combo.count()
        if count:
            self.item_combo.setCurrentIndex(
                max(0, min(count - 1, self.item_combo.currentIndex() + step))
            )

    def _on_item_changed(self, _row: int) -> None:
        if self._data is not None:
            self._item_by_meeting[self._data.meeting.id] = self.item_combo.currentData()
        self._show_item(reset_terms=True)

    def _show_item(self, *, reset_terms: bool) -> None:
        item = self.current_item()
        self.picker.set_preferred([t.key for t in item.tor] if item else [])
        self.picker.set_none_text(
            self.tr("None chosen: will be filed under the item's {numbers}").format(
                numbers=", ".join(_number(t.label) for t in item.tor)
            )
            if item is not None and item.tor
            else None
        )
        if reset_terms:
            self.picker.clear()
        if item is None:
            self.item_info.setText(self.tr("Notes are filed under the meeting only."))
            self.closed_banner.hide()
            return
        parts = []
        if item.witnesses:
            parts.append(
                self.tr("Witnesses: {names}").format(
                    names="; ".join(w.label for w in item.witnesses)
                )
            )
        else:
            parts.append(self.tr("No witnesses"))
        if item.tor:
            numbers = ", ".join(_number(t.label) for t in item.tor)
            parts.append(self.tr("Its terms of reference: {numbers}").format(numbers=numbers))
        self.item_info.setText("   ·   ".join(parts))
        self.closed_banner.setVisible(item.is_closed)

    # Saving ---------------------------------------------------------------------------------

    def save_note(self) -> None:
        """Save the note as typed: one insert, one undo step, no dialog."""
        data = self._data
        if data is None or not self.writable() or self._saving:
            return
        text = self.note_edit.text().strip()
        if text:
            self.picker.accept_typed()  # "1.2" typed but not yet added: add it
        item = self.current_item()
        keys = self.picker.keys() or self._item_terms(item)
        if not text:
            self._show_error(self.tr("Type the note first."))
            self.note_edit.setFocus()
            return
        if not keys:
            self._show_error(
                self.tr("Choose the terms of reference it answers (Ctrl+T): type 1.2 or words.")
            )
            self.picker.setFocus()
            return
        access = Access.CLOSED if self.closed_check.isChecked() else None
        label = text if len(text) <= 40 else text[:39] + "…"
        step = CaptureNote(
            self.tr("Note “{text}”").format(text=label),
            self.notes,
            data.meeting.review_id,
            text,
            keys,
            item=item.key if item is not None else None,
            meeting=None if item is not None else data.meeting.key,
            access=access,
        )
        # The insert runs on a worker: while another program writes to the database it
        # waits there for its turn, and the clerk is told after about a second. The
        # line stays as typed, read-only, until the note is saved or refused.
        self._saving = True
        self._pending += 1
        pending = self._pending
        self.note_edit.setReadOnly(True)
        QTimer.singleShot(WAIT_NOTICE_MS, lambda: self._say_waiting(pending))
        self.workspace.editor.perform_later(
            self.workspace.runner,
            step,
            on_done=self._on_note_saved,
            on_refused=self._on_note_refused,
        )

    @staticmethod
    def _item_terms(item: AgendaEntry | None) -> tuple[str, ...]:
        """The terms of reference a note with none chosen is filed under: its item's."""
        return tuple(t.key for t in item.tor) if item is not None else ()

    def _say_waiting(self, pending: int) -> None:
        if self._saving and pending == self._pending:
            self._show_error(
                self.tr(
                    "Waiting for the database: another program is saving to it. "
                    "Your note will be saved as soon as it is free."
                )
            )

    def _finish_saving(self) -> None:
        self._saving = False
        self.note_edit.setReadOnly(False)

    def _on_note_refused(self, problems: list[Problem]) -> None:
        self._finish_saving()
        self._show_error("; ".join(p.message for p in problems))
        self.note_edit.setFocus()

    def _on_note_saved(self, entry: NoteEntry) -> None:
        self._finish_saving()
        self.model.append(entry)
        self._show_count()
        self.view.scrollToBottom()
        self.note_edit.setText("")  # setText, not clear(): Ctrl+Z now undoes the save
        self.closed_check.setChecked(False)  # an off-the-record remark is a one-off
        self.note_edit.setFocus()
        self._show_error("")
        self.say(
            self.tr("Note saved at {time} against {numbers}").format(
                time=entry.created.strftime("%H:%M"), numbers=", ".join(entry.tor_numbers)
            )
        )

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _show_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            self.tr("1 note") if count == 1 else self.tr("{count} notes").format(count=count)
        )


def _number(label: str) -> str:
    """ "1.2" of a term of reference's label ("1.2 Identifying the approaches")."""
    return label.split(" ", 1)[0]
