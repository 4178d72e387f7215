"""Format version 7 through the database: the papers' language, the body's country,
Welsh titles, the reason for urgency and the reports agenda items consider come back
as they went in, byte for byte, on SQLite and PostgreSQL; a version 6 file reads in
English, for England, with no Welsh titles and no reports; deleting a meeting or an
item and putting it back keeps all of it.
"""

from __future__ import annotations

import base64
import json
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select

from scrutiny_desk.domain.enums import (
    Access,
    Country,
    EvidenceKind,
    MeetingKind,
    MemberRole,
    PaperLanguage,
)
from scrutiny_desk.domain.records import (
    AgendaItem,
    Evidence,
    EvidenceFile,
    ItemReport,
    Meeting,
    Member,
    Review,
)
from scrutiny_desk.domain.rules import check_review
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import meeting_papers, orm

from .old_versions import (
    as_version_6,
    as_version_7,
    as_version_8,
    without_version_8,
    without_version_9,
)
from .strategies import TINY_PDF

SAMPLE = resource_path("samples/drugs-scrutiny.json")
HELD = EvidenceFile("report.pdf", "application/pdf", TINY_PDF)
START = datetime(2027, 6, 7, 14, 0)

VERSION_7 = Review(
    title="Version 7",
    language=PaperLanguage.BILINGUAL,
    country=Country.WALES,
    panel=(Member("chair", "Chair", MemberRole.CHAIR),),
    evidence=(
        Evidence(
            "survey",
            "Survey of users",
            EvidenceKind.WRITTEN,
            file=EvidenceFile("survey.pdf", "application/pdf", TINY_PDF),
        ),
    ),
    meetings=(
        Meeting(
            key="m1",
            title="Drug services",
            kind=MeetingKind.EVIDENCE,
            start=START,
            end=START.replace(hour=16),
            uid="m1-uid",
            title_cy="Gwasanaethau cyffuriau",
            urgency="The police figures came on Monday",
            items=(
                AgendaItem(
                    "open",
                    "Treatment places",
                    title_cy="Lleoedd triniaeth",
                    reports=(
                        ItemReport("open-report", "Report of the Director", HELD),
                        ItemReport("open-survey", "The survey", evidence="survey", late=True),
                    ),
                ),
                AgendaItem(
                    "closed",
                    "Contract award",
                    access=Access.CLOSED,
                    closed_reason="Commercial",
                    public_title="Commercial matter",
                    exemption="Paragraph 14",
                    title_cy="Dyfarnu contract",
                    public_title_cy="Mater masnachol",
                    reports=(ItemReport("closed-report", "Tender evaluation", HELD, late=True),),
                ),
            ),
        ),
    ),
)


def titles_only(meeting: Meeting) -> Meeting:
    """The meeting as one meeting's papers read it: held reports' files empty."""
    return replace(
        meeting,
        items=tuple(
            replace(
                i,
                reports=tuple(
                    r if r.file is None else replace(r, file=replace(r.file, content=b""))
                    for r in i.reports
                ),
            )
            for i in meeting.items
        ),
    )


def without_version_7(meeting: Meeting) -> Meeting:
    return replace(
        meeting,
        title_cy=None,
        urgency=None,
        items=tuple(
            replace(i, title_cy=None, public_title_cy=None, reports=()) for i in meeting.items
        ),
    )


def test_version_7_round_trips_every_new_field(services: Services) -> None:
    assert check_review(VERSION_7) == []
    first = codec.encode(VERSION_7)
    written = json.loads(first)
    assert written["version"] == codec.CURRENT_VERSION == 9
    review = written["review"]
    assert (review["language"], review["country"]) == ("cy-en", "wales")
    meeting = review["meetings"][0]
    assert (meeting["title_cy"], meeting["urgency"]) == (
        "Gwasanaethau cyffuriau",
        "The police figures came on Monday",
    )
    reports = meeting["items"][0]["reports"]
    assert base64.b64decode(reports[0]["file"]["content"]) == TINY_PDF
    assert reports[1] == {
        "key": "open-survey",
        "title": "The survey",
        "file": None,
        "evidence": "survey",
        "late": True,
    }
    assert meeting["items"][1]["public_title_cy"] == "Mater masnachol"
    assert codec.decode(first) == VERSION_7
    review_id = services.reviews.import_bytes(first)
    assert services.reviews.export_bytes(review_id) == first
    assert services.reviews.document(review_id) == VERSION_7
    with services.db.reading() as session:
        held = session.execute(
            select(orm.ItemReportRow.key, orm.ItemReportRow.size, orm.ItemReportRow.sha256)
            .where(orm.ItemReportRow.content.is_not(None))
            .order_by(orm.ItemReportRow.key)
        ).all()
        meeting_id = session.scalars(select(orm.MeetingRow.id)).one()
        papers = meeting_papers.meeting_papers(session, meeting_id)
    assert held == [(k, len(TINY_PDF), HELD.sha256) for k in ("closed-report", "open-report")]
    assert (papers.review.language, papers.review.country) == (
        PaperLanguage.BILINGUAL,
        Country.WALES,
    )
    assert papers.meeting == titles_only(VERSION_7.meetings[0])


def test_a_version_6_file_reads_in_english_for_england_without_welsh_or_reports(
    services: Services,
) -> None:
    """The shipped sample written as version 6 is the sample without its item's report
    (the only version 7 field it sets), in English, for England (and without the
    review's report and responses, which version 8 added)."""
    data = json.dumps(
        as_version_6(as_version_7(as_version_8(json.loads(SAMPLE.read_bytes()))))
    ).encode("utf-8")
    old = codec.decode(data)
    shipped = codec.decode(SAMPLE.read_bytes())
    assert sum(len(i.reports) for m in shipped.meetings for i in m.items) == 1
    assert (old.language, old.country) == (PaperLanguage.ENGLISH, Country.ENGLAND)
    expected = replace(
        without_version_8(without_version_9(shipped)),
        meetings=tuple(map(without_version_7, shipped.meetings)),
    )
    assert old == expected
    review_id = services.reviews.import_bytes(data)
    exported = services.reviews.export_bytes(review_id)
    assert exported == codec.encode(expected)
    assert json.loads(exported)["version"] == codec.CURRENT_VERSION


def test_null_version_7_fields_mean_english_england_and_none() -> None:
    document = json.loads(codec.encode(VERSION_7))
    review = document["review"]
    review["language"] = review["country"] = None
    meeting = review["meetings"][0]
    meeting["title_cy"] = meeting["urgency"] = None
    del meeting["items"][0]["reports"], meeting["items"][0]["title_cy"]
    del meeting["items"][1]["reports"]  # a list may be absent (not null)
    read = codec.decode(json.dumps(document).encode("utf-8"))
    assert (read.language, read.country) == (PaperLanguage.ENGLISH, Country.ENGLAND)
    assert (read.meetings[0].title_cy, read.meetings[0].urgency) == (None, None)
    assert [(i.title_cy, i.reports) for i in read.meetings[0].items] == [
        (None, ()),
        ("Dyfarnu contract", ()),
    ]


def test_a_deleted_meeting_or_item_comes_back_with_its_welsh_titles_and_reports(
    services: Services,
) -> None:
    review_id = services.reviews.import_bytes(codec.encode(VERSION_7))
    edits = services.meeting_edits
    meeting = edits.find(review_id, "m1")
    assert (meeting.title_cy, meeting.urgency) == (
        "Gwasanaethau cyffuriau",
        "The police figures came on Monday",
    )
    snapshot = edits.delete_meeting(meeting.id, meeting.version)
    with services.db.reading() as session:
        assert session.scalars(select(orm.ItemReportRow.id)).all() == []
    assert snapshot.meeting.items == VERSION_7.meetings[0].items
    edits.restore_meeting(snapshot)
    restored = services.reviews.document(review_id).meetings[0]
    assert restored == replace(VERSION_7.meetings[0], sequence=restored.sequence)

    item_id = services.agenda.id_for(review_id, "closed")
    record = services.agenda.get(item_id)
    assert (record.title_cy, record.public_title_cy) == ("Dyfarnu contract", "Mater masnachol")
    removed = services.agenda.remove_item(item_id, record.version)
    assert removed.item == VERSION_7.meetings[0].items[1]
    services.agenda.restore_item(removed)
    assert services.reviews.document(review_id).meetings[0].items == VERSION_7.meetings[0].items


def test_a_report_of_deleted_evidence_does_not_come_back_with_its_item(
    services: Services,
) -> None:
    """Deleting evidence removes the reports made of it; an item deleted before and
    restored after does not bring back a report of evidence no longer there."""
    review_id = services.reviews.import_bytes(codec.encode(VERSION_7))
    item_id = services.agenda.id_for(review_id, "open")
    removed = services.agenda.remove_item(item_id, services.agenda.get(item_id).version)
    survey = services.evidence.list(review_id)[0]
    services.evidence.delete(survey.id, survey.version)
    services.agenda.restore_item(removed)
    item = services.reviews.document(review_id).meetings[0].items[0]
    assert [r.key for r in item.reports] == ["open-report"]
