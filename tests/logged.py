"""The app's log as a test reads it (the ``log_file`` fixture is in conftest)."""

from __future__ import annotations

import logging
from pathlib import Path


def read_log(path: Path) -> str:
    """The log file's text, with every handler's buffer written out first."""
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")
