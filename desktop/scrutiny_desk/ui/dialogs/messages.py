"""Message boxes: errors a clerk can act on, and About.

Both open window-modal and return at once (``QMessageBox.open``), so no nested event
loop runs behind them and tests can find them among the window's children.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ... import __version__
from ...domain.errors import ScrutinyError

log = logging.getLogger(__name__)

#: Longer messages (a file with many problems) show this many lines, the rest in Details.
MAX_MESSAGE_LINES = 12
_CONTEXT = "Messages"


def error_box(parent: QWidget, title: str, exc: Exception) -> QMessageBox:
    """Say what failed (``title``) and why. A ScrutinyError's message says what to do;
    anything else is a bug: logged with its traceback, shown without it."""
    if isinstance(exc, ScrutinyError):
        message = str(exc)
    else:
        log.error("Unexpected error: %s", title, exc_info=exc)
        message = QCoreApplication.translate(
            _CONTEXT,
            "Scrutiny Desk met a problem it did not expect ({problem}). Please tell "
            "whoever supports Scrutiny Desk for you; the details are in its log.",
        ).format(problem=type(exc).__name__)
    box = QMessageBox(
        QMessageBox.Icon.Critical, title, title, QMessageBox.StandardButton.Ok, parent
    )
    box.setObjectName("errorMessage")
    lines = message.splitlines()
    if len(lines) > MAX_MESSAGE_LINES:
        box.setInformativeText(
            QCoreApplication.translate(_CONTEXT, "{shown}\n… and {more} more (see Details)").format(
                shown="\n".join(lines[:MAX_MESSAGE_LINES]), more=len(lines) - MAX_MESSAGE_LINES
            )
        )
        box.setDetailedText(message)
    else:
        box.setInformativeText(message)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def about_box(parent: QWidget, database_label: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setWindowTitle(QCoreApplication.translate(_CONTEXT, "About Scrutiny Desk"))
    box.setIconPixmap(parent.windowIcon().pixmap(64, 64))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(
        QCoreApplication.translate(
            _CONTEXT,
            "<h3>Scrutiny Desk {version}</h3>"
            "<p>Meetings, agendas, witnesses and evidence sessions for scrutiny panels in "
            "councils and police authorities.</p>"
            "<p>Free software under the GNU General Public License, version 3 or later.</p>",
        ).format(version=html.escape(__version__))
    )
    box.setInformativeText(
        QCoreApplication.translate(_CONTEXT, "Database: {label}").format(label=database_label)
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def destructive_button(box: QMessageBox | None) -> QPushButton | None:
    """A question's button that goes ahead with a removal or a replacement (its
    DestructiveRole button), or None: what a test presses to say yes."""
    if box is None:
        return None
    return next(
        (
            b
            for b in box.buttons()
            if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
            and isinstance(b, QPushButton)
        ),
        None,
    )
