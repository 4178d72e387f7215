"""The review writer (services/codec_write.py) writes the very bytes the generic encoder
it replaced wrote: ``json.dumps`` of every dataclass field, recursively, with
``indent=2`` and ``ensure_ascii=False``. That encoder is kept here, word for word, as
the reference."""

from __future__ import annotations

import base64
import json
from dataclasses import fields, is_dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

import pytest
from hypothesis import given, settings

from scrutiny_desk.domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    AttendeeKind,
    ConsiderationOutcome,
    Country,
    EvidenceKind,
    InterestCategory,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
    MinutesStatus,
    PaperLanguage,
    RecommendationStatus,
    ReportPurpose,
    ResponseOutcome,
    ReviewStatus,
    StandardItem,
    VoteChoice,
)
from scrutiny_desk.domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from scrutiny_desk.domain.localtime import format_instant, format_local
from scrutiny_desk.domain.records import (
    Action,
    AgendaItem,
    Attendance,
    Attendee,
    Contact,
    Declaration,
    Evidence,
    EvidenceFile,
    Exclusion,
    Interest,
    Interface,
    ItemReport,
    Meeting,
    Member,
    Milestone,
    MinutesHistoryEntry,
    MonthDay,
    Note,
    ProgressUpdate,
    Recommendation,
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    Resolution,
    Review,
    ReviewReport,
    TorItem,
    Vote,
    VoteCast,
    Witness,
)
from scrutiny_desk.domain.report_views import ReportDocView
from scrutiny_desk.domain.view_codec import MinutesSnapshot, snapshot_plain
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec, codec_write
from scrutiny_desk.services.approved_minutes import build_snapshot, with_snapshots
from scrutiny_desk.services.report_outline import build_report

from .strategies import reviews

# The encoder before issue 13 ----------------------------------------------------------


def reference_encode(review: Review) -> bytes:
    document = {"format": codec.FORMAT_NAME, "version": codec.CURRENT_VERSION}
    document["review"] = _plain(review)
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, MinutesSnapshot):
        return snapshot_plain(value)
    if isinstance(value, EvidenceFile):
        content = base64.b64encode(value.content).decode("ascii")
        return {"name": value.name, "media_type": value.media_type, "content": content}
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return format_instant(value) if value.tzinfo else format_local(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


# A review with every field of every record set ----------------------------------------

TEXT = 'Line 1\nLine 2\r\n\t"quoted" \\ <b>&amp;</b> \u00e9\u0301 \U0001f4b7 \u2028 \x7f'


def every_field_set(copies: int) -> Review:
    """Every optional field given, every list with entries, at ``copies`` times the size;
    approved minutes with their snapshot, and a reopening that set one aside."""
    tor = (
        TorItem("t1", f"Objective {TEXT}", (TorItem("t1.1", "Question", (TorItem("x", "X"),)),)),
        TorItem("t2", "Objective 2"),
    )
    meetings = []
    for n in range(copies):
        # the first in the hour the clocks repeat; the rest by day, clear of any change
        start = (
            datetime(2026, 10, 25, 1, 30) if n == 0 else datetime(2026, 11, 2, 10) + timedelta(n)
        )
        first, last, substitute = f"m{n}i0", f"m{n}i2", f"m{n}sub"
        items = tuple(
            AgendaItem(
                key=f"m{n}i{i}",
                title=f"Item {i} {TEXT}",
                kind=ItemKind.PROCEDURAL,
                access=Access.CLOSED,
                closed_reason="Private",
                public_title="Public title",
                exemption="Paragraph 3",
                start=start,
                end=start + timedelta(minutes=15),
                witnesses=("w1", "w2"),
                tor=("t1.1", "x"),
                minute=f"Minute {TEXT}",
                # version 6: decisions, one with a vote by name of those present
                resolutions=(
                    Resolution(
                        f"That {TEXT}",
                        Vote(
                            1,
                            0,
                            1,
                            (
                                VoteCast("chair", VoteChoice.FOR),
                                VoteCast(substitute, VoteChoice.ABSTAINED),
                            ),
                        ),
                    ),
                ),
                standard=StandardItem.PREVIOUS_MINUTES,
                title_cy=f"Eitem {i} {TEXT}",  # version 7
                public_title_cy="Teitl cyhoeddus",
                reports=(
                    ItemReport(
                        f"m{n}i{i}r0",
                        f"Report {TEXT}",
                        EvidenceFile(f"r{n}.pdf", "application/pdf", b"%PDF-1.4\n" + TEXT.encode()),
                        late=True,
                    ),
                    ItemReport(f"m{n}i{i}r1", "From the evidence", evidence=f"e{n}"),
                ),
            )
            for i in range(3)
        )
        meetings.append(
            Meeting(
                key=f"m{n}",
                title=f"Meeting {n}",
                kind=MeetingKind.EVIDENCE,
                start=start,
                end=start + timedelta(hours=2),
                venue="Room 1",
                status=MeetingStatus.HELD,
                uid=f"uid-{n}",
                sequence=2**31 - 1,
                attendance=(
                    Attendance("chair", AttendanceStatus.PRESENT, first, last),
                    Attendance("p1", AttendanceStatus.APOLOGIES, first, last),
                ),
                minutes_status=MinutesStatus.APPROVED,
                minutes_approved_on=date(2027, 1, 1),
                items=items,
                agenda_published_on=date(2026, 10, 1),
                minutes_approved_at=f"m{n}",
                minutes_history=(
                    MinutesHistoryEntry(
                        datetime(2026, 11, 1, 9, 0, 0, 1, tzinfo=timezone(-timedelta(hours=5))),
                        "Clerk",
                        MinutesEvent.APPROVED,
                        note=TEXT,
                    ),
                    MinutesHistoryEntry(
                        datetime(2026, 11, 2, tzinfo=UTC), "Clerk", MinutesEvent.UNLOCKED, "Fix"
                    ),
                ),
                joining_link=f"https://meet.example.org/j/{n}?pwd=x",  # version 5
                issued=(
                    CalendarIssue(
                        datetime(2026, 10, 1, 9, 30, tzinfo=timezone(timedelta(hours=1))),
                        f"Clerk {TEXT}",
                        IssueKind.CANCELLATION,
                        f"uid-{n}-w2",
                        3,
                        (
                            IssuedTo(PersonKind.WITNESS, "w2", f"Two {TEXT}", "w2@example.org"),
                            IssuedTo(PersonKind.MEMBER, "gone", "Former", "gone@example.org"),
                        ),
                        reason=f"no longer on the agenda {TEXT}",
                    ),
                ),
                began=start + timedelta(minutes=5),  # version 6
                ended=start + timedelta(minutes=110),
                attendees=(
                    Attendee(
                        substitute,
                        AttendeeKind.SUBSTITUTE,
                        f"Substitute {TEXT}",
                        f"Councillor {TEXT}",
                        "sub@example.org",
                        "p1",
                        first,
                        last,
                    ),
                ),
                declarations=(
                    Declaration(substitute, last, TEXT, InterestCategory.NON_REGISTRABLE, True),
                ),
                title_cy=f"Cyfarfod {n} {TEXT}",  # version 7
                urgency=f"Urgent {TEXT}",
            )
        )
    review = Review(
        title=TEXT,
        body="Body",
        summary="Summary",
        status=ReviewStatus.MONITORING,
        timezone="Europe/London",
        contact=Contact(*(f"{f.name} {TEXT}" for f in fields(Contact))),
        panel=(
            Member("chair", "Chair", MemberRole.CHAIR, "chair@example.org"),
            Member("p1", "Member", MemberRole.MEMBER, "p1@example.org"),
        ),
        terms_of_reference=tor,
        exclusions=(Exclusion(TEXT), Exclusion("Second")),
        interfaces=(Interface("Health board", "HB"), Interface("Police", "P")),
        milestones=(Milestone(date(1, 1, 1), "first", True), Milestone(date(9999, 12, 31), "x")),
        witnesses=(
            Witness("w1", "One", "Officer", "Council", "w1@example.org", InvitationState.CONFIRMED),
            Witness("w2", "Two", "Role", "Org", "w2@example.org", InvitationState.INVITED, True),
        ),
        meetings=tuple(meetings),
        evidence=tuple(
            Evidence(
                key=f"e{n}",
                title=f"Evidence {n}",
                kind=EvidenceKind.WRITTEN,
                witness="w1",
                source="Source",
                received=date(2026, 1, 2),
                access=Access.CLOSED,
                summary=TEXT,
                tor=("t1", "t2"),
                file=EvidenceFile(f"f{n}.pdf", "application/pdf", bytes(range(256)) * 3),
            )
            for n in range(copies)
        ),
        notes=tuple(
            Note(
                key=f"n{n}",
                text=f"Note {TEXT}",
                created=datetime(2026, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=1))),
                tor=("t1.1",),
                meeting="m0",
                item="m0i0",
                witnesses=("w1", "w2"),
                evidence="e0",
                access=Access.CLOSED,
            )
            for n in range(10 * copies)
        ),
        recommendations=(
            Recommendation(
                key="r1",
                text=TEXT,
                lead="Lead",
                due=date(2030, 1, 1),
                status=RecommendationStatus.IN_PROGRESS,
                response="Accepted",
                tor=("t1",),
                progress=(ProgressUpdate(date(2030, 2, 1), TEXT),),
                notes=("n0", "n1"),
                response_due=date(2030, 3, 31),  # version 8
                responded_on=date(2030, 3, 1),
                response_outcome=ResponseOutcome.PARTLY_ACCEPTED,
            ),
        ),
        actions=(
            Action("a1", TEXT, "Owner", date(2030, 1, 1), ActionStatus.DONE, "m0", Access.CLOSED),
        ),
        clear_days=7,
        exclusion_resolution=TEXT,
        web_page="https://www.example.gov.uk/scrutiny",
        calendar_public_titles=False,
        quorum=2,  # version 6
        minute_numbers=False,
        year_start=MonthDay(2, 29),
        interests=(Interest("chair", TEXT, InterestCategory.DISCLOSABLE_PECUNIARY),),
        language=PaperLanguage.BILINGUAL,  # version 7
        country=Country.WALES,
        retention_until=date(2031, 3, 31),  # version 9
        privacy_notice=f"Privacy: {TEXT}",
    )
    review = with_snapshots(with_report(review, copies))
    set_aside = build_snapshot(review, "m0")
    first = review.meetings[0]
    history = (first.minutes_history[0], replace(first.minutes_history[1], snapshot=set_aside))
    return replace(review, meetings=(replace(first, minutes_history=history), *review.meetings[1:]))


def with_report(review: Review, copies: int) -> Review:
    """Version 8: a report with ``copies`` paragraphs, each citing notes and evidence and
    supporting the recommendation, two versions frozen from it, a comment and an
    amendment."""
    paragraphs = tuple(
        ReportParagraph(
            f"p{n}",
            "tor:t1.1" if n else "summary",
            f"Finding {TEXT}",
            Access.CLOSED,
            ("n1", "n0"),
            ("e0",),
            ("r1",),
        )
        for n in range(copies)
    )
    review = replace(review, report=ReviewReport(paragraphs=paragraphs))
    made = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=-5)))
    versions = tuple(
        ReportVersion(
            number,
            purpose,
            made + timedelta(days=n),
            build_report(review, made=made.date(), version=number, purpose=purpose),
            "m0",
            f"Note {TEXT}",
        )
        for n, (number, purpose) in enumerate(
            (("0.1", ReportPurpose.MEETING), ("final", ReportPurpose.FINAL))
        )
    )
    return replace(
        review,
        report=ReviewReport(
            title=f"Report {TEXT}",
            paragraphs=paragraphs,
            versions=versions,
            comments=(ReportComment("0.1", "p0", "p1", TEXT, date(2026, 12, 2)),),
            considerations=(
                ReportConsideration(
                    "0.1", "p0", "m0", ConsiderationOutcome.AMENDED, "m0i0", f"Amended {TEXT}"
                ),
            ),
            submitted_on=date(2026, 12, 31),
            submitted_to="Cabinet",
            response_months=6,
        ),
    )


def test_the_big_review_sets_every_field() -> None:
    """So the comparisons below cover every field's writer with a value, not a default."""
    review = every_field_set(2)

    def unset(record: Any, path: str) -> list[str]:
        found = []
        for f in fields(record):
            value = getattr(record, f.name)
            if value is None or value == ():
                found.append(f"{path}.{f.name}")
            for child in value if isinstance(value, tuple) else (value,):
                kept_whole = MinutesSnapshot | EvidenceFile | ReportDocView  # views as printed
                if is_dataclass(child) and not isinstance(child, kept_whole):
                    found += unset(child, f"{path}.{f.name}")
        return found

    leaves_without_children = {
        "review.terms_of_reference.children.children.children",
        "review.terms_of_reference.children",  # t2 has none; t1 has
        "review.meetings.minutes_history.snapshot",  # an approval sets none aside
        # version 7: a report is a held file or a piece of evidence, never both
        "review.meetings.items.reports.file",
        "review.meetings.items.reports.evidence",
    }
    assert set(unset(review, "review")) <= leaves_without_children
    assert review.meetings[0].minutes_history[1].snapshot is not None


@pytest.mark.parametrize("copies", [1, 40])
def test_writes_the_bytes_the_generic_encoder_wrote(copies: int) -> None:
    review = every_field_set(copies)
    assert codec.encode(review) == reference_encode(review)


def test_writes_the_shipped_sample_as_the_generic_encoder_did() -> None:
    sample = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    assert any(m.minutes_snapshot for m in sample.meetings)
    assert codec.encode(sample) == reference_encode(sample)


@settings(max_examples=100, deadline=None)
@given(reviews())
def test_writes_any_review_as_the_generic_encoder_did(review: Review) -> None:
    assert codec.encode(review) == reference_encode(review)


def test_plain_json_lays_out_values_as_the_json_module_does() -> None:
    value = {"a": [1, -2, 2.5, True, False, None, 'x\u2028"\\'], "b": {}, "c": [], "d": {"e": []}}
    assert codec_write.plain_json(value, "") == json.dumps(value, indent=2, ensure_ascii=False)
    with pytest.raises(TypeError, match="set is not a plain JSON value"):
        codec_write.plain_json({"s": {1}}, "")


def test_a_layout_that_misses_a_field_is_refused_at_once() -> None:
    with pytest.raises(TypeError, match="the layout of Interface"):
        codec_write._Layout(Interface, [("name", codec_write._text)])
    with pytest.raises(TypeError, match="the layout of Interface"):
        codec_write._Layout(
            Interface, [("abbreviation", codec_write._text), ("name", codec_write._text)]
        )
