"""Where an entry's record is shown: the page's kind of record and the record's key.

The trail names a record by table and id; the window goes to a record by kind and key
(``Workspace.reveal``, ``window.go_to``), since ids change when a deleted record is
restored and keys do not. So an entry whose record was deleted (or deleted and put
back under a new id) has nowhere to go, and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...domain.errors import ScrutinyError
from ...services.container import Services

#: The kind of record ``GoTo.reveal`` shows, by the table the trail names.
REVEAL_KIND = {
    "witnesses": "witness",
    "meetings": "meeting",
    "agenda_items": "item",
    "notes": "note",
    "evidence": "evidence",
    "recommendations": "recommendation",
    "tor_items": "tor",
    "report_paragraphs": "paragraph",
    "actions": "action",
    "panel_members": "member",
}


def _reads(services: Services) -> dict[str, Callable[[int], Any]]:
    """Each table's read of one record by id (a service is made only when used)."""
    return {
        "witnesses": lambda i: services.witness_edits.witness(i),
        "meetings": lambda i: services.meetings.get(i),
        "agenda_items": lambda i: services.agenda.get(i),
        "notes": lambda i: services.notes.get(i),
        "evidence": lambda i: services.evidence.get(i),
        "recommendations": lambda i: services.recommendations.get(i),
        "tor_items": lambda i: services.terms.get(i),
        "report_paragraphs": lambda i: services.report_paragraphs.paragraph(i),
        "actions": lambda i: services.actions.get(i),
        "panel_members": lambda i: services.panel.member(i),
    }


def record_key(services: Services, record_kind: str, record_id: int) -> str | None:
    """The key of that record now; None when it has gone or has no page."""
    read = _reads(services).get(record_kind)
    if read is None:
        return None
    try:
        return str(read(record_id).key)
    except ScrutinyError:
        return None
