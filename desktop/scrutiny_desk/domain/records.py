"""Records of the review model, as frozen dataclasses.

The document records (``Review`` and everything under it) mirror the interchange
format field for field and in the same order: references between them are the keys
of the review they belong to. The summary records (``ReviewSummary``, ``MeetingSummary`` ...) are
what lists and editors work with: they carry the database id and the version counter
an update must quote back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

from .enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    EvidenceKind,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
    MinutesStatus,
    RecommendationStatus,
    ReviewStatus,
)
from .invitation_records import CalendarIssue
from .localtime import DEFAULT_TIMEZONE
from .view_codec import MinutesSnapshot

DEFAULT_CLEAR_DAYS = 5  # England: five clear days (Local Government Act 1972, s.100B)

Keys = tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    fax: str | None = None
    minicom: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Member:
    key: str
    name: str
    role: MemberRole = MemberRole.MEMBER
    email: str | None = None


@dataclass(frozen=True)
class TorItem:
    key: str
    text: str
    children: tuple[TorItem, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    text: str


@dataclass(frozen=True)
class Interface:
    name: str
    abbreviation: str | None = None


@dataclass(frozen=True)
class Milestone:
    date: date
    title: str
    done: bool = False


@dataclass(frozen=True)
class Witness:
    key: str
    name: str
    role: str | None = None
    organisation: str | None = None
    email: str | None = None
    invitation: InvitationState = InvitationState.TO_INVITE  # version 2
    private: bool = False  # version 2: asked to give evidence in private


@dataclass(frozen=True)
class Attendance:
    member: str
    status: AttendanceStatus


@dataclass(frozen=True)
class AgendaItem:
    key: str
    title: str
    kind: ItemKind = ItemKind.OTHER
    access: Access = Access.OPEN
    closed_reason: str | None = None
    public_title: str | None = None
    exemption: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    witnesses: Keys = ()
    tor: Keys = ()
    minute: str | None = None

    @property
    def is_closed(self) -> bool:
        return self.access is Access.CLOSED


@dataclass(frozen=True)
class MinutesHistoryEntry:
    """Approval and reopening of a meeting's minutes, as recorded (version 2; files of
    versions 2 and 3 may also hold the unlocking and locking of earlier releases)."""

    at: datetime  # aware
    by: str
    event: MinutesEvent
    note: str | None = None
    #: version 4: on a reopening, the approved minutes it set aside, as they printed
    snapshot: MinutesSnapshot | None = None


@dataclass(frozen=True)
class Meeting:
    key: str
    title: str
    kind: MeetingKind
    start: datetime
    end: datetime
    venue: str | None = None
    status: MeetingStatus = MeetingStatus.SCHEDULED
    uid: str | None = None
    sequence: int = 0
    attendance: tuple[Attendance, ...] = ()
    minutes_status: MinutesStatus = MinutesStatus.NONE
    minutes_approved_on: date | None = None
    items: tuple[AgendaItem, ...] = ()
    agenda_published_on: date | None = None  # version 2
    minutes_approved_at: str | None = None  # version 2: key of the approving meeting
    minutes_history: tuple[MinutesHistoryEntry, ...] = ()  # version 2
    #: version 4: the approved minutes as they print; None unless they are approved
    minutes_snapshot: MinutesSnapshot | None = None
    joining_link: str | None = None  # version 5: an online or hybrid meeting's link
    #: version 5: the invitation register, oldest first
    issued: tuple[CalendarIssue, ...] = ()


@dataclass(frozen=True)
class EvidenceFile:
    """A file attached to a piece of evidence (version 3), held whole."""

    name: str  # the file's own name, without any folder
    media_type: str  # e.g. "application/pdf"
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Evidence:
    key: str
    title: str
    kind: EvidenceKind
    witness: str | None = None
    source: str | None = None
    received: date | None = None
    access: Access = Access.OPEN
    summary: str | None = None
    tor: Keys = ()
    file: EvidenceFile | None = None  # version 3


@dataclass(frozen=True)
class Note:
    key: str
    text: str
    created: datetime
    tor: Keys = ()
    meeting: str | None = None
    item: str | None = None
    witnesses: Keys = ()  # version 3 (versions 1 and 2: one witness at most)
    evidence: str | None = None
    access: Access = Access.OPEN


@dataclass(frozen=True)
class ProgressUpdate:
    """A dated report of progress on a recommendation (version 3)."""

    date: date
    text: str


@dataclass(frozen=True)
class Recommendation:
    key: str
    text: str
    lead: str | None = None
    due: date | None = None
    status: RecommendationStatus = RecommendationStatus.DRAFT
    response: str | None = None
    tor: Keys = ()
    progress: tuple[ProgressUpdate, ...] = ()  # version 3: oldest first
    notes: Keys = ()  # version 3: keys of the notes that support it


@dataclass(frozen=True)
class Action:
    key: str
    text: str
    owner: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    meeting: str | None = None
    access: Access = Access.OPEN


@dataclass(frozen=True)
class Review:
    """A whole review, as the interchange format holds it."""

    title: str
    body: str | None = None
    summary: str | None = None
    status: ReviewStatus = ReviewStatus.SCOPING
    timezone: str = DEFAULT_TIMEZONE
    contact: Contact | None = None
    panel: tuple[Member, ...] = ()
    terms_of_reference: tuple[TorItem, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    interfaces: tuple[Interface, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    witnesses: tuple[Witness, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    notes: tuple[Note, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    actions: tuple[Action, ...] = ()
    clear_days: int = DEFAULT_CLEAR_DAYS  # version 2: agenda published this many clear days ahead
    exclusion_resolution: str | None = None  # version 2: None means the standard wording
    web_page: str | None = None  # version 5: the review's public web page
    #: version 5: calendar entries show public titles only (and name no private witness)
    calendar_public_titles: bool = True


# Summary records: what lists and editors use. ----------------------------------------


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    title: str
    body: str | None
    status: ReviewStatus
    timezone: str
    version: int
    meeting_count: int = 0


@dataclass(frozen=True)
class MeetingSummary:
    id: int
    review_id: int
    key: str
    title: str
    kind: MeetingKind
    start: datetime
    end: datetime
    venue: str | None
    status: MeetingStatus
    uid: str
    sequence: int
    minutes_status: MinutesStatus
    version: int
    open_items: int = 0
    closed_items: int = 0
    joining_link: str | None = None  # an online or hybrid meeting's (version 5)


@dataclass(frozen=True)
class WitnessSummary:
    id: int
    review_id: int
    key: str
    name: str
    role: str | None
    organisation: str | None
    email: str | None
    version: int
    appearances: int = 0


@dataclass(frozen=True)
class ReviewFigures:
    """What a review holds, counted: the Overview's "at a glance"."""

    meetings: dict[MeetingStatus, int]
    witnesses: int
    evidence: int
    notes: int
    recommendations: int


@dataclass(frozen=True)
class NamedRef:
    """A person or thing shown beside an item: enough to print, nothing more."""

    key: str
    label: str


@dataclass(frozen=True)
class AgendaEntry:
    id: int
    meeting_id: int
    key: str
    number: int
    title: str
    kind: ItemKind
    access: Access
    closed_reason: str | None
    public_title: str | None
    exemption: str | None
    start: datetime | None
    end: datetime | None
    minute: str | None
    version: int
    witnesses: tuple[NamedRef, ...] = field(default=())
    tor: tuple[NamedRef, ...] = field(default=())

    @property
    def is_closed(self) -> bool:
        return self.access is Access.CLOSED
