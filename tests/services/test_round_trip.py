"""Export -> import -> export is byte-identical, for any valid review.

A Hypothesis strategy (``strategies.reviews``) builds valid domain ``Review`` records:
keys unique in their lists, references only to keys that exist, meeting times on a
15-minute grid that exist in Europe/London (including the hour repeated when the clocks
go back), item slots inside their meetings, and text with newlines, markup and any
character PostgreSQL can store. The codec alone must give the review back; through the
database (SQLite and PostgreSQL) the export must be the very bytes that were imported.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings

from scrutiny_desk.domain.enums import (
    Access,
    MeetingKind,
    MemberRole,
    MinutesStatus,
    RecommendationStatus,
    ReviewStatus,
)
from scrutiny_desk.domain.records import (
    Action,
    AgendaItem,
    Contact,
    Meeting,
    Member,
    Milestone,
    Note,
    Recommendation,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.domain.rules import check_review
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec
from scrutiny_desk.services.container import Services

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
        assert services.reviews.export_bytes(review_id) == first
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
    assert services.reviews.export_bytes(review_id) == first
    assert services.reviews.document(review_id) == review


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
