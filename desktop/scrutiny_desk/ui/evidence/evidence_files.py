"""The Evidence page's attached file: attach one (chosen or dropped), open a
read-only copy, save a copy, remove it.

Files are read and written off the GUI thread. Opening a file writes a read-only copy
into a private temporary folder of the app's cache and hands it to the system viewer:
the database copy is never touched, and two openings never overwrite each other. The
copy's name is one Windows accepts, and its path stays under Windows' 260 characters
(the name is shortened, its extension kept, when the cache folder is deep).

A file of a type that runs a program when opened (``file_names.can_run_code``: .exe,
.js, .lnk ...) is never opened: evidence comes from outside the council, and nothing a
clerk does with it needs the app to start a program. Asked to open one, the page says
so and offers to save a copy instead, a deliberate step the clerk takes knowingly.
Attaching and removing are undo steps (``evidence_commands``). The page owns an
``EvidenceFiles`` and gives it only the evidence selected (``EvidenceRegister``).
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ... import paths
from ...domain.errors import ValidationError
from ...domain.evidence_records import EvidenceEntry, clean_file_name
from ...domain.file_names import (
    WINDOWS_MAX_PATH,
    can_run_code,
    fit_path,
    portable_file_name,
    visible,
)
from ...domain.records import EvidenceFile
from ...paths import export_dir
from ...services.files import write_atomically

if TYPE_CHECKING:
    from ..shared.workspace import Workspace
    from .evidence_commands import EvidenceEdits
    from .evidence_selection import EvidenceRegister

KEEP_OPENED_S = 24 * 3600  # how long copies handed to a viewer are kept
#: The page's maker of an action: (text, tip, slot, keys) -> an action on the page.
MakeAction = Callable[..., QAction]


#: A copy's folder within ``opened_files_dir``: the prefix and mkdtemp's 8 characters.
COPY_FOLDER_PREFIX = "evidence-"
#: The shortest name a copy is given before a shallower folder is used instead.
SHORTEST_COPY_NAME = 24


def opened_files_dir() -> Path:
    """Where opened attachments are copied: the app's cache folder, or the system's
    temporary folder when the cache is too deep for a copy's path to stay under
    Windows' 260 characters (a portable install deep in a network share)."""
    base = paths.cache_dir() / "opened"
    deepest = base / (COPY_FOLDER_PREFIX + "x" * 8) / ("x" * SHORTEST_COPY_NAME)
    if len(str(deepest.absolute())) < WINDOWS_MAX_PATH:
        return base
    return Path(tempfile.gettempdir()) / "scrutiny-desk-opened"


def copy_name(name: str) -> str:
    """The name a copy of an attachment called ``name`` is given on disk."""
    return portable_file_name(clean_file_name(name), fallback="attachment")


def private_copy(file: EvidenceFile) -> Path:
    """Write the file into a new private folder (0700), read-only, under its clean name
    (shortened when the path would be too long for Windows). Copies opened more than a
    day ago are cleared away first."""
    base = opened_files_dir()
    base.mkdir(parents=True, exist_ok=True)
    sweep_old_copies(base)
    folder = Path(tempfile.mkdtemp(prefix=COPY_FOLDER_PREFIX, dir=base)).absolute()
    name = copy_name(file.name)
    path = folder / (fit_path(str(folder), name) or name)
    with open(path, "xb") as handle:
        handle.write(file.content)
    path.chmod(stat.S_IRUSR)
    return path


def sweep_old_copies(base: Path, max_age_s: float = KEEP_OPENED_S) -> None:
    """Remove the folders of copies opened longer ago than ``max_age_s``; a copy still
    open in a viewer that locks it (Windows) is left for next time."""
    now = time.time()
    for folder in base.glob(COPY_FOLDER_PREFIX + "*"):
        try:
            if now - folder.stat().st_mtime < max_age_s:
                continue
            for child in folder.iterdir():
                child.chmod(stat.S_IRUSR | stat.S_IWUSR)
                child.unlink()
            folder.rmdir()
        except OSError:
            continue


class EvidenceFiles(QObject):
    """The page's file actions: made with what they need of the page, never the page."""

    def __init__(
        self,
        workspace: Workspace,
        edits: EvidenceEdits,
        register: EvidenceRegister,
        action: MakeAction,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.evidence = workspace.services.evidence
        self.edits = edits
        self.register = register
        self._parent = parent
        self.error: QMessageBox | None = None  # the last message shown, for tests
        self.question: QMessageBox | None = None  # the last "can run a program", for tests
        self.opened: list[Path] = []  # copies handed to the system viewer
        self.attach_action = action(
            self.tr("&Attach File…"),
            self.tr(
                "Attach a file to the selected evidence, replacing any there is "
                "(or drop a file on the details)"
            ),
            self.choose_file,
            "Ctrl+Shift+A",
        )
        self.open_action = action(
            self.tr("Open File"),
            self.tr("Open a read-only copy of the attached file"),
            self.open_file,
            "Ctrl+Shift+O",
        )
        self.save_copy_action = action(
            self.tr("Save a Copy…"),
            self.tr("Save a copy of the attached file"),
            self.choose_copy_path,
        )
        self.remove_file_action = action(
            self.tr("Remove File"), self.tr("Remove the attached file"), self.remove_current_file
        )

    def file_actions(self) -> list[QAction]:
        return [
            self.attach_action,
            self.open_action,
            self.save_copy_action,
            self.remove_file_action,
        ]

    def update_actions(self, editable: bool, entry: EvidenceEntry | None) -> None:
        has_file = entry is not None and entry.file is not None
        self.attach_action.setEnabled(editable and entry is not None)
        self.open_action.setEnabled(has_file)
        self.save_copy_action.setEnabled(has_file)
        self.remove_file_action.setEnabled(editable and has_file)

    def choose_file(self) -> None:
        if not self.attach_action.isEnabled():
            return
        path, _filter = QFileDialog.getOpenFileName(
            self._parent, self.tr("Attach a File to the Evidence"), str(Path.home())
        )
        if path:
            self.attach_path(path)

    def attach_path(self, path: str) -> None:
        """Attach the file at ``path`` to the selected evidence: its size is checked
        first, then it is read off the GUI thread and attached as one step."""
        entry = self.register.current()
        review_id = self.register.review_id
        if entry is None or review_id is None or not self.register.editable:
            return
        self.register.save_pending()
        name = os.path.basename(path)
        title = self.tr("The file could not be attached")
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            self.error = self.workspace.report_error(
                title, self.tr("{name} cannot be read: {why}").format(name=name, why=exc.strerror)
            )
            return
        try:
            self.evidence.check_file(review_id, entry.id, size, name)
        except ValidationError as exc:
            self.error = self.workspace.report_error(title, _file_message(name, exc))
            return
        key = entry.key

        def read() -> bytes:
            return Path(path).read_bytes()

        def done(content: bytes) -> None:
            current = self.register.latest(review_id, key)
            if current is not None:
                self.edits.attach_content(current, name, content)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, OSError):
                self.error = self.workspace.report_error(title, exc)
                return
            self.error = self.workspace.report_error(
                title, self.tr("{name} cannot be read: {why}").format(name=name, why=exc.strerror)
            )

        self.workspace.runner.submit(read, done, failed)

    def open_file(self) -> None:
        """Open a read-only copy in the system's viewer; a file that would run a program
        is not opened: the clerk is offered to save a copy instead."""
        entry = self.register.current()
        if entry is None or entry.file is None:
            return
        if can_run_code(entry.file.name):
            self.refuse_to_run(entry.file.name)
            return
        evidence_id = entry.id

        def copy() -> Path:
            return private_copy(self.evidence.file(evidence_id))

        def done(path: Path) -> None:
            if can_run_code(path.name):  # replaced by a colleague since the list was read
                discard_copy(path)
                self.refuse_to_run(path.name)
                return
            self.opened.append(path)
            if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
                self.error = self.workspace.report_error(
                    self.tr("The file could not be opened"),
                    self.tr(
                        "No program on this computer opens {name}. Save a copy and open "
                        "it from there."
                    ).format(name=path.name),
                )

        self.workspace.runner.submit(copy, done, self._file_failed)

    def refuse_to_run(self, name: str) -> QMessageBox:
        """Say that ``name`` would run a program and is not opened; offer to save a
        copy (the default) or to leave it. Opens window-modal and returns at once."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("This File Can Run a Program"),
            self.tr("{name} can run a program on this computer.").format(name=visible(name)),
            QMessageBox.StandardButton.Cancel,
            self._parent,
        )
        box.setObjectName("runnableFileQuestion")
        box.setInformativeText(
            self.tr(
                "Files that start a program are not opened from Scrutiny Desk: a program "
                "can pass for evidence and act with your access to the council's files. "
                "Save a copy if you need to keep it, and ask your IT support before running "
                "it."
            )
        )
        save = box.addButton(self.tr("Save a Copy…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(save)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is save:
                self.choose_copy_path()

        box.finished.connect(answered)
        self.question = box
        box.open()
        return box

    def choose_copy_path(self) -> None:
        entry = self.register.current()
        if entry is None or entry.file is None:
            return
        folder = export_dir()
        name = copy_name(entry.file.name)
        suggested = folder / name if folder.is_dir() else Path.home() / name
        path, _filter = QFileDialog.getSaveFileName(
            self._parent, self.tr("Save a Copy of the File"), str(suggested)
        )
        if path:
            self.save_copy_to(path)

    def save_copy_to(self, path: str) -> None:
        entry = self.register.current()
        if entry is None or entry.file is None:
            return
        evidence_id = entry.id

        def write() -> Path:
            return write_atomically(path, self.evidence.file(evidence_id).content)

        def done(written: Path) -> None:
            self.workspace.editor.saved.emit(self.tr("Saved a copy: {0}").format(str(written)))

        self.workspace.runner.submit(write, done, self._file_failed)

    def _file_failed(self, exc: Exception) -> None:
        title = self.tr("The file could not be copied")
        if isinstance(exc, OSError) and exc.strerror:  # the system's words: a full disc...
            self.error = self.workspace.report_error(title, exc.strerror)
        else:
            self.error = self.workspace.report_error(title, exc)

    def remove_current_file(self) -> None:
        entry = self.register.current()
        if entry is None or not self.remove_file_action.isEnabled():
            return
        self.register.save_pending()
        current = self.register.latest(self.register.review_id, entry.key)
        if current is not None:
            self.edits.remove_file(current)


def discard_copy(path: Path) -> None:
    """Remove a copy written to open and its folder."""
    try:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        path.unlink()
        path.parent.rmdir()
    except OSError:
        pass  # swept with the others after a day


def _file_message(name: str, error: ValidationError) -> str:
    """A problem as a sentence about the file: "report.pdf is 25 MB; ...", the name's
    hidden characters shown ("pwned[U+202E]exe.txt has a name that contains ...")."""
    return "\n".join(f"{visible(name)} {p.message}" for p in error.problems)
