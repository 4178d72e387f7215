"""What the services of a meeting's procedural record hand out and take back: people
at the meeting who are not on its panel, the register of members' interests,
declarations of interest, resolutions and votes, quorum and the meeting's times.

As in ``agenda_records``: records carry the database id and the version an edit
quotes back, with names beside keys (what an editor shows); change records name only
what the clerk changed (``domain.changes``: ``KEEP`` leaves a field, ``None`` clears an
optional one); snapshots are what a delete returns, by key, so that an undo puts the
same thing back with the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from .changes import KEEP, Keep
from .enums import AttendeeKind, InterestCategory, VoteChoice
from .errors import Problem
from .procedure import presence, stranded_voters
from .records import Attendee, Declaration, Interest, Meeting, Resolution, Vote
from .rules import text_problem
from .wording import plural

if TYPE_CHECKING:  # agenda_records' snapshots hold this module's records
    from .agenda_records import MinutesRecord

# People at a meeting who are not on its panel --------------------------------------------


@dataclass(frozen=True)
class AttendeeRecord:
    """A substitute, officer or someone also present at a meeting, as an editor shows
    them. ``arrived``/``left`` are item keys in the order of business (None: from the
    start / to the end), with the items' printed numbers beside them."""

    id: int
    review_id: int
    meeting_id: int
    key: str
    position: int  # in the meeting's list of attendees
    kind: AttendeeKind
    name: str
    role: str | None  # an officer's post
    email: str | None
    substitute_for: str | None  # a panel member's key (substitutes only)
    substitute_for_name: str | None
    arrived: str | None
    arrived_number: int | None
    left: str | None
    left_number: int | None
    version: int


@dataclass(frozen=True)
class AttendeeChanges:
    kind: AttendeeKind | Keep = KEEP
    name: str | Keep = KEEP
    role: str | Keep | None = KEEP
    email: str | Keep | None = KEEP
    substitute_for: str | Keep | None = KEEP  # a panel member's key
    arrived: str | Keep | None = KEEP  # an item key of this meeting
    left: str | Keep | None = KEEP


@dataclass(frozen=True)
class PositionedDeclaration:
    """A declaration and its place in the meeting's list (for a snapshot)."""

    meeting_key: str
    position: int
    declaration: Declaration


@dataclass(frozen=True)
class ResolutionVote:
    """A resolution's vote as it was before a delete took a voter's cast away: the
    resolution by its item's key and its place on the item."""

    item_key: str
    position: int
    vote: Vote


@dataclass(frozen=True)
class AttendeeSnapshot:
    """A removed attendee with their declarations and the votes they took part in."""

    review_id: int
    meeting_key: str
    position: int
    attendee: Attendee
    declarations: tuple[PositionedDeclaration, ...] = ()
    votes: tuple[ResolutionVote, ...] = ()


@dataclass(frozen=True)
class ItemQuorumRecord:
    """Whether the meeting was quorate at one item, in the order of business."""

    item_id: int
    item_key: str
    number: int
    title: str  # the real title, as the clerk sees it
    closed: bool
    present: int  # panel members and substitutes there
    quorate: bool


@dataclass(frozen=True)
class MeetingQuorum:
    meeting_id: int
    quorum: int  # the review's
    items: tuple[ItemQuorumRecord, ...]

    @property
    def quorate_throughout(self) -> bool:
        return all(i.quorate for i in self.items)


@dataclass(frozen=True)
class MeetingTimesRecord:
    """When a meeting began and ended (naive local wall clock; None: not recorded)."""

    meeting_id: int
    began: datetime | None
    ended: datetime | None
    version: int  # the meeting's


@dataclass(frozen=True)
class StayMark:
    """A person whose arrival (``arrived`` True) or departure named a deleted item."""

    meeting_key: str
    person: str  # a panel member's or an attendee's key
    arrived: bool


# The register of members' interests -------------------------------------------------


@dataclass(frozen=True)
class InterestRecord:
    id: int
    review_id: int
    member_key: str
    member_name: str
    position: int  # in the review's register
    text: str
    category: InterestCategory
    version: int


@dataclass(frozen=True)
class InterestChanges:
    text: str | Keep = KEEP
    category: InterestCategory | Keep = KEEP


@dataclass(frozen=True)
class InterestSnapshot:
    review_id: int
    position: int
    interest: Interest


# Declarations of interest ---------------------------------------------------------------


@dataclass(frozen=True)
class DeclarationRecord:
    """A declaration made at a meeting: by a panel member or a substitute (``person``
    is either's key), on an item (None: the business generally)."""

    id: int
    meeting_id: int
    position: int
    person: str
    person_name: str
    substitute: bool  # the person is a substitute at this meeting
    item: str | None
    item_number: int | None
    item_title: str | None
    nature: str
    category: InterestCategory
    left_room: bool
    version: int


@dataclass(frozen=True)
class DeclarationChanges:
    person: str | Keep = KEEP
    item: str | Keep | None = KEEP
    nature: str | Keep = KEEP
    category: InterestCategory | Keep = KEEP
    left_room: bool | Keep = KEEP


@dataclass(frozen=True)
class DeclarationSnapshot:
    review_id: int
    entry: PositionedDeclaration


@dataclass(frozen=True)
class OfferedInterests:
    """Someone who may declare at a meeting, with their register entries to offer."""

    person: str
    name: str
    substitute: bool
    interests: tuple[InterestRecord, ...]  # a substitute is on no register: none


# Resolutions and votes --------------------------------------------------------------------


@dataclass(frozen=True)
class NamedCast:
    person: str
    name: str
    choice: VoteChoice


@dataclass(frozen=True)
class ResolutionRecord:
    """A resolution of an item ("RESOLVED – " + ``text``) and its vote, if recorded;
    ``casts`` names the people of a vote by name, in order."""

    id: int
    item_id: int
    item_key: str
    meeting_id: int
    position: int  # on the item
    text: str
    vote: Vote | None
    casts: tuple[NamedCast, ...]
    version: int


@dataclass(frozen=True)
class ResolutionSnapshot:
    review_id: int
    item_key: str
    position: int
    resolution: Resolution


@dataclass(frozen=True)
class Voter:
    """Someone who may vote at an item: a panel member present, or a substitute."""

    key: str
    name: str
    substitute_for_name: str | None = None  # a substitute's panel member


@dataclass(frozen=True)
class ItemVoters:
    item_id: int
    item_key: str
    number: int  # the item's printed number
    voters: tuple[Voter, ...]


@dataclass(frozen=True)
class PreviousMinutesApproval:
    """What ``approve_previous_minutes`` did, in one step: the resolution it added, and
    the previous meeting's minutes before (``before``, what the undo reverts to) and
    after the approval."""

    resolution: ResolutionRecord
    before: MinutesRecord
    approved: MinutesRecord


def text_field_problems(field: str, value: object, *, required: bool) -> list[Problem]:
    """What is wrong with a text field of the procedural record: not text, empty when
    required, or not storable."""
    if value is None and not required:
        return []
    if not isinstance(value, str):
        return [Problem(field, "must be text")]
    if required and not value.strip():
        return [Problem(field, "must not be empty")]
    if why := text_problem(value):
        return [Problem(field, why)]
    return []


def category_problems(field: str, value: object) -> list[Problem]:
    if isinstance(value, InterestCategory):
        return []
    choices = ", ".join(c.value for c in InterestCategory)
    return [Problem(field, f"must be one of: {choices}")]


@dataclass(frozen=True)
class VotesAt:
    """The votes recorded at a meeting's items, as a change of who was there must keep
    them possible: item key -> the people who voted by name, and item key -> the
    number of votes each recorded vote counted."""

    casts: dict[str, list[str]]
    counted: dict[str, list[int]]


def stranded_problems(
    meeting: Meeting, votes: VotesAt, names: dict[str, str], field: str
) -> list[Problem]:
    """A change of who was there may not leave a vote by name cast by someone absent
    for that item, nor a vote counting more people than are present for it (both
    would make a record its own export cannot import): one problem per such vote, on
    ``field``."""
    problems = [
        Problem(
            field,
            f"{names.get(person, person)} voted by name on item {number}, so must be "
            "present for it; change that vote first",
        )
        for person, number in stranded_voters(meeting, votes.casts)
    ]
    for p in presence(meeting):
        for total in votes.counted.get(p.item, ()):
            if total > len(p.voters):
                problems.append(
                    Problem(
                        field,
                        f"{plural(total, 'vote')} were recorded on item {p.number}, but only "
                        f"{plural(len(p.voters), 'member')} would be present for it; change "
                        "that vote first",
                    )
                )
    return problems
