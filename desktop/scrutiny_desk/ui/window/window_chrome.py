"""The main window's chrome: its actions, menus, toolbar and status bar, and how a
read-only database shows in them. ``MainWindow.__init__`` calls these builders in
order; the attributes they set are declared on ``MainWindow``, and the pages, the
meeting tabs and what the window shows live in main_window.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolBar,
    QWidget,
)

from ...services.shared_databases import display_name, remembered_target
from ..audit.history_action import history_menu_action
from ..invitations.programme_folder import ProgrammePublisher
from ..invitations.send_updates import SendUpdates
from ..personal_data.retention_reminder import RetentionReminder
from ..publishing.pack_export import PackExport
from ..publishing.web_publish import WebPublishing
from ..report.report_export import ReportExport, shown_review
from ..reviews.backup_actions import BackupActions
from ..reviews.review_actions import ReviewActions
from ..search.search_box import SearchBox
from ..shared.display import lock_icon
from ..shared.exports import ExportController
from ..shared.messages import show_log_folder
from .busy_indicator import BusyIndicator
from .go_to import GoTo
from .guide import Guide
from .shortcuts import ShortLabel, page_actions
from .signed_in import signed_in_label, signed_in_text

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_actions(window: MainWindow) -> None:
    window.import_action = QAction(window.tr("&Import Review…"), window)
    window.import_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
    window.import_action.setStatusTip(window.tr("Add a review from a file (JSON)"))
    window.import_action.triggered.connect(window._on_import_triggered)

    window.sample_action = QAction(window.tr("Load &Sample Review"), window)
    window.sample_action.setStatusTip(
        window.tr("Add the shipped sample review, a drugs scrutiny, to this database")
    )
    window.sample_action.triggered.connect(window.load_sample)

    window.refresh_action = QAction(window.tr("&Refresh"), window)
    window.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    window.refresh_action.setStatusTip(
        window.tr("Read the reviews and meetings again, with changes other people saved")
    )
    window.refresh_action.triggered.connect(window._on_refresh_triggered)

    window.quit_action = QAction(window.tr("&Quit"), window)
    window.quit_action.setShortcuts(
        QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.setStatusTip(window.tr("Close Scrutiny Desk"))
    window.quit_action.triggered.connect(window.close)

    # The Edit menu says what Undo and Redo would do ("Undo Delete note"); the
    # toolbar keeps short fixed labels, so a long text never pushes Export Agenda
    # and Export Minutes into its overflow, and says the rest in the tooltip.
    window.undo_action = window.editor.group.createUndoAction(window, window.tr("&Undo"))
    window.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
    window.redo_action = window.editor.group.createRedoAction(window, window.tr("&Redo"))
    window.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.toolbar_undo_action = ShortLabel(window.undo_action, window.tr("Undo"), window)
    window.toolbar_redo_action = ShortLabel(window.redo_action, window.tr("Redo"), window)
    window.editor.saved.connect(window.statusBar().showMessage)
    window.editor.failed.connect(window._on_edit_failed)
    window.editor.changed.connect(window._on_data_changed)

    window.about_action = QAction(window.tr("&About Scrutiny Desk"), window)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_action.setStatusTip(window.tr("Version and licence of Scrutiny Desk"))
    window.about_action.triggered.connect(window.show_about)
    #: Help > User Guide (F1): the guide shipped with the app, in its own window.
    window.guide = Guide(window, window.settings)
    window.show_log_action = QAction(window.tr("Show &Log Folder"), window)
    window.show_log_action.setStatusTip(window.tr("Open the folder of the log, for support"))
    window.show_log_action.triggered.connect(show_log_folder)

    #: Actions that change the database: disabled when it is read-only.
    window.editing_actions = [window.import_action, window.sample_action]
    #: Papers, invitations and printing: the Review and Meeting menus.
    window.exports = ExportController(window.workspace, window.shown)
    #: Review > Publish Programme to Folder…, and the programme kept current after edits.
    window.programme = ProgrammePublisher(window.workspace, window.shown)
    #: Meeting > Send Updates… and the Invitations tab's button.
    window.send_updates = SendUpdates(window.workspace, window.shown)
    window.meetings_page.current_meeting_changed.connect(window.send_updates.update_action)
    #: Meeting > Publish for the Web…; Review > Publish Review for the Web…
    window.web_publishing = WebPublishing(window.workspace, window.shown)
    window.meetings_page.current_meeting_changed.connect(window.web_publishing.update_actions)
    #: Meeting > Export Agenda Pack…
    window.pack_export = PackExport(window.workspace, window.shown)
    window.meetings_page.current_meeting_changed.connect(window.pack_export.update_action)
    #: Review > Export Report… (the same export as the Report page's Versions tab)
    window.report_export = ReportExport(window.workspace, shown_review(window.shown))
    #: New, edit and delete review.
    window.review_actions = ReviewActions(window.workspace, window.shown, window.reviews_model)
    #: Back Up Now, Restore From Backup, the daily backup and the database notices.
    window.backup_actions = BackupActions(window.workspace)
    #: The whole review's search, at the right of the menu bar (the toolbar is full),
    #: and going to what it finds.
    window.search_box = SearchBox(window.workspace)
    # In a plain holder: the menu bar asks its corner for a size hint at every turn of
    # its layout (50 times as the window first appears), and the box's own is Python,
    # which waits for Python's lock while a worker runs; the holder's layout asks once.
    corner = QWidget(window.menuBar())
    corner.setObjectName("searchCorner")
    holder = QHBoxLayout(corner)
    holder.setContentsMargins(0, 0, 0, 0)
    holder.addWidget(window.search_box)
    window.menuBar().setCornerWidget(corner, Qt.Corner.TopRightCorner)
    window.go_to = GoTo(window)
    #: Ctrl+1 .. Ctrl+0: the pages in navigation order (the Go menu).
    window.page_actions = page_actions(window, window.show_page)


def build_menus(window: MainWindow) -> None:
    window.file_menu = file_menu = window.menuBar().addMenu(window.tr("&File"))
    file_menu.addAction(window.review_actions.new_action)
    file_menu.addAction(window.import_action)
    file_menu.addAction(window.sample_action)
    file_menu.addSeparator()
    file_menu.addActions(window.backup_actions.actions())
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    window.edit_menu = window.menuBar().addMenu(window.tr("&Edit"))
    window.edit_menu.addAction(window.undo_action)
    window.edit_menu.addAction(window.redo_action)
    window.edit_menu.addSeparator()
    window.edit_menu.addAction(window.search_box.focus_action)
    window.edit_menu.addAction(  # the History of the record chosen on the page in view
        history_menu_action(window.workspace, lambda: window.pages.currentWidget())
    )
    view_menu = window.menuBar().addMenu(window.tr("&View"))
    view_menu.addAction(window.refresh_action)
    window.go_menu = window.menuBar().addMenu(window.tr("&Go"))
    window.go_menu.addActions(window.page_actions)
    review_menu = window.menuBar().addMenu(window.tr("&Review"))
    review_menu.addAction(window.review_actions.edit_action)
    review_menu.addAction(window.review_actions.delete_action)
    review_menu.addSeparator()
    window.exports.fill_review_menu(review_menu)
    review_menu.addAction(window.report_export.action)
    review_menu.aboutToShow.connect(window.report_export.update_action)
    review_menu.addAction(window.web_publishing.publish_review_action)
    review_menu.addAction(window.programme.action)
    review_menu.aboutToShow.connect(window.programme.update_action)
    review_menu.aboutToShow.connect(window.web_publishing.update_review_action)
    view_menu.addSeparator()
    view_menu.addActions([window.meetings_page.list_action, window.meetings_page.calendar_action])
    window.meeting_menu = window.menuBar().addMenu(window.tr("&Meeting"))
    window.meetings_page.meeting_actions.fill_menu(window.meeting_menu)
    window.meeting_menu.addSeparator()
    window.exports.fill_meeting_menu(window.meeting_menu)
    window.meeting_menu.insertAction(window.exports.invite_action, window.send_updates.action)
    updates = window.send_updates.action  # the pack and the web before the invitations
    window.meeting_menu.insertAction(updates, window.pack_export.action)
    window.meeting_menu.insertAction(updates, window.web_publishing.publish_meeting_action)
    window.meeting_menu.insertSeparator(updates)
    help_menu = window.menuBar().addMenu(window.tr("&Help"))
    help_menu.addAction(window.guide.action)
    help_menu.addSeparator()
    help_menu.addAction(window.show_log_action)
    help_menu.addAction(window.about_action)


def add_database_actions(file_menu: QMenu, actions: list[QAction], recent: QMenu) -> None:
    """Open, New and Connect, and Open Recent, at the top of a window's File menu (the
    app's ``DatabaseSession`` adds them: it is what can move the window to another
    database)."""
    first = file_menu.actions()[0]
    file_menu.insertActions(first, actions)
    file_menu.insertMenu(first, recent)
    file_menu.insertSeparator(first)


def build_toolbar(window: MainWindow) -> None:
    toolbar = QToolBar(window.tr("Main toolbar"), window)
    toolbar.setObjectName("mainToolBar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

    window.review_combo = QComboBox()
    window.review_combo.setObjectName("reviewSwitcher")
    window.review_combo.setModel(window.reviews_model)
    window.review_combo.setMinimumContentsLength(40)
    window.review_combo.setSizeAdjustPolicy(
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    window.review_combo.setAccessibleName(window.tr("Review"))
    window.review_combo.setToolTip(window.tr("The review shown (Alt+W)"))
    window.review_combo.currentIndexChanged.connect(window._on_review_combo_changed)
    review_label = QLabel(window.tr("Revie&w:"))  # Alt+R opens the Review menu
    review_label.setBuddy(window.review_combo)
    review_label.setContentsMargins(4, 0, 6, 0)

    # Hidden while the database holds no review: nothing to switch between.
    window._switcher_actions = [
        toolbar.addWidget(review_label),
        toolbar.addWidget(window.review_combo),
        toolbar.addSeparator(),
    ]
    toolbar.addAction(window.toolbar_undo_action)
    toolbar.addAction(window.toolbar_redo_action)
    toolbar.addSeparator()
    toolbar.addAction(window.import_action)
    toolbar.addAction(window.sample_action)
    toolbar.addSeparator()
    window.exports.fill_toolbar(toolbar)
    window.toolbar = toolbar


def build_status_bar(window: MainWindow) -> None:
    bar = window.statusBar()
    window.retention_reminder = RetentionReminder(window.workspace, bar)
    window.busy_indicator = BusyIndicator(window.tr("Working"))
    bar.addPermanentWidget(window.busy_indicator)

    window.read_only_icon = QLabel()
    window.read_only_icon.setPixmap(lock_icon().pixmap(14, 14))
    window.read_only_icon.hide()
    bar.addPermanentWidget(window.read_only_icon)
    window.read_only_label = QLabel()
    window.read_only_label.setObjectName("readOnlyLabel")
    bold = window.read_only_label.font()
    bold.setBold(True)
    window.read_only_label.setFont(bold)
    window.read_only_label.hide()
    bar.addPermanentWidget(window.read_only_label)

    # A shared database as user@host/db: its label hides the password, and the URL
    # shown in the tooltip has none at all.
    label = window.services.db.label
    short = display_name(label)
    window.database_label = QLabel(window.tr("Database: {name}").format(name=short))
    window.database_label.setObjectName("databaseLabel")
    window.database_label.setToolTip(remembered_target(label))
    window.database_label.setAccessibleName(
        window.tr("Database: {name}").format(name=remembered_target(label))
    )
    bar.addPermanentWidget(window.database_label)
    signed_in = signed_in_label(window.services)  # a shared database: who, and as what
    if signed_in is not None:
        bar.addPermanentWidget(signed_in)


def read_only_reason(window: MainWindow) -> str | None:
    """Why nothing can be changed (None: the database can be changed)."""
    db = window.services.db
    return (db.read_only_reason or window.tr("nothing can be changed")) if db.read_only else None


def apply_read_only(window: MainWindow) -> None:
    db = window.services.db
    for action in window.editing_actions:
        action.setEnabled(not db.read_only)
    if db.read_only:
        for action in (window.undo_action, window.redo_action):
            action.setVisible(False)
        for action in (window.toolbar_undo_action, window.toolbar_redo_action):
            action.setVisible(False)
    reason = read_only_reason(window)
    if reason is not None:
        text = window.tr("Read-only: {reason}").format(reason=reason)
        # On a shared database "Signed in as … (reader)" beside it says why.
        window.read_only_label.setText(
            window.tr("Read-only") if signed_in_text(window.services) else text
        )
        window.read_only_label.setToolTip(
            window.tr(
                "This database is open read-only ({reason}): you can read everything, but "
                "nothing can be added or changed."
            ).format(reason=reason)
        )
        window.read_only_label.setAccessibleName(text)
        window.read_only_label.show()
        window.read_only_icon.show()
