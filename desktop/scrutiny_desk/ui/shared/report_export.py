"""Exporting one PDF report of the review from its page: the coverage report, the
action plan.

The flow is the meeting papers' (ui/shared/exports.py): the export dialog, public unless the
clerk chooses the panel, then the writing on a worker thread, then the outcome in the
status bar and the file opened in the system viewer. A page mixes ``ReportExport`` in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .export_choices import ExportChoice, FileFormat
from .export_dialog import ExportDialog
from .export_names import file_name, safe_file_name
from .export_reads import export_folder
from .exports import Opener

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .workspace import Workspace

    _Base = QWidget
else:
    _Base = object


class ReportExport(_Base):
    """For a page: ``dialog`` is the export dialog while it is open (tests reach it),
    ``opener`` shows a saved file (tests replace it)."""

    workspace: Workspace
    dialog: ExportDialog | None
    opener: Opener

    def report_dialog(
        self, title: str, subject: str, noun: str, on_accept: Callable[[ExportChoice], None]
    ) -> ExportDialog:
        """The dialog, ready to open (the caller may reword its panel choice first)."""
        dialog = ExportDialog(
            self.workspace.window,
            title=title,
            subject=subject,
            ok_text=self.tr("Export"),
            formats=[FileFormat(".pdf", self.tr("PDF"), self.tr("PDF files (*.pdf)"))],
            folder=export_folder(self.workspace.settings),
            suggest=lambda c: file_name(safe_file_name(subject), noun, ".pdf", c.audience),
        )
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_report_dialog(dialog))
        dialog.accepted.connect(lambda: on_accept(dialog.choice()))
        return dialog

    def save_report(self, write: Callable[[], Path], path: Path, saved: str, failed: str) -> None:
        """Run ``write`` on a worker; ``saved`` says where (``{path}``), ``failed`` heads
        the message if it fails."""
        self._report_status(self.tr("Saving {file}…").format(file=path.name))
        self.workspace.runner.submit(
            write, partial(self._report_saved, saved), partial(self._report_failed, failed)
        )

    def _report_saved(self, saved: str, path: Path) -> None:
        self.workspace.settings.last_export_folder = str(path.parent)
        text = saved.replace("{path}", str(path))
        if not self.opener(path):
            text += " " + self.tr("No program is set up to open it.")
        self._report_status(text)

    def _report_failed(self, title: str, exc: Exception) -> None:
        self._report_status(title + ".")
        self.workspace.report_error(title, exc)

    def _forget_report_dialog(self, dialog: ExportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _report_status(self, text: str) -> None:
        self.workspace.say(text)
