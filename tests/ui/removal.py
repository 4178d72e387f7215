"""The question asked before a removal that takes other data with it, answered in
tests as a clerk would: by clicking Yes or No."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def asked(window: QWidget) -> QMessageBox | None:
    """The removal question open over the window, if any."""
    boxes = [b for b in window.findChildren(QMessageBox, "removalQuestion") if b.isVisible()]
    assert len(boxes) <= 1
    return boxes[0] if boxes else None


def answer(window: QWidget, yes: bool) -> str:
    """Click Yes or No on the open removal question; its words (question and detail)."""
    box = asked(window)
    assert box is not None, "no removal question was asked"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    words = f"{box.text()}\n{box.informativeText()}"
    button = QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
    box.button(button).click()
    QApplication.processEvents()
    return words
