"""Search results as one list: a heading row per kind, then that kind's hits, and the
delegate that draws them.

Headings ("Notes · 120, first 50 shown") can be neither selected nor opened; a hit row
carries its ``SearchHit`` (``HitRole``) for the delegate and for opening it. Closed
material carries the padlock and the warm tint, as everywhere else.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain.search_text import SearchGroup, SearchHit, SearchResults
from ..shared.display import closed_tint, lock_icon

#: The ``SearchHit`` of a row (None for a heading).
HitRole = Qt.ItemDataRole.UserRole + 20
#: True for a heading row.
HeadingRole = Qt.ItemDataRole.UserRole + 21

Index = QModelIndex | QPersistentModelIndex
_PAD = 6
_ICON = 16


@dataclass(frozen=True)
class _Row:
    heading: str | None = None
    hit: SearchHit | None = None


def highlighted_html(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text as HTML (escaped), the matched words in bold."""
    out: list[str] = []
    at = 0
    for start, end in spans:
        out += [html.escape(text[at:start]), "<b>", html.escape(text[start:end]), "</b>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self.results: SearchResults | None = None

    # Filling ------------------------------------------------------------------------

    def set_results(self, results: SearchResults | None) -> None:
        self.beginResetModel()
        self.results = results
        self._rows = []
        if results is not None:
            if not results.groups:
                self._rows.append(_Row(heading=self.tr("No matches")))
            for group in results.groups:
                self._rows.append(_Row(heading=self.heading(group)))
                self._rows += [_Row(hit=h) for h in group.hits]
        self.endResetModel()

    def heading(self, group: SearchGroup) -> str:
        label = self.tr(group.label)
        if group.total > len(group.hits):
            return self.tr("{label} · {total}, first {shown} shown").format(
                label=label, total=f"{group.total:,}", shown=len(group.hits)
            )
        return self.tr("{label} · {total}").format(label=label, total=f"{group.total:,}")

    # Reading ------------------------------------------------------------------------

    def hit(self, row: int) -> SearchHit | None:
        return self._rows[row].hit if 0 <= row < len(self._rows) else None

    def hit_rows(self) -> list[int]:
        return [n for n, r in enumerate(self._rows) if r.hit is not None]

    def row_of(self, kind: str, key: str) -> int | None:
        for n, row in enumerate(self._rows):
            if row.hit is not None and (row.hit.kind, row.hit.key) == (kind, key):
                return n
        return None

    # Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].hit is None:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        hit = row.hit
        if role == HeadingRole:
            return hit is None
        if role == HitRole:
            return hit
        if hit is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row.heading
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self._title(hit)}\n{hit.text}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._title(hit)}: {hit.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._title(hit)
        if role == Qt.ItemDataRole.DecorationRole:
            return lock_icon() if hit.closed else None
        if role == Qt.ItemDataRole.BackgroundRole:
            return closed_tint() if hit.closed else None
        return None

    def _title(self, hit: SearchHit) -> str:
        return self.tr("{title} · Closed").format(title=hit.title) if hit.closed else hit.title


class SearchResultDelegate(QStyledItemDelegate):
    """A heading in small bold capitals; a hit as its place (one line, muted) above its
    text (up to two lines) with the matched words in bold."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.88))
        return small, QFont(option.font)  # type: ignore[attr-defined]

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # type: ignore[override]
        small, normal = self._fonts(option)
        if index.data(HeadingRole):
            return QSize(200, QFontMetrics(small).height() + 2 * _PAD)
        lines = QFontMetrics(small).height() + 2 * QFontMetrics(normal).lineSpacing()
        return QSize(200, lines + 2 * _PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # type: ignore[override]
        small, normal = self._fonts(option)
        rect: QRect = option.rect  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        painter.save()
        if index.data(HeadingRole):
            small.setBold(True)
            small.setCapitalization(QFont.Capitalization.AllUppercase)
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                rect.adjusted(_PAD, 0, -_PAD, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                str(index.data()),
            )
            painter.restore()
            return
        hit: SearchHit = index.data(HitRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif background is not None:
            painter.fillRect(rect, background)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        left = rect.left() + _PAD
        if hit.closed:
            icon = index.data(Qt.ItemDataRole.DecorationRole)
            icon.paint(painter, QRect(left, rect.top() + _PAD, _ICON, _ICON))
        left += _ICON + _PAD
        width = rect.right() - left - _PAD
        painter.setFont(small)
        painter.setPen(palette.color(text_role if selected else QPalette.ColorRole.PlaceholderText))
        title = str(index.data(Qt.ItemDataRole.ToolTipRole))
        small_height = QFontMetrics(small).height()
        painter.drawText(
            QRect(left, rect.top() + _PAD, width, small_height),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetrics(small).elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        document = QTextDocument()
        document.setDefaultFont(normal)
        document.setDocumentMargin(0)
        document.setTextWidth(width)
        document.setHtml(highlighted_html(hit.text, hit.spans))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(text_role))
        top = rect.top() + _PAD + small_height
        clip = QRect(0, 0, width, 2 * QFontMetrics(normal).lineSpacing())
        context.clip = clip.toRectF()
        painter.translate(left, top)
        painter.setClipRect(clip)
        document.documentLayout().draw(painter, context)
        painter.restore()
