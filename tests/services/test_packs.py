"""Agenda packs through the service: built from the audience's view and reading only
the files of the reports that view lists; the public pack without closed items'
reports; the supplementary pack; a report that is no PDF refused by name with nothing
written; and the canary: closed items' reports never reach the public pack
(services/packs.py)."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader

from scrutiny_desk.domain.enums import Access
from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.domain.records import EvidenceFile, ItemReport, Review
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import report_edits
from tests.exports.report_pdfs import report_pdf
from tests.services.test_confidentiality import MARKER, marked_reviews, read_pdf


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def meeting_id(services: Services, review_id: int, key: str) -> int:
    return next(m.id for m in services.meetings.list(review_id) if m.key == key)


def text_of(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def test_the_samples_pack_appends_its_report_after_the_agenda(
    services: Services, sample: int, tmp_path: Path
):
    recs = meeting_id(services, sample, "recs")
    written = services.packs.export_pack(recs, Audience.PANEL, tmp_path / "pack.pdf")
    pages = text_of(written.path)
    assert written.pages == len(pages) and written.reports == 1
    title = "Summary of evidence and emerging findings: report of the Scrutiny Manager"
    said = re.search(re.escape(title) + r" – pages (\d+) to (\d+)", " ".join(pages))
    assert said is not None
    first, last = int(said.group(1)), int(said.group(2))
    assert last == len(pages)
    assert "Purpose of the report" in pages[first - 1]
    assert "Purpose of the report" not in " ".join(pages[: first - 1])
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text


def test_public_pack_leaves_out_closed_items_reports(
    services: Services, sample: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    ev3 = meeting_id(services, sample, "ev3")
    closed = services.agenda.id_for(sample, "ev3-user")
    opened = services.agenda.id_for(sample, "ev3-cps")
    services.reports.attach_content(opened, "cps.pdf", report_pdf("OPENREPORT", 2), "CPS paper")
    services.reports.attach_content(
        closed, "user.pdf", report_pdf("CLOSEDREPORT", 3), "Service user's account"
    )
    asked: list[list[str]] = []
    real = report_edits.report_files

    def spy(session: object, review_id: int, keys: list[str]) -> dict[str, EvidenceFile]:
        asked.append(sorted(keys))
        return real(session, review_id, keys)  # type: ignore[arg-type]

    monkeypatch.setattr(report_edits, "report_files", spy)
    public = services.packs.export_pack(ev3, Audience.PUBLIC, tmp_path / "public.pdf")
    panel = services.packs.export_pack(ev3, Audience.PANEL, tmp_path / "panel.pdf")
    keys = {r.title: r.key for r in services.reports.list_for_meeting(ev3)}
    # The public pack never even read the closed item's report.
    assert asked == [[keys["CPS paper"]], sorted(keys.values())]

    public_text = " ".join(text_of(public.path))
    assert "OPENREPORT page 2" in public_text
    assert "CLOSEDREPORT" not in public_text and "Service user's account" not in public_text
    assert "Any reports for this item are not for publication." in public_text
    assert public.reports == 1

    panel_pages = text_of(panel.path)
    panel_text = " ".join(panel_pages)
    assert "CLOSEDREPORT page 3" in panel_text and "Service user's account" in panel_text
    assert panel.reports == 2
    assert sum("CLOSEDREPORT" in p for p in panel_pages) == 3
    for page in panel_pages:
        if "CLOSEDREPORT" in page:
            assert "NOT FOR PUBLICATION" in page


def test_an_evidence_report_prints_the_evidences_file(
    services: Services, sample: int, tmp_path: Path
):
    survey = services.evidence.find(sample, "borough-survey")
    services.evidence.attach_file(
        survey.id, survey.version, "survey.pdf", report_pdf("SURVEYFILE", 2), "application/pdf"
    )
    item = services.agenda.id_for(sample, "recs-recommendations")
    services.reports.attach_evidence(item, survey.id, title="Borough survey results")
    recs = meeting_id(services, sample, "recs")
    written = services.packs.export_pack(recs, Audience.PUBLIC, tmp_path / "pack.pdf")
    pages = text_of(written.path)
    said = re.search(r"Borough survey results – pages (\d+) to", " ".join(pages))
    assert said is not None
    assert "SURVEYFILE page 1" in pages[int(said.group(1)) - 1]
    assert written.reports == 2


def test_evidence_closed_after_it_became_a_report_stays_out_of_the_public_pack(
    services: Services, sample: int, tmp_path: Path
):
    """Publishing decides, not the check when the report was attached: closing the
    evidence later takes its report out of every public paper, and the panel keeps it."""
    survey = services.evidence.find(sample, "borough-survey")
    services.evidence.attach_file(
        survey.id, survey.version, "survey.pdf", report_pdf("SURVEYFILE", 2), "application/pdf"
    )
    item = services.agenda.id_for(sample, "recs-recommendations")
    services.reports.attach_evidence(item, survey.id, title="Borough survey results")
    survey = services.evidence.find(sample, "borough-survey")
    services.evidence.update(survey.id, survey.version, access=Access.CLOSED)
    recs = meeting_id(services, sample, "recs")
    public = services.packs.export_pack(recs, Audience.PUBLIC, tmp_path / "public.pdf")
    panel = services.packs.export_pack(recs, Audience.PANEL, tmp_path / "panel.pdf")
    assert (public.reports, panel.reports) == (1, 2)
    public_text = " ".join(text_of(public.path))
    assert "SURVEYFILE" not in public_text and "Borough survey results" not in public_text
    assert "SURVEYFILE page 1" in " ".join(text_of(panel.path))
    agenda = tmp_path / "agenda.pdf"
    services.exports.agenda(recs, Audience.PUBLIC, agenda)
    assert "Borough survey" not in " ".join(text_of(agenda))


def test_supplementary_pack_numbers_on_and_main_pack_keeps_its_numbers(
    services: Services, sample: int, tmp_path: Path
):
    recs = meeting_id(services, sample, "recs")
    item = services.agenda.id_for(sample, "recs-recommendations")
    before = services.packs.export_pack(recs, Audience.PUBLIC, tmp_path / "before.pdf")
    services.reports.attach_content(item, "late.pdf", report_pdf("LATEONE", 2), late=True)
    main = services.packs.export_pack(recs, Audience.PUBLIC, tmp_path / "main.pdf")
    assert main.pages == before.pages
    assert "to follow in the supplementary pack" in " ".join(text_of(main.path))
    extra = services.packs.export_pack(
        recs, Audience.PUBLIC, tmp_path / "extra.pdf", supplementary=True
    )
    assert extra.first_page == main.pages + 1 and extra.reports == 1
    pages = text_of(extra.path)
    last = main.pages + len(pages)
    for number, text in enumerate(pages, start=main.pages + 1):
        assert f"Page {number} of {last}" in text
    assert "LATEONE page 1" in pages[1]


def test_a_report_that_is_no_pdf_now_is_refused_by_name_and_nothing_is_written(
    services: Services, sample: int, tmp_path: Path
):
    survey = services.evidence.find(sample, "borough-survey")
    entry = services.evidence.attach_file(
        survey.id, survey.version, "survey.pdf", report_pdf("S"), "application/pdf"
    ).entry
    item = services.agenda.id_for(sample, "recs-recommendations")
    services.reports.attach_evidence(item, survey.id, title="Borough survey")
    # The evidence's file was replaced since by one that is no PDF.
    services.evidence.attach_file(survey.id, entry.version, "survey.pdf", b"not a pdf at all")
    recs = meeting_id(services, sample, "recs")
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError) as raised:
        services.packs.export_pack(recs, Audience.PANEL, folder / "pack.pdf")
    assert 'The report "Borough survey" (item 5): survey.pdf is not a PDF file' in str(raised.value)
    assert list(folder.iterdir()) == []  # no pack, and no half-written one


def test_only_a_pdf_name_and_a_papers_audience(services: Services, sample: int, tmp_path: Path):
    recs = meeting_id(services, sample, "recs")
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(ExportError, match=r"pack\.docx: an agenda pack is a PDF"):
        services.packs.export_pack(recs, Audience.PUBLIC, tmp_path / "pack.docx")
    with pytest.raises(ValueError, match="not witness"):
        services.packs.export_pack(recs, Audience.WITNESS, tmp_path / "pack.pdf")
    assert list(tmp_path.iterdir()) == []


# The canary ---------------------------------------------------------------------------

_runs = itertools.count()


def with_reports(review: Review) -> tuple[Review, set[str], set[str]]:
    """Every item given a report whose title and pages carry a marker of their own; the
    markers of closed items' reports, and of open ones'."""
    # Markers from 9000 on: a marked review's own stay far below (one per text).
    numbers = itertools.count(9000)
    closed: set[str] = set()
    opened: set[str] = set()
    meetings = []
    for meeting in review.meetings:
        items = []
        for item in meeting.items:
            title, body = f"ZQX{next(numbers)}", f"ZQX{next(numbers)}"
            (closed if item.is_closed else opened).update((title, body))
            file = EvidenceFile("report.pdf", "application/pdf", report_pdf(body))
            report = ItemReport(f"canary-{title}", f"Report {title}", file)
            items.append(replace(item, reports=(report,)))
        meetings.append(replace(meeting, items=tuple(items)))
    return replace(review, meetings=tuple(meetings)), closed, opened


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(review=marked_reviews())
def test_no_public_pack_shows_a_closed_items_report(
    sqlite_services: Services, tmp_path: Path, review: Review
) -> None:
    services = sqlite_services
    review, closed, _ = with_reports(review)
    review_id = services.reviews.import_bytes(codec.encode(review))
    out = tmp_path / str(next(_runs))
    out.mkdir()
    try:
        for meeting in services.meetings.list(review_id):
            public = services.packs.export_pack(meeting.id, Audience.PUBLIC, out / "public.pdf")
            doc = read_pdf(public.path)
            shown = set(MARKER.findall(doc.text)) | set(MARKER.findall(doc.furniture))
            assert not shown & closed, f"closed reports in the public pack of {meeting.key}"
            items = next(m for m in review.meetings if m.key == meeting.key).items
            for item in items:
                if item.is_closed:
                    assert not set(MARKER.findall(item.title)) & shown
            mine = {m for i in items if not i.is_closed for m in MARKER.findall(i.reports[0].title)}
            assert mine <= shown  # the open items' reports are printed: the check can fail
            panel = services.packs.export_pack(meeting.id, Audience.PANEL, out / "panel.pdf")
            theirs = {m for i in items if i.is_closed for m in MARKER.findall(i.reports[0].title)}
            assert theirs <= set(MARKER.findall(read_pdf(panel.path).text))
    finally:
        services.reviews.delete(review_id)
