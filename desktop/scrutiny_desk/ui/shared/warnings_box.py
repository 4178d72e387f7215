"""Warnings the clerk must see before issuing calendar files: everyone left out for lack
of an e-mail address, every witness who asked to be heard in private but is on an open
item. Shown prominently (a warning icon, bold, on a tinted strip) wherever invitations
are written or their state is shown, and hidden while there is none."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QVBoxLayout, QWidget

from .locked_banner import tint


class WarningsBox(QFrame):
    """Hidden until ``show_warnings`` is given some; ``lines`` are their labels."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        tint(self)
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        self._column = QVBoxLayout()
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(2)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(self._column, 1)
        self.lines: list[QLabel] = []
        self.hide()

    def show_warnings(self, warnings: Sequence[str]) -> None:
        for label in self.lines:
            self._column.removeWidget(label)
            label.deleteLater()
        self.lines = []
        for text in warnings:
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)
            self._column.addWidget(label)
            self.lines.append(label)
        self.setAccessibleName(" ".join(warnings))
        self.setVisible(bool(warnings))

    def warnings(self) -> list[str]:
        return [label.text() for label in self.lines]
