"""Records for editing a review's details, its panel and its witness register.

Output records (``ReviewDetails``, ``MemberRecord``, ``WitnessRecord``) carry the
database id and the version counter an edit must quote back. Change records
(``ReviewChanges``, ``MemberChanges``, ``WitnessChanges``) name only what the user
changed, as ``domain.changes`` says: a field left at ``KEEP`` is not touched, and
``None`` clears an optional field. Snapshots hold everything a delete took away, by
key, so that an undo can put it back exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .changes import KEEP, Keep
from .enums import (
    AttendanceStatus,
    Country,
    InvitationState,
    MemberRole,
    PaperLanguage,
    ReviewStatus,
)
from .errors import Problem
from .records import (
    DEFAULT_QUORUM,
    MAY_DAY,
    Contact,
    Exclusion,
    Interest,
    Interface,
    Member,
    Milestone,
    MonthDay,
    Review,
    Witness,
)
from .rules import text_problem

MAX_EMAIL = 254  # RFC 5321: the longest address a mail server must accept


def email_problem(value: str) -> str | None:
    """Why a text cannot be used as an e-mail address, or None.

    Deliberately simple: one "@" with something either side, no spaces, at most 254
    characters. Invitations are sent to it, so an obvious typing slip is caught here;
    whether the mailbox exists only the mail server knows."""
    if len(value) > MAX_EMAIL:
        return f"is longer than {MAX_EMAIL} characters, too long for an e-mail address"
    if any(c.isspace() for c in value):
        return f'"{value}" is not an e-mail address (it contains a space)'
    local, at, domain = value.partition("@")
    if not at or "@" in domain or not local or not domain:
        return f'"{value}" is not an e-mail address (it needs one "@", as in name@example.org)'
    return None


def normalised_person(values: dict[str, Any], optional: tuple[str, ...]) -> dict[str, Any]:
    """An optional text given as "" is absent (None); an e-mail address loses the
    spaces around it."""
    out = dict(values)
    if isinstance(out.get("email"), str):
        out["email"] = out["email"].strip()
    for name in optional:
        if out.get(name) == "":
            out[name] = None
    return out


def person_problems(values: dict[str, Any], optional: tuple[str, ...]) -> list[Problem]:
    """Problems with a panel member's or witness's given fields, named by field."""
    problems: list[Problem] = []
    if "name" in values:
        name = values["name"]
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem("name", "must not be empty"))
        elif why := text_problem(name):
            problems.append(Problem("name", why))
    for field_name in optional:
        value = values.get(field_name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(Problem(field_name, "must be text"))
            continue
        why = text_problem(value)
        if why is None and field_name == "email":
            why = email_problem(value)
        if why:
            problems.append(Problem(field_name, why))
    return problems


# Review details --------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDetails:
    """Everything about a review that its details dialog edits."""

    id: int
    title: str
    body: str | None
    summary: str | None
    status: ReviewStatus
    timezone: str
    contact: Contact | None
    clear_days: int
    exclusion_resolution: str | None  # None: the standard wording
    exclusions: tuple[Exclusion, ...]
    interfaces: tuple[Interface, ...]
    milestones: tuple[Milestone, ...]
    version: int
    web_page: str | None = None  # the review's public web page
    calendar_public_titles: bool = True  # calendar entries show public titles only
    quorum: int = DEFAULT_QUORUM  # members (or substitutes) present for business
    minute_numbers: bool = True  # minutes numbered through the municipal year
    year_start: MonthDay = MAY_DAY  # the day the municipal year starts
    language: PaperLanguage = PaperLanguage.ENGLISH  # the papers' language
    country: Country = Country.ENGLAND  # which exemption paragraphs the papers cite
    retention_until: date | None = None  # version 9: when its personal data goes
    privacy_notice: str | None = None  # version 9: None: the standard wording


@dataclass(frozen=True)
class ReviewChanges:
    """The changed fields of a review's details; lists replace the whole list."""

    title: str | Keep = KEEP
    body: str | Keep | None = KEEP
    summary: str | Keep | None = KEEP
    status: ReviewStatus | Keep = KEEP
    timezone: str | Keep = KEEP
    contact: Contact | Keep | None = KEEP
    clear_days: int | Keep = KEEP
    exclusion_resolution: str | Keep | None = KEEP
    exclusions: tuple[Exclusion, ...] | Keep = KEEP
    interfaces: tuple[Interface, ...] | Keep = KEEP
    milestones: tuple[Milestone, ...] | Keep = KEEP
    web_page: str | Keep | None = KEEP  # None or "" clears it
    calendar_public_titles: bool | Keep = KEEP
    quorum: int | Keep = KEEP
    minute_numbers: bool | Keep = KEEP
    year_start: MonthDay | Keep = KEEP
    language: PaperLanguage | Keep = KEEP
    country: Country | Keep = KEEP
    retention_until: date | Keep | None = KEEP  # None clears it
    privacy_notice: str | Keep | None = KEEP  # None or "": the standard wording


@dataclass(frozen=True)
class ReviewSnapshot:
    """A deleted review, whole: ``restore_review`` imports it again with the same keys
    and meeting UIDs."""

    review_id: int  # the id it had; a restored review gets a new one
    review: Review


# Panel -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRecord:
    id: int
    review_id: int
    key: str
    name: str
    role: MemberRole
    email: str | None
    version: int


@dataclass(frozen=True)
class MemberChanges:
    name: str | Keep = KEEP
    role: MemberRole | Keep = KEEP
    email: str | Keep | None = KEEP


@dataclass(frozen=True)
class ChairChange:
    """What ``make_chair`` did. To undo it in one step, call
    ``make_chair(demoted.id, demoted.version, demote_to=previous_role)``, or, when
    nobody was chair before, set ``chair``'s role back to ``previous_role``."""

    chair: MemberRecord
    previous_role: MemberRole  # the new chair's role before
    demoted: MemberRecord | None  # the former chair, now a member (or ``demote_to``)


@dataclass(frozen=True)
class AttendanceEntry:
    """One meeting's attendance record of a member, where it stood in that meeting's list."""

    meeting_key: str
    position: int
    status: AttendanceStatus
    arrived: str | None = None  # item keys (format version 6)
    left: str | None = None


@dataclass(frozen=True)
class RegisteredInterest:
    """A member's entry of the register of interests, where it stood in the register."""

    position: int
    interest: Interest


@dataclass(frozen=True)
class MemberSnapshot:
    review_id: int
    position: int
    member: Member
    attendance: tuple[AttendanceEntry, ...] = ()
    interests: tuple[RegisteredInterest, ...] = ()


# Witnesses -------------------------------------------------------------------------


@dataclass(frozen=True)
class Appearance:
    """An agenda item a witness gives evidence under, with its meeting."""

    meeting_key: str
    meeting_title: str
    meeting_start: datetime
    item_key: str
    item_title: str
    item_closed: bool
    meeting_id: int
    item_id: int
    item_version: int  # what the agenda service needs to close the item
    minutes_approved: bool = False  # the meeting's minutes are approved: frozen


@dataclass(frozen=True)
class WitnessRecord:
    id: int
    review_id: int
    key: str
    name: str
    role: str | None
    organisation: str | None
    email: str | None
    invitation: InvitationState
    private: bool
    version: int
    appearances: tuple[Appearance, ...] = ()  # by meeting start, then agenda position

    @property
    def open_appearances(self) -> tuple[Appearance, ...]:
        """The open items the witness is heard under that can still be closed: not
        those of meetings whose minutes are approved (they stay as approved)."""
        return tuple(a for a in self.appearances if not a.item_closed and not a.minutes_approved)


@dataclass(frozen=True)
class WitnessChanges:
    name: str | Keep = KEEP
    role: str | Keep | None = KEEP
    organisation: str | Keep | None = KEEP
    email: str | Keep | None = KEEP
    invitation: InvitationState | Keep = KEEP
    private: bool | Keep = KEEP


@dataclass(frozen=True)
class PrivateChange:
    """The witness after ``set_private``, and the open items they appear under: the GUI
    offers to close those (the agenda service closes them)."""

    witness: WitnessRecord
    open_items: tuple[Appearance, ...]


@dataclass(frozen=True)
class ItemLink:
    """A witness's place in an item's witness list."""

    item_key: str
    position: int


@dataclass(frozen=True)
class NoteLink:
    """A witness's place in a note's witness list (format version 3)."""

    note_key: str
    position: int


@dataclass(frozen=True)
class WitnessSnapshot:
    review_id: int
    position: int
    witness: Witness
    items: tuple[ItemLink, ...] = ()
    evidence: tuple[str, ...] = ()  # keys of evidence the witness submitted
    notes: tuple[NoteLink, ...] = ()  # the notes attributed to the witness


def milestone_date_ok(value: object) -> bool:
    """A calendar date (a datetime is not a milestone date)."""
    return isinstance(value, date) and not isinstance(value, datetime)


@dataclass(frozen=True)
class MeetingTimes:
    """A meeting's wall-clock times and its items' slots: what a time-zone change must
    keep valid."""

    key: str
    title: str
    start: datetime
    end: datetime
    slots: tuple[tuple[str, datetime, datetime], ...] = ()  # (item key, start, end)
