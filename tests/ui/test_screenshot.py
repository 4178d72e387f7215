"""The screenshot script, under a real X server (Xvfb) with the xcb platform.

This is the one test that shows the window on a display as a clerk would see it:
it catches what offscreen rendering hides (a missing xcb library, a blank window).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
XVFB_RUN = shutil.which("xvfb-run")


def distinct_colours(image: QImage, step: int = 3) -> int:
    return len(
        {
            image.pixel(x, y)
            for y in range(0, image.height(), step)
            for x in range(0, image.width(), step)
        }
    )


@pytest.mark.skipif(
    XVFB_RUN is None,
    reason="xvfb-run is not installed (Debian: apt-get "
    "install xvfb xauth); the window is not shown "
    "on a real X server",
)
def test_screenshots_under_xvfb(tmp_path: Path) -> None:
    assert XVFB_RUN is not None
    out = tmp_path / "shots"
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    env.pop("SCRUTINY_DESK_HOME", None)  # the script makes its own
    result = subprocess.run(
        [
            XVFB_RUN,
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            sys.executable,
            "-m",
            "tests.ui.screenshots",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,  # every feature's shots: near 60 s alone, more on a busy machine
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", "Qt printed warnings:\n" + result.stderr

    for name in ("main-window.png", "empty-state.png", "main-window-screen.png"):
        image = QImage(str(out / name))
        assert not image.isNull(), name
        assert 1200 <= image.width() <= 1300, (name, image.width())
        assert 700 <= image.height() <= 820, (name, image.height())
    assert distinct_colours(QImage(str(out / "main-window.png"))) > 50
    assert distinct_colours(QImage(str(out / "empty-state.png"))) > 20
