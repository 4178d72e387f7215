"""The Terms of Reference page in a real main window over the sample review: every edit
driven through the widgets, checked in the database, then undone and redone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.errors import ScrutinyError
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.domain.tor_parse import parse_tor
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.terms.paste_tor_dialog import PasteTorDialog
from scrutiny_desk.ui.terms.terms_page import TermsPage
from scrutiny_desk.ui.terms.tor_model import TorColumn, TorTreeModel
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only
from .removal import answer

pytestmark = pytest.mark.gui

SEED = Path("/work/shared/seed/drugs-scrutiny-seed.txt")


def build(window: MainWindow) -> TermsPage:
    page = window.page(PageId.TERMS)
    assert isinstance(page, TermsPage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.TERMS)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> TermsPage:
    return build(window)


def numbers(services: Services) -> dict[str, str]:
    return {e.key: e.number for e in services.terms.outline(1)}


def texts(services: Services) -> dict[str, str]:
    return {e.key: e.text for e in services.terms.outline(1)}


def select(page: TermsPage, key: str) -> None:
    assert page.reveal(key)
    assert page.current_entry() is not None and page.current_entry().key == key  # type: ignore[union-attr]


def undo(window: MainWindow) -> None:
    window.editor.stack.undo()


def redo(window: MainWindow) -> None:
    window.editor.stack.redo()


def test_tree_shows_the_sample_numbered(page: TermsPage, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(page.model)
    model = page.model
    assert model.rowCount() == 3
    first = model.index(0, TorColumn.NUMBER)
    assert model.rowCount(first) == 5
    child = model.index(1, TorColumn.NUMBER, first)
    assert child.data() == "1.2"
    assert model.index(1, TorColumn.TEXT, first).data().startswith("Identifying the various")
    notes = model.index(0, TorColumn.NOTES, first)
    assert notes.data() == "3"  # "scale" has three notes
    assert page.view.isExpanded(model.index(0, 0))


def test_edit_text_in_place_then_undo_redo(
    page: TermsPage, window: MainWindow, qtbot: QtBot
) -> None:
    services = window.services
    select(page, "gaps")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = page.view.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Identifying gaps in policing")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: texts(services)["gaps"] == "Identifying gaps in policing")
    assert page.model.index_of_key("gaps").data() == "Identifying gaps in policing"
    undo(window)
    assert texts(services)["gaps"].startswith("Identifying any gaps in the current approach")
    redo(window)
    assert texts(services)["gaps"] == "Identifying gaps in policing"


def test_add_item_and_sub_item_with_buttons(
    page: TermsPage, window: MainWindow, qtbot: QtBot
) -> None:
    services = window.services
    select(page, "impact")
    page.add_action.trigger()
    added = page.current_entry()
    assert added is not None and added.number == "1.5" and added.text == "New item"
    assert numbers(services)["roles"] == "1.6"
    editor = page.view.findChild(QLineEdit)  # the new item opens for typing
    assert editor is not None and editor.isVisible()
    qtbot.keyClicks(editor, "Reviewing stop and search")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: texts(services)[added.key] == "Reviewing stop and search")
    page.add_sub_action.trigger()
    sub = page.current_entry()
    assert sub is not None and sub.number == "1.5.1" and sub.parent_key == added.key
    qtbot.keyClick(page.view.findChild(QLineEdit), Qt.Key.Key_Escape)
    undo(window)  # the sub-item
    assert sub.key not in numbers(services)
    undo(window)  # the text
    undo(window)  # the item
    assert added.key not in numbers(services) and numbers(services)["roles"] == "1.5"
    redo(window)
    assert numbers(services)[added.key] == "1.5"


def test_indent_outdent_with_tab_and_shortcuts(
    page: TermsPage, window: MainWindow, qtbot: QtBot
) -> None:
    services = window.services
    select(page, "response")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    assert numbers(services)["response"] == "1.6"
    assert numbers(services)["targets"] == "1.6.1"
    assert page.current_entry().key == "response"  # type: ignore[union-attr]
    qtbot.keyClick(page.view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert numbers(services)["response"] == "2"
    undo(window)
    assert numbers(services)["response"] == "1.6"
    undo(window)
    assert numbers(services)["response"] == "2" and numbers(services)["partners"] == "3"
    # Outdent "impact" (1.4): "roles" (1.5) stays under objective 1, and undo puts it back.
    select(page, "impact")
    qtbot.keyClick(page.view, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    assert (numbers(services)["impact"], numbers(services)["roles"]) == ("2", "1.4")
    undo(window)
    assert (numbers(services)["impact"], numbers(services)["roles"]) == ("1.4", "1.5")
    redo(window)
    assert numbers(services)["impact"] == "2"


def test_tab_moves_focus_when_it_cannot_indent(page: TermsPage, qtbot: QtBot) -> None:
    select(page, "strategy")  # first at its level: nothing above to go under
    assert not page.indent_action.isEnabled()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Tab)
    assert not page.view.hasFocus()


def test_move_up_and_down(page: TermsPage, window: MainWindow, qtbot: QtBot) -> None:
    services = window.services
    select(page, "roles")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert (numbers(services)["roles"], numbers(services)["impact"]) == ("1.4", "1.5")
    assert page.current_entry().key == "roles"  # type: ignore[union-attr]
    assert page.down_action.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert numbers(services)["roles"] == "1.5"
    undo(window)
    assert numbers(services)["roles"] == "1.4"
    undo(window)
    assert numbers(services)["roles"] == "1.5"


def test_delete_and_undo_keeps_links(page: TermsPage, window: MainWindow, qtbot: QtBot) -> None:
    services = window.services
    before = services.reviews.export_bytes(1)
    select(page, "gaps")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    answer(window, yes=True)
    assert "gaps" not in numbers(services)
    assert page.current_entry().key == "impact"  # type: ignore[union-attr]
    undo(window)
    assert services.reviews.export_bytes(1) == before
    assert page.current_entry().key == "gaps"  # type: ignore[union-attr]
    redo(window)
    assert "gaps" not in numbers(services)


def test_refused_delete_says_why(page: TermsPage, window: MainWindow, qtbot: QtBot) -> None:
    messages: list[str] = []
    window.editor.failed.connect(lambda _title, message: messages.append(message))
    select(page, "forensics")
    page.delete_action.trigger()
    answer(window, yes=True)
    assert "forensics" in numbers(window.services)
    assert messages and "1 note is held only against 2.4" in messages[0]
    assert window.editor.stack.count() == 0


def seed_section() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text[text.index("Terms of reference\n") : text.index("Key exclusions")]


def open_paste(page: TermsPage, qtbot: QtBot) -> PasteTorDialog:
    page.view.setFocus()
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is not on this machine")
def test_paste_seed_preview_edit_and_save_as_one_step(
    page: TermsPage, window: MainWindow, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    services = window.services
    before = services.reviews.export_bytes(1)
    dialog = open_paste(page, qtbot)
    assert not dialog.ok_button.isEnabled()
    QApplication.clipboard().setText(seed_section())
    dialog.text_edit.setFocus()
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)
    qtmodeltester.check(dialog.model)
    assert dialog.model.count() == (3, 13)
    assert dialog.model.index(0, TorColumn.NUMBER).data() == "4"  # after the three there
    assert "3 items at the top (numbered from 4) with 13 sub-items" in dialog.summary.text()
    # Put the preview right: edit a line, indent one, remove one.
    first = dialog.model.index(0, TorColumn.TEXT)
    dialog.model.setData(first, "Strategy")
    second_child = dialog.model.index(1, TorColumn.TEXT, first.siblingAtColumn(0))
    dialog.preview.setCurrentIndex(second_child)
    dialog.preview.setFocus()
    qtbot.keyClick(dialog.preview, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert dialog.model.count() == (3, 13)
    moved = dialog.preview.currentIndex()
    assert moved.siblingAtColumn(0).data() == "4.1.1"
    assert moved.parent().siblingAtColumn(1).data().startswith("Clarifying the scale")
    dialog.preview.setCurrentIndex(dialog.model.index(2, TorColumn.TEXT))
    qtbot.keyClick(dialog.preview, Qt.Key.Key_Delete)
    assert dialog.model.count() == (2, 9)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    outline = services.terms.outline(1)
    assert len(outline) == 16 + 11
    added = [e for e in outline if e.number.split(".")[0] in ("4", "5")]
    assert [e.number for e in added][:4] == ["4", "4.1", "4.1.1", "4.2"]
    assert added[0].text == "Strategy"
    assert window.editor.stack.count() == 1
    undo(window)
    assert services.reviews.export_bytes(1) == before
    redo(window)
    assert len(services.terms.outline(1)) == 27


def test_paste_dialog_cancel_saves_nothing(
    page: TermsPage, window: MainWindow, qtbot: QtBot
) -> None:
    dialog = open_paste(page, qtbot)
    dialog.set_text("1. One\n2. Two\n")
    assert dialog.model.count() == (2, 0)
    dialog.reject()
    assert len(window.services.terms.outline(1)) == 16
    assert window.editor.stack.count() == 0


def test_reveal_selects_and_focuses(page: TermsPage) -> None:
    assert page.reveal("justice")
    assert page.view.currentIndex().data().startswith("Identifying the role")
    assert page.view.hasFocus()
    assert not page.reveal("no-such-key")


def test_empty_review_offers_add_and_paste(
    make_window: WindowFactory, sqlite_services: Services, qtbot: QtBot
) -> None:
    review = sqlite_services.review_edits.create_review("Empty review")
    window = make_window(sqlite_services)
    window.show_review(review.id)
    page = build(window)
    assert page.empty_label.isVisible()
    assert page.add_action.isEnabled() and not page.add_sub_action.isEnabled()
    page.add_action.trigger()
    editor = page.view.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClicks(editor, "First objective")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: [e.text for e in sqlite_services.terms.outline(review.id)] == ["First objective"]
    )
    assert not page.empty_label.isVisible()


def test_read_only_database_disables_editing(
    make_window: WindowFactory, read_only_copy: Path
) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        page = build(window)
        select(page, "gaps")
        for action in (
            page.add_action,
            page.add_sub_action,
            page.edit_action,
            page.indent_action,
            page.outdent_action,
            page.up_action,
            page.down_action,
            page.delete_action,
            page.paste_action,
        ):
            assert not action.isEnabled()
        assert not page.model.flags(page.view.currentIndex()) & Qt.ItemFlag.ItemIsEditable
    finally:
        services.close()


def test_model_on_a_parsed_tree(qtmodeltester: ModelTester) -> None:
    model = TorTreeModel(in_memory=True, show_notes=False)
    model.set_parsed(parse_tor("1. A\n  a) a1\n    (i) deep\n2. B\n"))
    qtmodeltester.check(model)
    assert model.columnCount() == 2
    deep = model.index(0, 0, model.index(0, 0, model.index(0, 0)))
    assert deep.data() == "1.1.1"
    assert model.parent(deep).data() == "1.1"
    assert model.indent(model.keys()[-1])  # "B" under "A"
    assert model.index(1, 0, model.index(0, 0)).data() == "1.2"
    assert model.outdent(model.keys()[1]) and model.rowCount() == 2
    assert model.parent(QModelIndex()) == QModelIndex()


def test_measuring_rows_keeps_none_alive(page: TermsPage, qtbot: QtBot) -> None:
    """PySide 6.12 drops a reference to None whenever ``index.data()`` or
    ``initStyleOption`` gives None back from Python; done once per row, that crashed the
    interpreter at exit after a large paste. Measuring rows must not do it."""
    import sys

    dialog = open_paste(page, qtbot)
    dialog.set_text("1. A\n   a) b\n      (i) c\n   b) d\n" * 200)
    before = sys.getrefcount(None)
    for column in (TorColumn.NUMBER, TorColumn.TEXT):
        dialog.preview.sizeHintForColumn(column)
        page.view.sizeHintForColumn(column)
    assert sys.getrefcount(None) - before > -50
    dialog.reject()


def test_terms_that_cannot_be_read_are_reported_in_the_clerks_words(
    window: MainWindow, page: TermsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_args: object) -> tuple[object, ...]:
        raise ScrutinyError("The database is busy; try again in a moment.")

    monkeypatch.setattr(page.terms, "outline", refused)
    page.reload(frozenset({Topic.TERMS}))
    box = window.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert box.text() == "The terms of reference could not be read"
    assert box.informativeText() == "The database is busy; try again in a moment."
    box.close()
