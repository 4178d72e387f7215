"""Agenda packs: the agenda, then each item's reports, in one PDF with page numbers
running through it, written safely to disk.

Confidentiality is decided by ``publishing`` alone: the pack is built from the
audience's view of the meeting, and the files fetched are only those of the reports
that view lists (a public view lists no report of a closed item), so a report the
audience may not see is never even read. The renderer (``exports.pack_pdf``) gets the
view and those files, nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..domain.views import Audience
from ..store.db import Database

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PackWritten:
    """A pack written to ``path``: how many pages and reports it holds."""

    path: Path
    pages: int
    reports: int


class PackService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    def export_pack(
        self,
        meeting_id: int,
        audience: Audience,
        path: str | os.PathLike[str],
        supplementary: bool = False,
    ) -> PackWritten:
        """Write the meeting's agenda pack for ``audience`` (public or panel): the
        agenda listing each report with the page it starts on, then the reports in
        order. ``supplementary``: the late reports only, numbered on from the main
        pack's last page. A report that is not a readable PDF is refused by its name
        (ExportError) and nothing is written."""
        raise NotImplementedError
