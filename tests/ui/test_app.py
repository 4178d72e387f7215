"""The composition root: names the application, opens the database, explains a failure."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk import app as app_module
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_database_that_cannot_be_opened_is_explained_and_exits_1(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []

    def answered(box: QMessageBox) -> int:
        shown.append((box.text(), box.informativeText()))
        box.close()  # deletes it: no window is left behind for other tests
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answered)
    bad = tmp_path / "minutes.docx"
    bad.write_bytes(b"PK\x03\x04 not a database")
    assert app_module.run_gui(str(bad)) == 1
    [(title, text)] = shown
    assert title == "Scrutiny Desk cannot open the database"
    assert text.startswith(f"{bad} is not a Scrutiny Desk database")
    assert text.endswith("it was left untouched")


def test_run_gui_names_the_app_and_shows_the_main_window(
    qtbot: QtBot, sqlite_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    # Windows of earlier tests may not have been deleted yet: only the new one counts.
    earlier = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)}

    def exec_briefly(application: QApplication) -> int:
        [window] = [
            w
            for w in application.topLevelWidgets()
            if isinstance(w, MainWindow) and id(w) not in earlier and w.isVisible()
        ]
        qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=5000)
        seen.append(window.windowTitle())
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_briefly)
    assert app_module.run_gui(sqlite_target) == 0
    assert seen == ["Scrutiny Desk"]
    application = QApplication.instance()
    assert application.applicationName() == "Scrutiny Desk"
    assert application.organizationName() == "Scrutiny Desk"
    assert application.organizationDomain() == "scrutinydesk.org.uk"
    assert application.desktopFileName() == "uk.org.scrutinydesk.ScrutinyDesk"
    assert not application.windowIcon().isNull()


# Quitting while work runs: the real app, runner and event loop, in a process of its own.
_QUIT_WHILE_BUSY = textwrap.dedent(
    """
    import sys, threading, time
    from pathlib import Path
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication
    from scrutiny_desk import app
    from scrutiny_desk.ui.window.main_window import MainWindow

    database, finished = sys.argv[1], Path(sys.argv[2])

    class SavedAsItHides(QObject):
        # An edit saved as its field loses focus while the window hides: the views
        # then ask the (shut down) runner to read their data again.
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Hide:
                watched.editor.reload_all()
            return False

    started = threading.Event()

    def slow():
        started.set()
        time.sleep(1.0)
        finished.write_text("finished")

    def quit_once_started(window):
        if not started.is_set():
            QTimer.singleShot(10, lambda: quit_once_started(window))
            return
        window.installEventFilter(saved)
        window.quit_action.trigger()

    def start_slow_work():
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        window.runner.submit(slow, print, print)
        quit_once_started(window)

    saved = SavedAsItHides()
    app.application()
    QTimer.singleShot(500, start_slow_work)
    sys.exit(app.run_gui(database))
    """
)


@pytest.mark.slow
def test_quitting_while_work_runs_ends_it_cleanly(sqlite_target: str, tmp_path: Path) -> None:
    services = Services.open(sqlite_target)
    services.reviews.import_sample()  # its pages have data to reload
    services.close()
    finished = tmp_path / "finished"
    result = subprocess.run(
        [sys.executable, "-c", _QUIT_WHILE_BUSY, sqlite_target, str(finished)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert finished.read_text() == "finished"  # the running work ended, not cut off
