"""The clerk's daily flow in the window: the welcome's first button, the toolbar's
fixed Undo and Redo, the page shortcuts, the menus' mnemonics, the focus frame, problems
never clipped and titles capped."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.rules import MAX_TITLE
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.fields import ProblemLabel
from scrutiny_desk.ui.shared.tables import record_table
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow
from scrutiny_desk.ui.window.style import focus_frame

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


class _Nothing(Step):
    """A step that changes nothing, with whatever text a test needs."""

    def do(self) -> bool:
        return True

    def undo(self) -> None:
        return None


def _activate(qtbot: QtBot, window: MainWindow) -> None:
    """Shortcuts and focus changes reach only the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_the_welcome_offers_a_new_review_first(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    welcome = window.empty_state
    assert window.stack.currentWidget() is welcome
    buttons = welcome.buttons()
    assert [b.text() for b in buttons] == [
        "&Create a review…",
        "Load the &sample review",
        "&Import a review file…",
    ]
    assert buttons[0].isDefault() and not any(b.isDefault() for b in buttons[1:])
    xs = [b.mapTo(welcome, b.rect().topLeft()).x() for b in buttons]
    assert xs == sorted(xs)  # shown left to right in that order

    buttons[0].click()
    dialog = window.review_actions.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_toolbar_keeps_short_undo_labels_and_its_export_buttons(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.resize(1280, 800)
    long_text = "Delete note “" + "the witness said the scheme was under-funded " * 3 + "”"
    window.editor.perform(_Nothing(long_text))
    qtbot.waitUntil(lambda: window.undo_action.text().endswith("”"))

    assert window.undo_action.text() == f"&Undo {long_text}"  # the Edit menu says it all
    assert window.toolbar_undo_action.text() == "Undo"
    assert window.toolbar_redo_action.text() == "Redo"
    assert window.toolbar_undo_action.toolTip() == f"Undo {long_text} (Ctrl+Z)"
    assert window.toolbar_undo_action.isEnabled() and not window.toolbar_redo_action.isEnabled()
    toolbar = window.toolbar
    for action in (window.exports.export_agenda_action, window.exports.export_minutes_action):
        button = toolbar.widgetForAction(action)
        assert isinstance(button, QToolButton) and button.isVisible()
        right = button.mapTo(toolbar, button.rect().topRight()).x()
        assert right <= toolbar.width()

    window.toolbar_undo_action.trigger()  # the toolbar's Undo undoes
    assert window.editor.stack.index() == 0
    assert window.toolbar_redo_action.isEnabled()


def test_ctrl_digits_show_the_pages_in_navigation_order(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    _activate(qtbot, window)
    window.meetings_view.setFocus()
    go = window.go_menu.actions()
    keys = [QKeySequence(f"Ctrl+{n}") for n in "1234567890"]
    # Panel and Personal Data, after the tenth, have none; the Audit Log has its own
    assert [a.shortcut() for a in go] == [
        *keys,
        QKeySequence(),
        QKeySequence(),
        QKeySequence("Ctrl+Shift+H"),
    ]
    assert [a.data() for a in go] == list(PageId)
    for key, page in zip("1234567890", PageId, strict=False):
        qtbot.keyClick(
            window.focusWidget() or window,
            getattr(Qt.Key, f"Key_{key}"),
            Qt.KeyboardModifier.ControlModifier,
        )
        assert window.pages.currentWidget() is window.page(page), page
    assert window.navigation.count() == len(PageId)


def test_a_widget_with_the_same_keys_keeps_them_while_it_has_focus(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    """As Attendance does with Ctrl+1 (present) .. Ctrl+0 (not recorded)."""
    window = make_window(sample_services)
    _activate(qtbot, window)
    view = window.meetings_view
    own = QAction("Mark present", view)
    own.setShortcut(QKeySequence("Ctrl+1"))
    own.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    view.addAction(own)
    marked: list[bool] = []
    own.triggered.connect(lambda: marked.append(True))
    go = window.go_menu.actions()

    window.review_combo.setFocus()
    view.setFocus()
    qtbot.waitUntil(lambda: not go[0].isEnabled())
    assert go[3].isEnabled()  # Ctrl+4 is free
    qtbot.keyClick(view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert marked == [True]  # the widget's own meaning, not Overview
    assert window.pages.currentWidget() is window.meetings_page

    own.setEnabled(False)  # nothing to mark: the page shortcut is back
    assert go[0].isEnabled()
    own.setEnabled(True)
    assert not go[0].isEnabled()
    window.review_combo.setFocus()
    qtbot.waitUntil(lambda: all(a.isEnabled() for a in go))


def _menu_mnemonics_clash(menu: QMenu) -> list[str]:
    letters = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
    return [x for x in set(letters) if x and letters.count(x) > 1]


def test_menu_mnemonics_are_unique(make_window: WindowFactory, sample_services: Services) -> None:
    window = make_window(sample_services)
    top = [a.text() for a in window.menuBar().actions()]
    assert top == ["&File", "&Edit", "&View", "&Go", "&Review", "&Meeting", "&Help"]
    letters = [_mnemonic(t) for t in top]
    assert len(set(letters)) == len(letters)
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        assert _menu_mnemonics_clash(menu) == [], action.text()
    # The review switcher's label does not take the Review menu's Alt+R.
    assert "Alt+W" in window.review_combo.toolTip()


def test_focus_is_framed_in_the_highlight_colour(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    """The focused field is drawn with a 2-pixel frame in the highlight colour; the
    same field without focus is not. A list's rows do not paint over the frame's inner
    half, and the frame leaves a widget with the focus."""
    window = make_window(sqlite_services)
    assert focus_frame() is not None
    highlight = window.palette().color(QPalette.ColorRole.Highlight)

    def framed(widget: QWidget) -> bool:
        image = widget.grab().toImage()
        edge = [image.pixelColor(x, 1) for x in range(4, image.width() - 4)]
        return all(colour == highlight for colour in edge)

    table = record_table(QStandardItemModel(2, 2), "Table", {})
    table.setParent(window)
    combo = QComboBox(window)
    combo.addItem("Held")
    widgets = [QLineEdit(window), QPushButton("Save", window), combo, QListView(window), table]
    for widget in widgets:
        widget.resize(160, 40)
        widget.show()
        qtbot.waitExposed(widget)
        assert not framed(widget), type(widget).__name__
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        assert framed(widget), type(widget).__name__
    for before in widgets[:-1]:
        assert not framed(before), type(before).__name__


def test_a_long_problem_wraps_and_the_dialog_grows_to_show_it(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    window.review_actions.new_review()
    dialog = window.review_actions.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.resize(480, dialog.minimumSizeHint().height())
    label = dialog._problems["title"]
    assert isinstance(label, ProblemLabel) and label.wordWrap()
    long_problem = (
        "This title is already used by another review in this database, which a colleague "
        "saved a moment ago; choose another title, or open that review from the list of "
        "reviews and carry on there instead of starting a second one."
    )
    label.show_problem(long_problem)
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.width() <= dialog.width()
    dialog.reject()


def test_a_review_title_is_capped_with_a_clear_note(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    window.review_actions.new_review()
    dialog = window.review_actions.dialog
    assert dialog is not None
    edit, note = dialog.title_edit, dialog.title_cap_note
    assert not note.isVisible()
    edit.setFocus()
    qtbot.keyClicks(edit, "x" * (MAX_TITLE - 1))
    assert not note.isVisible()
    qtbot.keyClicks(edit, "yz")  # the last one would go past the cap
    assert edit.text() == "x" * (MAX_TITLE - 1) + "y"
    assert note.isVisible()
    assert note.text() == f"At most {MAX_TITLE} characters: a longer text is not taken."
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert not note.isVisible()
    dialog.reject()


def test_a_longer_title_set_by_the_program_is_kept_whole(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    window: MainWindow = make_window(sqlite_services)
    window.review_actions.new_review()
    dialog = window.review_actions.dialog
    assert dialog is not None
    imported = "t" * (MAX_TITLE + 50)  # from a file of an earlier format version
    dialog.title_edit.setText(imported)
    assert dialog.title_edit.text() == imported
    dialog.reject()
