"""The Report page's Versions tab: the versions of the report frozen so far, and what
is done with them.

Make Version… freezes the working draft (for comment, for a meeting, or the final
report; one undo step, whose undo withdraws it while nothing is recorded on it).
Compare… shows what differs between two versions or a version and the working draft.
Comments… and Consideration… record the panel's comments and a meeting's decisions on
the paragraphs of the version chosen (``version_records``). Export… writes the version
chosen, or the working draft when none is, as PDF, Word or an accessible web page
(``report_export``). Report Settings… sets the title and where and when the report
went for its response.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QVBoxLayout, QWidget

from ...domain.enums import ReportPurpose
from ...domain.records import MeetingSummary
from ...domain.report_version_records import VersionEntry
from ...domain.topics import Topic, Topics
from ..shared.common import action_buttons, page_action
from ..shared.display import long_date
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.workspace import Workspace
from .report_export import ReportExport
from .version_records import VersionRecords
from .versions_model import VersionColumn, VersionsModel, version_label


class VersionsPane(QWidget):
    """A tab of the Report page: show_review and reload (see ``report_page``)."""

    TOPICS: ClassVar[Topics] = frozenset({Topic.REVIEW, Topic.MEETINGS, Topic.REPORT})

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("versionsPane")
        self.workspace = workspace
        self.service = workspace.services.report_versions
        #: what "today" is (tests set a fixed day)
        self.today: Callable[[], date] = date.today
        self.review_id: int | None = None
        self._title = ""
        self._meetings: list[MeetingSummary] = []
        self._select: str | None = None
        #: the dialog open, for tests
        self.dialog: QDialog | None = None
        self.exporter = ReportExport(workspace, self._review_shown)
        self.records = VersionRecords(workspace, self)

        self.model = VersionsModel(self)
        self.view = record_table(
            self.model,
            self.tr("Versions of the report"),
            {
                VersionColumn.NUMBER: FIT,
                VersionColumn.PURPOSE: FIT,
                VersionColumn.MADE: FIT,
                VersionColumn.MEETING: STRETCH,
                VersionColumn.COMMENTS: FIT,
                VersionColumn.DECISIONS: FIT,
            },
        )
        self.view.setObjectName("versionsView")
        self.view.horizontalHeader().setSectionResizeMode(
            VersionColumn.MEETING, QHeaderView.ResizeMode.Stretch
        )
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.details = QLabel()
        self.details.setObjectName("versionDetails")
        self.details.setWordWrap(True)

        act = partial(page_action, self)
        self.make_action = act(
            self.tr("&Make Version…"),
            self.tr("Freeze the working draft as a version for comment, a meeting or final"),
            self.records.make_version,
        )
        self.compare_action = act(
            self.tr("Com&pare…"),
            self.tr("See what differs between two versions, or a version and the draft"),
            self.records.compare,
        )
        self.comments_action = act(
            self.tr("Comm&ents…"),
            self.tr("Record the panel's comments on the paragraphs of this version"),
            lambda: self.records.comments(self.current()),
        )
        self.consideration_action = act(
            self.tr("Conside&ration…"),
            self.tr("Record a meeting's decision on each paragraph of this version"),
            lambda: self.records.consideration(self.current()),
        )
        self.export_action = act(
            self.tr("E&xport…"),
            self.tr("Save this version (or the working draft) as PDF, Word or a web page"),
            self.export,
        )
        self.settings_action = act(
            self.tr("Report &Settings…"),
            self.tr("The report's title, where and when it went, and its response period"),
            self.records.edit_settings,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addWidget(caption(self.tr("Vers&ions"), self.view))
        layout.addLayout(
            action_buttons(
                [
                    self.make_action,
                    self.compare_action,
                    None,
                    self.comments_action,
                    self.consideration_action,
                    None,
                    self.export_action,
                    self.settings_action,
                ]
            )
        )
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details)
        self._update_actions()

    # The tab protocol ---------------------------------------------------------------

    def show_review(self, review_id: int | None) -> None:
        self.review_id = review_id
        if review_id is None:
            self.workspace.runner.discard("report-versions")
            self.model.set_records([])
            self._update_actions()
            return
        self._load()

    def reload(self, topics: Topics) -> None:
        if self.review_id is not None:
            self._load()

    def _load(self) -> None:
        review_id = self.review_id
        assert review_id is not None
        services = self.workspace.services

        def read() -> tuple[tuple[VersionEntry, ...], list[MeetingSummary], str]:
            return (
                self.service.versions(review_id),
                services.meetings.list(review_id),
                services.reviews.summary(review_id).title,
            )

        self.workspace.runner.submit(
            read,
            partial(self._on_loaded, review_id),
            self._load_failed,
            key="report-versions",
        )

    def _load_failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The report's versions could not be read"), exc)

    def _on_loaded(
        self,
        review_id: int,
        found: tuple[tuple[VersionEntry, ...], list[MeetingSummary], str],
    ) -> None:
        if review_id != self.review_id:
            return
        versions, self._meetings, self._title = found
        chosen = self._select or (c.number if (c := self.current()) else None)
        self._select = None
        self.model.set_records(versions)
        row = self.model.row_of_key(chosen) if chosen else None
        if row is None and versions:
            row = len(versions) - 1
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, VersionColumn.NUMBER))
        self._update_actions()

    # What is shown --------------------------------------------------------------------

    def current(self) -> VersionEntry | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, number: str) -> None:
        """Choose the version with that number (once the list is read, if not yet)."""
        row = self.model.row_of_key(number)
        if row is None:
            self._select = number
        else:
            self.view.setCurrentIndex(self.model.index(row, VersionColumn.NUMBER))

    def _review_shown(self) -> tuple[int, str] | None:
        return None if self.review_id is None else (self.review_id, self._title)

    def _on_current_changed(
        self, _current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        writable = not self.workspace.read_only and self.review_id is not None
        entry = self.current()
        numbers = [v.number for v in self.model.records()]
        self.make_action.setEnabled(writable and "final" not in numbers)
        self.compare_action.setEnabled(bool(numbers))
        self.comments_action.setEnabled(
            entry is not None and entry.purpose is ReportPurpose.COMMENT
        )
        self.consideration_action.setEnabled(
            entry is not None and entry.purpose is not ReportPurpose.FINAL
        )
        self.export_action.setEnabled(self.review_id is not None)
        self.settings_action.setEnabled(writable)  # saving them writes the review
        self.details.setText(self._details(entry))

    def _details(self, entry: VersionEntry | None) -> str:
        if self.review_id is None:
            return ""
        if entry is None:
            return self.tr(
                "No version made yet: the working draft follows the review until Make "
                "Version… freezes it."
            )
        text = self.tr("{version}, made {date}.").format(
            version=version_label(entry), date=long_date(entry.made)
        )
        if entry.meeting is not None:
            text += " " + self.tr("Considered at {meeting}.").format(meeting=entry.meeting.label)
        if entry.note:
            text += " " + entry.note
        return text

    # Actions --------------------------------------------------------------------------

    def export(self) -> None:
        entry = self.current()
        self.exporter.export(entry.number if entry is not None else None)

    def meetings(self) -> list[MeetingSummary]:
        return list(self._meetings)

    def versions(self) -> list[VersionEntry]:
        return self.model.records()

    def title(self) -> str:
        """The title of the review shown."""
        return self._title

    def opened(self, dialog: QDialog) -> None:
        """Open a dialog of the tab's, kept in ``dialog`` while open (tests reach it)."""
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
