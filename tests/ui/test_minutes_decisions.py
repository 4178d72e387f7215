"""The decisions on the Minutes tab, in a real main window over the sample review:
resolutions added, changed and removed with their votes (counts and by name), a vote
naming someone who was not there refused in the window and by the service, a standard
item's recorded wording copied into its minute, the previous minutes agreed in one
step, and when the meeting began and ended; each checked in the database and undone."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QEvent, Qt, QTime
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import MinutesStatus, StandardItem, VoteChoice
from scrutiny_desk.domain.procedure import previous_minutes_resolution
from scrutiny_desk.domain.procedure_records import NamedCast, ResolutionRecord, Voter
from scrutiny_desk.domain.records import Vote, VoteCast
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services.agenda import ItemChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.minutes.minutes_tab import MinutesTab
from scrutiny_desk.ui.minutes.resolution_dialog import ResolutionDialog
from scrutiny_desk.ui.minutes.resolutions_model import (
    ResolutionColumn,
    ResolutionsModel,
    VoterColumn,
    VotersModel,
)
from scrutiny_desk.ui.shared.agenda_items_model import MinuteColumn
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only

pytestmark = pytest.mark.gui

CHECKED = Qt.CheckState.Checked
ROLE = Qt.ItemDataRole.CheckStateRole


@pytest.fixture(autouse=True)
def delete_windows_afterwards() -> Iterator[None]:
    """The tab, its workspace and the window refer to each other: collect them now."""
    yield
    for _ in range(2):
        gc.collect()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def open_tab(window: MainWindow, meeting_key: str, item_key: str | None = None) -> MinutesTab:
    tab = window.minutes_tab
    window.meeting_tabs.setCurrentWidget(tab)
    review_id = window.current_review_id()
    meeting = window.services.meeting_edits.find(review_id or 0, meeting_key)
    assert window.select_meeting(meeting.id)
    tab.show_meeting(review_id, meeting.id)
    window.activateWindow()
    QApplication.processEvents()
    if item_key is not None:
        assert tab.select_item(item_key)
        QApplication.processEvents()
    return tab


def resolutions(services: Services, item_key: str) -> list[ResolutionRecord]:
    return services.resolutions.resolutions(services.agenda.find(1, item_key).id)


def opened_dialog(tab: MinutesTab) -> ResolutionDialog:
    dialog = tab.decisions_pane.resolution_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def voter_row(dialog: ResolutionDialog, name: str) -> int:
    model = dialog.voters_model
    names = [model.index(r, VoterColumn.NAME).data() for r in range(model.rowCount())]
    return names.index(name)


def tick(dialog: ResolutionDialog, name: str, column: VoterColumn) -> None:
    model = dialog.voters_model
    model.setData(model.index(voter_row(dialog, name), column), CHECKED, ROLE)


def test_the_models_are_sound(qtmodeltester) -> None:
    resolutions_model = ResolutionsModel()
    resolutions_model.set_rows(
        [
            ResolutionRecord(1, 1, "i", 1, 0, "That the report be noted.", None, (), 1),
            ResolutionRecord(
                2,
                1,
                "i",
                1,
                1,
                "That the recommendations be agreed.",
                Vote(1, 1, 0, (VoteCast("a", VoteChoice.FOR), VoteCast("b", VoteChoice.AGAINST))),
                (NamedCast("a", "Ann", VoteChoice.FOR), NamedCast("b", "Bob", VoteChoice.AGAINST)),
                1,
            ),
        ]
    )
    voters = VotersModel()
    voters.set_rows([Voter("a", "Ann"), Voter("s", "Sue", "Bob")], {"a": VoteChoice.AGAINST})
    for model in (resolutions_model, voters):
        qtmodeltester.check(model, force_py=True)
        qtmodeltester.check(model)
    text = resolutions_model.index(0, ResolutionColumn.TEXT).data()
    assert text == "RESOLVED – That the report be noted."
    assert resolutions_model.index(0, ResolutionColumn.VOTE).data() == "No vote recorded"
    assert resolutions_model.index(1, ResolutionColumn.VOTE).data() == (
        "By name: For 1, against 1, abstained 0"
    )
    tip = resolutions_model.index(1, ResolutionColumn.VOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == "For: Ann\nAgainst: Bob"
    # One choice at most: ticking For clears Against; unticking it leaves no vote.
    assert voters.index(1, VoterColumn.NAME).data() == "Sue (substitute for Bob)"
    voters.setData(voters.index(0, VoterColumn.FOR), CHECKED, ROLE)
    assert voters.choices() == [("a", VoteChoice.FOR)]
    assert voters.index(0, VoterColumn.AGAINST).data(ROLE) == Qt.CheckState.Unchecked
    voters.setData(voters.index(0, VoterColumn.FOR), Qt.CheckState.Unchecked, ROLE)
    assert voters.choices() == []


def test_a_resolution_added_changed_and_removed_one_undo_step_each(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_tab(window, "recs", "recs-recommendations")
    pane = tab.decisions_pane
    before = resolutions(services, "recs-recommendations")
    assert pane.add_action.isEnabled()
    pane.add_action.trigger()
    dialog = opened_dialog(tab)
    assert dialog.windowTitle() == "Add Resolution"
    assert not dialog.ok_button.isEnabled()  # nothing resolved yet
    qtbot.keyClicks(dialog.text_edit, "That the draft recommendations be agreed.")
    dialog.counts_radio.click()
    dialog.for_spin.setValue(5)
    dialog.abstained_spin.setValue(1)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    after = resolutions(services, "recs-recommendations")
    assert len(after) == len(before) + 1
    added = after[-1]
    assert added.text == "That the draft recommendations be agreed."
    assert added.vote == Vote(5, 0, 1)
    row = pane.model.rowCount() - 1
    assert pane.model.index(row, ResolutionColumn.TEXT).data() == (
        "RESOLVED – That the draft recommendations be agreed."
    )
    assert pane.model.index(row, ResolutionColumn.VOTE).data() == ("For 5, against 0, abstained 1")
    assert window.editor.stack.count() == 1

    # Changed: the dialog opens on what is stored; no vote any more.
    pane.view.setCurrentIndex(pane.model.index(row, ResolutionColumn.TEXT))
    pane.edit_action.trigger()
    dialog = opened_dialog(tab)
    assert dialog.windowTitle() == "Change Resolution"
    assert dialog.text() == "That the draft recommendations be agreed."
    assert dialog.counts_radio.isChecked() and dialog.for_spin.value() == 5
    dialog.text_edit.selectAll()
    qtbot.keyClicks(dialog.text_edit, "That the draft recommendations be agreed as amended.")
    dialog.no_vote_radio.click()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    changed = resolutions(services, "recs-recommendations")[-1]
    assert (changed.text, changed.vote) == (
        "That the draft recommendations be agreed as amended.",
        None,
    )
    assert window.editor.stack.count() == 2

    # Removed with Del on the table.
    pane.view.setFocus()
    pane.view.setCurrentIndex(pane.model.index(row, ResolutionColumn.TEXT))
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert resolutions(services, "recs-recommendations") == before
    assert window.editor.stack.count() == 3

    window.undo_action.trigger()
    restored = resolutions(services, "recs-recommendations")[-1]
    assert (restored.text, restored.vote) == (changed.text, None)
    window.undo_action.trigger()
    assert resolutions(services, "recs-recommendations")[-1].vote == Vote(5, 0, 1)
    window.undo_action.trigger()
    assert resolutions(services, "recs-recommendations") == before
    window.redo_action.trigger()
    assert resolutions(services, "recs-recommendations")[-1].text == added.text
    assert pane.model.rowCount() == len(before) + 1


def test_a_vote_by_name_offers_only_those_present(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    tab = open_tab(window, "recs", "recs-recommendations")
    item = services.agenda.find(1, "recs-recommendations")
    voters = services.resolutions.voters(item.id).voters
    present = [
        f"{v.name} (substitute for {v.substitute_for_name})" if v.substitute_for_name else v.name
        for v in voters
    ]
    assert "Damian Hockney" not in present  # sent apologies
    assert len(present) >= 4
    tab.decisions_pane.add_action.trigger()
    dialog = opened_dialog(tab)
    qtbot.keyClicks(dialog.text_edit, "That the report be sent to the Executive.")
    dialog.by_name_radio.click()
    model = dialog.voters_model
    assert [model.index(r, VoterColumn.NAME).data() for r in range(model.rowCount())] == present
    assert not dialog.ok_button.isEnabled()  # by name, but nobody ticked
    assert "at least one member" in dialog.vote_problem.text()
    chosen = [
        (present[0], VoterColumn.FOR, VoteChoice.FOR),
        (present[1], VoterColumn.FOR, VoteChoice.FOR),
        (present[2], VoterColumn.AGAINST, VoteChoice.AGAINST),
        (present[3], VoterColumn.ABSTAINED, VoteChoice.ABSTAINED),
    ]
    for name, column, _choice in chosen:
        tick(dialog, name, column)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    saved = resolutions(services, "recs-recommendations")[-1]
    assert saved.vote is not None and saved.vote.named
    assert (saved.vote.in_favour, saved.vote.against, saved.vote.abstained) == (2, 1, 1)
    assert [(c.person, c.choice) for c in saved.casts] == [
        (v.key, choice) for v, (_name, _column, choice) in zip(voters, chosen, strict=False)
    ]
    pane = tab.decisions_pane
    vote = pane.model.index(pane.model.rowCount() - 1, ResolutionColumn.VOTE)
    assert vote.data() == "By name: For 2, against 1, abstained 1"
    assert f"Against: {voters[2].name}" in vote.data(Qt.ItemDataRole.ToolTipRole)
    # More votes as counts than people present: said in the dialog, not saved.
    pane.view.setCurrentIndex(vote)
    pane.edit_action.trigger()
    dialog = opened_dialog(tab)
    assert dialog.by_name_radio.isChecked()
    assert model is not dialog.voters_model
    dialog.counts_radio.click()
    assert (dialog.for_spin.value(), dialog.against_spin.value()) == (2, 1)  # the tallies
    dialog.for_spin.setValue(len(present) - 1)
    assert not dialog.ok_button.isEnabled()
    assert dialog.vote_problem.text() == (
        f"{len(present) + 1} votes recorded, but only {len(present)} members present for "
        f"item {item.number}."
    )
    dialog.reject()


def test_a_member_who_left_meanwhile_is_refused_and_nothing_is_saved(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    tab = open_tab(window, "recs", "recs-recommendations")
    item = services.agenda.find(1, "recs-recommendations")
    before = resolutions(services, "recs-recommendations")
    tab.decisions_pane.add_action.trigger()
    dialog = opened_dialog(tab)
    qtbot.keyClicks(dialog.text_edit, "That the draft recommendations be agreed.")
    dialog.by_name_radio.click()
    tick(dialog, "Rachel Whittaker", VoterColumn.FOR)
    tick(dialog, "Richard Barnes", VoterColumn.FOR)
    assert dialog.ok_button.isEnabled()  # both were there when the dialog opened

    # A colleague records that Whittaker (who voted by name on none of the item's
    # recorded resolutions) left after the item before this one.
    meeting_id = item.meeting_id
    member = next(a for a in services.minutes.attendance(meeting_id) if a.member_key == "whittaker")
    assert member.version is not None
    services.attendees.set_stay(meeting_id, "whittaker", None, "recs-findings", member.version)

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # refused: the dialog stays, saying why beside the vote
    assert dialog.vote_problem.isVisible()
    assert dialog.vote_problem.text() == (
        f"Rachel Whittaker was not present for item {item.number} and cannot vote on it."
    )
    assert resolutions(services, "recs-recommendations") == before
    assert window.editor.stack.count() == 0
    dialog.reject()

    # Opened again, the dialog no longer offers her.
    tab.decisions_pane.add_action.trigger()
    dialog = opened_dialog(tab)
    model = dialog.voters_model
    names = [model.index(r, VoterColumn.NAME).data() for r in range(model.rowCount())]
    assert "Rachel Whittaker" not in names and "Richard Barnes" in names
    dialog.reject()


def test_the_recorded_wording_is_offered_and_copied_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    item = services.agenda.find(1, "recs-apologies")
    item = services.minutes.set_minute(item.id, item.version, None)  # not written yet
    if item.standard is not StandardItem.APOLOGIES:  # marked in the shipped sample
        services.agenda.update_item(
            item.id, item.version, ItemChanges(standard=StandardItem.APOLOGIES)
        )
    printed = services.minutes.printed(item.meeting_id, Audience.PUBLIC)
    wording = next(v.minute for v in printed.items if v.number == item.number)
    assert wording and "Damian Hockney" in wording  # worded from the attendance

    tab = open_tab(window, "recs", "recs-apologies")
    assert tab.editor.toPlainText() == ""
    assert tab.editor.placeholderText() == wording
    row = tab.items_model.row_of_key("recs-apologies")
    assert row is not None  # the list says the record's words will print, not "Not yet"
    assert tab.items_model.index(row, MinuteColumn.MINUTE).data() == "From the record"
    assert tab.wording_bar.isVisible() and tab.wording_bar.use_action.isEnabled()
    qtbot.mouseClick(tab.wording_bar.button, Qt.MouseButton.LeftButton)
    assert services.agenda.find(1, "recs-apologies").minute == wording
    assert tab.editor.toPlainText() == wording
    assert tab.items_model.index(row, MinuteColumn.MINUTE).data() == "Written"
    assert not tab.wording_bar.isVisible()
    assert window.editor.stack.count() == 1
    assert window.editor.stack.text(0) == "Use the recorded wording for item 1"
    window.undo_action.trigger()
    assert services.agenda.find(1, "recs-apologies").minute is None
    assert tab.editor.toPlainText() == "" and tab.wording_bar.isVisible()
    # An item that is not a standard one offers nothing.
    click = tab.items_model.row_of_key("recs-findings")
    assert click is not None
    tab.items_view.setCurrentIndex(tab.items_model.index(click, MinuteColumn.TITLE))
    assert not tab.wording_bar.isVisible()
    assert tab.editor.placeholderText() == "Type the minute of this item…"


def test_agreeing_the_previous_minutes_approves_them_in_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    services = window.services
    previous = services.meeting_edits.find(1, "ev4")
    approved = services.minutes.minutes(previous.id)
    services.minutes.reopen_minutes(previous.id, approved.version, "To agree them at the next.")
    item = services.agenda.find(1, "recs-minutes")
    if item.standard is not StandardItem.PREVIOUS_MINUTES:  # marked in the shipped sample
        services.agenda.update_item(
            item.id, item.version, ItemChanges(standard=StandardItem.PREVIOUS_MINUTES)
        )
    tab = open_tab(window, "recs", "recs-minutes")
    pane = tab.decisions_pane
    before = resolutions(services, "recs-minutes")
    assert pane.agree_button.isVisible() and pane.agree_action.isEnabled()
    pane.agree_action.trigger()
    box = pane.previous_question
    assert box is not None and box.isVisible()
    assert box.text() == "Agree the minutes of the meeting held on 23 April 2007?"
    assert "One Undo takes back both" in box.informativeText()
    agree = next(b for b in box.buttons() if b.text() == "&Agree and Approve")
    qtbot.mouseClick(agree, Qt.MouseButton.LeftButton)

    expected = previous_minutes_resolution(date(2007, 4, 23))
    assert [r.text for r in resolutions(services, "recs-minutes")] == [
        *(r.text for r in before),
        expected,
    ]
    record = services.minutes.minutes(previous.id)
    assert record.status is MinutesStatus.APPROVED and record.approved_at == "recs"
    assert record.approved_on == date(2007, 5, 14)
    assert window.editor.stack.count() == 1
    window.undo_action.trigger()
    assert resolutions(services, "recs-minutes") == before
    assert services.minutes.minutes(previous.id).status is MinutesStatus.DRAFT
    window.redo_action.trigger()
    assert resolutions(services, "recs-minutes")[-1].text == expected
    assert services.minutes.minutes(previous.id).locked

    # Nothing left to agree: said so, and nothing is done.
    pane.agree_action.trigger()
    box = pane.previous_question
    assert box is not None and box.text() == "There are no earlier minutes to agree."
    box.accept()
    assert window.editor.stack.count() == 1


def test_the_times_the_meeting_began_and_ended(qtbot: QtBot, window: MainWindow) -> None:
    services = window.services
    recs = services.meeting_edits.find(1, "recs")
    recorded = services.attendees.times(recs.id)
    services.attendees.set_times(recs.id, recorded.version, None, None)  # none recorded yet
    tab = open_tab(window, "recs")
    meeting_id = tab.meeting_id
    assert meeting_id == recs.id
    times = tab.times
    assert not times.began_check.isChecked() and not times.began_edit.isEnabled()
    times.began_check.click()  # the scheduled start, to correct
    assert services.attendees.times(meeting_id).began == datetime(2007, 5, 14, 14, 0)
    times.began_edit.setTime(QTime(14, 5))
    times.began_edit.editingFinished.emit()
    times.ended_check.click()
    times.ended_edit.setTime(QTime(16, 32))
    times.ended_edit.editingFinished.emit()
    recorded = services.attendees.times(meeting_id)
    assert (recorded.began, recorded.ended) == (
        datetime(2007, 5, 14, 14, 5),
        datetime(2007, 5, 14, 16, 32),
    )
    assert window.editor.stack.count() == 4
    assert window.editor.stack.text(3) == "Time the meeting ended"

    # An end before the beginning: said beside the times, not saved.
    times.ended_edit.setTime(QTime(13, 0))
    times.ended_edit.editingFinished.emit()
    assert times.problem.isVisible()
    assert times.problem.text() == "The meeting cannot end (1.00 pm) before it began (2.05 pm)."
    assert services.attendees.times(meeting_id).ended == datetime(2007, 5, 14, 16, 32)
    assert window.editor.stack.count() == 4

    window.undo_action.trigger()
    assert services.attendees.times(meeting_id).ended == datetime(2007, 5, 14, 16, 0)
    assert times.ended_edit.time() == QTime(16, 0) and not times.problem.isVisible()
    window.undo_action.trigger()
    assert services.attendees.times(meeting_id).ended is None
    assert not times.ended_check.isChecked()


def test_approved_minutes_freeze_the_decisions(window: MainWindow) -> None:
    tab = open_tab(window, "ev3", "ev3-minutes")
    assert tab.locked_banner.isVisible()
    pane = tab.decisions_pane
    for action in (pane.add_action, pane.edit_action, pane.remove_action, pane.agree_action):
        assert not action.isEnabled()
    assert not tab.times.began_check.isEnabled() and not tab.times.ended_check.isEnabled()
    assert not tab.wording_bar.isVisible()
    pane.add_resolution()  # a shortcut while frozen: nothing opens
    assert pane.resolution_dialog is None


def test_a_read_only_database_offers_no_decision_to_change(
    make_window: WindowFactory, read_only_copy
) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        tab = open_tab(window, "recs", "recs-minutes")
        pane = tab.decisions_pane
        assert pane.model.rowCount() == len(resolutions(services, "recs-minutes"))
        for action in (pane.add_action, pane.edit_action, pane.remove_action, pane.agree_action):
            assert not action.isEnabled()
        assert not tab.times.began_check.isEnabled()
        assert not tab.wording_bar.use_action.isEnabled()
        window.close()
    finally:
        services.close()
