"""audit columns, review paper settings, witness invitations, minutes lifecycle

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 05:27:03.709636

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "minutes_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("at_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_minutes_history_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_history")),
    )
    with op.batch_alter_table("minutes_history", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_minutes_history_meeting_id"), ["meeting_id"], unique=False
        )

    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("exclusions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("interfaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("agenda_published_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("minutes_approved_at_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("minutes_locked", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_meetings_minutes_approved_at_id_meetings"),
            "meetings",
            ["minutes_approved_at_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("panel_members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("clear_days", sa.Integer(), server_default="5", nullable=False)
        )
        batch_op.add_column(sa.Column("exclusion_resolution", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("tor_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("witnesses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "invitation", sa.String(length=20), server_default="to-invite", nullable=False
            )
        )
        batch_op.add_column(
            sa.Column("private", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("updated_by", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("witnesses", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")
        batch_op.drop_column("private")
        batch_op.drop_column("invitation")

    with op.batch_alter_table("tor_items", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")
        batch_op.drop_column("exclusion_resolution")
        batch_op.drop_column("clear_days")

    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("panel_members", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_meetings_minutes_approved_at_id_meetings"), type_="foreignkey"
        )
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")
        batch_op.drop_column("minutes_locked")
        batch_op.drop_column("minutes_approved_at_id")
        batch_op.drop_column("agenda_published_on")

    with op.batch_alter_table("interfaces", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("exclusions", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("evidence", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("attendance", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_column("updated_at")
        batch_op.drop_column("updated_by")

    with op.batch_alter_table("minutes_history", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_minutes_history_meeting_id"))

    op.drop_table("minutes_history")
