"""The composition root: names the application, opens the database, explains a failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk import app as app_module
from scrutiny_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_database_that_cannot_be_opened_is_explained_and_exits_1(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda _parent, title, text: shown.append((title, text))
    )
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

    def exec_briefly(application: QApplication) -> int:
        [window] = [w for w in application.topLevelWidgets() if isinstance(w, MainWindow)]
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
