"""Export -> import -> export is byte-identical, for any valid review.

A Hypothesis strategy (``strategies.reviews``) builds valid domain ``Review`` records:
keys unique in their lists, references only to keys that exist, meeting times on a
15-minute grid that exist in Europe/London (including the hour repeated when the clocks
go back), item slots inside their meetings, and text with newlines, markup and any
character PostgreSQL can store. The codec alone must give the review back; through the
database (SQLite and PostgreSQL) the export must be the very bytes that were imported,
but for one change of data: a note taken during a closed item or against closed evidence
comes back closed (closed stays closed: ``notes_closed_in_own_right``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from sqlalchemy import select

from scrutiny_desk.domain.enums import (
    Access,
    EvidenceKind,
    MeetingKind,
    MemberRole,
    MinutesStatus,
    RecommendationStatus,
    ReviewStatus,
    StandardItem,
)
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from scrutiny_desk.domain.note_records import notes_closed_in_own_right
from scrutiny_desk.domain.records import (
    MAY_DAY,
    Action,
    AgendaItem,
    Contact,
    Evidence,
    EvidenceFile,
    Meeting,
    Member,
    Milestone,
    Note,
    ProgressUpdate,
    Recommendation,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.domain.rules import check_review
from scrutiny_desk.domain.view_codec import MinutesSnapshot
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.approved_minutes import with_snapshots
from scrutiny_desk.services.container import Services
from scrutiny_desk.store import meeting_papers, orm

from .old_versions import (
    as_version_5,
    as_version_6,
    as_version_7,
    as_version_8,
    without_version_8,
    without_version_9,
)
from .strategies import LONDON, reviews

# Properties ---------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(reviews())
def test_generated_reviews_are_valid_and_decode_to_themselves(review: Review) -> None:
    assert check_review(review) == []
    data = codec.encode(review)
    assert codec.decode(data) == review
    assert codec.encode(codec.decode(data)) == data


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(review=reviews())
def test_export_import_export_is_byte_identical(services: Services, review: Review) -> None:
    # Safe with a function-scoped fixture: each example deletes what it imported.
    first = codec.encode(review)
    review_id = services.reviews.import_bytes(first)
    try:
        # Closed stays closed: a note "open" on a closed item or evidence is stored closed.
        # Approved minutes are kept as they print, built from the file's data at import.
        assert services.reviews.export_bytes(review_id) == codec.encode(
            with_snapshots(notes_closed_in_own_right(review))
        )
    finally:
        services.reviews.delete(review_id)
    assert services.reviews.list() == []


# Hand-picked edges ----------------------------------------------------------------------

EDGE_TEXT = "Line 1\nLine 2\r\n\t<b>&amp;</b> \u00e9\u0301 \U0001f4b7 \ufeff \uffff \u2028"
MINIMAL = Review(title="T")
EXTREMES = Review(
    title=EDGE_TEXT,
    body="",
    summary=" ",
    status=ReviewStatus.MONITORING,
    contact=Contact(),
    panel=(Member("k" * 200, "N", MemberRole.CHAIR, ""),),
    terms_of_reference=(TorItem("a", "A", (TorItem("b", "B", (TorItem("c", EDGE_TEXT),)),)),),
    milestones=(
        Milestone(date(1, 1, 1), "first", True),
        Milestone(date(9999, 12, 31), "last"),
    ),
    witnesses=(Witness(" ", " "),),
    meetings=(
        Meeting(
            key="autumn",
            title="Repeated hour",
            kind=MeetingKind.OTHER,
            start=datetime(2026, 10, 25, 1, 30),
            end=datetime(2026, 10, 25, 1, 45),
            uid="u" * 255,
            sequence=2**31 - 1,
            minutes_status=MinutesStatus.APPROVED,
            minutes_approved_on=date(2026, 10, 25),
            items=(
                AgendaItem(
                    "i",
                    "Closed",
                    access=Access.CLOSED,
                    closed_reason=EDGE_TEXT,
                    start=datetime(2026, 10, 25, 1, 30),
                    end=datetime(2026, 10, 25, 1, 45),
                    witnesses=(" ",),
                    tor=("c", "a"),
                ),
            ),
        ),
        Meeting(
            key="spring",
            title="Across the skipped hour",
            kind=MeetingKind.VISIT,
            start=datetime(2026, 3, 29, 0, 45),
            end=datetime(2026, 3, 29, 2, 0),
            uid="spring-uid",
        ),
    ),
    notes=(
        Note("z", "Z", datetime(2007, 3, 22, 14, 40, tzinfo=UTC), ("b",), item="i"),
        Note(
            "neg",
            "N",
            datetime(2007, 3, 22, 14, 40, 0, 1, tzinfo=timezone(-timedelta(hours=23, minutes=59))),
            ("c",),
            meeting="autumn",
            item="i",
            access=Access.CLOSED,
        ),
    ),
    recommendations=(
        Recommendation("r", "R", "Lead", date(2030, 1, 1), RecommendationStatus.IN_PROGRESS),
    ),
    actions=(Action("a", "A", meeting="spring", access=Access.CLOSED),),
)


@pytest.mark.parametrize("review", [MINIMAL, EXTREMES], ids=["minimal", "extremes"])
def test_edge_reviews_round_trip(services: Services, review: Review) -> None:
    assert check_review(review) == []
    first = codec.encode(review)
    assert codec.decode(first) == review
    review_id = services.reviews.import_bytes(first)
    # EXTREMES' note "z" on closed item "i"; its approved minutes kept as they print
    stored = with_snapshots(notes_closed_in_own_right(review))
    assert (stored == review) is (review is MINIMAL)
    assert services.reviews.export_bytes(review_id) == codec.encode(stored)
    assert services.reviews.document(review_id) == stored


def test_a_meeting_before_year_1000_round_trips() -> None:
    old = Meeting(
        "m",
        "Old",
        MeetingKind.OTHER,
        start=datetime(999, 12, 31, 10, 0),
        end=datetime(999, 12, 31, 11, 0),
        uid="u",
    )
    review = Review(title="Old", meetings=(old,))
    assert check_review(review) == []
    assert codec.decode(codec.encode(review)) == review


def test_codec_alone_writes_the_shipped_sample_back_byte_for_byte() -> None:
    shipped = resource_path("samples/drugs-scrutiny.json").read_bytes()
    assert codec.encode(codec.decode(shipped)) == shipped


def test_example_becomes_canonical_in_one_pass(example_bytes: bytes) -> None:
    """Defaults and nulls are written out once; after that the bytes never change."""
    first = codec.encode(codec.decode(example_bytes))
    assert first != example_bytes
    assert codec.encode(codec.decode(first)) == first
    written = json.loads(first)["review"]
    assert written["meetings"][1]["uid"] is None  # generated at import, not by the codec
    assert written["actions"][0]["access"] == "open"
    assert written["notes"][2]["meeting"] is None
    assert written["terms_of_reference"][0]["children"][0]["children"] == []
    assert first.endswith(b"}\n") and b"\\u" not in first


def test_note_offsets_and_fractions_survive_the_database(services: Services) -> None:
    created = [
        datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=5, minutes=45))),
        datetime(2026, 10, 25, 1, 30, 0, 500000, tzinfo=ZoneInfo(LONDON)),
        datetime(2026, 10, 25, 1, 30, tzinfo=ZoneInfo(LONDON), fold=1),
        datetime(1900, 1, 2, tzinfo=timezone(timedelta(minutes=-1))),
    ]
    review = Review(
        title="Offsets",
        terms_of_reference=(TorItem("t", "T"),),
        notes=tuple(Note(f"n{n}", "x", c, ("t",)) for n, c in enumerate(created)),
    )
    first = codec.encode(review)
    written = [n["created"] for n in json.loads(first)["review"]["notes"]]
    assert written == [
        "2026-03-29T01:30:00+05:45",
        "2026-10-25T01:30:00.500000+01:00",
        "2026-10-25T01:30:00+00:00",
        "1900-01-02T00:00:00-00:01",
    ]
    review_id = services.reviews.import_bytes(first)
    assert services.reviews.export_bytes(review_id) == first


# Version 3 ----------------------------------------------------------------------------

DATA = Path(__file__).parent.parent / "data"
RANDOM_BYTES = random.Random(3).randbytes(1000)
VERSION_3 = Review(
    title="Version 3",
    terms_of_reference=(TorItem("t", "T"),),
    witnesses=(Witness("w1", "One"), Witness("w2", "Two"), Witness("w3", "Three")),
    evidence=(
        Evidence(
            "e1",
            "Random bytes",
            EvidenceKind.WRITTEN,
            file=EvidenceFile(
                "r\u00e9sum\u00e9 \U0001f4b7.bin", "application/octet-stream", RANDOM_BYTES
            ),
        ),
        Evidence(
            "e2",
            "Empty file",
            EvidenceKind.VISIT,
            file=EvidenceFile("empty.txt", "text/plain", b""),
        ),
        Evidence("e3", "No file", EvidenceKind.RESEARCH),
    ),
    notes=(
        Note(
            "n1", "Two witnesses", datetime(2026, 1, 1, tzinfo=UTC), ("t",), witnesses=("w2", "w1")
        ),
        Note("n2", "None", datetime(2026, 1, 1, tzinfo=UTC), ("t",), evidence="e1"),
        Note("n3", "Three", datetime(2026, 1, 1, tzinfo=UTC), ("t",), witnesses=("w3", "w1", "w2")),
    ),
    recommendations=(
        Recommendation(
            "r1",
            "R",
            "Lead",
            date(2030, 1, 1),
            RecommendationStatus.IN_PROGRESS,
            progress=(
                ProgressUpdate(date(2029, 1, 1), "Started"),
                ProgressUpdate(date(2028, 1, 1), EDGE_TEXT),  # stored order, not date order
                ProgressUpdate(date(2029, 1, 1), "Same day again"),
            ),
            notes=("n3", "n1"),
        ),
        Recommendation("r2", "Unsupported"),
    ),
)


def test_version_3_round_trips_with_files_progress_and_supporting_notes(
    services: Services,
) -> None:
    assert check_review(VERSION_3) == []
    first = codec.encode(VERSION_3)
    written = json.loads(first)
    assert written["version"] == codec.CURRENT_VERSION
    evidence = written["review"]["evidence"]
    assert list(evidence[0])[-1] == "file" and evidence[2]["file"] is None
    assert evidence[0]["file"] == {
        "name": "r\u00e9sum\u00e9 \U0001f4b7.bin",
        "media_type": "application/octet-stream",
        "content": base64.b64encode(RANDOM_BYTES).decode("ascii"),
    }
    note = written["review"]["notes"][0]
    assert list(note)[5:7] == ["item", "witnesses"] and note["witnesses"] == ["w2", "w1"]
    assert list(written["review"]["recommendations"][0])[-5:-3] == ["progress", "notes"]
    assert codec.decode(first) == VERSION_3
    review_id = services.reviews.import_bytes(first)
    assert services.reviews.export_bytes(review_id) == first
    assert services.reviews.document(review_id) == VERSION_3


def test_attached_files_are_stored_with_their_size_and_hash(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(VERSION_3))
    with services.db.reading() as session:
        rows = session.execute(
            select(orm.EvidenceFile.name, orm.EvidenceFile.size, orm.EvidenceFile.sha256)
            .join(orm.EvidenceRow, orm.EvidenceRow.id == orm.EvidenceFile.evidence_id)
            .where(orm.EvidenceRow.review_id == review_id)
            .order_by(orm.EvidenceRow.position)
        ).all()
    assert [tuple(r) for r in rows] == [
        ("r\u00e9sum\u00e9 \U0001f4b7.bin", 1000, hashlib.sha256(RANDOM_BYTES).hexdigest()),
        ("empty.txt", 0, hashlib.sha256(b"").hexdigest()),
    ]
    file = VERSION_3.evidence[0].file
    assert file is not None and (file.size, file.sha256) == rows[0][1:]


def test_a_version_1_file_still_imports_and_its_witness_becomes_a_list(
    services: Services,
) -> None:
    data = (DATA / "example-review-v1.json").read_bytes()
    original = json.loads(data)
    assert original["version"] == 1
    review = codec.decode(data)
    for note, written in zip(review.notes, original["review"]["notes"], strict=True):
        single = written.get("witness")
        assert note.witnesses == (() if single is None else (single,))
    assert any(n.witnesses for n in review.notes)
    review_id = services.reviews.import_bytes(data)
    exported = services.reviews.export_bytes(review_id)
    assert json.loads(exported)["version"] == codec.CURRENT_VERSION
    stored = services.reviews.document(review_id)
    assert stored == with_snapshots(  # approved minutes kept as the file's data prints them
        replace(
            review,
            meetings=tuple(
                replace(m, uid=u.uid) for m, u in zip(review.meetings, stored.meetings, strict=True)
            ),
        )
    )
    approved = [m for m in stored.meetings if m.minutes_status is MinutesStatus.APPROVED]
    assert approved and all(m.minutes_snapshot is not None for m in approved)
    # version 6: its standard items are known by their titles, and stored so
    marks = {i.title: i.standard for m in stored.meetings for i in m.items}
    assert marks["Apologies for absence"] is StandardItem.APOLOGIES
    assert marks["Minutes of the previous meeting"] is StandardItem.PREVIOUS_MINUTES
    assert marks["Evidence from the Crown Prosecution Service"] is None
    assert (stored.quorum, stored.minute_numbers, stored.year_start) == (3, True, MAY_DAY)


def test_a_version_2_file_still_imports_and_means_what_it_meant(services: Services) -> None:
    """The sample as shipped in format version 2 reads as today's sample without what
    versions 3, 6 and 8 added to it (version 6 moved the recommendations meeting's
    resolutions out of its minutes, and left its standard items to be worded from the
    record: those minutes are the version 2 file's)."""
    old = codec.decode((DATA / "example-review-v2.json").read_bytes())
    shipped = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    minutes = {i.key: i.minute for m in old.meetings for i in m.items}
    current = without_version_8(without_version_9(shipped))
    without = replace(
        current,
        summary=old.summary,  # the sample's own description now speaks of its report too
        evidence=tuple(replace(e, file=None) for e in shipped.evidence),
        recommendations=tuple(  # the words of the responses version 8 recorded are new
            replace(r, progress=(), notes=(), response=o.response)
            for r, o in zip(current.recommendations, old.recommendations, strict=True)
        ),
        meetings=tuple(
            replace(
                without_procedure(m),
                minutes_snapshot=None,
                items=tuple(replace(i, minute=minutes[i.key]) for i in without_procedure(m).items),
            )
            for m in shipped.meetings
        ),
        interests=(),
    )
    assert old == without
    changed = {i.key for m in shipped.meetings for i in m.items if i.minute != minutes[i.key]}
    assert changed == {k for k in minutes if k.startswith("recs-") and k != "recs-responses"}
    assert "RESOLVED that the summary be noted." in (minutes["recs-findings"] or "")
    # Its approved minutes, built from its own data at import, print the items the
    # shipped ones kept (what views add since, such as minute numbers, aside).
    assert [printed_items(m.minutes_snapshot) for m in with_snapshots(old).meetings] == [
        printed_items(m.minutes_snapshot) for m in shipped.meetings
    ]
    assert [n.witnesses for n in old.notes][:2] == [("mps-drugs",), ("mps-drugs",)]
    review_id = services.reviews.import_bytes((DATA / "example-review-v2.json").read_bytes())
    assert services.reviews.export_bytes(review_id) == codec.encode(with_snapshots(without))


def printed_items(snapshot: MinutesSnapshot | None) -> list[tuple[object, ...]]:
    """What approved minutes print for each item, in each audience."""
    if snapshot is None:
        return []
    return [
        (view.audience, i.number, i.title, i.closed, i.minute)
        for view in (snapshot.public, snapshot.panel)
        for i in view.items
    ]


def without_procedure(meeting: Meeting) -> Meeting:
    """The meeting without the procedural record version 6 added (its standard marks,
    which earlier versions derive from titles, are kept), nor what version 7 added."""
    return replace(
        without_version_7(meeting),
        attendance=tuple(replace(a, arrived=None, left=None) for a in meeting.attendance),
        attendees=(),
        declarations=(),
        began=None,
        ended=None,
        items=tuple(replace(i, resolutions=()) for i in without_version_7(meeting).items),
    )


def titles_only(item: AgendaItem) -> AgendaItem:
    """The item as one meeting's papers read it: its held reports' files empty."""
    return replace(
        item,
        reports=tuple(
            r if r.file is None else replace(r, file=replace(r.file, content=b""))
            for r in item.reports
        ),
    )


def without_version_7(meeting: Meeting) -> Meeting:
    """The meeting without its Welsh titles, reason for urgency and reports."""
    return replace(
        meeting,
        title_cy=None,
        urgency=None,
        items=tuple(
            replace(i, title_cy=None, public_title_cy=None, reports=()) for i in meeting.items
        ),
    )


def test_a_version_2_file_with_a_witness_field_in_version_3_is_refused() -> None:
    document = json.loads((DATA / "example-review-v2.json").read_bytes())
    document["version"] = 3
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    assert 'review.notes[0]: unknown field "witness"' in str(caught.value)


# Version 5 ----------------------------------------------------------------------------

ISSUED_AT = datetime(2026, 11, 2, 9, 15, 30, tzinfo=timezone(timedelta(hours=1)))
VERSION_5 = Review(
    title="Version 5",
    web_page="https://www.example.gov.uk/scrutiny/drugs?tab=1#top",
    calendar_public_titles=False,
    panel=(Member("chair", "Chair", MemberRole.CHAIR, "chair@example.org"),),
    witnesses=(Witness("w1", "One", email="one@example.org"),),
    meetings=(
        Meeting(
            key="m1",
            title="Online",
            kind=MeetingKind.EVIDENCE,
            start=datetime(2026, 11, 9, 14, 0),
            end=datetime(2026, 11, 9, 16, 0),
            uid="m1-uid",
            sequence=3,
            joining_link="https://meet.example.org/j/123?pwd=a%20b",
            issued=(
                CalendarIssue(
                    ISSUED_AT,
                    "clerk",
                    IssueKind.INVITATION,
                    "m1-uid",
                    0,
                    (
                        IssuedTo(PersonKind.MEMBER, "chair", "Chair", "chair@example.org"),
                        # a member since removed from the panel: kept by the key they had
                        IssuedTo(PersonKind.MEMBER, "gone", "Former Member", "gone@example.org"),
                    ),
                ),
                CalendarIssue(
                    ISSUED_AT + timedelta(days=1),
                    "",
                    IssueKind.CANCELLATION,
                    "m1-uid-w9",
                    1,
                    (IssuedTo(PersonKind.WITNESS, "w9", "Deleted Witness", "w9@example.org"),),
                    reason="no longer on the agenda",
                ),
            ),
        ),
        Meeting(
            key="m2",
            title="In the room",
            kind=MeetingKind.OTHER,
            start=datetime(2026, 11, 10, 10, 0),
            end=datetime(2026, 11, 10, 11, 0),
            uid="m2-uid",
        ),
    ),
)


def test_version_5_round_trips_the_register_links_and_setting(services: Services) -> None:
    """Recipients whose keys name no current member or witness are kept as they were."""
    assert check_review(VERSION_5) == []
    first = codec.encode(VERSION_5)
    written = json.loads(first)
    assert written["version"] == codec.CURRENT_VERSION == 9
    assert written["review"]["calendar_public_titles"] is False
    meeting = written["review"]["meetings"][0]
    assert list(meeting)[-8:-6] == ["joining_link", "issued"]
    assert meeting["issued"][0]["recipients"][1]["key"] == "gone"
    assert meeting["issued"][0]["at"] == "2026-11-02T09:15:30+01:00"
    assert written["review"]["meetings"][1]["issued"] == []
    assert codec.decode(first) == VERSION_5
    review_id = services.reviews.import_bytes(first)
    assert services.reviews.export_bytes(review_id) == first
    assert services.reviews.document(review_id) == VERSION_5


def test_an_issue_with_no_recipients_is_refused_with_its_path() -> None:
    document = json.loads(codec.encode(VERSION_5))
    document["review"]["meetings"][0]["issued"][1]["recipients"] = []
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    assert "review.meetings[0].issued[1].recipients" in str(caught.value)


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("web_page", "javascript://alert(1)", "does not match"),  # the schema's pattern
        ("web_page", "https://example.org/a\u202eb", "control characters"),
        ("joining_link", "https:///no-host", "must name the site"),
        ("joining_link", "https://example.org/" + "x" * 2000, "is too long"),
    ],
)
def test_a_bad_link_in_a_file_is_refused_with_its_path(field: str, value: str, why: str) -> None:
    document = json.loads(codec.encode(VERSION_5))
    owner = document["review"] if field == "web_page" else document["review"]["meetings"][0]
    owner[field] = value
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    path = "review.web_page" if field == "web_page" else "review.meetings[0].joining_link"
    assert path in str(caught.value) and why in str(caught.value)


def test_a_version_4_file_reads_with_public_titles_no_links_and_no_register(
    services: Services,
) -> None:
    document = as_version_5(
        as_version_6(as_version_7(as_version_8(json.loads(codec.encode(VERSION_5)))))
    )
    document["version"] = 4
    review = document["review"]
    for name in ("web_page", "calendar_public_titles"):
        del review[name]
    for meeting in review["meetings"]:
        del meeting["joining_link"], meeting["issued"]
    old = codec.decode(json.dumps(document).encode("utf-8"))
    assert old.calendar_public_titles is True and old.web_page is None
    assert all(m.joining_link is None and m.issued == () for m in old.meetings)
    review_id = services.reviews.import_bytes(json.dumps(document).encode("utf-8"))
    exported = json.loads(services.reviews.export_bytes(review_id))
    assert exported["version"] == codec.CURRENT_VERSION == 9
    assert exported["review"]["calendar_public_titles"] is True
    assert [m["issued"] for m in exported["review"]["meetings"]] == [[], []]


def test_null_calendar_setting_in_version_5_means_public_titles() -> None:
    document = json.loads(codec.encode(VERSION_5))
    document["review"]["calendar_public_titles"] = None
    document["review"]["meetings"][0]["issued"] = None
    review = codec.decode(json.dumps(document).encode("utf-8"))
    assert review.calendar_public_titles is True and review.meetings[0].issued == ()


def test_a_deleted_meeting_comes_back_with_its_register_and_link(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(VERSION_5))
    edits = services.meeting_edits
    meeting = edits.find(review_id, "m1")
    snapshot = edits.delete_meeting(meeting.id, meeting.version)
    with services.db.reading() as session:
        left = session.scalars(select(orm.CalendarIssueRow.id)).all()
        assert left == [] and session.scalars(select(orm.CalendarRecipientRow.id)).all() == []
    assert snapshot.meeting.issued == VERSION_5.meetings[0].issued
    edits.restore_meeting(snapshot)
    restored = services.reviews.document(review_id).meetings[0]
    assert restored.issued == VERSION_5.meetings[0].issued
    assert restored.joining_link == VERSION_5.meetings[0].joining_link
    assert restored.sequence == 4  # a restore raises it, as before


def test_one_meetings_papers_carry_the_link_web_page_and_setting(services: Services) -> None:
    review_id = services.reviews.import_bytes(codec.encode(VERSION_5))
    meeting = services.meeting_edits.find(review_id, "m1")
    with services.db.reading() as session:
        papers = meeting_papers.meeting_papers(session, meeting.id)
    assert papers.review.web_page == VERSION_5.web_page
    assert papers.review.calendar_public_titles is False
    assert papers.meeting.joining_link == VERSION_5.meetings[0].joining_link


# Version 6 ----------------------------------------------------------------------------

SAMPLE = resource_path("samples/drugs-scrutiny.json")


def test_version_6_round_trips_the_procedural_record(services: Services) -> None:
    """The shipped sample's register of interests, attendees, declarations, arrivals
    and departures, resolutions and votes come back out of the database as they went
    in, whole and in one meeting's papers."""
    shipped = SAMPLE.read_bytes()
    review = codec.decode(shipped)
    recs = next(m for m in review.meetings if m.key == "recs")
    assert len(review.interests) == 5
    assert [a.kind.value for a in recs.attendees] == [
        "substitute",
        "officer",
        "officer",
        "also-present",
    ]
    assert any(d.left_room for d in recs.declarations)
    votes = [x.vote for i in recs.items for x in i.resolutions if x.vote is not None]
    assert [v.named for v in votes] == [True, False]
    assert {a.member: (a.arrived, a.left) for a in recs.attendance if a.arrived or a.left} == {
        "mccartney": ("recs-minutes", None),
        "prem": (None, "recs-findings"),
    }
    review_id = services.reviews.import_bytes(shipped)
    assert services.reviews.export_bytes(review_id) == shipped
    assert services.reviews.document(review_id) == review
    with services.db.reading() as session:
        meeting_id = session.scalars(
            select(orm.MeetingRow.id).where(
                orm.MeetingRow.review_id == review_id, orm.MeetingRow.key == "recs"
            )
        ).one()
        papers = meeting_papers.meeting_papers(session, meeting_id)
    # a paper reads the reports' titles, not their files (version 7)
    assert papers.meeting == replace(
        recs, minutes_history=(), minutes_snapshot=None, items=tuple(map(titles_only, recs.items))
    )
    assert papers.review.interests == review.interests
    assert papers.first_minute == 1  # 14 May 2007: the first meeting of 2007/08


def test_a_version_5_file_reads_with_the_procedures_defaults(services: Services) -> None:
    """Quorum 3, numbering on, the year from 1 May, nobody but the panel, and the
    standard items known by their titles: the marks the sample has."""
    document = as_version_5(
        as_version_6(as_version_7(as_version_8(json.loads(SAMPLE.read_bytes()))))
    )
    data = json.dumps(document).encode("utf-8")
    old = codec.decode(data)
    shipped = codec.decode(SAMPLE.read_bytes())
    assert (old.quorum, old.minute_numbers, old.year_start, old.interests) == (
        3,
        True,
        MAY_DAY,
        (),
    )
    assert old.meetings == tuple(
        replace(without_procedure(m), minutes_snapshot=None) for m in shipped.meetings
    )
    assert sum(1 for m in old.meetings for i in m.items if i.standard) == 23
    review_id = services.reviews.import_bytes(data)
    exported = json.loads(services.reviews.export_bytes(review_id))
    assert exported["version"] == codec.CURRENT_VERSION
    assert [i["standard"] for i in exported["review"]["meetings"][1]["items"]] == [
        "apologies",
        "declarations",
        "previous-minutes",
        None,
        None,
    ]


def test_null_procedure_settings_in_version_6_mean_the_defaults() -> None:
    document = json.loads(SAMPLE.read_bytes())
    review = document["review"]
    review["quorum"] = review["minute_numbers"] = review["year_start"] = None
    del review["interests"]
    item = review["meetings"][6]["items"][4]
    del item["standard"], item["resolutions"]
    read = codec.decode(json.dumps(document).encode("utf-8"))
    assert (read.quorum, read.minute_numbers, read.year_start, read.interests) == (
        3,
        True,
        MAY_DAY,
        (),
    )
    assert read.meetings[6].items[4].standard is None
    assert read.meetings[6].items[4].resolutions == ()
