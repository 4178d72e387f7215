"""The Attendance tab's full record and the Panel page's register of interests, for
review by eye; taken by ``tests.ui.screenshots`` or alone:

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.attendance_screenshots OUTDIR

On the sample's "Deliberative meeting" (draft minutes), with its substitute for the
member who sent apologies, officers, someone also present, arrivals and departures by
item and declarations made from the register (added here when the sample has none),
it writes ``attendance-members.png`` (the members with their arrivals and departures,
and the quorum beside them), ``attendance-others.png``, ``attendance-declarations.png``,
``attendance-quorum-lost.png`` (a late start: items 1 to 4 not quorate, item 5
quorate), ``attendee-dialog.png`` (a substitute being added or edited),
``declaration-dialog.png`` (an entry of the register offered) and
``panel-interests.png`` (the Panel page).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.window.main_window import MainWindow


def take_attendance(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    from scrutiny_desk.domain.enums import AttendanceStatus
    from scrutiny_desk.ui.panel.panel_page import PanelPage
    from scrutiny_desk.ui.shared.workspace import PageId

    services = window.services
    review_id = window.current_review_id()
    if review_id is None:
        raise SystemExit("no review is shown")
    meeting = services.meeting_edits.find(review_id, "recs")
    if not services.attendees.attendees(meeting.id):  # the sample has none: add some
        add_the_record(services, review_id, meeting.id)
    window.editor.reload_all()
    settle(window)  # the meetings are listed again before one is chosen

    tab = window.attendance_tab
    window.show_page(PageId.MEETINGS)
    window.splitter.setSizes([150, 610])
    window.select_meeting(meeting.id)
    window.meeting_tabs.setCurrentWidget(tab)
    tab.show_meeting(review_id, meeting.id)
    settle(window)
    written: list[Path] = []
    tab.select_member("barnes")
    settle(window)
    written.append(save(window.grab(), out / "attendance-members.png"))
    tab.sections.setCurrentWidget(tab.others)
    settle(window)
    written.append(save(window.grab(), out / "attendance-others.png"))
    tab.sections.setCurrentWidget(tab.declarations)
    settle(window)
    written.append(save(window.grab(), out / "attendance-declarations.png"))

    tab.declarations.add_action.trigger()
    settle(window)
    dialog = tab.declarations.dialog
    if dialog is None:
        raise SystemExit("Add Declaration did not open its dialog")
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData("sumray"))
    dialog.register_combo.setCurrentIndex(1)
    dialog.register_combo.activated.emit(1)
    dialog.item_combo.setCurrentIndex(dialog.item_combo.findData("recs-recommendations"))
    settle(window)
    written.append(save(dialog.grab(), out / "declaration-dialog.png"))
    dialog.reject()

    tab.sections.setCurrentIndex(0)
    tab.select_member("hockney")
    if tab.substitute_action.isEnabled():  # a substitute being added for him
        tab.substitute_action.trigger()
        settle(window)
        if tab.others.dialog is not None:
            tab.others.dialog.name_edit.setText("Cllr Andrew Pelling")
    else:  # the sample's substitute for him, edited
        tab.sections.setCurrentWidget(tab.others)
        substitute = tab.others.model.substitutes()[0]
        tab.others.select(substitute.key)
        tab.others.edit_current()
    if tab.others.dialog is None:
        raise SystemExit("Substitute did not open its dialog")
    settle(window)
    written.append(save(tab.others.dialog.grab(), out / "attendee-dialog.png"))
    tab.others.dialog.reject()

    # A late start: all but the chair (and the substitute) arrive at item 5, so items 1
    # to 4 are not quorate and item 5 is. Everyone present is there for item 5, where
    # the sample's vote by name is, and their stays are put back afterwards.
    before = {
        a.member_key: (a.arrived, a.left)
        for a in services.minutes.attendance(meeting.id)
        if a.status is AttendanceStatus.PRESENT
    }
    for key in before.keys() - {"sumray"}:
        now = next(a for a in services.minutes.attendance(meeting.id) if a.member_key == key)
        assert now.version is not None
        services.attendees.set_stay(meeting.id, key, "recs-recommendations", None, now.version)
    window.editor.reload_all()
    settle(window)
    tab.sections.setCurrentIndex(0)
    tab.select_member("prem")
    settle(window)
    written.append(save(window.grab(), out / "attendance-quorum-lost.png"))
    for key, (arrived, left) in before.items():
        now = next(a for a in services.minutes.attendance(meeting.id) if a.member_key == key)
        assert now.version is not None
        services.attendees.set_stay(meeting.id, key, arrived, left, now.version)
    window.editor.reload_all()
    settle(window)

    page = window.page(PageId.PANEL)
    if not isinstance(page, PanelPage):
        raise SystemExit("the Panel page is missing")
    window.show_page(PageId.PANEL)
    page.select_member("sumray")
    settle(window)
    written.append(save(window.grab(), out / "panel-interests.png"))
    window.show_page(PageId.MEETINGS)
    return written


def add_the_record(services: Services, review_id: int, meeting_id: int) -> None:
    """A substitute, officers, someone also present, a departure, interests and
    declarations at the "Deliberative meeting", as the sample of version 6 has them."""
    from scrutiny_desk.domain.enums import AttendeeKind, InterestCategory

    interests = services.interests
    interests.add_interest(
        review_id,
        "sumray",
        "Trustee of Addaction (drug and alcohol charity)",
        InterestCategory.OTHER_REGISTRABLE,
    )
    interests.add_interest(
        review_id, "sumray", "Member, Haringey Council", InterestCategory.NON_REGISTRABLE
    )
    interests.add_interest(
        review_id, "prem", "Director, Prem Consulting Ltd", InterestCategory.DISCLOSABLE_PECUNIARY
    )
    attendees = services.attendees
    attendees.add_attendee(
        meeting_id, AttendeeKind.SUBSTITUTE, "Cllr Brian Coleman", substitute_for="hockney"
    )
    attendees.add_attendee(
        meeting_id,
        AttendeeKind.OFFICER,
        "Sue Smith",
        "Scrutiny Manager",
        "sue.smith@london.gov.uk",
    )
    attendees.add_attendee(
        meeting_id,
        AttendeeKind.OFFICER,
        "Dr Ann Lee",
        "Head of Community Safety",
        "ann.lee@london.gov.uk",
        left="recs-findings",
    )
    attendees.add_attendee(
        meeting_id,
        AttendeeKind.ALSO_PRESENT,
        "Cllr Bob Neill",
        "Leader, Conservative Group",
        arrived="recs-findings",
    )
    barnes = next(a for a in services.minutes.attendance(meeting_id) if a.member_key == "barnes")
    assert barnes.version is not None
    attendees.set_stay(meeting_id, "barnes", None, "recs-minutes", barnes.version)
    services.declarations.add_declaration(
        meeting_id,
        "sumray",
        "recs-findings",
        "Trustee of Addaction (drug and alcohol charity)",
        InterestCategory.OTHER_REGISTRABLE,
    )
    services.declarations.add_declaration(
        meeting_id,
        "prem",
        None,
        "Director, Prem Consulting Ltd",
        InterestCategory.DISCLOSABLE_PECUNIARY,
        left_room=True,
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.attendance_screenshots OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-shots-") as home:
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        if not os.environ.get("XDG_RUNTIME_DIR"):
            runtime = Path(home) / "runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        from PySide6.QtCore import QLocale
        from PySide6.QtTest import QTest

        from scrutiny_desk.app import application
        from scrutiny_desk.services.container import Services
        from scrutiny_desk.ui.shared.settings import Settings
        from scrutiny_desk.ui.window.main_window import MainWindow
        from tests.ui.screenshots import SIZE, save, settle

        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        application()
        services = Services.open(str(Path(home) / "shots.sqlite3"))
        try:
            window = MainWindow(services, Settings())
            window.move(0, 0)
            window.resize(*SIZE)
            window.show()
            QTest.qWaitForWindowExposed(window, 5000)
            window.load_sample()
            settle(window)
            for name in take_attendance(window, out, settle, save):
                print(name)
            window.close()
        finally:
            services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
