"""Export Public Agenda… and Export Public Minutes…: the only papers a public reader's
login may have, as a PDF or a Word document.

They go through the same export service as the main window's Export Agenda… with the
public audience (``ExportService.publish``), which for a public reader renders from the
public projection: the same bytes the clerk's public export gives. There is no audience
to choose: the dialog asks only for the format and the file.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ...domain.public_records import PublicMeeting, PublicPaperKind
from ...domain.views import Audience
from ..shared.export_choices import ExportChoice, FileFormat
from ..shared.export_dialog import ExportDialog
from ..shared.export_names import file_name, safe_file_name
from ..shared.export_reads import export_folder
from ..shared.exports import Opener, open_with_system_viewer
from ..shared.messages import report_error
from ..shared.settings import Settings
from ..shared.tasks import TaskRunner

if TYPE_CHECKING:
    from ...services.container import Services
    from ...services.exporting import Exported


class PublicExports(QObject):
    """The two export actions, for the meeting ``meeting()`` gives (None: none chosen)."""

    def __init__(
        self,
        parent: QWidget,
        services: Services,
        settings: Settings,
        runner: TaskRunner,
        meeting: Callable[[], PublicMeeting | None],
        say: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.services = services
        self.settings = settings
        self.runner = runner
        self.meeting = meeting
        self.say = say
        self.opener: Opener = open_with_system_viewer
        self.dialog: ExportDialog | None = None  # the one open, for tests
        self._formats = [
            FileFormat(".pdf", self.tr("&PDF, to print or send"), self.tr("PDF (*.pdf)")),
            FileFormat(
                ".docx", self.tr("&Word document, to edit"), self.tr("Word document (*.docx)")
            ),
        ]
        self.agenda_action = self._action(
            self.tr("Export Public &Agenda…"),
            self.tr("Save the meeting's public agenda as a PDF or a Word document"),
            PublicPaperKind.AGENDA,
        )
        self.minutes_action = self._action(
            self.tr("Export Public &Minutes…"),
            self.tr("Save the meeting's public minutes as a PDF or a Word document"),
            PublicPaperKind.MINUTES,
        )
        self.update_actions()

    def _action(self, text: str, tip: str, kind: PublicPaperKind) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: self.export(kind))
        return action

    def actions(self) -> list[QAction]:
        return [self.agenda_action, self.minutes_action]

    def update_actions(self) -> None:
        """The agenda for any meeting chosen; the minutes once it has some."""
        meeting = self.meeting()
        self.agenda_action.setEnabled(meeting is not None)
        self.minutes_action.setEnabled(meeting is not None and meeting.has_minutes)

    def export(self, kind: PublicPaperKind) -> None:
        meeting = self.meeting()
        if meeting is None or kind not in meeting.papers:
            return
        word = self.tr("agenda") if kind is PublicPaperKind.AGENDA else self.tr("minutes")
        short = meeting.title.split(":", 1)[0].strip() or meeting.title
        stem = f"{meeting.starts:%Y-%m-%d} {safe_file_name(short)}"
        when = QLocale().toString(QDate(meeting.starts.date()), QLocale.FormatType.LongFormat)
        dialog = ExportDialog(
            self.window,
            title=self.tr("Export Public Agenda")
            if kind is PublicPaperKind.AGENDA
            else self.tr("Export Public Minutes"),
            subject=self.tr("{title}\n{date}").format(title=meeting.title, date=when),
            ok_text=self.tr("Export"),
            audience=False,
            formats=self._formats,
            folder=export_folder(self.settings),
            suggest=lambda c: file_name(
                stem, word, c.file_format.suffix if c.file_format else ".pdf"
            ),
        )
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.accepted.connect(lambda: self._save(kind, meeting, dialog.choice()))
        dialog.open()

    def _forget(self, dialog: ExportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _save(self, kind: PublicPaperKind, meeting: PublicMeeting, choice: ExportChoice) -> None:
        path = choice.path
        assert path is not None, "the dialog asks for a file"
        self.say(self.tr("Saving {file}…").format(file=path.name))
        publish = self.services.exports.publish
        self.runner.submit(
            partial(publish, kind.value, meeting.id, Audience.PUBLIC, path),
            self._saved,
            partial(
                self._failed,
                self.tr("The public agenda could not be exported")
                if kind is PublicPaperKind.AGENDA
                else self.tr("The public minutes could not be exported"),
            ),
        )

    def _saved(self, result: Path | Exported) -> None:
        from ...services.exporting import Exported  # imported by the export that ran

        path = result.path if isinstance(result, Exported) else result
        self.settings.last_export_folder = str(path.parent)
        text = self.tr("Saved {path}.").format(path=str(path))
        if not self.opener(path):
            text += " " + self.tr("No program is set up to open it.")
        self.say(text)

    def _failed(self, title: str, exc: Exception) -> None:
        self.say(title + ".")
        report_error(self.window, title, exc)
