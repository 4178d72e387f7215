"""The question before a removal that takes other data with it, on every page that
removes such things: No leaves every row as it was; Yes removes the record and what
goes with it as one undo step; Undo brings all of it back. A removal that takes
nothing with it is not asked about."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory
from .removal import answer, asked

pytestmark = pytest.mark.gui


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


def rows(services: Services) -> Review:
    """Every row of the review, as a document (calendar SEQUENCE numbers left out:
    removing and restoring a witness raises them, as it must)."""
    document = services.reviews.document(1)
    return replace(document, meetings=tuple(replace(m, sequence=0) for m in document.meetings))


def steps(window: MainWindow) -> int:
    return window.editor.stack.count()


def show(window: MainWindow, page: PageId) -> None:
    window.show_page(page)
    QApplication.processEvents()


# The witness register ---------------------------------------------------------------


def naming(review: Review, key: str) -> tuple[list[str], list[str], list[str]]:
    """The agenda items, notes and evidence that name the witness."""
    return (
        [i.key for m in review.meetings for i in m.items if key in i.witnesses],
        [n.key for n in review.notes if key in n.witnesses],
        [e.key for e in review.evidence if e.witness == key],
    )


def test_removing_a_witness_with_notes_asks_first(window: MainWindow) -> None:
    services, page = window.services, window.witnesses_page
    show(window, PageId.WITNESSES)
    before = rows(services)
    assert naming(before, "jrf") == (["ev2-jrf", "ev4-jrf"], ["n12"], ["jrf-research"])
    assert page.select_witness("jrf")

    page.remove_action.trigger()
    words = answer(window, yes=False)
    assert "Remove the witness “Research Manager” from the register?" in words
    assert "2 agenda items, 1 note and 1 piece of evidence will no longer name them." in words
    assert "undo" in words
    assert rows(services) == before and steps(window) == 0

    page.remove_action.trigger()
    answer(window, yes=True)
    after = rows(services)
    assert all(w.key != "jrf" for w in after.witnesses)
    assert naming(after, "jrf") == ([], [], [])
    assert steps(window) == 1

    window.undo_action.trigger()
    assert rows(services) == before
    assert page.current_witness().key == "jrf"  # type: ignore[union-attr]


def test_a_witness_named_nowhere_goes_unasked(window: MainWindow) -> None:
    services, page = window.services, window.witnesses_page
    show(window, PageId.WITNESSES)
    added = services.witness_edits.add_witness(1, "Ann Other")
    page.reload(frozenset({Topic.WITNESSES}))
    assert page.select_witness(added.key)
    page.remove_action.trigger()
    assert asked(window) is None
    assert all(w.key != added.key for w in rows(services).witnesses)
    assert steps(window) == 1


# The panel ------------------------------------------------------------------------------


def attendance_of(review: Review, key: str) -> list[tuple[str, str]]:
    return [
        (m.key, a.status.value) for m in review.meetings for a in m.attendance if a.member == key
    ]


def test_removing_a_member_with_attendance_asks_first(window: MainWindow) -> None:
    services, page = window.services, window.panel_page
    show(window, PageId.PANEL)
    before = rows(services)
    assert len(attendance_of(before, "prem")) == 6
    row = next(r for r in range(page.model.rowCount()) if page.model.record(r).key == "prem")
    page.view.setCurrentIndex(page.model.index(row, 0))

    page.remove_action.trigger()
    words = answer(window, yes=False)
    assert "Remove Aneeta Prem from the panel?" in words
    assert (
        "6 attendance records and 1 entry in the register of interests will be deleted with them."
        in words
    )
    assert rows(services) == before and steps(window) == 0

    page.remove_action.trigger()
    answer(window, yes=True)
    after = rows(services)
    assert all(m.key != "prem" for m in after.panel) and attendance_of(after, "prem") == []
    assert steps(window) == 1

    window.undo_action.trigger()
    assert rows(services) == before


# An agenda item ----------------------------------------------------------------------


def items_of(review: Review, meeting: str) -> list[tuple[str, str | None]]:
    found = next(m for m in review.meetings if m.key == meeting)
    return [(i.key, i.minute) for i in found.items]


def test_removing_an_item_with_a_minute_asks_first(window: MainWindow) -> None:
    services, tab = window.services, window.agenda_tab
    show(window, PageId.MEETINGS)
    window.meeting_tabs.setCurrentWidget(tab)
    meeting = services.meeting_edits.find(1, "recs")
    assert window.select_meeting(meeting.id)
    tab.show_meeting(1, meeting.id)
    before = rows(services)
    minute = dict(items_of(before, "recs"))["recs-findings"]
    assert minute
    assert tab.select_item("recs-findings")

    tab.remove_action.trigger()
    words = answer(window, yes=False)
    assert "Remove the item “" in words and "Its minute will be deleted with it." in words
    assert rows(services) == before and steps(window) == 0

    tab.remove_action.trigger()
    answer(window, yes=True)
    assert "recs-findings" not in dict(items_of(rows(services), "recs"))
    assert steps(window) == 1

    window.undo_action.trigger()
    assert rows(services) == before
    assert dict(items_of(rows(services), "recs"))["recs-findings"] == minute


# Evidence --------------------------------------------------------------------------------


def test_deleting_evidence_with_its_file_and_notes_asks_first(window: MainWindow) -> None:
    services, page = window.services, window.evidence_page
    show(window, PageId.EVIDENCE)
    # Give the visit note, which has a file, a note too.
    services.notes.capture(1, "Seen on the visit", ("impact",), evidence="visit-note")
    page.reload(frozenset({Topic.NOTES, Topic.EVIDENCE}))
    before = rows(services)
    content = next(e for e in before.evidence if e.key == "visit-note").file
    assert content is not None
    assert [n.key for n in before.notes if n.evidence == "visit-note"]
    assert page.select_evidence("visit-note")

    page.delete_action.trigger()
    words = answer(window, yes=False)
    assert "Delete the evidence “" in words
    assert "Its attached file will be deleted with it. 1 note will no longer refer to it." in words
    assert rows(services) == before and steps(window) == 0

    page.delete_action.trigger()
    answer(window, yes=True)
    after = rows(services)
    assert all(e.key != "visit-note" for e in after.evidence)
    assert all(n.evidence != "visit-note" for n in after.notes)
    assert steps(window) == 1

    window.undo_action.trigger()
    assert rows(services) == before


# Terms of reference ----------------------------------------------------------------------


def answering(review: Review, key: str) -> tuple[list[str], list[str], list[str], list[str]]:
    return (
        [i.key for m in review.meetings for i in m.items if key in i.tor],
        [e.key for e in review.evidence if key in e.tor],
        [n.key for n in review.notes if key in n.tor],
        [r.key for r in review.recommendations if key in r.tor],
    )


def test_deleting_a_terms_of_reference_item_with_links_asks_first(window: MainWindow) -> None:
    services, page = window.services, window.terms_page
    show(window, PageId.TERMS)
    before = rows(services)
    assert answering(before, "gaps") == (["ev4-jrf"], [], ["n1"], ["r1"])
    assert page.reveal("gaps")

    page.delete_action.trigger()
    words = answer(window, yes=False)
    assert "Delete 1.3 “" in words
    assert "1 agenda item, 1 note and 1 recommendation will no longer refer to it." in words
    assert rows(services) == before and steps(window) == 0

    page.delete_action.trigger()
    answer(window, yes=True)
    after = rows(services)
    assert answering(after, "gaps") == ([], [], [], [])
    assert all(t.key != "gaps" for top in after.terms_of_reference for t in (top, *top.children))
    assert steps(window) == 1

    window.undo_action.trigger()
    assert rows(services) == before
