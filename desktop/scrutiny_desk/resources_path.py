"""One way to find shipped resources (fonts, samples, schema), from a checkout, an
installed wheel or a PyInstaller bundle alike."""

from __future__ import annotations

import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def resource_root() -> Traversable:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller puts resources/ beside the frozen package
        return Path(bundle) / "scrutiny_desk" / "resources"
    return resources.files("scrutiny_desk.resources")


def resource_path(relative: str) -> Traversable:
    """A shipped file by its path under resources/, e.g. ``samples/drugs-scrutiny.json``."""
    node = resource_root()
    for part in relative.split("/"):
        node = node / part
    return node


def resource_file(relative: str) -> Path:
    """A real file-system path (reportlab and Qt need one); resources are never zipped."""
    return Path(str(resource_path(relative)))
