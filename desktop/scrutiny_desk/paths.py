"""Where Scrutiny Desk keeps its files, from platformdirs.

``SCRUTINY_DESK_HOME`` roots every folder in one place: tests point it at a temporary
folder, and a portable install can point it at a USB stick.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs import PlatformDirs

APP_DIR_NAME = "scrutiny-desk"
DATABASE_FILE = "scrutiny-desk.sqlite3"
DB_ENV = "SCRUTINY_DESK_DB"
"""The database to open when none is given (--db wins over it)."""


def _dirs() -> PlatformDirs:
    from platformdirs import PlatformDirs  # not needed by --help, which imports this module

    return PlatformDirs(APP_DIR_NAME, appauthor=False, roaming=False)


def _home() -> Path | None:
    home = os.environ.get("SCRUTINY_DESK_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(_dirs().user_data_dir)


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(_dirs().user_config_dir)


def cache_dir() -> Path:
    """Copies the app can make again (attachments opened in the system viewer)."""
    home = _home()
    return home / "cache" if home else Path(_dirs().user_cache_dir)


def log_dir() -> Path:
    """The rotating log (``logs.py``): what failed, with tracebacks, for whoever
    supports the clerk: ``%LOCALAPPDATA%\\scrutiny-desk\\Logs`` on Windows,
    ``~/.local/state/scrutiny-desk/log`` on Linux."""
    home = _home()
    return home / "logs" if home else Path(_dirs().user_log_dir)


def backup_dir() -> Path:
    return data_dir() / "backups"


def export_dir() -> Path:
    home = _home()
    return home / "exports" if home else Path(_dirs().user_documents_dir) / "Scrutiny Desk"


def default_database() -> Path:
    return data_dir() / DATABASE_FILE
