"""Typed tables of the review model (SQLAlchemy 2 declarative, ``Mapped[...]``).

Every editable row carries ``version``, SQLAlchemy's version counter: an UPDATE names
the version it read, so a stale write fails instead of overwriting a colleague's.
Rows keep the interchange ``key`` and their ``position`` in their list, so that an
export writes a review back exactly as it came in.

Unlike the other modules, this one has no ``from __future__ import annotations``: the
declarative scan reads every column's ``Mapped[...]`` annotation, and given strings it
evaluates each one again (some 800 ``eval`` calls at every start, about 15% of this
module's import). A column named ``date`` is annotated ``Mapped["date"]``: the class
attribute is bound before its annotation is evaluated. ``tests/store/orm_schema.txt``
records the tables and mappings this module must keep producing.
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Key = String(200)
Enum = String(20)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Audited:
    """Who last changed a row and when (UTC), so a conflict can say who changed what.

    Set on every ORM flush from the session's user (store.db); null for imported rows.
    Audit data about this database copy, not review content: not in the export."""

    updated_by: Mapped[str | None] = mapped_column(Text, default=None)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


def _review_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), index=True)


class ReviewRow(Audited, Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Enum)
    timezone: Mapped[str] = mapped_column(String(64))
    has_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_name: Mapped[str | None] = mapped_column(Text)
    contact_role: Mapped[str | None] = mapped_column(Text)
    contact_email: Mapped[str | None] = mapped_column(Text)
    contact_phone: Mapped[str | None] = mapped_column(Text)
    contact_fax: Mapped[str | None] = mapped_column(Text)
    contact_minicom: Mapped[str | None] = mapped_column(Text)
    contact_address: Mapped[str | None] = mapped_column(Text)
    clear_days: Mapped[int] = mapped_column(Integer, server_default="5")
    exclusion_resolution: Mapped[str | None] = mapped_column(Text)
    web_page: Mapped[str | None] = mapped_column(Text)  # migration 0009
    calendar_public_titles: Mapped[bool] = mapped_column(Boolean, server_default=true())
    quorum: Mapped[int] = mapped_column(Integer, server_default="3")  # migration 0010
    minute_numbers: Mapped[bool] = mapped_column(Boolean, server_default=true())
    year_start_month: Mapped[int] = mapped_column(Integer, server_default="5")
    year_start_day: Mapped[int] = mapped_column(Integer, server_default="1")
    language: Mapped[str] = mapped_column(Enum, server_default="en")  # migration 0011
    country: Mapped[str] = mapped_column(Enum, server_default="england")
    retention_until: Mapped[date | None] = mapped_column(Date)  # migration 0013
    privacy_notice: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class MemberRow(Audited, Base):
    __tablename__ = "panel_members"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Enum)
    email: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class InterestRow(Audited, Base):
    """An entry of the register of members' interests (migration 0010)."""

    __tablename__ = "member_interests"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # in the review's register
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))  # "disclosable-pecuniary" is 21
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class TorRow(Audited, Base):
    __tablename__ = "tor_items"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("tor_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ExclusionRow(Audited, Base):
    __tablename__ = "exclusions"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class InterfaceRow(Audited, Base):
    __tablename__ = "interfaces"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    abbreviation: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class MilestoneRow(Audited, Base):
    __tablename__ = "milestones"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped["date"] = mapped_column(Date)
    title: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class WitnessRow(Audited, Base):
    __tablename__ = "witnesses"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    invitation: Mapped[str] = mapped_column(Enum, server_default="to-invite")
    private: Mapped[bool] = mapped_column(Boolean, server_default=false())
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class MeetingRow(Audited, Base):
    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("review_id", "key"),
        UniqueConstraint("uid"),
        Index("ix_meetings_review_start", "review_id", "start"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Enum)
    start: Mapped[datetime] = mapped_column(DateTime)
    end: Mapped[datetime] = mapped_column(DateTime)
    venue: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Enum)
    uid: Mapped[str] = mapped_column(String(255))
    sequence: Mapped[int] = mapped_column(Integer)
    minutes_status: Mapped[str] = mapped_column(Enum)
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)
    agenda_published_on: Mapped[date | None] = mapped_column(Date)
    minutes_approved_at_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL")
    )
    joining_link: Mapped[str | None] = mapped_column(Text)  # migration 0009
    began: Mapped[datetime | None] = mapped_column(DateTime)  # migration 0010
    ended: Mapped[datetime | None] = mapped_column(DateTime)
    title_cy: Mapped[str | None] = mapped_column(Text)  # migration 0011
    urgency: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class MinutesHistoryRow(Base):
    """Approval and reopening of a meeting's minutes (and the unlocking and locking of
    earlier releases): a record, never edited."""

    __tablename__ = "minutes_history"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    at_utc: Mapped[datetime] = mapped_column(DateTime)
    at_offset_minutes: Mapped[int] = mapped_column(Integer)
    by: Mapped[str] = mapped_column(Text)
    event: Mapped[str] = mapped_column(Enum)
    note: Mapped[str | None] = mapped_column(Text)


class MinutesSnapshotRow(Base):
    """Approved minutes as they print, for the public and the panel (canonical JSON of
    the audience views, ``domain.view_codec``): never edited. With ``history_id`` null,
    the meeting's approved minutes now; with it, the approved minutes that reopening
    set aside (migration 0007)."""

    __tablename__ = "minutes_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    history_id: Mapped[int | None] = mapped_column(
        ForeignKey("minutes_history.id", ondelete="CASCADE"), index=True
    )
    public: Mapped[str] = mapped_column(Text)
    panel: Mapped[str] = mapped_column(Text)


class CalendarIssueRow(Base):
    """One invitation, update or cancellation the app issued for a meeting (written as
    a file or an e-mail): the invitation register (migration 0009). A record, never
    edited; its recipients are kept by name and address as they were issued, so the
    register still says who was sent what after a member or witness is removed."""

    __tablename__ = "calendar_issues"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    at_utc: Mapped[datetime] = mapped_column(DateTime)
    at_offset_minutes: Mapped[int] = mapped_column(Integer)
    by: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Enum)
    uid: Mapped[str] = mapped_column(String(255))
    sequence: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(Text)


class CalendarRecipientRow(Base):
    """Who one issue went to (``calendar_issues``): a panel member or a witness, by the
    key they had then, with the name and address it was issued to."""

    __tablename__ = "calendar_recipients"
    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[int] = mapped_column(
        ForeignKey("calendar_issues.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    person: Mapped[str] = mapped_column(Enum)
    person_key: Mapped[str] = mapped_column(Key)
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text)


class AttendanceRow(Audited, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(Enum)
    arrived_item_id: Mapped[int | None] = mapped_column(  # migration 0010
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    left_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class AttendeeRow(Audited, Base):
    """Someone at a meeting who is not on its panel: a substitute, an officer in
    attendance or someone also present (migration 0010). Keys are unique in the review."""

    __tablename__ = "meeting_attendees"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    kind: Mapped[str] = mapped_column(Enum)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(Text)
    substitute_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="SET NULL"), index=True
    )
    arrived_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    left_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL")
    )
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class DeclarationRow(Audited, Base):
    """A declaration of interest made at a meeting, by a panel member or a substitute
    (exactly one of ``member_id`` and ``attendee_id``), on an item or, with ``item_id``
    null, on the meeting's business generally (migration 0010)."""

    __tablename__ = "declarations"
    __table_args__ = (
        CheckConstraint(
            "(member_id IS NULL) <> (attendee_id IS NULL)", name="member_or_substitute"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    attendee_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_attendees.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    nature: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))  # "disclosable-pecuniary" is 21
    left_room: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ItemRow(Audited, Base):
    __tablename__ = "agenda_items"
    __table_args__ = (
        UniqueConstraint("review_id", "key"),
        Index("ix_agenda_items_meeting_position", "meeting_id", "position"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Enum)
    access: Mapped[str] = mapped_column(Enum)
    closed_reason: Mapped[str | None] = mapped_column(Text)
    public_title: Mapped[str | None] = mapped_column(Text)
    exemption: Mapped[str | None] = mapped_column(Text)
    start: Mapped[datetime | None] = mapped_column(DateTime)
    end: Mapped[datetime | None] = mapped_column(DateTime)
    minute: Mapped[str | None] = mapped_column(Text)
    standard: Mapped[str | None] = mapped_column(Enum)  # migration 0010
    title_cy: Mapped[str | None] = mapped_column(Text)  # migration 0011
    public_title_cy: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ItemReportRow(Audited, Base):
    """A report an agenda item considers (migration 0011): a PDF held here (``content``
    and its facts) or a piece of evidence from the register (``evidence_id``, whose own
    file is printed); exactly one of the two. Removing the evidence removes the report."""

    __tablename__ = "item_reports"
    __table_args__ = (
        UniqueConstraint("review_id", "key"),
        CheckConstraint("(evidence_id IS NULL) <> (content IS NULL)", name="one_source"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)  # in the item's list
    key: Mapped[str] = mapped_column(Key)
    title: Mapped[str] = mapped_column(Text)
    late: Mapped[bool] = mapped_column(Boolean, server_default=false())
    evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(Text)  # the held file's
    media_type: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ResolutionRow(Audited, Base):
    """A decision on an agenda item, "RESOLVED – That …", with its vote if one was
    recorded (``has_vote``): counts, which are the tallies of ``vote_casts`` when the
    vote was recorded by name (migration 0010)."""

    __tablename__ = "resolutions"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    has_vote: Mapped[bool] = mapped_column(Boolean, default=False)
    in_favour: Mapped[int] = mapped_column(Integer, default=0)
    against: Mapped[int] = mapped_column(Integer, default=0)
    abstained: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class VoteCastRow(Base):
    """One person's vote in a vote recorded by name: a panel member or a substitute
    (exactly one of ``member_id`` and ``attendee_id``) (migration 0010)."""

    __tablename__ = "vote_casts"
    __table_args__ = (
        CheckConstraint(
            "(member_id IS NULL) <> (attendee_id IS NULL)", name="member_or_substitute"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    resolution_id: Mapped[int] = mapped_column(
        ForeignKey("resolutions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    attendee_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_attendees.id", ondelete="CASCADE"), index=True
    )
    choice: Mapped[str] = mapped_column(Enum)


class ItemWitness(Base):
    __tablename__ = "item_witnesses"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    witness_id: Mapped[int] = mapped_column(
        ForeignKey("witnesses.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class ItemTor(Base):
    __tablename__ = "item_tor"
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), primary_key=True
    )
    tor_id: Mapped[int] = mapped_column(
        ForeignKey("tor_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class EvidenceRow(Audited, Base):
    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Enum)
    witness_id: Mapped[int | None] = mapped_column(
        ForeignKey("witnesses.id", ondelete="SET NULL"), index=True
    )
    source: Mapped[str | None] = mapped_column(Text)
    received: Mapped[date | None] = mapped_column(Date)
    access: Mapped[str] = mapped_column(Enum)
    summary: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class EvidenceTor(Base):
    __tablename__ = "evidence_tor"
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True
    )
    tor_id: Mapped[int] = mapped_column(
        ForeignKey("tor_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class NoteRow(Audited, Base):
    __tablename__ = "notes"
    __table_args__ = (
        UniqueConstraint("review_id", "key"),
        Index("ix_notes_review_position", "review_id", "position"),
        Index("ix_notes_review_created", "review_id", "created_utc"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    text: Mapped[str] = mapped_column(Text)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    created_offset_minutes: Mapped[int] = mapped_column(Integer)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    evidence_id: Mapped[int | None] = mapped_column(
        ForeignKey("evidence.id", ondelete="SET NULL"), index=True
    )
    access: Mapped[str] = mapped_column(Enum)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class NoteWitness(Base):
    """The witnesses a note is attributed to (version 3: a note may quote several)."""

    __tablename__ = "note_witnesses"
    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    witness_id: Mapped[int] = mapped_column(
        ForeignKey("witnesses.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class NoteTor(Base):
    __tablename__ = "note_tor"
    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    )
    tor_id: Mapped[int] = mapped_column(
        ForeignKey("tor_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class RecommendationRow(Audited, Base):
    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    text: Mapped[str] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Enum)
    response: Mapped[str | None] = mapped_column(Text)
    response_due: Mapped[date | None] = mapped_column(Date)  # migration 0012
    responded_on: Mapped[date | None] = mapped_column(Date)  # migration 0012
    response_outcome: Mapped[str | None] = mapped_column(Enum)  # migration 0012
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class EvidenceFile(Base):
    """The file attached to a piece of evidence (version 3), held in the database so that
    a shared database shares it and an export carries it. Edits go through the evidence
    row's version counter."""

    __tablename__ = "evidence_files"
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(Text)
    media_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ProgressRow(Audited, Base):
    """A dated progress update on a recommendation (version 3), oldest first."""

    __tablename__ = "recommendation_progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    date: Mapped["date"] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class RecommendationNote(Base):
    """A note that supports a recommendation (version 3)."""

    __tablename__ = "recommendation_notes"
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class RecommendationTor(Base):
    __tablename__ = "recommendation_tor"
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True
    )
    tor_id: Mapped[int] = mapped_column(
        ForeignKey("tor_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class ActionRow(Audited, Base):
    __tablename__ = "actions"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Enum)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    access: Mapped[str] = mapped_column(Enum)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


# The review's report (migration 0012, format version 8) --------------------------------


class ReportParagraphRow(Audited, Base):
    """A paragraph the clerk wrote in the review's report, at ``place`` (a fixed section
    or ``tor:<key>``), at ``position`` in the report's one list of paragraphs."""

    __tablename__ = "report_paragraphs"
    __table_args__ = (UniqueConstraint("review_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(Key)
    place: Mapped[str] = mapped_column(String(220))
    text: Mapped[str] = mapped_column(Text)
    access: Mapped[str] = mapped_column(Enum)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ParagraphNote(Base):
    """A note a paragraph cites."""

    __tablename__ = "paragraph_notes"
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("report_paragraphs.id", ondelete="CASCADE"), primary_key=True
    )
    note_id: Mapped[int] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class ParagraphEvidence(Base):
    """A piece of evidence a paragraph cites."""

    __tablename__ = "paragraph_evidence"
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("report_paragraphs.id", ondelete="CASCADE"), primary_key=True
    )
    evidence_id: Mapped[int] = mapped_column(
        ForeignKey("evidence.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class ParagraphRecommendation(Base):
    """A recommendation a paragraph supports."""

    __tablename__ = "paragraph_recommendations"
    paragraph_id: Mapped[int] = mapped_column(
        ForeignKey("report_paragraphs.id", ondelete="CASCADE"), primary_key=True
    )
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer)


class ReportSettingsRow(Audited, Base):
    """The report's own settings, one row per review (none until first set): its title,
    where it went and when, and how long the body has to respond."""

    __tablename__ = "report_settings"
    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    submitted_on: Mapped[date | None] = mapped_column(Date)
    submitted_to: Mapped[str | None] = mapped_column(Text)
    response_months: Mapped[int] = mapped_column(Integer, server_default="2")
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ReportVersionRow(Audited, Base):
    """A version of the report frozen when made: ``content`` is the canonical JSON of the
    panel's view as it printed (``domain.view_codec.report_text``), never edited."""

    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("review_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    purpose: Mapped[str] = mapped_column(Enum)
    made_utc: Mapped[datetime] = mapped_column(DateTime)
    made_offset_minutes: Mapped[int] = mapped_column(Integer)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    note: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ReportCommentRow(Audited, Base):
    """A panel member's comment on a paragraph (by key: the paragraph as the version
    printed it) of a version issued for comment."""

    __tablename__ = "report_comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    version_id: Mapped[int] = mapped_column(
        ForeignKey("report_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    paragraph_key: Mapped[str] = mapped_column(Key)
    member_id: Mapped[int] = mapped_column(
        ForeignKey("panel_members.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    received: Mapped[date] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class ReportConsiderationRow(Audited, Base):
    """What a meeting decided on a paragraph of a version it considered, under an agenda
    item whose minutes record it."""

    __tablename__ = "report_considerations"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    version_id: Mapped[int] = mapped_column(
        ForeignKey("report_versions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    paragraph_key: Mapped[str] = mapped_column(Key)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True
    )
    outcome: Mapped[str] = mapped_column(Enum)
    amendment: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    __mapper_args__ = {"version_id_col": version}


class AuditRow(Base):
    """One line of the audit trail (migration 0013): written in the same transaction as
    the action, never updated or deleted (triggers refuse it for every role). No foreign
    key: the trail outlives the records it names. ``actor`` is set by the database on
    PostgreSQL (``session_user``, by a trigger), whatever the client sends."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_review", "review_id", "id"),
        Index("ix_audit_log_record", "record_kind", "record_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    at_utc: Mapped[datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Enum)
    record_kind: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer)
    review_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, server_default="")


class PublicReviewRow(Base):
    """The public projection of a review (migration 0013): what the public reader of a
    shared database may read, written by the services from the public audience view
    (``services/publishing.py``) in the same transaction as every change."""

    __tablename__ = "public_reviews"
    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True
    )
    title: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(Enum)
    refreshed_utc: Mapped[datetime] = mapped_column(DateTime)


class PublicPaperRow(Base):
    """One public paper of a meeting, as the public audience view it prints from: the
    agenda, or the minutes (approved: as approved). ``content`` is JSON: the view
    (``domain/view_codec``) and what else its renderer is handed."""

    __tablename__ = "public_papers"
    __table_args__ = (UniqueConstraint("meeting_id", "paper"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("public_reviews.review_id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    paper: Mapped[str] = mapped_column(Enum)
    title: Mapped[str] = mapped_column(Text)
    starts: Mapped[datetime] = mapped_column(DateTime)
    content: Mapped[str] = mapped_column(Text)
