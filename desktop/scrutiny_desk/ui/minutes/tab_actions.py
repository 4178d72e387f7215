"""How the Minutes tab's panes make their actions and buttons, one way: an action with
a status tip, its shortcut in the tooltip, and (for a table's own keys) shortcuts that
belong to that table while it has the focus (``ViewKeys``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolButton, QWidget

from ..shared.meeting_tab import ViewKeys


def make_action(
    owner: QWidget,
    text: str,
    tip: str,
    slot: Callable[[], Any],
    keys: str = "",
    target: QWidget | None = None,
) -> QAction:
    """An action of ``owner`` (or of the table ``target``, its keys the table's own)."""
    made = QAction(text, owner)
    made.setStatusTip(tip)
    made.setToolTip(f"{tip} ({QKeySequence(keys).toString()})" if keys else tip)
    if keys:
        made.setShortcut(QKeySequence(keys))
        made.setShortcutContext(
            Qt.ShortcutContext.WidgetShortcut
            if target is not None
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
    made.triggered.connect(lambda _checked=False: slot())
    if target is None:
        owner.addAction(made)
    else:
        ViewKeys(target, [made])
    return made


def text_button(action: QAction) -> QToolButton:
    """A button showing the action's text, named for it without the mnemonic."""
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
    return button
