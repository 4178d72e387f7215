"""The Panel page in a real main window over the sample review: every edit driven
through the widgets, checked in the database, then undone and redone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import AttendanceStatus, MeetingStatus, MemberRole
from scrutiny_desk.domain.errors import ScrutinyError
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.panel.member_dialog import MemberDialog
from scrutiny_desk.ui.panel.panel_model import AttendanceModel, AttendanceRow, PanelColumn
from scrutiny_desk.ui.panel.panel_page import PanelPage, load_attendance
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only
from .removal import answer

pytestmark = pytest.mark.gui

SAMPLE_PANEL = [
    "Richard Sumray",
    "Rachel Whittaker",
    "Richard Barnes",
    "Joanne McCartney",
    "Elizabeth Howlett",
    "Damian Hockney",
    "Aneeta Prem",
]


def build(window: MainWindow) -> PanelPage:
    page = window.page(PageId.PANEL)
    assert isinstance(page, PanelPage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.PANEL)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> PanelPage:
    return build(window)


def panel(services: Services) -> list[tuple[str, MemberRole, str | None]]:
    return [(m.name, m.role, m.email) for m in services.panel.members(1)]


def names(services: Services) -> list[str]:
    return [m.name for m in services.panel.members(1)]


def shown(page: PanelPage) -> list[str]:
    return [page.model.index(r, PanelColumn.NAME).data() for r in range(page.model.rowCount())]


def click_row(qtbot: QtBot, page: PanelPage, name: str) -> None:
    row = shown(page).index(name)
    index = page.model.index(row, PanelColumn.NAME)
    qtbot.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center()
    )
    assert page.current_member() is not None and page.current_member().name == name  # type: ignore[union-attr]


def open_dialog(page: PanelPage) -> MemberDialog:
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def fill(
    qtbot: QtBot, dialog: MemberDialog, name: str | None = None, email: str | None = None
) -> None:
    if name is not None:
        dialog.name_edit.clear()
        qtbot.keyClicks(dialog.name_edit, name)
    if email is not None:
        dialog.email_edit.clear()
        qtbot.keyClicks(dialog.email_edit, email)


def choose_role(dialog: MemberDialog, role: MemberRole) -> None:
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData(role.value))


def save(qtbot: QtBot, dialog: MemberDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


# Showing the panel ---------------------------------------------------------------------


def test_the_panel_is_listed_with_the_chair_marked(page: PanelPage, qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    assert shown(page) == SAMPLE_PANEL
    chair = page.model.index(0, PanelColumn.ROLE)
    assert chair.data() == "Chair"
    assert chair.data(Qt.ItemDataRole.FontRole).bold()
    assert page.model.index(1, PanelColumn.ROLE).data() == "Member"
    assert page.model.index(1, PanelColumn.ROLE).data(Qt.ItemDataRole.FontRole) is None
    assert page.model.index(0, PanelColumn.EMAIL).data() == "richard.sumray@example.org"
    assert page.view.accessibleName() == "Panel members"


def test_selecting_a_member_shows_their_attendance(
    qtbot: QtBot, page: PanelPage, qtmodeltester
) -> None:
    click_row(qtbot, page, "Aneeta Prem")
    model = page.attendance_model
    qtmodeltester.check(model)
    assert model.rowCount() == 8
    assert page.summary_label.text() == "Present at 5 of 6 meetings held"
    assert page.attendance_caption.text() == "Atte&ndance of Aneeta Prem"
    rows = [[model.index(r, c).data() for c in range(3)] for r in range(model.rowCount())]
    assert rows[0] == ["Mon 20 Nov 2006", "Scoping meeting", "Present"]
    assert rows[2][2] == "Meeting cancelled"
    assert rows[3] == [
        "Mon 26 Mar 2007",
        "Evidence session 3: criminal justice and treatment",
        "Apologies",
    ]
    assert rows[-1][2] == "Meeting postponed"


def test_attendance_matches_each_meetings_record(sample_services: Services) -> None:
    loaded = load_attendance(sample_services, 1, "prem")
    meetings = sorted(sample_services.reviews.document(1).meetings, key=lambda m: m.start)
    assert [(r.meeting_title, r.meeting_status) for r in loaded] == [
        (m.title, m.status) for m in meetings
    ]
    assert [r.status for r in loaded] == [
        next((a.status for a in m.attendance if a.member == "prem"), None) for m in meetings
    ]


def test_attendance_summary_counts_held_meetings_only() -> None:
    from datetime import datetime

    model = AttendanceModel()
    assert model.summary() == "No meetings have been held yet."
    model.set_rows(
        [
            AttendanceRow(
                "A", datetime(2025, 1, 1, 10), MeetingStatus.HELD, AttendanceStatus.ABSENT
            ),
            AttendanceRow("B", datetime(2025, 2, 1, 10), MeetingStatus.SCHEDULED, None),
        ]
    )
    assert model.summary() == "Present at 0 of 1 meeting held"
    assert model.index(1, 2).data() == "Not held yet"


# Adding ------------------------------------------------------------------------------------


def test_add_a_member_then_undo_and_redo(qtbot: QtBot, window: MainWindow, page: PanelPage) -> None:
    services = window.services
    assert page.add_action.shortcut().toString() == "Ins"
    page.add_action.trigger()
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Add Panel Member"
    assert not dialog.ok_button.isEnabled()  # no name yet
    fill(qtbot, dialog, "Cllr Jane Smith", "jane.smith@example.org")
    choose_role(dialog, MemberRole.VICE_CHAIR)
    save(qtbot, dialog)
    assert not dialog.isVisible()

    assert panel(services)[-1] == (
        "Cllr Jane Smith",
        MemberRole.VICE_CHAIR,
        "jane.smith@example.org",
    )
    assert shown(page)[-1] == "Cllr Jane Smith"
    assert page.current_member().name == "Cllr Jane Smith"  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "Saved: Add Cllr Jane Smith to the panel"

    window.editor.stack.undo()
    assert names(services) == SAMPLE_PANEL
    assert shown(page) == SAMPLE_PANEL
    window.editor.stack.redo()
    assert panel(services)[-1] == (
        "Cllr Jane Smith",
        MemberRole.VICE_CHAIR,
        "jane.smith@example.org",
    )


def test_the_dialog_checks_fields_before_saving(qtbot: QtBot, page: PanelPage) -> None:
    page.add_action.trigger()
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.name_edit, "X")
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, " ")
    assert dialog.name_problem.isVisible()
    assert dialog.name_problem.text() == "Enter the member's name."
    assert not dialog.ok_button.isEnabled()
    fill(qtbot, dialog, "Cllr Jo Bloggs", "jo bloggs@example.org")
    assert dialog.email_problem.isVisible()
    assert "contains a space" in dialog.email_problem.text()
    assert not dialog.ok_button.isEnabled()
    fill(qtbot, dialog, email="jo@example.org")
    assert not dialog.email_problem.isVisible()
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    assert names(page.workspace.services) == SAMPLE_PANEL


def test_adding_a_chair_hands_the_chair_over_in_one_step(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    services = window.services
    page.add_action.trigger()
    dialog = open_dialog(page)
    fill(qtbot, dialog, "Cllr New Chair")
    choose_role(dialog, MemberRole.CHAIR)
    assert dialog.role_note.isVisible()
    assert (
        dialog.role_note.text() == "Richard Sumray chairs the panel now and will become a member."
    )
    save(qtbot, dialog)
    roles = {m.name: m.role for m in services.panel.members(1)}
    assert roles["Cllr New Chair"] is MemberRole.CHAIR
    assert roles["Richard Sumray"] is MemberRole.MEMBER
    assert window.editor.stack.count() == 1

    window.editor.stack.undo()
    assert names(services) == SAMPLE_PANEL
    assert services.panel.find_member(1, "sumray").role is MemberRole.CHAIR
    window.editor.stack.redo()
    roles = {m.name: m.role for m in services.panel.members(1)}
    assert roles["Cllr New Chair"] is MemberRole.CHAIR
    assert roles["Richard Sumray"] is MemberRole.MEMBER


# Editing -----------------------------------------------------------------------------------


def test_edit_a_member_by_double_click_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    services = window.services
    row = shown(page).index("Richard Barnes")
    centre = page.view.visualRect(page.model.index(row, PanelColumn.NAME)).center()
    # QTest's double-click is the second click of two, as a person's is.
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Edit Panel Member"
    assert dialog.name_edit.text() == "Richard Barnes"
    fill(qtbot, dialog, "Cllr Richard Barnes", "")
    save(qtbot, dialog)
    member = services.panel.find_member(1, "barnes")
    assert (member.name, member.email) == ("Cllr Richard Barnes", None)

    window.editor.stack.undo()
    member = services.panel.find_member(1, "barnes")
    assert (member.name, member.email) == ("Richard Barnes", "richard.barnes@example.org")
    assert page.current_member().key == "barnes"  # type: ignore[union-attr]
    window.editor.stack.redo()
    assert services.panel.find_member(1, "barnes").name == "Cllr Richard Barnes"


def test_making_a_member_chair_in_the_dialog_hands_over(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    services = window.services
    click_row(qtbot, page, "Joanne McCartney")
    page.edit_action.trigger()
    dialog = open_dialog(page)
    choose_role(dialog, MemberRole.CHAIR)
    fill(qtbot, dialog, "Joanne McCartney AM")
    save(qtbot, dialog)
    assert services.panel.find_member(1, "mccartney").role is MemberRole.CHAIR
    assert services.panel.find_member(1, "mccartney").name == "Joanne McCartney AM"
    assert services.panel.find_member(1, "sumray").role is MemberRole.MEMBER

    window.editor.stack.undo()
    assert services.panel.find_member(1, "mccartney").role is MemberRole.MEMBER
    assert services.panel.find_member(1, "mccartney").name == "Joanne McCartney"
    assert services.panel.find_member(1, "sumray").role is MemberRole.CHAIR
    window.editor.stack.redo()
    assert services.panel.find_member(1, "mccartney").role is MemberRole.CHAIR


def test_a_service_problem_is_shown_beside_its_field(
    qtbot: QtBot, window: MainWindow, page: PanelPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrutiny_desk.domain.errors import Problem, ValidationError

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ValidationError(Problem("name", "is already on the panel"))

    monkeypatch.setattr(window.services.panel, "add_member", refuse)
    page.add_action.trigger()
    dialog = open_dialog(page)
    fill(qtbot, dialog, "Aneeta Prem")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.name_problem.text() == "Is already on the panel."
    assert window.editor.stack.count() == 0
    dialog.reject()


# Removing, chair, moving ---------------------------------------------------------------


def test_remove_a_member_with_their_attendance_then_undo(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    services = window.services
    before = services.reviews.export_bytes(1)
    click_row(qtbot, page, "Aneeta Prem")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    asked = answer(window, yes=True)
    assert "6 attendance records and 1 entry in the register of interests will be deleted" in asked
    assert "Aneeta Prem" not in names(services)
    assert "Aneeta Prem" not in shown(page)
    assert all(
        a.member != "prem" for m in services.reviews.document(1).meetings for a in m.attendance
    )

    window.undo_action.trigger()
    assert names(services) == SAMPLE_PANEL
    assert services.reviews.export_bytes(1) == before  # attendance back, same keys
    assert page.current_member().key == "prem"  # type: ignore[union-attr]
    assert page.summary_label.text() == "Present at 5 of 6 meetings held"
    window.redo_action.trigger()
    assert "Aneeta Prem" not in names(services)


def test_make_chair_and_undo_gives_the_chair_back(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    services = window.services
    click_row(qtbot, page, "Rachel Whittaker")
    assert page.chair_action.isEnabled()
    page.chair_action.trigger()
    assert services.panel.find_member(1, "whittaker").role is MemberRole.CHAIR
    assert services.panel.find_member(1, "sumray").role is MemberRole.MEMBER
    assert not page.chair_action.isEnabled()  # the selected member is chair now

    window.editor.stack.undo()
    assert services.panel.find_member(1, "whittaker").role is MemberRole.MEMBER
    assert services.panel.find_member(1, "sumray").role is MemberRole.CHAIR
    window.editor.stack.redo()
    assert services.panel.find_member(1, "whittaker").role is MemberRole.CHAIR


def test_undo_finds_members_by_key_after_later_steps(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    """An edit, then a handover that raises the edited member's version, then both undone."""
    services = window.services
    click_row(qtbot, page, "Richard Sumray")
    page.edit_action.trigger()
    dialog = open_dialog(page)
    fill(qtbot, dialog, "Cllr Richard Sumray")
    save(qtbot, dialog)
    click_row(qtbot, page, "Aneeta Prem")
    page.chair_action.trigger()  # demotes Sumray: his version rises again
    window.editor.stack.undo()
    window.editor.stack.undo()
    assert panel(services)[0] == ("Richard Sumray", MemberRole.CHAIR, "richard.sumray@example.org")
    assert services.panel.find_member(1, "prem").role is MemberRole.MEMBER
    window.editor.stack.redo()
    window.editor.stack.redo()
    assert services.panel.find_member(1, "sumray").name == "Cllr Richard Sumray"
    assert services.panel.find_member(1, "prem").role is MemberRole.CHAIR


def test_move_members_with_the_keyboard(qtbot: QtBot, window: MainWindow, page: PanelPage) -> None:
    services = window.services
    click_row(qtbot, page, "Aneeta Prem")
    assert not page.down_action.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert names(services)[4] == "Aneeta Prem"
    assert shown(page)[4] == "Aneeta Prem"
    assert page.current_member().key == "prem"  # type: ignore[union-attr]
    window.editor.stack.undo()
    assert names(services)[5] == "Aneeta Prem"
    window.editor.stack.undo()
    assert names(services) == SAMPLE_PANEL
    window.editor.stack.redo()
    assert names(services)[5] == "Aneeta Prem"


# Read-only and keyboard ----------------------------------------------------------------


def test_a_read_only_database_allows_no_panel_edits(
    make_window: WindowFactory, read_only_copy
) -> None:
    window = make_window(open_read_only(read_only_copy))
    page = build(window)
    assert shown(page) == SAMPLE_PANEL
    for action in page.actions():
        assert not action.isEnabled(), action.text()
    page.add_action.trigger()
    assert page.dialog is None


def test_every_control_has_a_name_and_shortcuts_are_in_tooltips(page: PanelPage) -> None:
    assert page.up_action.shortcut().toString() == "Ctrl+Up"
    assert "Ctrl+Up" in page.up_action.toolTip()
    assert "Del" in page.remove_action.toolTip()
    for button in page.findChildren(type(page.view)):
        assert button.accessibleName()
    from PySide6.QtWidgets import QToolButton

    labels = [b.text() for b in page.findChildren(QToolButton) if b.defaultAction()]
    assert [t for t in labels if "Interest" not in t] == [
        "&Add…",
        "E&dit…",
        "Re&move",
        "Make &Chair",
        "Move &Up",
        "Move Do&wn",
    ]
    assert [t for t in labels if "Interest" in t] == [
        "Add Interest…",
        "Edit Interest…",
        "Remove Interest",
    ]
    for button in page.findChildren(QToolButton):
        if button.defaultAction():
            assert button.accessibleName()


def test_the_dialog_remembers_its_size(qtbot: QtBot, page: PanelPage) -> None:
    page.add_action.trigger()
    dialog = open_dialog(page)
    dialog.resize(640, 300)
    dialog.reject()
    page.add_action.trigger()
    again = open_dialog(page)
    assert again.width() == 640
    buttons = again.buttons.buttons()
    assert [
        b.text()
        for b in buttons
        if again.buttons.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole
    ] == ["Add"]
    again.reject()


def test_a_panel_that_cannot_be_read_is_reported_in_the_clerks_words(
    window: MainWindow, page: PanelPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object) -> list[object]:
        raise ScrutinyError("The database is busy; try again in a moment.")

    monkeypatch.setattr(page.panel, "members", refused)
    page.reload(frozenset({Topic.PANEL}))
    box = window.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert box.text() == "The panel could not be read"
    assert box.informativeText() == "The database is busy; try again in a moment."
    box.close()
