"""The Attendance tab's full record in a real main window over the sample review:
arrivals and departures by item and the quorum they leave, substitutes, officers and
others present, declarations offered from the register; each edit one undo step,
checked in the database, and nothing offered while the minutes are approved."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import AttendanceStatus, AttendeeKind, InterestCategory
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.attendance.attendance_model import AttendanceColumn
from scrutiny_desk.ui.attendance.attendance_tab import AttendanceTab
from scrutiny_desk.ui.attendance.attendee_dialog import AttendeeDialog
from scrutiny_desk.ui.attendance.declaration_dialog import DeclarationDialog
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    """As in test_attendance_tab: no window of this test outlives it."""
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_tab(window: MainWindow, meeting_key: str) -> AttendanceTab:
    tab = window.attendance_tab
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    meeting = window.services.meeting_edits.find(review_id or 0, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    window.activateWindow()
    QApplication.processEvents()
    tab.view.setFocus()
    return tab


def start_empty(window: MainWindow, tab: AttendanceTab) -> None:
    """Nobody but the panel at the meeting, no declarations and no votes (a vote by name
    holds its voters present, one by counts needs that many there), whatever the sample
    records there: each test sets up what it needs."""
    services = window.services
    for item in services.agenda.items(meeting_id(tab)):
        for resolution in services.resolutions.resolutions(item.id):
            if resolution.vote is not None:
                services.resolutions.update_resolution(resolution.id, resolution.version, vote=None)
    for declaration in reversed(services.declarations.declarations(meeting_id(tab))):
        services.declarations.remove_declaration(declaration.id, declaration.version)
    for attendee in reversed(services.attendees.attendees(meeting_id(tab))):
        services.attendees.remove_attendee(attendee.id, attendee.version)
    window.editor.reload_all()
    QApplication.processEvents()


def meeting_id(tab: AttendanceTab) -> int:
    assert tab.meeting_id is not None
    return tab.meeting_id


def stay(services: Services, meeting: int, key: str) -> tuple[str | None, str | None]:
    record = next(a for a in services.minutes.attendance(meeting) if a.member_key == key)
    return record.arrived, record.left


def verdicts(tab: AttendanceTab) -> list[str]:
    model = tab.quorum_panel.model
    return [model.index(row, 3).data() for row in range(model.rowCount())]


def only_three_present(window: MainWindow, tab: AttendanceTab) -> None:
    """Sumray, Whittaker and Barnes present; the rest of the panel absent."""
    services = window.services
    for record in services.minutes.attendance(meeting_id(tab)):
        if record.member_key not in {"sumray", "whittaker", "barnes"} and record.status is not (
            AttendanceStatus.ABSENT
        ):
            services.minutes.set_attendance(
                meeting_id(tab), record.member_key, AttendanceStatus.ABSENT, record.version
            )
    window.editor.reload_all()
    QApplication.processEvents()


def choose_in_cell(qtbot: QtBot, tab: AttendanceTab, key: str, column: int, text: str) -> None:
    """Open the cell's list with F2 and choose ``text`` in it, as a clerk would."""
    row = tab.model.row_of_key(key)
    assert row is not None
    tab.view.setCurrentIndex(tab.model.index(row, column))
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    combo = tab.view.viewport().findChild(QComboBox)
    assert combo is not None
    chosen = combo.findText(text)
    assert chosen >= 0, [combo.itemText(n) for n in range(combo.count())]
    combo.setCurrentIndex(chosen)
    combo.activated.emit(chosen)


def open_attendee_dialog(tab: AttendanceTab) -> AttendeeDialog:
    dialog = tab.others.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def open_declaration_dialog(tab: AttendanceTab) -> DeclarationDialog:
    dialog = tab.declarations.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_every_model_is_sound(window: MainWindow, qtmodeltester) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    start_empty(window, tab)
    services.attendees.add_attendee(
        meeting_id(tab), AttendeeKind.OFFICER, "Ann Lee", "Scrutiny Manager", "ann@example.org"
    )
    services.declarations.add_declaration(
        meeting_id(tab),
        "sumray",
        "recs-findings",
        "Trustee of a charity",
        InterestCategory.OTHER_REGISTRABLE,
    )
    window.editor.reload_all()
    QApplication.processEvents()
    for model in (tab.model, tab.others.model, tab.declarations.model, tab.quorum_panel.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(model)
    assert tab.quorum_panel.heading.text() == "Quorum: 3"
    assert tab.quorum_panel.model.rowCount() == 5
    assert tab.others.model.index(0, 1).data() == "Ann Lee"
    assert tab.declarations.model.index(0, 1).data().startswith("4. ")
    assert tab.sections.tabText(2) == "Declarations of Interest (1)"


def test_a_departure_by_item_loses_the_quorum_and_undo_regains_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    start_empty(window, tab)
    only_three_present(window, tab)
    assert verdicts(tab) == ["Quorate"] * 5
    assert tab.quorum_panel.summary.text() == "Quorate for every item."
    barnes = tab.model.row_of_key("barnes")
    assert barnes is not None
    assert tab.model.index(barnes, AttendanceColumn.LEFT).data() == "To the end"
    # Not present: no arrival or departure to choose.
    absent = tab.model.row_of_key("hockney")
    assert absent is not None
    assert tab.model.index(absent, AttendanceColumn.LEFT).data() == ""
    assert not tab.model.flags(tab.model.index(absent, AttendanceColumn.LEFT)) & (
        Qt.ItemFlag.ItemIsEditable
    )

    # Barnes leaves after item 2: items 3 to 5 are not quorate, in words and marked.
    second = tab.model.items()[1][0]
    choose_in_cell(qtbot, tab, "barnes", AttendanceColumn.LEFT, second)
    qtbot.waitUntil(lambda: stay(services, meeting_id(tab), "barnes")[1] is not None)
    assert stay(services, meeting_id(tab), "barnes") == (None, "recs-declarations")
    assert verdicts(tab) == ["Quorate", "Quorate", "Not quorate", "Not quorate", "Not quorate"]
    assert tab.quorum_panel.summary.text() == "Not quorate for items 3, 4 and 5."
    quorum = tab.quorum_panel.model
    assert quorum.index(2, 2).data() == "2"
    assert quorum.index(2, 3).data(Qt.ItemDataRole.DecorationRole) is not None
    assert quorum.index(0, 3).data(Qt.ItemDataRole.DecorationRole) is None
    assert tab.model.index(barnes, AttendanceColumn.LEFT).data() == second
    assert tab.model.index(barnes, AttendanceColumn.LEFT).data(Qt.ItemDataRole.ToolTipRole) == (
        f"Richard Barnes: left after {second}"
    )
    assert window.editor.stack.count() == 1

    # Whittaker arrives at item 4: item 3 is still short, 4 and 5 are not.
    choose_in_cell(qtbot, tab, "whittaker", AttendanceColumn.ARRIVED, tab.model.items()[3][0])
    qtbot.waitUntil(lambda: stay(services, meeting_id(tab), "whittaker")[0] is not None)
    assert verdicts(tab)[2:] == ["Not quorate", "Not quorate", "Not quorate"]
    # Her departure is offered from the item she arrived at on, no earlier.
    row = tab.model.row_of_key("whittaker")
    assert row is not None
    tab.view.setCurrentIndex(tab.model.index(row, AttendanceColumn.LEFT))
    qtbot.keyClick(tab.view, Qt.Key.Key_F2)
    combo = tab.view.viewport().findChild(QComboBox)
    assert combo is not None
    offered = [combo.itemText(n) for n in range(combo.count())]
    assert offered == [tab.model.items()[3][0], tab.model.items()[4][0], "To the end"]
    qtbot.keyClick(combo, Qt.Key.Key_Escape)

    # Nothing recorded for Barnes, then undone: his departure comes back with him.
    tab.select_member("barnes")
    qtbot.keyClick(tab.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.model.record(barnes).status is None)
    window.undo_action.trigger()
    assert stay(services, meeting_id(tab), "barnes") == (None, "recs-declarations")
    assert verdicts(tab)[2] == "Not quorate"

    window.undo_action.trigger()
    assert stay(services, meeting_id(tab), "whittaker") == (None, None)
    window.undo_action.trigger()
    assert stay(services, meeting_id(tab), "barnes") == (None, None)
    assert verdicts(tab) == ["Quorate"] * 5
    window.redo_action.trigger()
    assert stay(services, meeting_id(tab), "barnes") == (None, "recs-declarations")
    assert tab.quorum_panel.summary.text() == "Not quorate for items 3, 4 and 5."


def test_a_substitute_for_a_member_who_sent_apologies(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    start_empty(window, tab)
    present_before = [r.present for r in services.attendees.quorum(meeting_id(tab)).items]
    # Only a member who sent apologies can have a substitute.
    tab.select_member("sumray")
    assert not tab.substitute_action.isEnabled()
    tab.select_member("hockney")
    assert tab.substitute_action.isEnabled()
    qtbot.keyClick(
        tab.view,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = open_attendee_dialog(tab)
    assert tab.sections.currentWidget() is tab.others
    assert dialog.kind_combo.currentData() == AttendeeKind.SUBSTITUTE.value
    assert dialog.for_combo.currentData() == "hockney"
    assert dialog.for_combo.isEnabled()
    assert not dialog.ok_button.isEnabled()  # no name yet
    qtbot.keyClicks(dialog.name_edit, "Cllr Brian Coleman")
    assert dialog.ok_button.isEnabled()
    dialog.accept()

    (added,) = services.attendees.attendees(meeting_id(tab))
    assert (added.kind, added.name, added.substitute_for) == (
        AttendeeKind.SUBSTITUTE,
        "Cllr Brian Coleman",
        "hockney",
    )
    assert tab.others.model.index(0, 4).data() == "Damian Hockney"
    assert tab.others.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == (
        "Cllr Brian Coleman, substitute for Damian Hockney"
    )
    after = [r.present for r in services.attendees.quorum(meeting_id(tab)).items]
    assert after == [n + 1 for n in present_before]
    assert tab.sections.tabText(1) == "Others at the Meeting (1)"
    # One substitute each: no second is offered for him, nor anyone for a member present.
    tab.sections.setCurrentIndex(0)
    tab.select_member("hockney")
    assert not tab.substitute_action.isEnabled()
    assert "hockney" not in [key for _name, key in tab.substitutable()]
    assert "sumray" not in [key for _name, key in tab.substitutable()]
    window.undo_action.trigger()
    assert services.attendees.attendees(meeting_id(tab)) == []
    assert tab.others.model.rowCount() == 0
    assert tab.substitute_action.isEnabled()
    window.redo_action.trigger()
    assert [a.key for a in services.attendees.attendees(meeting_id(tab))] == [added.key]


def test_officers_added_edited_and_removed_one_step_each(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    start_empty(window, tab)
    tab.sections.setCurrentWidget(tab.others)
    tab.others.add_action.trigger()
    dialog = open_attendee_dialog(tab)
    assert not dialog.for_combo.isEnabled()  # an officer attends for nobody
    qtbot.keyClicks(dialog.name_edit, "Ann Lee")
    qtbot.keyClicks(dialog.role_edit, "Scrutiny Manager")
    qtbot.keyClicks(dialog.email_edit, "ann.lee@")
    # The address is checked as the services check it, beside its field.
    assert dialog.email_problem.isVisibleTo(dialog)
    assert "address" in dialog.email_problem.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.email_edit, "example.org")
    assert not dialog.email_problem.isVisibleTo(dialog)
    dialog.accept()
    (officer,) = services.attendees.attendees(meeting_id(tab))
    assert (officer.kind, officer.role, officer.email) == (
        AttendeeKind.OFFICER,
        "Scrutiny Manager",
        "ann.lee@example.org",
    )

    # Edit: she left after item 4.
    tab.others.edit_action.trigger()
    dialog = open_attendee_dialog(tab)
    assert dialog.name_edit.text() == "Ann Lee"
    dialog.role_edit.setText("Head of Scrutiny")
    dialog.left_combo.setCurrentIndex(3)
    dialog.accept()
    (edited,) = services.attendees.attendees(meeting_id(tab))
    assert (edited.role, edited.left) == ("Head of Scrutiny", "recs-findings")
    assert tab.others.model.index(0, 6).data() == "Item 4"
    window.undo_action.trigger()
    (back,) = services.attendees.attendees(meeting_id(tab))
    assert (back.role, back.left) == ("Scrutiny Manager", None)
    window.redo_action.trigger()

    # Remove (Del on the list), undone under the same key.
    tab.others.view.setFocus()
    qtbot.keyClick(tab.others.view, Qt.Key.Key_Delete)
    assert services.attendees.attendees(meeting_id(tab)) == []
    window.undo_action.trigger()
    (restored,) = services.attendees.attendees(meeting_id(tab))
    assert (restored.key, restored.role) == (officer.key, "Head of Scrutiny")
    assert window.editor.stack.count() == 3


def test_a_declaration_offered_from_the_register(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    review_id = window.current_review_id()
    assert review_id is not None
    services.interests.add_interest(
        review_id, "sumray", "Trustee of Addaction", InterestCategory.OTHER_REGISTRABLE
    )
    tab = open_tab(window, "recs")
    start_empty(window, tab)
    assert tab.declarations.summary.text() == "There were no declarations of interest."
    tab.sections.setCurrentWidget(tab.declarations)
    tab.declarations.add_action.trigger()
    dialog = open_declaration_dialog(tab)
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData("sumray"))
    assert dialog.register_combo.isEnabled()
    entry = dialog.register_combo.findText("Trustee of Addaction (Other registrable)")
    assert entry > 0
    dialog.register_combo.setCurrentIndex(entry)
    dialog.register_combo.activated.emit(entry)
    assert dialog.nature_edit.text() == "Trustee of Addaction"
    assert dialog.category_combo.currentData() == InterestCategory.OTHER_REGISTRABLE.value
    dialog.item_combo.setCurrentIndex(dialog.item_combo.findData("recs-findings"))
    dialog.left_check.setChecked(True)
    dialog.accept()
    (made,) = services.declarations.declarations(meeting_id(tab))
    assert (made.person, made.item, made.nature, made.category, made.left_room) == (
        "sumray",
        "recs-findings",
        "Trustee of Addaction",
        InterestCategory.OTHER_REGISTRABLE,
        True,
    )
    assert tab.declarations.model.index(0, 4).data() == "Yes"

    # A member with nothing registered types the interest; the nature is required.
    tab.declarations.add_action.trigger()
    dialog = open_declaration_dialog(tab)
    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData("barnes"))
    assert not dialog.register_combo.isEnabled()
    dialog.accept()
    assert dialog.isVisible() and dialog.nature_problem.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.nature_edit, "His son is a Metropolitan Police officer")
    dialog.category_combo.setCurrentIndex(2)
    dialog.accept()
    assert [d.person for d in services.declarations.declarations(meeting_id(tab))] == [
        "sumray",
        "barnes",
    ]
    assert tab.declarations.model.index(1, 1).data() == "General"

    # Edit the first, undo; remove it, undo.
    tab.declarations.view.setCurrentIndex(tab.declarations.model.index(0, 0))
    tab.declarations.edit_action.trigger()
    dialog = open_declaration_dialog(tab)
    dialog.left_check.setChecked(False)
    dialog.accept()
    assert not services.declarations.declarations(meeting_id(tab))[0].left_room
    window.undo_action.trigger()
    assert services.declarations.declarations(meeting_id(tab))[0].left_room
    tab.declarations.view.setCurrentIndex(tab.declarations.model.index(0, 0))
    tab.declarations.remove_action.trigger()
    assert [d.person for d in services.declarations.declarations(meeting_id(tab))] == ["barnes"]
    window.undo_action.trigger()
    assert [d.person for d in services.declarations.declarations(meeting_id(tab))] == [
        "sumray",
        "barnes",
    ]
    window.undo_action.trigger()  # the second declaration
    window.undo_action.trigger()  # the first
    assert services.declarations.declarations(meeting_id(tab)) == []
    assert tab.declarations.summary.text() == "There were no declarations of interest."


def test_nothing_is_offered_while_the_minutes_are_approved(window: MainWindow) -> None:
    tab = open_tab(window, "ev3")
    assert tab.locked_banner.isVisible()
    assert "declarations" in tab.locked_text.text()
    present = tab.model.row_of_key("sumray")
    assert present is not None
    for column in (AttendanceColumn.ARRIVED, AttendanceColumn.LEFT):
        assert not tab.model.flags(tab.model.index(present, column)) & Qt.ItemFlag.ItemIsEditable
    tab.select_member("mccartney")  # sent apologies
    assert not tab.substitute_action.isEnabled()
    for section in (tab.others, tab.declarations):
        assert not section.add_action.isEnabled()
        assert not section.edit_action.isEnabled()
        assert not section.remove_action.isEnabled()
    tab.others.add()  # asked all the same: nothing opens
    assert tab.others.dialog is None
    assert tab.quorum_panel.model.rowCount() == 6  # still shown


def test_a_read_only_database_offers_nothing(
    make_window: WindowFactory, read_only_copy: Path
) -> None:
    window = make_window(open_read_only(read_only_copy))
    tab = open_tab(window, "recs")
    assert tab.quorum_panel.heading.text() == "Quorum: 3"
    assert not tab.model.flags(tab.model.index(0, AttendanceColumn.LEFT)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    for section in (tab.others, tab.declarations):
        assert not section.add_action.isEnabled()
    tab.select_member("hockney")
    assert not tab.substitute_action.isEnabled()


def test_the_dialogs_remember_their_size(window: MainWindow) -> None:
    tab = open_tab(window, "recs")
    tab.others.add_action.trigger()
    dialog = open_attendee_dialog(tab)
    dialog.resize(640, dialog.height() + 40)
    dialog.reject()
    assert not window.settings.attendee_dialog_geometry.isEmpty()
    tab.others.add_action.trigger()
    assert open_attendee_dialog(tab).width() == 640
    open_attendee_dialog(tab).reject()
    tab.declarations.add_action.trigger()
    open_declaration_dialog(tab).reject()
    assert not window.settings.declaration_dialog_geometry.isEmpty()


def test_a_refusal_only_the_services_can_find_shows_beside_its_field(
    qtbot: QtBot, window: MainWindow
) -> None:
    """A colleague records a substitute for the same member while the dialog is open:
    the dialog stays open, says so under "Substitute for", and nothing is saved."""
    services = window.services
    tab = open_tab(window, "recs")
    start_empty(window, tab)
    tab.select_member("hockney")
    tab.substitute_action.trigger()
    dialog = open_attendee_dialog(tab)
    qtbot.keyClicks(dialog.name_edit, "Cllr Brian Coleman")
    services.attendees.add_attendee(
        meeting_id(tab), AttendeeKind.SUBSTITUTE, "Cllr Kit Malthouse", substitute_for="hockney"
    )
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.for_problem.isVisibleTo(dialog)
    assert "Cllr Kit Malthouse attends for Damian Hockney already" in dialog.for_problem.text()
    assert [a.name for a in services.attendees.attendees(meeting_id(tab))] == ["Cllr Kit Malthouse"]
    assert window.editor.stack.count() == 0
    dialog.reject()
    box = window.findChild(QMessageBox, "errorMessage")
    if box is not None:
        box.close()


def test_a_meeting_that_did_not_take_place_counts_no_quorum(window: MainWindow) -> None:
    tab = open_tab(window, "ev2")  # cancelled
    assert tab.quorum_panel.model.rowCount() == 0
    assert tab.quorum_panel.summary.text() == "The meeting did not take place."
    tab = open_tab(window, "recs")
    assert tab.quorum_panel.model.rowCount() == 5
