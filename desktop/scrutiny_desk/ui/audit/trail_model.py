"""The table of audit entries the History panel and the review log show, newest first.

The entries come from the audit service already bounded (``AuditQuery.limit``) and in
order; the words for each record are read with them, on a worker thread
(``trail_rows``, the labels in one read), so the GUI thread only shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ...domain.audit_records import AuditEntry
from ..shared.display import SortRole
from ..shared.records_table import Column, RecordTableModel
from .trail_words import TrailRow, action_text, detail_text, when_text

if TYPE_CHECKING:
    from ...services.audit import AuditService


class TrailColumn(IntEnum):
    WHEN = 0
    WHO = 1
    ACTION = 2
    RECORD = 3  # hidden in a record's own History
    DETAIL = 4


def kind_title(audit: AuditService, record_kind: str) -> str:
    """``Agenda item``: what a clerk calls a record of that table, as a heading."""
    words = audit.kind_words(record_kind)
    return words[:1].upper() + words[1:]


def trail_rows(audit: AuditService, entries: Iterable[AuditEntry]) -> list[TrailRow]:
    """The entries with their records' words (worker thread)."""
    entries = list(entries)
    labels = audit.labels(e for e in entries if e.record_id is not None)  # one read
    kinds = {e.record_kind: kind_title(audit, e.record_kind) for e in entries}
    rows = []
    for entry in entries:
        kind = kinds[entry.record_kind]
        label = labels.get((entry.record_kind, entry.record_id))
        rows.append(TrailRow(entry, f"{kind}: {label}" if label else kind))
    return rows


class TrailModel(RecordTableModel[TrailRow]):
    """Audit entries as rows: when, who, what was done, to what, and the detail."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(
                    self.tr("When"),
                    lambda r: when_text(r.entry.at),
                    roles={SortRole: lambda r: r.entry.at.isoformat()},
                    header_tip=self.tr("In this computer's local time"),
                ),
                Column(self.tr("Who"), lambda r: r.entry.actor),
                Column(self.tr("Action"), lambda r: action_text(r.entry.action)),
                Column(self.tr("Record"), lambda r: r.record, tooltip=lambda r: r.record),
                Column(
                    self.tr("Details"),
                    lambda r: detail_text(r.entry),
                    tooltip=lambda r: detail_text(r.entry) or None,
                    header_tip=self.tr(
                        "The fields changed, or the paper and who it was for; never "
                        "the words themselves"
                    ),
                ),
            ],
            parent=parent,
        )

    def row_of_id(self, entry_id: int) -> int | None:
        return next((n for n, r in enumerate(self.records()) if r.id == entry_id), None)
