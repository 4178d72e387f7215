"""The Evidence page's attached file: attach one (chosen or dropped), open a
read-only copy, save a copy, remove it.

Files are read and written off the GUI thread. Opening a file writes a read-only copy
into a private temporary folder of the app's cache and hands it to the system viewer:
the database copy is never touched, and two openings never overwrite each other.
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

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ... import paths
from ...domain.errors import ValidationError
from ...domain.evidence_records import EvidenceEntry, clean_file_name
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


def opened_files_dir() -> Path:
    """Where opened attachments are copied: the app's cache folder."""
    return paths.cache_dir() / "opened"


def private_copy(file: EvidenceFile) -> Path:
    """Write the file into a new private folder (0700), read-only, under its clean name.
    Copies opened more than a day ago are cleared away first."""
    base = opened_files_dir()
    base.mkdir(parents=True, exist_ok=True)
    sweep_old_copies(base)
    folder = Path(tempfile.mkdtemp(prefix="evidence-", dir=base))
    path = folder / (clean_file_name(file.name) or "attachment")
    with open(path, "xb") as handle:
        handle.write(file.content)
    path.chmod(stat.S_IRUSR)
    return path


def sweep_old_copies(base: Path, max_age_s: float = KEEP_OPENED_S) -> None:
    """Remove the folders of copies opened longer ago than ``max_age_s``; a copy still
    open in a viewer that locks it (Windows) is left for next time."""
    now = time.time()
    for folder in base.glob("evidence-*"):
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
            self.evidence.check_file(review_id, entry.id, size)
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
        entry = self.register.current()
        if entry is None or entry.file is None:
            return
        evidence_id = entry.id

        def copy() -> Path:
            return private_copy(self.evidence.file(evidence_id))

        def done(path: Path) -> None:
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

    def choose_copy_path(self) -> None:
        entry = self.register.current()
        if entry is None or entry.file is None:
            return
        folder = export_dir()
        suggested = folder / entry.file.name if folder.is_dir() else Path.home() / entry.file.name
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


def _file_message(name: str, error: ValidationError) -> str:
    """A size problem as a sentence about the file: "report.pdf is 25 MB; ..."."""
    return "\n".join(f"{name} {p.message}" for p in error.problems)
