"""How fast the app starts, against floors measured in the same run: `make bench`.

Run by ``tests.bench`` on its office-scale database, or alone:
``python -m tests.bench_start [--db ...]`` (builds 3,000 meetings, 30,000 items and
2,000 witnesses first). Absolute times vary with the machine and its load, so each
figure is a ratio to a floor this module measures itself, in fresh processes:

- cold start to the first meetings on screen, against an empty PySide6 window (a
  QMainWindow with a table, shown, its events processed);
- peak memory at that moment, against the same empty window's;
- ``scrutiny-desk --version`` and ``--help``, against ``python -c "import argparse"``.

The app is started as a clerk starts it (``scrutiny_desk.__main__.main``); the driver
only watches from inside the event loop for the Meetings page's list holding rows in a
shown window, then quits the app, which closes as it always does. Each line prints the
median figure, its floor, the ratio, the target and OK or OVER.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
# name -> the largest ratio to its floor
TARGETS = {
    "start: first meetings on screen": 4.0,
    "start: peak memory": 2.5,
    "scrutiny-desk --version": 3.0,
    "scrutiny-desk --help": 3.0,
}


def _floor_window() -> dict[str, float]:
    """In the child: an empty PySide6 window with a table, shown; then stop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QStandardItemModel
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    model = QStandardItemModel(0, 5)
    view = QTableView()
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1280, 800)
    window.show()
    found: dict[str, float] = {}

    def done() -> None:
        app.processEvents()
        found.update(_figures())
        app.quit()

    QTimer.singleShot(0, done)
    app.exec()
    return found


def _app_window(db: str) -> dict[str, float]:
    """In the child: the app as a clerk starts it, stopped at the first meetings shown."""
    # The app first, as a clerk's start imports it (before Qt, as ``__main__`` does).
    from scrutiny_desk.__main__ import main
    from scrutiny_desk.app import application

    from PySide6.QtCore import QTimer  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    found: dict[str, float] = {}

    def watch() -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        for widget in app.topLevelWidgets():
            page = getattr(widget, "meetings_page", None)
            if page is not None and widget.isVisible() and page.model.rowCount() > 0:
                app.processEvents()
                found.update(_figures())
                app.quit()
                return
        QTimer.singleShot(1, watch)

    # The app makes its QApplication first thing; a timer needs one to exist, so the
    # watch is started from the app's own (``application`` returns the existing one).
    application()
    QTimer.singleShot(0, watch)
    status = main(["--db", db])
    if status != 0 or not found:
        raise SystemExit(f"the app ended ({status}) before showing meetings")
    return found


def _figures() -> dict[str, float]:
    began = float(os.environ["SCRUTINY_BENCH_T0"])
    return {"seconds": time.time() - began, "peak_mb": _peak_mb()}


def _peak_mb() -> float:
    """This process's peak resident memory. Linux's ``ru_maxrss`` survives ``exec``: a
    child of a large parent (the bench that has just built its database) would report
    the parent's size. ``VmHWM`` belongs to this program's own memory alone."""
    status = Path("/proc/self/status")
    if status.exists():
        for row in status.read_text().splitlines():
            if row.startswith("VmHWM:"):
                return int(row.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, db: str, home: str) -> dict[str, float]:
    """Run one driver in a fresh interpreter; its figures, and its whole run time."""
    env = dict(os.environ, SCRUTINY_DESK_HOME=home, QT_QPA_PLATFORM="offscreen")
    env["SCRUTINY_BENCH_T0"] = repr(time.time())
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench_start", "--driver", kind, "--db", db],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    whole = time.perf_counter() - began
    if done.returncode != 0:
        raise RuntimeError(f"{kind} driver failed ({done.returncode}):\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["whole"] = whole
    return figures


def _wall(command: list[str]) -> float:
    """Seconds one run of a command takes, start to exit."""
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - began


def line(name: str, figure: float, floor: float, unit: str) -> bool:
    ratio = figure / floor
    target = TARGETS[name]
    ok = ratio <= target
    print(
        f"{name:<34} {figure:8.{0 if unit == 'MB' else 3}f} {unit:<2}  floor "
        f"{floor:7.{0 if unit == 'MB' else 3}f} {unit:<2}  ratio {ratio:5.2f}  "
        f"target {target:.1f}  {'OK' if ok else 'OVER'}"
    )
    return ok


def run(db: str) -> bool:
    """Print the start figures for the office-scale database ``db``; all within target?"""
    results = []
    with tempfile.TemporaryDirectory() as home:
        _child("app", db, home)  # once first: caches warm, settings written
        floors, apps = [], []
        for _ in range(RUNS):  # interleaved, so a burst of load hits both alike
            floors.append(_child("floor", db, home))
            apps.append(_child("app", db, home))
    median = statistics.median
    results.append(
        line(
            "start: first meetings on screen",
            median(a["seconds"] for a in apps),
            median(f["seconds"] for f in floors),
            "s",
        )
    )
    results.append(
        line(
            "start: peak memory",
            median(a["peak_mb"] for a in apps),
            median(f["peak_mb"] for f in floors),
            "MB",
        )
    )
    print(
        f"{'  whole run, app / empty window':<34} {median(a['whole'] for a in apps):8.3f} s  "
        f"{median(f['whole'] for f in floors):13.3f} s   (start, quit, teardown)"
    )
    argparse_floor = median(_wall([sys.executable, "-c", "import argparse"]) for _ in range(RUNS))
    for flag in ("--version", "--help"):
        command = [sys.executable, "-m", "scrutiny_desk", flag]
        results.append(
            line(
                f"scrutiny-desk {flag}",
                median(_wall(command) for _ in range(RUNS)),
                argparse_floor,
                "s",
            )
        )
    return all(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="database path (default: build one in a temporary folder)")
    parser.add_argument("--driver", choices=("floor", "app"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver == "floor":
        print(json.dumps(_floor_window()))
        return 0
    if args.driver == "app":
        print(json.dumps(_app_window(args.db)))
        return 0
    if args.db:
        return 0 if run(args.db) else 1
    from scrutiny_desk.services import codec
    from scrutiny_desk.services.container import Services

    from .bench import big_review

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["SCRUTINY_DESK_HOME"] = tmp
        target = str(Path(tmp) / "bench.sqlite3")
        services = Services.open(target)
        services.reviews.import_bytes(codec.encode(big_review(3000, 10, 2000, 0)))
        services.close()
        return 0 if run(target) else 1


if __name__ == "__main__":
    sys.exit(main())
