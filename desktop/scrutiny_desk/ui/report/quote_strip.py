"""The warning strip over the draft while an open paragraph quotes closed material word
for word: it names the paragraphs (each a link that chooses it) and says what to do.
The public export is refused until every one is reworded or marked closed; the strip
is hidden while there is none.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QWidget

from ..shared.locked_banner import tint


class QuoteStrip(QFrame):
    """Hidden until ``show_flags`` is given some; ``chosen(key)`` when a link is clicked."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteStrip")
        tint(self)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        self.text = QLabel()
        self.text.setObjectName("quoteStripText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.text.linkActivated.connect(self.chosen.emit)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.keys: list[str] = []
        self.hide()

    def show_flags(self, flagged: Sequence[tuple[str, str]]) -> None:
        """(paragraph key, its printed name "3.2") of each flagged paragraph, in order."""
        self.keys = [key for key, _name in flagged]
        if not flagged:
            self.text.setText("")
            self.hide()
            return
        links = ", ".join(
            f'<a href="{html.escape(key)}">{html.escape(name)}</a>' for key, name in flagged
        )
        message = self.tr(
            "Open paragraphs quote closed material word for word: {links}. Reword each or "
            "mark it closed; until then the public report cannot be exported."
        )
        self.text.setText("<b>" + message.format(links=links) + "</b>")
        plain = ", ".join(name for _key, name in flagged)
        self.setAccessibleName(
            self.tr("Open paragraphs quote closed material: {names}").format(names=plain)
        )
        self.show()
