"""The window's keyboard and toolbar helpers: the Go menu's page shortcuts, and
toolbar buttons with short fixed labels standing in for actions whose text grows.

Ctrl+1 .. Ctrl+0 show the first ten pages in navigation order (Panel and Personal
Data are in the Go menu without one, the Audit Log has Ctrl+Shift+H). A tab may give
the same keys a meaning of its own while focus is in it (Attendance: Ctrl+1 present ... Ctrl+0 not
recorded); two enabled shortcuts for one key would cancel each other out (Qt calls that
ambiguous and runs neither), so while focus is in such a widget the page action with
that key steps aside (``PageShortcuts``).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import zip_longest

from PySide6.QtCore import QMetaObject, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from ..shared.workspace import PageId

#: The keys of the pages, in navigation order.
PAGE_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0")
#: Pages after the tenth with a key of their own (H: history).
OTHER_PAGE_KEYS = {PageId.AUDIT_LOG: "Ctrl+Shift+H"}


def page_label(page: PageId) -> str:
    """The page's name in the Go menu, with its mnemonic (each letter unique there)."""
    tr = QApplication.translate
    labels = {
        PageId.OVERVIEW: tr("GoMenu", "&Overview"),
        PageId.TERMS: tr("GoMenu", "&Terms of Reference"),
        PageId.MEETINGS: tr("GoMenu", "&Meetings"),
        PageId.WITNESSES: tr("GoMenu", "&Witnesses"),
        PageId.EVIDENCE: tr("GoMenu", "&Evidence"),
        PageId.NOTES: tr("GoMenu", "&Notes"),
        PageId.COVERAGE: tr("GoMenu", "&Coverage"),
        PageId.RECOMMENDATIONS: tr("GoMenu", "&Recommendations"),
        PageId.REPORT: tr("GoMenu", "Re&port"),
        PageId.FOLLOW_UP: tr("GoMenu", "&Follow-up"),
        PageId.PANEL: tr("GoMenu", "P&anel"),
        PageId.PERSONAL_DATA: tr("GoMenu", "Personal &Data"),
        PageId.AUDIT_LOG: tr("GoMenu", "Audit &Log"),
    }
    return labels[page]


def page_actions(window: QWidget, show_page: Callable[[PageId], None]) -> list[QAction]:
    """One action per page, Ctrl+1 .. Ctrl+0 in navigation order (pages after the
    tenth have none)."""
    actions = []
    for page, key in zip_longest(PageId, PAGE_KEYS):
        action = QAction(page_label(page), window)
        if key is not None or page in OTHER_PAGE_KEYS:
            action.setShortcut(QKeySequence(OTHER_PAGE_KEYS.get(page, f"Ctrl+{key}")))
        action.setStatusTip(
            QApplication.translate("GoMenu", "Show the {page} page").format(
                page=page_label(page).replace("&", "")
            )
        )
        action.setData(page)
        action.triggered.connect(lambda _checked=False, page=page: show_page(page))
        actions.append(action)
    PageShortcuts(window, actions)
    return actions


class PageShortcuts(QObject):
    """Keeps the page shortcuts out of the way of the focused widget's own shortcuts,
    as focus moves and as those shortcuts are enabled and disabled."""

    def __init__(self, window: QWidget, actions: list[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._actions = actions
        self._watched: list[QAction] = []
        self._connections: list[QMetaObject.Connection] = []
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        for connection in self._connections:
            QObject.disconnect(connection)  # False once the action has gone: fine
        self._watched = _local_actions(now, self._window)
        self._connections = [action.changed.connect(self._update) for action in self._watched]
        self._update()

    def _update(self) -> None:
        taken = {
            key.toString()
            for action in self._watched
            if action.isEnabled()
            for key in action.shortcuts()
        }
        for action in self._actions:
            action.setEnabled(action.shortcut().toString() not in taken)


def _local_actions(widget: QWidget | None, window: QWidget) -> list[QAction]:
    """The actions with widget-level shortcuts on ``widget`` and its parents up to
    ``window`` (none if focus is outside the window)."""
    local = (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut)
    chain = []
    while widget is not None:
        chain.append(widget)
        if widget is window:
            break
        widget = widget.parentWidget()
    else:
        return []
    found = (
        action
        for each in chain
        for action in each.actions()
        if action.shortcutContext() in local and not action.shortcut().isEmpty()
    )
    return list(dict.fromkeys(found))  # an action may sit on a widget and its view


class ShortLabel(QAction):
    """A toolbar stand-in for ``source`` (Undo, Redo) with a short fixed label: it
    triggers ``source`` and follows its enabled and visible state, and its tooltip
    carries the source's full text ("Undo Delete note (Ctrl+Z)")."""

    def __init__(self, source: QAction, label: str, parent: QObject) -> None:
        super().__init__(label, parent)
        self._source = source
        self.setObjectName(f"{label.lower()}ToolbarAction")
        self.triggered.connect(source.trigger)
        source.changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        source = self._source
        self.setEnabled(source.isEnabled())
        self.setVisible(source.isVisible())
        text = source.text().replace("&", "")
        keys = source.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setToolTip(f"{text} ({keys})" if keys else text)
