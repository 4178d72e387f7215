"""Export Report…: the review's report as PDF (to print or send), Word (to edit) or a
folder holding the accessible web page and its tagged PDF, for the public or the panel.

The working draft or a frozen version ("0.2", "final"). Before the working draft's
dialog opens, its open paragraphs quoting closed material word for word are read (on
the task runner): while there are any, the dialog names them. The export service
refuses the public report, naming them too, until each is reworded or marked closed
(a frozen version's own words are checked as it is written); the panel report is not
refused. The writing runs on the task runner, the outcome is said in the status bar
and the file (or the folder) opened. The Review menu's action and the Versions tab's
Export… button are one ``ReportExport``. Tests replace ``opener``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices

from ...domain.enums import Audience
from ..shared.export_choices import ExportChoice, FileFormat
from ..shared.export_names import file_name, safe_file_name
from ..shared.export_reads import export_folder
from ..shared.workspace import Shown, Workspace

if TYPE_CHECKING:
    from ...domain.report_quotes import QuoteFlag
    from ..shared.export_dialog import ExportDialog

Opener = Callable[[Path], bool]
#: The suffix of the web format: the name typed is the folder to write.
FOLDER = ""


def open_with_system_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def shown_review(shown: Shown) -> Callable[[], tuple[int, str] | None]:
    """The id and title of the review the window shows, when asked (None: none)."""

    def review() -> tuple[int, str] | None:
        review_id = shown.review_id()
        return None if review_id is None else (review_id, shown.review_title() or "")

    return review


class ReportExport(QObject):
    """``review``: the id and title of the review shown (None: no review)."""

    def __init__(self, workspace: Workspace, review: Callable[[], tuple[int, str] | None]) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.review = review
        self.opener: Opener = open_with_system_viewer
        self.today: Callable[[], date] = date.today
        self.dialog: ExportDialog | None = None  # the one open, for tests
        self.action = QAction(self.tr("Export &Report…"), workspace.window)
        self.action.setStatusTip(
            self.tr(
                "Save the review's report as PDF, Word or an accessible web page, for the "
                "public or the panel"
            )
        )
        self.action.triggered.connect(lambda _c=False: self.export())
        self.formats = [
            FileFormat(".pdf", self.tr("&PDF, to print or send"), self.tr("PDF (*.pdf)")),
            FileFormat(
                ".docx", self.tr("&Word document, to edit"), self.tr("Word document (*.docx)")
            ),
            FileFormat(
                FOLDER,
                self.tr("Accessible web page with its tagged PDF (a new &folder)"),
                self.tr("Folder (*)"),
            ),
        ]

    def update_action(self) -> None:
        self.action.setEnabled(self.review() is not None)

    def export(self, version: str | None = None) -> None:
        """Ask what to export (the working draft, or version ``version``) and where."""
        shown = self.review()
        if shown is None:
            return
        review_id, _title = shown
        # A frozen version's words are checked when it is written (the refusal names
        # them); the working draft's flags are named in the dialog beforehand.
        self.workspace.runner.submit(
            partial(self._flags, review_id) if version is None else list,
            partial(self._open_dialog, shown, version),
            partial(self._failed, self.tr("The report could not be read")),
            key="report-export",
        )

    def _flags(self, review_id: int) -> list[str]:
        """The paragraphs quoting closed material, each as "3.2 (quotes a closed note)"."""
        services = self.workspace.services
        flags: tuple[QuoteFlag, ...] = services.report_paragraphs.quote_flags(review_id)  # type: ignore[assignment]
        if not flags:
            return []
        view = services.report_versions.working(review_id, Audience.PANEL, self.today())
        numbers = {p.key: p.number for p in view.paragraphs()}
        named: dict[str, None] = {}
        for flag in flags:
            number = numbers.get(flag.paragraph)
            named[number or self.tr("an unnumbered paragraph")] = None
        return list(named)

    def _open_dialog(self, shown: tuple[int, str], version: str | None, flags: list[str]) -> None:
        from ..shared.export_dialog import ExportDialog

        review_id, title = shown
        what = self.tr("report") if version is None else self.tr("report {v}").format(v=version)
        stem = safe_file_name(title)

        def suggest(choice: ExportChoice) -> str:
            suffix = choice.file_format.suffix if choice.file_format else ".pdf"
            return file_name(stem, what, suffix, choice.audience)

        warnings: dict[int | None, tuple[str, ...]] = {}
        if flags:
            warnings[None] = (
                self.tr(
                    "Open paragraphs quote closed material word for word: {numbers}. The "
                    "public report is refused until each is reworded or marked closed."
                ).format(numbers=", ".join(flags)),
            )
        subject = (
            self.tr("{title}\nThe working draft of the report")
            if version is None
            else self.tr("{title}\nVersion {version} of the report")
        ).format(title=title, version=version)
        dialog = ExportDialog(
            self.workspace.window,
            title=self.tr("Export Report"),
            subject=subject,
            ok_text=self.tr("Export"),
            formats=self.formats,
            folder=export_folder(self.workspace.settings),
            suggest=suggest,
            warnings=warnings,
        )
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.accepted.connect(lambda: self._export(review_id, version, dialog.choice()))
        dialog.open()

    def _forget(self, dialog: ExportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _export(self, review_id: int, version: str | None, choice: ExportChoice) -> None:
        path = choice.path
        assert path is not None
        self.workspace.say(self.tr("Saving {file}…").format(file=path.name))
        work = partial(
            self.workspace.services.exports.report,
            review_id,
            path,
            audience=choice.audience,
            version=version,
        )
        panel = choice.audience is Audience.PANEL
        failed = self.tr("The report could not be exported")
        self.workspace.runner.submit(
            work, partial(self._saved, panel), partial(self._failed, failed)
        )

    def _saved(self, panel: bool, written: object) -> None:
        path = Path(str(getattr(written, "path", written)))  # a Path, or what holds it
        self.workspace.settings.last_export_folder = str(path.parent)
        text = (
            self.tr("Saved the panel report (NOT FOR PUBLICATION) to {path}.")
            if panel
            else self.tr("Saved the report to {path}.")
        ).replace("{path}", str(path))
        if not self.opener(path):
            text += " " + self.tr("No program is set up to open it.")
        self.workspace.say(text)

    def _failed(self, title: str, exc: Exception) -> None:
        self.workspace.say(title + ".")
        self.workspace.report_error(title, exc)
