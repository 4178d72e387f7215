"""The Panel page's register of interests in a real main window over the sample review:
each member's own entries, added, edited and removed through the widgets, one undo
step each, checked in the database; not frozen by approved minutes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import InterestCategory
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.panel.interest_dialog import InterestDialog
from scrutiny_desk.ui.panel.panel_model import PanelColumn
from scrutiny_desk.ui.panel.panel_page import PanelPage
from scrutiny_desk.ui.shared.interest_words import category_label
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> PanelPage:
    page = window.page(PageId.PANEL)
    assert isinstance(page, PanelPage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.PANEL)
    return page


def choose(page: PanelPage, key: str) -> None:
    assert page.select_member(key)


def register(services: Services) -> list[tuple[str, str, InterestCategory]]:
    """Barnes's entries (he has none in the sample)."""
    return [
        (i.member_key, i.text, i.category)
        for i in services.interests.register(1)
        if i.member_key == "barnes"
    ]


def entries_of(services: Services, key: str) -> list[list[str]]:
    return [
        [category_label(i.category), i.text]
        for i in services.interests.register(1)
        if i.member_key == key
    ]


def open_dialog(page: PanelPage) -> InterestDialog:
    dialog = page.interests.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def shown(page: PanelPage) -> list[list[str]]:
    model = page.interests.model
    return [[model.index(r, c).data() for c in range(2)] for r in range(model.rowCount())]


def test_each_member_shows_their_own_entries(
    window: MainWindow, page: PanelPage, qtmodeltester
) -> None:
    services = window.services
    services.interests.add_interest(
        1, "sumray", "Trustee of Addaction", InterestCategory.OTHER_REGISTRABLE
    )
    services.interests.add_interest(
        1, "prem", "Director, Prem Consulting Ltd", InterestCategory.DISCLOSABLE_PECUNIARY
    )
    window.editor.reload_all()
    choose(page, "sumray")
    qtmodeltester.check(page.interests.model, force_py=True)
    qtmodeltester.check(page.interests.model)
    assert shown(page) == entries_of(services, "sumray")
    assert ["Other registrable", "Trustee of Addaction"] in shown(page)
    assert page.interests.caption.text() == "Register of &interests of Richard Sumray"
    count = len(shown(page))
    assert page.interests.summary.text() == (
        "1 interest registered." if count == 1 else f"{count} interests registered."
    )
    choose(page, "prem")
    assert shown(page) == entries_of(services, "prem")
    assert ["Disclosable pecuniary", "Director, Prem Consulting Ltd"] in shown(page)
    choose(page, "barnes")
    assert shown(page) == []
    assert page.interests.summary.text() == "Nothing registered."
    assert not page.interests.edit_action.isEnabled()


def test_add_edit_and_remove_an_interest_one_step_each(
    qtbot: QtBot, window: MainWindow, page: PanelPage
) -> None:
    services = window.services
    choose(page, "barnes")
    page.interests.add_action.trigger()
    dialog = open_dialog(page)
    assert dialog.windowTitle() == "Add Registered Interest"
    assert not dialog.ok_button.isEnabled()  # nothing typed yet
    dialog.accept()
    assert dialog.text_problem.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.text_edit, "Governor, Hackney Free School")
    dialog.category_combo.setCurrentIndex(
        dialog.category_combo.findData(InterestCategory.NON_REGISTRABLE.value)
    )
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert register(services) == [
        ("barnes", "Governor, Hackney Free School", InterestCategory.NON_REGISTRABLE)
    ]
    assert shown(page) == [["Non-registrable", "Governor, Hackney Free School"]]
    assert window.statusBar().currentMessage() == "Saved: Add an interest of Richard Barnes"

    page.interests.edit_action.trigger()
    dialog = open_dialog(page)
    assert dialog.text_edit.text() == "Governor, Hackney Free School"
    dialog.category_combo.setCurrentIndex(
        dialog.category_combo.findData(InterestCategory.OTHER_REGISTRABLE.value)
    )
    dialog.accept()
    assert register(services)[0][2] is InterestCategory.OTHER_REGISTRABLE
    window.undo_action.trigger()
    assert register(services)[0][2] is InterestCategory.NON_REGISTRABLE
    window.redo_action.trigger()

    page.interests.remove_action.trigger()
    assert register(services) == []
    assert shown(page) == []
    window.undo_action.trigger()
    assert register(services) == [
        ("barnes", "Governor, Hackney Free School", InterestCategory.OTHER_REGISTRABLE)
    ]
    window.undo_action.trigger()  # the edit
    window.undo_action.trigger()  # the addition
    assert register(services) == []
    window.redo_action.trigger()
    assert [text for _key, text, _category in register(services)] == [
        "Governor, Hackney Free School"
    ]
    # Still on the member whose register changed.
    assert page.current_member().key == "barnes"  # type: ignore[union-attr]
    assert page.model.index(page.view.currentIndex().row(), PanelColumn.NAME).data() == (
        "Richard Barnes"
    )


def test_a_read_only_database_offers_no_change(
    make_window: WindowFactory, read_only_copy: Path
) -> None:
    window = make_window(open_read_only(read_only_copy))
    page = window.page(PageId.PANEL)
    assert isinstance(page, PanelPage)
    page.show_review(window.current_review_id())
    choose(page, "sumray")
    for action in page.interests.view.actions():
        assert not action.isEnabled(), action.text()
    page.interests.add()
    assert page.interests.dialog is None
