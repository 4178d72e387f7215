"""The invitation register: what the app issued to whom, and what each person needs now.

Every invitation, update and cancellation Scrutiny Desk writes (a calendar file or a
ready-to-send e-mail) is recorded as a ``CalendarIssue`` with its recipients, UID,
SEQUENCE, when and by whom (format version 5, ``meeting.issued``). The app cannot know
what was actually sent or received, so the register says "issued", never "sent".

A recipient is kept by the key they had (a panel member's, a witness's, or, since format
version 6, a substitute's or an officer's at the meeting) and the name and address the
file was issued to, so the register still says who holds an event after a member
leaves the panel, a witness is taken off the agenda or a substitute is taken off the
meeting: they are the people a cancellation must reach. A witness's replies
(invited, accepted, declined) stay on the witness (``Witness.invitation``).

What each person needs now is worked out by ``invitation_plan`` (a pure rule) from the
meeting as it is and this register: a ``RegisterLine`` per person (the meeting's
Invitations tab) and an ``UpdatePlan`` of the files Send Updates would write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .enums import AttendeeKind


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
    #: version 6: a substitute or an officer in attendance at the meeting: like a
    #: member, the meeting's own UID and the panel's calendar view
    ATTENDEE = "attendee"

    @property
    def panel_file(self) -> bool:
        """Whether they share the panel's file (the meeting's UID), not one of their own."""
        return self is not PersonKind.WITNESS


@dataclass(frozen=True)
class IssuedTo:
    """One recipient of an issue, as it was issued."""

    person: PersonKind
    key: str  # the member's, witness's or attendee's key then; may no longer exist
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


@dataclass(frozen=True)
class AttendingAs:
    """How someone who is not on the panel is at the meeting (version 6 attendees), so
    the register can say "Substitute for Cllr Bob Roy" or "Officer: Scrutiny Officer"."""

    kind: AttendeeKind
    role: str | None = None  # an officer's post
    substitute_for: str | None = None  # the name of the member a substitute attends for


class LineState(StrEnum):
    """Where one person stands, from what was last issued to them."""

    NOT_ISSUED = "not issued"  # invited now, nothing issued to them yet
    UP_TO_DATE = "up to date"  # their last request carries the meeting as it is now
    OLDER = "older than the meeting now is"  # a request issued before a change since
    CANCELLED = "cancelled"  # the last thing issued to them was a cancellation
    #: they hold a live event but are no longer invited, or the meeting will not take
    #: place: Send Updates issues them a cancellation
    TO_CANCEL = "to be cancelled"
    NO_EMAIL = "no e-mail address"  # invited now but no address: left out


@dataclass(frozen=True)
class RegisterLine:
    """One person invited now or named in the register, and where they stand."""

    person: PersonKind
    key: str
    name: str
    email: str | None  # the address they would be sent to now (else the last one used)
    invited_now: bool  # on the panel / on the agenda / a substitute or officer now
    last: CalendarIssue | None  # the last issue that named them
    state: LineState
    attending: AttendingAs | None = None  # an attendee still listed at the meeting


@dataclass(frozen=True)
class PlannedFile:
    """One file Send Updates would write: a panel group's (one UID, all of them as
    ATTENDEEs; ``person`` is MEMBER, and its recipients are members and the meeting's
    substitutes and officers) or one witness's (their own UID and slot)."""

    kind: IssueKind
    person: PersonKind
    uid: str
    sequence: int
    recipients: tuple[IssuedTo, ...]
    reason: str | None
    file_name: str


@dataclass(frozen=True)
class UpdatePlan:
    """What Send Updates would write for one meeting, listed before anything is written."""

    meeting_id: int
    meeting_title: str
    files: tuple[PlannedFile, ...]
    warnings: tuple[str, ...]
    nothing_to_send: str | None  # why, when ``files`` is empty


@dataclass(frozen=True)
class IssuedFiles:
    """The files Send Updates wrote (each recorded in the register)."""

    folder: str
    paths: tuple[str, ...]
    plan: UpdatePlan
