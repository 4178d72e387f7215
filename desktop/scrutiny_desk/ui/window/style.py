"""A focus frame a clerk can see from across the desk.

Platform styles mark focus faintly (Fusion: a thin tinted line), and a clerk who works
from the keyboard must see at a glance where typing goes. ``FocusFrameStyle`` wraps the
application's own style and draws a 2-pixel frame in the palette's highlight colour
round the focused text field or button, and round the focused list or table (whose
rows paint over the inner half of it: the record tables, which have a style sheet of
their own for their cells' padding, draw the whole frame there, ``shared.tables``).
Everything else is the platform's drawing, untouched.

A proxy style, not a style sheet: a style sheet on the window made every widget under
it use Qt's style-sheet engine, which cost a third more time to build and show the
window and changed how every button looks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

FRAME_WIDTH = 2

_Primitive = QStyle.PrimitiveElement
_FRAMED_PRIMITIVES = frozenset({_Primitive.PE_FrameLineEdit, _Primitive.PE_PanelButtonCommand})


def _has_focus(option: QStyleOption) -> bool:
    return bool(option.state & QStyle.StateFlag.State_HasFocus)  # type: ignore[attr-defined]  # QStyleOption.state: the stubs miss it


def _frame(option: QStyleOption, painter: QPainter) -> None:
    painter.save()
    colour = option.palette.color(QPalette.ColorRole.Highlight)  # type: ignore[attr-defined]  # as above
    painter.setPen(QPen(colour, FRAME_WIDTH))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = FRAME_WIDTH // 2
    painter.drawRect(option.rect.adjusted(inset, inset, -inset, -inset))  # type: ignore[attr-defined]  # as above
    painter.restore()


class FocusFrameStyle(QProxyStyle):
    """The application's style, with the focused field, list or button framed."""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMED_PRIMITIVES and _has_focus(option):
            _frame(option, painter)

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawControl(element, option, painter, widget)
        if (
            element == QStyle.ControlElement.CE_ShapedFrame
            and isinstance(widget, QAbstractItemView)
            and widget.hasFocus()
        ):
            _frame(option, painter)


def install_focus_frame() -> None:
    """Frame focus in every window of the application (once; windows made later too)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or isinstance(app.style(), FocusFrameStyle):
        return
    app.setStyle(FocusFrameStyle(app.style().name()))
