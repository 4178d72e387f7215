"""Screenshots of the Live notes tab and the Notes page (called from tests.ui.screenshots)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow


def take_live_notes(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """Evidence session 3 mid-hearing at 1280x800, the splitter as the clerk left it:
    two notes taken through the tab (one on the closed item), the next one typed with
    no terms chosen, so the picker says the item's own will be used."""
    tab = window.live_notes_tab
    review_id = window.current_review_id()
    meetings = window.services.meetings.list(review_id or 0)
    ev3 = next(m for m in meetings if m.key == "ev3")
    window.show_page(PageId.MEETINGS)
    window.select_meeting(ev3.id)
    window.meeting_tabs.setCurrentWidget(tab)
    tab.show_meeting(review_id, ev3.id)
    settle(window)

    def note(item: str, text: str, tor: list[str]) -> None:
        tab.item_combo.setCurrentIndex(tab.item_combo.findData(item))
        tab.note_edit.setText(text)
        tab.picker.set_keys(tor)
        tab.save_note()
        settle(window)

    note("ev3-cps", "Forensic backlogs delay drug trials by months.", ["forensics", "justice"])
    note("ev3-user", "Dealers moved to the estate after the crack house closure.", ["impact"])
    tab.item_combo.setCurrentIndex(tab.item_combo.findData("ev3-probation"))
    tab.note_edit.setText("Drug rehabilitation requirements are completed by fewer than half")
    tab.picker.clear()
    tab.note_edit.setFocus()
    settle(window)
    written = [save(window.grab(), out / "live-notes-tab.png")]
    window.editor.stack.undo()
    window.editor.stack.undo()
    settle(window)
    return written


def take_notes(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """The Live notes tab, then the Notes page: the notes on objective 1 (with its
    sub-items), and the closed ones."""
    written = take_live_notes(window, out, settle, save)
    page = window.notes_page
    page.show_review(window.current_review_id())
    window.show_page(PageId.NOTES)
    settle(window)
    page.tor_filter.setCurrentIndex(page.tor_filter.findData("strategy"))
    settle(window)
    page.reveal("n2")
    settle(window)
    written.append(save(window.grab(), out / "notes-page.png"))
    page.tor_filter.setCurrentIndex(0)
    page.access_filter.setCurrentIndex(2)
    settle(window)
    written.append(save(window.grab(), out / "notes-page-closed.png"))
    page.access_filter.setCurrentIndex(0)
    window.show_page(PageId.MEETINGS)
    settle(window)
    return written
