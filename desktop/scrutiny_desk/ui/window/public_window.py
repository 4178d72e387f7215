"""The window of a public reader's login: the public papers, and nothing else.

A public reader may read only the public projection (``public_reviews``,
``public_papers``): the main window's pages read tables it has no privilege on, so the
app shows this window instead (``ui/window/databases.py`` decides which, before either
is built). It lists each review's meetings with the public papers they have, from
``services.public_papers``, and exports them (``PublicExports``); a line at the top
says what this login may do, and the status bar who is signed in.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.public_records import PublicMeeting, PublicPaperKind, PublicReview
from ...services.container import Services
from ..public.public_exports import PublicExports
from ..shared.messages import about_box, report_error
from ..shared.settings import Settings
from ..shared.tasks import TaskRunner, ThreadedTaskRunner
from .guide import Guide
from .signed_in import role_scope, signed_in_label

Listing = list[tuple[PublicReview, list[PublicMeeting]]]
MEETING = Qt.ItemDataRole.UserRole


class PublicWindow(QMainWindow):
    """Reviews and their meetings from the public projection, with their exports."""

    def __init__(
        self,
        services: Services,
        settings: Settings,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publicWindow")
        self.services = services
        self.settings = settings
        self.runner = runner if runner is not None else ThreadedTaskRunner(self)
        self.runner.setParent(self)
        self.setWindowTitle(self.tr("Scrutiny Desk — Public Papers"))
        self.resize(980, 640)
        say = self.statusBar().showMessage
        #: Reviews, each with its meetings (a meeting's item holds its ``PublicMeeting``).
        self.tree = QTreeWidget()
        self.exports = PublicExports(
            self, services, settings, self.runner, self.current_meeting, say
        )
        self._build_central()
        self._build_menus()
        label = signed_in_label(services)
        if label is not None:
            self.statusBar().addPermanentWidget(label)
        self.refresh()

    # Building ------------------------------------------------------------------------

    def _build_central(self) -> None:
        heading = QLabel(self.tr("Public papers"))
        heading.setObjectName("publicHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        #: What this login may do, said once, plainly.
        self.scope_label = QLabel(role_scope(self.services.db.role))
        self.scope_label.setObjectName("publicScope")
        self.scope_label.setWordWrap(True)
        self.tree.setObjectName("publicPapers")
        self.tree.setAccessibleName(self.tr("Reviews and their meetings"))
        self.tree.setHeaderLabels([self.tr("Meeting"), self.tr("Date"), self.tr("Public papers")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(lambda *_: self.exports.update_actions())
        self.tree.itemActivated.connect(self._on_item_activated)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for action in self.exports.actions():
            button = QPushButton(action.text().replace("&", ""))
            button.setEnabled(action.isEnabled())
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            buttons.addWidget(button)
        buttons.addStretch(1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(heading)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        layout.addLayout(buttons)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcuts(
            QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.refresh_action = QAction(self.tr("&Refresh"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.setStatusTip(self.tr("Read the public papers again"))
        self.refresh_action.triggered.connect(self.refresh)
        self.guide = Guide(self, self.settings)
        self.about_action = QAction(self.tr("&About Scrutiny Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: about_box(self, self.services.db.label))
        #: Open, New, Connect and Open Recent go first (``DatabaseMenu``).
        self.file_menu: QMenu = self.menuBar().addMenu(self.tr("&File"))
        self.file_menu.addAction(self.quit_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.refresh_action)
        papers_menu = self.menuBar().addMenu(self.tr("&Papers"))
        papers_menu.addActions(self.exports.actions())
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.guide.action)
        help_menu.addAction(self.about_action)

    # What it shows -------------------------------------------------------------------

    def current_meeting(self) -> PublicMeeting | None:
        item = self.tree.currentItem()
        meeting = item.data(0, MEETING) if item is not None else None
        return meeting if isinstance(meeting, PublicMeeting) else None

    def refresh(self) -> None:
        """Read the reviews and their meetings from the projection, off the GUI thread."""
        self.statusBar().showMessage(self.tr("Reading the public papers…"))
        self.runner.submit(self._read, self._show, self._read_failed, key="public-papers")

    def _read(self) -> Listing:
        papers = self.services.public_papers
        return [(review, papers.meetings(review.id)) for review in papers.reviews()]

    def _show(self, listing: Listing) -> None:
        chosen = self.current_meeting()
        self.tree.clear()
        keep: QTreeWidgetItem | None = None
        for review, meetings in listing:
            top = QTreeWidgetItem([review.title])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for meeting in meetings:
                item = QTreeWidgetItem([meeting.title, _date(meeting), self._papers(meeting)])
                item.setData(0, MEETING, meeting)
                top.addChild(item)
                if chosen is not None and meeting.id == chosen.id:
                    keep = item
            top.setExpanded(True)
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
        if keep is not None:
            self.tree.setCurrentItem(keep)
        self.exports.update_actions()
        count = sum(len(meetings) for _review, meetings in listing)
        self.hint.setText(
            self.tr("No review has public papers yet.")
            if not listing
            else self.tr("Choose a meeting, then export its public agenda or minutes.")
        )
        self.statusBar().showMessage(
            self.tr("%n meetings with public papers.", "", count)
            if count != 1
            else self.tr("%n meeting with public papers.", "", count)
        )

    def _papers(self, meeting: PublicMeeting) -> str:
        words = {
            PublicPaperKind.AGENDA: self.tr("agenda"),
            PublicPaperKind.MINUTES: self.tr("minutes"),
        }
        return ", ".join(words[p] for p in meeting.papers)

    def _read_failed(self, exc: Exception) -> None:
        title = self.tr("The public papers could not be read")
        self.statusBar().showMessage(title + ".")
        report_error(self, title, exc)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if isinstance(item.data(0, MEETING), PublicMeeting):
            self.exports.agenda_action.trigger()

    # Qt overrides ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.runner.shutdown()


def _date(meeting: PublicMeeting) -> str:
    day = meeting.starts
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)
