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
from typing import TYPE_CHECKING

from .enums import (
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
from .localtime import DEFAULT_TIMEZONE
from .summaries import MeetingSummary as MeetingSummary
from .summaries import RetentionState as RetentionState
from .summaries import ReviewSummary as ReviewSummary

if TYPE_CHECKING:  # records only name these: a command that writes no paper
    # (export-review) need not define the papers' views, nor a start (which lists
    # meetings) the invitations' records
    from .invitation_records import CalendarIssue
    from .report_views import ReportDocView
    from .view_codec import MinutesSnapshot

DEFAULT_CLEAR_DAYS = 5  # England: five clear days (Local Government Act 1972, s.100B)
DEFAULT_QUORUM = 3  # the common minimum in standing orders

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
class MonthDay:
    """A day of the year without a year: when a review's municipal year starts."""

    month: int
    day: int

    def text(self) -> str:
        """``05-01``: as the interchange format writes it."""
        return f"{self.month:02d}-{self.day:02d}"


MAY_DAY = MonthDay(5, 1)  # the municipal year starts at the annual meeting in May


@dataclass(frozen=True)
class Interest:
    """An entry of the register of members' interests (version 6)."""

    member: str  # the panel member's key
    text: str  # the interest as registered
    category: InterestCategory


@dataclass(frozen=True)
class Attendance:
    """A panel member at a meeting. ``arrived`` and ``left`` (version 6) name items in
    the order of business: the first item the member was present for (None: from the
    start) and the last (None: to the end)."""

    member: str
    status: AttendanceStatus
    arrived: str | None = None
    left: str | None = None


@dataclass(frozen=True)
class Attendee:
    """Someone at a meeting who is not on its panel (version 6): a substitute (who
    attends and votes for ``substitute_for``, a panel member's key), an officer in
    attendance (``role`` is their post) or someone also present. ``arrived`` and
    ``left`` as for ``Attendance``. Keys are unique in the review and differ from
    every panel member's key, so a declaration or a vote can name either."""

    key: str
    kind: AttendeeKind
    name: str
    role: str | None = None
    email: str | None = None
    substitute_for: str | None = None  # substitutes only, and required for them
    arrived: str | None = None
    left: str | None = None


@dataclass(frozen=True)
class Declaration:
    """A declaration of interest made at a meeting (version 6): by a panel member or a
    substitute at the meeting (``member`` is either's key), on an item (None: on the
    meeting's business generally), and whether they left the room for it."""

    member: str
    item: str | None
    nature: str
    category: InterestCategory
    left_room: bool = False


@dataclass(frozen=True)
class VoteCast:
    """One person's vote in a vote recorded by name: a panel member's or a substitute's key."""

    person: str
    choice: VoteChoice


@dataclass(frozen=True)
class Vote:
    """A vote on a resolution (version 6): counts, or by name (``casts``), when the
    counts are the tallies of the names. Only those present for the item vote."""

    in_favour: int = 0
    against: int = 0
    abstained: int = 0
    casts: tuple[VoteCast, ...] = ()

    @property
    def named(self) -> bool:
        return bool(self.casts)


@dataclass(frozen=True)
class Resolution:
    """A decision on an item, minuted as "RESOLVED – That …" (version 6); ``text`` is
    what follows "RESOLVED – " and usually begins "That"."""

    text: str
    vote: Vote | None = None


@dataclass(frozen=True)
class ItemReport:
    """A report an agenda item considers (version 7), printed in the agenda pack after
    the agenda: a PDF held with the item (``file``) or a piece of evidence from the
    register (``evidence``: its key; the evidence's own file is printed). Exactly one
    of the two. A ``late`` report was not ready when the agenda was published: it goes
    in the supplementary pack, whose page numbers continue the main pack's."""

    key: str
    title: str
    file: EvidenceFile | None = None
    evidence: str | None = None
    late: bool = False


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
    resolutions: tuple[Resolution, ...] = ()  # version 6
    standard: StandardItem | None = None  # version 6: its minute is worded from the record
    title_cy: str | None = None  # version 7: the Welsh title, printed beside the English
    public_title_cy: str | None = None  # version 7: the Welsh public title of a closed item
    reports: tuple[ItemReport, ...] = ()  # version 7: the reports the item considers

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
    began: datetime | None = None  # version 6: when the meeting began, local wall clock
    ended: datetime | None = None  # version 6: when it ended ("The meeting ended at 4.32 pm")
    attendees: tuple[Attendee, ...] = ()  # version 6: substitutes, officers, also present
    declarations: tuple[Declaration, ...] = ()  # version 6
    title_cy: str | None = None  # version 7: the Welsh title, printed beside the English
    #: version 7: why the agenda was published with fewer clear days than the review
    #: requires (the reason for urgency the agenda prints); None: not late
    urgency: str | None = None


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
    #: version 8: when the body's response is due; None: the report's default (the date
    #: it went to the body plus the review's response period)
    response_due: date | None = None
    responded_on: date | None = None  # version 8: the date of the body's response
    response_outcome: ResponseOutcome | None = None  # version 8: accepted, partly, rejected


@dataclass(frozen=True)
class Action:
    key: str
    text: str
    owner: str | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    meeting: str | None = None
    access: Access = Access.OPEN


#: version 8: where a paragraph of the report stands. Fixed places name a section of the
#: report's front matter, introduction or conclusions; a findings paragraph stands at
#: ``tor:`` and a terms-of-reference item's key (a top-level item's chapter, or the
#: section of a sub-item), so that it follows the item when the item moves.
REPORT_PLACES = (
    "foreword",
    "summary",
    "background",
    "objectives",
    "scope",
    "interfaces",
    "approach",
    "timetable",
    "conclusions",
)
TOR_PLACE = "tor:"


@dataclass(frozen=True)
class ReportParagraph:
    """A paragraph the clerk wrote in the review's report (version 8). ``place``: one of
    ``REPORT_PLACES`` or ``tor:<key>``; paragraphs print in the order of the report's
    list within each place. ``notes`` and ``evidence`` are what it cites (printed as
    references into the evidence appendix); ``recommendations`` are those it supports
    (each printed in bold after the last paragraph supporting it, and listed with the
    numbers of those paragraphs). A closed paragraph never prints in the public report."""

    key: str
    place: str
    text: str
    access: Access = Access.OPEN
    notes: Keys = ()
    evidence: Keys = ()
    recommendations: Keys = ()


@dataclass(frozen=True)
class ReportVersion:
    """A version of the report frozen when it was made (version 8): ``number`` is "0.1",
    "0.2" … for drafts and "final" for the final report; ``content`` is the report as it
    printed for the panel (``report_views.ReportDocView``, every paragraph numbered and
    marked open or closed), from which the public version is cut. ``meeting``: the
    meeting that considers it (purpose "meeting")."""

    number: str
    purpose: ReportPurpose
    made: datetime  # aware
    content: ReportDocView
    meeting: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReportComment:
    """A panel member's comment on one paragraph of a version issued for comment."""

    version: str  # the version's number
    paragraph: str  # the paragraph's key
    member: str  # the panel member's key
    text: str
    received: date


@dataclass(frozen=True)
class ReportConsideration:
    """What a meeting decided on one paragraph of a version it considered: agreed,
    amended (``amendment``: the words agreed) or deleted. ``item``: the agenda item of
    ``meeting`` under which it was considered, whose minutes record it."""

    version: str
    paragraph: str
    meeting: str
    outcome: ConsiderationOutcome
    item: str | None = None
    amendment: str | None = None


DEFAULT_RESPONSE_MONTHS = 2  # a response to a scrutiny report is commonly due in two months


@dataclass(frozen=True)
class ReviewReport:
    """The review's report (version 8): the paragraphs the clerk wrote into the outline
    generated from the review, the versions frozen from it, the panel's comments and the
    meetings' consideration, and where the report went for a response."""

    title: str | None = None  # None: "<review title>: report of the scrutiny panel"
    paragraphs: tuple[ReportParagraph, ...] = ()
    versions: tuple[ReportVersion, ...] = ()
    comments: tuple[ReportComment, ...] = ()
    considerations: tuple[ReportConsideration, ...] = ()
    submitted_on: date | None = None  # the date it went to its body
    submitted_to: str | None = None  # to whom ("Full Authority")
    response_months: int = DEFAULT_RESPONSE_MONTHS  # responses due this long after


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
    quorum: int = DEFAULT_QUORUM  # version 6: members (or substitutes) present for business
    minute_numbers: bool = True  # version 6: minutes numbered through the municipal year
    year_start: MonthDay = MAY_DAY  # version 6: the day the municipal year starts
    interests: tuple[Interest, ...] = ()  # version 6: the register of members' interests
    language: PaperLanguage = PaperLanguage.ENGLISH  # version 7: the papers' language
    country: Country = Country.ENGLAND  # version 7: which exemption paragraphs apply
    report: ReviewReport = ReviewReport()  # version 8: the review's report
    #: version 9: until when witnesses' and others' personal data is kept; None: six
    #: years after the review closes (set when it is closed, ``retention``)
    retention_until: date | None = None
    #: version 9: the privacy notice invitations to witnesses carry; None: the standard one
    privacy_notice: str | None = None


# Summary records: what lists and editors use. ----------------------------------------
# (ReviewSummary, MeetingSummary and RetentionState, which a start reads, are in
# ``summaries``.)


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
    title_cy: str | None = None  # version 7: the Welsh title
    public_title_cy: str | None = None  # version 7: the Welsh public title (closed items)

    @property
    def is_closed(self) -> bool:
        return self.access is Access.CLOSED
