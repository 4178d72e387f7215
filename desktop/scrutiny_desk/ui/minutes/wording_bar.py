"""The strip above a standard item's empty minute (apologies, declarations, the previous
minutes): the minutes print the wording the record gives it, shown in the editor as a
placeholder, and "Use the Recorded Wording" copies it into the minute to edit (one undo
step). Once the clerk writes the minute, the minutes print what was written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from .tab_actions import make_action, text_button


class WordingBar(QWidget):
    def __init__(self, use: Callable[[], Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordedWording")
        self.note = QLabel(
            self.tr(
                "The minutes print the record's wording, shown below, until a minute is written."
            )
        )
        self.note.setWordWrap(True)
        self.use_action = make_action(
            self,
            self.tr("&Use the Recorded Wording"),
            self.tr("Copy the wording the record gives this item into its minute, to edit"),
            use,
        )
        self.button: QToolButton = text_button(self.use_action)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)
        self.hide()

    def offer(self, wording: str | None, writable: bool) -> None:
        """Show the strip while there is recorded wording to use."""
        self.setVisible(bool(wording))
        self.use_action.setEnabled(bool(wording) and writable)
