"""Composition root of the desktop app: Qt application, settings, services, window.

``__main__`` calls ``run_gui`` when no command is given. A database that cannot be
opened (newer, damaged, locked, not found) is explained in a message box that says
what to do (``report_error``, which logs it), and the app exits with status 1; nothing
is shown as a traceback. An exception escaping a slot is logged and shown the same way.
"""

from __future__ import annotations

import sys

# No store here: a start shows the first meetings of a SQLite file the app left cleanly
# before SQLAlchemy is imported (``services.first_look``), and opens the store on a
# worker once they are on screen. (PySide6's import hook then reads the sources of the
# store's modules as they are imported, PYSIDE-2029: time spent while the window
# answers, not before it shows.)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from . import APP_ID, APP_NAME, __version__, logs
from .domain.errors import ScrutinyError
from .resources_path import resource_file
from .ui.shared.messages import report_error, unexpected_errors_reported
from .ui.shared.settings import Settings
from .ui.window.databases import DatabaseSession

ORGANISATION = "Scrutiny Desk"
DOMAIN = "scrutinydesk.org.uk"
ICON = "icons/scrutiny-desk.svg"


def application(argv: list[str] | None = None) -> QApplication:
    """The one QApplication, named so settings, the desktop file and the WM agree."""
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(sys.argv[:1] if argv is None else argv)
    )
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANISATION)
    app.setOrganizationDomain(DOMAIN)
    app.setDesktopFileName(APP_ID)
    icon = resource_file(ICON)
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_gui(db_target: str | None) -> int:
    """Open the database and show the main window; the process's exit status.

    The ``DatabaseSession`` holds the window and its database, and moves the clerk to
    another database from the File menu (a new window on it; see ui/window/databases)."""
    logs.configure()  # done already by __main__ (with --verbose): idempotent
    app = application()
    session = DatabaseSession(Settings())
    try:
        session.start(db_target)
    except ScrutinyError as exc:
        title = app.translate("app", "Scrutiny Desk cannot open the database")
        report_error(None, title, exc).exec()  # no window yet: wait for the clerk
        return 1
    try:
        with unexpected_errors_reported(lambda: session.window):
            return app.exec()
    finally:
        # The event loop can end without the window closing (the session ends):
        # background work still running ends before the database is closed.
        session.close()
