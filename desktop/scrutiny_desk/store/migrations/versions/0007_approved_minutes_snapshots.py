"""approved minutes kept as they print; locking folded into approval

Approving minutes now freezes them: the public and the panel view of the meeting are
stored as they print (``minutes_snapshots``, canonical JSON written by
``domain/view_codec.py``); a reopening keeps the approved minutes it set aside, beside
its history entry (``history_id``). The separate lock goes: minutes that were approved
count as approved whether or not they were locked, so ``meetings.minutes_locked`` is
dropped (SQLite: batch mode, which rebuilds the table; ``store.db`` turns foreign keys
off for the upgrade so the rebuild cannot cascade).

The snapshots of minutes approved before this migration are not built here: building
them needs the whole review read through the current ORM and the audience views of
``services/publishing.py``, which a migration must not depend on (a later schema would
break it). The services build a missing snapshot from the data as it is the first time
approved minutes are read (``services/approved_minutes.py``) and store it then.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 12:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "minutes_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("history_id", sa.Integer(), nullable=True),
        sa.Column("public", sa.Text(), nullable=False),
        sa.Column("panel", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_minutes_snapshots_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["history_id"],
            ["minutes_history.id"],
            name=op.f("fk_minutes_snapshots_history_id_minutes_history"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_minutes_snapshots")),
    )
    op.create_index(
        op.f("ix_minutes_snapshots_meeting_id"), "minutes_snapshots", ["meeting_id"], unique=False
    )
    op.create_index(
        op.f("ix_minutes_snapshots_history_id"), "minutes_snapshots", ["history_id"], unique=False
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("minutes_locked")


def downgrade() -> None:
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("minutes_locked", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.execute(sa.text("UPDATE meetings SET minutes_locked = (minutes_status = 'approved')"))
    op.drop_index(op.f("ix_minutes_snapshots_history_id"), table_name="minutes_snapshots")
    op.drop_index(op.f("ix_minutes_snapshots_meeting_id"), table_name="minutes_snapshots")
    op.drop_table("minutes_snapshots")
