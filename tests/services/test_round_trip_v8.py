"""Format version 8 through the database: the review's report (paragraphs with what
they cite and support, settings, versions frozen as they printed, comments,
consideration) and the responses to recommendations come back as they went in, byte
for byte, on SQLite and PostgreSQL; a version 7 file reads with an empty report and no
responses; a version whose meeting is deleted still exports a file that imports.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select

from scrutiny_desk.domain.enums import (
    Access,
    ConsiderationOutcome,
    EvidenceKind,
    MeetingKind,
    MemberRole,
    RecommendationStatus,
    ReportPurpose,
    ResponseOutcome,
)
from scrutiny_desk.domain.records import (
    AgendaItem,
    Evidence,
    Meeting,
    Member,
    Note,
    Recommendation,
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    Review,
    ReviewReport,
    TorItem,
)
from scrutiny_desk.domain.rules import check_review
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.report_outline import build_report
from scrutiny_desk.store import orm

from .old_versions import as_version_7, as_version_8, without_version_8, without_version_9

SAMPLE = resource_path("samples/drugs-scrutiny.json")
INDIA = timezone(timedelta(hours=5, minutes=30))  # an offset the database must keep
START = datetime(2027, 6, 7, 14, 0)

_BASE = Review(
    title="Version 8",
    panel=(Member("chair", "Chair", MemberRole.CHAIR), Member("ann", "Ann Member")),
    terms_of_reference=(TorItem("t1", "Access", (TorItem("t1a", "Waiting times"),)),),
    meetings=(
        Meeting(
            key="m1",
            title="Consideration of the draft report",
            kind=MeetingKind.DELIBERATIVE,
            start=START,
            end=START.replace(hour=16),
            uid="m1-uid",
            items=(AgendaItem("m1-report", "Draft report"),),
        ),
    ),
    evidence=(
        Evidence("e1", "Survey", kind=EvidenceKind.WRITTEN),
        Evidence(
            "e2",
            "Statement",
            kind=EvidenceKind.STATEMENT,
            access=Access.CLOSED,
        ),
    ),
    notes=(
        Note("n1", "Waits are long", datetime(2027, 5, 1, 9, tzinfo=INDIA), tor=("t1a",)),
        Note(
            "n2",
            "Told in private",
            datetime(2027, 5, 2, 9, tzinfo=INDIA),
            ("t1",),
            access=Access.CLOSED,
        ),
    ),
    recommendations=(
        Recommendation(
            "r1",
            "Publish waiting times",
            lead="Director",
            due=date(2028, 1, 31),
            status=RecommendationStatus.AGREED,
            response="Agreed in part",
            response_due=date(2027, 9, 30),
            responded_on=date(2027, 9, 1),
            response_outcome=ResponseOutcome.PARTLY_ACCEPTED,
        ),
        Recommendation(
            "r2",
            "Close the unit",
            status=RecommendationStatus.REJECTED,
            responded_on=date(2027, 9, 2),
            response_outcome=ResponseOutcome.REJECTED,
        ),
    ),
)
PARAGRAPHS = (
    ReportParagraph("p1", "foreword", "A word from the chair."),
    ReportParagraph(
        "p2",
        "tor:t1a",
        "Waits are too long.",
        notes=("n1",),
        evidence=("e1",),
        recommendations=("r1",),
    ),
    ReportParagraph(
        "p3", "tor:t1", "Heard in private.", Access.CLOSED, ("n2",), ("e2", "e1"), ("r2", "r1")
    ),
    ReportParagraph("p4", "conclusions", "In all, access must improve."),
)
MADE = datetime(2027, 6, 1, 10, 30, 15, tzinfo=INDIA)


def _frozen(number: str, purpose: ReportPurpose, made: datetime) -> ReportVersion:
    review = replace(_BASE, report=ReviewReport(paragraphs=PARAGRAPHS))
    content = build_report(review, made=made.date(), version=number, purpose=purpose)
    return ReportVersion(
        number,
        purpose,
        made,
        content,
        "m1" if purpose is ReportPurpose.MEETING else None,
        f"note {number}",
    )


VERSION_8 = replace(
    _BASE,
    report=ReviewReport(
        title="Access to services: final report",
        paragraphs=PARAGRAPHS,
        versions=(
            _frozen("0.1", ReportPurpose.COMMENT, MADE),
            _frozen("0.2", ReportPurpose.MEETING, MADE + timedelta(days=20)),
            _frozen("final", ReportPurpose.FINAL, MADE + timedelta(days=40)),
        ),
        comments=(
            ReportComment("0.1", "p2", "ann", "Say how long.", date(2027, 6, 5)),
            ReportComment("0.1", "p3", "chair", "Keep this closed.", date(2027, 6, 6)),
        ),
        considerations=(
            ReportConsideration("0.2", "p2", "m1", ConsiderationOutcome.AGREED, "m1-report"),
            ReportConsideration(
                "0.2", "p4", "m1", ConsiderationOutcome.AMENDED, None, "Access must improve."
            ),
            ReportConsideration("0.2", "p1", "m1", ConsiderationOutcome.DELETED, "m1-report"),
        ),
        submitted_on=date(2027, 7, 15),
        submitted_to="Cabinet",
        response_months=3,
    ),
)


def test_version_8_round_trips_every_new_field(services: Services) -> None:
    assert check_review(VERSION_8) == []
    first = codec.encode(VERSION_8)
    written = json.loads(first)
    assert written["version"] == codec.CURRENT_VERSION == 9
    report = written["review"]["report"]
    assert list(report) == [
        "title",
        "paragraphs",
        "versions",
        "comments",
        "considerations",
        "submitted_on",
        "submitted_to",
        "response_months",
    ]
    assert report["paragraphs"][2] == {
        "key": "p3",
        "place": "tor:t1",
        "text": "Heard in private.",
        "access": "closed",
        "notes": ["n2"],
        "evidence": ["e2", "e1"],
        "recommendations": ["r2", "r1"],
    }
    assert report["versions"][1]["made"] == "2027-06-21T10:30:15+05:30"
    assert report["versions"][1]["content"]["audience"] == "panel"
    assert list(written["review"]["recommendations"][0])[-3:] == [
        "response_due",
        "responded_on",
        "response_outcome",
    ]
    assert written["review"]["recommendations"][1]["response_outcome"] == "rejected"
    assert codec.decode(first) == VERSION_8
    review_id = services.reviews.import_bytes(first)
    assert services.reviews.document(review_id) == VERSION_8
    assert services.reviews.export_bytes(review_id) == first
    with services.db.reading() as session:
        links = [
            session.scalar(select(func.count()).select_from(model))
            for model in (orm.ParagraphNote, orm.ParagraphEvidence, orm.ParagraphRecommendation)
        ]
        offsets = session.scalars(select(orm.ReportVersionRow.made_offset_minutes)).all()
    assert links == [2, 3, 3]
    assert offsets == [330, 330, 330]


def test_the_sample_s_report_comes_back_byte_for_byte(services: Services) -> None:
    """The shipped sample sets every new field: its report and responses come back."""
    shipped = codec.decode(SAMPLE.read_bytes())
    report = shipped.report
    assert report.title and report.submitted_to == "Full Authority"
    assert {p.access for p in report.paragraphs} == {Access.OPEN, Access.CLOSED}
    assert [v.number for v in report.versions] == ["0.1", "0.2"]
    assert {c.outcome for c in report.considerations} == set(ConsiderationOutcome)
    assert {r.response_outcome for r in shipped.recommendations} >= {
        ResponseOutcome.ACCEPTED,
        ResponseOutcome.PARTLY_ACCEPTED,
    }
    review_id = services.reviews.import_sample()
    assert services.reviews.document(review_id).report == report
    assert services.reviews.export_bytes(review_id) == SAMPLE.read_bytes()


def test_a_version_7_file_reads_with_an_empty_report_and_no_responses(
    services: Services,
) -> None:
    data = json.dumps(as_version_7(as_version_8(json.loads(SAMPLE.read_bytes())))).encode("utf-8")
    old = codec.decode(data)
    expected = without_version_8(without_version_9(codec.decode(SAMPLE.read_bytes())))
    assert old == expected
    assert old.report == ReviewReport() and old.report.response_months == 2
    review_id = services.reviews.import_bytes(data)
    exported = services.reviews.export_bytes(review_id)
    assert exported == codec.encode(expected)
    assert json.loads(exported)["version"] == codec.CURRENT_VERSION
    with services.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(orm.ReportSettingsRow)) == 0


def test_null_version_8_fields_mean_an_empty_report_and_the_defaults() -> None:
    document = json.loads(codec.encode(VERSION_8))
    review = document["review"]
    review["report"] = None
    for recommendation in review["recommendations"][:1]:
        del recommendation["response_due"], recommendation["response_outcome"]
    review["recommendations"][1]["response_outcome"] = None
    read = codec.decode(json.dumps(document).encode("utf-8"))
    assert read.report == ReviewReport()
    assert [(r.response_due, r.response_outcome) for r in read.recommendations] == [
        (None, None),
        (None, None),
    ]
    review["report"] = {"title": None, "response_months": None}
    assert codec.decode(json.dumps(document).encode("utf-8")).report == ReviewReport()


def test_a_version_whose_meeting_is_deleted_still_exports_a_file_that_imports(
    services: Services,
) -> None:
    """The version stays, naming no meeting; the consideration at that meeting goes with
    it (the meeting's record of it); the file the review exports then imports."""
    review_id = services.reviews.import_bytes(codec.encode(VERSION_8))
    meeting = services.meeting_edits.find(review_id, "m1")
    services.meeting_edits.delete_meeting(meeting.id, meeting.version)
    after = services.reviews.document(review_id).report
    assert [v.meeting for v in after.versions] == [None, None, None]
    assert after.considerations == ()
    assert after.comments == VERSION_8.report.comments
    exported = services.reviews.export_bytes(review_id)
    services.reviews.delete(review_id)
    again = services.reviews.import_bytes(exported)
    assert services.reviews.document(again).report == after


def test_an_unplaced_paragraph_survives_export_and_import(services: Services) -> None:
    """A paragraph whose terms-of-reference item is gone stays in the file and comes
    back, for the clerk to move or delete (the Report page lists it as unplaced)."""
    gone = replace(
        VERSION_8,
        report=replace(
            VERSION_8.report,
            paragraphs=(*PARAGRAPHS, ReportParagraph("p5", "tor:t9", "Its item was deleted.")),
        ),
    )
    assert check_review(gone) == []
    first = codec.encode(gone)
    review_id = services.reviews.import_bytes(first)
    assert services.reviews.document(review_id).report.paragraphs[-1].place == "tor:t9"
    assert services.reviews.export_bytes(review_id) == first
