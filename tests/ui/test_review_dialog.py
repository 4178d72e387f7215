"""New Review, Review Details and Delete Review, from the actions to the database, with
undo; and the dialog's own checks, tabs and lists."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import MeetingKind, ReviewStatus
from scrutiny_desk.domain.errors import Problem, ValidationError
from scrutiny_desk.domain.people_records import ReviewDetails
from scrutiny_desk.domain.records import Contact, Exclusion, Interface, Meeting, Milestone
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.reviews.review_actions import ReviewActions
from scrutiny_desk.ui.shared.list_editor import Kind, ListColumn, ListEditor
from scrutiny_desk.ui.shared.review_dialog import ReviewDialog, ReviewValues
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.window.main_window import MainWindow
from tests.conftest import EXAMPLE

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui

TABS = [
    "Re&view",
    "&Contact Officer",
    "&Papers",
    "E&xclusions",
    "&Interfaces",
    "Mi&lestones",
    "P&rocedure",
    "Privac&y",
]


def review_actions(window: MainWindow) -> ReviewActions:
    """Review actions of their own, built as the window builds its."""
    return ReviewActions(window.workspace, window.shown, window.reviews_model)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def actions(window: MainWindow) -> ReviewActions:
    return review_actions(window)


def opened(actions: ReviewActions) -> ReviewDialog:
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible()
    activate(dialog)
    return dialog


def activate(widget: QWidget) -> None:
    """Make the window active, as the clerk's click would: shortcuts need it."""
    widget.activateWindow()
    QApplication.processEvents()
    assert QApplication.activeWindow() is widget


def type_into(qtbot: QtBot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def add_list_row(qtbot: QtBot, editor: ListEditor, *texts: str) -> None:
    """Insert a row with the keyboard and type its text cells in order."""
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Insert)
    text_columns = [n for n, c in enumerate(editor.model.columns) if c.kind is Kind.TEXT]
    row = editor.current_row()
    for column, text in zip(text_columns, texts, strict=False):
        index = editor.model.index(row, column)
        if editor.view.state() != QAbstractItemView.State.EditingState:  # Insert opened one
            editor.view.setCurrentIndex(index)
            editor.view.edit(index)
        line = editor.view.focusWidget()
        qtbot.keyClicks(line, text)
        qtbot.keyClick(line, Qt.Key.Key_Return)
        QApplication.processEvents()  # the delegate commits the text after the key


# The actions -----------------------------------------------------------------------------


def test_the_actions_have_shortcuts(actions: ReviewActions) -> None:
    assert actions.new_action.shortcut() == QKeySequence("Ctrl+N")
    assert "Ctrl+N" in actions.new_action.toolTip()
    assert all(a.isEnabled() for a in actions.actions())
    assert all(a.statusTip() for a in actions.actions())


def test_without_a_review_only_new_review_is_offered(
    make_window: WindowFactory, sqlite_services: Services
) -> None:
    empty = review_actions(make_window(sqlite_services))
    assert empty.new_action.isEnabled()
    assert not empty.edit_action.isEnabled() and not empty.delete_action.isEnabled()


def test_read_only_allows_no_review_actions(make_window: WindowFactory, read_only_copy) -> None:
    actions = review_actions(make_window(open_read_only(read_only_copy)))
    assert not any(a.isEnabled() for a in actions.actions())


# New Review ------------------------------------------------------------------------------


def test_new_review_end_to_end_then_undo(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    services = window.services
    actions.new_action.trigger()
    dialog = opened(actions)
    assert dialog.windowTitle() == "New Review"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == TABS
    assert dialog.zone_combo.currentText() == "Europe/London"
    assert dialog.clear_days_spin.value() == 5
    assert dialog.standard_check.isChecked() and not dialog.resolution_edit.isEnabled()
    assert not dialog.ok_button.isEnabled()  # a review needs a title

    type_into(qtbot, dialog.title_edit, "Children's Mental Health")
    type_into(qtbot, dialog.body_edit, "Cardiff Council Children and Young People Scrutiny")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("evidence"))
    dialog.zone_combo.setCurrentText("Europe/Dublin")
    dialog.tabs.setCurrentIndex(1)
    type_into(qtbot, dialog.contact_edits["name"], "Alun Jones")
    type_into(qtbot, dialog.contact_edits["email"], "scrutiny@example.gov.uk")
    dialog.tabs.setCurrentIndex(2)
    dialog.clear_days_spin.setValue(3)
    dialog.standard_check.click()
    assert dialog.resolution_edit.isEnabled()
    assert "{paragraphs}" in dialog.resolution_edit.toPlainText()  # a start to edit
    dialog.tabs.setCurrentIndex(3)
    add_list_row(qtbot, dialog.exclusions_editor, "School transport")
    dialog.tabs.setCurrentIndex(4)
    add_list_row(
        qtbot, dialog.interfaces_editor, "Cardiff and Vale University Health Board", "CVUHB"
    )
    dialog.tabs.setCurrentIndex(5)
    add_list_row(qtbot, dialog.milestones_editor, "Report to Cabinet")
    assert dialog.ok_button.text() == "Create Review"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    new_id = window.current_review_id()
    assert new_id == 2
    details = services.review_edits.details(new_id)
    assert details.title == "Children's Mental Health"
    assert details.body == "Cardiff Council Children and Young People Scrutiny"
    assert details.status is ReviewStatus.EVIDENCE
    assert details.timezone == "Europe/Dublin"
    assert details.contact == Contact(name="Alun Jones", email="scrutiny@example.gov.uk")
    assert details.clear_days == 3
    assert details.exclusion_resolution is not None
    assert "{paragraphs}" in details.exclusion_resolution
    assert details.exclusions == (Exclusion("School transport"),)
    assert details.interfaces == (Interface("Cardiff and Vale University Health Board", "CVUHB"),)
    assert details.milestones == (Milestone(date.today(), "Report to Cabinet"),)
    assert window.windowTitle() == "Scrutiny Desk — Children's Mental Health"
    assert window.editor.stack.count() == 1  # heads the new review's history

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.current_review_id() == 1)
    assert [r.id for r in services.reviews.list()] == [1]
    assert window.editor.stack.count() == 0  # another review: a new history


def test_a_new_review_in_an_empty_database(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services
) -> None:
    window = make_window(sqlite_services)
    actions = review_actions(window)
    actions.new_action.trigger()
    dialog = opened(actions)
    type_into(qtbot, dialog.title_edit, "Flooding")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.workspace_widget
    assert sqlite_services.reviews.list()[0].title == "Flooding"
    assert actions.delete_action.isEnabled()
    window.editor.stack.undo()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.empty_state)
    assert sqlite_services.reviews.list() == []


# Review Details ----------------------------------------------------------------------------


def test_edit_review_details_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    services = window.services
    actions.edit_action.trigger()
    dialog = opened(actions)
    assert dialog.windowTitle() == "Review Details"
    assert dialog.title_edit.text() == "Drugs Scrutiny"
    assert dialog.status_combo.currentText() == "Reporting"
    assert dialog.contact_edits["minicom"].text() == "020 7202 0173"
    assert dialog.milestones_editor.model.rowCount() == 2
    type_into(qtbot, dialog.title_edit, "Drugs Scrutiny 2007")
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("monitoring"))
    done = dialog.milestones_editor.model.index(1, 2)
    dialog.milestones_editor.model.setData(
        done, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    details = services.review_edits.details(1)
    assert (details.title, details.status) == ("Drugs Scrutiny 2007", ReviewStatus.MONITORING)
    assert [m.done for m in details.milestones] == [True, True]
    assert details.contact is not None and details.contact.minicom == "020 7202 0173"
    assert window.review_combo.currentText() == "Drugs Scrutiny 2007"

    window.editor.stack.undo()
    details = services.review_edits.details(1)
    assert (details.title, details.status) == ("Drugs Scrutiny", ReviewStatus.REPORTING)
    assert [m.done for m in details.milestones] == [True, False]
    window.editor.stack.redo()
    assert services.review_edits.details(1).title == "Drugs Scrutiny 2007"


def test_saving_without_changes_makes_no_undo_step(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    before = window.services.review_edits.details(1)
    actions.edit_action.trigger()
    qtbot.mouseClick(opened(actions).ok_button, Qt.MouseButton.LeftButton)
    assert window.editor.stack.count() == 0
    assert window.services.review_edits.details(1) == before


def test_problems_are_shown_beside_their_fields(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    actions.edit_action.trigger()
    dialog = opened(actions)
    type_into(qtbot, dialog.title_edit, " ")
    assert dialog._problems["title"].text() == "Enter the review's title."
    assert dialog._problems["title"].isVisible()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.tabs.tabIcon(0).isNull()  # the tab says it holds a problem
    type_into(qtbot, dialog.title_edit, "Drugs Scrutiny")
    assert dialog.ok_button.isEnabled() and dialog.tabs.tabIcon(0).isNull()

    dialog.tabs.setCurrentIndex(1)
    type_into(qtbot, dialog.contact_edits["email"], "scrutiny at example.org")
    assert "not an e-mail address" in dialog._problems["contact.email"].text()
    assert not dialog.tabs.tabIcon(1).isNull()
    type_into(qtbot, dialog.contact_edits["email"], "scrutiny@example.org")

    dialog.zone_combo.setCurrentText("Mars/Olympus_Mons")
    assert dialog._problems["timezone"].text().startswith("“Mars/Olympus_Mons” is not a time zone")
    dialog.zone_combo.setCurrentText("Europe/London")

    dialog.tabs.setCurrentIndex(3)
    dialog.exclusions_editor.view.setCurrentIndex(dialog.exclusions_editor.model.index(4, 0))
    qtbot.keyClick(dialog.exclusions_editor.view, Qt.Key.Key_Insert)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog._problems["exclusions"].text() == "Exclusion 6 is empty: write it or remove it."
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.exclusions_editor.view, Qt.Key.Key_Delete)
    assert dialog.exclusions_editor.model.rowCount() == 5
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    assert window.editor.stack.count() == 0


def test_a_refused_save_keeps_the_dialog_open_with_the_problem(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object) -> None:
        raise ValidationError(Problem("milestones[1].title", "must not be empty"))

    monkeypatch.setattr(window.services.review_edits, "update_details", refuse)
    actions.edit_action.trigger()
    dialog = opened(actions)
    type_into(qtbot, dialog.title_edit, "Something else")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 5
    assert dialog._problems["milestones"].text() == "Row 2: Must not be empty."
    assert window.editor.stack.count() == 0
    for box in window.findChildren(QMessageBox):
        box.close()
    dialog.reject()


def test_a_time_zone_that_skips_a_meeting_time_is_refused_before_saving(
    qtbot: QtBot, settings: Settings
) -> None:
    """The clocks go forward at 01:00 on 25 March 2007 in London: 01:30 never happens."""
    details = ReviewDetails(
        1, "Night review", None, None, ReviewStatus.SCOPING, "UTC", None, 5, None, (), (), (), 1
    )
    meeting = Meeting(
        "night",
        "Night visit",
        MeetingKind.VISIT,
        datetime(2007, 3, 25, 1, 30),
        datetime(2007, 3, 25, 3),
    )
    saved: list[ReviewValues] = []
    dialog = ReviewDialog(
        None,
        settings,
        lambda v: saved.append(v) or [],
        details=details,
        meetings=[meeting],  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    dialog.zone_combo.setCurrentText("Europe/London")
    problem = dialog._problems["timezone"]
    assert problem.text().startswith("The meeting “Night visit” has a time, 25 Mar 2007 01:30")
    assert not dialog.ok_button.isEnabled()
    dialog.zone_combo.setCurrentText("Europe/Paris")  # its clocks change at 02:00
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert saved[0].timezone == "Europe/Paris"


def test_the_time_zone_list_completes_any_part_of_a_name(qtbot: QtBot, settings: Settings) -> None:
    dialog = ReviewDialog(None, settings, lambda v: [])  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    completer = dialog.zone_combo.completer()
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    completer.setCompletionPrefix("london")
    assert completer.currentCompletion() == "Europe/London"
    assert dialog.zone_combo.findText("Europe/London") >= 0
    assert dialog.zone_combo.findText("localtime") < 0


def test_the_dialog_remembers_its_size(qtbot: QtBot, actions: ReviewActions) -> None:
    actions.new_action.trigger()
    dialog = opened(actions)
    dialog.resize(700, 520)  # the offscreen screen is 800 by 600
    dialog.reject()
    actions.new_action.trigger()
    assert opened(actions).size().width() == 700
    opened(actions).reject()


def test_every_field_has_an_accessible_name(qtbot: QtBot, actions: ReviewActions) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

    actions.new_action.trigger()
    dialog = opened(actions)
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QAbstractSpinBox)
    fields = [w for kind in kinds for w in dialog.findChildren(kind)]
    # A combo box's or spin box's own line edit is named by its owner.
    unnamed = [
        w
        for w in fields
        if not w.accessibleName() and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
    ]
    assert unnamed == []
    dialog.reject()


# The list editor ---------------------------------------------------------------------------


def test_the_list_editor_adds_moves_and_removes_rows(qtbot: QtBot, qtmodeltester) -> None:
    editor = ListEditor(
        [
            ListColumn("Date", Kind.DATE),
            ListColumn("Milestone", stretch=True),
            ListColumn("Done", Kind.CHECK),
        ],
        "Milestones",
    )
    qtbot.addWidget(editor)
    editor.show()
    activate(editor)
    editor.set_rows([(date(2025, 1, 6), "Scoping", True), (date(2025, 3, 3), "Evidence", False)])
    qtmodeltester.check(editor.model)
    model = editor.model
    assert model.index(0, 0).data() == "Mon 6 Jan 2025"
    assert model.index(0, 0).data(Qt.ItemDataRole.EditRole) == QDate(2025, 1, 6)
    assert model.index(0, 2).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked

    editor.view.setCurrentIndex(model.index(1, 1))
    assert not editor.down_action.isEnabled() and editor.up_action.isEnabled()
    qtbot.keyClick(editor.view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [v[1] for v in editor.values()] == ["Evidence", "Scoping"]
    assert editor.current_row() == 0
    model.setData(model.index(0, 0), QDate(2025, 2, 1))
    assert editor.values()[0][0] == date(2025, 2, 1)
    qtbot.keyClick(editor.view, Qt.Key.Key_Delete)
    assert editor.values() == [(date(2025, 1, 6), "Scoping", True)]


# Delete Review ---------------------------------------------------------------------------


def test_delete_review_asks_naming_it_then_undo_restores_it(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    services = window.services
    other = services.reviews.import_file(EXAMPLE)
    window.refresh_reviews(select=1)
    before = services.reviews.export_bytes(1)
    actions.delete_action.trigger()
    box = actions.confirmation
    assert box is not None and box.isVisible()
    assert box.text() == "Delete the review “Drugs Scrutiny”?"
    assert box.informativeText().startswith("It has 8 meetings.")
    assert "You can undo this with Ctrl+Z." in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    button = actions.delete_button()
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert [r.id for r in services.reviews.list()] == [other]
    assert window.current_review_id() == other
    assert window.editor.stack.count() == 1
    assert window.editor.stack.undoText() == "Delete review “Drugs Scrutiny”"

    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.current_review_id() not in (None, other))
    restored = window.current_review_id()
    assert restored is not None
    assert services.reviews.export_bytes(restored) == before  # same keys, same UIDs
    assert window.windowTitle().startswith("Scrutiny Desk — Drugs Scrutiny")


def test_cancel_deletes_nothing(qtbot: QtBot, window: MainWindow, actions: ReviewActions) -> None:
    actions.delete_action.trigger()
    box = actions.confirmation
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert [r.id for r in window.services.reviews.list()] == [1]
    assert window.editor.stack.count() == 0


def test_deleting_the_only_review_shows_the_empty_state_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    actions.delete_action.trigger()
    qtbot.mouseClick(actions.delete_button(), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert window.stack.currentWidget() is window.empty_state
    assert not actions.delete_action.isEnabled()
    window.editor.stack.undo()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.workspace_widget)
    assert window.services.reviews.list()[0].title == "Drugs Scrutiny"
    assert window.meetings_proxy.rowCount() == 8


@pytest.mark.parametrize("adding", ["import", "sample"])
def test_adding_a_review_keeps_the_undo_history_of_the_review_edited(
    qtbot: QtBot, make_window: WindowFactory, sqlite_services: Services, adding: str
) -> None:
    services = sqlite_services
    if adding == "import":
        services.reviews.import_sample()
    else:
        services.reviews.import_file(str(EXAMPLE))
    [edited] = services.reviews.list()
    window = make_window(services)
    actions = review_actions(window)
    actions.edit_action.trigger()
    dialog = opened(actions)
    type_into(qtbot, dialog.title_edit, "Renamed")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert services.review_edits.details(edited.id).title == "Renamed"

    if adding == "import":
        window.import_review_file(str(EXAMPLE))
    else:
        window.load_sample()
    added = window.current_review_id()
    assert added is not None and added != edited.id
    assert not window.undo_action.isEnabled()  # the review shown has no history yet
    added_title = services.review_edits.details(added).title

    window.review_combo.setCurrentIndex(window.reviews_model.row_of(edited.id))
    assert window.current_review_id() == edited.id
    assert window.undo_action.text() == "&Undo Edit review details"
    window.undo_action.trigger()
    assert services.review_edits.details(edited.id).title == edited.title
    assert services.review_edits.details(added).title == added_title
    window.redo_action.trigger()
    assert services.review_edits.details(edited.id).title == "Renamed"


# Web page and calendar titles (format version 5) --------------------------------------------


def test_a_new_review_shows_public_titles_only_by_default(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    actions.new_action.trigger()
    dialog = opened(actions)
    assert dialog.public_titles_check.isChecked()
    assert dialog.web_page_edit.text() == ""
    type_into(qtbot, dialog.title_edit, "Flooding")
    type_into(qtbot, dialog.web_page_edit, " https://example.gov.uk/flooding ")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    details = window.services.review_edits.details(window.current_review_id() or 0)
    assert (details.title, details.web_page, details.calendar_public_titles) == (
        "Flooding",
        "https://example.gov.uk/flooding",
        True,
    )


def test_web_page_and_calendar_setting_are_checked_saved_and_undone_as_one_step(
    qtbot: QtBot, window: MainWindow, actions: ReviewActions
) -> None:
    services = window.services
    sequences = {m.key: m.sequence for m in services.meetings.list(1)}
    actions.edit_action.trigger()
    dialog = opened(actions)
    assert dialog.public_titles_check.isChecked() and dialog.web_page_edit.text() == ""
    type_into(qtbot, dialog.web_page_edit, "www.example.gov.uk/drugs")
    assert dialog._problems["web_page"].text() == (
        "This link must be a web address starting https:// (or http://)."
    )
    assert not dialog.ok_button.isEnabled() and not dialog.tabs.tabIcon(0).isNull()
    type_into(qtbot, dialog.web_page_edit, "https://www.example.gov.uk/drugs")
    assert dialog.ok_button.isEnabled()
    dialog.tabs.setCurrentIndex(2)
    dialog.public_titles_check.click()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    details = services.review_edits.details(1)
    assert (details.web_page, details.calendar_public_titles) == (
        "https://www.example.gov.uk/drugs",
        False,
    )
    # The invitations change: every meeting's SEQUENCE rose once, in one undo step.
    assert {m.key: m.sequence for m in services.meetings.list(1)} == {
        k: s + 1 for k, s in sequences.items()
    }
    assert window.editor.stack.count() == 1
    window.editor.stack.undo()
    details = services.review_edits.details(1)
    assert (details.web_page, details.calendar_public_titles) == (None, True)
    window.editor.stack.redo()
    assert services.review_edits.details(1).calendar_public_titles is False
