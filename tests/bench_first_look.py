"""How long the GUI thread stalls while a first-look start opens its store (issue 12).

``python -m tests.bench_first_look --db FILE`` starts the app as a clerk does (on a
copy of a database the app left cleanly) in fresh interpreters, with a 5 ms timer
beating from the window's show until the store is open and the warm-up of the pages'
modules is done, and prints the longest gap between beats (less 5 ms: the stall), from
the show and from the first meetings on, the time from show to the store open, the peak
memory, and whether the start took the first look. A figure
to read, not a test: ``tests.bench_start`` quits at the first meetings, before this.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .bench_start import _peak_mb

BEAT_MS = 5


def _driver(db: str) -> dict[str, object]:
    from scrutiny_desk.__main__ import main
    from scrutiny_desk.app import application

    from PySide6.QtCore import QTimer  # isort: skip
    from PySide6.QtWidgets import QApplication  # isort: skip

    beats: list[float] = []
    found: dict[str, object] = {}

    def window() -> object | None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        for widget in app.topLevelWidgets():
            if hasattr(widget, "meetings_page") and widget.isVisible():
                return widget
        return None

    def beat() -> None:
        beats.append(time.perf_counter())
        shown = window()
        if shown is None:
            QTimer.singleShot(BEAT_MS, beat)
            return
        if "shown" not in found:
            found["shown"] = beats[-1]
        if "rows" not in found and shown.meetings_page.model.rowCount() > 0:  # type: ignore[attr-defined]
            found["rows"] = beats[-1]
            found["first_look"] = type(shown.services).__name__ == "FirstLookServices"  # type: ignore[attr-defined]
        services = shown.services  # type: ignore[attr-defined]
        warm = shown.warm_up  # type: ignore[attr-defined]
        if getattr(services, "pending", False) is False and "opened" not in found:
            found["opened"] = beats[-1]
        if "opened" in found and (warm is None or warm.done):
            after = [b for b in beats if b >= float(found["shown"])]  # type: ignore[arg-type]
            gaps = [b - a for a, b in itertools.pairwise(after)]
            found["stall_ms"] = (max(gaps) * 1000 - BEAT_MS) if gaps else 0.0
            rows = float(found.get("rows", found["shown"]))  # type: ignore[arg-type]
            later = [b - a for a, b in itertools.pairwise(after) if a >= rows]
            found["stall_after_rows_ms"] = (max(later) * 1000 - BEAT_MS) if later else 0.0
            found["open_s"] = float(found["opened"]) - float(found["shown"])  # type: ignore[arg-type]
            found["beats"] = len(after)
            top = sorted(range(len(gaps)), key=gaps.__getitem__)[-3:]
            found["top_gaps"] = [  # (ms from show to the gap's start, the gap in ms)
                (round((after[i] - after[0]) * 1000), round(gaps[i] * 1000)) for i in top
            ]
            found["opened_at_ms"] = round(found["open_s"] * 1000)  # type: ignore[operator]
            found["peak_mb"] = round(_peak_mb())  # the store open, the pages' modules warm
            QApplication.instance().quit()  # type: ignore[union-attr]
            return
        QTimer.singleShot(BEAT_MS, beat)

    application()
    QTimer.singleShot(0, beat)
    status = main(["--db", db])
    found["status"] = status
    for moment in ("shown", "rows", "opened"):
        found.pop(moment, None)
    return found


def run(db: str, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        copy = str(Path(tmp) / "bench.sqlite3")
        shutil.copyfile(db, copy)
        env = dict(os.environ, SCRUTINY_DESK_HOME=tmp, QT_QPA_PLATFORM="offscreen")
        command = [sys.executable, "-m", "tests.bench_first_look", "--driver", "--db", copy]
        subprocess.run(command, env=env, check=True, capture_output=True)  # left cleanly
        results = []
        for _ in range(runs):
            done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    for r in results:
        print(json.dumps(r))
    for key, what in (
        ("stall_ms", "show"),
        ("stall_after_rows_ms", "the first meetings"),
    ):
        stalls = [float(r[key]) for r in results]
        print(
            f"longest GUI stall, {what} to store open and warm-up done: median "
            f"{statistics.median(stalls):.1f} ms (from {min(stalls):.1f} to "
            f"{max(stalls):.1f})"
        )
    print(f"first look in {sum(bool(r['first_look']) for r in results)} of {runs} starts")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--driver", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.driver:
        print(json.dumps(_driver(args.db)))
        return 0
    run(args.db, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
