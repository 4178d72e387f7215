"""The invitation register: what the app issued to whom, and what each person needs now.

Every invitation, update and cancellation Scrutiny Desk writes (a calendar file or a
ready-to-send e-mail) is recorded as a ``CalendarIssue`` with its recipients, UID,
SEQUENCE, when and by whom (format version 5, ``meeting.issued``). The app cannot know
what was actually sent or received, so the register says "issued", never "sent".

A recipient is kept by the key they had (a panel member's or a witness's) and the name
and address the file was issued to, so the register still says who holds an event
after a member leaves the panel or a witness is taken off the agenda: they are the
people a cancellation must reach. A witness's replies (invited, accepted, declined)
stay on the witness (``Witness.invitation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class IssueKind(StrEnum):
    INVITATION = "invitation"  # a REQUEST to someone who held no live event
    UPDATE = "update"  # a REQUEST with the same UID and a higher SEQUENCE
    CANCELLATION = "cancellation"  # a CANCEL of that UID

    @property
    def method(self) -> str:
        """The iTIP method of the calendar file."""
        return "CANCEL" if self is IssueKind.CANCELLATION else "REQUEST"


class PersonKind(StrEnum):
    MEMBER = "member"  # a panel member: the meeting's own UID
    WITNESS = "witness"  # a witness: their own UID and slot (publishing.witness_uid)


@dataclass(frozen=True)
class IssuedTo:
    """One recipient of an issue, as it was issued."""

    person: PersonKind
    key: str  # the member's or witness's key then; may no longer exist
    name: str
    email: str


@dataclass(frozen=True)
class CalendarIssue:
    """One file the app wrote for a meeting: an entry of the register."""

    at: datetime  # aware
    by: str
    kind: IssueKind
    uid: str
    sequence: int
    recipients: tuple[IssuedTo, ...]
    reason: str | None = None  # e.g. "postponed", "no longer on the agenda"
