"""Screenshots of the Coverage page (called from tests.ui.screenshots)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.ui.coverage.coverage_model import CoverageColumn
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow


def take_coverage(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """The matrix for the panel with a cell's notes listed, then the public count."""
    page = window.coverage_page
    page.show_review(window.current_review_id())
    window.show_page(PageId.COVERAGE)
    settle(window)
    row = page.model.row_of_key("impact")
    if row is None:
        raise SystemExit("the sample has no 'impact' term of reference")
    page.view.setCurrentIndex(page.model.index(row, CoverageColumn.NOTES))
    page.view.setFocus()
    settle(window)
    written = [save(window.grab(), out / "coverage-page.png")]
    page.public_radio.click()
    settle(window)
    gap = page.model.row_of_key("intelligence")
    if gap is not None:
        page.view.setCurrentIndex(page.model.index(gap, CoverageColumn.NOTES))
    settle(window)
    written.append(save(window.grab(), out / "coverage-page-public.png"))
    page.panel_radio.click()
    settle(window)
    return written
