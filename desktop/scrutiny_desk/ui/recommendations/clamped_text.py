"""A table cell of long text that wraps over at most a few lines and ends with "…".

The recommendations list is read, not scanned: the text should have the room, but one
long recommendation should not make its row half the list high. The whole text is in
the cell's tooltip and in the editor beside the list.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex

#: What breaks a line in a cell (Qt's item views drop "\n" from a text they draw).
LINE_BREAK = "\u2028"

#: Rows show this many lines of text at most.
MOST_LINES = 3


def clamp_lines(text: str, font: QFont, width: float, lines: int) -> str:
    """``text`` wrapped at ``width`` pixels, cut to ``lines`` lines, the last ending in
    "…" if anything was cut; the lines joined by ``LINE_BREAK``."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    starts: list[tuple[int, int]] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(starts) <= lines:
        return text
    shown = [text[start : start + length].rstrip() for start, length in starts[: lines - 1]]
    rest = text[starts[lines - 1][0] :]
    last = QFontMetricsF(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return LINE_BREAK.join([*shown, last])


class ClampedTextDelegate(QStyledItemDelegate):
    """Draws its column's text over at most ``lines`` lines (the view wraps words)."""

    def __init__(self, parent: QWidget | None = None, lines: int = MOST_LINES) -> None:
        super().__init__(parent)
        self.lines = lines

    def _text_width(self, option: QStyleOptionViewItem) -> float:
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return float(option.rect.width())
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
        return max(1.0, rect.width() - 2 * margin - 2)  # 2: never wider than Qt wraps

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        text: str = shown.text
        if text:
            clamped = clamp_lines(text, shown.font, self._text_width(shown), self.lines)
            shown.text = clamped
        widget = shown.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        metrics = QFontMetricsF(shown.font)
        most = int(metrics.lineSpacing() * self.lines) + 8  # the cell's margins
        return QSize(hint.width(), min(hint.height(), most))
