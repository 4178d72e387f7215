"""What the agenda, minutes and actions services hand out and take back.

Records (``ItemRecord``, ``MinutesRecord``, ``AttendanceRecord``, ``ActionRecord``) are
what an editor shows: the database id and the version an edit must quote back, with
everything the row means in words (names beside keys). Snapshots (``ItemSnapshot``,
``ActionSnapshot``) are what a delete returns so that an undo can put the same thing
back with the same keys: they hold document records, which name other rows by key,
because ids do not survive a delete and restore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from .enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    ItemKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    StandardItem,
)
from .errors import Problem, ValidationError
from .meeting_rules import minutes_are_approved as minutes_are_approved  # given here too
from .meeting_rules import will_not_take_place
from .records import Action, AgendaItem, Keys, MinutesHistoryEntry, NamedRef
from .wording import CLOSED_TITLE, day_month_year

if TYPE_CHECKING:  # named in fields only: the agenda tab, built at start, needs
    # neither the procedure records nor the papers' views (some 35 ms of imports)
    from .procedure_records import PositionedDeclaration, StayMark
    from .view_codec import MinutesSnapshot

STANDARD_ITEMS = (
    "Apologies for absence",
    "Declarations of interest",
    "Minutes of the previous meeting",
)
"""The opening items of most agendas, in the order councils print them."""

STANDARD_MARKS = (
    StandardItem.APOLOGIES,
    StandardItem.DECLARATIONS,
    StandardItem.PREVIOUS_MINUTES,
)
"""What each of ``STANDARD_ITEMS`` is marked as: its minute is worded from the record."""


@dataclass(frozen=True)
class ItemRecord:
    """An agenda item as an editor shows it.

    ``position`` is its place in agenda order (0, 1, 2 ... with no gaps), the order the
    clerk arranges; ``number`` is the number printed on papers, which puts open items
    first and closed ones after them (Part 1, then Part 2)."""

    id: int
    review_id: int
    meeting_id: int
    key: str
    position: int
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
    witnesses: tuple[NamedRef, ...] = ()
    tor: tuple[NamedRef, ...] = ()
    private_witnesses: Keys = ()  # this item's witnesses who asked to be heard in private
    standard: StandardItem | None = None  # a standard item: its minute is worded from the record
    title_cy: str | None = None  # the Welsh title bilingual papers print beside the English
    public_title_cy: str | None = None  # the Welsh public title of a closed item
    #: The notes this very edit stored closed (only ``close_item``'s record names any):
    #: its undo gives them to ``reopen_item`` to open them again, as they were.
    notes_closed: Keys = field(default=(), compare=False)

    @property
    def is_closed(self) -> bool:
        return self.access is Access.CLOSED

    @property
    def has_slot(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def needs_privacy(self) -> bool:
        """Open, but a witness under it asked to give evidence in private: the clerk
        should be offered to close it."""
        return not self.is_closed and bool(self.private_witnesses)

    @property
    def printed_public_title(self) -> str:
        """What public papers show of this item when it is closed."""
        return self.public_title or CLOSED_TITLE


@dataclass(frozen=True)
class NoteLink:
    """A note that named a deleted item, and the access it had before the delete."""

    key: str
    access: Access


@dataclass(frozen=True)
class DecisionLink:
    """A meeting's decision on a paragraph of the report that was recorded under a
    deleted item: the version's number and the paragraph's key (the decision stays in
    the review without the item, as the database leaves it)."""

    version: str
    paragraph: str


@dataclass(frozen=True)
class ItemSnapshot:
    """A deleted agenda item with everything that went with it, by key.

    ``item`` holds its witnesses and terms of reference (keys, in order), its minute
    and its resolutions with their votes; ``notes`` are the notes that named it, which
    stay in the review without it; ``declarations`` those made on it, ``stays`` the
    arrivals and departures recorded at it; ``decisions`` the meetings' decisions on the
    report recorded under it, whose minutes it words."""

    review_id: int
    meeting_key: str
    position: int
    item: AgendaItem
    notes: tuple[NoteLink, ...] = ()
    declarations: tuple[PositionedDeclaration, ...] = ()
    stays: tuple[StayMark, ...] = ()
    decisions: tuple[DecisionLink, ...] = ()


@dataclass(frozen=True)
class MinutesRecord:
    """A meeting's minutes: where they stand, and the meeting they belong to.

    ``version`` is the meeting's version counter, which every lifecycle step quotes.
    ``snapshot`` is the approved minutes as they print, while they are approved."""

    meeting_id: int
    review_id: int
    meeting_key: str
    meeting_title: str
    meeting_start: datetime
    meeting_end: datetime
    meeting_status: MeetingStatus
    timezone: str
    status: MinutesStatus
    approved_on: date | None
    approved_at: str | None  # key of the meeting at which they were approved
    approved_at_title: str | None
    history: tuple[MinutesHistoryEntry, ...]
    version: int
    snapshot: MinutesSnapshot | None = None

    @property
    def locked(self) -> bool:
        """Approved minutes are frozen: approval and locking are one step."""
        return minutes_are_approved(self.status)

    @property
    def has_no_minutes(self) -> bool:
        """A meeting that did not take place has no minutes."""
        return will_not_take_place(self.meeting_status)

    @property
    def locked_message(self) -> str | None:
        """Why the meeting's minutes cannot be changed, or None when they can."""
        if not self.locked:
            return None
        return approved_minutes_message(self.meeting_title, self.approved_on)

    def refuse_if_locked(self) -> None:
        """Refuse an edit that would change the minutes while they are approved."""
        refuse_if_approved(self.status, self.meeting_title, self.approved_on)


def approved_minutes_message(title: str, approved_on: date | None) -> str:
    when = f" on {day_month_year(approved_on)}" if approved_on else ""
    return (
        f'The minutes of "{title}" were approved{when}; reopen the minutes first '
        "(the reopening is recorded with its reason), then make the change"
    )


def refuse_if_approved(status: MinutesStatus, title: str, approved_on: date | None) -> None:
    """The one guard every minutes-changing edit calls (agenda, minutes, attendance,
    actions, the meeting's own details): MinutesLockedError while approved."""
    if minutes_are_approved(status):
        raise MinutesLockedError(approved_minutes_message(title, approved_on))


class MinutesLockedError(ValidationError):
    """An edit that would change approved minutes. Reopening them is a recorded step."""

    def __init__(self, message: str) -> None:
        super().__init__(Problem("", message))


@dataclass(frozen=True)
class AttendanceRecord:
    """One panel member at one meeting; ``status`` None when nothing is recorded."""

    meeting_id: int
    member_key: str
    member_name: str
    member_role: MemberRole
    status: AttendanceStatus | None
    version: int | None  # of the attendance record; None when there is none
    position: int | None  # the record's place in the meeting's stored attendance list
    arrived: str | None = None  # item key: the first item they were there for (None: start)
    left: str | None = None  # item key: the last (None: to the end)


@dataclass(frozen=True)
class MemberAttendance:
    """One meeting in a panel member's attendance record."""

    meeting_id: int
    meeting_key: str
    meeting_title: str
    start: datetime
    meeting_status: MeetingStatus
    status: AttendanceStatus | None


@dataclass(frozen=True)
class ActionRecord:
    """A follow-up agreed at a meeting (or for the review as a whole)."""

    id: int
    review_id: int
    key: str
    position: int  # in the review's list of actions
    text: str
    owner: str | None
    due: date | None
    status: ActionStatus
    meeting_id: int | None
    meeting_key: str | None
    meeting_title: str | None
    access: Access
    version: int

    @property
    def is_closed(self) -> bool:
        return self.access is Access.CLOSED


@dataclass(frozen=True)
class ActionSnapshot:
    """A deleted action, to put back with the same key at the same place."""

    review_id: int
    position: int
    action: Action
