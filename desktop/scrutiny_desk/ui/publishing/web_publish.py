"""Publish for the Web: a meeting's public agenda and minutes, or a review's coverage
report and action plan, as accessible HTML and tagged PDF in a folder.

The clerk chooses the folder; ``services.web_publishing`` writes it on a worker (whole
or not at all) and stamps the agenda's publication date. When the agenda would give
fewer clear days than the review requires, the service refuses with a problem on
"urgency": the clerk is told how many clear days publishing now gives and how many the
review requires, gives the reason for urgency, and publishing runs again with it. Once
written, a message says where the files are, with a button that opens the folder.
Tests replace ``choose_folder`` (no file dialog) and ``opener`` (no file manager).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...domain.deadlines import count_clear_days
from ...domain.errors import ValidationError
from ...domain.summaries import MeetingSummary
from ...domain.topics import Topics
from ...services.calendar_rules import clear_day_exclusions
from ..shared.export_reads import export_folder, recorded
from ..shared.workspace import Shown, Workspace

if TYPE_CHECKING:
    from ...services.web_publishing import Published, WebPublishingService
    from .urgency_dialog import UrgencyDialog

#: Asks for a folder (parent, title, where to start); None when the clerk cancels.
FolderChooser = Callable[[QWidget, str, Path], Path | None]
Opener = Callable[[Path], bool]


def ask_folder(parent: QWidget, title: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start))
    return Path(chosen) if chosen else None


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def needs_urgency(exc: Exception) -> bool:
    """The service refused because the agenda is late and no reason was given."""
    return isinstance(exc, ValidationError) and any(p.path == "urgency" for p in exc.problems)


class WebPublishing(QObject):
    """The Meeting menu's Publish for the Web… and the Review menu's Publish Review for
    the Web…, for what the window shows (``shown``)."""

    def __init__(self, workspace: Workspace, shown: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.shown = shown
        self.window: QWidget = workspace.window
        self.choose_folder: FolderChooser = ask_folder
        self.opener: Opener = open_folder
        self.today: Callable[[], date] = date.today
        self.urgency_dialog: UrgencyDialog | None = None  # the one open, for tests
        self.notice: QMessageBox | None = None  # the last message shown, for tests

        self.publish_meeting_action = QAction(self.tr("Publis&h for the Web…"), self.window)
        self.publish_meeting_action.setStatusTip(
            self.tr(
                "Write the meeting's public agenda and minutes to a folder as accessible web "
                "pages and tagged PDFs, and stamp the agenda's publication date"
            )
        )
        self.publish_meeting_action.triggered.connect(lambda _c=False: self.publish_meeting())
        self.publish_review_action = QAction(self.tr("Publish Review for the &Web…"), self.window)
        self.publish_review_action.setStatusTip(
            self.tr(
                "Write the review's public coverage report and action plan to a folder as "
                "accessible web pages and tagged PDFs"
            )
        )
        self.publish_review_action.triggered.connect(lambda _c=False: self.publish_review())
        self.update_actions(None)

    @property
    def service(self) -> WebPublishingService:
        return self.workspace.services.web_publishing

    def update_actions(self, meeting: MeetingSummary | None) -> None:
        """Publishing a meeting stamps its agenda: not in a read-only database."""
        writable = not self.workspace.read_only
        self.publish_meeting_action.setEnabled(meeting is not None and writable)
        self.update_review_action()

    def update_review_action(self) -> None:
        self.publish_review_action.setEnabled(self.shown.review_id() is not None)

    # A meeting ----------------------------------------------------------------------

    def publish_meeting(self) -> None:
        meeting = self.shown.meeting()
        if meeting is None:
            return
        folder = self.choose_folder(
            self.window,
            self.tr("Publish “{title}” for the Web: Choose a Folder").format(title=meeting.title),
            export_folder(self.workspace.settings),
        )
        if folder is not None:
            self._publish_meeting(meeting, folder, None)

    def _publish_meeting(self, meeting: MeetingSummary, folder: Path, urgency: str | None) -> None:
        self.workspace.say(self.tr("Publishing “{title}” for the web…").format(title=meeting.title))
        work = partial(
            self.service.publish_meeting, meeting.id, folder, urgency=urgency, today=self.today()
        )
        self.workspace.runner.submit(
            partial(recorded, work),
            self._published,
            partial(self._meeting_refused, meeting, folder),
        )

    def _meeting_refused(self, meeting: MeetingSummary, folder: Path, exc: Exception) -> None:
        from .urgency_dialog import UrgencyDialog

        if not needs_urgency(exc):
            self._failed(exc)
            return
        deadline = self.workspace.services.meeting_edits.deadline(meeting.id, self.today())
        published = deadline.published_on or self.today()  # as the service counts them
        given = count_clear_days(published, meeting.start.date(), clear_day_exclusions())
        self.workspace.say(self.tr("The agenda is late: give the reason for urgency."))
        dialog = UrgencyDialog(
            self.window,
            self.workspace.settings,
            meeting=meeting.title,
            published=published,
            given=given,
            required=deadline.clear_days,
        )
        self.urgency_dialog = dialog
        dialog.accepted.connect(lambda: self._publish_meeting(meeting, folder, dialog.reason()))
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: UrgencyDialog) -> None:
        if self.urgency_dialog is dialog:
            self.urgency_dialog = None

    # A review -----------------------------------------------------------------------

    def publish_review(self) -> None:
        review_id = self.shown.review_id()
        if review_id is None:
            return
        title = self.shown.review_title() or ""
        folder = self.choose_folder(
            self.window,
            self.tr("Publish “{title}” for the Web: Choose a Folder").format(title=title),
            export_folder(self.workspace.settings),
        )
        if folder is None:
            return
        self.workspace.say(self.tr("Publishing “{title}” for the web…").format(title=title))
        work = partial(self.service.publish_review, review_id, folder, self.today())
        self.workspace.runner.submit(partial(recorded, work), self._published, self._failed)

    # Outcomes -----------------------------------------------------------------------

    def _published(self, outcome: tuple[Published, Topics]) -> None:
        published, topics = outcome
        if topics:  # the agenda's publication date was stamped: pages read again
            self.workspace.editor.changed.emit(topics)
        folder = published.folder
        self.workspace.settings.last_export_folder = str(folder.parent)
        names = ", ".join(p.name for p in published.files)
        self.workspace.say(self.tr("Published for the web in {folder}.").format(folder=folder))
        text = self.tr("Published in {folder}:\n{names}").format(folder=folder, names=names)
        if published.warnings:
            text += "\n\n" + "\n".join(published.warnings)
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Published for the Web"),
            text,
            QMessageBox.StandardButton.Close,
            self.window,
        )
        box.setObjectName("publishedNotice")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_button = box.addButton(self.tr("&Open Folder"), QMessageBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(lambda: self.opener(folder))
        self.notice = box
        box.open()

    def _failed(self, exc: Exception) -> None:
        title = self.tr("The papers could not be published")
        self.workspace.say(title + ".")
        self.notice = self.workspace.report_error(title, exc)
