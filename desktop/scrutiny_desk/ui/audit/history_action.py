"""History… on the record pages and in the Edit menu.

A page offers History… on its table's context menu with one line::

    add_history(self.view, workspace, "witnesses", self.current_witness)

(the table the trail names, and what gives the record chosen: anything with an
``id``). Edit > History… (Ctrl+H) opens the History of the table with focus, else of
the first table in view with a record chosen, so the page needs nothing more. A
record's History stays open beside the page; asking again for the same record
brings its window to the front.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from ..shared.workspace import Workspace

if TYPE_CHECKING:
    from .history_dialog import HistoryDialog

Target = tuple[str, int]

#: Edit > History…: browsers' key for history, free in every page.
HISTORY_KEYS = "Ctrl+H"


class _HasId(Protocol):
    @property
    def id(self) -> int: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("History", text)


class HistoryAction(QAction):
    """History… of the record ``target()`` gives (table and id; None: none chosen)."""

    def __init__(
        self, workspace: Workspace, view: QWidget, target: Callable[[], Target | None]
    ) -> None:
        # Alt+H is the Help menu's: Y for the buttons and menus that show this
        super().__init__(_tr("Histor&y…"), view)
        self.view = view
        self.target = target
        self._workspace = workspace
        self._open: list[HistoryDialog] = []
        self.setStatusTip(_tr("Who changed the chosen record, what and when"))
        self.triggered.connect(lambda _checked=False: self.open())

    @property
    def dialogs(self) -> list[HistoryDialog]:
        """The History windows this action opened that are still open."""
        self._open = [d for d in self._open if shiboken6.isValid(d) and d.isVisible()]
        return list(self._open)

    def open(self) -> HistoryDialog | None:
        """Show the History of the chosen record (None: no record is chosen)."""
        target = self.target()
        if target is None:
            self._workspace.say(_tr("Choose a record first, then ask for its History."))
            return None
        for dialog in self.dialogs:
            if dialog.shows(*target):
                dialog.raise_()
                dialog.activateWindow()
                return dialog
        from .history_dialog import HistoryDialog  # when first asked for: not at start

        dialog = HistoryDialog(self._workspace, *target)
        self._open.append(dialog)
        dialog.show()
        return dialog


def add_history(
    view: QAbstractItemView,
    workspace: Workspace,
    record_kind: str,
    current: Callable[[], _HasId | None],
) -> HistoryAction:
    """History… at the foot of ``view``'s context menu, for the record ``current()``
    gives, of the table ``record_kind``."""

    def target() -> Target | None:
        record = current()
        return None if record is None else (record_kind, record.id)

    action = HistoryAction(workspace, view, target)
    action.setObjectName(f"{record_kind}HistoryAction")
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    separator = QAction(view)
    separator.setSeparator(True)  # a leading separator is not drawn
    view.addActions([separator, action])
    return action


def history_in_view(page: QWidget | None) -> HistoryAction | None:
    """The History… that Edit > History… means: the focused table's, else that of
    the first table on ``page`` in view with a record chosen, else any in view."""
    widget = QApplication.focusWidget()
    while widget is not None:
        for action in widget.actions():
            if isinstance(action, HistoryAction) and action.target() is not None:
                return action
        widget = widget.parentWidget()
    if page is None:
        return None
    shown = [
        a for a in page.findChildren(QAction) if isinstance(a, HistoryAction) and a.view.isVisible()
    ]
    return next((a for a in shown if a.target() is not None), shown[0] if shown else None)


def history_menu_action(
    workspace: Workspace, page_in_view: Callable[[], QWidget | None]
) -> QAction:
    """Edit > History… (Ctrl+H) for the record chosen on the page in view."""
    action = QAction(_tr("&History…"), workspace.window)
    action.setObjectName("historyAction")
    action.setShortcut(QKeySequence(HISTORY_KEYS))
    action.setStatusTip(_tr("Who changed the record chosen on this page, what and when"))

    def open_in_view() -> None:
        found = history_in_view(page_in_view())
        if found is None:
            workspace.say(_tr("This page has no records with a history: choose one on another."))
            return
        found.open()

    action.triggered.connect(lambda _checked=False: open_in_view())
    return action
