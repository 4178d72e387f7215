"""The editable Agenda tab in a real main window over the sample review: an agenda
built end to end through the widgets, each step checked in the database, then undone
and redone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access, ItemKind, MeetingKind
from scrutiny_desk.domain.exemptions import exemption_text
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_tab import AgendaTab
from scrutiny_desk.ui.agenda.close_item_dialog import CloseItemDialog
from scrutiny_desk.ui.agenda.item_people_dialog import ItemPeopleDialog
from scrutiny_desk.ui.shared.agenda_items_model import AgendaEditColumn
from scrutiny_desk.ui.shared.display import closed_tint
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    """The tab, its workspace and the window refer to each other: collect them now, so
    that no window of this test outlives it (test_app counts the windows)."""
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def activate(widget: QWidget) -> None:
    """Make the window active, as the clerk's click would: shortcuts need it."""
    widget.activateWindow()
    QApplication.processEvents()


def open_tab(window: MainWindow, meeting_key: str) -> AgendaTab:
    tab = window.agenda_tab
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    assert review_id is not None
    meeting = window.services.meeting_edits.find(review_id, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    activate(window)
    tab.view.setFocus()
    return tab


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    # A new meeting with an empty agenda, to build one from nothing.
    sample_services.meeting_edits.create_meeting(
        1,
        "Evidence session 5: housing and drugs",
        MeetingKind.EVIDENCE,
        datetime(2007, 6, 11, 14, 0),
        datetime(2007, 6, 11, 16, 30),
        key="ev5",
    )
    return make_window(sample_services)


def titles(services: Services, meeting_id: int) -> list[str]:
    return [i.title for i in services.agenda.items(meeting_id)]


def shown(tab: AgendaTab) -> list[str]:
    return [r.title for r in tab.model.records()]


def select_row(qtbot: QtBot, tab: AgendaTab, title: str) -> None:
    row = shown(tab).index(title)
    index = tab.model.index(row, AgendaEditColumn.TITLE)
    qtbot.mouseClick(
        tab.view.viewport(), Qt.MouseButton.LeftButton, pos=tab.view.visualRect(index).center()
    )
    current = tab.current_item()
    assert current is not None and current.title == title


def undo(window: MainWindow) -> None:
    window.undo_action.trigger()


def redo(window: MainWindow) -> None:
    window.redo_action.trigger()


# Showing ------------------------------------------------------------------------------------


def test_closed_items_look_closed_and_the_model_is_sound(window: MainWindow, qtmodeltester) -> None:
    tab = open_tab(window, "ev3")
    qtmodeltester.check(tab.model, force_py=True)
    qtmodeltester.check(tab.model)
    assert shown(tab)[-1] == "Evidence from a former drug user"
    row = len(shown(tab)) - 1
    access = tab.model.index(row, AgendaEditColumn.ACCESS)
    assert access.data() == "Closed"
    assert access.data(Qt.ItemDataRole.FontRole).bold()
    assert access.data(Qt.ItemDataRole.DecorationRole) is not None
    for column in AgendaEditColumn:
        cell = tab.model.index(row, column)
        assert cell.data(Qt.ItemDataRole.BackgroundRole) == QColor(closed_tint())
    assert "paragraph 1" in access.data(Qt.ItemDataRole.ToolTipRole)
    assert "Evidence heard in private" in access.data(Qt.ItemDataRole.ToolTipRole)
    open_row = tab.model.index(0, AgendaEditColumn.ACCESS)
    assert open_row.data() == "Open"
    assert open_row.data(Qt.ItemDataRole.BackgroundRole) is None
    assert tab.counts_label.text() == "5 open, 1 closed"
    assert not tab.privacy_strip.isVisible()
    # Agenda order with the printed numbers beside it: closed items are numbered last.
    assert [tab.model.index(r, 0).data() for r in range(6)] == ["1", "2", "3", "4", "5", "6"]


def test_nothing_selected_shows_a_hint(qtbot: QtBot, window: MainWindow) -> None:
    tab = open_tab(window, "ev3")
    tab.show_meeting(window.current_review_id(), None)
    qtbot.waitUntil(lambda: tab.stack.currentWidget() is tab.hint)
    assert tab.hint.text() == "Choose a meeting to edit its agenda."
    assert not tab.add_action.isEnabled()


# Building an agenda, end to end ------------------------------------------------------------------


def test_build_an_agenda_through_the_widgets(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "ev5")
    meeting_id = tab.meeting_id
    assert meeting_id is not None
    assert tab.model.rowCount() == 0

    # Add an item with the keyboard; its title opens for typing.
    qtbot.keyClick(tab.view, Qt.Key.Key_I, CTRL_SHIFT)
    assert titles(services, meeting_id) == ["New item"]
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    line = QApplication.focusWidget()
    line.selectAll()
    qtbot.keyClicks(line, "Evidence from the housing department")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: titles(services, meeting_id) == ["Evidence from the housing department"]
    )
    assert shown(tab) == ["Evidence from the housing department"]
    undo(window)
    assert titles(services, meeting_id) == ["New item"]
    redo(window)
    assert titles(services, meeting_id) == ["Evidence from the housing department"]

    # A second item, after the selected one, renamed in place through the model.
    tab.add_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    tab.model.setData(tab.model.index(1, AgendaEditColumn.TITLE), "Evidence from a housing charity")
    qtbot.waitUntil(lambda: shown(tab)[1] == "Evidence from a housing charity")
    assert titles(services, meeting_id) == [
        "Evidence from the housing department",
        "Evidence from a housing charity",
    ]

    # Its kind and its slot, in place.
    tab.model.setData(tab.model.index(1, AgendaEditColumn.KIND), ItemKind.EVIDENCE.value)
    qtbot.waitUntil(lambda: services.agenda.items(meeting_id)[1].kind is ItemKind.EVIDENCE)
    tab.model.setData(tab.model.index(1, AgendaEditColumn.START), QTime(14, 30))
    qtbot.waitUntil(lambda: services.agenda.items(meeting_id)[1].start is not None)
    item = services.agenda.items(meeting_id)[1]
    assert (item.start, item.end) == (datetime(2007, 6, 11, 14, 30), datetime(2007, 6, 11, 15, 0))
    assert tab.model.index(1, AgendaEditColumn.START).data() == "14:30"
    tab.model.setData(tab.model.index(1, AgendaEditColumn.END), QTime(15, 15))
    qtbot.waitUntil(
        lambda: services.agenda.items(meeting_id)[1].end == datetime(2007, 6, 11, 15, 15)
    )
    undo(window)
    assert services.agenda.items(meeting_id)[1].end == datetime(2007, 6, 11, 15, 0)
    undo(window)
    assert services.agenda.items(meeting_id)[1].start is None
    redo(window)
    redo(window)
    assert services.agenda.items(meeting_id)[1].end == datetime(2007, 6, 11, 15, 15)

    # Reorder with Ctrl+Up ...
    select_row(qtbot, tab, "Evidence from a housing charity")
    qtbot.keyClick(tab.view, Qt.Key.Key_Up, CTRL)
    assert titles(services, meeting_id) == [
        "Evidence from a housing charity",
        "Evidence from the housing department",
    ]
    assert tab.current_item().title == "Evidence from a housing charity"  # type: ignore[union-attr]
    # ... and Ctrl+Down ...
    qtbot.keyClick(tab.view, Qt.Key.Key_Down, CTRL)
    assert titles(services, meeting_id) == [
        "Evidence from the housing department",
        "Evidence from a housing charity",
    ]
    undo(window)
    assert titles(services, meeting_id)[0] == "Evidence from a housing charity"
    redo(window)
    assert titles(services, meeting_id)[0] == "Evidence from the housing department"

    # ... and by a drop: the second row dropped above the first.
    model = tab.model
    data = model.mimeData([model.index(1, AgendaEditColumn.TITLE)])
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    qtbot.waitUntil(lambda: titles(services, meeting_id)[0] == "Evidence from a housing charity")
    undo(window)
    assert titles(services, meeting_id)[0] == "Evidence from the housing department"
    redo(window)
    assert titles(services, meeting_id)[0] == "Evidence from a housing charity"

    # The standard opening items, in one action, first on the agenda.
    qtbot.mouseClick(tab.buttons["addStandardItems"], Qt.MouseButton.LeftButton)
    assert titles(services, meeting_id) == [
        "Apologies for absence",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Evidence from a housing charity",
        "Evidence from the housing department",
    ]
    undo(window)
    assert len(titles(services, meeting_id)) == 2
    redo(window)
    assert len(titles(services, meeting_id)) == 5
    tab.add_standard_items()  # nothing to add: no undo step
    assert window.statusBar().currentMessage() == "The agenda has the standard items already."

    # Remove an item with Del; undo puts it back with its key.
    select_row(qtbot, tab, "Declarations of interest")
    key = tab.current_item().key  # type: ignore[union-attr]
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert "Declarations of interest" not in titles(services, meeting_id)
    undo(window)
    assert titles(services, meeting_id)[1] == "Declarations of interest"
    assert services.agenda.items(meeting_id)[1].key == key
    redo(window)
    undo(window)
    assert len(titles(services, meeting_id)) == 5


def close_dialog(tab: AgendaTab) -> CloseItemDialog:
    dialog = tab.close_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_close_an_item_with_paragraph_1_then_reopen(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "recs")
    select_row(qtbot, tab, "Draft recommendations")
    key = tab.current_item().key  # type: ignore[union-attr]
    qtbot.keyClick(tab.view, Qt.Key.Key_X, CTRL_SHIFT)
    dialog = close_dialog(tab)
    assert not dialog.ok_button.isEnabled()  # no reason yet
    # The paragraphs are offered by their titles.
    assert dialog.exemption_combo.itemText(0) == "Paragraph 1: Information about an individual"
    assert dialog.exemption_combo.count() == 8
    qtbot.keyClicks(dialog.reason_edit, "Draft recommendations name officers under review.")
    dialog.choose_paragraph(1)
    assert "Information relating to any individual." in dialog.exemption_text.text()
    qtbot.keyClicks(dialog.public_edit, "Draft recommendations (private)")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    item = services.agenda.find(1, key)
    assert item.access is Access.CLOSED
    assert item.exemption == exemption_text(1)
    assert item.closed_reason == "Draft recommendations name officers under review."
    assert item.public_title == "Draft recommendations (private)"
    row = tab.model.row_of_key(key)
    assert row is not None
    assert tab.model.index(row, AgendaEditColumn.ACCESS).data() == "Closed"
    undo(window)
    assert services.agenda.find(1, key).access is Access.OPEN
    redo(window)
    assert services.agenda.find(1, key).exemption == exemption_text(1)

    # Another ground, typed: Wales numbers the paragraphs differently.
    tab.select_item(key)
    tab.close_action.trigger()
    dialog = close_dialog(tab)
    assert dialog.windowTitle() == "Closed Item"
    assert dialog.exemption_combo.currentIndex() == 0  # paragraph 1, as saved
    dialog.exemption_combo.setCurrentIndex(dialog.exemption_combo.count() - 1)
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.other_edit, "Local Government Act 1972, Schedule 12A, paragraph 12")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert services.agenda.find(1, key).exemption.endswith("paragraph 12")  # type: ignore[union-attr]
    undo(window)
    assert services.agenda.find(1, key).exemption == exemption_text(1)

    # Reopen, once the clerk has seen what becomes public: back in public, and its undo
    # closes it again with the same details.
    tab.select_item(key)
    assert tab.reopen_action.isEnabled()
    qtbot.keyClick(tab.view, Qt.Key.Key_R, CTRL_SHIFT)
    assert tab.open_question is not None and tab.open_question.isVisible()
    go = next(
        b
        for b in tab.open_question.buttons()
        if tab.open_question.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
    )
    go.click()
    assert services.agenda.find(1, key).access is Access.OPEN
    undo(window)
    item = services.agenda.find(1, key)
    assert item.access is Access.CLOSED and item.exemption == exemption_text(1)
    assert item.public_title == "Draft recommendations (private)"


def people_dialog(tab: AgendaTab) -> ItemPeopleDialog:
    dialog = tab.people_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_assign_witnesses_one_made_on_the_spot_and_terms(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "responses")
    select_row(qtbot, tab, "Responses to the draft report")
    key = tab.current_item().key  # type: ignore[union-attr]
    register_before = len(services.witness_edits.witnesses(1))

    qtbot.keyClick(tab.view, Qt.Key.Key_W, CTRL_SHIFT)
    dialog = people_dialog(tab)
    dialog.set_witness_checked("dat", True)
    qtbot.mouseClick(dialog.new_witness_button, Qt.MouseButton.LeftButton)
    new = dialog.witness_dialog
    assert new is not None and new.isVisible()
    qtbot.keyClicks(new.name_edit, "Housing Options Manager")
    qtbot.keyClicks(new.organisation_edit, "London Borough of Camden")
    qtbot.mouseClick(new.ok_button, Qt.MouseButton.LeftButton)
    assert not new.isVisible()
    register = services.witness_edits.witnesses(1)
    assert len(register) == register_before + 1
    made = next(w for w in register if w.name == "Housing Options Manager")
    assert made.key in dialog.witness_keys()
    assert dialog.witness_keys() == ("dat", made.key)
    dialog.set_tor_checked("justice", True)
    dialog.set_tor_checked("strategy", False)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    item = services.agenda.find(1, key)
    assert [w.key for w in item.witnesses] == ["dat", made.key]
    assert [t.key for t in item.tor] == ["response", "partners", "justice"]
    row = tab.model.row_of_key(key)
    assert row is not None
    witnesses = tab.model.index(row, AgendaEditColumn.WITNESSES).data()
    assert "Housing Options Manager" in witnesses
    assert tab.model.index(row, AgendaEditColumn.TERMS).data() == "2, 3, 3.4"

    undo(window)  # the assignment
    item = services.agenda.find(1, key)
    assert item.witnesses == () and [t.key for t in item.tor] == [
        "strategy",
        "response",
        "partners",
    ]
    undo(window)  # the witness made on the spot
    assert len(services.witness_edits.witnesses(1)) == register_before
    redo(window)
    redo(window)
    item = services.agenda.find(1, key)
    assert [w.key for w in item.witnesses] == ["dat", made.key]


def test_an_open_item_with_a_private_witness_is_flagged_and_closed_from_the_strip(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_tab(window, "responses")
    select_row(qtbot, tab, "Responses to the draft report")
    key = tab.current_item().key  # type: ignore[union-attr]
    tab.edit_people()
    dialog = people_dialog(tab)
    dialog.set_witness_checked("soca", True)  # asked to give evidence in private
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    question = dialog.private_question  # on an open item: asked first
    assert question is not None and question.isVisible()
    next(
        b for b in question.buttons() if question.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
    ).click()
    assert tab.privacy_strip.isVisible()
    assert "asked to give evidence in private" in tab.privacy_text.text()
    row = tab.model.row_of_key(key)
    assert row is not None
    assert tab.model.index(row, AgendaEditColumn.ACCESS).data(Qt.ItemDataRole.DecorationRole)

    qtbot.mouseClick(tab.privacy_button, Qt.MouseButton.LeftButton)
    closing = close_dialog(tab)
    assert closing.values().reason == "The witness asked to give evidence in private."
    qtbot.mouseClick(closing.ok_button, Qt.MouseButton.LeftButton)
    assert services.agenda.find(1, key).access is Access.CLOSED
    assert services.agenda.items_needing_privacy(tab.meeting_id) == []  # type: ignore[arg-type]
    assert not tab.privacy_strip.isVisible()
    undo(window)
    assert services.agenda.find(1, key).access is Access.OPEN
    assert tab.privacy_strip.isVisible()


def test_a_read_only_database_allows_no_edits(make_window: WindowFactory, read_only_copy) -> None:
    window = make_window(open_read_only(read_only_copy))
    tab = open_tab(window, "ev3")
    assert tab.model.rowCount() == 6
    assert not tab.model.flags(tab.model.index(0, AgendaEditColumn.TITLE)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    for action in (tab.add_action, tab.remove_action, tab.close_action, tab.people_action):
        assert not action.isEnabled()
