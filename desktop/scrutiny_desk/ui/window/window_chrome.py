"""The main window's chrome: its actions, menus, toolbar and status bar, and how a
read-only database shows in them. ``MainWindow`` mixes this in; the pages, the meeting
tabs and what the window shows live in main_window.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QProgressBar, QToolBar

from ..reviews.backup_actions import BackupActions
from ..reviews.review_actions import ReviewActions
from ..search.search_box import SearchBox
from ..shared.display import lock_icon
from ..shared.exports import ExportController
from .go_to import GoTo

if TYPE_CHECKING:
    from .main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class WindowChrome(_Base):
    def _build_actions(self) -> None:
        self.import_action = QAction(self.tr("&Import Review…"), self)
        self.import_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.import_action.setStatusTip(self.tr("Add a review from a file (JSON)"))
        self.import_action.triggered.connect(self._on_import_triggered)

        self.sample_action = QAction(self.tr("Load &Sample Review"), self)
        self.sample_action.setStatusTip(
            self.tr("Add the shipped sample review, a drugs scrutiny, to this database")
        )
        self.sample_action.triggered.connect(self.load_sample)

        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setStatusTip(
            self.tr("Read the reviews and meetings again, with changes other people saved")
        )
        self.refresh_action.triggered.connect(self._on_refresh_triggered)

        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.setStatusTip(self.tr("Close Scrutiny Desk"))
        self.quit_action.triggered.connect(self.close)

        self.undo_action = self.editor.group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.editor.group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.editor.saved.connect(self.statusBar().showMessage)
        self.editor.failed.connect(self._on_edit_failed)
        self.editor.changed.connect(self._on_data_changed)

        self.about_action = QAction(self.tr("&About Scrutiny Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.setStatusTip(self.tr("Version and licence of Scrutiny Desk"))
        self.about_action.triggered.connect(self.show_about)

        #: Actions that change the database: disabled when it is read-only.
        self.editing_actions = [self.import_action, self.sample_action]
        #: Papers, invitations and printing: the Review and Meeting menus.
        self.exports = ExportController(self)
        #: New, edit and delete review.
        self.review_actions = ReviewActions(self)
        #: Back Up Now, Restore From Backup, the daily backup and the database notices.
        self.backup_actions = BackupActions(self)
        #: The whole review's search, at the right of the menu bar (the toolbar is full),
        #: and going to what it finds.
        self.search_box = SearchBox(self.workspace)
        self.menuBar().setCornerWidget(self.search_box, Qt.Corner.TopRightCorner)
        self.go_to = GoTo(self)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.review_actions.new_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.sample_action)
        file_menu.addSeparator()
        file_menu.addActions(self.backup_actions.actions())
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.search_box.focus_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        review_menu = self.menuBar().addMenu(self.tr("Revie&w"))
        review_menu.addAction(self.review_actions.edit_action)
        review_menu.addAction(self.review_actions.delete_action)
        review_menu.addSeparator()
        self.exports.fill_review_menu(review_menu)
        view_menu.addSeparator()
        view_menu.addActions([self.meetings_page.list_action, self.meetings_page.calendar_action])
        self.meeting_menu = self.menuBar().addMenu(self.tr("Mee&ting"))
        self.meetings_page.meeting_actions.fill_menu(self.meeting_menu)
        self.meeting_menu.addSeparator()
        self.exports.fill_meeting_menu(self.meeting_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)

        self.review_combo = QComboBox()
        self.review_combo.setObjectName("reviewSwitcher")
        self.review_combo.setModel(self.reviews_model)
        self.review_combo.setMinimumContentsLength(40)
        self.review_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.review_combo.setAccessibleName(self.tr("Review"))
        self.review_combo.setToolTip(self.tr("The review shown (Alt+R)"))
        self.review_combo.currentIndexChanged.connect(self._on_review_combo_changed)
        review_label = QLabel(self.tr("&Review:"))
        review_label.setBuddy(self.review_combo)
        review_label.setContentsMargins(4, 0, 6, 0)

        # Hidden while the database holds no review: nothing to switch between.
        self._switcher_actions = [
            toolbar.addWidget(review_label),
            toolbar.addWidget(self.review_combo),
            toolbar.addSeparator(),
        ]
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.import_action)
        toolbar.addAction(self.sample_action)
        toolbar.addSeparator()
        self.exports.fill_toolbar(toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy_indicator = QProgressBar()
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.setMaximumHeight(14)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setAccessibleName(self.tr("Working"))
        self.busy_indicator.hide()
        bar.addPermanentWidget(self.busy_indicator)

        self.read_only_icon = QLabel()
        self.read_only_icon.setPixmap(lock_icon().pixmap(14, 14))
        self.read_only_icon.hide()
        bar.addPermanentWidget(self.read_only_icon)
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyLabel")
        bold = self.read_only_label.font()
        bold.setBold(True)
        self.read_only_label.setFont(bold)
        self.read_only_label.hide()
        bar.addPermanentWidget(self.read_only_label)

        label = self.services.db.label
        short = label if "://" in label else Path(label).name
        self.database_label = QLabel(self.tr("Database: {name}").format(name=short))
        self.database_label.setToolTip(label)
        self.database_label.setAccessibleName(self.tr("Database: {name}").format(name=label))
        bar.addPermanentWidget(self.database_label)

    def _apply_read_only(self) -> None:
        db = self.services.db
        for action in self.editing_actions:
            action.setEnabled(not db.read_only)
        if db.read_only:
            self.undo_action.setVisible(False)
            self.redo_action.setVisible(False)
        reason = (
            (db.read_only_reason or self.tr("nothing can be changed")) if db.read_only else None
        )
        self.empty_state.set_read_only(reason)
        if reason is not None:
            text = self.tr("Read-only: {reason}").format(reason=reason)
            self.read_only_label.setText(text)
            self.read_only_label.setToolTip(
                self.tr(
                    "This database is open read-only: you can read everything, but nothing can "
                    "be added or changed."
                )
            )
            self.read_only_label.setAccessibleName(text)
            self.read_only_label.show()
            self.read_only_icon.show()
