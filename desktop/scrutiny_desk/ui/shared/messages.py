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


def report_error(parent: QWidget | None, title: str, error: Exception | str) -> QMessageBox:
    """The one way a failure reaches the clerk: logged (with its traceback when there is
    one) and shown window-modal, saying what failed (``title``) and why in the clerk's
    words. A ScrutinyError's message says what to do; anything else is a bug, shown
    without its traceback; a plain text is a reason the app found itself. Without a
    parent (no window yet) the caller ``exec()``s the box it returns."""
    if isinstance(error, ScrutinyError):
        log.warning("%s: %s", title, error, exc_info=error)
        message = str(error)
    elif isinstance(error, Exception):
        log.error("Unexpected error: %s", title, exc_info=error)
        message = QCoreApplication.translate(
            _CONTEXT,
            "Scrutiny Desk met a problem it did not expect ({problem}). Please tell "
            "whoever supports Scrutiny Desk for you; the details are in its log.",
        ).format(problem=type(error).__name__)
    else:
        log.warning("%s: %s", title, error)
        message = error
    # Critical only for what the clerk cannot act on: a failure the app did not expect.
    unexpected = isinstance(error, Exception) and not isinstance(error, ScrutinyError)
    icon = QMessageBox.Icon.Critical if unexpected else QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, title, QMessageBox.StandardButton.Ok, parent)
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
    box.setWindowModality(Qt.WindowModality.WindowModal)
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
