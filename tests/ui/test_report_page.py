"""The Report page's Draft tab in a real main window over the sample review: the
outline, paragraphs added, written, closed, moved, cited and deleted through the
widgets, each checked in the database, undone and redone; a refused edit; what is at
hand beside a findings section; the strip naming open paragraphs that quote closed
material."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.report_entries import ParagraphEntry
from scrutiny_desk.domain.topics import Topic, Topics
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.report.draft_pane import DraftPane
from scrutiny_desk.ui.report.outline_model import OutlineColumn
from scrutiny_desk.ui.report.paragraph_model import ParagraphColumn
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.tasks import TaskRunner
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only
from .topic_edits import EDITS, perform_edit

pytestmark = pytest.mark.gui

#: a closed note of the sample (on "intelligence" and "scale")
CLOSED_NOTE = (
    "Level 3 intelligence is not routinely passed down to borough officers dealing "
    "with level 1 and 2 activity."
)


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def draft(window: MainWindow) -> DraftPane:
    window.show_page(PageId.REPORT)
    return window.report_page.draft


def paragraphs(services: Services, place: str) -> list[ParagraphEntry]:
    return list(services.report_paragraphs.paragraphs(1, place))


def row_of(draft: DraftPane, key: str) -> int:
    row = draft.model.row_of(key)
    assert row >= 0, key
    return row


def chapter_and_number(number: str | None) -> tuple[int, int]:
    assert number is not None
    chapter, place = number.split(".")
    return int(chapter), int(place)


def choose_place(draft: DraftPane, place: str) -> None:
    index = draft.outline.index_of(place)
    assert index.isValid(), place
    draft.tree.setCurrentIndex(index)
    assert draft.place == place


def leave(draft: DraftPane) -> None:
    """The clerk leaves the text (Tab, a click elsewhere): what Qt tells the field."""
    QApplication.sendEvent(draft.editor.text_edit, QFocusEvent(QEvent.Type.FocusOut))


def type_text(draft: DraftPane, text: str) -> None:
    draft.editor.text_edit.setPlainText(text)
    leave(draft)


def test_the_outline_follows_the_review(qtmodeltester, draft: DraftPane) -> None:
    outline = draft.outline
    qtmodeltester.check(outline)
    top = [outline.index(row, 0).data() for row in range(outline.rowCount())]
    assert top[:3] == ["Foreword", "Summary", "1  Introduction"]
    assert top[-1] == "5  Conclusions"
    # Findings: a chapter per top-level item, a section per sub-item (3 and 13 in all)
    findings = [t for t in top if t[0] in "234"]
    assert len(findings) == 3
    sections = sum(outline.rowCount(outline.index(row, 0)) for row in range(2, 5 + 1))
    assert sections - 6 == 13  # less the introduction's six sections
    assert draft.place == "foreword"  # the first place chosen
    assert not draft.at_hand.isVisible()


def test_add_write_close_undo_and_redo(qtbot: QtBot, window: MainWindow, draft: DraftPane) -> None:
    services = window.services
    before = paragraphs(services, "tor:scale")  # the sample's own, if it has some
    choose_place(draft, "tor:scale")
    assert draft.at_hand.isVisible()
    if before:
        draft.reveal(before[-1].key)
    draft.edits.add_action.trigger()  # after the paragraph chosen: the last
    after = paragraphs(services, "tor:scale")
    [added] = [p for p in after if p.key not in {b.key for b in before}]
    assert after[-1] == added and draft.current_key() == added.key
    assert draft.model.index(row_of(draft, added.key), 0).data() == added.number
    chapter, place = chapter_and_number(added.number)
    assert chapter == 2 and place > len(before)  # numbered by chapter, after the rest

    def stored() -> ParagraphEntry:
        return services.report_paragraphs.paragraph(added.id)

    type_text(draft, "Borough officers rarely see level 3 intelligence.")
    assert stored().text.startswith("Borough officers")
    qtbot.mouseClick(draft.editor.closed_box, Qt.MouseButton.LeftButton)
    assert stored().access is Access.CLOSED
    row = row_of(draft, added.key)
    assert draft.model.index(row, ParagraphColumn.ACCESS).data() == "Closed"
    count = draft.outline.index_of("tor:scale").siblingAtColumn(OutlineColumn.PARAGRAPHS)
    assert count.data() == str(len(before) + 1)  # the outline counts it

    window.editor.stack.undo()
    assert stored().access is Access.OPEN
    window.editor.stack.undo()
    assert stored().text == "New paragraph"
    window.editor.stack.undo()
    assert paragraphs(services, "tor:scale") == before
    assert draft.model.rowCount() == len(before)
    for _ in range(3):
        window.editor.stack.redo()
    back = paragraphs(services, "tor:scale")[-1]
    assert back.key == added.key and back.access is Access.CLOSED
    assert back.text.startswith("Borough officers")
    assert draft.model.rowCount() == len(before) + 1


def test_a_refused_edit_says_why_and_changes_nothing(window: MainWindow, draft: DraftPane) -> None:
    services = window.services
    entry = services.report_paragraphs.add(1, "background", "The review began in 2006.")
    choose_place(draft, "background")
    draft.reveal(entry.key)
    before = paragraphs(services, "background")
    depth = window.editor.stack.count()
    type_text(draft, "   ")
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "errorMessage"]
    assert boxes and "text" in boxes[-1].informativeText() + boxes[-1].text()
    assert paragraphs(services, "background") == before
    assert window.editor.stack.count() == depth
    assert draft.editor.text_edit.toPlainText() == "The review began in 2006."  # the saved text


def test_insert_move_and_delete_keep_numbers_right(window: MainWindow, draft: DraftPane) -> None:
    services = window.services
    service = services.report_paragraphs
    first = service.add(1, "tor:strategy", "First.")
    second = service.add(1, "tor:strategy", "Second.")
    choose_place(draft, "tor:strategy")
    ours = {first.key, second.key}

    def texts() -> list[str]:
        listed = paragraphs(services, "tor:strategy")
        return [p.text for p in listed if p.key in ours or p.text == "New paragraph"]

    chapter, second_number = chapter_and_number(service.paragraph(second.id).number)
    assert draft.model.index(row_of(draft, second.key), 0).data() == f"{chapter}.{second_number}"
    draft.reveal(first.key)
    draft.edits.add_action.trigger()  # inserted after the first
    assert texts() == ["First.", "New paragraph", "Second."]
    renumbered = f"{chapter}.{second_number + 1}"  # "Second." moves on by one
    assert draft.model.index(row_of(draft, second.key), 0).data() == renumbered
    draft.reveal(second.key)
    draft.edits.up_action.trigger()
    assert texts() == ["First.", "Second.", "New paragraph"]
    draft.edits.move_action.trigger()
    dialog = draft.edits.place_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.textValue().startswith("2 Ensure")  # the chapter where it stands now
    dialog.setTextValue("5 Conclusions")
    dialog.accept()
    assert paragraphs(services, "conclusions")[-1].key == second.key
    assert draft.place == "conclusions" and draft.current_key() == second.key
    conclusions = [p.key for p in paragraphs(services, "conclusions")]
    draft.edits.delete_action.trigger()
    assert [p.key for p in paragraphs(services, "conclusions")] == conclusions[:-1]
    window.editor.stack.undo()
    assert [p.key for p in paragraphs(services, "conclusions")] == conclusions
    window.editor.stack.undo()  # the move
    assert texts() == ["First.", "Second.", "New paragraph"]
    window.editor.stack.undo()  # up
    window.editor.stack.undo()  # the insert
    assert texts() == ["First.", "Second."]


def test_at_hand_cites_and_supports(
    qtmodeltester, qtbot: QtBot, window: MainWindow, draft: DraftPane
) -> None:
    services = window.services
    paragraph = services.report_paragraphs.add(1, "tor:intelligence", "Intelligence flows upward.")
    choose_place(draft, "tor:intelligence")
    draft.reveal(paragraph.key)
    qtmodeltester.check(draft.model)
    pane = draft.at_hand
    qtmodeltester.check(pane.model)
    rows = pane.model.rows
    closed = next(r for r in rows if r.kind == "note" and r.closed)
    row = rows.index(closed)
    assert pane.model.index(row, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    pane.view.setCurrentIndex(pane.model.index(row, 0))
    pane.cite_button.click()
    cited = services.report_paragraphs.paragraph(paragraph.id)
    assert [n.key for n in cited.notes] == [closed.key] and cited.closed_cited
    assert draft.model.index(row_of(draft, paragraph.key), ParagraphColumn.CITES).data() == "1"
    assert "evidence heard in private" in draft.editor.cited_label.text()

    draft.edits.cite_action.trigger()
    dialog = draft.edits.cites.dialog
    assert dialog is not None
    evidence = next(k for k in dialog.shown_keys() if k.startswith("evidence:"))
    dialog.set_checked(evidence, True)
    dialog.accept()
    cited = services.report_paragraphs.paragraph(paragraph.id)
    assert [e.key for e in cited.evidence] == [evidence.removeprefix("evidence:")]

    draft.edits.support_action.trigger()
    dialog = draft.edits.cites.dialog
    assert dialog is not None
    dialog.set_checked("r2", True)
    dialog.accept()
    supports = draft.model.index(row_of(draft, paragraph.key), ParagraphColumn.SUPPORTS)
    assert supports.data() == "R2"
    window.editor.stack.undo()
    window.editor.stack.undo()
    window.editor.stack.undo()
    cited = services.report_paragraphs.paragraph(paragraph.id)
    assert cited.notes == () and cited.evidence == () and cited.recommendations == ()


def test_the_flag_strip_names_a_quote_until_it_is_resolved(
    qtbot: QtBot, window: MainWindow, draft: DraftPane
) -> None:
    services = window.services
    choose_place(draft, "tor:scale")
    already = list(draft.strip.keys)  # the sample's own report quotes nothing closed
    assert draft.strip.isHidden() == (not already)
    entry = services.report_paragraphs.add(1, "tor:scale", "To be written.")
    draft.reveal(entry.key)
    type_text(draft, f"A witness told us: {CLOSED_NOTE}")
    assert not draft.strip.isHidden()
    number = services.report_paragraphs.paragraph(entry.id).number
    assert draft.strip.keys == [*already, entry.key] and f">{number}<" in draft.strip.text.text()
    assert draft.model.flagged(entry.key)
    flag = draft.model.index(row_of(draft, entry.key), 0)
    assert flag.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "closed material" in flag.data(Qt.ItemDataRole.ToolTipRole)
    choose_place(draft, "foreword")
    draft.strip.text.linkActivated.emit(entry.key)  # the link in the strip
    assert draft.place == "tor:scale" and draft.current_key() == entry.key
    qtbot.mouseClick(draft.editor.closed_box, Qt.MouseButton.LeftButton)  # resolved
    assert draft.strip.keys == already and not draft.model.flagged(entry.key)
    assert draft.strip.isHidden() == (not already)
    window.editor.stack.undo()
    assert not draft.strip.isHidden() and entry.key in draft.strip.keys


class _TermsStep(Step):
    """A terms-of-reference change made elsewhere in the window (the Terms page)."""

    def __init__(self, call: Callable[[], object]) -> None:
        super().__init__("Terms of reference changed")
        self._call = call

    def do(self) -> object:
        return self._call()

    def undo(self) -> None:
        raise AssertionError("not undone here")


def test_numbers_and_citations_follow_a_moved_item(window: MainWindow, draft: DraftPane) -> None:
    services = window.services
    service = services.report_paragraphs
    on_scale = service.add(1, "tor:scale", "Scale.")
    service.cite(on_scale.id, on_scale.version, notes=["n5"])
    on_approaches = service.add(1, "tor:approaches", "Approaches.")
    choose_place(draft, "tor:scale")
    draft.reveal(on_scale.key)

    def number(entry: ParagraphEntry) -> tuple[int, int]:
        return chapter_and_number(service.paragraph(entry.id).number)

    assert number(on_scale) < number(on_approaches)
    shown = draft.model.index(row_of(draft, on_scale.key), 0).data()
    assert shown == service.paragraph(on_scale.id).number
    scale = services.terms.find(1, "scale")
    window.editor.perform(_TermsStep(lambda: services.terms.move(scale.id, scale.version, 1)))
    # 1.1 is now "approaches": its paragraphs come first in chapter 2
    assert number(on_approaches) < number(on_scale)
    assert draft.place == "tor:scale" and draft.current_key() == on_scale.key
    row = row_of(draft, on_scale.key)
    assert draft.model.index(row, 0).data() == service.paragraph(on_scale.id).number
    assert draft.model.index(row, ParagraphColumn.CITES).data() == "1"
    assert draft.outline.index_of("tor:scale").data().startswith("1.2")


def test_a_deleted_item_leaves_its_paragraphs_not_placed(
    qtmodeltester, window: MainWindow, draft: DraftPane
) -> None:
    services = window.services
    service = services.report_paragraphs
    kept = service.add(1, "tor:roles", "Roles.")
    roles = services.terms.find(1, "roles")
    window.editor.perform(_TermsStep(lambda: services.terms.delete(roles.id, roles.version)))
    outline = draft.outline
    qtmodeltester.check(outline)
    last = outline.index(outline.rowCount() - 1, 0)
    assert last.data() == "Not placed"
    assert last.data(Qt.ItemDataRole.DecorationRole) is not None
    assert draft.reveal(kept.key) and draft.place == "unplaced"
    assert not draft.edits.add_action.isEnabled()  # nothing is added where there is no place
    assert draft.edits.move_action.isEnabled()  # but it can be moved to a section


@pytest.mark.parametrize("topic", sorted(EDITS, key=lambda t: t.value))
def test_each_topic_it_shows_reads_it_again(
    window: MainWindow, draft: DraftPane, topic: Topic
) -> None:
    shown = window.report_page.TOPICS
    calls: list[Topics] = []
    original = draft.reload
    draft.reload = lambda topics: (calls.append(topics), original(topics))  # type: ignore[method-assign]
    perform_edit(window, topic)
    assert bool(calls) == (topic in shown), topic


def test_keys_add_in_the_list_and_save_the_text(
    qtbot: QtBot, window: MainWindow, draft: DraftPane
) -> None:
    services = window.services
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    choose_place(draft, "summary")
    draft.view.setFocus()
    before = paragraphs(services, "summary")
    qtbot.keyClick(draft.view, Qt.Key.Key_Insert)
    known = {p.key for p in before}
    [added] = [p for p in paragraphs(services, "summary") if p.key not in known]
    assert added.number is None  # the summary is not numbered
    text = draft.editor.text_edit
    text.setFocus()
    text.setPlainText("The panel makes six recommendations.")
    qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert services.report_paragraphs.paragraph(added.id).text == (
        "The panel makes six recommendations."
    )
    assert text.toPlainText() == "The panel makes six recommendations."  # no line added
    text.setPlainText("The panel makes six recommendations.\n\nDel stays in the text.")
    qtbot.keyClick(text, Qt.Key.Key_Delete)
    assert len(paragraphs(services, "summary")) == len(before) + 1


def test_a_colleagues_change_is_kept_and_named(window: MainWindow, draft: DraftPane) -> None:
    services = window.services
    service = services.report_paragraphs
    entry = service.add(1, "conclusions", "The panel concludes.")
    choose_place(draft, "conclusions")
    draft.reveal(entry.key)
    service.edit(entry.id, entry.version, text="A colleague's conclusion.")  # not shown yet
    type_text(draft, "My conclusion.")
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "errorMessage"]
    assert boxes and "changed by" in boxes[-1].informativeText() + boxes[-1].text()
    assert service.paragraph(entry.id).text == "A colleague's conclusion."
    assert draft.editor.text_edit.toPlainText() == "A colleague's conclusion."  # read again


def test_read_only(make_window: WindowFactory, read_only_copy) -> None:
    services = open_read_only(read_only_copy)
    try:
        window = make_window(services)
        window.show_page(PageId.REPORT)
        draft = window.report_page.draft
        choose_place(draft, "background")
        assert not draft.edits.add_action.isEnabled()
        assert not draft.at_hand.can_cite
    finally:
        services.close()


def test_going_to_a_paragraph_shows_it(window: MainWindow) -> None:
    entry = window.services.report_paragraphs.add(1, "tor:cdrp", "CDRPs vary.")
    assert window.go_to.reveal("paragraph", entry.key)
    assert window.pages.currentWidget() is window.report_page
    draft = window.report_page.draft
    assert draft.place == "tor:cdrp" and draft.current_key() == entry.key
    assert draft.editor.text_edit.toPlainText() == "CDRPs vary."
    assert not window.go_to.reveal("paragraph", "no-such-paragraph")


class DeferredDraft(TaskRunner):
    """Runs the draft's reads only when told (the rest at once), as a worker thread
    would finish them later."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[tuple[int, Callable[[], Any]]] = []
        self._deferring = False

    def submit(self, work: Any, on_done: Any, on_error: Any, **options: Any) -> int:
        self._deferring = options.get("key") == "report-draft"
        return super().submit(work, on_done, on_error, **options)

    def _start(self, task_id: int, work: Callable[[], Any], priority: int = 0) -> None:
        if self._deferring:
            self.pending.append((task_id, work))
        else:
            self._finish(task_id, True, work())

    def finish_all(self) -> None:
        while self.pending:
            task_id, work = self.pending.pop(0)
            self._finish(task_id, True, work())


def test_a_paragraph_asked_for_before_the_page_has_read_is_chosen_when_it_has(
    make_window: WindowFactory, sample_services: Services
) -> None:
    runner = DeferredDraft()
    window = make_window(sample_services, runner)
    entry = sample_services.report_paragraphs.add(1, "tor:cdrp", "CDRPs vary.")
    window.show_page(PageId.REPORT)
    draft = window.report_page.draft
    assert draft.outline.rowCount() == 0 and runner.pending  # not read yet
    assert draft.reveal(entry.key)
    runner.finish_all()  # the first read is superseded by the one revealing
    assert draft.place == "tor:cdrp" and draft.current_key() == entry.key
    assert draft.outline.rowCount() > 0
