"""The main window: the review switcher, the navigation list and its pages.

It holds no data of its own: models hold domain records from the services, slow calls
go through the task runner, every edit goes through the Editor (one service call, one
undo step), and every outcome is said in the status bar or, for an error, in a message
box. Pages and meeting tabs are plain widgets given a ``Workspace``; after any change
the window tells each of them which of the topics it shows changed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ...domain.errors import ScrutinyError
from ...domain.summaries import MeetingSummary
from ...domain.topics import Topic, Topics
from ...services.container import Services
from ..agenda.agenda_panel import AgendaPanel
from ..agenda.agenda_tab import AgendaTab
from ..invitations.programme_folder import ProgrammePublisher
from ..invitations.send_updates import SendUpdates
from ..meetings.meetings_model import MeetingsModel
from ..meetings.meetings_page import MeetingsPage
from ..personal_data.retention_reminder import RetentionReminder
from ..publishing.pack_export import PackExport
from ..publishing.web_publish import WebPublishing
from ..reviews.backup_actions import BackupActions
from ..reviews.review_actions import ReviewActions
from ..reviews.reviews_model import ReviewsModel
from ..search.search_box import SearchBox
from ..shared.catch_up import CatchUp, topics_shown
from ..shared.commands import Editor
from ..shared.exports import ExportController
from ..shared.messages import about_box
from ..shared.settings import Settings
from ..shared.tasks import TaskRunner, ThreadedTaskRunner
from ..shared.workspace import PageId, Shown, Workspace
from . import window_chrome
from .busy_indicator import BusyIndicator
from .first_frame import AfterFirstFrame, hold_until_idle
from .go_to import GoTo
from .guide import Guide
from .live_refresh import LiveRefresh
from .pages import Pages, build_page
from .shortcuts import ShortLabel
from .style import install_focus_frame
from .warm_up import warm_up_for
from .welcome import EmptyState

if TYPE_CHECKING:  # the other pages and meeting tabs are built, their packages imported, on demand
    from ..attendance.attendance_tab import AttendanceTab
    from ..coverage.coverage_page import CoveragePage
    from ..evidence.evidence_page import EvidencePage
    from ..follow_up.tracker_page import TrackerPage
    from ..invitations.invitations_tab import InvitationsTab
    from ..live_notes.live_notes_tab import LiveNotesTab
    from ..minutes.minutes_tab import MinutesTab
    from ..notes.notes_page import NotesPage
    from ..overview.overview_page import OverviewPage
    from ..panel.panel_page import PanelPage
    from ..recommendations.recommendations_page import RecommendationsPage
    from ..report.report_export import ReportExport
    from ..report.report_page import ReportPage
    from ..terms.terms_page import TermsPage
    from ..witnesses.witnesses_page import WitnessesPage


class MainWindow(QMainWindow):
    # Set by window_chrome's builders --------------------------------------------------
    import_action: QAction
    sample_action: QAction
    refresh_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    toolbar_undo_action: ShortLabel
    toolbar_redo_action: ShortLabel
    about_action: QAction
    guide: Guide
    show_log_action: QAction
    #: actions that change the database: disabled when it is read-only
    editing_actions: list[QAction]
    exports: ExportController
    programme: ProgrammePublisher
    send_updates: SendUpdates
    web_publishing: WebPublishing
    pack_export: PackExport
    report_export: ReportExport
    review_actions: ReviewActions
    backup_actions: BackupActions
    search_box: SearchBox
    go_to: GoTo
    page_actions: list[QAction]
    file_menu: QMenu
    edit_menu: QMenu
    go_menu: QMenu
    meeting_menu: QMenu
    toolbar: QToolBar
    review_combo: QComboBox
    _switcher_actions: list[QAction]
    busy_indicator: BusyIndicator
    read_only_icon: QLabel
    read_only_label: QLabel
    database_label: QLabel
    retention_reminder: RetentionReminder

    def __init__(
        self,
        services: Services,
        settings: Settings,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        install_focus_frame()  # a focus frame the clerk can see
        self.services = services
        self.settings = settings
        self.runner = runner if runner is not None else ThreadedTaskRunner(self)
        self.runner.setParent(self)
        self.runner.hold()  # the first frame is painted before any background work starts
        self._first_frame = AfterFirstFrame(self, self._first_frame_painted)
        self._review_id: int | None = None
        self._announce: str | None = None  # said with "Loaded 8 meetings."
        self._tabs_showing: tuple[int | None, int | None] | None = None
        self._writing = False
        self.editor = Editor(self)
        self.workspace = Workspace(
            services,
            self.editor,
            self.runner,
            settings,
            self,
            say=self.statusBar().showMessage,
            show_page=self.show_page,
            reveal=self.reveal,
        )
        #: What the review, meeting and export actions ask the window for.
        self.shown = Shown(
            review_id=self.current_review_id,
            meeting=self.current_meeting,
            review_title=self.current_review_title,
            show_review=lambda review_id: self.refresh_reviews(select=review_id),
        )
        #: Pages and meeting tabs out of view catch up when they come into view.
        self._pages_catch_up: CatchUp[int | None] = CatchUp(
            lambda page, review_id: page.show_review(review_id)  # type: ignore[attr-defined]
        )
        self._tabs_catch_up: CatchUp[tuple[int | None, int | None]] = CatchUp(
            lambda tab, showing: tab.show_meeting(*showing)  # type: ignore[attr-defined]
        )
        self._meeting_tabs: list[QWidget] = []
        #: The meeting tabs not built yet: name -> (the stand-in in the tab bar, builder)
        self._tabs_to_build: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}

        self.reviews_model = ReviewsModel(self)
        #: The meetings list, calendar and planning actions, with the meeting tabs.
        self.meetings_page = MeetingsPage(self.workspace)
        self.meetings_page.current_meeting_changed.connect(self._on_current_meeting_changed)
        self.meetings_page.loaded.connect(self._on_meetings_loaded)
        self.meetings_page.message.connect(self.statusBar().showMessage)
        # What the first meetings ask for (an agenda, the clash warnings) starts once
        # they are painted (first_frame.py).
        self.meetings_page.model.arriving.connect(self._hold_until_listed)
        #: The other pages' modules, imported in idle turns once the first meetings arrive.
        self.warm_up = warm_up_for(self.runner, self)
        if self.warm_up is not None:
            self.meetings_page.model.loaded.connect(self.warm_up.start)

        window_chrome.build_actions(self)
        window_chrome.build_menus(self)
        window_chrome.build_toolbar(self)
        self._build_central()
        window_chrome.build_status_bar(self)
        window_chrome.apply_read_only(self)
        self._restore_layout()
        self.runner.busy_changed.connect(self._on_runner_busy_changed)
        self.live_refresh = LiveRefresh(  # colleagues' changes, once started
            self, services.live_updates, self.current_review_id, self._on_colleagues_change
        )

        self.refresh_reviews(select=self.settings.last_review_id or None)

    # Building --------------------------------------------------------------------

    def _build_central(self) -> None:
        self._empty_state: EmptyState | None = None  # built for a database with no review
        self._workspace_shown = False  # the meetings list has the focus when it first shows

        self.agenda_panel = AgendaPanel(
            self.services.meetings.agenda,
            self.runner,
            partial(self._on_task_failed, self.tr("The agenda could not be loaded")),
        )
        self.agenda_model = self.agenda_panel.model
        self.agenda_view = self.agenda_panel.view
        self.meeting_tabs.addTab(self.agenda_panel, self.tr("As &Printed"))
        self.agenda_panel.setToolTip(
            self.tr("The agenda in printed order: open items, then closed ones")
        )

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections of the review"))
        self.navigation.setFixedWidth(150)
        self.pages = QStackedWidget()
        #: The pages, each built when first shown or asked for (pages.py).
        self._pages = Pages(
            self.navigation, self.pages, partial(build_page, workspace=self.workspace)
        )
        self._pages.add(PageId.MEETINGS, self.meetings_page)
        self.navigation.currentRowChanged.connect(self._on_page_chosen)
        self.workspace_widget = QWidget()
        self.workspace_widget.setObjectName("workspace")
        row = QHBoxLayout(self.workspace_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.pages, 1)
        self.agenda_tab = AgendaTab(self.workspace)
        self.add_meeting_tab(self.tr("&Agenda"), self.agenda_tab, 0)
        # The other tabs are built when first chosen or asked for (``_meeting_tab``).
        self._add_tab_to_build("attendance", self.tr("Atte&ndance"), self._build_attendance_tab)
        self._add_tab_to_build("minutes", self.tr("M&inutes"), self._build_minutes_tab)
        self._add_tab_to_build("live_notes", self.tr("&Live Notes"), self._build_live_notes_tab)
        self._add_tab_to_build("invitations", self.tr("Invitati&ons"), self._build_invitations_tab)
        # Ctrl+L reaches the Live Notes tab's note field from anywhere on the page, built
        # or not (once built, the tab's own action takes the key).
        key = QAction(self.tr("Note Field"), self.meeting_tabs)
        key.setShortcut(QKeySequence("Ctrl+L"))
        key.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        key.triggered.connect(lambda: self.live_notes_tab.focus_note())
        self.meeting_tabs.addAction(key)
        self._live_notes_key: QAction | None = key
        self.meeting_tabs.setCurrentIndex(0)
        self.meeting_tabs.currentChanged.connect(self._on_meeting_tab_chosen)
        self.show_page(PageId.MEETINGS)  # where a clerk spends the day

        self.stack = QStackedWidget()
        self.stack.addWidget(self.workspace_widget)
        self.setCentralWidget(self.stack)

        chain = [self.review_combo, *self.meetings_page.focus_chain(), self.agenda_tab.view]
        for first, second in pairwise(chain):
            self.setTabOrder(first, second)
        self._show_agenda_of(None)

    @property
    def empty_state(self) -> EmptyState:
        """What a database with no review shows, built the first time it is needed
        (a start on a database with reviews never lays it out)."""
        if self._empty_state is None:
            empty = EmptyState()
            empty.new_review_requested.connect(self.review_actions.new_review)
            empty.load_sample_requested.connect(self.load_sample)
            empty.import_requested.connect(self._on_import_triggered)
            empty.set_read_only(window_chrome.read_only_reason(self))
            if self._writing:
                empty.set_enabled(False)
            self.stack.addWidget(empty)
            self._empty_state = empty
        return self._empty_state

    def page(self, page_id: PageId) -> QWidget:
        """The page of the navigation list with that id (built now if not yet)."""
        return self._pages.page(page_id)

    def show_page(self, page: PageId) -> None:
        """Show a page of the navigation list by what it is, not its translated title."""
        self.navigation.setCurrentRow(self._pages.row_of(page))

    def reveal(self, kind: str, key: str) -> bool:
        """Show the record of that kind ("note", "evidence", "item", "minute", "meeting",
        "witness", "recommendation", "action", "tor") and key, on its page."""
        return self.go_to.reveal(kind, key)

    def add_meeting_tab(self, title: str, tab: QWidget, position: int | None = None) -> None:
        """A tab under the selected meeting; it gets ``show_meeting`` and ``reload``."""
        self._meeting_tabs.append(tab)
        if position is None:
            self.meeting_tabs.addTab(tab, title)
        else:
            self.meeting_tabs.insertTab(position, tab, title)

    # The meeting tabs after Agenda, each built when first chosen or asked for ----------
    # (A tab not built yet has read nothing: it reads the meeting shown when it comes
    # into view, as any tab out of view does. Building them all made the window's
    # start slower by about a third and its first appearance lay out four more tabs.)

    def _add_tab_to_build(self, name: str, title: str, build: Callable[[], QWidget]) -> None:
        stand_in = QWidget()
        stand_in.setObjectName(f"{name}TabToBuild")
        self._tabs_to_build[name] = (stand_in, build)
        self.meeting_tabs.addTab(stand_in, title)

    def _meeting_tab(self, name: str) -> QWidget:
        """The meeting tab of that name, built now (in its place) if not yet."""
        waiting = self._tabs_to_build.pop(name, None)
        if waiting is None:
            return getattr(self, f"_{name}_tab")  # type: ignore[no-any-return]
        stand_in, build = waiting
        tab = build()
        setattr(self, f"_{name}_tab", tab)
        tabs = self.meeting_tabs
        index, current = tabs.indexOf(stand_in), tabs.currentIndex()
        title, tip = tabs.tabText(index), tabs.tabToolTip(index)
        with QSignalBlocker(tabs):  # the same tab stays chosen
            tabs.removeTab(index)
            self._meeting_tabs.append(tab)
            tabs.insertTab(index, tab, title)
            tabs.setTabToolTip(index, tip)
            tabs.setCurrentIndex(current)
        stand_in.deleteLater()
        return tab

    def _build_attendance_tab(self) -> QWidget:
        from ..attendance.attendance_tab import AttendanceTab

        return AttendanceTab(self.workspace)

    def _build_minutes_tab(self) -> QWidget:
        from ..minutes.minutes_tab import MinutesTab

        return MinutesTab(self.workspace)

    def _build_live_notes_tab(self) -> QWidget:
        from ..live_notes.live_notes_tab import LiveNotesTab

        key, self._live_notes_key = self._live_notes_key, None
        if key is not None:  # the tab's own action takes Ctrl+L now
            self.meeting_tabs.removeAction(key)
            key.setParent(None)  # type: ignore[call-overload]  # gone with its last reference
        return LiveNotesTab(self.workspace)

    def _build_invitations_tab(self) -> QWidget:
        from ..invitations.invitations_tab import InvitationsTab

        return InvitationsTab(self.workspace, self.send_updates.start)

    @property
    def attendance_tab(self) -> AttendanceTab:
        return self._meeting_tab("attendance")  # type: ignore[return-value]

    @property
    def minutes_tab(self) -> MinutesTab:
        return self._meeting_tab("minutes")  # type: ignore[return-value]

    @property
    def live_notes_tab(self) -> LiveNotesTab:
        return self._meeting_tab("live_notes")  # type: ignore[return-value]

    @property
    def invitations_tab(self) -> InvitationsTab:
        return self._meeting_tab("invitations")  # type: ignore[return-value]

    def _on_meeting_tab_chosen(self, index: int) -> None:
        chosen = self.meeting_tabs.widget(index)
        for name, (stand_in, _build) in list(self._tabs_to_build.items()):
            if stand_in is chosen:
                self._meeting_tab(name)
        self._tabs_catch_up.bring_up_to_date(self._meeting_tab_in_view())

    # The Meetings page, as the rest of the app knows it ------------------------------

    @property
    def meetings_view(self) -> QTableView:
        return self.meetings_page.view

    @property
    def meetings_model(self) -> MeetingsModel:
        return self.meetings_page.model

    @property
    def meetings_proxy(self) -> MeetingsModel:
        """The model the list shows (it filters and sorts in SQL: no proxy any more)."""
        return self.meetings_page.model

    @property
    def meeting_tabs(self) -> QTabWidget:
        return self.meetings_page.meeting_tabs

    @property
    def splitter(self) -> QSplitter:
        return self.meetings_page.splitter

    # The other pages, each built when first asked for --------------------------------

    @property
    def overview_page(self) -> OverviewPage:
        return self.page(PageId.OVERVIEW)  # type: ignore[return-value]

    @property
    def terms_page(self) -> TermsPage:
        return self.page(PageId.TERMS)  # type: ignore[return-value]

    @property
    def witnesses_page(self) -> WitnessesPage:
        return self.page(PageId.WITNESSES)  # type: ignore[return-value]

    @property
    def evidence_page(self) -> EvidencePage:
        return self.page(PageId.EVIDENCE)  # type: ignore[return-value]

    @property
    def notes_page(self) -> NotesPage:
        return self.page(PageId.NOTES)  # type: ignore[return-value]

    @property
    def coverage_page(self) -> CoveragePage:
        return self.page(PageId.COVERAGE)  # type: ignore[return-value]

    @property
    def recommendations_page(self) -> RecommendationsPage:
        return self.page(PageId.RECOMMENDATIONS)  # type: ignore[return-value]

    @property
    def report_page(self) -> ReportPage:
        return self.page(PageId.REPORT)  # type: ignore[return-value]

    @property
    def tracker_page(self) -> TrackerPage:
        return self.page(PageId.FOLLOW_UP)  # type: ignore[return-value]

    @property
    def panel_page(self) -> PanelPage:
        return self.page(PageId.PANEL)  # type: ignore[return-value]

    def _restore_layout(self) -> None:
        geometry = self.settings.window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        state = self.settings.window_state
        if not state.isEmpty():
            self.restoreState(state)
        splitter = self.settings.splitter_state
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([460, 260])

    def _save_layout(self) -> None:
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.settings.splitter_state = self.splitter.saveState()
        self.settings.sync()

    # What the window shows ---------------------------------------------------------

    def current_review_id(self) -> int | None:
        return self._review_id

    def current_meeting(self) -> MeetingSummary | None:
        return self.meetings_page.current_meeting()

    def current_review_title(self) -> str | None:
        row = None if self._review_id is None else self.reviews_model.row_of(self._review_id)
        return None if row is None else self.reviews_model.record(row).title

    def refresh_reviews(self, select: int | None = None, announce: str = "") -> None:
        """Read the list of reviews again and show ``select`` (else the one shown)."""
        try:
            reviews = self.services.reviews.list()
        except ScrutinyError as exc:
            self.workspace.report_error(self.tr("The reviews could not be read"), exc)
            reviews = []
        with QSignalBlocker(self.review_combo):
            self.reviews_model.set_rows(reviews)
            self.review_combo.setCurrentIndex(-1)
        for action in self._switcher_actions:
            action.setVisible(bool(reviews))
        self.editor.keep_histories(r.id for r in reviews)
        if not reviews:
            self.editor.show_history(None)
            self._review_id = None
            self._tell_pages_review(None)
            self.stack.setCurrentWidget(self.empty_state)
            self._update_title()
            if announce:
                self.statusBar().showMessage(announce)
            return
        if not self._workspace_shown or self.stack.currentWidget() is not self.workspace_widget:
            self._workspace_shown = True
            self.stack.setCurrentWidget(self.workspace_widget)
            self.meetings_view.setFocus()  # the list, or the empty state's buttons are gone
        ids = [r.id for r in reviews]
        if select not in ids:
            select = self._review_id if self._review_id in ids else ids[0]
        assert select is not None
        self.show_review(select, announce=announce)

    def show_review(self, review_id: int, announce: str = "") -> None:
        """Show that review and load its meetings in the background."""
        row = self.reviews_model.row_of(review_id)
        if row is None:
            return
        with QSignalBlocker(self.review_combo):
            self.review_combo.setCurrentIndex(row)
        changed = review_id != self._review_id
        if changed:
            self.editor.commit_pending()  # saved in the review it was typed in
        self._review_id = review_id
        self.settings.last_review_id = review_id
        self._update_title()
        self.editor.show_history(review_id)  # each review keeps its own undo steps
        self._announce = announce
        self.statusBar().showMessage(
            " ".join(filter(None, [announce, self.tr("Loading meetings…")]))
        )
        self._tell_pages_review(review_id)

    def select_meeting(self, meeting_id: int) -> bool:
        """Make that meeting of the review shown current; its agenda then loads."""
        return self.meetings_page.select_meeting(meeting_id)

    def _update_title(self) -> None:
        row = self.reviews_model.row_of(self._review_id) if self._review_id else None
        if row is None:
            title = self.tr("Scrutiny Desk")
        else:
            title = self.tr("Scrutiny Desk — {review}").format(
                review=self.reviews_model.label(self.reviews_model.record(row))
            )
        if self.services.db.read_only:
            title = self.tr("{title} [read-only]").format(title=title)
        self.setWindowTitle(title)

    def _tell_pages_review(self, review_id: int | None) -> None:
        # The Meetings page also drives the meeting tabs and the Meeting menu.
        self.meetings_page.show_review(review_id)
        self._pages_catch_up.show(review_id, self._page_in_view())
        self.retention_reminder.show_review(review_id)

    def _meeting_tab_in_view(self) -> QWidget | None:
        """The meeting tab in view, unless it is "As Printed" (fed with the agenda)."""
        tab = self.meeting_tabs.currentWidget()
        return tab if tab in self._meeting_tabs else None

    def _page_in_view(self) -> QWidget | None:
        page = self.pages.currentWidget()
        return None if page is self.meetings_page else page

    def _on_page_chosen(self, row: int) -> None:
        self._pages.show_row(row)  # built the first time it is chosen
        self._pages_catch_up.bring_up_to_date(self._page_in_view())

    def _show_agenda_of(self, meeting: MeetingSummary | None) -> None:
        """Head the agenda pane; the items arrive with ``_on_agenda_loaded``."""
        self.exports.update_actions(meeting)
        showing = (self._review_id, meeting.id if meeting else None)
        # Not again for the same meeting, edited; and nothing before a review is shown
        # (the window's start: the tabs would say "choose a review" while it is read).
        if showing != self._tabs_showing and (self._review_id, self._tabs_showing) != (None, None):
            self._tabs_showing = showing
            self._tabs_catch_up.show(showing, self._meeting_tab_in_view())
        if meeting is not None:
            self.agenda_panel.show_meeting(
                meeting, self.meetings_model.status_label(meeting.status)
            )
        elif self.meetings_page.is_empty():
            self.agenda_panel.show_hint(self.tr("This review has no meetings yet."))
        else:
            self.agenda_panel.show_hint(self.tr("Choose a meeting above to see its agenda."))

    # Slots -----------------------------------------------------------------------

    def _on_review_combo_changed(self, row: int) -> None:
        if row < 0:
            return
        review_id = self.reviews_model.record(row).id
        if review_id != self._review_id:
            self.show_review(review_id)

    def _hold_until_listed(self) -> None:
        """The first meetings have arrived: no other work starts until the GUI thread
        has laid them out and painted them (once: later reads find the services'
        modules imported)."""
        self.meetings_page.model.arriving.disconnect(self._hold_until_listed)
        hold_until_idle(self.runner, self)

    def _on_meetings_loaded(self, count: int) -> None:
        if self.current_meeting() is None:  # none to choose: the tabs say so
            self._show_agenda_of(None)
        if self._announce is None:
            return
        loaded = (
            self.tr("Loaded %n meeting.", "", count)
            if count == 1
            else self.tr("Loaded %n meetings.", "", count)
        )
        self.statusBar().showMessage(" ".join(filter(None, [self._announce, loaded])))
        self._announce = None

    def _on_current_meeting_changed(self, meeting: MeetingSummary | None) -> None:
        self._show_agenda_of(meeting)  # "As Printed" reads the items when on screen

    def _on_data_changed(self, topics: Topics) -> None:
        """An edit (or its undo) wrote these topics: the views that show them read again."""
        shown = topics_shown(self.meetings_page, topics)
        if shown:
            self.meetings_page.reload(shown)
        # A page not built yet has read nothing: it reads fresh when it is built.
        pages = [page for page in self._pages.built() if page is not self.meetings_page]
        self._pages_catch_up.changed(pages, self._page_in_view(), topics)
        self._tabs_catch_up.changed(self._meeting_tabs, self._meeting_tab_in_view(), topics)
        meeting = self.current_meeting()
        if Topic.REVIEW in topics:
            self._on_refresh_triggered()
        elif topics_shown(self.agenda_panel, topics) and meeting is not None:
            self.agenda_panel.reload(topics)

    def _on_colleagues_change(self, topics: Topics) -> None:
        """Read again what a colleague changed; the status line keeps its words."""
        said = self.statusBar().currentMessage()
        self.editor.changed.emit(topics)
        self._announce = None  # no "Loaded 8 meetings." for a change not the clerk's
        self.statusBar().showMessage(said)

    def _on_edit_failed(self, title: str, message: str) -> None:
        self.statusBar().showMessage(self.tr("Not saved: {0}").format(title))
        self.workspace.report_error(title, message)

    def _first_frame_painted(self) -> None:
        """The first frame is painted: the reads it held back start, then the backups
        look at the database (one watcher of the window's events until then: each
        Python event filter on it is called for every event of its first showing)."""
        self.runner.release()
        self.backup_actions.first_frame_painted()

    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.busy_indicator.set_busy(busy)

    def _on_refresh_triggered(self) -> None:
        self.refresh_reviews(select=self._review_id)

    # Adding reviews ------------------------------------------------------------------

    def _on_import_triggered(self) -> None:
        path = self.choose_import_file()
        if path:
            self.import_review_file(path)

    def choose_import_file(self) -> str | None:
        """Ask for a review file; None if the clerk cancels."""
        folder = self.settings.last_import_folder or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a Review"),
            folder,
            self.tr("Review files (*.json);;All files (*)"),
        )
        if not path:
            return None
        self.settings.last_import_folder = str(Path(path).parent)
        return path

    def import_review_file(self, path: str) -> None:
        """Import a review file in the background, then show the new review."""
        name = Path(path).name
        self._write(
            partial(self.services.reviews.import_file, path),
            self.tr("Importing {file}…").format(file=name),
            lambda review_id: self.tr("Imported review {id} from {file}.").format(
                id=review_id, file=name
            ),
            self.tr("The review in {file} could not be imported").format(file=name),
        )

    def load_sample(self) -> None:
        """Add the shipped sample review in the background, then show it."""
        self._write(
            self.services.reviews.import_sample,
            self.tr("Loading the sample review…"),
            lambda review_id: self.tr("Loaded the sample review as review {id}.").format(
                id=review_id
            ),
            self.tr("The sample review could not be loaded"),
        )

    def _write(
        self, work: Callable[[], int], doing: str, done: Callable[[int], str], failed: str
    ) -> None:
        if self._writing or self.services.db.read_only:
            return
        self._set_writing(True)
        self.statusBar().showMessage(doing)

        def on_done(review_id: int) -> None:
            self._set_writing(False)
            self.refresh_reviews(select=review_id, announce=done(review_id))

        def on_error(exc: Exception) -> None:
            self._set_writing(False)
            self._on_task_failed(failed, exc)

        self.runner.submit(work, on_done, on_error)

    def _set_writing(self, writing: bool) -> None:
        self._writing = writing
        allowed = not writing and not self.services.db.read_only
        for action in self.editing_actions:
            action.setEnabled(allowed)
        if self._empty_state is not None:
            self._empty_state.set_enabled(allowed)

    # Messages ------------------------------------------------------------------------

    def _on_task_failed(self, title: str, exc: Exception) -> None:
        self.statusBar().showMessage(title + ".")
        self.workspace.report_error(title, exc)

    def show_about(self) -> QMessageBox:
        return about_box(self, self.services.db.label)

    # Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.editor.commit_pending()  # no edit being typed is lost by quitting
        self._save_layout()
        super().closeEvent(event)
        if event.isAccepted():  # a window that stays open keeps its runner
            self.live_refresh.stop()  # a window lives and dies with its database
            if self.warm_up is not None:
                self.warm_up.stop()
            # Running work ends first; reloads asked for while the window hides are dropped.
            self.runner.shutdown()
