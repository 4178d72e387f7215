"""The Meeting and Review menus: papers, invitations, the programme, and printing.

Each action asks what to export in an ``ExportDialog`` (public unless the clerk picks
the panel), runs the export service through the task runner, says "Saved agenda to …"
and opens the file with the system's viewer: a PDF reader, the mail program for an
.eml draft, the calendar for an .ics file. Printing writes the PDF the same way into a
private temporary folder, prints it page for page (``printing``, loaded with Qt's PDF
and print modules only then) and deletes it. Tests replace ``opener`` (no viewer
starts) and ``choose_printer`` (no print dialog: a QPrinter writing a PDF file).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar, QWidget

from ...domain.enums import Audience, MeetingStatus
from ...domain.summaries import MeetingSummary
from ...domain.topics import Topics
from .export_choices import ExportChoice, FileFormat, Recipient
from .export_names import file_name, meeting_file_stem, safe_file_name
from .export_reads import Warnings, export_folder, recorded, witnesses_and_warnings
from .publicity_questions import warn_private_witnesses_named
from .workspace import Shown, Workspace

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ...domain.records import WitnessSummary
    from ...services.exporting import Exported
    from .export_dialog import ExportDialog

Opener = Callable[[Path], bool]
PrinterChooser = Callable[[QWidget, int, str], "QPrinter | None"]

#: A meeting that will not take place gets a cancellation, not an invitation.
INVITABLE = (MeetingStatus.SCHEDULED, MeetingStatus.HELD)
#: A cancelled or postponed one gets its cancellation (a postponed one is invited afresh).
CANCELLABLE = (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)


def open_with_system_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


@dataclass(frozen=True)
class _Paper:
    """One kind of meeting paper and everything said about it."""

    word: str  # in the file name
    #: the service's maker of this paper, asked for when it is printed (the export
    #: service, and the papers' modules, are imported at the first export or print)
    renderer: Callable[[], Callable[[int, Audience, Path], Path]]
    export_title: str
    print_title: str
    saved: str
    saved_panel: str
    export_failed: str
    printed: str
    print_failed: str


class ExportController(QObject):
    """Builds the export actions of the main window and carries them out, for the
    review and the meeting the window shows (``shown``)."""

    def __init__(self, workspace: Workspace, shown: Shown) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.shown = shown
        #: the parent of its actions, dialogs and message boxes
        self.window: QWidget = workspace.window
        self.opener: Opener = open_with_system_viewer
        self.choose_printer: PrinterChooser | None = None  # None: Qt's print dialog
        self.dialog: ExportDialog | None = None  # the one open, for tests
        self.private_warning: QMessageBox | None = None  # the last one shown, for tests
        self._pdf = FileFormat(".pdf", self.tr("&PDF, to print or send"), self.tr("PDF (*.pdf)"))
        self._docx = FileFormat(
            ".docx", self.tr("&Word document, to edit"), self.tr("Word document (*.docx)")
        )
        self._eml = FileFormat(
            ".eml",
            self.tr("&E-mail ready to send (.eml): opens in your mail program"),
            self.tr("E-mail messages (*.eml)"),
        )
        self._ics = FileFormat(
            ".ics",
            self.tr("&Calendar file (.ics): to attach or import yourself"),
            self.tr("Calendar files (*.ics)"),
        )
        services = workspace.services
        self._papers = {
            "agenda": _Paper(
                self.tr("agenda"),
                lambda: services.exports.agenda,
                self.tr("Export Agenda"),
                self.tr("Print Agenda"),
                self.tr("Saved agenda to {path}."),
                self.tr("Saved panel agenda (NOT FOR PUBLICATION) to {path}."),
                self.tr("The agenda could not be exported"),
                self.tr("Sent the agenda to {printer}."),
                self.tr("The agenda could not be printed"),
            ),
            "minutes": _Paper(
                self.tr("minutes"),
                lambda: services.exports.minutes,
                self.tr("Export Minutes"),
                self.tr("Print Minutes"),
                self.tr("Saved minutes to {path}."),
                self.tr("Saved panel minutes (NOT FOR PUBLICATION) to {path}."),
                self.tr("The minutes could not be exported"),
                self.tr("Sent the minutes to {printer}."),
                self.tr("The minutes could not be printed"),
            ),
        }
        # Printing folders not yet deleted; whatever is left goes with the window.
        self._print_folders: set[Path] = set()
        folders = self._print_folders
        self.destroyed.connect(lambda *_: _remove_folders(folders))
        self._build_actions()
        self.update_actions(None)

    # Actions --------------------------------------------------------------------------

    def _build_actions(self) -> None:
        self.export_agenda_action = self._action(
            self.tr("Export &Agenda…"),
            self.tr("Save the meeting's agenda as a PDF or a Word document, public or panel"),
            partial(self.export_paper, "agenda"),
            QKeySequence("Ctrl+E"),
        )
        self.export_minutes_action = self._action(
            self.tr("Export &Minutes…"),
            self.tr("Save the meeting's minutes as a PDF or a Word document, public or panel"),
            partial(self.export_paper, "minutes"),
        )
        self.invite_action = self._action(
            self.tr("Send &Invitation…"),
            self.tr(
                "Write the panel's invitation to a scheduled or held meeting: an e-mail "
                "ready to send, or a calendar file"
            ),
            self.send_invitation,
        )
        self.cancellation_action = self._action(
            self.tr("Send &Cancellation…"),
            self.tr("Tell the panel, or a witness, that a cancelled meeting will not take place"),
            self.send_cancellation,
        )
        self.witness_invite_action = self._action(
            self.tr("Invite a &Witness…"),
            self.tr("Write the invitation of one witness on this meeting's agenda"),
            self.invite_witness,
        )
        self.print_agenda_action = self._action(
            self.tr("&Print Agenda…"),
            self.tr("Print the meeting's agenda exactly as its PDF"),
            partial(self.print_paper, "agenda"),
            QKeySequence(QKeySequence.StandardKey.Print),
        )
        self.print_minutes_action = self._action(
            self.tr("P&rint Minutes…"),
            self.tr("Print the meeting's minutes exactly as their PDF"),
            partial(self.print_paper, "minutes"),
        )
        self.programme_action = self._action(
            self.tr("Export &Programme (.ics)…"),
            self.tr("Save the review's meetings as one calendar file, to publish or to share"),
            self.export_programme,
        )
        if self.workspace.read_only:
            why = self.tr(
                "Not on a read-only database: an invitation or a cancellation is recorded "
                "in the invitation register as it is written"
            )
            for action in (
                self.invite_action,
                self.cancellation_action,
                self.witness_invite_action,
            ):
                action.setToolTip(f"{action.toolTip()} — {why}")
                action.setStatusTip(why)
        self.meeting_actions = [
            self.export_agenda_action,
            self.export_minutes_action,
            self.invite_action,
            self.cancellation_action,
            self.witness_invite_action,
            self.print_agenda_action,
            self.print_minutes_action,
        ]

    def _action(
        self, text: str, tip: str, slot: Callable[[], None], shortcut: QKeySequence | None = None
    ) -> QAction:
        action = QAction(text, self.window)
        action.setStatusTip(tip)
        plain = text.replace("&", "")
        if shortcut is not None:
            action.setShortcut(shortcut)
            plain += f" ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(plain)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def fill_meeting_menu(self, menu: QMenu) -> None:
        menu.addActions([self.export_agenda_action, self.export_minutes_action])
        menu.addSeparator()
        menu.addActions([self.invite_action, self.cancellation_action])
        menu.addAction(self.witness_invite_action)
        menu.addSeparator()
        menu.addActions([self.print_agenda_action, self.print_minutes_action])

    def fill_review_menu(self, menu: QMenu) -> None:
        menu.addAction(self.programme_action)

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        for action in (
            self.export_agenda_action,
            self.export_minutes_action,
            self.invite_action,
            self.print_agenda_action,
        ):
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setAccessibleName(action.text().replace("&", "").rstrip("…"))

    def update_actions(self, meeting: MeetingSummary | None) -> None:
        """Enable what makes sense for ``meeting`` (None: no meeting chosen)."""
        for action in self.meeting_actions:
            action.setEnabled(meeting is not None)
        # Invitations and cancellations are recorded in the invitation register.
        writable = not self.workspace.read_only
        if meeting is not None:
            invitable = meeting.status in INVITABLE and writable
            self.invite_action.setEnabled(invitable)
            self.witness_invite_action.setEnabled(invitable)
            self.cancellation_action.setEnabled(meeting.status in CANCELLABLE and writable)
        self.programme_action.setEnabled(self.shown.review_id() is not None)

    # Papers ---------------------------------------------------------------------------

    def export_paper(self, kind: str) -> None:
        """Ask for the audience and the file, then save the agenda or the minutes."""
        meeting = self.shown.meeting()
        if meeting is None:
            return
        paper = self._papers[kind]
        stem = meeting_file_stem(meeting)
        dialog = self._dialog(
            paper.export_title,
            meeting,
            self.tr("Export"),
            formats=[self._pdf, self._docx],
            suggest=lambda c: file_name(stem, paper.word, _suffix(c), c.audience),
        )

        def export(choice: ExportChoice) -> None:
            panel = choice.audience is Audience.PANEL
            publish = self.workspace.services.exports.publish
            self._save(
                partial(publish, kind, meeting.id, choice.audience, _path(choice)),
                self.tr("Saving {file}…").format(file=_path(choice).name),
                paper.saved_panel if panel else paper.saved,
                paper.export_failed,
            )

        self._open(dialog, export)

    def print_paper(self, kind: str) -> None:
        """Ask for the audience, make the PDF in the background, then print it."""
        meeting = self.shown.meeting()
        if meeting is None:
            return
        paper = self._papers[kind]
        stem = meeting_file_stem(meeting)
        dialog = self._dialog(paper.print_title, meeting, self.tr("Print…"))

        def generate(choice: ExportChoice) -> None:
            from . import printing  # Qt's PDF and print modules: on the GUI thread, first

            folder = Path(tempfile.mkdtemp(prefix="scrutiny-desk-print-"))
            self._print_folders.add(folder)
            pdf = folder / file_name(stem, paper.word, ".pdf", choice.audience)
            render = paper.renderer()

            def work() -> int:
                render(meeting.id, choice.audience, pdf)
                return printing.page_count(pdf)

            self.workspace.say(self.tr("Preparing {file}…").format(file=pdf.name))
            self.workspace.runner.submit(
                work,
                partial(self._print_generated, paper, pdf),
                partial(self._print_failed, paper.print_failed, folder),
            )

        self._open(dialog, generate)

    def _print_generated(self, paper: _Paper, pdf: Path, pages: int) -> None:
        folder = pdf.parent
        from . import printing

        choose = self.choose_printer or printing.choose_printer
        printer = choose(self.window, pages, pdf.stem)
        if printer is None:
            self._remove_print_folder(folder)
            self.workspace.say(self.tr("Printing cancelled."))
            return
        where = printer.printerName() or self.tr("the printer")
        if printer.outputFormat() == printer.OutputFormat.PdfFormat:
            where = printer.outputFileName() or where

        def work() -> int:
            try:
                return printing.print_pdf(pdf, printer)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        self.workspace.say(self.tr("Printing {file}…").format(file=pdf.name))
        self.workspace.runner.submit(
            work,
            lambda _pages: self._printed(folder, _fill(paper.printed, printer=where)),
            partial(self._print_failed, paper.print_failed, folder),
        )

    def _printed(self, folder: Path, message: str) -> None:
        self._remove_print_folder(folder)
        self.workspace.say(message)

    def _print_failed(self, title: str, folder: Path, exc: Exception) -> None:
        self._remove_print_folder(folder)
        self._failed(title, exc)

    def _remove_print_folder(self, folder: Path) -> None:
        self._print_folders.discard(folder)
        shutil.rmtree(folder, ignore_errors=True)

    # Calendar files -------------------------------------------------------------------

    def send_invitation(self) -> None:
        """The panel's invitation: an .eml draft (the default) or an .ics file."""
        meeting = self.shown.meeting()
        if meeting is not None:
            title = self.tr("Send Invitation")
            self._with_witnesses(
                meeting, lambda _w, warned: self._calendar_dialog(meeting, title, [], warned)
            )

    def invite_witness(self) -> None:
        """One witness's invitation, covering only their items."""
        meeting = self.shown.meeting()
        if meeting is not None:
            self._with_witnesses(meeting, partial(self._witness_dialog, meeting))

    def _witness_dialog(
        self, meeting: MeetingSummary, witnesses: list[WitnessSummary], warned: Warnings
    ) -> None:
        if not witnesses:
            self._inform(
                self.tr("No witness to invite"),
                self.tr(
                    "No witness is on the agenda of “{title}”. Assign witnesses to its items first."
                ).format(title=meeting.title),
            )
            return
        recipients = self._recipients(witnesses)
        self._calendar_dialog(meeting, self.tr("Invite a Witness"), recipients, warned)

    def send_cancellation(self) -> None:
        """The cancellation of a cancelled meeting, to the panel or to one witness."""
        meeting = self.shown.meeting()
        if meeting is not None:
            self._with_witnesses(meeting, partial(self._cancellation_dialog, meeting))

    def _cancellation_dialog(
        self, meeting: MeetingSummary, witnesses: list[WitnessSummary], warned: Warnings
    ) -> None:
        recipients = [Recipient(None, self.tr("The panel")), *self._recipients(witnesses)]
        title = self.tr("Send Cancellation")
        self._calendar_dialog(meeting, title, recipients, warned, cancel=True)

    def _calendar_dialog(
        self,
        meeting: MeetingSummary,
        title: str,
        recipients: list[Recipient],
        warned: Warnings,
        *,
        cancel: bool = False,
    ) -> None:
        exports = self.workspace.services.exports
        render = exports.cancellation if cancel else exports.invite
        word = self.tr("cancellation") if cancel else self.tr("invitation")
        stem = meeting_file_stem(meeting)
        only_witnesses = bool(recipients) and recipients[0].witness_id is not None
        dialog = self._dialog(
            title,
            meeting,
            self.tr("Save"),
            audience=False,
            recipients=recipients,
            recipient_label=self.tr("&Witness:") if only_witnesses else self.tr("&Send to:"),
            formats=[self._eml, self._ics],
            suggest=lambda c: file_name(stem, word, _suffix(c), who=_who(c)),
            warnings=warned,
        )

        def save(choice: ExportChoice) -> None:
            recipient = choice.recipient if choice.recipient else Recipient(None, "")
            if cancel:
                saved = (
                    self.tr("Saved cancellation for {name} to {path}.")
                    if recipient.witness_id
                    else self.tr("Saved cancellation to {path}.")
                )
            else:
                saved = (
                    self.tr("Saved invitation for {name} to {path}.")
                    if recipient.witness_id
                    else self.tr("Saved invitation to {path}.")
                )
            self._save(
                partial(render, meeting.id, _path(choice), recipient.witness_id),
                self.tr("Writing the cancellation…")
                if cancel
                else self.tr("Writing the invitation…"),
                _fill(saved, name=recipient.name),
                self.tr("The cancellation could not be written")
                if cancel
                else self.tr("The invitation could not be written"),
            )

        self._open(dialog, save)

    def export_programme(self) -> None:
        """All the review's meetings as one calendar file, public unless chosen."""
        review_id = self.shown.review_id()
        title = self.shown.review_title()
        if review_id is None or title is None:
            return
        dialog = self._dialog(
            self.tr("Export Programme"),
            title,
            self.tr("Export"),
            formats=[self._ics],
            suggest=lambda c: file_name(
                safe_file_name(title), self.tr("programme"), ".ics", c.audience
            ),
        )
        exports = self.workspace.services.exports

        def save(choice: ExportChoice) -> None:
            panel = choice.audience is Audience.PANEL
            self._save(
                partial(exports.publish, "programme", review_id, choice.audience, _path(choice)),
                self.tr("Saving the programme…"),
                self.tr("Saved panel programme (NOT FOR PUBLICATION) to {path}.")
                if panel
                else self.tr("Saved programme to {path}."),
                self.tr("The programme could not be exported"),
            )

        self._open(dialog, save)

    def _with_witnesses(
        self, meeting: MeetingSummary, then: Callable[[list[WitnessSummary], Warnings], None]
    ) -> None:
        """The witnesses on the agenda and the warnings of each file, read off the GUI
        thread; then ``then`` with both."""
        self.workspace.say(self.tr("Reading the witnesses on the agenda…"))

        def show(found: tuple[list[WitnessSummary], Warnings]) -> None:
            self.workspace.say("")
            then(*found)

        self.workspace.runner.submit(
            partial(witnesses_and_warnings, self.workspace.services, meeting),
            show,
            partial(self._failed, self.tr("The witnesses could not be read")),
        )

    def _recipients(self, witnesses: Iterable[WitnessSummary]) -> list[Recipient]:
        return [
            Recipient(
                w.id,
                w.name,
                ", ".join(x for x in (w.name, w.role, w.organisation) if x),
                None
                if w.email
                else self.tr("{name} has no e-mail address: add one under Witnesses first.").format(
                    name=w.name
                ),
            )
            for w in witnesses
        ]

    # Running --------------------------------------------------------------------------

    def export_folder(self) -> Path:
        return export_folder(self.workspace.settings)

    def _dialog(
        self,
        title: str,
        subject: MeetingSummary | str,
        ok_text: str,
        **options: object,
    ) -> ExportDialog:
        from .export_dialog import ExportDialog

        if isinstance(subject, MeetingSummary):
            when = QLocale().toString(QDate(subject.start.date()), QLocale.FormatType.LongFormat)
            subject = self.tr("{title}\n{date}").format(title=subject.title, date=when)
        return ExportDialog(
            self.window,
            title=title,
            subject=subject,
            ok_text=ok_text,
            folder=self.export_folder(),
            **options,  # type: ignore[arg-type]
        )

    def _open(self, dialog: ExportDialog, on_accept: Callable[[ExportChoice], None]) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self._forget_dialog(dialog))
        dialog.accepted.connect(lambda: on_accept(dialog.choice()))
        dialog.open()

    def _forget_dialog(self, dialog: ExportDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _save(
        self, work: Callable[[], Path | Exported], doing: str, saved: str, failed: str
    ) -> None:
        self.workspace.say(doing)
        self.workspace.runner.submit(
            partial(recorded, work), partial(self._saved, saved), partial(self._failed, failed)
        )

    def _saved(self, message: str, outcome: tuple[Path | Exported, Topics]) -> None:
        from ...services.exporting import Exported  # imported by the export that ran

        result, topics = outcome
        if topics:  # an invitation or cancellation recorded as issued: pages read again
            self.workspace.editor.changed.emit(topics)
        path = result.path if isinstance(result, Exported) else result
        if isinstance(result, Exported) and result.private_witnesses:
            # Said after the export, in the window: the paper names them to the public.
            self.private_warning = warn_private_witnesses_named(
                self.window, path.name, result.private_witnesses
            )
        self.workspace.settings.last_export_folder = str(path.parent)
        text = _fill(message, path=str(path))
        if not self.opener(path):
            text += " " + self.tr("No program is set up to open it.")
        self.workspace.say(text)

    def _failed(self, title: str, exc: Exception) -> None:
        self.workspace.say(title + ".")
        self.workspace.report_error(title, exc)

    def _inform(self, title: str, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setObjectName("exportNotice")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box


def _path(choice: ExportChoice) -> Path:
    assert choice.path is not None, "only dialogs with a file format are saved"
    return choice.path


def _suffix(choice: ExportChoice) -> str:
    return choice.file_format.suffix if choice.file_format else ".eml"


def _who(choice: ExportChoice) -> str:
    recipient = choice.recipient
    return recipient.name if recipient and recipient.witness_id else ""


def _fill(template: str, **values: str) -> str:
    """``template`` with ``{name}`` replaced; unlike ``format``, braces in values are safe."""
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def _remove_folders(folders: set[Path]) -> None:
    for folder in list(folders):
        shutil.rmtree(folder, ignore_errors=True)
    folders.clear()
