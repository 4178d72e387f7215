"""Choosing the database from the window: File > Open Database…, New Database…,
Connect to Shared Database…, Open Recent, and the last one opened again at start.

The ``DatabaseSession`` (made by ``app.run_gui``) owns the open ``Services`` and the
``MainWindow`` on them. A switch opens the new database first; if that fails the clerk
is told and the current one stays open, nothing lost. If it works a new window is shown
on it, then the old window closes (its edit in progress saved, its background work
ended, its layout kept) and the old database is closed. A window never outlives its
database, so nothing in a page or a tab can read from the wrong one.

``--db`` and ``SCRUTINY_DESK_DB`` win over the last database. The recent list and the
last database are kept without passwords (``services.shared_databases``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox, QWidget

from ...domain.errors import ScrutinyError
from ...domain.server_address import ServerAddress
from ...services import shared_databases as shared
from ...services.container import DB_ENV, Services, database_target
from ...services.first_look import FirstLookServices
from ..shared.messages import report_error
from ..shared.settings import Settings
from ..shared.tasks import TaskRunner
from . import window_chrome
from .first_frame import AfterFirstFrame
from .main_window import MainWindow
from .signed_in import connected_message

if TYPE_CHECKING:  # the public window and the connect dialog are imported when needed
    from .connect_dialog import ConnectRequest
    from .public_window import PublicWindow

    #: The window a login is shown: a public reader's may read only the public
    #: projection, so it never gets the main window, whose pages read the tables it
    #: may not.
    AnyWindow = MainWindow | PublicWindow

MAX_RECENT = 8
#: At the latest, a start shown from a first look opens the store this long after the
#: window shows, first meetings shown or not.
STORE_LATEST_MS = 1500
NEW_NAME = "scrutiny-desk.sqlite3"


class RecentDatabases:
    """Open Recent: up to eight databases, most recent first, kept in the settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def entries(self) -> list[str]:
        try:
            stored = json.loads(self.settings.recent_databases)
        except ValueError:
            return []
        if not isinstance(stored, list):
            return []
        return [e for e in stored if isinstance(e, str) and e][:MAX_RECENT]

    def add(self, target: str) -> None:
        """The database just opened: first in the list, and the one opened at start."""
        kept = shared.remembered_target(target)
        self._save([kept, *(e for e in self.entries() if e != kept)])
        self.settings.last_database = kept

    def remove(self, entry: str) -> None:
        self._save([e for e in self.entries() if e != entry])

    def clear(self) -> None:
        self._save([])

    def _save(self, entries: list[str]) -> None:
        self.settings.recent_databases = json.dumps(entries[:MAX_RECENT])
        self.settings.sync()


class DatabaseSession(QObject):
    """The database open in the app and the window showing it; switches between them."""

    def __init__(
        self, settings: Settings, runner_factory: Callable[[], TaskRunner] | None = None
    ) -> None:
        super().__init__()
        self.settings = settings
        self.recent = RecentDatabases(settings)
        self._runner_factory = runner_factory
        self.services: Services | None = None
        self.window: AnyWindow | None = None
        self.menu: DatabaseMenu | None = None
        """The File menu's database entries of the window shown."""
        self.target = ""
        """The open database as the recent list keeps it (no password)."""

    # Start and end -------------------------------------------------------------------

    def start(self, given: str | None) -> AnyWindow:
        """Open the database at start and show the window; a ScrutinyError if ``--db``
        or ``SCRUTINY_DESK_DB`` names one that cannot be opened."""
        explicit = given or os.environ.get(DB_ENV)
        opened = None if explicit else self._open_last()
        if opened is None:
            target = database_target(given)
            opened = (_open_first(target), target)
        window = self._show(*opened)
        if isinstance(opened[0], FirstLookServices):
            self._open_store_after_first_meetings(window, opened[0])
        return window

    def _open_store_after_first_meetings(
        self, window: AnyWindow, services: FirstLookServices
    ) -> None:
        """A start shown from a first look (``services.first_look``): the store opens
        on a worker as soon as the first meetings are shown (at the latest
        ``STORE_LATEST_MS`` after the window is), while the window answers; the warm-up
        of the pages' modules waits for it, since the runner is busy."""
        services.waiting = _busy_cursor
        runner = window.runner
        started = False

        def open_now() -> None:
            nonlocal started
            if started or self.services is not services:
                return
            started = True
            services.may_open()

            def failed(exc: Exception) -> None:
                title = self.tr("The database could not be opened")
                report_error(self.window, title, exc)

            runner.submit(services.open_in_background, lambda _: services.opened(), failed)

        if isinstance(window, MainWindow):
            viewport = window.meetings_page.view.viewport()
            waits: list[AfterFirstFrame] = []

            def loaded(*_: object) -> None:
                # once they are painted: the import on the worker would slow the painting
                if not waits:
                    waits.append(AfterFirstFrame(viewport, open_now))

            window.meetings_page.model.loaded.connect(loaded)
        QTimer.singleShot(STORE_LATEST_MS, window, open_now)

    def _open_last(self) -> tuple[Services, str] | None:
        """The database open when the app last closed; None to use the default (none
        yet, a file since moved, a password not given, or a database that fails: said)."""
        last = self.settings.last_database
        if not last or (not shared.is_shared(last) and not Path(last).is_file()):
            return None
        address = shared.address_of(last)
        request = None
        if address is None:
            target = last
        elif (password := shared.saved_password(address)) is not None:
            target = shared.connection_target(address, password)
        else:
            request = self._ask(address)  # no keyring holds it: the clerk types it
            if request is None:
                return None
            target = shared.connection_target(request.address, request.password)
        try:
            opened = _open_first(target), target
        except ScrutinyError as exc:
            title = self.tr("The database open last time could not be opened again")
            report_error(None, title, exc).exec()  # no window yet: wait for the clerk
            return None
        if request is not None:
            self._remember(request)
        return opened

    def close(self) -> None:
        """At the app's end: background work ends before the database closes."""
        if isinstance(self.services, FirstLookServices):
            self.services.abandon()  # a worker waiting for the store gives up
        if self.window is not None:
            self.window.runner.shutdown()
        if self.services is not None:
            self.services.close()
            self.services = None

    # Switching -----------------------------------------------------------------------

    def switch(self, target: str) -> bool:
        """Open ``target`` and move the window to it; False (said, and the current one
        still open) if it cannot be opened."""
        if self.window is not None and shared.remembered_target(target) == self.target:
            self.window.statusBar().showMessage(self.tr("That database is already open."))
            return True
        try:
            services = Services.open(target)
        except ScrutinyError as exc:
            name = shared.display_name(shared.remembered_target(target))
            title = self.tr("{name} could not be opened").format(name=name)
            report_error(self.window, title, exc)
            return False
        old_window, old_services = self.window, self.services
        if isinstance(old_services, FirstLookServices):
            old_services.abandon()  # a worker waiting for its store gives up
        self._show(services, target, old_window)
        if old_window is not None:
            old_window.close()  # saves what is being typed, ends its work, keeps its layout
            old_window.deleteLater()
        if old_services is not None:
            old_services.close()
        return True

    def _show(self, services: Services, target: str, old: AnyWindow | None = None) -> AnyWindow:
        self.services = services
        self.target = shared.remembered_target(target)
        self.recent.add(target)
        runner = self._runner_factory() if self._runner_factory is not None else None
        window: AnyWindow
        if services.db.role.reads_panel:
            window = MainWindow(services, self.settings, runner)
        else:
            from .public_window import PublicWindow

            window = PublicWindow(services, self.settings, runner)
        self.menu = DatabaseMenu(self, window)
        if old is not None:
            window.restoreGeometry(old.saveGeometry())
        self.window = window
        window.show()
        if isinstance(window, MainWindow):
            window.live_refresh.start()  # colleagues' changes, as they commit
        if connected := connected_message(services):  # a shared database: who, and as what
            window.statusBar().showMessage(connected)
        return window

    # What the File menu asks for ----------------------------------------------------

    def _folder(self) -> str:
        return self.settings.last_database_folder or str(Path.home())

    def open_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Open Database"), self._folder(), self._filters()
        )
        if path:
            self.settings.last_database_folder = str(Path(path).parent)
            self.switch(path)

    def new_file(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("New Database"),
            str(Path(self._folder()) / NEW_NAME),
            self._filters(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        chosen = Path(path) if Path(path).suffix else Path(path).with_suffix(".sqlite3")
        self.settings.last_database_folder = str(chosen.parent)
        if chosen.exists() and not self._open_existing_instead(chosen):
            return
        self.switch(str(chosen))

    def _open_existing_instead(self, path: Path) -> bool:
        """A new database never replaces a file: the clerk may open that one instead."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("New Database"),
            self.tr("{file} already exists.").format(file=path.name),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setObjectName("fileExistsMessage")
        box.setInformativeText(
            self.tr(
                "Scrutiny Desk never overwrites a file. Choose another name for the new "
                "database, or open the one in {folder}."
            ).format(folder=path.parent)
        )
        open_button = box.addButton(self.tr("&Open It"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is open_button

    def connect_shared(self, address: ServerAddress | None = None) -> bool:
        """Ask for a shared database's details and password, and switch to it; the
        password goes to the keyring, if the clerk asked, once it has worked."""
        request = self._ask(address)
        if request is None or not self.switch(
            shared.connection_target(request.address, request.password)
        ):
            return False
        self._remember(request)
        return True

    def _ask(self, address: ServerAddress | None) -> ConnectRequest | None:
        from .connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.settings, shared.keyring_name(), address, self.window)
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            return dialog.request() if accepted else None
        finally:
            dialog.deleteLater()

    def _remember(self, request: ConnectRequest) -> None:
        if not request.remember:
            return
        try:
            shared.remember_password(request.address, request.password)
        except ScrutinyError as exc:
            report_error(self.window, self.tr("The password was not remembered"), exc)

    def open_recent(self, entry: str) -> bool:
        address = shared.address_of(entry)
        if address is not None:
            password = shared.saved_password(address)
            if password is None:  # asked at each connection
                return self.connect_shared(address)
            return self.switch(shared.connection_target(address, password))
        if not Path(entry).is_file():
            self.recent.remove(entry)
            report_error(
                self.window,
                self.tr("{name} is no longer there").format(name=Path(entry).name),
                self.tr(
                    "{file} has been moved, renamed or deleted; it was taken off the recent list."
                ).format(file=entry),
            )
            return False
        return self.switch(entry)

    def _filters(self) -> str:
        return self.tr("Scrutiny Desk databases (*.sqlite3 *.sqlite *.db);;All files (*)")


def _open_first(target: str) -> Services:
    """Services on a first look at a SQLite file the store can open after the window
    shows (``services.first_look``); else the store, opened now."""
    return FirstLookServices.start(target) or Services.open(target)


@contextlib.contextmanager
def _busy_cursor() -> Iterator[None]:
    """While the GUI thread waits for the store to open."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class DatabaseMenu(QObject):
    """The File menu's database entries of one window, acting on the session."""

    def __init__(self, session: DatabaseSession, window: AnyWindow) -> None:
        super().__init__(window)
        self.session = session
        self.open_action = self._action(
            window, self.tr("&Open Database…"), self.tr("Open a Scrutiny Desk database file")
        )
        self.open_action.triggered.connect(session.open_file)
        self.new_action = self._action(
            window, self.tr("Ne&w Database…"), self.tr("Start a new, empty database file")
        )
        self.new_action.triggered.connect(session.new_file)
        self.connect_action = self._action(
            window,
            self.tr("Connect to S&hared Database…"),
            self.tr("Use your team's database on a PostgreSQL server"),
        )
        self.connect_action.triggered.connect(lambda: session.connect_shared())
        self.recent_menu = QMenu(self.tr("Open &Recent"), window)
        self.recent_menu.setObjectName("recentDatabasesMenu")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.clear_action = QAction(self.tr("&Clear Menu"), window)
        self.clear_action.triggered.connect(session.recent.clear)
        self.fill_recent()
        window_chrome.add_database_actions(
            window.file_menu,
            [self.open_action, self.new_action, self.connect_action],
            self.recent_menu,
        )

    @staticmethod
    def _action(parent: QWidget, text: str, tip: str) -> QAction:
        action = QAction(text, parent)
        action.setStatusTip(tip)
        return action

    def fill_recent(self) -> None:
        """The list as the settings hold it now (another window may have changed it)."""
        self.recent_menu.clear()
        entries = self.session.recent.entries()
        for number, entry in enumerate(entries, start=1):
            action = self.recent_menu.addAction(f"&{number} {shared.display_name(entry)}")
            action.setStatusTip(entry)
            action.setToolTip(entry)
            action.setData(entry)
            action.triggered.connect(lambda _checked=False, e=entry: self.session.open_recent(e))
        self.recent_menu.addSeparator()
        self.recent_menu.addAction(self.clear_action)
        self.clear_action.setEnabled(bool(entries))
