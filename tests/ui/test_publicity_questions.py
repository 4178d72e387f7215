"""Asked before publishing what was private: opening a closed agenda item lists what
public papers would show (its notes stay closed); putting a witness who asked for privacy
on an open item asks first. Answered as a clerk would, checked in the database."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.agenda.agenda_tab import AgendaTab
from scrutiny_desk.ui.evidence.evidence_page import EvidencePage
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
MINUTE = "The panel heard how the findings name officers under review."
NOTE = "Quokka: officer named in the findings"


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def close_findings(services: Services) -> None:
    """The recommendations meeting's findings item: witnesses (one asked for privacy),
    a minute and a note, then closed."""
    agenda = services.agenda
    item = agenda.find(1, "recs-findings")
    item = agenda.set_item_witnesses(item.id, item.version, ["borough", "soca"])
    item = services.minutes.set_minute(item.id, item.version, MINUTE)
    services.notes.capture(1, NOTE, ["scale"], item="recs-findings")
    agenda.close_item(item.id, item.version, "Names officers", public_title="Findings (private)")


def open_tab(window: MainWindow, meeting_key: str, item_key: str) -> AgendaTab:
    tab = window.agenda_tab
    window.meeting_tabs.setCurrentWidget(tab)
    meeting = window.services.meeting_edits.find(1, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(1, meeting.id)
    tab.select_item(item_key)
    window.activateWindow()
    QApplication.processEvents()
    tab.view.setFocus()
    return tab


def asked(parent: QWidget, name: str) -> QMessageBox:
    boxes = [b for b in parent.findChildren(QMessageBox, name) if b.isVisible()]
    assert len(boxes) == 1, f"no {name} was asked"
    return boxes[0]


def click(box: QMessageBox, go: bool) -> None:
    """Click the box's go-ahead button, or Cancel (the default: Enter keeps all)."""
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    if go:
        button = next(
            b for b in box.buttons() if box.buttonRole(b) is QMessageBox.ButtonRole.AcceptRole
        )
    else:
        button = box.button(QMessageBox.StandardButton.Cancel)
    button.click()
    QApplication.processEvents()


def snapshot(services: Services) -> bytes:
    return services.reviews.export_bytes(1)


def test_opening_a_closed_item_lists_what_becomes_public_and_cancel_changes_nothing(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    close_findings(sample_services)
    window = make_window(sample_services)
    services = window.services
    tab = open_tab(window, "recs", "recs-findings")
    before = snapshot(services)
    depth = window.workspace.editor.stack.count()

    qtbot.keyClick(tab.view, Qt.Key.Key_R, CTRL_SHIFT)
    box = asked(window, "openItemQuestion")
    words = f"{box.text()}\n{box.informativeText()}"
    assert "Summary of evidence and emerging findings" in words  # its real title

    assert "Findings (private)" in words  # what public papers show now
    assert "the witnesses heard:" in words and "Borough Commander" in words
    assert "(Senior officer" in words and "asked to give evidence in private)" in words
    assert MINUTE[:40] in words
    assert "Its note stays closed: it is never published." in words
    click(box, go=False)
    assert services.agenda.find(1, "recs-findings").access is Access.CLOSED
    assert snapshot(services) == before  # nothing at all changed
    assert window.workspace.editor.stack.count() == depth

    tab.reopen_action.trigger()
    click(asked(window, "openItemQuestion"), go=True)
    assert services.agenda.find(1, "recs-findings").access is Access.OPEN
    assert window.workspace.editor.stack.count() == depth + 1  # one undo step
    note = next(n for n in services.reviews.document(1).notes if n.text == NOTE)
    assert note.access is Access.CLOSED  # its note stays closed
    window.undo_action.trigger()
    assert services.agenda.find(1, "recs-findings").access is Access.CLOSED
    assert snapshot(services) == before
    window.redo_action.trigger()
    assert services.agenda.find(1, "recs-findings").access is Access.OPEN


def test_a_private_witness_goes_on_an_open_item_only_when_the_clerk_says_so(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    services = window.services
    tab = open_tab(window, "responses", "responses-report")
    depth = window.workspace.editor.stack.count()

    tab.edit_people()
    qtbot.waitUntil(lambda: tab.people_dialog is not None and tab.people_dialog.isVisible())
    dialog = tab.people_dialog
    assert dialog is not None
    dialog.set_witness_checked("soca", True)  # asked to give evidence in private
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    box = asked(dialog, "privateWitnessQuestion")
    assert box.text() == "Senior officer asked to give evidence in private."
    assert "Responses to the draft report" in box.informativeText()
    click(box, go=False)
    assert dialog.isVisible()  # back in the picker, nothing saved
    assert services.agenda.find(1, "responses-report").witnesses == ()
    assert window.workspace.editor.stack.count() == depth

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    click(asked(dialog, "privateWitnessQuestion"), go=True)
    assert tab.people_dialog is None  # saved and closed
    assert [w.key for w in services.agenda.find(1, "responses-report").witnesses] == ["soca"]
    assert window.workspace.editor.stack.count() == depth + 1

    # A witness who did not ask for privacy goes on at once, unasked.
    tab.edit_people()
    qtbot.waitUntil(lambda: tab.people_dialog is not None and tab.people_dialog.isVisible())
    dialog = tab.people_dialog
    assert dialog is not None
    dialog.set_witness_checked("dat", True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert tab.people_dialog is None  # saved and closed, unasked
    assert [w.key for w in services.agenda.find(1, "responses-report").witnesses] == [
        "soca",
        "dat",
    ]


def test_exporting_a_public_paper_that_names_a_private_witness_says_so(
    make_window: WindowFactory, sample_services: Services
) -> None:
    item = sample_services.agenda.find(1, "recs-findings")
    sample_services.agenda.set_item_witnesses(item.id, item.version, ["soca"])
    window = make_window(sample_services)
    opened: list[object] = []
    window.exports.opener = lambda path: opened.append(path) is None
    assert window.select_meeting(window.services.meeting_edits.find(1, "recs").id)

    for audience in ("panel", "public"):
        window.exports.export_agenda_action.trigger()
        dialog = window.exports.dialog
        assert dialog is not None and dialog.isVisible()
        if audience == "panel":
            dialog.panel_radio.click()
        dialog.ok_button.click()
        QApplication.processEvents()
        if audience == "panel":  # the panel's paper names nobody to the public
            assert not window.findChildren(QMessageBox, "privateWitnessWarning")
    assert len(opened) == 2  # both written
    box = asked(window, "privateWitnessWarning")
    assert box.text().endswith("agenda.pdf names Senior officer to the public.")
    assert "asked to give evidence in private" in box.informativeText()
    box.button(QMessageBox.StandardButton.Ok).click()


def test_the_live_notes_banner_keeps_its_promise(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    """ "Closed item: notes taken now are closed and never published": a note typed in
    Live notes under a closed item is stored closed, and stays closed when the item is
    opened again; the review export writes it closed."""
    item = sample_services.agenda.find(1, "recs-findings")
    sample_services.agenda.close_item(item.id, item.version, "Names officers")
    window = make_window(sample_services)
    services = window.services
    tab = window.live_notes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    recs = services.meeting_edits.find(1, "recs")
    assert window.select_meeting(recs.id)
    tab.show_meeting(1, recs.id)
    tab.item_combo.setCurrentIndex(tab.item_combo.findData("recs-findings"))
    assert tab.closed_banner.isVisibleTo(tab)
    assert "never published" in tab.closed_banner.text()
    tab.picker.set_keys(["scale"])
    tab.note_edit.setText(NOTE)
    tab.save_note()
    qtbot.waitUntil(lambda: any(n.text == NOTE for n in services.reviews.document(1).notes))

    item = services.agenda.find(1, "recs-findings")
    services.agenda.reopen_item(item.id, item.version)
    note = next(n for n in services.reviews.document(1).notes if n.text == NOTE)
    assert note.access is Access.CLOSED  # stored closed: not just while the item was
    exported = json.loads(services.reviews.export_bytes(1))["review"]["notes"]
    assert next(n["access"] for n in exported if n["text"] == NOTE) == "closed"


def test_closing_evidence_closes_its_notes_and_only_its_undo_opens_them(
    make_window: WindowFactory, sample_services: Services
) -> None:
    """The Evidence page's Closed box: closing the evidence stores its open notes closed
    in the same undo step; the undo opens exactly those again; opening it by hand (a
    new step) leaves them closed."""
    note = sample_services.notes.capture(1, NOTE, ["scale"], evidence="borough-survey")
    window = make_window(sample_services)
    services = window.services
    page = window.page(PageId.EVIDENCE)
    assert isinstance(page, EvidencePage)
    page.show_review(1)
    window.show_page(PageId.EVIDENCE)
    assert page.select_evidence("borough-survey")
    steps = window.editor.stack.count()

    def access() -> Access:
        return services.notes.get(note.id).access

    page.details.closed_check.click()
    assert services.evidence.find(1, "borough-survey").access is Access.CLOSED
    assert access() is Access.CLOSED and window.editor.stack.count() == steps + 1
    window.undo_action.trigger()
    assert services.evidence.find(1, "borough-survey").access is Access.OPEN
    assert access() is Access.OPEN  # as it was before that step
    window.redo_action.trigger()
    assert access() is Access.CLOSED
    page.details.closed_check.click()  # opened again by hand: the note stays closed
    assert services.evidence.find(1, "borough-survey").access is Access.OPEN
    assert access() is Access.CLOSED
