"""A focus frame a clerk can see from across the desk.

Platform styles mark focus faintly (Fusion: a thin tinted line), and a clerk who works
from the keyboard must see at a glance where typing goes. ``FocusFrame`` follows the
application's focus and lays a 2-pixel frame in the palette's highlight colour over
the edge of the focused text field, button, combo box, tool button, list or table:
one small child widget of the focused widget, masked to its edge and transparent to
the mouse, painted above everything else in it (a list's rows too). Everything else
is the platform's drawing, untouched.

Neither a style sheet nor a proxy style: a style sheet on the window made every widget
under it use Qt's style-sheet engine (a third more time to build and show the window,
and every button lost its platform look); a Python proxy of the application's style
ran Python for every primitive of every widget painted (several hundred calls as the
window first appeared, each waiting for Python's lock while a worker thread ran, and
the first of them made PySide create Python types and enums by the dozen). The frame
costs one Python call when focus moves and one when the framed widget's edge repaints.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

FRAME_WIDTH = 2
#: What the framed widget does that moves its frame: a new size, a new child to stay above.
_REFIT = frozenset({QEvent.Type.Resize, QEvent.Type.ChildAdded})


def framed_widget(focused: QWidget | None) -> QWidget | None:
    """The widget to frame when ``focused`` has focus (None: none).

    Framed: a text field with a frame, a button that is not flat, a tool button, a
    combo box (an editable one's field frames the whole box), and a list or table with
    a frame; not a spin box or date field, a text area, a check box or a tab bar."""
    if focused is None:
        return None
    if isinstance(focused, QLineEdit):
        parent = focused.parentWidget()
        if isinstance(parent, QComboBox):
            return parent
        if isinstance(parent, QAbstractSpinBox) or not focused.hasFrame():
            return None
        return focused
    if isinstance(focused, QPushButton):
        return None if focused.isFlat() else focused
    if isinstance(focused, QToolButton | QComboBox):
        return focused
    if isinstance(focused, QAbstractItemView):
        return None if focused.frameShape() == QFrame.Shape.NoFrame else focused
    return None


class _Edge(QWidget):
    """The frame itself: a child over the whole framed widget, masked to its edge."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self.setObjectName("focusFrame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.fit()

    def fit(self) -> None:
        """Cover the framed widget's edge, above its other children."""
        parent = self.parentWidget()
        if parent is None:
            return
        whole = parent.rect()
        self.setGeometry(whole)
        inset = FRAME_WIDTH
        inner = whole.adjusted(inset, inset, -inset, -inset)
        self.setMask(QRegion(whole).subtracted(QRegion(inner)))
        self.raise_()

    def paintEvent(self, _event: QPaintEvent) -> None:
        if not self.isEnabled():
            group = QPalette.ColorGroup.Disabled
        elif self.isActiveWindow():
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(group, QPalette.ColorRole.Highlight))
        painter.end()


class FocusFrame(QObject):
    """Frames the focused widget (see the module); one per application."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusFrameFollower")
        self._edge: _Edge | None = None
        app.focusChanged.connect(self._on_focus_changed)
        self._on_focus_changed(None, app.focusWidget())

    def edge(self) -> _Edge | None:
        """The frame on show (None: no widget framed)."""
        edge = self._edge
        return edge if edge is not None and shiboken6.isValid(edge) else None

    def _on_focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        target = framed_widget(now)
        edge = self.edge()
        if edge is not None:
            if edge.parentWidget() is target:
                return
            owner = edge.parentWidget()
            if owner is not None:
                owner.removeEventFilter(self)
            edge.hide()
            edge.deleteLater()
        self._edge = None
        if target is None:
            return
        self._edge = _Edge(target)
        target.installEventFilter(self)
        self._edge.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in _REFIT
            and (edge := self.edge()) is not None
            and watched is edge.parentWidget()
        ):
            edge.fit()
        return False


_follower: FocusFrame | None = None


def install_focus_frame() -> None:
    """Frame focus in every window of the application (once; windows made later too)."""
    global _follower
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _follower is not None and shiboken6.isValid(_follower) and _follower.parent() is app:
        return
    _follower = FocusFrame(app)


def focus_frame() -> FocusFrame | None:
    """The application's focus frame, once installed."""
    return _follower if _follower is not None and shiboken6.isValid(_follower) else None
