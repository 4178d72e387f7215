"""The Meeting and Review menus' exports, from the main window to the files written.

Each test drives the real dialog and the real export service on a SQLite copy of the
sample review, with a synchronous task runner and an opener that only records paths.
"""

from __future__ import annotations

import threading
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk import paths
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import Exported
from scrutiny_desk.ui.shared.export_dialog import ExportDialog
from scrutiny_desk.ui.shared.export_names import file_name, meeting_file_stem, safe_file_name
from scrutiny_desk.ui.shared.tasks import ThreadedTaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.conftest import EXAMPLE

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

EV2 = "Evidence session 2: research and treatment"  # cancelled
EV3 = "Evidence session 3: criminal justice and treatment"  # held, item 6 closed
POSTPONED = "Consideration of responses to the draft report"
CLOSED_ITEM = "Evidence from a former drug user"
NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"


def pdf_text(path: Path) -> str:
    """The PDF's words, each run of white space one space (a title may wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def calendar_method(path: Path) -> str:
    """The method of the calendar part of an .eml file: REQUEST or CANCEL."""
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    return str(part.get_param("method"))


def meeting_id(services: Services, title: str, review_id: int = 1) -> int:
    return next(m.id for m in services.meetings.list(review_id) if m.title == title)


def show_meeting(window: MainWindow, title: str) -> None:
    review_id = window.current_review_id()
    assert review_id is not None
    assert window.select_meeting(meeting_id(window.services, title, review_id))
    meeting = window.current_meeting()
    assert meeting is not None and meeting.title == title


def open_dialog(window: MainWindow, action_name: str) -> ExportDialog:
    getattr(window.exports, action_name).trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def message_boxes(window: MainWindow) -> list[QMessageBox]:
    return [b for b in window.findChildren(QMessageBox) if b.isVisible()]


@pytest.fixture
def opened() -> list[Path]:
    """The files the window asked the system to open."""
    return []


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services, opened: list[Path]) -> MainWindow:
    shown = make_window(sample_services)
    shown.exports.opener = lambda path: opened.append(path) is None
    show_meeting(shown, EV3)
    return shown


# Menus and toolbar ---------------------------------------------------------------------


def test_the_meeting_menu_and_toolbar_offer_the_exports(window: MainWindow) -> None:
    exports = window.exports
    assert exports.export_agenda_action.shortcut() == QKeySequence("Ctrl+E")
    assert exports.print_agenda_action.shortcut() == QKeySequence("Ctrl+P")
    assert "Ctrl+E" in exports.export_agenda_action.toolTip()
    toolbar = [a.text() for a in window.toolbar.actions() if not a.isSeparator()]
    assert toolbar[-4:] == [
        "Export &Agenda…",
        "Export &Minutes…",
        "Send &Invitation…",
        "&Print Agenda…",
    ]
    button = window.toolbar.widgetForAction(exports.export_agenda_action)
    assert button is not None and button.accessibleName() == "Export Agenda"
    for action in [*exports.meeting_actions, exports.programme_action]:
        assert action.statusTip(), action.text()


@pytest.mark.parametrize(
    ("title", "invite", "cancel"),
    [(EV3, True, False), (EV2, False, True), (POSTPONED, False, True)],  # postponed: cancelled
)
def test_invitations_and_cancellations_follow_the_meeting_status(
    window: MainWindow, title: str, invite: bool, cancel: bool
) -> None:
    show_meeting(window, title)
    exports = window.exports
    assert exports.invite_action.isEnabled() is invite
    assert exports.witness_invite_action.isEnabled() is invite
    assert exports.cancellation_action.isEnabled() is cancel
    assert exports.export_agenda_action.isEnabled()
    assert exports.print_minutes_action.isEnabled()
    assert exports.programme_action.isEnabled()


def test_without_a_review_nothing_can_be_exported(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    actions = [*window.exports.meeting_actions, window.exports.programme_action]
    assert not any(a.isEnabled() for a in actions)


# Papers ----------------------------------------------------------------------------------


def test_export_agenda_is_public_by_default(window: MainWindow, opened: list[Path]) -> None:
    dialog = open_dialog(window, "export_agenda_action")
    assert dialog.public_radio.isChecked()
    assert not dialog.panel_warning.isVisible()
    expected = paths.export_dir() / "2007-03-26 Evidence session 3 - agenda.pdf"
    assert Path(dialog.path_edit.text()) == expected
    assert paths.export_dir().is_dir()
    dialog.ok_button.click()

    assert opened == [expected]
    text = pdf_text(expected)
    assert "Evidence from the Crown Prosecution Service" in text
    assert CLOSED_ITEM not in text
    assert NOT_FOR_PUBLICATION not in text
    assert window.statusBar().currentMessage() == f"Saved agenda to {expected}."
    assert window.settings.last_export_folder == str(expected.parent)
    assert window.exports.dialog is None


def test_export_the_panel_agenda(window: MainWindow, opened: list[Path]) -> None:
    dialog = open_dialog(window, "export_agenda_action")
    dialog.panel_radio.click()
    assert dialog.panel_warning.isVisible()
    assert NOT_FOR_PUBLICATION in dialog.panel_warning.text()
    assert NOT_FOR_PUBLICATION in dialog.panel_radio.text()
    path = Path(dialog.path_edit.text())
    assert path.name == "2007-03-26 Evidence session 3 - agenda-panel.pdf"
    dialog.public_radio.click()  # the name follows the audience both ways
    assert Path(dialog.path_edit.text()).name == "2007-03-26 Evidence session 3 - agenda.pdf"
    dialog.panel_radio.click()
    dialog.ok_button.click()

    assert opened == [path]
    text = pdf_text(path)
    assert CLOSED_ITEM in text
    assert NOT_FOR_PUBLICATION in text
    assert window.statusBar().currentMessage() == (
        f"Saved panel agenda (NOT FOR PUBLICATION) to {path}."
    )


def test_export_minutes_to_a_folder_of_ones_own(
    window: MainWindow, opened: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "committee papers"
    folder.mkdir()
    dialog = open_dialog(window, "export_minutes_action")
    dialog.path_edit.setText(str(folder / "ev3 minutes"))  # no suffix: .pdf is added
    dialog.ok_button.click()
    written = folder / "ev3 minutes.pdf"
    assert opened == [written]
    assert "Minutes" in pdf_text(written)
    assert window.statusBar().currentMessage() == f"Saved minutes to {written}."

    # The next export starts in that folder.
    again = open_dialog(window, "export_agenda_action")
    assert Path(again.path_edit.text()).parent == folder
    again.reject()
    assert window.exports.dialog is None


def test_a_missing_folder_keeps_the_dialog_open(window: MainWindow, opened: list[Path]) -> None:
    dialog = open_dialog(window, "export_agenda_action")
    dialog.path_edit.setText("/no/such/folder/agenda.pdf")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "The folder /no/such/folder does not exist."
    assert opened == []
    dialog.reject()


def test_replacing_a_file_is_asked_first(
    window: MainWindow, opened: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = paths.export_dir() / "2007-03-26 Evidence session 3 - agenda.pdf"
    existing.parent.mkdir(parents=True, exist_ok=True)
    existing.write_bytes(b"old")
    asked: list[Path] = []
    dialog = open_dialog(window, "export_agenda_action")
    monkeypatch.setattr(dialog, "confirm_overwrite", lambda path: asked.append(path) and False)
    dialog.ok_button.click()
    assert asked == [existing]
    assert dialog.isVisible() and existing.read_bytes() == b"old"
    monkeypatch.setattr(dialog, "confirm_overwrite", lambda path: True)
    dialog.ok_button.click()
    assert opened == [existing]
    assert existing.read_bytes().startswith(b"%PDF")


# Invitations and cancellations ----------------------------------------------------------------


def test_send_invitation_writes_an_email_for_a_held_meeting(
    window: MainWindow, opened: list[Path]
) -> None:
    dialog = open_dialog(window, "invite_action")
    assert not dialog.audience_box.isVisible()
    path = Path(dialog.path_edit.text())
    assert path.name == "2007-03-26 Evidence session 3 - invitation.eml"
    dialog.ok_button.click()

    assert opened == [path]
    assert calendar_method(path) == "REQUEST"
    assert window.statusBar().currentMessage() == f"Saved invitation to {path}."


def test_the_invitation_can_be_a_calendar_file(window: MainWindow, opened: list[Path]) -> None:
    dialog = open_dialog(window, "invite_action")
    assert dialog.select_format(".ics")
    path = Path(dialog.path_edit.text())
    assert path.name == "2007-03-26 Evidence session 3 - invitation.ics"
    dialog.ok_button.click()
    assert opened == [path]
    assert path.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_invite_a_witness_on_the_agenda(window: MainWindow, opened: list[Path]) -> None:
    window.exports.witness_invite_action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None
    combo = dialog.recipient_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == [
        "Head of Drugs Casework, Senior prosecutor, Crown Prosecution Service",
        "Chief Officer, London Probation",
        "Service user, Former drug user",
    ]
    # The service user has no e-mail address: listed, but cannot be chosen.
    assert dialog.select_recipient(5)
    assert dialog.recipient_note.isVisible()
    assert "no e-mail address" in dialog.recipient_note.text()
    assert not dialog.ok_button.isEnabled()

    assert dialog.select_recipient(4)  # London Probation
    assert dialog.ok_button.isEnabled()
    path = Path(dialog.path_edit.text())
    assert path.name == "2007-03-26 Evidence session 3 - invitation - Chief Officer.eml"
    dialog.ok_button.click()

    assert opened == [path]
    message = path.read_text(encoding="utf-8")
    assert "probation@example.org" in message
    assert CLOSED_ITEM not in message
    assert window.statusBar().currentMessage() == (f"Saved invitation for Chief Officer to {path}.")


def test_a_meeting_without_witnesses_says_so(window: MainWindow) -> None:
    show_meeting(window, "Scoping meeting")
    window.exports.witness_invite_action.trigger()
    assert window.exports.dialog is None
    [box] = message_boxes(window)
    assert box.text().startswith("No witness is on the agenda of “Scoping meeting”")
    box.close()


def test_send_the_cancellation_of_a_cancelled_meeting(
    window: MainWindow, opened: list[Path]
) -> None:
    show_meeting(window, EV2)
    dialog = open_dialog(window, "cancellation_action")
    assert dialog.recipient_combo.currentText() == "The panel"
    path = Path(dialog.path_edit.text())
    assert path.name == "2007-02-26 Evidence session 2 - cancellation.eml"
    dialog.ok_button.click()
    assert opened == [path]
    assert calendar_method(path) == "CANCEL"


def test_an_error_from_the_service_is_shown_and_nothing_is_written(
    make_window: WindowFactory, sqlite_services: Services, opened: list[Path]
) -> None:
    review_id = sqlite_services.reviews.import_file(EXAMPLE)  # its contact has no e-mail
    window = make_window(sqlite_services)
    window.exports.opener = lambda path: opened.append(path) is None
    assert window.current_review_id() == review_id
    show_meeting(window, "Evidence session 1")
    dialog = open_dialog(window, "invite_action")
    path = Path(dialog.path_edit.text())
    dialog.ok_button.click()

    [box] = message_boxes(window)
    assert box.text() == "The invitation could not be written"
    assert "contact officer e-mail" in box.informativeText()
    assert not path.exists()
    assert list(path.parent.iterdir()) == []
    assert opened == []
    assert window.statusBar().currentMessage() == "The invitation could not be written."
    box.close()


# The programme -----------------------------------------------------------------------------


def test_export_the_programme(window: MainWindow, opened: list[Path]) -> None:
    dialog = open_dialog(window, "programme_action")
    assert dialog.public_radio.isChecked()
    path = Path(dialog.path_edit.text())
    assert path.name == "Drugs Scrutiny - programme.ics"
    dialog.ok_button.click()
    assert opened == [path]
    calendar = path.read_text(encoding="utf-8")
    assert calendar.startswith("BEGIN:VCALENDAR")
    assert "METHOD:PUBLISH" in calendar
    assert calendar.count("BEGIN:VEVENT") >= 6
    assert CLOSED_ITEM not in calendar
    assert window.statusBar().currentMessage() == f"Saved programme to {path}."


# Off the GUI thread ----------------------------------------------------------------------------


def test_the_export_runs_off_the_gui_thread(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_services: Services,
    opened: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    threads: list[threading.Thread] = []
    render = sample_services.exports.publish

    def publish(paper: str, meeting: int, audience: Audience, path: Path) -> Exported:
        threads.append(threading.current_thread())
        return render(paper, meeting, audience, path)

    monkeypatch.setattr(sample_services.exports, "publish", publish)
    window = make_window(sample_services, runner=ThreadedTaskRunner())
    window.exports.opener = lambda path: opened.append(path) is None
    qtbot.waitUntil(lambda: window.current_meeting() is not None, timeout=10_000)
    show_meeting(window, EV3)
    dialog = open_dialog(window, "export_agenda_action")
    dialog.ok_button.click()
    assert window.runner.is_busy()  # the outcome comes later, by an event
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert opened[0].read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: not window.runner.is_busy(), timeout=10_000)


# File names --------------------------------------------------------------------------------------


def test_file_names_are_safe_and_say_what_they_hold(sample_services: Services) -> None:
    ev3 = sample_services.meetings.get(meeting_id(sample_services, EV3))
    assert meeting_file_stem(ev3) == "2007-03-26 Evidence session 3"
    assert file_name("S", "agenda", ".pdf") == "S - agenda.pdf"
    assert file_name("S", "agenda", ".pdf", Audience.PANEL) == "S - agenda-panel.pdf"
    assert file_name("S", "invitation", ".eml", who="A/B") == "S - invitation - A B.eml"
    assert safe_file_name('Q3: "cuts" <draft>?') == "Q3 cuts draft"
    assert safe_file_name("...") == "export"
    assert len(safe_file_name("x" * 300)) == 80
