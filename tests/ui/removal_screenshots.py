"""Screenshots of the question asked before a removal that takes other data with it
(called from tests.ui.screenshots): removing a witness who is named on agenda items,
notes and evidence. The question is answered No, so nothing changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QMessageBox

from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow


def take_removal(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """The question over the Witnesses page (a sheet of its own: grabbed alone)."""
    page = window.witnesses_page
    window.show_page(PageId.WITNESSES)
    settle(window)
    if not page.select_witness("jrf"):
        raise SystemExit("the sample review has no witness jrf")
    page.remove_action.trigger()
    settle(window)
    box = window.findChild(QMessageBox, "removalQuestion")
    if box is None or not box.isVisible():
        raise SystemExit("Remove did not ask first")
    written = [save(box.grab(), out / "removal-question.png")]
    box.button(QMessageBox.StandardButton.No).click()
    settle(window)
    return written
