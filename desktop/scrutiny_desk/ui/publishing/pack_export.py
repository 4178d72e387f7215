"""Export Agenda Pack…: the meeting's agenda followed by its items' reports, in one
PDF whose page numbers run through the reports.

The clerk chooses the audience (public unless the panel is picked: a public pack
leaves out closed items' reports) and whether it is the supplementary pack (the late
reports only, numbered on from the main pack). ``services.packs`` writes it on a worker;
a report that is not a readable PDF is refused by its name and nothing is written.
Tests replace ``opener`` (no PDF viewer starts).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QCheckBox, QWidget

from ...domain.enums import Audience
from ...domain.summaries import MeetingSummary
from ..shared.export_choices import ExportChoice, FileFormat
from ..shared.export_names import file_name, meeting_file_stem
from ..shared.export_reads import export_folder
from ..shared.workspace import Shown, Workspace

if TYPE_CHECKING:
    from ...services.packs import PackWritten
    from ..shared.export_dialog import ExportDialog

Opener = Callable[[Path], bool]


def open_file(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class PackExport(QObject):
    """The Meeting menu's Export Agenda Pack…, for the meeting shown."""

    def __init__(self, workspace: Workspace, shown: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.shown = shown
        self.window: QWidget = workspace.window
        self.opener: Opener = open_file
        self.dialog: ExportDialog | None = None  # the one open, for tests
        self.supplementary_check: QCheckBox | None = None
        self.action = QAction(self.tr("Export Agenda Pac&k…"), self.window)
        self.action.setStatusTip(
            self.tr(
                "Save the agenda with its items' reports as one PDF, page numbers running "
                "through; or the supplementary pack of late reports"
            )
        )
        self.action.triggered.connect(lambda _c=False: self.export_pack())
        self.update_action(None)

    def update_action(self, meeting: MeetingSummary | None) -> None:
        self.action.setEnabled(meeting is not None)

    def export_pack(self) -> None:
        from ..shared.export_dialog import ExportDialog

        meeting = self.shown.meeting()
        if meeting is None:
            return
        stem = meeting_file_stem(meeting)
        check = QCheckBox(self.tr("&Supplementary pack (late reports only)"))
        check.setObjectName("supplementaryPack")
        check.setToolTip(
            self.tr(
                "Only the reports marked late, numbered on from the main pack's last page, "
                "so the main pack's page references stay right"
            )
        )
        self.supplementary_check = check

        def suggest(choice: ExportChoice) -> str:
            word = self.tr("supplementary pack") if check.isChecked() else self.tr("agenda pack")
            return file_name(stem, word, ".pdf", choice.audience)

        when = QLocale().toString(QDate(meeting.start.date()), QLocale.FormatType.LongFormat)
        dialog = ExportDialog(
            self.window,
            title=self.tr("Export Agenda Pack"),
            subject=self.tr("{title}\n{date}").format(title=meeting.title, date=when),
            ok_text=self.tr("Export"),
            formats=[FileFormat(".pdf", self.tr("PDF"), self.tr("PDF (*.pdf)"))],
            folder=export_folder(self.workspace.settings),
            suggest=suggest,
        )
        dialog.add_option(check)
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.accepted.connect(lambda: self._export(meeting, dialog.choice(), check.isChecked()))
        dialog.open()

    def _forget(self, dialog: ExportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _export(self, meeting: MeetingSummary, choice: ExportChoice, supplementary: bool) -> None:
        path = choice.path
        assert path is not None
        self.workspace.say(self.tr("Saving {file}…").format(file=path.name))
        work = partial(
            self.workspace.services.packs.export_pack,
            meeting.id,
            choice.audience,
            path,
            supplementary,
        )
        panel = choice.audience is Audience.PANEL
        self.workspace.runner.submit(work, partial(self._saved, panel), self._failed)

    def _saved(self, panel: bool, written: PackWritten) -> None:
        self.workspace.settings.last_export_folder = str(written.path.parent)
        where = (
            self.tr("Saved panel pack (NOT FOR PUBLICATION) to {path}:")
            if panel
            else self.tr("Saved agenda pack to {path}:")
        ).format(path=written.path)
        reports = (self.tr("1 report") if written.reports == 1 else self.tr("{n} reports")).format(
            n=written.reports
        )
        text = self.tr("{where} {pages} pages, {reports}.").format(
            where=where, pages=written.pages, reports=reports
        )
        if not self.opener(written.path):
            text += " " + self.tr("No program is set up to open it.")
        self.workspace.say(text)

    def _failed(self, exc: Exception) -> None:
        title = self.tr("The agenda pack could not be exported")
        self.workspace.say(title + ".")
        self.workspace.report_error(title, exc)
