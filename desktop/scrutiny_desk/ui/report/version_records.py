"""What the Versions tab records on a version: the panel's comments (a version issued
for comment) and a meeting's decisions on its paragraphs (a version for comment or for
a meeting), each in its own dialog (``comments_dialog``, ``consideration_dialog``).
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from ...domain.records import MeetingSummary
from ...domain.report_version_records import VersionEntry
from ..shared.workspace import Workspace
from .comments_dialog import CommentsDialog
from .consideration_dialog import ConsiderationDialog


class Shown(Protocol):
    """What the records need of the pane."""

    review_id: int | None

    def today(self) -> date: ...

    def meetings(self) -> list[MeetingSummary]: ...

    def opened(self, dialog: QDialog) -> None: ...


class VersionRecords(QObject):
    def __init__(self, workspace: Workspace, pane: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.pane = pane

    def comments(self, entry: VersionEntry | None) -> None:
        review_id = self.pane.review_id
        if entry is None or review_id is None:
            return
        self.pane.opened(CommentsDialog(self.workspace, review_id, entry, self.pane.today()))

    def consideration(self, entry: VersionEntry | None) -> None:
        review_id = self.pane.review_id
        if entry is None or review_id is None:
            return
        dialog = ConsiderationDialog(self.workspace, review_id, entry, self.pane.meetings())
        self.pane.opened(dialog)
