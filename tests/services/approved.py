"""Reopening the sample's approved minutes, for tests of edits that approved minutes
refuse (issue 10: approved minutes stay as approved until they are reopened)."""

from __future__ import annotations

from scrutiny_desk.services.container import Services


def reopen(services: Services, review_id: int, *keys: str) -> None:
    """Reopen the approved minutes of these meetings, as a clerk would before editing."""
    for key in keys:
        meeting_id = services.meeting_edits.find(review_id, key).id
        record = services.minutes.minutes(meeting_id)
        services.minutes.reopen_minutes(meeting_id, record.version, "To make a correction")
