"""What the pages share: a row of buttons for their actions."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QToolButton


def action_buttons(actions: Sequence[QAction | None]) -> QHBoxLayout:
    """A button per action (None: a gap), showing the action's text with its mnemonic
    and ellipsis, enabled and checked as the action is."""
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for action in actions:
        if action is None:
            row.addSpacing(12)
            continue
        action.setIconText(action.text())  # keep "&" and "…" on the button
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        if action.menu() is not None:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row.addWidget(button)
    row.addStretch(1)
    return row
