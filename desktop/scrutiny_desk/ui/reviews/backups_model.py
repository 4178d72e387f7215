"""The backups of the database, as the Restore From Backup dialog lists them: when,
why, how big, and how many reviews and meetings each holds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt

from ...domain.backup_records import BackupInfo, BackupKind
from ..shared.display import SortRole, long_date
from ..shared.records_table import Column, RecordTableModel

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsModel", text)


def kind_label(kind: BackupKind) -> str:
    return {
        BackupKind.DAILY: _tr("Daily"),
        BackupKind.ON_DEMAND: _tr("Backed up by hand"),
        BackupKind.PRE_UPGRADE: _tr("Before an upgrade"),
        BackupKind.BEFORE_RESTORE: _tr("Before a restore"),
    }[kind]


def taken_text(info: BackupInfo) -> str:
    taken = info.file.taken
    return f"{long_date(taken)} {taken:%H:%M}"


def size_text(size: int) -> str:
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def contents_text(info: BackupInfo) -> str:
    """ "1 review and 8 meetings", as a clerk says it."""
    reviews = _tr("1 review") if info.reviews == 1 else _tr("{n} reviews").format(n=info.reviews)
    meetings = (
        _tr("1 meeting") if info.meetings == 1 else _tr("{n} meetings").format(n=info.meetings)
    )
    return _tr("{reviews} and {meetings}").format(reviews=reviews, meetings=meetings)


def problem_text(info: BackupInfo) -> str:
    if info.problem is None:
        return ""
    return _tr("Cannot be restored: {problem}").format(problem=info.problem)


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


class BackupsModel(RecordTableModel[BackupInfo]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("Taken"),
                    taken_text,
                    tooltip=lambda b: str(b.file.path),
                    roles={SortRole: lambda b: b.file.taken.isoformat()},
                ),
                Column(self.tr("Kind"), lambda b: kind_label(b.file.kind)),
                Column(
                    self.tr("Size"),
                    lambda b: size_text(b.size),
                    align=RIGHT,
                    roles={SortRole: lambda b: b.size},
                ),
                Column(
                    self.tr("Reviews"),
                    lambda b: _count(b.reviews),
                    align=RIGHT,
                    tooltip=lambda b: b.problem,
                ),
                Column(
                    self.tr("Meetings"),
                    lambda b: _count(b.meetings),
                    align=RIGHT,
                    tooltip=lambda b: b.problem,
                ),
                Column(self.tr("Notes"), problem_text, tooltip=problem_text),
            ],
            id_of=lambda _backup: 0,  # a backup is a file, not a record with an id
            parent=parent,
        )
