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

from ..domain.errors import ExportError
from ..domain.views import Audience
from ..store import meeting_papers
from ..store import report_edits as store
from ..store.db import Database
from . import publishing
from .audit import record_export
from .files import write_atomically

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class PackWritten:
    """A pack written to ``path``: how many pages and reports it holds, and the number
    its first page bears (a supplementary pack's continue the main pack's)."""

    path: Path
    pages: int
    reports: int
    first_page: int = 1


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
        if audience not in (Audience.PUBLIC, Audience.PANEL):
            raise ValueError(f"a pack is for the public or the panel, not {audience.value}")
        if Path(path).suffix.lower() != ".pdf":
            raise ExportError(
                f"{Path(path).name}: an agenda pack is a PDF; give a file name ending .pdf"
            )
        from ..exports.pack_pdf import render_pack
        from ..exports.paper_text import PaperText

        with self.db.reading() as session:
            papers = meeting_papers.meeting_papers(session, meeting_id)
            view = publishing.meeting_view(
                papers.review, papers.key, audience, first_minute=papers.first_minute
            )
            # Only the reports this audience's view lists are read.
            keys = [r.key for i in view.items for r in i.reports]
            files = store.report_files(session, papers.review_id, keys)
        pack = render_pack(
            view,
            files,
            joining_link=publishing.joining_link(papers.review, papers.key),
            created=self.clock(),
            text=PaperText(papers.review.language),
            supplementary=supplementary,
        )
        written = write_atomically(path, pack.data)
        paper = "supplementary pack" if supplementary else "agenda pack"
        record_export(self.db, paper, audience, "meetings", meeting_id, papers.review_id, path)
        return PackWritten(written, pack.pages, pack.reports, pack.first_page)
