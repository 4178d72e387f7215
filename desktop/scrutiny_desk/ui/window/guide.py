"""Help > User Guide (F1): the action, and the one help window it opens.

The action is in the Help menu from the start; the help window (``help_window``, with
its text browser) is imported and made the first time the clerk asks for the guide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from ..shared.settings import Settings

if TYPE_CHECKING:
    from .help_window import HelpWindow


class Guide(QObject):
    """Help > User Guide (F1): the one help window, made when first asked for."""

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self._parent = parent
        self._settings = settings
        self.window: HelpWindow | None = None
        self.action = QAction(self.tr("&User Guide"), parent)
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.action.setStatusTip(
            self.tr("How to do a clerk's daily tasks in Scrutiny Desk ({keys})").format(keys=keys)
        )
        self.action.triggered.connect(lambda _checked=False: self.show())

    def show(self, section: str = "") -> HelpWindow:
        """Show the help window (made once, then reused), at a section if one is named."""
        if self.window is None:
            from .help_window import HelpWindow

            self.window = HelpWindow(self._settings, self._parent)
        if section:
            self.window.show_section(section)
        if self.window.isVisible():  # open behind the main window: bring it forward
            self.window.raise_()
        else:
            self.window.show()
        self.window.activateWindow()
        return self.window
