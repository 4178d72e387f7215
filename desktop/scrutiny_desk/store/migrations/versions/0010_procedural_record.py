"""the meeting's procedural record: attendance in full, interests, declarations,
resolutions and votes, quorum and minute numbering

Issue 15 (format version 6):

- ``reviews.quorum`` (3), ``reviews.minute_numbers`` (on), ``reviews.year_start_month``
  and ``year_start_day`` (1 May): the review's procedure.
- ``member_interests``: the register of members' interests.
- ``attendance.arrived_item_id`` and ``left_item_id``: a member's arrival and departure
  by item (null: from the start, to the end).
- ``meeting_attendees``: substitutes, officers in attendance and others also present.
- ``declarations``: declarations of interest made at a meeting, by a member or a
  substitute, on an item or generally.
- ``resolutions`` and ``vote_casts``: an item's decisions with their votes, as counts
  or by name.
- ``agenda_items.standard``: an opening item whose minute is worded from the record.
  Existing items are marked by their titles, by the rule the interchange format uses
  for files written before version 6 (``domain.procedure.standard_item_for``).
- ``meetings.began`` and ``ended``: when the meeting actually began and ended.

New tables and nullable or defaulted columns; the only rows rewritten are the
standard items' marks.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 01:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The titles ``domain.procedure.standard_item_for`` recognises, as LIKE patterns on the
# lower-cased, trimmed title of a procedural item.
STANDARD_TITLES = (
    ("apologies", ("apologies%",)),
    ("declarations", ("declaration% of interest%", "declarations%")),
    ("previous-minutes", ("minutes of the previous meeting%", "minutes of the last meeting%")),
)


def _audit() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
    ]


def _fk(column: str, table: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quorum", sa.Integer(), server_default="3", nullable=False))
        batch_op.add_column(
            sa.Column("minute_numbers", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("year_start_month", sa.Integer(), server_default="5", nullable=False)
        )
        batch_op.add_column(
            sa.Column("year_start_day", sa.Integer(), server_default="1", nullable=False)
        )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("began", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("ended", sa.DateTime(), nullable=True))
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("standard", sa.String(length=20), nullable=True))
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrived_item_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("left_item_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f("fk_attendance_arrived_item_id_agenda_items"),
            "agenda_items",
            ["arrived_item_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            op.f("fk_attendance_left_item_id_agenda_items"),
            "agenda_items",
            ["left_item_id"],
            ["id"],
            ondelete="SET NULL",
        )
    op.create_table(
        "member_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        *_audit(),
        _fk("review_id", "member_interests", "reviews", "CASCADE"),
        _fk("member_id", "member_interests", "panel_members", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_interests")),
    )
    op.create_index(
        op.f("ix_member_interests_review_id"), "member_interests", ["review_id"], unique=False
    )
    op.create_index(
        op.f("ix_member_interests_member_id"), "member_interests", ["member_id"], unique=False
    )
    op.create_table(
        "meeting_attendees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("substitute_for_id", sa.Integer(), nullable=True),
        sa.Column("arrived_item_id", sa.Integer(), nullable=True),
        sa.Column("left_item_id", sa.Integer(), nullable=True),
        *_audit(),
        _fk("review_id", "meeting_attendees", "reviews", "CASCADE"),
        _fk("meeting_id", "meeting_attendees", "meetings", "CASCADE"),
        _fk("substitute_for_id", "meeting_attendees", "panel_members", "SET NULL"),
        _fk("arrived_item_id", "meeting_attendees", "agenda_items", "SET NULL"),
        _fk("left_item_id", "meeting_attendees", "agenda_items", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendees")),
        sa.UniqueConstraint("review_id", "key", name=op.f("uq_meeting_attendees_review_id_key")),
    )
    op.create_index(
        op.f("ix_meeting_attendees_meeting_id"), "meeting_attendees", ["meeting_id"], unique=False
    )
    op.create_index(
        op.f("ix_meeting_attendees_substitute_for_id"),
        "meeting_attendees",
        ["substitute_for_id"],
        unique=False,
    )
    op.create_table(
        "declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("nature", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("left_room", sa.Boolean(), nullable=False),
        *_audit(),
        sa.CheckConstraint(
            "(member_id IS NULL) <> (attendee_id IS NULL)",
            name=op.f("ck_declarations_member_or_substitute"),
        ),
        _fk("meeting_id", "declarations", "meetings", "CASCADE"),
        _fk("member_id", "declarations", "panel_members", "CASCADE"),
        _fk("attendee_id", "declarations", "meeting_attendees", "CASCADE"),
        _fk("item_id", "declarations", "agenda_items", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declarations")),
    )
    for column in ("meeting_id", "member_id", "attendee_id", "item_id"):
        op.create_index(op.f(f"ix_declarations_{column}"), "declarations", [column], unique=False)
    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("has_vote", sa.Boolean(), nullable=False),
        sa.Column("in_favour", sa.Integer(), nullable=False),
        sa.Column("against", sa.Integer(), nullable=False),
        sa.Column("abstained", sa.Integer(), nullable=False),
        *_audit(),
        _fk("item_id", "resolutions", "agenda_items", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolutions")),
    )
    op.create_index(op.f("ix_resolutions_item_id"), "resolutions", ["item_id"], unique=False)
    op.create_table(
        "vote_casts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("resolution_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("choice", sa.String(length=20), nullable=False),
        sa.CheckConstraint(
            "(member_id IS NULL) <> (attendee_id IS NULL)",
            name=op.f("ck_vote_casts_member_or_substitute"),
        ),
        _fk("resolution_id", "vote_casts", "resolutions", "CASCADE"),
        _fk("member_id", "vote_casts", "panel_members", "CASCADE"),
        _fk("attendee_id", "vote_casts", "meeting_attendees", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_casts")),
    )
    for column in ("resolution_id", "member_id", "attendee_id"):
        op.create_index(op.f(f"ix_vote_casts_{column}"), "vote_casts", [column], unique=False)
    for standard, patterns in STANDARD_TITLES:
        matches = " OR ".join(f"lower(trim(title)) LIKE :p{n}" for n in range(len(patterns)))
        op.execute(
            sa.text(
                f"UPDATE agenda_items SET standard = :standard "
                f"WHERE kind = 'procedural' AND standard IS NULL AND ({matches})"
            ).bindparams(standard=standard, **{f"p{n}": p for n, p in enumerate(patterns)})
        )


def downgrade() -> None:
    for column in ("resolution_id", "member_id", "attendee_id"):
        op.drop_index(op.f(f"ix_vote_casts_{column}"), table_name="vote_casts")
    op.drop_table("vote_casts")
    op.drop_index(op.f("ix_resolutions_item_id"), table_name="resolutions")
    op.drop_table("resolutions")
    for column in ("meeting_id", "member_id", "attendee_id", "item_id"):
        op.drop_index(op.f(f"ix_declarations_{column}"), table_name="declarations")
    op.drop_table("declarations")
    op.drop_index(op.f("ix_meeting_attendees_substitute_for_id"), table_name="meeting_attendees")
    op.drop_index(op.f("ix_meeting_attendees_meeting_id"), table_name="meeting_attendees")
    op.drop_table("meeting_attendees")
    op.drop_index(op.f("ix_member_interests_member_id"), table_name="member_interests")
    op.drop_index(op.f("ix_member_interests_review_id"), table_name="member_interests")
    op.drop_table("member_interests")
    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("fk_attendance_left_item_id_agenda_items"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            op.f("fk_attendance_arrived_item_id_agenda_items"), type_="foreignkey"
        )
        batch_op.drop_column("left_item_id")
        batch_op.drop_column("arrived_item_id")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("standard")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("ended")
        batch_op.drop_column("began")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("year_start_day")
        batch_op.drop_column("year_start_month")
        batch_op.drop_column("minute_numbers")
        batch_op.drop_column("quorum")
