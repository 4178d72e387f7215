"""Screenshot of the search box's results: ``search.png`` (the sample review, "drug
pol" typed, the second result chosen, closed evidence marked)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow


def take_search(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[Any, Path], Path],
) -> list[Path]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from scrutiny_desk.ui.search.search_box import SearchBox

    box = getattr(window, "search_box", None)
    if not isinstance(box, SearchBox):  # until the lead wires it into the window
        box = SearchBox(window.workspace)
        window.menuBar().setCornerWidget(box, Qt.Corner.TopRightCorner)
        box.show()
    window.show_page(PageId.MEETINGS)
    window.activateWindow()
    box.focus_action.trigger()
    QTest.keyClicks(box, "drug pol")
    QTest.qWait(300)  # the 150 ms pause after typing
    settle(window)
    QTest.keyClick(box, Qt.Key.Key_Down)
    settle(window)
    written = [save(window.grab(), out / "search.png")]
    QTest.keyClick(box, Qt.Key.Key_Escape)
    QTest.keyClick(box, Qt.Key.Key_Escape)
    return written
