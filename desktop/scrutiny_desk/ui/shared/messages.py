"""Message boxes: errors a clerk can act on, and About; the log folder.

Both open window-modal and return at once (``QMessageBox.open``), so no nested event
loop runs behind them and tests can find them among the window's children. An
exception that escapes a slot reaches the clerk the same way, through
``unexpected_errors_reported``. What is logged names the failure's class and where it
happened, never the clerk's text (``logs``): a title can quote a closed item's.
"""

from __future__ import annotations

import html
import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from ... import __version__, logs
from ...domain.errors import ScrutinyError
from ...paths import log_dir

log = logging.getLogger(__name__)

#: Longer messages (a file with many problems) show this many lines, the rest in Details.
MAX_MESSAGE_LINES = 12
_CONTEXT = "Messages"
#: Modules that pass a failure on to ``report_error``: the log names their caller.
_HERE = {__name__, __name__.rpartition(".")[0] + ".workspace"}


def report_error(parent: QWidget | None, title: str, error: Exception | str) -> QMessageBox:
    """The one way a failure reaches the clerk: logged (with its traceback when there is
    one) and shown window-modal, saying what failed (``title``) and why in the clerk's
    words. A ScrutinyError's message says what to do; anything else is a bug, shown
    without its traceback, and the box says where the log is; a plain text is a reason
    the app found itself. Without a parent (no window yet) the caller ``exec()``s the
    box it returns. The log gets where it was reported and the error's class and
    fields, not the title or the message, which can quote what the clerk typed."""
    where = _reported_from()
    if isinstance(error, Exception):
        logs.log_failure(log, f"Reported to the clerk from {where}", error)
    else:
        log.warning("Reported to the clerk from %s: a reason the app gave", where)
    unexpected = isinstance(error, Exception) and not isinstance(error, ScrutinyError)
    if isinstance(error, ScrutinyError):
        message = str(error)
    elif isinstance(error, Exception):
        message = QCoreApplication.translate(
            _CONTEXT,
            "Scrutiny Desk met a problem it did not expect ({problem}). Please tell "
            "whoever supports Scrutiny Desk for you; the details are in its log, in "
            "{folder}.",
        ).format(problem=type(error).__name__, folder=log_dir())
    else:
        message = error
    # Critical only for what the clerk cannot act on: a failure the app did not expect.
    icon = QMessageBox.Icon.Critical if unexpected else QMessageBox.Icon.Warning
    box = QMessageBox(icon, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessage")
    if unexpected:
        show = box.addButton(
            QCoreApplication.translate(_CONTEXT, "Show Log Folder"),
            QMessageBox.ButtonRole.ActionRole,
        )
        show.setObjectName("showLogFolder")
        show.clicked.connect(show_log_folder)
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


def _reported_from() -> str:
    """The module and function that reported the failure (code, not the clerk's words)."""
    frame: FrameType | None = sys._getframe(1)
    while frame is not None:
        module = frame.f_globals.get("__name__", "?")
        if module not in _HERE:
            return f"{module}.{frame.f_code.co_name}"
        frame = frame.f_back
    return "?"


def show_log_folder() -> bool:
    """Open the log folder in the file manager (made first, so there is one to open)."""
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("The log folder could not be made: %s", logs.describe(exc))
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


@contextmanager
def unexpected_errors_reported(current_window: Callable[[], QWidget | None]) -> Iterator[None]:
    """While the app runs, an exception escaping a slot (PySide6 hands it to
    ``sys.excepthook``) is logged with its traceback and shown through
    ``report_error``; what happens on another thread, or without the window, is only
    logged, by the hook ``logs.configure`` installed."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        on_gui_thread = threading.current_thread() is threading.main_thread()
        window = current_window() if on_gui_thread else None
        if not (isinstance(error, Exception) and window is not None and window.isVisible()):
            previous(kind, error, tb)
            return
        logs.log_failure(log, "Uncaught exception in a slot", error)
        try:
            title = QCoreApplication.translate(_CONTEXT, "Something went wrong")
            report_error(window, title, error)
        except Exception:  # the box itself failed: at least the log has both
            log.critical("The error could not be shown", exc_info=True)
            previous(kind, error, tb)

    sys.excepthook = hook
    try:
        yield
    finally:
        if sys.excepthook is hook:
            sys.excepthook = previous


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
