"""The Meetings page: the review's meetings as a list or a month calendar, the planning
actions, clash warnings, and the tabs of the selected meeting below.

The list is a paged model (``ui.shared.paged``): the ids of the review's meetings,
filtered (status, words of the title or venue) and sorted in SQL off the GUI thread
(``workspace.runner``), the rows and their agenda deadlines read a page at a time as
they are shown. The clash warnings load off the GUI thread too. The calendar reads
only the weeks it shows, with the same filter. The list's current row is the selected
meeting in both views: the calendar follows it and selects through it. After any
change the page reads the ids again and keeps the same meeting selected, by id, or by
key when an edit asked for one (a restored meeting has a new id).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from functools import partial
from itertools import pairwise
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import MeetingStatus
from ...domain.errors import ScrutinyError
from ...domain.listing_records import MeetingFilter
from ...domain.meeting_records import AgendaDeadline, ScheduleWarning
from ...domain.summaries import MeetingSummary
from ...domain.topics import Topic, Topics
from ...services.container import Services
from ..audit.history_action import add_history
from ..shared.tables import FIT, STRETCH, caption, fit_to_rows_shown, record_table
from ..shared.workspace import Workspace
from .meeting_actions import MeetingActions
from .meeting_commands import MeetingCommands
from .meeting_prompts import MeetingPrompts
from .meetings_calendar import MeetingsCalendar
from .meetings_model import MeetingColumn, MeetingsModel
from .schedule_warnings_model import ScheduleWarningsModel, WarningRole, warning_icon

Index = QModelIndex | QPersistentModelIndex


def _notice(name: str, tint: str, *, icon: bool = True) -> tuple[QFrame, QHBoxLayout]:
    """A tinted frame (with a warning sign), for a warning the clerk should act on."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(f"#{name} {{ background: {tint}; border-radius: 4px; }}")
    layout = QHBoxLayout(frame)
    layout.setContentsMargins(8, 4, 8, 4)
    if icon:
        sign = QLabel()
        sign.setPixmap(warning_icon().pixmap(18, 18))
        layout.addWidget(sign, 0, Qt.AlignmentFlag.AlignVCenter)
    return frame, layout


class MeetingsPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review and reload."""

    #: What a change must touch for this page to read again.
    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.WITNESSES,
        }
    )

    #: the selected meeting, or None; also when the same meeting's record changed
    current_meeting_changed = Signal(object)
    #: the meetings of a review shown anew have arrived (their number)
    loaded = Signal(int)
    #: a line for the status bar
    message = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsPage")
        self.workspace = workspace
        self.today: Callable[[], date] = date.today
        self._review_id: int | None = None
        self._loaded = False
        self._updating = False
        self._select_key: str | None = None
        self._current: MeetingSummary | None = None
        self._filter = MeetingFilter()
        self._total: int | None = None  # the review's meetings, whatever the filter
        self._announce = False
        self._warnings_due = False  # the clash warnings are read after the list
        self._row_before = -1

        listing = workspace.services.listing
        self.model = MeetingsModel(
            workspace.runner, lambda ids: listing.meetings(ids, self.today()), self
        )
        #: The list filters and sorts in SQL: nothing stands in front of the model.
        self.proxy = self.model
        self.view = record_table(
            self.model,
            self.tr("Meetings"),
            {
                MeetingColumn.DATE: FIT,
                MeetingColumn.TIME: FIT,
                MeetingColumn.TITLE: STRETCH,
                MeetingColumn.VENUE: STRETCH,
                MeetingColumn.STATUS: FIT,
                MeetingColumn.ITEMS: FIT,
                MeetingColumn.DEADLINE: FIT,
            },
        )
        self.view.setObjectName("meetingsTable")
        add_history(self.view, workspace, "meetings", self.current_meeting)
        fit_to_rows_shown(self.view)
        # The title takes the room; a long venue is cut short (its tooltip says it all).
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(MeetingColumn.VENUE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(MeetingColumn.VENUE, 150)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(MeetingColumn.DATE, Qt.SortOrder.AscendingOrder)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.model.keep_selection(self.view.selectionModel())
        self.model.find_id = self._id_of_key
        self.model.modelAboutToBeReset.connect(self._on_about_to_reset)
        self.model.loaded.connect(self._on_ids_loaded)
        self.model.failed.connect(self._on_load_failed)
        self.calendar = MeetingsCalendar(self._meetings_between, workspace.runner)
        #: what the planning actions do (undo steps), what they ask first, and the
        #: actions themselves: three objects, each given only what it needs
        self.meeting_commands = MeetingCommands(workspace, self.select_after_reload)
        self.meeting_prompts = MeetingPrompts(workspace, self, self.meeting_commands, self)
        self.meeting_actions = MeetingActions(workspace, self, self.meeting_prompts)
        self.view.activated.connect(lambda _index: self.meeting_actions.edit_action.trigger())
        self.calendar.meeting_chosen.connect(self.select_meeting)
        self.calendar.meeting_activated.connect(self._on_calendar_activated)
        self.calendar.day_activated.connect(self.meeting_prompts.new_meeting)

        self._build_filter_bar()
        self._build_notices()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.calendar)
        self.stack.setMinimumHeight(130)  # a few rows, however low the splitter goes
        self.toolbar = QToolBar(self.tr("Meeting actions"))
        self.toolbar.setObjectName("meetingActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.meeting_actions.fill_toolbar(self.toolbar)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addActions([self.list_action, self.calendar_action])

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 4, 8, 4)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.toolbar)
        top_layout.addLayout(self.filter_bar)
        top_layout.addWidget(self.warnings_strip)
        top_layout.addWidget(self.stack, 1)
        top_layout.addWidget(self.deadline_notice)

        self.meeting_tabs = QTabWidget()
        self.meeting_tabs.setObjectName("meetingTabs")
        self.meeting_tabs.setDocumentMode(True)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("meetingsAgendaSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.meeting_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        chain = self.focus_chain()
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        self.show_view(workspace.settings.meetings_view)
        self._update()

    def _build_filter_bar(self) -> None:
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("meetingFilter")
        self.filter_edit.setAccessibleName(self.tr("Filter meetings by title or venue"))
        self.filter_edit.setPlaceholderText(self.tr("Words of the title or venue"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(320)
        self.filter_edit.textChanged.connect(self._on_text_changed)
        filter_label = QLabel(self.tr("Fi&lter:"))
        filter_label.setBuddy(self.filter_edit)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("meetingStatusFilter")
        self.status_combo.setAccessibleName(self.tr("Show meetings of status"))
        self.status_combo.addItem(self.tr("All"), None)
        for status in MeetingStatus:
            self.status_combo.addItem(self.model.status_label(status), status.value)
        self.status_combo.currentIndexChanged.connect(self._on_status_chosen)
        status_label = QLabel(self.tr("Stat&us:"))
        status_label.setBuddy(self.status_combo)
        self.count_label = QLabel()
        self.count_label.setObjectName("meetingCount")
        self.count_label.setEnabled(False)
        find = QAction(self.tr("Find Meetings"), self)
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(
            lambda: self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        )
        self.addAction(find)
        self.filter_edit.setToolTip(
            self.tr("Show only the meetings whose title or venue hold these words ({keys})").format(
                keys=find.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            )
        )

        self.view_group = QActionGroup(self)
        self.list_action = self._view_action(self.tr("&List"), "Ctrl+Shift+L", "list")
        self.calendar_action = self._view_action(self.tr("&Calendar"), "Ctrl+Shift+K", "calendar")

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(caption(self.tr("&Meetings"), self.view))
        bar.addSpacing(12)
        bar.addWidget(filter_label)
        bar.addWidget(self.filter_edit, 1)
        bar.addSpacing(6)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        bar.addWidget(self.count_label)
        self.filter_bar = bar

    def _view_action(self, text: str, keys: str, mode: str) -> QAction:
        action = QAction(text, self.view_group)
        action.setCheckable(True)
        action.setData(mode)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = (
            self.tr("Show the meetings as a list ({keys})")
            if mode == "list"
            else self.tr("Show the meetings on a month calendar ({keys})")
        )
        action.setToolTip(tip.format(keys=shown))
        action.setStatusTip(tip.format(keys=shown))
        action.triggered.connect(lambda _checked=False: self.show_view(mode))
        self.addAction(action)
        return action

    def _build_notices(self) -> None:
        self.warnings_model = ScheduleWarningsModel(self)
        self.warnings_view = QListView()
        self.warnings_view.setObjectName("clashList")
        self.warnings_view.setModel(self.warnings_model)
        self.warnings_view.setAccessibleName(self.tr("Clash warnings"))
        self.warnings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.warnings_view.setUniformItemSizes(True)
        self.warnings_view.setIconSize(QSize(16, 16))
        self.warnings_view.setFrameShape(QFrame.Shape.NoFrame)
        self.warnings_view.setStyleSheet("QListView { background: transparent; }")
        self.warnings_view.setToolTip(self.tr("Click a warning to select its meeting"))
        self.warnings_view.clicked.connect(self._on_warning_chosen)
        self.warnings_view.activated.connect(self._on_warning_chosen)
        self.warnings_heading = QLabel()
        self.warnings_heading.setObjectName("clashHeading")
        self.warnings_heading.setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.warnings_heading.setToolTip(
            self.tr(
                "Clashes are allowed, not refused: check each is meant. Click one to "
                "select its meeting."
            )
        )
        self.warnings_strip, strip = _notice("clashStrip", "rgba(214, 140, 0, 0.13)", icon=False)
        strip.setContentsMargins(8, 2, 8, 2)
        strip.addWidget(self.warnings_heading, 0, Qt.AlignmentFlag.AlignTop)
        strip.addWidget(self.warnings_view, 1)
        self.warnings_strip.hide()

        self.deadline_text = QLabel()
        self.deadline_text.setObjectName("deadlineWarning")
        self.deadline_text.setWordWrap(True)
        self.deadline_notice, notice = _notice("deadlineNotice", "rgba(200, 40, 40, 0.10)")
        notice.addWidget(self.deadline_text, 1)
        mark = QToolButton()
        mark.setDefaultAction(self.meeting_actions.published_action)
        mark.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        mark.setAccessibleName(self.tr("Mark agenda published"))
        notice.addWidget(mark, 0, Qt.AlignmentFlag.AlignVCenter)
        self.deadline_notice.hide()

    # Page protocol --------------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        """Show that review's meetings (the same review: read them again, keeping the
        meeting selected)."""
        if review_id is None:
            self.workspace.runner.discard("meeting-warnings")
            self._review_id = None
            self._clear()
            return
        if review_id == self._review_id:
            self._remember_current()
        else:
            self._review_id = review_id
            self._select_key = None
            self._clear()
        self._load(announce=True)

    def reload(self, topics: Topics) -> None:
        if self._review_id is not None:
            self._remember_current()
            self._load(announce=False)

    # What is shown ----------------------------------------------------------------------

    def focus_chain(self) -> list[QWidget]:
        """The page's controls in Tab order (the hidden view is skipped)."""
        return [self.filter_edit, self.status_combo, self.view, self.calendar.view]

    def review_id(self) -> int | None:
        return self._review_id

    def is_empty(self) -> bool:
        """The review's meetings have arrived and there are none."""
        return self._loaded and self._total == 0

    def current_meeting(self) -> MeetingSummary | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(index.row())

    def select_meeting(self, meeting_id: int) -> bool:
        """Make that meeting current (in the list and on the calendar)."""
        row = self.model.row_of(meeting_id)
        return row is not None and self._select_row(row)

    def select_key(self, key: str) -> bool:
        row = self.model.row_of_key(key)
        return row is not None and self._select_row(row)

    def filter(self) -> MeetingFilter:
        return self._filter

    def select_after_reload(self, key: str) -> None:
        """Select the meeting of that key once the list is read again (after an edit)."""
        self._select_key = key

    def show_view(self, mode: str) -> None:
        """``"list"`` or ``"calendar"``."""
        calendar = mode == "calendar"
        (self.calendar_action if calendar else self.list_action).setChecked(True)
        shown = self.calendar if calendar else self.view
        focus = self.focusWidget()
        had_focus = focus is not None and (focus is self.view or self.calendar.isAncestorOf(focus))
        self.stack.setCurrentWidget(shown)
        self.workspace.settings.meetings_view = "calendar" if calendar else "list"
        meeting = self.current_meeting()
        if calendar:
            self.calendar.set_today(self.today())
            self.calendar.show_date(
                meeting.start.date() if meeting else self.today(), meeting.id if meeting else None
            )
        if had_focus:
            (self.calendar.view if calendar else self.view).setFocus()

    def deadline_of(self, meeting: MeetingSummary) -> AgendaDeadline | None:
        return self.model.deadline(meeting.id)

    def clear_filter(self) -> None:
        self.filter_edit.clear()
        self.status_combo.setCurrentIndex(0)

    def _id_of_key(self, key: str) -> int | None:
        """The id of the meeting with that key now (one indexed lookup)."""
        if self._review_id is None:
            return None
        try:
            return self.workspace.services.meeting_edits.find(self._review_id, key).id
        except ScrutinyError:
            return None

    def _select_row(self, row: int) -> bool:
        index = self.model.index(row, MeetingColumn.TITLE)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    # Loading --------------------------------------------------------------------------

    def _remember_current(self) -> None:
        current = self.current_meeting()
        if self._select_key is None and current is not None:
            self._select_key = current.key

    def _clear(self) -> None:
        """No meetings shown until the review's arrive."""
        self._loaded = False
        self._total = None
        self.model.set_query(None)
        self.warnings_model.set_rows([])
        self._updating = False
        self.calendar.refresh()
        self._update()

    def _load(self, *, announce: bool) -> None:
        """Read the ids of the list (the rows follow as shown), then the clash warnings."""
        review_id = self._review_id
        if review_id is None:
            return
        self._announce = self._announce or announce
        self._warnings_due = True
        self._query()

    def _load_warnings(self) -> None:
        """The clash warnings of the whole review, once the list is on screen: read at
        the same time, the two reads share Python's one lock and the list comes later."""
        review_id = self._review_id
        if review_id is None or not self._warnings_due:
            return
        self._warnings_due = False
        self.workspace.runner.submit(
            # The edit service is made (its modules imported) on the worker: on the GUI
            # thread, its first use held the list's first rows 10-60 ms.
            partial(_clash_warnings, self.workspace.services, review_id),
            partial(self._on_warnings_loaded, review_id),
            partial(self._on_load_failed_for, review_id),
            key="meeting-warnings",
        )

    def _query(self) -> None:
        """Give the model the query of this review and filter (it reads the ids)."""
        review_id, flt = self._review_id, self._filter
        if review_id is None:
            return
        listing = self.workspace.services.listing
        self.model.set_query(
            lambda order: listing.meeting_ids(review_id, flt, order.key, order.descending),
            partial(listing.meeting_count, review_id) if flt.active else None,
        )

    def _meetings_between(self, first: date, last: date) -> list[MeetingSummary]:
        """The calendar's weeks: one indexed query (on the worker thread)."""
        if self._review_id is None or not self._loaded:
            return []
        try:
            return self.workspace.services.listing.meetings_between(
                self._review_id, self._filter, first, last
            )
        except ScrutinyError:
            return []

    def _on_about_to_reset(self) -> None:
        # The model selects the same meeting again, by id: say nothing until it has.
        self._updating = True
        self._row_before = self.view.currentIndex().row()

    def _on_ids_loaded(self, count: int) -> None:
        self._updating = False
        self._loaded = True
        self._total = self.model.total()
        wanted, self._select_key = self._select_key, None
        selected = wanted is not None and self.select_key(wanted)
        if not selected and not self.view.currentIndex().isValid() and count:
            row = min(max(self._row_before, 0), count - 1)
            self.view.setCurrentIndex(self.model.index(row, MeetingColumn.TITLE))
        self._row_before = -1
        self.calendar.set_today(self.today())
        self.calendar.refresh()
        self._update()
        self._load_warnings()
        if self._announce:
            self._announce = False
            self.loaded.emit(self._total)

    def _on_warnings_loaded(self, review_id: int, warnings: list[ScheduleWarning]) -> None:
        if review_id != self._review_id:
            return
        self.warnings_model.set_rows(warnings)
        self._update_warnings()

    def _on_load_failed_for(self, review_id: int, exc: Exception) -> None:
        if review_id == self._review_id:
            self._on_load_failed(exc)

    def _on_load_failed(self, exc: Exception) -> None:
        self._updating = False
        title = self.tr("The meetings could not be loaded")
        self.message.emit(title + ".")
        self.workspace.report_error(title, exc)

    # Following the selection ---------------------------------------------------------

    def _on_current_row_changed(self, _current: Index, _previous: Index) -> None:
        if not self._updating:
            self._update()

    def _update(self) -> None:
        """Bring everything that follows the selected meeting up to date; say so if it
        changed."""
        meeting = self.current_meeting()
        self.meeting_actions.update_actions(meeting)
        self._update_count()
        self._update_warnings()
        deadline = self.model.deadline(meeting.id) if meeting else None
        warning = deadline.warning if deadline else None
        self.deadline_text.setText(warning or "")
        self.deadline_notice.setAccessibleName(warning or "")
        self.deadline_notice.setVisible(bool(warning))
        if meeting is not None and self.stack.currentWidget() is self.calendar:
            self.calendar.show_date(meeting.start.date(), meeting.id)
        if meeting != self._current:
            self._current = meeting
            self.current_meeting_changed.emit(meeting)

    def _update_count(self) -> None:
        total = self._total or 0
        shown = self.model.rowCount()
        if not self._loaded:
            text = ""
        elif self._filter.active:
            text = self.tr("{shown} of {total} meetings").format(shown=shown, total=total)
        else:
            text = self.tr("1 meeting") if total == 1 else self.tr("{n} meetings").format(n=total)
        self.count_label.setText(text)

    def _update_warnings(self) -> None:
        count = self.warnings_model.rowCount()
        self.warnings_strip.setVisible(count > 0)
        if not count:
            return
        self.warnings_heading.setText(
            self.tr("<b>1 clash:</b>")
            if count == 1
            else self.tr("<b>{n} clashes:</b>").format(n=count)
        )
        row = max(self.warnings_view.sizeHintForRow(0), 20)
        self.warnings_heading.setFixedHeight(row)  # level with the first warning
        self.warnings_view.setFixedHeight(row * min(count, 3) + 2)

    # Filtering ---------------------------------------------------------------------

    def _on_status_chosen(self, _row: int) -> None:
        value = self.status_combo.currentData()
        self._set_filter(replace(self._filter, status=MeetingStatus(value) if value else None))

    def _on_text_changed(self, text: str) -> None:
        self._set_filter(replace(self._filter, text=text))

    def _set_filter(self, flt: MeetingFilter) -> None:
        """Another filter: the ids are read again (in SQL); the selection stays if the
        meeting passes, else the first row is selected."""
        if flt == self._filter:
            return
        self._filter = flt
        self._query()

    # Slots -------------------------------------------------------------------------------

    def _on_calendar_activated(self, meeting_id: int) -> None:
        if self.select_meeting(meeting_id):
            self.meeting_actions.edit_action.trigger()

    def _on_warning_chosen(self, index: QModelIndex) -> None:
        warning: ScheduleWarning = index.data(WarningRole)
        for key in warning.meetings:
            if self.select_key(key):
                return
        if self._filter.active and warning.meetings:
            self.clear_filter()
            self.select_key(warning.meetings[0])


def _clash_warnings(services: Services, review_id: int) -> list[ScheduleWarning]:
    """The review's clash warnings (worker thread)."""
    return services.meeting_edits.warnings(review_id)
