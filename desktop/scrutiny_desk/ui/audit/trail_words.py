"""How a line of the audit trail reads to a clerk.

An entry names its record by table and id (``domain.audit_records``): the words for
the kind of record and its present label come from the audit service, the words for
what was done and when from here. Times are stored in UTC and shown in this
computer's local time, with seconds, since two changes a minute apart are common.
``detail`` is plain words or JSON (the fields changed by name, the paper and its
audience); JSON is said as a short line, never shown raw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...domain.audit_records import AuditAction, AuditEntry
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


def detail_text(detail: str) -> str:
    """What was done in words: "title, date", "minutes (public)"; plain words as
    they are."""
    text = detail.strip()
    if not text or text[0] not in "[{":
        return _field(text)
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    return _said(parsed)


def _said(value: Any) -> str:
    if isinstance(value, dict):
        fields = value.get("fields")
        paper = value.get("paper") or value.get("file")
        audience = value.get("audience")
        parts = []
        if fields:
            parts.append(_said(fields))
        if paper:
            parts.append(f"{paper} ({audience})" if audience else str(paper))
        elif audience:
            parts.append(str(audience))
        rest = {k: v for k, v in value.items() if k not in ("fields", "paper", "file", "audience")}
        parts.extend(f"{_field(k)}: {_said(v)}" for k, v in rest.items() if v not in (None, ""))
        return "; ".join(parts)
    if isinstance(value, list | tuple):
        return ", ".join(_said(v) for v in value)
    if isinstance(value, str):
        return _field(value)
    return str(value)


def _field(name: str) -> str:
    """A column name as words: ``organisation_name`` -> ``organisation name``."""
    return name.replace("_", " ")
