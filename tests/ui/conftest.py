"""GUI test set-up: Qt warnings fail a test, dates read the British way, and a main
window factory that runs background work synchronously on a private database."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from scrutiny_desk.services.container import Services
from scrutiny_desk.store.db import Database
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner, TaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow

HERE = Path(__file__).parent
# The offscreen platform cannot pass size hints to a window manager it does not have,
# and says so whenever a top-level window's minimum size changes: not our warning.
OFFSCREEN_NOISE = r"^This plugin does not support propagateSizeHints\(\)$"

QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def settings(private_home: Path) -> Settings:
    """A settings file in this test's private config folder."""
    return Settings()


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(qtbot: QtBot, settings: Settings) -> WindowFactory:
    """``make_window(services)``: a shown main window with a synchronous runner."""

    def make(
        services: Services,
        runner: TaskRunner | None = None,
        window_settings: Settings | None = None,
    ) -> MainWindow:
        window = MainWindow(
            services,
            window_settings or settings,
            runner if runner is not None else SynchronousTaskRunner(),
        )
        qtbot.addWidget(window)
        window.show()
        return window

    return make


@pytest.fixture
def sample_services(sqlite_services: Services, sample_id: int) -> Services:
    """The SQLite database with the shipped sample review in it."""
    return sqlite_services


@pytest.fixture
def read_only_copy(sqlite_target: str, sample_id: int, tmp_path: Path) -> Iterator[Path]:
    """A copy of a migrated database holding the sample, in a folder nobody may write.

    The file is 0444 and its folder 0555 (both restored afterwards)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    copy = folder / "review.sqlite3"
    shutil.copyfile(sqlite_target, copy)
    copy.chmod(0o444)
    folder.chmod(0o555)
    try:
        yield copy
    finally:
        folder.chmod(stat.S_IRWXU)
        copy.chmod(stat.S_IRUSR | stat.S_IWUSR)


def open_read_only(path: Path) -> Services:
    """Services over ``path`` as the app opens a file it may not write.

    Tests run as root here, and for root ``os.access`` says every file is writable,
    so ``open_database`` would open it read-write. Then the flag is set by hand, as
    ``open_database`` sets it for a clerk without write permission."""
    opened = Services.open(str(path))
    if opened.db.read_only:
        return opened
    db = opened.db
    return Services(
        Database(
            db.engine,
            db.label,
            read_only=True,
            read_only_reason="you may not write to the file or its folder",
        )
    )
