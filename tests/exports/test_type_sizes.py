"""Type large enough to read on every paper: body text 11 pt, nothing under 9 pt (the
running head and footer), read back from the PDFs' own text operators."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime

from pypdf import PdfReader

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.action_plan_pdf import render_action_plan
from scrutiny_desk.exports.agenda_pdf import render_agenda
from scrutiny_desk.exports.coverage_pdf import render_coverage
from scrutiny_desk.exports.minutes_pdf import render_minutes
from scrutiny_desk.exports.pdf_style import FRAME_BOTTOM, FRAME_TOP
from scrutiny_desk.services import publishing
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.coverage import CoverageService

from .conftest import _sample


def sizes(data: bytes) -> Counter[float]:
    """Characters printed at each type size (the text operators' sizes; the papers draw
    text unscaled). Text under 10 pt must lie in the page's head or foot margin: the
    running head and the footer are the only small print."""
    found: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        scale = abs(tm[3] * cm[3]) or 1
        if text.strip():
            found[round(size * scale, 1)] += len(text.strip())
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if size * scale < 10:
                assert not FRAME_BOTTOM < y < FRAME_TOP, (text, size, y)

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return found


def _papers(services: Services) -> dict[str, bytes]:
    review = _sample()
    coverage = CoverageService(services.db, clock=lambda: datetime(2007, 6, 1, tzinfo=UTC))
    review_id = services.reviews.import_sample()
    return {
        "agenda": render_agenda(publishing.meeting_view(review, "ev3", Audience.PANEL)),
        "minutes": render_minutes(publishing.meeting_view(review, "ev3", Audience.PANEL)),
        "action plan": render_action_plan(
            publishing.action_plan_view(review, Audience.PANEL, date(2008, 4, 15))
        ),
        "coverage": render_coverage(coverage.matrix(review_id, Audience.PANEL)),
    }


def test_body_text_is_eleven_point_and_nothing_under_nine(sqlite_services: Services) -> None:
    for name, data in _papers(sqlite_services).items():
        found = sizes(data)
        assert min(found) >= 9, (name, found)
        body, _ = found.most_common(1)[0]
        assert body == 11, (name, found)
