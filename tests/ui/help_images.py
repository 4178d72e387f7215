"""The user guide's screenshots, made from the real app (``make help-images``).

    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.help_images [OUTDIR]

OUTDIR defaults to ``resources/help/images``, where ``guide.html`` finds them. The
window is 1000 pixels wide, the sample review is loaded in a throwaway
SCRUTINY_DESK_HOME, and each picture is taken after the step the guide describes has
been done through the window's own actions (an item closed, a note typed, the export
dialog opened), so a step that stops working stops the script. Each PNG is reduced to
a 256-colour palette (Pillow, which reportlab brings) to keep the guide small.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from tests.ui.screenshots import settle

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from scrutiny_desk.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "help" / "images"
SIZE = (1000, 680)
#: Pages whose tables squeeze their text column below 1280 pixels.
WIDE = (1280, 800)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scrutiny-help-") as folder:
        home = str(Path(folder) / "clerk")  # the export dialog shows …/clerk/exports/…
        os.environ["SCRUTINY_DESK_HOME"] = home
        os.environ.pop("SCRUTINY_DESK_DB", None)
        if not os.environ.get("XDG_RUNTIME_DIR"):  # Qt warns without one (root, no session)
            runtime = Path(home) / "runtime"
            runtime.mkdir(mode=0o700, parents=True)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        for path in take(out, Path(home) / "guide.sqlite3"):
            print(f"{path} {path.stat().st_size // 1024} KB")
    return 0


def save(pixmap: QPixmap, path: Path) -> Path:
    """The picture as a palette PNG, optimised."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not pixmap.save(buffer, "PNG"):
        raise SystemExit(f"could not grab {path.name}")
    image = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    return path


def shot(window: MainWindow, path: Path, size: tuple[int, int] = SIZE) -> Path:
    """The main window at the guide's size (as small as the page shown allows)."""
    window.resize(*size)
    settle(window)
    return save(window.grab(), path)


def take(out: Path, database: Path) -> list[Path]:
    from PySide6.QtCore import QLocale
    from PySide6.QtTest import QTest

    from scrutiny_desk.app import application
    from scrutiny_desk.services.container import Services
    from scrutiny_desk.ui.shared.settings import Settings
    from scrutiny_desk.ui.window.main_window import MainWindow

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    application()
    services = Services.open(str(database))
    services.db.user = "clerk"  # the audit log's pictures name the guide's clerk, not who made them
    try:
        window = MainWindow(services, Settings())
        window.move(0, 0)
        window.resize(*SIZE)
        window.show()
        QTest.qWaitForWindowExposed(window, 5000)
        settle(window)
        written = [shot(window, out / "welcome.png")]
        window.load_sample()
        settle(window)
        written.extend(take_review(window, out))
        written.extend(take_meeting(window, out))
        written.extend(take_session(window, out))
        written.extend(take_follow_up(window, out))
        written.append(take_report(window, out))
        written.extend(take_guide_personal_data(window, out, shot))
        written.extend(take_audit(window, out, database.parent))
        written.extend(take_guide_versions(window, out, shot))  # last: it makes versions
        window.close()
    finally:
        services.close()
    return written


def take_guide_personal_data(*args: object) -> list[Path]:
    """The Personal Data page and Erase Personal Data (``personal_data_screenshots``)."""
    from tests.ui.personal_data_screenshots import take_guide

    return take_guide(*args)  # type: ignore[arg-type]


def take_guide_versions(*args: object) -> list[Path]:
    """The Report page's Versions tab (``tests/ui/versions_screenshots.py``)."""
    from tests.ui.versions_screenshots import take_guide

    return take_guide(*args)  # type: ignore[arg-type]


def take_review(window: MainWindow, out: Path) -> list[Path]:
    """Getting started: the Overview and Terms of Reference pages; the Witnesses page."""
    from scrutiny_desk.ui.shared.workspace import PageId

    written = []
    window.show_page(PageId.OVERVIEW)
    settle(window)
    written.append(shot(window, out / "overview.png"))
    window.show_page(PageId.TERMS)
    settle(window)
    written.append(shot(window, out / "terms.png"))
    window.show_page(PageId.WITNESSES)
    window.witnesses_page.select_witness("probation")
    settle(window)
    written.append(shot(window, out / "witnesses.png"))
    return written


def take_meeting(window: MainWindow, out: Path) -> list[Path]:
    """The Meetings page with its printed agenda, Edit Meeting, the Agenda tab with a
    closed item, the Close Item dialog, and the export dialog."""
    from scrutiny_desk.ui.shared.workspace import PageId

    review_id = window.current_review_id() or 0
    meetings = window.services.meetings.list(review_id)
    ev3 = next(m for m in meetings if m.key == "ev3")
    ev2 = next(m for m in meetings if m.key == "ev2")
    page = window.meetings_page
    window.show_page(PageId.MEETINGS)
    page.show_view("list")
    window.splitter.setSizes([250, 330])
    window.select_meeting(ev3.id)
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)
    settle(window)
    written = [shot(window, out / "meetings.png")]

    page.meeting_actions.edit_action.trigger()
    settle(window)
    dialog = page.meeting_prompts.dialog
    if dialog is None:
        raise SystemExit("Edit Meeting did not open its dialog")
    written.append(save(dialog.grab(), out / "meeting-dialog.png"))
    dialog.reject()

    window.splitter.setSizes([150, 430])
    window.meeting_tabs.setCurrentWidget(window.agenda_tab)
    window.agenda_tab.select_item("ev3-probation")
    settle(window)
    written.append(shot(window, out / "agenda.png"))

    # Closing an item, as the guide says: its minutes are not approved, so it can change.
    window.select_meeting(ev2.id)
    settle(window)
    window.agenda_tab.select_item("ev2-probation")
    window.agenda_tab.close_action.trigger()
    settle(window)
    close = window.agenda_tab.close_dialog
    if close is None:
        raise SystemExit("Close Item did not open its dialog")
    close.reason_edit.setPlainText("The witness asked to give evidence in private.")
    close.public_edit.setText("Evidence from a partner agency")
    settle(window)
    written.append(save(close.grab(), out / "close-item.png"))
    close.accept()
    settle(window)
    entries = window.services.meetings.agenda(ev2.id)
    if next(e for e in entries if e.key == "ev2-probation").access.value != "closed":
        raise SystemExit("Close Item did not close the item")
    window.editor.stack.undo()
    settle(window)

    window.select_meeting(ev3.id)
    settle(window)
    window.exports.export_agenda_action.trigger()
    export = window.exports.dialog
    if export is None:
        raise SystemExit("Export Agenda did not open its dialog")
    settle(window)
    written.append(save(export.grab(), out / "export-dialog.png"))
    export.reject()
    return written


def take_session(window: MainWindow, out: Path) -> list[Path]:
    """Attendance, Live notes (a note typed, the item's terms of reference offered),
    Minutes, and the Evidence page."""
    from scrutiny_desk.ui.shared.workspace import PageId

    review_id = window.current_review_id() or 0
    meetings = window.services.meetings.list(review_id)
    ev3 = next(m for m in meetings if m.key == "ev3")
    recs = next(m for m in meetings if m.key == "recs")  # its minutes are a draft
    window.show_page(PageId.MEETINGS)
    window.select_meeting(recs.id)
    window.splitter.setSizes([150, 430])
    written = []

    window.meeting_tabs.setCurrentWidget(window.attendance_tab)
    settle(window)
    written.append(shot(window, out / "attendance.png"))

    window.meeting_tabs.setCurrentWidget(window.minutes_tab)
    window.minutes_tab.select_item("recs-recommendations")
    settle(window)
    written.append(shot(window, out / "minutes.png"))

    window.select_meeting(ev3.id)

    tab = window.live_notes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    settle(window)
    tab.item_combo.setCurrentIndex(tab.item_combo.findData("ev3-probation"))
    tab.note_edit.setText("Fewer than half complete their drug rehabilitation requirement")
    tab.picker.clear()
    tab.note_edit.setFocus()
    settle(window)
    written.append(shot(window, out / "live-notes.png"))
    tab.note_edit.clear()

    window.evidence_page.show_review(review_id)
    window.show_page(PageId.EVIDENCE)
    settle(window)
    window.evidence_page.select_evidence("borough-survey")
    settle(window)
    written.append(shot(window, out / "evidence.png"))
    return written


def take_follow_up(window: MainWindow, out: Path) -> list[Path]:
    """Recommendations, Follow-up, and the search box's results."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from scrutiny_desk.ui.shared.workspace import PageId

    review_id = window.current_review_id() or 0
    written = []
    window.recommendations_page.show_review(review_id)
    window.show_page(PageId.RECOMMENDATIONS)
    settle(window)
    written.append(shot(window, out / "recommendations.png", WIDE))
    window.tracker_page.show_review(review_id)
    window.show_page(PageId.FOLLOW_UP)
    settle(window)
    written.append(shot(window, out / "follow-up.png", WIDE))

    window.show_page(PageId.MEETINGS)
    window.activateWindow()
    box = window.search_box
    box.focus_action.trigger()
    QTest.keyClicks(box, "drug pol")
    QTest.qWait(300)  # the search runs after a pause in typing
    settle(window)
    QTest.keyClick(box, Qt.Key.Key_Down)
    settle(window)
    written.append(shot(window, out / "search.png"))
    QTest.keyClick(box, Qt.Key.Key_Escape)
    QTest.keyClick(box, Qt.Key.Key_Escape)
    return written


def take_audit(window: MainWindow, out: Path, folder: Path) -> list[Path]:
    """Who changed what: the Audit Log page after a few changes by two clerks, and
    the History of the witness changed (``tests/ui/audit_screenshots.py``)."""
    from scrutiny_desk.ui.shared.workspace import PageId
    from tests.ui.audit_screenshots import make_trail, witness_history

    user = window.services.db.user
    make_trail(window, settle, folder)
    window.services.db.user = user
    window.show_page(PageId.AUDIT_LOG)
    written = [shot(window, out / "audit-log.png", WIDE)]
    dialog = witness_history(window, settle)
    written.append(save(dialog.grab(), out / "history.png"))
    dialog.close()
    return written


def take_report(window: MainWindow, out: Path) -> Path:
    """The Report page on a findings section, paragraphs written and cited."""
    from tests.ui.report_screenshots import show_findings

    show_findings(window, settle)
    return shot(window, out / "report.png", WIDE)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
