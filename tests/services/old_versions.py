"""Documents of the current format written as earlier versions wrote them, for the
tests that read old files (round trips, approved minutes, import errors).

Each helper takes a parsed document of the version after it and takes away what that
version added, so the helpers chain: ``as_version_6(as_version_7(as_version_8(document)))``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from scrutiny_desk.domain.records import Review, ReviewReport

#: what version 9 added, by where it is
V9_REVIEW = ("retention_until", "privacy_notice")
#: what version 8 added, by where it is
V8_REVIEW = ("report",)
V8_RECOMMENDATION = ("response_due", "responded_on", "response_outcome")
V8_ITEM_VIEW = ("considered",)
#: what version 7 added, by where it is
V7_REVIEW = ("language", "country")
V7_MEETING = ("title_cy", "urgency")
V7_ITEM = ("title_cy", "public_title_cy", "reports")
V7_MEETING_VIEW = ("title_cy", "urgency")
V7_ITEM_VIEW = ("title_cy", "reports")


def _snapshots(meeting: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The approved minutes a meeting keeps, and those each reopening set aside."""
    kept = [meeting.get("minutes_snapshot")]
    kept += [entry.get("snapshot") for entry in meeting.get("minutes_history") or ()]
    return (s for s in kept if s)


def as_version_8(document: dict[str, Any]) -> dict[str, Any]:
    """A version 9 document as version 8 wrote it: without the review's retention date
    and privacy notice."""
    document["version"] = 8
    for name in V9_REVIEW:
        del document["review"][name]
    return document


def without_version_9(review: Review) -> Review:
    """A review as a version 8 file reads: no retention date, the standard notice."""
    return replace(review, retention_until=None, privacy_notice=None)


def as_version_7(document: dict[str, Any]) -> dict[str, Any]:
    """A version 8 document as version 7 wrote it: without the review's report, the
    recommendations' responses, and what a meeting decided on the report in the views
    its approved minutes keep."""
    document["version"] = 7
    review = document["review"]
    for name in V8_REVIEW:
        del review[name]
    for recommendation in review["recommendations"]:
        for name in V8_RECOMMENDATION:
            del recommendation[name]
    for meeting in review["meetings"]:
        for snapshot in _snapshots(meeting):
            for view in (snapshot["public"], snapshot["panel"]):
                for item_view in view["items"]:
                    for name in V8_ITEM_VIEW:
                        item_view.pop(name, None)
    return document


def without_version_8(review: Review) -> Review:
    """A review as a version 7 file reads: an empty report and no recorded responses."""
    return replace(
        review,
        report=ReviewReport(),
        recommendations=tuple(
            replace(r, response_due=None, responded_on=None, response_outcome=None)
            for r in review.recommendations
        ),
    )


def as_version_6(document: dict[str, Any]) -> dict[str, Any]:
    """A version 7 document as version 6 wrote it: without the papers' language, the
    body's country, the Welsh titles, the reason for urgency and the items' reports,
    in the review and in the views its approved minutes keep."""
    document["version"] = 6
    review = document["review"]
    for name in V7_REVIEW:
        del review[name]
    for meeting in review["meetings"]:
        for name in V7_MEETING:
            del meeting[name]
        for item in meeting["items"]:
            for name in V7_ITEM:
                del item[name]
        for snapshot in _snapshots(meeting):
            for view in (snapshot["public"], snapshot["panel"]):
                for name in V7_MEETING_VIEW:
                    view.pop(name, None)
                for item_view in view["items"]:
                    for name in V7_ITEM_VIEW:
                        item_view.pop(name, None)
    return document


def as_version_5(document: dict[str, Any]) -> dict[str, Any]:
    """A version 6 document as version 5 wrote it: without the procedural record, and
    without approved minutes kept as version 6 prints them (import builds them again)."""
    document["version"] = 5
    review = document["review"]
    for name in ("quorum", "minute_numbers", "year_start", "interests"):
        del review[name]
    for meeting in review["meetings"]:
        meeting["minutes_snapshot"] = None
        for name in ("began", "ended", "attendees", "declarations"):
            del meeting[name]
        for attendance in meeting["attendance"]:
            del attendance["arrived"], attendance["left"]
        for item in meeting["items"]:
            del item["resolutions"], item["standard"]
    return document
