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
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
)

CLOSED_TITLE = "Closed session"


class Audience(StrEnum):
    PUBLIC = "public"
    PANEL = "panel"
    WITNESS = "witness"


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
    minute: str | None


@dataclass(frozen=True)
class AttendanceView:
    name: str
    role: MemberRole
    status: AttendanceStatus


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
