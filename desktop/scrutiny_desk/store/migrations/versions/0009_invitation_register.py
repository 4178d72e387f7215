"""invitation register; calendar settings of a review; a meeting's joining link

Issue 14 (format version 5):

- ``calendar_issues`` and ``calendar_recipients``: every invitation, update and
  cancellation the app issued (written as a file or an e-mail), with its UID,
  SEQUENCE, when and by whom, and whom it went to (a panel member or a witness by key,
  with the name and address it was issued to). A record, never edited; it goes with
  its meeting.
- ``reviews.web_page``: the review's public web page (RFC 7986 URL in calendars).
- ``reviews.calendar_public_titles``: calendar entries show public titles only (on for
  every existing review, as for a new one: the safe choice).
- ``meetings.joining_link``: an online or hybrid meeting's joining link (RFC 7986
  CONFERENCE).

New tables and nullable or defaulted columns only: nothing existing is rewritten.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 22:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("web_page", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "calendar_public_titles", sa.Boolean(), server_default=sa.true(), nullable=False
            )
        )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("joining_link", sa.Text(), nullable=True))
    op.create_table(
        "calendar_issues",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("at_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("uid", sa.String(length=255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_calendar_issues_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_issues")),
    )
    op.create_index(
        op.f("ix_calendar_issues_meeting_id"), "calendar_issues", ["meeting_id"], unique=False
    )
    op.create_table(
        "calendar_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=20), nullable=False),
        sa.Column("person_key", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["calendar_issues.id"],
            name=op.f("fk_calendar_recipients_issue_id_calendar_issues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_recipients")),
    )
    op.create_index(
        op.f("ix_calendar_recipients_issue_id"), "calendar_recipients", ["issue_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_calendar_recipients_issue_id"), table_name="calendar_recipients")
    op.drop_table("calendar_recipients")
    op.drop_index(op.f("ix_calendar_issues_meeting_id"), table_name="calendar_issues")
    op.drop_table("calendar_issues")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("joining_link")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("calendar_public_titles")
        batch_op.drop_column("web_page")
