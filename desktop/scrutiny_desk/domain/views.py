"""What an audience may see: the plain data every renderer receives.

``services.publishing`` builds these from a review for one audience, and nothing else
does; renderers (PDF, calendar, e-mail) receive only a view, so what a public paper
cannot show is never handed to the code that draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .enums import (
    ActionStatus,
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    StandardItem,
)

# Defined with the enumerations and the wording, given here too: the window's export
# actions and the agenda's records need them at start, without these views.
from .enums import Audience as Audience
from .wording import CLOSED_TITLE as CLOSED_TITLE


@dataclass(frozen=True)
class ContactView:
    name: str | None
    role: str | None
    address: str | None
    phone: str | None
    fax: str | None
    minicom: str | None
    email: str | None


@dataclass(frozen=True)
class MemberView:
    name: str
    role: MemberRole
    email: str | None


@dataclass(frozen=True)
class PersonView:
    """A witness as papers print them: name, role, organisation."""

    name: str
    role: str | None
    organisation: str | None
    email: str | None = None

    @property
    def label(self) -> str:
        return ", ".join(x for x in (self.name, self.role, self.organisation) if x)


@dataclass(frozen=True)
class TorRef:
    number: str
    text: str


@dataclass(frozen=True)
class ItemView:
    """One agenda item. For the public a closed item keeps only its number, public
    title, the fact that it is closed and its exemption; everything else is empty."""

    number: int
    title: str
    kind: ItemKind
    closed: bool
    exemption: str | None
    reason: str | None
    start: datetime | None
    end: datetime | None
    witnesses: tuple[PersonView, ...]
    tor: tuple[TorRef, ...]
    #: what the minutes print for the item: the clerk's minute, or for a standard item
    #: whose minute is empty the words ``domain.procedure_wording`` gives it from the
    #: record (as this audience may see it); None for a closed item in a public paper
    minute: str | None
    # Format version 6 (issue 15); every field has a default, so that approved minutes
    # kept before still read (``view_codec``).
    #: decisions, in order, each printed "RESOLVED – " + text; none for the public on a
    #: closed item
    resolutions: tuple[ResolutionView, ...] = ()
    #: the running minute number ("12/26"); None when the review numbers no minutes
    minute_number: str | None = None
    #: panel members and substitutes present for the item; None: attendance not recorded
    present: int | None = None
    quorate: bool = True  # whether the meeting was quorate for the item
    #: a standard opening item (apologies, declarations, previous minutes)
    standard: StandardItem | None = None
    #: the minute was worded from the record (a standard item with no minute written)
    worded: bool = False
    # Format version 7 (issue 16): defaults again, for minutes approved before.
    #: the Welsh title bilingual papers print beside ``title`` (for the public on a
    #: closed item, the Welsh public title); None: none given
    title_cy: str | None = None
    #: the reports the item considers, in order (agenda packs); none for the public on
    #: a closed item
    reports: tuple[ReportView, ...] = ()
    # Format version 8 (issue 17): a default again, for minutes approved before.
    #: what the meeting decided on the paragraphs of the review's report it considered
    #: under this item, worded ("The panel considered version 0.2 of its draft report:
    #: paragraphs 3.1 and 3.2 agreed; 3.3 amended"); None: no report considered here
    considered: str | None = None


@dataclass(frozen=True)
class ReportView:
    """A report an agenda item considers, as the agenda lists it and the pack appends
    it. Only its key and title: the service fetches the file of each report a view
    shows, so a pack never holds a report its audience may not see."""

    key: str
    title: str
    late: bool = False  # in the supplementary pack, not the main one


@dataclass(frozen=True)
class VoteView:
    """A vote on a resolution: counts, and when recorded by name who voted how (names
    are not closed material: they print wherever the resolution does)."""

    in_favour: int
    against: int
    abstained: int
    for_names: tuple[str, ...] = ()
    against_names: tuple[str, ...] = ()
    abstained_names: tuple[str, ...] = ()

    @property
    def named(self) -> bool:
        return bool(self.for_names or self.against_names or self.abstained_names)


@dataclass(frozen=True)
class ResolutionView:
    """A decision, printed "RESOLVED – " followed by ``text``."""

    text: str
    vote: VoteView | None = None


@dataclass(frozen=True)
class AttendanceView:
    """A panel member at the meeting. ``arrived`` and ``left`` (version 6) are printed
    item numbers: the first and last item they were present for (None: from the start,
    to the end); ``substitute`` names who attended in their place."""

    name: str
    role: MemberRole
    status: AttendanceStatus
    arrived: int | None = None
    left: int | None = None
    substitute: str | None = None


@dataclass(frozen=True)
class AttendeeView:
    """Someone at the meeting who is not on its panel (version 6): a substitute (for
    ``substitute_for``, the member's name), an officer in attendance (``role``: their
    post) or someone also present; ``arrived`` and ``left`` as for ``AttendanceView``.
    Not closed material: both audiences see them."""

    kind: AttendeeKind
    name: str
    role: str | None = None
    substitute_for: str | None = None
    arrived: int | None = None
    left: int | None = None


@dataclass(frozen=True)
class DeclarationView:
    """A declaration of interest (version 6): by whom (name), on which item (printed
    number and title as the audience sees it; None: on the business generally), its
    nature (None when withheld: a closed item in a public paper), its category and
    whether the member left the room."""

    member: str
    item: int | None
    item_title: str | None
    nature: str | None
    category: InterestCategory
    left_room: bool = False


@dataclass(frozen=True)
class ActionView:
    text: str
    owner: str | None
    due: date | None
    status: ActionStatus
    closed: bool


@dataclass(frozen=True)
class MeetingView:
    """A meeting as one audience may see it. Times are local (``timezone``) and UTC."""

    audience: Audience
    body: str | None
    review_title: str
    title: str
    kind: MeetingKind
    status: MeetingStatus
    timezone: str
    start: datetime
    end: datetime
    start_utc: datetime
    end_utc: datetime
    venue: str | None
    uid: str
    sequence: int
    contact: ContactView | None
    members: tuple[MemberView, ...]
    items: tuple[ItemView, ...]  # printed order: open items, then closed items
    attendance: tuple[AttendanceView, ...]
    witnesses_heard: tuple[PersonView, ...]
    actions: tuple[ActionView, ...]
    minutes_status: MinutesStatus
    minutes_approved_on: date | None
    #: the review's own wording of the exclusion resolution; None: the standard wording
    exclusion_resolution: str | None = None
    # Format version 6 (issue 15): every field has a default (approved minutes kept
    # before still read).
    began: datetime | None = None  # local, as ``start``
    ended: datetime | None = None  # local: "The meeting ended at 4.32 pm."
    #: substitutes, officers in attendance and others also present, in that order
    attendees: tuple[AttendeeView, ...] = ()
    declarations: tuple[DeclarationView, ...] = ()
    quorum: int | None = None  # the review's quorum
    #: what the minutes print where the meeting was not quorate, one sentence each
    quorum_notes: tuple[str, ...] = ()
    agenda_published_on: date | None = None  # the agenda's publication statement
    clear_days: int | None = None
    #: the Schedule 12A paragraphs the closed business shown relies on, ascending
    exempt_paragraphs: tuple[int, ...] = ()
    #: what the first page and the PDF title say of whose copy it is: "PANEL COPY –
    #: contains exempt information (paragraph 1)", "PANEL COPY"; None for the public
    copy_label: str | None = None
    #: the resolution excluding the press and public (the agenda's wording, naming the
    #: paragraphs), when the meeting has closed items: in both audiences' papers
    exclusion_minute: str | None = None
    # Format version 7 (issue 16): defaults, for minutes approved before.
    title_cy: str | None = None  # the meeting's Welsh title
    #: why the agenda was published late (the reason for urgency it prints)
    urgency: str | None = None

    @property
    def open_items(self) -> tuple[ItemView, ...]:
        return tuple(i for i in self.items if not i.closed)

    @property
    def closed_items(self) -> tuple[ItemView, ...]:
        return tuple(i for i in self.items if i.closed)

    @property
    def chair(self) -> MemberView | None:
        return next((m for m in self.members if m.role is MemberRole.CHAIR), None)


@dataclass(frozen=True)
class WitnessView:
    """What one witness is sent: the meeting's heading and their own items only."""

    meeting: MeetingView  # audience WITNESS: items are theirs, other witnesses removed
    witness: PersonView
    witness_key: str
    slot_start: datetime  # local: their items' span, else the meeting's
    slot_end: datetime
    slot_start_utc: datetime
    slot_end_utc: datetime
    uid: str  # derived from the meeting's UID and the witness's key
    sequence: int


@dataclass(frozen=True)
class ProgrammeView:
    audience: Audience
    body: str | None
    review_title: str
    timezone: str
    contact: ContactView | None
    meetings: tuple[MeetingView, ...]


# Calendar files (issue 14) ---------------------------------------------------------------


@dataclass(frozen=True)
class CalendarView:
    """What one calendar event (and the e-mail carrying it) may say, and to whom it is
    marked. ``services.publishing`` decides it from the review's setting "calendar
    entries show public titles only": ``meeting`` is then the public view (private
    witnesses removed too), else the panel's or the witness's own. A view kept apart
    from ``MeetingView``, whose fields are frozen into approved minutes."""

    meeting: MeetingView
    #: carries closed business (a closed item, a private witness): CLASS:CONFIDENTIAL
    #: and "NOT FOR PUBLICATION" at the top of the text
    confidential: bool = False
    joining_link: str | None = None  # RFC 7986 CONFERENCE, and a line in the text
    web_page: str | None = None  # the review's public page: URL on a programme's event
    #: a witness's own event: their UID, SEQUENCE and slot; None for the meeting's
    witness: WitnessView | None = None
    #: item numbers shown; a private witness's invitation hides them, since they would
    #: tell that there are other items
    numbered: bool = True
    #: version 9: the privacy notice a witness's own invitation ends with
    privacy_notice: str | None = None


@dataclass(frozen=True)
class CalendarProgramme:
    """Every meeting of a review as a subscribed calendar shows it."""

    audience: Audience
    review_title: str
    web_page: str | None
    events: tuple[CalendarView, ...]

    @property
    def meetings(self) -> tuple[MeetingView, ...]:
        return tuple(e.meeting for e in self.events)


# Coverage of the terms of reference (issue 5) ---------------------------------------


class SourceKind(StrEnum):
    """Where a note's evidence came from: the matrix's column groups, in this order."""

    MEETING = "meeting"
    WITNESS = "witness"
    EVIDENCE = "evidence"


@dataclass(frozen=True)
class CoverageSource:
    """One column of the coverage matrix."""

    kind: SourceKind
    key: str
    title: str  # the meeting's title, the witness's name, the evidence's title
    detail: str | None  # the witness's role and organisation; the evidence's kind and source
    day: date | None  # the meeting's date; the evidence's date received
    closed: bool  # closed evidence (only in the panel's view)
    notes: int  # distinct notes counted from this source, on any item


@dataclass(frozen=True)
class PlannedView:
    """Where evidence on an item is planned: an agenda item that names it, or a piece
    of evidence registered against it."""

    kind: SourceKind  # MEETING (an agenda item) or EVIDENCE
    source: str  # the meeting's title; the evidence's title
    day: date | None
    title: str  # the agenda item's title; the evidence's kind


@dataclass(frozen=True)
class CoverageRow:
    """One term of reference. ``cells`` and ``notes`` count the notes taken against
    the item itself; ``rolled`` adds every sub-item's, each note once. An item is a
    gap when ``rolled`` is empty: nothing on it or under it."""

    key: str
    number: str  # 1, 1.2, 1.2.3
    text: str
    depth: int  # 0 for an objective
    has_children: bool
    cells: dict[int, tuple[int, ...]]  # source column -> note ids (non-empty cells only)
    notes: tuple[int, ...]  # distinct note ids on the item itself
    rolled: tuple[int, ...]  # on the item or any sub-item, distinct
    from_meetings: int  # own notes taken at a meeting
    from_witnesses: int  # own notes attributed to at least one witness
    from_evidence: int  # own notes taken against a piece of evidence
    closed: int  # own notes that are closed (always 0 in the public view)
    planned: tuple[PlannedView, ...]

    @property
    def total(self) -> int:
        return len(self.notes)

    @property
    def rolled_total(self) -> int:
        return len(self.rolled)

    @property
    def gap(self) -> bool:
        return not self.rolled

    def count(self, column: int) -> int:
        return len(self.cells.get(column, ()))


@dataclass(frozen=True)
class CoverageView:
    """Terms of reference against sources, as one audience may see it."""

    audience: Audience
    body: str | None
    review_title: str
    generated: datetime  # aware
    sources: tuple[CoverageSource, ...]  # meetings by date, witnesses, evidence
    rows: tuple[CoverageRow, ...]  # the terms of reference in tree order
    notes: int  # distinct notes counted
    closed_notes: int  # of which closed (panel only)
    closed_ids: frozenset[int] = frozenset()  # the closed notes' ids (panel only)

    def closed_in(self, ids: tuple[int, ...]) -> int:
        """How many of these notes are closed."""
        return sum(1 for i in ids if i in self.closed_ids) if self.closed_ids else 0

    @property
    def closed_counted(self) -> bool:
        """Whether closed material is counted: the panel's paper is then NOT FOR
        PUBLICATION."""
        return self.closed_notes > 0 or any(s.closed for s in self.sources)

    @property
    def gaps(self) -> tuple[CoverageRow, ...]:
        return tuple(r for r in self.rows if r.gap)

    def columns(self, kind: SourceKind) -> range:
        """The columns of one group of sources."""
        first = next((n for n, s in enumerate(self.sources) if s.kind is kind), len(self.sources))
        last = first
        while last < len(self.sources) and self.sources[last].kind is kind:
            last += 1
        return range(first, last)


# The action plan (issue 5) -------------------------------------------------------------


@dataclass(frozen=True)
class ProgressView:
    date: date
    text: str


@dataclass(frozen=True)
class RecommendationView:
    """One row of the action plan. ``number`` is the recommendation's number in the
    review's full list (so a public plan without the drafts keeps the report's
    numbers); ``status`` is in words ("In progress")."""

    number: int
    text: str
    lead: str | None
    due: date | None
    status: str
    draft: bool
    overdue: bool
    response: str | None
    latest: ProgressView | None
    tor: tuple[TorRef, ...]
    # issue 17: the body's response to the report ("accepted", "partly-accepted",
    # "rejected"), the date it was given, and the date it is due by while none has come
    response_outcome: str | None = None
    responded_on: date | None = None
    response_due: date | None = None


@dataclass(frozen=True)
class ActionPlanView:
    """The recommendations as one audience may see them: the public sees no drafts."""

    audience: Audience
    body: str | None
    review_title: str
    as_of: date  # overdue means due before this date
    contact: ContactView | None
    recommendations: tuple[RecommendationView, ...]

    @property
    def overdue(self) -> int:
        return sum(1 for r in self.recommendations if r.overdue)
