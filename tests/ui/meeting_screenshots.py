"""The Meetings page's screenshots, taken by ``tests.ui.screenshots``.

On the sample review, with three meetings added the way a clerk would have them late
in November 2026 (an evidence session whose agenda is overdue, and a site visit that
clashes with it), it writes ``meeting-dialog.png`` (Edit Meeting on the visit, with
the clash warned of), ``meeting-dialog-holiday.png`` (the same moved to a bank holiday,
the date typed as 28/12/2026), ``series-dialog.png`` (New Series: the last Monday of each month
in 2027, bank holidays left out), ``meetings-page.png`` (the list after the series
is created, the overdue meeting selected), ``meetings-calendar.png`` (its month, December
2026, its bank holidays tinted and named) and
``meetings-calendar-tall.png`` (the same in a taller window, each meeting named).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.ui.shared.workspace import PageId

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow

TODAY = date(2026, 11, 26)
EVIDENCE_4 = "Evidence session 4: housing and recovery"


def take_meetings(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    from PySide6.QtCore import QDate, QTime
    from PySide6.QtTest import QTest

    from scrutiny_desk.domain.enums import MeetingKind
    from scrutiny_desk.domain.recurrence import SeriesKind
    from scrutiny_desk.ui.meetings.meeting_dialog import MeetingDialog
    from scrutiny_desk.ui.meetings.series_dialog import SeriesDialog

    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    edits = window.services.meeting_edits
    edits.create_meeting(
        review_id,
        EVIDENCE_4,
        MeetingKind.EVIDENCE,
        datetime(2026, 12, 2, 14, 0),
        datetime(2026, 12, 2, 16, 30),
        "Committee Room 1, 10 Dean Farrar Street",
    )
    visit = edits.create_meeting(
        review_id,
        "Site visit: Turning Point treatment centre",
        MeetingKind.VISIT,
        datetime(2026, 12, 2, 15, 30),
        datetime(2026, 12, 2, 17, 0),
        "Turning Point, Bethnal Green",
    )
    page = window.meetings_page
    page.today = lambda: TODAY
    window.show_page(PageId.MEETINGS)
    window.splitter.setSizes([470, 290])
    window.meeting_tabs.setCurrentIndex(0)
    page.show_view("list")
    window.meetings_page.reload(frozenset({Topic.MEETINGS}))
    settle(window)
    written: list[Path] = []

    window.select_meeting(edits.find(review_id, visit.key).id)
    page.meeting_actions.edit_action.trigger()
    settle(window)
    dialog = page.meeting_prompts.dialog
    if not isinstance(dialog, MeetingDialog):
        raise SystemExit("Edit Meeting did not open its dialog")
    QTest.qWait(400)  # the clash check runs after the pause in typing
    settle(window)
    written.append(save(dialog.grab(), out / "meeting-dialog.png"))
    dialog.when.date_edit.lineEdit().selectAll()
    QTest.keyClicks(dialog.when.date_edit, "28/12/2026")
    QTest.qWait(400)
    settle(window)
    written.append(save(dialog.grab(), out / "meeting-dialog-holiday.png"))
    dialog.reject()

    page.meeting_actions.series_action.trigger()
    settle(window)
    series = page.meeting_prompts.dialog
    if not isinstance(series, SeriesDialog):
        raise SystemExit("New Series did not open its dialog")
    series.kind_combo.setCurrentIndex(series.kind_combo.findData(SeriesKind.LAST_WEEKDAY_MONTHLY))
    series.weekday_combo.setCurrentIndex(0)  # Monday
    series.first_edit.setDate(QDate(2027, 1, 1))
    series.last_edit.setDate(QDate(2027, 12, 31))
    series.when.start_edit.setTime(QTime(18, 0))
    series.when.end_edit.setTime(QTime(20, 0))
    series.venue_edit.setText("Committee Room 1, 10 Dean Farrar Street")
    settle(window)
    written.append(save(series.grab(), out / "series-dialog.png"))
    series.accept()
    settle(window)

    overdue = next(m for m in window.services.meetings.list(review_id) if m.title == EVIDENCE_4)
    window.select_meeting(overdue.id)
    settle(window)
    written.append(save(window.grab(), out / "meetings-page.png"))
    page.show_view("calendar")
    settle(window)
    written.append(save(window.grab(), out / "meetings-calendar.png"))
    # On a taller screen each day has room to name its meetings.
    size = window.size()
    window.resize(size.width(), 1050)
    window.splitter.setSizes([700, 310])
    settle(window)
    written.append(save(window.grab(), out / "meetings-calendar-tall.png"))
    window.resize(size)
    page.show_view("list")
    return written
