"""The strip a meeting tab shows while the minutes are approved: why nothing here can be
changed now, and what to do about it, on the closed-business tint with a lock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from .display import closed_tint, lock_icon


def tint(frame: QFrame) -> None:
    """The closed-business tint behind a frame."""
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setAutoFillBackground(True)
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Window, closed_tint())
    frame.setPalette(palette)


class LockedBanner(QFrame):
    """Hidden until ``say``; ``text`` is the label that says it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        tint(self)
        lock = QLabel()
        lock.setPixmap(lock_icon().pixmap(16, 16))
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(lock, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        self.hide()

    def say(self, text: str) -> None:
        self.text.setText(text)
        self.setAccessibleName(text)
        self.show()
