"""Screenshots of File > Restore From Backup and its question (called from
tests.ui.screenshots)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPixmap

from scrutiny_desk.store.backups import pre_upgrade_backup
from scrutiny_desk.ui.window.main_window import MainWindow


def take_backups(
    window: MainWindow,
    out: Path,
    settle: Callable[[MainWindow], None],
    save: Callable[[QPixmap, Path], Path],
) -> list[Path]:
    """The Restore dialog listing a daily, an on-demand and a pre-upgrade backup, the
    newest chosen; then the question Restore asks."""
    actions = window.backup_actions
    backups = window.services.backups
    live = backups.database_file()
    if live is None:
        raise SystemExit("the screenshots need a SQLite database")
    pre_upgrade_backup(live, backups.folder(), "0005")
    actions.back_up_action.trigger()
    settle(window)
    actions.restore_action.trigger()
    settle(window)
    dialog = actions.dialog
    if dialog is None:
        raise SystemExit("Restore From Backup did not open its dialog")
    dialog.view.selectRow(0)
    settle(window)
    written = [save(dialog.grab(), out / "restore-dialog.png")]
    dialog.restore_button.click()
    settle(window)
    box = actions.confirmation
    if box is None:
        raise SystemExit("Restore did not ask first")
    written.append(save(box.grab(), out / "restore-question.png"))
    box.reject()
    dialog.reject()
    settle(window)
    return written
