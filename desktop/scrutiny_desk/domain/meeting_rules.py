"""Rules about a meeting that many layers ask, each written once.

Whether a meeting will take place decides whether it has minutes, an agenda deadline,
invitations, clashes and a status line on its papers; the calendar SEQUENCE of its
invitations rises with every change but must fit the 32-bit column. Both were written
out in a dozen places under as many names; ask these instead.
"""

from __future__ import annotations

from .enums import MeetingStatus, MinutesStatus

#: The statuses of a meeting that will not take place (or did not): no minutes, no
#: agenda deadline, no invitation, no clash. For queries that filter on the column.
NOT_TAKING_PLACE = frozenset({MeetingStatus.CANCELLED, MeetingStatus.POSTPONED})

MAX_SEQUENCE = 2**31 - 1  # a 32-bit integer column on every database


def will_not_take_place(status: MeetingStatus) -> bool:
    """A cancelled or postponed meeting will not take place (or did not): it has no
    minutes, no agenda to publish, gets no invitation and clashes with nothing."""
    return status in NOT_TAKING_PLACE


def minutes_are_approved(status: MinutesStatus) -> bool:
    """The rule, written once: approved minutes are the record and stay as approved;
    an edit that would change what they print waits until they are reopened. (Here,
    not in ``agenda_records``, which gives it too: writing a review's file asks it of
    every meeting, and needs none of the agenda's records.)"""
    return status is MinutesStatus.APPROVED


def next_sequence(current: int) -> int:
    """The calendar SEQUENCE after a change (RFC 5546: calendars take the highest as
    the latest), held at ``MAX_SEQUENCE`` so that it always fits its column."""
    return min(current + 1, MAX_SEQUENCE)
