"""Every paper's PDF says when it was made: the exporting service's clock, or now, and
the same view made at the same moment gives the same bytes (reportlab's invariant
mode alone would date every paper 1 January 2000)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta, timezone

from pypdf import PdfReader

from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.action_plan_pdf import render_action_plan
from scrutiny_desk.exports.agenda_pdf import render_agenda
from scrutiny_desk.exports.minutes_pdf import render_minutes
from scrutiny_desk.exports.pdf_pages import pdf_date
from scrutiny_desk.services import publishing
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import ExportService

from .conftest import _sample

MADE = datetime(2026, 3, 2, 14, 30, 5, tzinfo=UTC)


def created(data: bytes) -> datetime:
    moment = PdfReader(io.BytesIO(data)).metadata.creation_date
    assert moment is not None
    return moment


def test_the_same_view_at_the_same_moment_gives_the_same_bytes(sample_view) -> None:  # type: ignore[no-untyped-def]
    minutes = sample_view("recs", Audience.PANEL)
    agenda = sample_view("ev3", Audience.PANEL)
    assert render_minutes(minutes, MADE) == render_minutes(minutes, MADE)
    assert render_agenda(agenda, None, MADE) == render_agenda(agenda, None, MADE)
    later = MADE + timedelta(days=1)
    assert render_agenda(agenda, None, MADE) != render_agenda(agenda, None, later)


def test_the_creation_date_is_the_moment_given(sample_view) -> None:  # type: ignore[no-untyped-def]
    view = sample_view("ev3", Audience.PUBLIC)
    assert created(render_minutes(view, MADE)) == MADE
    assert created(render_agenda(view, None, MADE)) == MADE
    plan = publishing.action_plan_view(_sample(), Audience.PUBLIC, date(2008, 4, 15))
    assert created(render_action_plan(plan, MADE)) == MADE


def test_without_a_moment_the_creation_date_is_now(sample_view) -> None:  # type: ignore[no-untyped-def]
    before = datetime.now(UTC).replace(microsecond=0)
    moment = created(render_agenda(sample_view("ev1", Audience.PUBLIC)))
    assert before <= moment <= datetime.now(UTC)
    assert moment.year != 2000


def test_pdf_date_keeps_the_offset_and_reads_a_naive_time_as_local() -> None:
    summer = datetime(2026, 7, 1, 9, 5, 0, tzinfo=timezone(timedelta(hours=1)))
    assert pdf_date(summer) == "D:20260701090500+01'00'"
    west = datetime(2026, 1, 1, 0, 0, 0, tzinfo=timezone(-timedelta(hours=3, minutes=30)))
    assert pdf_date(west) == "D:20260101000000-03'30'"
    naive = datetime(2026, 1, 1, 12, 0, 0)
    assert pdf_date(naive) == pdf_date(naive.astimezone())


def test_the_export_service_dates_papers_by_its_clock(sqlite_services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    review_id = sqlite_services.reviews.import_sample()
    meeting_id = sqlite_services.meetings.list(review_id)[0].id
    exports = ExportService(sqlite_services.db, clock=lambda: MADE)
    agenda = exports.agenda(meeting_id, Audience.PUBLIC, tmp_path / "agenda.pdf")
    assert created(agenda.read_bytes()) == MADE
    again = exports.agenda(meeting_id, Audience.PUBLIC, tmp_path / "again.pdf")
    assert again.read_bytes() == agenda.read_bytes()
    real = ExportService(sqlite_services.db).agenda(meeting_id, Audience.PUBLIC, tmp_path / "r.pdf")
    assert abs(created(real.read_bytes()) - datetime.now(UTC)) < timedelta(minutes=5)
