"""How a line of the audit trail reads to a clerk.

An entry names its record by table and id (``domain.audit_records``): the words for
the kind of record and its present label come from the audit service, the words for
what was done and when from here. Times are stored in UTC and shown in this
computer's local time, with seconds, since two changes a minute apart are common.
``detail`` is said as the command line says it (``services.audit.detail_words``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from ...domain.audit_records import AuditAction, AuditEntry
from ...services.audit import detail_words
from ..shared.display import long_date


@dataclass(frozen=True)
class TrailRow:
    """An entry as the History panel and the review log show it: with the record's
    words read when the entry was, since the record may change or go."""

    entry: AuditEntry
    #: "Witness: Dr Jane Smith": the kind of record and its present label
    record: str

    @property
    def id(self) -> int:
        return self.entry.id


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditTrail", text)


def action_words() -> dict[AuditAction, str]:
    """Each action as the log's Action filter and column say it."""
    return {
        AuditAction.CREATED: _tr("Created"),
        AuditAction.CHANGED: _tr("Changed"),
        AuditAction.DELETED: _tr("Deleted"),
        AuditAction.APPROVED: _tr("Approved"),
        AuditAction.REOPENED: _tr("Reopened"),
        AuditAction.IMPORTED: _tr("Imported"),
        AuditAction.EXPORTED: _tr("Exported"),
        AuditAction.ERASED: _tr("Erased personal data"),
    }


def action_text(action: AuditAction) -> str:
    return action_words()[action]


def when_text(at: datetime) -> str:
    """``Mon 7 Dec 2026 09:41:05`` in this computer's local time."""
    local = at.astimezone()
    return f"{long_date(local)} {local:%H:%M:%S}"


def detail_text(entry: AuditEntry) -> str:
    """What was done in words, as the command line says it (``detail_words``: "agenda
    for the public (pdf)", the fields changed), field names as words."""
    return detail_words(entry).replace("_", " ")
