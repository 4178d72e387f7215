"""The Notes page in a real main window over the sample review: filtering, editing in
place (text, terms of reference, witnesses, evidence), closing, deleting, each with
undo and redo, checked in the database."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.notes.note_editors import (
    EvidenceEditor,
    NoteChoices,
    NoteTextEditor,
    TorEditor,
    WitnessEditor,
)
from scrutiny_desk.ui.notes.note_list_model import NoteListColumn
from scrutiny_desk.ui.notes.notes_page import NotesPage
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_page(window: MainWindow) -> NotesPage:
    page = window.page(PageId.NOTES)
    assert isinstance(page, NotesPage)
    window.show_page(PageId.NOTES)
    page.show_review(window.current_review_id())
    QApplication.processEvents()
    return page


def shown_keys(page: NotesPage) -> list[str]:
    keys = []
    for row in range(page.model.rowCount()):
        entry = page.model.record(row)
        assert entry is not None
        keys.append(entry.key)
    return keys


def expected(services: Services, flt: NoteFilter) -> list[str]:
    return [e.key for e in services.notes.entries(services.notes.ids(1, flt, "created"))]


def choose(combo, key: str) -> None:  # type: ignore[no-untyped-def]
    row = combo.findData(key)
    assert row >= 0, key
    combo.setCurrentIndex(row)


def test_filters(qtbot: QtBot, window: MainWindow, qtmodeltester) -> None:
    services = window.services
    page = open_page(window)
    assert shown_keys(page) == expected(services, NoteFilter())
    assert page.count_label.text() == "13 notes"
    qtmodeltester.check(page.model)

    choose(page.tor_filter, "partners")  # objective 3 and its sub-items
    assert shown_keys(page) == expected(services, NoteFilter(tor="partners"))
    assert len(shown_keys(page)) > len(expected(services, NoteFilter(tor="partnerships")))
    page.tor_filter.setCurrentIndex(0)
    choose(page.meeting_filter, "ev3")
    assert shown_keys(page) == expected(services, NoteFilter(meeting="ev3"))
    page.meeting_filter.setCurrentIndex(0)
    choose(page.witness_filter, "probation")
    assert shown_keys(page) == expected(services, NoteFilter(witness="probation"))
    page.witness_filter.setCurrentIndex(0)
    choose(page.evidence_filter, "borough-survey")
    assert shown_keys(page) == expected(services, NoteFilter(evidence="borough-survey"))
    page.evidence_filter.setCurrentIndex(0)

    page.access_filter.setCurrentIndex(page.access_filter.findData(Access.CLOSED.value))
    closed = shown_keys(page)
    assert closed == expected(services, NoteFilter(access=Access.CLOSED)) and closed
    for row in range(page.model.rowCount()):
        cell = page.model.index(row, NoteListColumn.ACCESS)
        assert cell.data() == "Closed"
        assert cell.data(Qt.ItemDataRole.DecorationRole) is not None
        assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    page.access_filter.setCurrentIndex(0)

    qtbot.keyClicks(page.text_filter, "POLICE")
    qtbot.waitUntil(lambda: shown_keys(page) == expected(services, NoteFilter(text="police")))
    assert len(shown_keys(page)) > 1
    assert page.count_label.text() == f"{len(shown_keys(page))} notes"
    qtmodeltester.check(page.model)


def test_edit_close_delete_with_undo(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = open_page(window)
    before = services.reviews.export_bytes(1)
    assert page.reveal("n2")
    entry = page.current_note()
    assert entry is not None and entry.key == "n2"

    # edit in place: F2, type, Enter
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.view
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, "Rewritten in place.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits a moment later
    qtbot.waitUntil(lambda: services.notes.find(1, "n2").text == "Rewritten in place.")
    row = page.model.row_of_key("n2")
    assert row is not None
    assert page.model.index(row, NoteListColumn.TEXT).data() == "Rewritten in place."
    window.undo_action.trigger()
    assert services.notes.find(1, "n2").text == entry.text
    window.redo_action.trigger()
    assert services.notes.find(1, "n2").text == "Rewritten in place."
    window.undo_action.trigger()

    # closed and open again
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert services.notes.find(1, "n2").closed
    window.undo_action.trigger()
    assert not services.notes.find(1, "n2").closed

    # delete and back
    assert page.reveal("n2")
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "n2" not in expected(services, NoteFilter())
    assert "n2" not in shown_keys(page)
    window.undo_action.trigger()
    assert "n2" in shown_keys(page)
    assert services.reviews.export_bytes(1) == before


def test_reveal_clears_filters(window: MainWindow) -> None:
    page = open_page(window)
    choose(page.meeting_filter, "ev3")
    assert not page.reveal("nope")
    assert page.reveal("n1")  # n1 is from ev1: the filter is cleared
    assert page.meeting_filter.currentIndex() == 0
    current = page.current_note()
    assert current is not None and current.key == "n1"


# Editing the terms of reference, witnesses and evidence in place -------------------------


def open_editor(qtbot: QtBot, page: NotesPage, key: str, column: NoteListColumn) -> QWidget:
    """Select that note's cell, press F2 and give the widget that has the focus."""
    assert page.reveal(key)
    row = page.model.row_of_key(key)
    assert row is not None
    page.view.setCurrentIndex(page.model.index(row, column))
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    focus = QApplication.focusWidget()
    assert focus is not None and focus is not page.view
    assert focus.accessibleName()
    return focus


def editor_of(page: NotesPage, kind: type[QWidget]) -> QWidget | None:
    found = [w for w in page.view.viewport().findChildren(kind) if w.isVisible()]
    return found[0] if found else None


def tor_of(services: Services, key: str) -> list[str]:
    return [t.key for t in services.notes.find(1, key).tor]


def test_terms_of_reference_by_keyboard(qtbot: QtBot, window: MainWindow, qtmodeltester) -> None:
    services = window.services
    page = open_page(window)
    assert tor_of(services, "n2") == ["targets", "scale"]
    steps = window.editor.stack.count()

    field = open_editor(qtbot, page, "n2", NoteListColumn.TERMS)
    editor = editor_of(page, TorEditor)
    assert isinstance(editor, TorEditor)
    assert field is editor.picker.editor
    assert field.accessibleName() == "Terms of reference of the note"
    assert editor.picker.keys() == ("targets", "scale")
    assert not editor.problem.isVisible()
    # the panel is wider than the cell and stays inside the table
    assert editor.width() > page.view.columnWidth(NoteListColumn.TERMS)
    assert page.view.viewport().rect().contains(editor.geometry())
    qtbot.keyClicks(field, "3.2")
    qtbot.keyClick(field, Qt.Key.Key_Return)  # adds 3.2, stays open
    assert editor.picker.keys() == ("targets", "scale", "cdrp")
    assert tor_of(services, "n2") == ["targets", "scale"]
    qtbot.keyClick(field, Qt.Key.Key_Return)  # the field is empty: saves
    assert tor_of(services, "n2") == ["targets", "scale", "cdrp"]
    assert window.editor.stack.count() == steps + 1
    assert editor_of(page, TorEditor) is None
    row = page.model.row_of_key("n2")
    assert row is not None
    assert page.model.index(row, NoteListColumn.TERMS).data() == "2.1, 1.1, 3.2"
    assert QApplication.focusWidget() is page.view

    window.undo_action.trigger()
    assert tor_of(services, "n2") == ["targets", "scale"]
    assert page.model.index(row, NoteListColumn.TERMS).data() == "2.1, 1.1"
    window.redo_action.trigger()
    assert tor_of(services, "n2") == ["targets", "scale", "cdrp"]
    window.undo_action.trigger()

    # Backspace removes the last item; Escape cancels: nothing saved
    field = open_editor(qtbot, page, "n2", NoteListColumn.TERMS)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, "education")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert editor_of(page, TorEditor) is None
    assert tor_of(services, "n2") == ["targets", "scale"]
    assert window.editor.stack.count() == steps + 1

    # by mouse: a double click opens it, a click on a match adds it, a click elsewhere saves
    rect = page.view.visualRect(page.model.index(row, NoteListColumn.TERMS))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = editor_of(page, TorEditor)
    assert isinstance(editor, TorEditor)
    qtbot.keyClicks(editor.picker.editor, "justice")
    match = editor.picker.list.visualRect(editor.picker.matches.index(0, 0)).center()
    qtbot.mouseClick(editor.picker.list.viewport(), Qt.MouseButton.LeftButton, pos=match)
    assert editor.picker.keys() == ("targets", "scale", "justice")
    page.text_filter.setFocus()
    qtbot.waitUntil(lambda: tor_of(services, "n2") == ["targets", "scale", "justice"])
    window.undo_action.trigger()
    assert tor_of(services, "n2") == ["targets", "scale"]
    qtmodeltester.check(page.model)


def test_no_terms_of_reference_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = open_page(window)
    before = services.notes.find(1, "n2")
    steps = window.editor.stack.count()
    field = open_editor(qtbot, page, "n2", NoteListColumn.TERMS)
    editor = editor_of(page, TorEditor)
    assert isinstance(editor, TorEditor)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert editor.picker.keys() == ()
    assert editor.problem.isVisible()  # said before saving
    assert "at least one" in editor.problem.text()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and "at least one item" in boxes[0].informativeText()
    boxes[0].close()
    assert services.notes.find(1, "n2") == before
    assert window.editor.stack.count() == steps
    # the service refuses it too, naming the field
    with pytest.raises(ValidationError) as refused:
        services.notes.update(before.id, before.version, tor=[])
    assert [p.path for p in refused.value.problems] == ["tor"]
    assert services.notes.find(1, "n2") == before


def test_witnesses_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    page = open_page(window)

    def witnesses() -> set[str]:
        return {w.key for w in services.notes.find(1, "n2").witnesses}

    assert witnesses() == {"mps-drugs"}
    steps = window.editor.stack.count()
    listing = open_editor(qtbot, page, "n2", NoteListColumn.WITNESSES)
    editor = editor_of(page, WitnessEditor)
    assert isinstance(editor, WitnessEditor) and listing is editor.list
    assert listing.accessibleName() == "Witnesses of the note"
    assert editor.keys() == ["mps-drugs"]
    qtbot.keyClick(listing, Qt.Key.Key_Space)  # unticks the first, Director of Drugs Strategy
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    qtbot.keyClick(listing, Qt.Key.Key_Space)  # ticks the Borough Commander
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    qtbot.keyClick(listing, Qt.Key.Key_Space)  # and the CPS
    assert editor.keys() == ["borough", "cps"]
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert witnesses() == {"borough", "cps"}
    assert window.editor.stack.count() == steps + 1
    row = page.model.row_of_key("n2")
    assert row is not None
    assert page.model.index(row, NoteListColumn.WITNESSES).data() == (
        "Borough Commander; Head of Drugs Casework"
    )
    window.undo_action.trigger()
    assert witnesses() == {"mps-drugs"}
    window.redo_action.trigger()
    assert witnesses() == {"borough", "cps"}
    window.undo_action.trigger()

    # Escape cancels; none is allowed (a note from written evidence names no one)
    listing = open_editor(qtbot, page, "n2", NoteListColumn.WITNESSES)
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    qtbot.keyClick(listing, Qt.Key.Key_Escape)
    assert witnesses() == {"mps-drugs"}
    listing = open_editor(qtbot, page, "n2", NoteListColumn.WITNESSES)
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    qtbot.keyClick(listing, Qt.Key.Key_Tab)  # saves and moves on to the next cell
    assert witnesses() == set()
    assert editor_of(page, WitnessEditor) is None
    window.undo_action.trigger()
    assert witnesses() == {"mps-drugs"}


def test_evidence_by_keyboard(qtbot: QtBot, window: MainWindow, qtmodeltester) -> None:
    services = window.services
    page = open_page(window)

    def evidence() -> str | None:
        found = services.notes.find(1, "n2").evidence
        return found.key if found else None

    assert evidence() is None
    combo = open_editor(qtbot, page, "n2", NoteListColumn.EVIDENCE)
    assert isinstance(combo, EvidenceEditor)
    assert combo.accessibleName() == "Evidence of the note"
    assert combo.currentText() == "(none)"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.key() == "forensics-paper"
    assert evidence() is None  # moving through the choices saves nothing
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: evidence() == "forensics-paper")
    row = page.model.row_of_key("n2")
    assert row is not None
    assert page.model.index(row, NoteListColumn.EVIDENCE).data() == (
        "Forensics in drug investigations"
    )
    window.undo_action.trigger()
    assert evidence() is None
    window.redo_action.trigger()
    assert evidence() == "forensics-paper"

    # closed evidence makes the note closed; "(none)" clears it
    combo = open_editor(qtbot, page, "n2", NoteListColumn.EVIDENCE)
    assert isinstance(combo, EvidenceEditor)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.key() == "family-statement"
    assert combo.itemIcon(combo.currentIndex()).isNull() is False  # the padlock
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: evidence() == "family-statement")
    assert services.notes.find(1, "n2").closed
    assert page.model.index(row, NoteListColumn.ACCESS).data() == "Closed"
    combo = open_editor(qtbot, page, "n2", NoteListColumn.EVIDENCE)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    qtbot.keyClick(combo, Qt.Key.Key_Escape)  # cancelled
    assert evidence() == "family-statement"
    combo = open_editor(qtbot, page, "n2", NoteListColumn.EVIDENCE)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: evidence() is None)
    assert services.notes.find(1, "n2").closed  # closed stays closed
    window.undo_action.trigger()
    assert evidence() == "family-statement"
    window.undo_action.trigger()
    assert evidence() == "forensics-paper"
    assert not services.notes.find(1, "n2").closed  # the undo of the step that closed it
    window.undo_action.trigger()
    assert evidence() is None
    qtmodeltester.check(page.model)


def test_no_editor_before_the_choices_are_read(qtbot: QtBot, window: MainWindow) -> None:
    """Until the review's tree, witnesses and evidence have been read, F2 opens no
    editor (it would show the note's choices as none)."""
    page = open_page(window)
    assert page.reveal("n2")
    row = page.model.row_of_key("n2")
    assert row is not None
    page.delegate.set_choices(NoteChoices())
    for column in (NoteListColumn.TERMS, NoteListColumn.WITNESSES, NoteListColumn.EVIDENCE):
        page.view.setCurrentIndex(page.model.index(row, column))
        qtbot.keyClick(page.view, Qt.Key.Key_F2)
        assert QApplication.focusWidget() is page.view
    page.reload(frozenset({Topic.EVIDENCE}))  # read again: the editors open
    page.view.setCurrentIndex(page.model.index(row, NoteListColumn.TERMS))
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    assert isinstance(editor_of(page, TorEditor), TorEditor)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert editor_of(page, TorEditor) is None


def test_read_only_database_edits_nothing(
    qtbot: QtBot, make_window: WindowFactory, read_only_copy: Path
) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        page = open_page(window)
        assert page.reveal("n2")
        row = page.model.row_of_key("n2")
        assert row is not None
        for column in NoteListColumn:
            flags = page.model.index(row, column).flags()
            assert not flags & Qt.ItemFlag.ItemIsEditable
        page.view.setCurrentIndex(page.model.index(row, NoteListColumn.TERMS))
        qtbot.keyClick(page.view, Qt.Key.Key_F2)
        assert editor_of(page, TorEditor) is None
        assert QApplication.focusWidget() is page.view
    finally:
        window.close()
        services.close()


def test_several_edits_of_one_note_undo_in_turn(qtbot: QtBot, window: MainWindow) -> None:
    """Each undo quotes the version the one after it left: the edits of one note
    undo and redo in any number."""
    services = window.services
    page = open_page(window)
    before = services.reviews.export_bytes(1)

    field = open_editor(qtbot, page, "n2", NoteListColumn.TERMS)
    qtbot.keyClicks(field, "partnership arrangements")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    page.text_filter.setFocus()  # a click elsewhere saves, as a cell editor does
    qtbot.waitUntil(lambda: tor_of(services, "n2") == ["targets", "scale", "partnerships"])
    listing = open_editor(qtbot, page, "n2", NoteListColumn.WITNESSES)
    qtbot.keyClick(listing, Qt.Key.Key_Down)
    qtbot.keyClick(listing, Qt.Key.Key_Space)
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    combo = open_editor(qtbot, page, "n2", NoteListColumn.EVIDENCE)
    qtbot.keyClick(combo, Qt.Key.Key_End)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.notes.find(1, "n2").evidence is not None)
    after = services.notes.find(1, "n2")
    assert [w.key for w in after.witnesses] == ["mps-drugs", "borough"]
    assert after.evidence is not None and after.evidence.key == "visit-note"

    for _ in range(3):
        window.undo_action.trigger()
    assert services.reviews.export_bytes(1) == before
    for _ in range(3):
        window.redo_action.trigger()
    assert services.notes.find(1, "n2").tor == after.tor
    assert services.notes.find(1, "n2").evidence == after.evidence
    assert services.notes.find(1, "n2").witnesses == after.witnesses


# Reading a whole note ---------------------------------------------------------------------

LONG_NOTE = (
    "The borough commander said the partnership board meets every six weeks, that "
    "the drug intervention programme has no waiting list in the north of the borough "
    "but a long one in the south, and that the difference is down to where the "
    "treatment providers chose to open their offices in 2005."
)


def test_the_note_column_is_the_widest(window: MainWindow) -> None:
    window.resize(1280, 800)
    window.show_page(PageId.NOTES)
    page = window.notes_page
    QApplication.processEvents()
    widths = {c: page.view.columnWidth(c) for c in NoteListColumn}
    assert max(widths, key=lambda c: widths[c]) is NoteListColumn.TEXT, widths


def test_a_whole_note_can_be_read(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tor = services.reviews.terms_of_reference(1)[0].key
    services.notes.capture(1, LONG_NOTE, [tor], key="long")
    page = open_page(window)
    row = page.model.row_of_key("long")
    assert row is not None
    cell = page.model.index(row, NoteListColumn.TEXT)
    tip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("<qt>") and LONG_NOTE in tip  # rich text: Qt wraps it
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == LONG_NOTE

    open_editor(qtbot, page, "long", NoteListColumn.TEXT)
    editor = editor_of(page, NoteTextEditor)
    assert isinstance(editor, NoteTextEditor)
    assert editor.text() == LONG_NOTE
    assert editor.width() > page.view.columnWidth(NoteListColumn.TEXT) or editor.width() >= 560
    assert not editor.text_edit.verticalScrollBar().isVisible()  # all of it in sight
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.text_edit, " Checked.")
    qtbot.keyClick(editor.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.notes.find(1, "long").text == LONG_NOTE + " Checked.")
    window.undo_action.trigger()
    assert services.notes.find(1, "long").text == LONG_NOTE
