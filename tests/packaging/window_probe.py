"""Starts the bundled window on the X display it is given, waits for its main window,
takes a screenshot and closes the window as a window manager would.

Run by ``test_bundle.py`` under ``xvfb-run`` with the project's Python (the bundle has
its own; this script only watches it):

    python tests/packaging/window_probe.py PROGRAM DATABASE PNG

It prints one JSON object: the main window's ``title``, the screenshot's number of
distinct ``colours``, the program's ``exit_code`` after the close request and its
``stderr``. The window is found with ``xwininfo`` (Debian ``x11-utils``) and closed
with a ``WM_DELETE_WINDOW`` message sent through libX11, as clicking its close button
does, so the program's own close and quit paths run.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

TITLE = "Scrutiny Desk — "  # the window names its review once one is open
TIMEOUT_S = 90.0
# xwininfo -root -tree: `     0x1e0000a "Scrutiny Desk — Drugs Scrutiny": ("scrutiny-desk" ...`
WINDOW_LINE = re.compile(r'^\s*(0x[0-9a-f]+) "(.*)": \(')


def main(argv: list[str]) -> int:
    program, database, png = Path(argv[0]), argv[1], Path(argv[2])
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    started = subprocess.Popen(
        [str(program), "--db", database],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    result: dict[str, object] = {"title": None, "colours": 0, "exit_code": None}
    try:
        window = wait_for_window(started)
        if window is not None:
            result["title"] = window[1]
            result["colours"] = screenshot_when_settled(png)
            close_window(int(window[0], 16))
        try:
            started.wait(timeout=30)
        except subprocess.TimeoutExpired:
            started.kill()
    finally:
        if started.poll() is None:
            started.kill()
        _out, err = started.communicate()
    result["exit_code"] = started.returncode
    result["stderr"] = err[-3000:]
    print(json.dumps(result))
    return 0


def wait_for_window(started: subprocess.Popen[str]) -> tuple[str, str] | None:
    """The (id, title) of the program's main window once it names a review."""
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline and started.poll() is None:
        tree = subprocess.run(
            ["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=False
        ).stdout
        for line in tree.splitlines():
            found = WINDOW_LINE.match(line)
            if found and found.group(2).startswith(TITLE):
                return found.group(1), found.group(2)
        time.sleep(0.2)
    return None


def screenshot_when_settled(png: Path) -> int:
    """Grabs the screen until two grabs in a row are the same (the meetings have loaded
    and painted), saves the last and returns its number of distinct colours."""
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication([])  # kept until the grabs end
    screen = QGuiApplication.primaryScreen()
    previous: QImage | None = None
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        time.sleep(0.5)
        app.processEvents()
        image = screen.grabWindow(0).toImage()
        if (previous is not None and image == previous) or time.monotonic() > deadline:
            break
        previous = image
    image.save(str(png))
    converted = image.convertToFormat(QImage.Format.Format_RGB32)
    data = bytes(converted.constBits())[: converted.sizeInBytes()]
    return len(set(memoryview(data).cast("I")))


class _ClientMessage(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", ctypes.c_long * 5),
    ]


class _Event(ctypes.Union):
    _fields_ = [("client", _ClientMessage), ("pad", ctypes.c_long * 24)]  # XEvent's size


def close_window(window: int) -> None:
    """Asks the window to close (ICCCM WM_DELETE_WINDOW), as its close button does."""
    x11 = ctypes.CDLL("libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XInternAtom.restype = ctypes.c_ulong
    x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x11.XSendEvent.argtypes = [
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.POINTER(_Event),
    ]
    x11.XFlush.argtypes = [ctypes.c_void_p]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    display = x11.XOpenDisplay(None)
    if not display:
        raise RuntimeError("cannot open the X display")
    event = _Event()
    event.client.type = 33  # ClientMessage
    event.client.window = window
    event.client.message_type = x11.XInternAtom(display, b"WM_PROTOCOLS", 0)
    event.client.format = 32
    event.client.data[0] = x11.XInternAtom(display, b"WM_DELETE_WINDOW", 0)
    event.client.data[1] = 0  # CurrentTime
    x11.XSendEvent(display, window, 0, 0, ctypes.byref(event))
    x11.XFlush(display)
    x11.XCloseDisplay(display)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
