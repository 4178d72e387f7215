"""What the database-choice tests share: a running ``DatabaseSession`` (as ``run_gui``
makes it, background work run synchronously) and a database file with the sample."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner
from scrutiny_desk.ui.window.databases import DatabaseSession
from scrutiny_desk.ui.window.main_window import MainWindow

SessionFactory = Callable[..., DatabaseSession]


@pytest.fixture(name="make_session")
def make_session_fixture(qapp: QApplication, settings: Settings) -> Iterator[SessionFactory]:
    """``make_session(target)``: the app's session started on ``target`` (None: as
    at a plain start), closed with every window it showed after the test."""
    made: list[DatabaseSession] = []

    def make(target: str | None, session_settings: Settings | None = None) -> DatabaseSession:
        session = DatabaseSession(session_settings or settings, SynchronousTaskRunner)
        made.append(session)
        session.start(target)
        return session

    yield make
    for session in made:
        if session.window is not None:
            session.window.close()
            session.window.deleteLater()
        session.close()


def sample_file(template: Path, path: Path) -> Path:
    """A copy of the migrated template at ``path``, holding the sample review."""
    shutil.copyfile(template, path)
    services = Services.open(str(path))
    try:
        services.reviews.import_sample()
    finally:
        services.close()
    return path


def error_box(window: MainWindow) -> QMessageBox:
    """The one error message shown over the window (``report_error``)."""
    [box] = [b for b in window.findChildren(QMessageBox) if b.objectName() == "errorMessage"]
    return box


def review_titles(window: MainWindow) -> list[str]:
    model = window.reviews_model
    return [model.record(row).title for row in range(model.rowCount())]
