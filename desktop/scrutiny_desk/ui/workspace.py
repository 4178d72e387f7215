"""What every workspace page and editor is given, and what it promises.

A page (Overview, Meetings, Witnesses, Panel ...) or a meeting tab (Agenda, Attendance,
Minutes) is a QWidget built with a ``Workspace``. It reads through
``workspace.services`` (slow reads through ``workspace.runner``), changes data only
through ``workspace.editor.perform(...)`` (one service call, one undo step), and
reloads what it shows when the main window calls ``reload(kinds)`` after any change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from ..services.container import Services
from .commands import Editor
from .settings import Settings
from .tasks import TaskRunner


@dataclass
class Workspace:
    services: Services
    editor: Editor
    runner: TaskRunner
    settings: Settings
    window: QWidget  # parent for dialogs and message boxes

    @property
    def read_only(self) -> bool:
        return self.services.db.read_only

    def show_error(self, title: str, message: str) -> QMessageBox:
        """A window-modal warning; the message says what went wrong and what to do."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.window
        )
        box.setWindowModality(box.windowModality().WindowModal)
        box.open()
        return box


class Page(Protocol):
    """A page of the navigation list."""

    def show_review(self, review_id: int | None) -> None:
        """Show that review (None: no review is open)."""

    def reload(self, kinds: tuple[str, ...]) -> None:
        """Data of these kinds changed (see ui.commands); read again what is shown."""


class MeetingTab(Protocol):
    """A tab under the selected meeting (Agenda, Attendance, Minutes)."""

    def show_meeting(self, review_id: int | None, meeting_id: int | None) -> None: ...

    def reload(self, kinds: tuple[str, ...]) -> None: ...
