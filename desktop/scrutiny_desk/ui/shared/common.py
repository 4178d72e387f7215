"""What the pages share: their actions, and a row of buttons for them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget


def page_action(
    owner: QWidget,
    text: str,
    tip: str,
    slot: Callable[[], Any],
    keys: str = "",
    *,
    add: bool = False,
) -> QAction:
    """An action of a page or a section of one: its tip in the status bar and the
    tooltip (with the shortcut, as the platform writes it), the shortcut working
    anywhere inside ``owner``, and ``slot`` called without the checked flag. With
    ``add`` the action is added to ``owner`` so the shortcut works without a button."""
    made = QAction(text, owner)
    made.setStatusTip(tip)
    shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
    made.setToolTip(f"{tip} ({shown})" if keys else tip)
    if keys:
        made.setShortcut(QKeySequence(keys))
        made.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    made.triggered.connect(lambda _checked=False: slot())
    if add:
        owner.addAction(made)
    return made


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
