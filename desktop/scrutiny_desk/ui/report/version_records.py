"""What the Versions tab's buttons open: Make Version…, Compare…, Report Settings…,
and the panel's comments (a version issued for comment) and a meeting's decisions on
its paragraphs (a version for comment or for a meeting), each in its own dialog; what
they save is one undo step each (``version_steps``).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog

from ...domain.errors import Problem
from ...domain.records import MeetingSummary, NamedRef
from ...domain.report_diff import ParagraphChange
from ...domain.report_version_records import VersionEntry
from ..shared.display import long_date
from ..shared.workspace import Workspace
from .comments_dialog import CommentsDialog
from .compare_dialog import CompareDialog
from .consideration_dialog import ConsiderationDialog
from .make_version_dialog import MakeVersionDialog, VersionValues
from .report_settings_dialog import ReportSettingsDialog
from .version_steps import ChangeReportSettings, MakeVersion
from .versions_model import version_label


class Shown(Protocol):
    """What the records need of the pane."""

    review_id: int | None

    def today(self) -> date: ...

    def meetings(self) -> list[MeetingSummary]: ...

    def versions(self) -> list[VersionEntry]: ...

    def current(self) -> VersionEntry | None: ...

    def select(self, number: str) -> None: ...

    def title(self) -> str: ...

    def opened(self, dialog: QDialog) -> None: ...


class VersionRecords(QObject):
    def __init__(self, workspace: Workspace, pane: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.service = workspace.services.report_versions
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

    def meeting_refs(self) -> list[NamedRef]:
        """The review's meetings by date, "Mon 14 May 2007: Deliberative meeting"."""
        return [
            NamedRef(m.key, f"{long_date(m.start)}: {m.title}")
            for m in sorted(self.pane.meetings(), key=lambda m: m.start)
        ]

    def make_version(self) -> None:
        review_id = self.pane.review_id
        if review_id is None:
            return
        today = self.pane.today()
        upcoming = next(
            (
                m.key
                for m in sorted(self.pane.meetings(), key=lambda m: m.start)
                if m.start.date() >= today
            ),
            None,
        )
        dialog = MakeVersionDialog(
            self.workspace.window,
            partial(self._make, review_id),
            numbers=[v.number for v in self.pane.versions()],
            meetings=self.meeting_refs(),
            upcoming=upcoming,
        )
        self.pane.opened(dialog)

    def _make(self, review_id: int, values: VersionValues) -> list[Problem]:
        step = MakeVersion(self.service, review_id, values.purpose, values.meeting_key, values.note)
        made, problems = self.workspace.editor.perform_checked(step)
        if made is not None:
            self.pane.select(made.number)
        return problems

    def compare(self) -> None:
        review_id = self.pane.review_id
        versions = self.pane.versions()
        if review_id is None or not versions:
            return
        entry = self.pane.current() or versions[-1]
        dialog = CompareDialog(
            self.workspace.window,
            self.workspace.runner,
            partial(self._difference, review_id),
            self.workspace.report_error,
            [(v.number, version_label(v)) for v in versions],
            old=entry.number,
            new=None,
        )
        self.pane.opened(dialog)

    def _difference(self, review_id: int, old: str, new: str | None) -> tuple[ParagraphChange, ...]:
        return self.service.difference(review_id, old, new)  # type: ignore[return-value]

    def edit_settings(self) -> None:
        review_id = self.pane.review_id
        if review_id is None:
            return
        reads = self.workspace.services.report_paragraphs
        try:
            settings = reads.settings(review_id)
        except Exception as exc:
            self.workspace.report_error(self.tr("The report's settings could not be read"), exc)
            return
        default = self.tr("{review}: report of the scrutiny panel").format(review=self.pane.title())

        def save(changed: dict[str, Any]) -> list[Problem]:
            before = {name: getattr(settings, name) for name in changed}
            step = ChangeReportSettings(reads, review_id, before, changed)
            return self.workspace.editor.perform_checked(step)[1]

        self.pane.opened(ReportSettingsDialog(self.workspace.window, save, settings, default))
