"""Screenshot of the question asked before a closed agenda item is opened to the public
(called from tests.ui.screenshots)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow


def take_publicity(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """ "Open Item to the Public" over the Agenda tab: the findings item of the
    recommendations meeting, closed with two witnesses (one asked for privacy), its
    minute and a note taken while it was closed."""
    services = window.services
    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("the screenshots need the sample review")
    agenda = services.agenda
    item = agenda.find(review_id, "recs-findings")
    item = agenda.set_item_witnesses(item.id, item.version, ["borough", "soca"])
    services.notes.capture(
        review_id, "Two officers are named in the findings.", ["scale"], item="recs-findings"
    )
    agenda.close_item(
        item.id, item.version, "Names officers under review", public_title="Findings (private)"
    )
    recs = services.meeting_edits.find(review_id, "recs")
    window.show_page(PageId.MEETINGS)
    window.select_meeting(recs.id)
    tab = window.agenda_tab
    window.meeting_tabs.setCurrentWidget(tab)
    tab.show_meeting(review_id, recs.id)
    settle(window)
    tab.select_item("recs-findings")
    tab.reopen_item()
    settle(window)
    box = tab.open_question
    if box is None:
        raise SystemExit("Reopen did not ask first")
    written = [save(box.grab(), out / "open-item-question.png")]
    box.reject()
    settle(window)
    return written
