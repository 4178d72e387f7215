"""The Witnesses page in a real main window over the sample review: each workflow
through the widgets, checked in the database, then undone and redone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QToolButton
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access, InvitationState
from scrutiny_desk.domain.errors import ScrutinyError
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.witness_dialog import PrivateItemsDialog, WitnessDialog
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.witnesses.witnesses_model import AppearanceColumn, WitnessColumn
from scrutiny_desk.ui.witnesses.witnesses_page import WitnessesPage

from .conftest import WindowFactory, open_read_only
from .removal import answer

pytestmark = pytest.mark.gui

PROBATION_ITEMS = ("ev2-probation", "ev3-probation")


def build(window: MainWindow) -> WitnessesPage:
    page = window.page(PageId.WITNESSES)
    assert isinstance(page, WitnessesPage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.WITNESSES)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> WitnessesPage:
    return build(window)


@pytest.fixture
def with_agenda(sample_services: Services) -> Services:
    """The services, named for tests that close agenda items through them."""
    return sample_services


@pytest.fixture
def ev3_reopened(sample_services: Services) -> None:
    """Evidence session 3's minutes reopened before the window opens: while they are
    approved its items stay as they are, and the privacy offer leaves them out."""
    meeting = sample_services.meeting_edits.find(1, "ev3")
    record = sample_services.minutes.minutes(meeting.id)
    sample_services.minutes.reopen_minutes(meeting.id, record.version, "To make a correction")


def names(page: WitnessesPage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, WitnessColumn.NAME).data() for r in range(proxy.rowCount())]


def witness(services: Services, key: str) -> Any:
    return services.witness_edits.find_witness(1, key)


def items(services: Services, keys: tuple[str, ...]) -> dict[str, Any]:
    found = {i.key: i for m in services.reviews.document(1).meetings for i in m.items}
    return {key: found[key] for key in keys}


def select(qtbot: QtBot, page: WitnessesPage, key: str) -> None:
    assert page.select_witness(key)
    current = page.current_witness()
    assert current is not None and current.key == key


def open_dialog(page: WitnessesPage) -> WitnessDialog:
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def question(page: WitnessesPage) -> PrivateItemsDialog:
    asked = page.question
    assert asked is not None and asked.isVisible()
    return asked


# Showing the register ------------------------------------------------------------------


def test_the_register_marks_witnesses_heard_in_private(page: WitnessesPage, qtmodeltester) -> None:
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 8
    row = page.model.row_of_key("user")
    assert row is not None
    cells = [page.model.index(row, c).data() for c in WitnessColumn]
    assert cells == ["Service user", "Former drug user", "", "", "Attended", "In private", "1"]
    private = page.model.index(row, WitnessColumn.PRIVATE)
    assert not private.data(Qt.ItemDataRole.DecorationRole).isNull()  # the lock
    assert private.data(Qt.ItemDataRole.FontRole).bold()
    for column in WitnessColumn:  # the whole row is tinted
        assert page.model.index(row, column).data(Qt.ItemDataRole.BackgroundRole) is not None
    public = page.model.row_of_key("cps")
    assert page.model.index(public, WitnessColumn.PRIVATE).data() == "In public"
    assert page.model.index(public, WitnessColumn.NAME).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_selected_witness_shows_their_appearances(
    qtbot: QtBot, page: WitnessesPage, qtmodeltester
) -> None:
    select(qtbot, page, "soca")
    model = page.appearances_model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in AppearanceColumn] == [
        "Mon 23 Apr 2007",
        "Evidence session 4: research and organised crime",
        "Evidence from the Serious and Organised Crime Agency",
        "Closed",
    ]
    access = model.index(0, AppearanceColumn.ACCESS)
    assert not access.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert model.index(0, AppearanceColumn.ITEM).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "CLOSED" in access.data(Qt.ItemDataRole.ToolTipRole)
    assert page.appearances_caption.text() == "Appeara&nces of Senior officer"

    select(qtbot, page, "jrf")
    assert model.rowCount() == 2
    assert model.index(0, AppearanceColumn.ACCESS).data() == "Open"
    assert model.index(0, AppearanceColumn.ACCESS).data(Qt.ItemDataRole.BackgroundRole) is None


def test_the_filter_matches_any_column(qtbot: QtBot, page: WitnessesPage) -> None:
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_edit.hasFocus()
    assert "Ctrl+F" in page.filter_edit.toolTip()
    qtbot.keyClicks(page.filter_edit, "probation")
    assert names(page) == ["Chief Officer"]
    assert page.count_label.text() == "1 of 8"
    assert page.current_witness().key == "probation"  # type: ignore[union-attr]
    assert not page.up_action.isEnabled()  # no reordering a filtered list
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, "IN PRIVATE")
    assert names(page) == ["Service user", "Senior officer"]
    page.filter_edit.clear()
    assert len(names(page)) == 8
    assert page.count_label.text() == ""


# Adding, editing, removing --------------------------------------------------------------


def test_add_a_witness_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    services = window.services
    page.add_action.trigger()
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Add Witness"
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Director of Public Health")
    qtbot.keyClicks(dialog.organisation_edit, "NHS North Central London")
    qtbot.keyClicks(dialog.email_edit, "dph@example.org")
    dialog.invitation_combo.setCurrentIndex(dialog.invitation_combo.findData("invited"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    added = services.witness_edits.witnesses(1)[-1]
    assert (added.name, added.organisation, added.email, added.invitation) == (
        "Director of Public Health",
        "NHS North Central London",
        "dph@example.org",
        InvitationState.INVITED,
    )
    assert page.current_witness().key == added.key  # type: ignore[union-attr]
    window.editor.stack.undo()
    assert len(services.witness_edits.witnesses(1)) == 8
    window.editor.stack.redo()
    assert witness(services, added.key).name == "Director of Public Health"


def test_the_dialog_explains_a_bad_address(qtbot: QtBot, page: WitnessesPage) -> None:
    page.add_action.trigger()
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.name_edit, "A witness")
    qtbot.keyClicks(dialog.email_edit, "not-an-address")
    assert dialog.problems["email"].isVisible()
    assert 'needs one "@"' in dialog.problems["email"].text()
    assert not dialog.ok_button.isEnabled()
    dialog.reject()


def test_edit_a_witness_with_enter_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    services = window.services
    select(qtbot, page, "cps")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Edit Witness"
    assert dialog.name_edit.text() == "Head of Drugs Casework"
    dialog.role_edit.clear()
    qtbot.keyClicks(dialog.role_edit, "Chief Crown Prosecutor")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert witness(services, "cps").role == "Chief Crown Prosecutor"
    row = page.model.row_of_key("cps")
    assert page.model.index(row, WitnessColumn.ROLE).data() == "Chief Crown Prosecutor"

    window.editor.stack.undo()
    assert witness(services, "cps").role == "Senior prosecutor"
    window.editor.stack.redo()
    assert witness(services, "cps").role == "Chief Crown Prosecutor"


def test_remove_a_witness_from_every_agenda_then_undo(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    services = window.services
    select(qtbot, page, "probation")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    answer(window, yes=True)
    assert all(w.key != "probation" for w in services.witness_edits.witnesses(1))
    assert all("probation" not in i.witnesses for i in items(services, PROBATION_ITEMS).values())
    assert "Chief Officer" not in names(page)

    window.undo_action.trigger()
    restored = witness(services, "probation")
    assert [a.item_key for a in restored.appearances] == list(PROBATION_ITEMS)
    assert page.current_witness().key == "probation"  # type: ignore[union-attr]
    assert page.appearances_model.rowCount() == 2
    window.redo_action.trigger()
    assert all(w.key != "probation" for w in services.witness_edits.witnesses(1))


def test_move_a_witness_up_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    services = window.services
    select(qtbot, page, "cps")
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    keys = [w.key for w in services.witness_edits.witnesses(1)]
    assert keys[:3] == ["mps-drugs", "cps", "borough"]
    assert page.current_witness().key == "cps"  # type: ignore[union-attr]
    window.editor.stack.undo()
    assert [w.key for w in services.witness_edits.witnesses(1)][:3] == [
        "mps-drugs",
        "borough",
        "cps",
    ]
    window.editor.stack.redo()
    assert [w.key for w in services.witness_edits.witnesses(1)][1] == "cps"


# The invitation --------------------------------------------------------------------------


def test_change_the_invitation_in_the_table(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    services = window.services
    select(qtbot, page, "jrf")
    row = page.view.currentIndex().row()
    page.view.setCurrentIndex(page.proxy.index(row, WitnessColumn.INVITATION))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    combo = page.view.findChild(QComboBox)
    assert combo is not None and combo.isVisible()
    assert combo.currentText() == "Attended"
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Declined, applied at once
    qtbot.waitUntil(lambda: witness(services, "jrf").invitation is InvitationState.DECLINED)
    assert window.editor.stack.count() == 1
    assert window.editor.stack.undoText() == "Invitation of Research Manager: Declined"
    row = page.model.row_of_key("jrf")
    assert page.model.index(row, WitnessColumn.INVITATION).data() == "Declined"

    window.editor.stack.undo()
    assert witness(services, "jrf").invitation is InvitationState.ATTENDED
    window.editor.stack.redo()
    assert witness(services, "jrf").invitation is InvitationState.DECLINED


def test_change_the_invitation_from_the_button_menu(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    services = window.services
    select(qtbot, page, "dat")
    assert page.invitation_actions[InvitationState.ATTENDED].isChecked()
    page.invitation_actions[InvitationState.CONFIRMED].trigger()
    assert witness(services, "dat").invitation is InvitationState.CONFIRMED
    assert page.invitation_actions[InvitationState.CONFIRMED].isChecked()
    window.editor.stack.undo()
    assert witness(services, "dat").invitation is InvitationState.ATTENDED
    assert page.invitation_actions[InvitationState.ATTENDED].isChecked()


# Heard in private ------------------------------------------------------------------------


def test_private_and_closing_its_items_are_one_undo_step(
    ev3_reopened: None, qtbot: QtBot, window: MainWindow, with_agenda: Services
) -> None:
    page = build(window)
    services = with_agenda
    select(qtbot, page, "probation")
    assert not page.private_action.isChecked()
    page.private_action.trigger()
    asked = question(page)
    assert asked.question.text() == (
        "Chief Officer asked to give evidence in private. Close these items?"
    )
    assert "Evidence session 2: research and treatment" in asked.items_label.text()
    assert "Evidence session 3: criminal justice and treatment" in asked.items_label.text()
    asked.exemption_combo.setCurrentIndex(1)  # paragraph 1
    qtbot.mouseClick(asked.close_button, Qt.MouseButton.LeftButton)

    assert witness(services, "probation").private
    closed = items(services, PROBATION_ITEMS)
    for item in closed.values():
        assert item.access is Access.CLOSED
        assert item.closed_reason == "Chief Officer asked to give evidence in private."
        assert item.exemption == "Local Government Act 1972, Schedule 12A, paragraph 1"
    assert window.editor.stack.count() == 1
    assert window.statusBar().currentMessage() == (
        "Saved: Chief Officer heard in private; closed 2 items."
    )
    assert page.private_action.isChecked()
    ev3 = next(m.id for m in services.meetings.list(1) if m.key == "ev3")
    assert window.select_meeting(ev3)
    window.show_page(PageId.MEETINGS)
    window.meeting_tabs.setCurrentWidget(window.agenda_panel)  # "As Printed"
    assert window.agenda_model.closed_count() == 2  # the window's agenda shows it too
    assert [page.appearances_model.index(r, AppearanceColumn.ACCESS).data() for r in range(2)] == [
        "Closed",
        "Closed",
    ]
    window.show_page(PageId.WITNESSES)

    window.editor.stack.undo()
    assert not witness(services, "probation").private
    assert all(i.access is Access.OPEN for i in items(services, PROBATION_ITEMS).values())
    assert not page.private_action.isChecked()
    window.editor.stack.redo()
    assert witness(services, "probation").private
    assert all(i.access is Access.CLOSED for i in items(services, PROBATION_ITEMS).values())


def test_keep_the_items_open_sets_only_the_flag(
    qtbot: QtBot, window: MainWindow, with_agenda: Services
) -> None:
    page = build(window)
    select(qtbot, page, "jrf")
    page.private_action.trigger()
    qtbot.mouseClick(question(page).keep_button, Qt.MouseButton.LeftButton)
    assert witness(with_agenda, "jrf").private
    assert all(a.item_closed is False for a in witness(with_agenda, "jrf").appearances)
    # One of jrf's two open items is in approved minutes (ev4): it stays as approved.
    assert "still heard under 1 open item" in page.appearances_note.text()
    window.editor.stack.undo()
    assert not witness(with_agenda, "jrf").private


def test_cancel_changes_nothing(qtbot: QtBot, window: MainWindow, with_agenda: Services) -> None:
    page = build(window)
    select(qtbot, page, "jrf")
    page.private_action.trigger()
    question(page).reject()
    assert not witness(with_agenda, "jrf").private
    assert not page.private_action.isChecked()
    assert window.editor.stack.count() == 0


def test_switching_private_off_leaves_the_items_closed(
    qtbot: QtBot, window: MainWindow, with_agenda: Services
) -> None:
    page = build(window)
    select(qtbot, page, "soca")
    assert page.private_action.isChecked()
    page.private_action.trigger()
    assert page.question is None  # nothing to ask
    assert not witness(with_agenda, "soca").private
    assert witness(with_agenda, "soca").appearances[0].item_closed
    window.editor.stack.undo()
    assert witness(with_agenda, "soca").private


def test_a_witness_without_open_items_is_not_asked(
    qtbot: QtBot, window: MainWindow, page: WitnessesPage
) -> None:
    page.add_action.trigger()
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.name_edit, "Anonymous witness")
    dialog.private_check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.question is None
    added = window.services.witness_edits.witnesses(1)[-1]
    assert added.private


def test_private_in_the_edit_dialog_asks_and_cancel_gives_the_dialog_back(
    ev3_reopened: None, qtbot: QtBot, window: MainWindow, with_agenda: Services
) -> None:
    page = build(window)
    select(qtbot, page, "cps")
    page.edit_action.trigger()
    dialog = open_dialog(page)
    dialog.private_check.setChecked(True)
    assert dialog.private_note.isVisible()
    dialog.organisation_edit.clear()
    qtbot.keyClicks(dialog.organisation_edit, "CPS London")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    asked = question(page)
    assert asked.question.text() == (
        "Head of Drugs Casework asked to give evidence in private. Close this item?"
    )
    asked.reject()
    assert not witness(with_agenda, "cps").private
    again = open_dialog(page)
    assert again is not dialog
    assert again.organisation_edit.text() == "CPS London"
    assert again.private_check.isChecked()

    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(question(page).close_button, Qt.MouseButton.LeftButton)
    saved = witness(with_agenda, "cps")
    assert (saved.organisation, saved.private) == ("CPS London", True)
    assert saved.appearances[0].item_closed
    window.editor.stack.undo()
    saved = witness(with_agenda, "cps")
    assert (saved.organisation, saved.private) == ("Crown Prosecution Service", False)
    assert not saved.appearances[0].item_closed


def test_a_failed_closing_changes_nothing(
    ev3_reopened: None,
    qtbot: QtBot,
    window: MainWindow,
    with_agenda: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second item cannot be closed: the first is reopened and the flag cleared."""
    from scrutiny_desk.domain.errors import ConflictError

    page = build(window)
    agenda = with_agenda.agenda
    real_close = agenda.close_item
    calls: list[int] = []

    def close_once(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise ConflictError("Agenda item changed meanwhile")
        return real_close(*args, **kwargs)

    monkeypatch.setattr(agenda, "close_item", close_once)
    select(qtbot, page, "probation")
    page.private_action.trigger()
    qtbot.mouseClick(question(page).close_button, Qt.MouseButton.LeftButton)
    assert not witness(with_agenda, "probation").private
    assert all(i.access is Access.OPEN for i in items(with_agenda, PROBATION_ITEMS).values())
    assert window.editor.stack.count() == 0


# Read-only and keyboard ----------------------------------------------------------------


def test_a_read_only_database_allows_no_witness_edits(
    make_window: WindowFactory, read_only_copy
) -> None:
    window = make_window(open_read_only(read_only_copy))
    page = build(window)
    assert page.model.rowCount() == 8
    for action in page.actions():
        if action is not page.find_action:  # finding changes nothing
            assert not action.isEnabled(), action.text()
    index = page.model.index(0, WitnessColumn.INVITATION)
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsEditable


def test_buttons_carry_their_mnemonics_and_names(page: WitnessesPage) -> None:
    ours = [b for b in page.findChildren(QToolButton) if b.defaultAction() in page.actions()]
    labels = [b.text() for b in ours]
    assert labels == [
        "&Add…",
        "E&dit…",
        "Re&move",
        "&Invitation",
        "Asked to Be Heard in &Private",
        "Move &Up",
        "Move D&own",
    ]
    assert all(b.accessibleName() for b in ours)
    assert page.filter_edit.accessibleName() == "Filter witnesses"
    assert "Ctrl+Up" in page.up_action.toolTip()


def test_a_register_that_cannot_be_read_is_reported_in_the_clerks_words(
    window: MainWindow, page: WitnessesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object) -> list[int]:
        raise ScrutinyError("The database is busy; try again in a moment.")

    monkeypatch.setattr(window.services.listing, "witness_ids", refused)
    page.reload(frozenset({Topic.WITNESSES}))
    box = window.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert box.text() == "The witnesses could not be read"
    assert box.informativeText() == "The database is busy; try again in a moment."
    box.close()
