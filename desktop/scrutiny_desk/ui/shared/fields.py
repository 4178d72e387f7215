"""What the edit dialogs share: a problem shown beside its field, and remembered geometry.

A dialog checks its fields as the clerk types (the same rules the services apply, from
``domain``), shows each problem in words under the field it is about, and keeps OK
disabled while any remains. A problem only the service can find (a clash with what a
colleague saved meanwhile) comes back as a ``ValidationError`` naming the field; the
dialog shows that beside the field too and stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QDialog, QLabel, QWidget

from ...domain.people_records import email_problem
from ...domain.rules import text_problem

# Dark red on a light window, light red on a dark one: readable on both.
_ON_LIGHT = QColor(164, 38, 44)
_ON_DARK = QColor(255, 153, 153)


def _tr(text: str) -> str:
    return QCoreApplication.translate("Fields", text)


class ProblemLabel(QLabel):
    """A problem with one field, in words; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Problem"))
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.WindowText, _ON_DARK if dark else _ON_LIGHT)
        self.setPalette(palette)
        self.hide()

    def show_problem(self, problem: str | None) -> None:
        self.setText(problem or "")
        self.setAccessibleDescription(problem or "")
        self.setVisible(bool(problem))

    def problem(self) -> str | None:
        return self.text() if self.isVisibleTo(self.parentWidget()) and self.text() else None


def required_text_problem(value: str, what: str) -> str | None:
    """A required text, in a clerk's words: "Enter the name." or why it cannot be kept."""
    if not value.strip():
        return _tr("Enter {what}.").format(what=what)
    return optional_text_problem(value)


def optional_text_problem(value: str) -> str | None:
    why = text_problem(value)
    return _sentence(_tr("This text"), why) if why else None


def email_field_problem(value: str) -> str | None:
    """An e-mail address may be left empty; if given it must look like one."""
    text = value.strip()
    if not text:
        return None
    why = text_problem(text) or email_problem(text)
    return _sentence(_tr("This address"), why) if why else None


def _sentence(subject: str, why: str) -> str:
    """A service's reason ("is longer than ...", '"x" is not ...') as a sentence."""
    if why.startswith(("is ", "contains ")):
        return f"{subject} {why}."
    return f"{why[0].upper()}{why[1:]}."


def remember_geometry(
    dialog: QDialog, load: Callable[[], QByteArray], store: Callable[[QByteArray], None]
) -> None:
    """Restore the dialog's size and place now, and keep them when it closes."""
    geometry = load()
    if not geometry.isEmpty():
        dialog.restoreGeometry(geometry)
    dialog.finished.connect(lambda _result: store(dialog.saveGeometry()))
