"""The meeting rules many layers ask: whether it will take place, the next SEQUENCE."""

from __future__ import annotations

import pytest

from scrutiny_desk.domain.enums import MeetingStatus
from scrutiny_desk.domain.meeting_rules import (
    MAX_SEQUENCE,
    NOT_TAKING_PLACE,
    next_sequence,
    will_not_take_place,
)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (MeetingStatus.SCHEDULED, False),
        (MeetingStatus.HELD, False),
        (MeetingStatus.POSTPONED, True),
        (MeetingStatus.CANCELLED, True),
    ],
)
def test_only_cancelled_and_postponed_meetings_will_not_take_place(
    status: MeetingStatus, expected: bool
) -> None:
    assert will_not_take_place(status) is expected
    assert (status in NOT_TAKING_PLACE) is expected


def test_every_status_is_decided() -> None:
    assert {s for s in MeetingStatus if will_not_take_place(s)} == NOT_TAKING_PLACE


def test_the_sequence_rises_by_one() -> None:
    assert next_sequence(0) == 1
    assert next_sequence(41) == 42


def test_the_sequence_stops_at_what_its_column_holds() -> None:
    assert next_sequence(MAX_SEQUENCE - 1) == MAX_SEQUENCE
    assert next_sequence(MAX_SEQUENCE) == MAX_SEQUENCE
    assert MAX_SEQUENCE == 2**31 - 1
