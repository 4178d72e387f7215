"""The Evidence page in a real main window over the sample review: each workflow
through the widgets, checked in the database, then undone and redone."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDropEvent, QFocusEvent
from PySide6.QtWidgets import QApplication, QComboBox, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain import rules
from scrutiny_desk.domain.enums import Access, EvidenceKind
from scrutiny_desk.domain.errors import NotFoundError
from scrutiny_desk.domain.evidence_records import EvidenceEntry
from scrutiny_desk.domain.note_records import NoteFilter
from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.domain.topics import Topic
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.evidence.evidence_details import KEY_ROLE
from scrutiny_desk.ui.evidence.evidence_model import EvidenceColumn
from scrutiny_desk.ui.evidence.evidence_page import EvidencePage, sweep_old_copies
from scrutiny_desk.ui.shared.commands import Step
from scrutiny_desk.ui.shared.display import IdRole
from scrutiny_desk.ui.shared.workspace import PageId
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory, open_read_only
from .removal import answer

pytestmark = pytest.mark.gui


def build(window: MainWindow) -> EvidencePage:
    page = window.page(PageId.EVIDENCE)
    assert isinstance(page, EvidencePage)
    page.show_review(window.current_review_id())
    window.show_page(PageId.EVIDENCE)
    return page


@pytest.fixture
def window(make_window: WindowFactory, sample_services: Services) -> MainWindow:
    return make_window(sample_services)


@pytest.fixture
def page(window: MainWindow) -> EvidencePage:
    return build(window)


def stored(services: Services, key: str) -> EvidenceEntry:
    return services.evidence.find(1, key)


def keys(services: Services) -> list[str]:
    return [e.key for e in services.evidence.list(1)]


def shown_titles(page: EvidencePage) -> list[str]:
    proxy = page.proxy
    return [proxy.index(r, EvidenceColumn.TITLE).data() for r in range(proxy.rowCount())]


def undo(window: MainWindow) -> None:
    window.editor.stack.undo()


def redo(window: MainWindow) -> None:
    window.editor.stack.redo()


def tick_tor(page: EvidencePage, key: str) -> None:
    tor = page.details.tor_list
    for row in range(tor.count()):
        if tor.item(row).data(KEY_ROLE) == key:
            tor.item(row).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(key)


def leave(widget: QWidget) -> None:
    """The clerk leaves a field (Tab, a click elsewhere): what Qt tells the field."""
    if isinstance(widget, QPlainTextEdit):
        QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut))
    else:
        widget.editingFinished.emit()  # type: ignore[attr-defined]


def choose(combo: QComboBox, data: object) -> None:
    """The clerk picks an entry of a drop-down list."""
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())


def test_the_register_with_closed_evidence_marked(page: EvidencePage, qtmodeltester: Any) -> None:
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.proxy)
    assert page.model.rowCount() == 5
    row = page.model.row_of_key("family-statement")
    assert row is not None
    access = page.model.index(row, EvidenceColumn.ACCESS)
    assert access.data() == "Closed"
    assert access.data(Qt.ItemDataRole.DecorationRole) is not None
    assert access.data(Qt.ItemDataRole.FontRole).bold()
    assert page.model.index(row, EvidenceColumn.TITLE).data(Qt.ItemDataRole.BackgroundRole)
    assert "CLOSED" in page.model.index(row, EvidenceColumn.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    open_row = page.model.row_of_key("jrf-research")
    assert open_row is not None
    assert page.model.index(open_row, EvidenceColumn.ACCESS).data() == "Open"
    assert (
        page.model.index(open_row, EvidenceColumn.ACCESS).data(Qt.ItemDataRole.DecorationRole)
        is None
    )
    jrf = next(w for w in page.workspace.services.witnesses.list(1) if w.key == "jrf")
    assert page.model.index(open_row, EvidenceColumn.FROM).data() == jrf.name
    assert page.model.index(open_row, EvidenceColumn.TOR).data() == "1.2, 1.4"
    assert page.model.index(0, EvidenceColumn.NUMBER).data(IdRole) == page.model.record(0).id
    page.select_evidence("borough-survey")
    assert not page.details.closed_badge.isVisibleTo(page)
    page.select_evidence("family-statement")
    assert page.details.closed_badge.isVisibleTo(page)
    assert "Closed" in page.details.closed_badge.text()
    assert page.details.closed_check.isChecked()
    qtmodeltester.check(page.notes.notes_model)


def test_filter_by_text_kind_and_access(page: EvidencePage, qtbot: QtBot) -> None:
    qtbot.keyClicks(page.filter_edit, "forensic")
    assert shown_titles(page) == ["Forensics in drug investigations"]
    assert page.count_label.text() == "1 of 5"
    page.filter_edit.clear()
    page.kind_filter.setCurrentIndex(page.kind_filter.findData(EvidenceKind.VISIT.value))
    assert len(shown_titles(page)) == 1
    page.kind_filter.setCurrentIndex(0)
    page.access_filter.setCurrentIndex(page.access_filter.findData(Access.CLOSED.value))
    assert [page.current_evidence().key] == ["family-statement"]  # type: ignore[union-attr]
    assert page.reveal("jrf-research")  # clears the filter it is hidden by
    assert page.current_evidence().key == "jrf-research"  # type: ignore[union-attr]
    assert page.proxy.rowCount() == 5
    assert not page.reveal("no-such-evidence")


def test_new_evidence_edited_through_the_form_then_undone_and_redone(
    page: EvidencePage, window: MainWindow, qtbot: QtBot
) -> None:
    services = window.workspace.services
    before = keys(services)
    page.select_evidence("borough-survey")
    page.new_action.trigger()
    after = keys(services)
    assert len(after) == 6
    key = next(k for k in after if k not in before)
    assert after.index(key) == 1  # just below the selected evidence
    assert page.current_evidence().key == key  # type: ignore[union-attr]
    assert page.details.title_edit.hasFocus() or page.details.title_edit.selectedText()

    # Each field is saved when the clerk is done with it, each one undo step.
    details = page.details
    steps = window.editor.stack.count()
    details.title_edit.selectAll()
    qtbot.keyClicks(details.title_edit, "Letter from the Drug Action Team")
    assert stored(services, key).title == "New evidence"  # still typing
    leave(details.title_edit)
    assert stored(services, key).title == "Letter from the Drug Action Team"
    choose(details.kind_combo, EvidenceKind.STATEMENT.value)
    choose(details.witness_combo, "dat")
    details.received_check.click()
    assert stored(services, key).received == date.today()
    details.received_edit.setDate(QDate(2007, 2, 20))
    leave(details.received_edit)
    details.closed_check.click()
    details.summary_edit.setPlainText("Figures on treatment waiting times.")
    leave(details.summary_edit)
    tick_tor(page, "gaps")
    tick_tor(page, "cdrp")
    assert window.editor.stack.count() == steps + 9
    saved = stored(services, key)
    assert saved.title == "Letter from the Drug Action Team"
    assert saved.kind is EvidenceKind.STATEMENT
    assert saved.witness is not None and saved.witness.key == "dat"
    assert saved.received == date(2007, 2, 20)
    assert saved.access is Access.CLOSED
    assert saved.summary == "Figures on treatment waiting times."
    assert [t.key for t in saved.tor] == ["gaps", "cdrp"]
    assert not page.revert_action.isEnabled()  # nothing waits to be saved
    row = page.model.row_of_key(key)
    assert row is not None
    assert page.model.index(row, EvidenceColumn.ACCESS).data() == "Closed"

    undo(window)
    assert [t.key for t in stored(services, key).tor] == ["gaps"]
    for _ in range(8):
        undo(window)
    back = stored(services, key)
    assert (back.title, back.kind, back.witness, back.received, back.access, back.tor) == (
        "New evidence",
        EvidenceKind.WRITTEN,
        None,
        None,
        Access.OPEN,
        (),
    )
    assert page.details.title_edit.text() == "New evidence"
    for _ in range(9):
        redo(window)
    again = stored(services, key)
    assert again == dataclasses.replace(saved, version=again.version)
    for _ in range(9):
        undo(window)
    undo(window)  # the creation
    assert keys(services) == before
    redo(window)
    assert keys(services) == after
    redo(window)
    assert stored(services, key).title == "Letter from the Drug Action Team"


def test_a_blank_title_is_shown_and_not_saved(page: EvidencePage, window: MainWindow) -> None:
    page.select_evidence("borough-survey")
    title = stored(window.workspace.services, "borough-survey").title
    page.details.title_edit.clear()
    page.details.title_edit.textEdited.emit("")
    assert page.details.title_problem.isVisibleTo(page.details)
    assert "title" in page.details.title_problem.text()
    leave(page.details.title_edit)
    assert stored(window.workspace.services, "borough-survey").title == title
    assert window.editor.stack.count() == 0
    assert page.details.title_problem.isVisibleTo(page.details)  # still there to fix
    page.revert_action.trigger()
    assert (
        page.details.title_edit.text() == stored(window.workspace.services, "borough-survey").title
    )
    assert not page.details.title_problem.isVisibleTo(page.details)


def test_moving_to_another_row_saves_the_changes(
    page: EvidencePage, window: MainWindow, qtbot: QtBot
) -> None:
    services = window.workspace.services
    page.select_evidence("borough-survey")
    page.details.source_edit.setText("All 32 Borough Commanders")
    page.details.source_edit.textEdited.emit("All 32 Borough Commanders")
    page.select_evidence("visit-note")
    qtbot.waitUntil(
        lambda: stored(services, "borough-survey").source == "All 32 Borough Commanders"
    )
    assert page.current_evidence().key == "visit-note"  # type: ignore[union-attr]
    undo(window)
    assert stored(services, "borough-survey").source.startswith("Borough Commanders")  # type: ignore[union-attr]


def test_attach_open_save_remove_and_delete_a_file(
    page: EvidencePage,
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    services = window.workspace.services
    content = b"%PDF-1.4\n" + bytes(range(256)) * 40
    source = tmp_path / "Borough returns.pdf"
    source.write_bytes(content)
    page.select_evidence("borough-survey")
    assert not page.files.open_action.isEnabled()

    page.files.attach_path(str(source))
    entry = stored(services, "borough-survey")
    assert entry.file is not None
    assert (entry.file.name, entry.file.media_type, entry.file.size) == (
        "Borough returns.pdf",
        "application/pdf",
        len(content),
    )
    assert entry.file.sha256 == hashlib.sha256(content).hexdigest()
    assert services.evidence.file(entry.id).content == content
    row = page.model.row_of_key("borough-survey")
    assert row is not None
    assert page.model.index(row, EvidenceColumn.FILE).data() == "Borough returns.pdf (10 KB)"
    assert "Borough returns.pdf" in page.details.file_label.text()
    assert page.files.open_action.isEnabled() and page.files.remove_file_action.isEnabled()

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.files.open_action.trigger()
    assert len(opened) == 1
    copy = Path(opened[0].toLocalFile())
    assert copy.name == "Borough returns.pdf" and copy.read_bytes() == content
    assert not copy.stat().st_mode & (stat.S_IWUSR | stat.S_IRWXG | stat.S_IRWXO)
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
    page.files.open_file()  # again: a new folder, the first copy untouched
    assert Path(opened[1].toLocalFile()).parent != copy.parent

    saved_copy = tmp_path / "out" / "copy.pdf"
    saved_copy.parent.mkdir()
    page.files.save_copy_to(str(saved_copy))
    assert saved_copy.read_bytes() == content

    undo(window)  # the attachment
    assert stored(services, "borough-survey").file is None
    assert not page.files.open_action.isEnabled()
    redo(window)
    assert services.evidence.file(stored(services, "borough-survey").id).content == content

    page.files.remove_file_action.trigger()
    assert stored(services, "borough-survey").file is None
    undo(window)
    assert stored(services, "borough-survey").file is not None
    redo(window)
    assert stored(services, "borough-survey").file is None
    undo(window)

    notes_before = services.notes.count(1, NoteFilter(evidence="borough-survey"))
    assert notes_before == 1
    page.select_evidence("borough-survey")
    page.delete_action.trigger()
    assert "1 note will no longer refer to it" in answer(window, yes=True)
    assert "borough-survey" not in keys(services)
    with pytest.raises(NotFoundError):
        stored(services, "borough-survey")
    undo(window)
    back = stored(services, "borough-survey")
    assert back.file is not None and services.evidence.file(back.id).content == content
    assert services.notes.count(1, NoteFilter(evidence="borough-survey")) == notes_before
    assert keys(services)[0] == "borough-survey"
    redo(window)
    assert "borough-survey" not in keys(services)


def test_a_file_over_the_limit_is_refused_with_its_size(
    page: EvidencePage, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rules, "MAX_ATTACHMENT_BYTES", 1024 * 1024)
    big = tmp_path / "scan.tiff"
    big.write_bytes(b"\0" * (3 * 1024 * 1024 // 2))
    page.select_evidence("forensics-paper")
    steps = window.editor.stack.count()
    page.files.attach_path(str(big))
    error = page.files.error
    assert error is not None
    message = error.informativeText()
    assert "scan.tiff is 1.5 MB" in message and "at most 1 MB" in message
    assert error.windowTitle() == "The file could not be attached"
    error.close()
    assert stored(window.workspace.services, "forensics-paper").file is None
    assert window.editor.stack.count() == steps


def test_a_file_dropped_on_the_details_is_attached(
    page: EvidencePage, window: MainWindow, tmp_path: Path
) -> None:
    dropped = tmp_path / "visit notes.txt"
    dropped.write_text("Visited the treatment centre.\n")
    page.select_evidence("visit-note")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.details.dropEvent(event)
    entry = stored(window.workspace.services, "visit-note")
    assert entry.file is not None
    assert (entry.file.name, entry.file.media_type) == ("visit notes.txt", "text/plain")


def test_a_note_taken_against_evidence(
    page: EvidencePage, window: MainWindow, qtbot: QtBot
) -> None:
    services = window.workspace.services
    flt = NoteFilter(evidence="jrf-research")
    page.select_evidence("jrf-research")
    before = services.notes.count(1, flt)
    assert page.notes.notes_model.rowCount() == before
    picker = page.notes.note_tor
    assert picker.keys() == ()
    assert picker.matches.item(0).data(Qt.ItemDataRole.UserRole + 1) == "approaches"  # its own
    picker.editor.setFocus()
    qtbot.keyClicks(picker.editor, "1.2")
    qtbot.keyClick(picker.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(picker.editor, "9.9")
    qtbot.keyClick(picker.editor, Qt.Key.Key_Return)  # nothing is numbered 9.9
    assert picker.keys() == ("approaches",)
    picker.editor.clear()
    qtbot.keyClicks(page.notes.note_edit, "Treatment works best when sustained")
    qtbot.keyClick(page.notes.note_edit, Qt.Key.Key_Return)
    assert services.notes.count(1, flt) == before + 1
    note = services.notes.entries(services.notes.ids(1, flt))[-1]
    assert note.text == "Treatment works best when sustained"
    assert [t.key for t in note.tor] == ["approaches"]
    assert page.notes.note_edit.text() == ""
    assert page.notes.notes_model.rowCount() == before + 1
    row = page.model.row_of_key("jrf-research")
    assert row is not None
    assert page.model.index(row, EvidenceColumn.NOTES).data() == str(before + 1)
    undo(window)
    assert services.notes.count(1, flt) == before
    redo(window)
    assert services.notes.find(1, note.key).text == note.text


def test_move_up_and_down(page: EvidencePage, window: MainWindow) -> None:
    services = window.workspace.services
    before = keys(services)
    page.select_evidence(before[1])
    page.up_action.trigger()
    assert keys(services)[:2] == [before[1], before[0]]
    assert page.current_evidence().key == before[1]  # type: ignore[union-attr]
    assert not page.up_action.isEnabled()
    undo(window)
    assert keys(services) == before


def test_read_only_database_disables_editing(
    make_window: WindowFactory, read_only_copy: Path
) -> None:
    services = open_read_only(read_only_copy)
    try:
        page = build(make_window(services))
        page.select_evidence("borough-survey")
        for action in (
            page.new_action,
            page.delete_action,
            page.files.attach_action,
            page.files.remove_file_action,
            page.revert_action,
            page.notes.take_note_action,
        ):
            assert not action.isEnabled(), action.text()
        assert page.details.title_edit.isReadOnly()
        assert not page.details.kind_combo.isEnabled()
        assert page.notes.note_edit.isReadOnly()
    finally:
        services.close()


def test_keys_add_and_delete(page: EvidencePage, window: MainWindow, qtbot: QtBot) -> None:
    services = window.workspace.services
    before = keys(services)
    page.view.setFocus()
    page.select_evidence("visit-note")
    qtbot.keyClick(
        page.view,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(keys(services)) == len(before) + 1
    assert page.details.title_edit.hasFocus()
    qtbot.keyClick(page.details.title_edit, Qt.Key.Key_Delete)  # edits the title, deletes nothing
    assert len(keys(services)) == len(before) + 1
    page.select_evidence("visit-note")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert "Its attached file will be deleted" in answer(window, yes=True)
    assert "visit-note" not in keys(services)
    undo(window)
    undo(window)
    assert keys(services) == before


def test_opened_copies_are_swept_after_a_day(tmp_path: Path) -> None:
    old = tmp_path / "evidence-old"
    old.mkdir()
    (old / "a.pdf").write_bytes(b"x")
    (old / "a.pdf").chmod(stat.S_IRUSR)
    fresh = tmp_path / "evidence-new"
    fresh.mkdir()
    os.utime(old, (0, 0))
    sweep_old_copies(tmp_path)
    assert not old.exists() and fresh.exists()


def test_keyboard_and_accessible_names(page: EvidencePage) -> None:
    assert "Ins" in page.new_action.toolTip() and "Ctrl+Shift+E" in page.new_action.toolTip()
    assert "Del" in page.delete_action.toolTip()
    assert "Esc" in page.revert_action.toolTip()
    for widget in (
        page.view,
        page.filter_edit,
        page.kind_filter,
        page.access_filter,
        page.details.title_edit,
        page.details.kind_combo,
        page.details.witness_combo,
        page.details.source_edit,
        page.details.received_edit,
        page.details.closed_check,
        page.details.summary_edit,
        page.details.tor_list,
        page.notes.notes_view,
        page.notes.note_edit,
        page.notes.note_tor.editor,
    ):
        assert widget.accessibleName(), widget


class _ServiceCall(Step):
    """A real edit made elsewhere (another page, another clerk's action) through the
    editor, so the topics it wrote reach the page as in the app."""

    def __init__(self, call: Any) -> None:
        super().__init__("edit elsewhere")
        self.call = call

    def do(self) -> Any:
        return self.call()

    def undo(self) -> None:
        return None


def _rename_evidence(services: Services) -> None:
    entry = stored(services, "borough-survey")
    services.evidence.update(entry.id, entry.version, title="Renamed survey")


def _note_on_evidence(services: Services) -> None:
    tor = [services.terms.outline(1)[0].key]
    services.notes.capture(1, "Said elsewhere", tor, evidence="borough-survey")


def _reword_tor(services: Services) -> None:
    item = services.terms.outline(1)[0]
    services.terms.edit(item.id, item.version, "Reworded objective")


def _rename_witness(services: Services) -> None:
    witness = services.witnesses.list(1)[0]
    services.witness_edits.update_witness(
        witness.id, witness.version, WitnessChanges(name="Renamed Witness")
    )


def _evidence_shown(page: EvidencePage) -> bool:
    return "Renamed survey" in shown_titles(page)


def _note_shown(page: EvidencePage) -> bool:
    return page.notes.notes_model.rowCount() == 2


def _tor_shown(page: EvidencePage) -> bool:
    return any(
        "Reworded objective" in i.text()
        for i in page.details.tor_list.findItems("Reworded", Qt.MatchFlag.MatchContains)
    )


def _witness_shown(page: EvidencePage) -> bool:
    combo = page.details.witness_combo
    return combo.findText("Renamed Witness") >= 0


@pytest.mark.parametrize(
    ("topic", "edit", "shown"),
    [
        (Topic.EVIDENCE, _rename_evidence, _evidence_shown),
        (Topic.NOTES, _note_on_evidence, _note_shown),
        (Topic.TERMS, _reword_tor, _tor_shown),
        (Topic.WITNESSES, _rename_witness, _witness_shown),
    ],
)
def test_each_topic_refreshes_the_page_after_a_real_edit(
    page: EvidencePage, window: MainWindow, qtbot: QtBot, topic: Topic, edit: Any, shown: Any
) -> None:
    page.select_evidence("borough-survey")
    qtbot.waitUntil(lambda: page.notes.notes_model.rowCount() == 1)
    assert not shown(page)
    topics: list[frozenset[Topic]] = []
    window.editor.changed.connect(topics.append)
    failures: list[str] = []
    window.editor.failed.connect(lambda _title, why: failures.append(why))
    window.editor.perform(_ServiceCall(lambda: edit(window.services)))
    assert not failures
    assert topic in topics[-1] and topic in EvidencePage.TOPICS
    qtbot.waitUntil(lambda: shown(page))


def test_every_topic_the_page_declares_has_a_real_edit_above() -> None:
    tested = {Topic.EVIDENCE, Topic.NOTES, Topic.TERMS, Topic.WITNESSES}
    assert tested == EvidencePage.TOPICS
