"""an index on notes by review and time taken

The notes view lists a review's notes in the order they were taken; with 100,000 notes
that sort should come from an index.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26 09:20:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_notes_review_created", "notes", ["review_id", "created_utc"])


def downgrade() -> None:
    op.drop_index("ix_notes_review_created", table_name="notes")
