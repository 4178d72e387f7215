"""Coverage of the terms of reference: the matrix for a screen, the report for a paper.

The facts are read in one transaction (``store.coverage_facts``), the audience's view
is built by ``publishing.coverage_view`` (the one place that decides what the public
may see) and the PDF renderer receives only that view.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain.coverage import CoverageFacts
from ..domain.enums import PaperLanguage
from ..domain.errors import ExportError
from ..domain.views import Audience, CoverageView
from ..store import coverage_facts, queries
from ..store.db import Database
from . import publishing
from .audit import record_export
from .files import write_atomically

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CoverageService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    def facts(self, review_id: int) -> CoverageFacts:
        """What coverage counts, for every audience (a few queries, whatever the size)."""
        with self.db.reading() as session:
            return coverage_facts.load(session, review_id)

    def matrix(self, review_id: int, audience: Audience) -> CoverageView:
        """The review's terms of reference against its sources, as ``audience`` may see it."""
        with self.db.reading() as session:
            facts = coverage_facts.load(session, review_id)
            zone = queries.get_review_row(session, review_id).timezone
        return publishing.coverage_view(facts, _audience(audience), self._now(zone))

    def export_pdf(self, review_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        """The coverage report as a PDF, written to a temporary name and renamed."""
        view = self.matrix(review_id, audience)
        from ..exports import coverage_pdf  # reportlab: imported when first written
        from ..exports.paper_text import PaperText

        with self.db.reading() as session:  # the papers' language, a review setting
            text = PaperText(PaperLanguage(queries.get_review_row(session, review_id).language))
        written = write_atomically(path, coverage_pdf.render_coverage(view, text=text))
        record_export(self.db, "coverage", audience, "reviews", review_id, review_id, path)
        return written

    def _now(self, zone: str) -> datetime:
        try:
            return self.clock().astimezone(ZoneInfo(zone))
        except (KeyError, ValueError):
            return self.clock()


def _audience(audience: Audience) -> Audience:
    if audience is Audience.WITNESS:
        raise ExportError("A coverage report is for the public or the panel")
    return audience
