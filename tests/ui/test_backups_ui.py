"""File > Back Up Now, File > Restore From Backup…, the daily backup, and the notices
about the database (an interrupted upgrade, a network share)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from scrutiny_desk.domain.backup_records import BackupKind, parse_backup_name
from scrutiny_desk.paths import backup_dir
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import backups as store_backups
from scrutiny_desk.ui.reviews.restore_dialog import RestoreDialog
from scrutiny_desk.ui.shared.settings import Settings
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner, ThreadedTaskRunner
from scrutiny_desk.ui.window.main_window import MainWindow

from .conftest import WindowFactory

pytestmark = pytest.mark.gui


def _exports(services: Services) -> dict[int, bytes]:
    return {r.id: services.reviews.export_bytes(r.id) for r in services.reviews.list()}


def _daily(services: Services) -> list[Path]:
    return [b.file.path for b in services.backups.list() if b.file.kind is BackupKind.DAILY]


def _open_dialog(qtbot: QtBot, window: MainWindow) -> RestoreDialog:
    window.backup_actions.restore_action.trigger()
    dialog = window.backup_actions.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.view.isEnabled())
    return dialog


def _confirm(qtbot: QtBot, window: MainWindow) -> None:
    button = window.backup_actions.restore_button()
    assert button is not None
    button.click()


def test_the_first_start_of_a_day_takes_a_checked_backup_and_the_second_none(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    assert _daily(sample_services) == []
    first = make_window(sample_services)
    qtbot.waitUntil(lambda: first.backup_actions.daily_checked)
    [taken] = _daily(sample_services)
    assert first.backup_actions.daily_backup == taken
    con = sqlite3.connect(taken)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("SELECT count(*) FROM meetings").fetchone() == (8,)
    finally:
        con.close()
    first.close()

    second = make_window(sample_services)
    qtbot.waitUntil(lambda: second.backup_actions.daily_checked)
    assert second.backup_actions.daily_backup is None
    assert _daily(sample_services) == [taken]


def test_the_daily_backup_waits_for_the_windows_first_reads(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    """Its copy and check take seconds on a large file: it starts when the runner has
    nothing else to do, not beside the meetings, their clash warnings and the agenda."""
    runner = ThreadedTaskRunner()
    submitted: list[tuple[str, bool]] = []
    submit = runner.submit

    def recorded(work: Any, *args: Any, **kwargs: Any) -> int:
        name = getattr(getattr(work, "func", work), "__qualname__", "")
        submitted.append((name, runner.is_busy()))
        return submit(work, *args, **kwargs)

    runner.submit = recorded  # type: ignore[method-assign]
    window = make_window(sample_services, runner=runner)
    qtbot.waitUntil(lambda: window.backup_actions.daily_checked, timeout=10_000)
    names = [name for name, _busy in submitted]
    backup = names.index("BackupService.daily_if_due")
    assert "_clash_warnings" in names[:backup]  # the reads came first (clash warnings)
    assert submitted[backup][1] is False  # and had all been delivered
    assert len(_daily(sample_services)) == 1
    window.close()


def test_back_up_now_says_where_in_the_status_bar(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    window.backup_actions.back_up_action.trigger()
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Backed up to {backup_dir()}")
    written = Path(message.removeprefix("Backed up to "))
    found = parse_backup_name(written)
    assert written.is_file() and found is not None and found.kind is BackupKind.ON_DEMAND


def test_restoring_from_the_window_brings_back_exactly_the_data(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    services = sample_services
    window = make_window(services)
    before = _exports(services)
    written = services.backups.back_up_now()
    [review] = services.reviews.list()
    services.reviews.delete(review.id)
    services.review_edits.create_review("Town centre parking", "Place Panel")
    window.refresh_reviews()
    assert _exports(services) != before

    dialog = _open_dialog(qtbot, window)
    qtmodel_rows = [dialog.model.record(r) for r in range(dialog.model.rowCount())]
    row = next(n for n, info in enumerate(qtmodel_rows) if info.file.path == written)
    assert (qtmodel_rows[row].reviews, qtmodel_rows[row].meetings) == (1, 8)
    dialog.view.selectRow(row)
    assert dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    box = window.backup_actions.confirmation
    assert box is not None and "1 review and 8 meetings" in box.informativeText()
    _confirm(qtbot, window)

    assert _exports(services) == before  # byte for byte
    assert window.backup_actions.dialog is None  # closed once restored
    assert [
        window.reviews_model.record(r).title for r in range(window.reviews_model.rowCount())
    ] == [review.title]
    assert window.statusBar().currentMessage().startswith(f"Restored {written.name}.")
    assert not window.editor.stack.canUndo()


def test_cancelling_the_question_restores_nothing(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    window = make_window(sample_services)
    sample_services.backups.back_up_now()
    sample_services.review_edits.create_review("Town centre parking", "Place Panel")
    before = _exports(sample_services)
    dialog = _open_dialog(qtbot, window)
    dialog.view.selectRow(0)
    dialog.restore_button.click()
    box = window.backup_actions.confirmation
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _exports(sample_services) == before
    assert window.backup_actions.dialog is dialog


def test_a_file_that_is_not_a_database_is_refused_and_nothing_changes(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services, tmp_path: Path
) -> None:
    window = make_window(sample_services)
    before = _exports(sample_services)
    live = Path(sample_services.db.label)
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("Notes of the meeting, not a database\n" * 20)
    dialog = _open_dialog(qtbot, window)
    window.backup_actions.confirm_restore(notes, None)
    _confirm(qtbot, window)
    error = window.findChild(QMessageBox, "errorMessage")
    assert error is not None and error.isVisible()
    assert "not a Scrutiny Desk database" in error.informativeText()
    assert _exports(sample_services) == before
    assert sqlite3.connect(live).execute("SELECT count(*) FROM meetings").fetchone() == (8,)
    kinds = {b.file.kind for b in sample_services.backups.list()}
    assert BackupKind.BEFORE_RESTORE not in kinds
    assert dialog.status_label.text() == "Nothing was restored."
    assert dialog.view.isEnabled()


def test_the_backups_model(qtmodeltester: ModelTester, sample_services: Services) -> None:
    from scrutiny_desk.ui.reviews.backups_model import BackupsModel

    sample_services.backups.back_up_now()
    broken = sample_services.backups.folder() / "scrutiny-desk-2026-01-01T000000-daily.sqlite3"
    broken.write_text("not a database")
    model = BackupsModel()
    model.set_records(sample_services.backups.list())
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    notes = [model.index(r, model.columnCount() - 1).data() for r in range(2)]
    assert notes[0] == "" and notes[1].startswith("Cannot be restored: ")


def test_an_interrupted_upgrade_is_told_and_its_backup_offered_never_restored(
    qtbot: QtBot, make_window: WindowFactory, sample_services: Services
) -> None:
    live = Path(sample_services.db.label)
    pre = store_backups.pre_upgrade_backup(live, sample_services.backups.folder(), "0005")
    sample_services.db.interrupted_upgrade = {  # type: ignore[attr-defined]
        "backup": str(pre),
        "from": "0005",
        "started": "2026-12-06T11:15:00",
    }
    sample_services.review_edits.create_review("Town centre parking", "Place Panel")
    before = _exports(sample_services)
    window = make_window(sample_services)
    qtbot.waitUntil(lambda: bool(window.backup_actions.notices))
    [notice] = window.backup_actions.notices
    assert notice.objectName() == "interruptedUpgradeNotice" and notice.isVisible()
    assert "rolled back to how it was before the upgrade" in notice.informativeText()
    assert str(pre) in notice.informativeText()
    assert "started Sun 6 Dec 2026 11:15" in notice.informativeText()
    offer = next(b for b in notice.buttons() if "Backup" in b.text())
    offer.click()
    dialog = window.backup_actions.dialog
    assert dialog is not None
    assert dialog.chosen() is not None and dialog.chosen().file.path == pre  # type: ignore[union-attr]
    assert _exports(sample_services) == before  # offered, not restored


def test_a_database_on_a_network_share_is_warned_about_once(
    qtbot: QtBot,
    make_window: WindowFactory,
    sample_services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "scrutiny_desk.services.backups.network_share",
        lambda _path, _mountinfo: "a cifs network share mounted at /mnt/council",
    )
    window = make_window(sample_services)
    qtbot.waitUntil(lambda: bool(window.backup_actions.notices))
    [box] = window.backup_actions.notices
    assert box.objectName() == "networkShareWarning"
    assert "cifs network share" in box.informativeText()
    assert "PostgreSQL" in box.informativeText()
    window.hide()
    window.show()
    qtbot.wait(20)
    assert len(window.backup_actions.notices) == 1


def test_the_database_is_looked_at_after_the_windows_first_paint_not_before_it(
    qtbot: QtBot,
    settings: Settings,
    sample_services: Services,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The notices' check (the mount table read) and the daily backup wait for the
    first frame: between show() and that paint they lengthened the window's first
    appearance."""
    order: list[str] = []

    def share(_path: Any, _mountinfo: Any) -> None:
        order.append("mount table read")

    monkeypatch.setattr("scrutiny_desk.services.backups.network_share", share)
    window = MainWindow(sample_services, settings, SynchronousTaskRunner())
    qtbot.addWidget(window)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in order:
                order.append("painted")
            return False

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    qtbot.waitUntil(lambda: window.backup_actions.daily_checked)
    window.removeEventFilter(watcher)
    assert order == ["painted", "mount table read"]
    assert len(_daily(sample_services)) == 1


def test_a_window_shown_but_never_painted_still_takes_its_daily_backup(
    qtbot: QtBot, settings: Settings, sample_services: Services
) -> None:
    window = MainWindow(sample_services, settings, SynchronousTaskRunner())
    qtbot.addWidget(window)
    window.setUpdatesEnabled(False)  # shown, never painted (as a window kept minimised)
    window.show()
    qtbot.waitUntil(lambda: window.backup_actions.daily_checked, timeout=5_000)
    assert len(_daily(sample_services)) == 1


def test_on_postgresql_back_up_now_writes_review_files_and_restore_is_not_offered(
    qtbot: QtBot, make_window: WindowFactory, postgres: object
) -> None:
    server = postgres
    name = server.create()  # type: ignore[attr-defined]
    services = Services.open(server.url(name))  # type: ignore[attr-defined]
    try:
        review_id = services.reviews.import_sample()
        window = make_window(services)
        actions = window.backup_actions
        assert not actions.restore_action.isEnabled()
        assert "administrator" in actions.restore_action.statusTip()
        assert actions.open_restore_dialog() is None
        actions.back_up_action.trigger()
        message = window.statusBar().currentMessage()
        folder = Path(message.removeprefix("Backed up to "))
        assert folder.is_dir() and folder.parent == backup_dir()
        assert (folder / f"review-{review_id}.json").read_bytes() == (
            services.reviews.export_bytes(review_id)
        )
        qtbot.wait(20)
        assert not actions.daily_checked  # no daily copy of a shared server
        window.close()
    finally:
        services.close()
        server.drop(name)  # type: ignore[attr-defined]
