"""notes closed in their own right

A note taken during a closed agenda item, or against closed evidence, is closed itself:
reopening the item or the evidence must never make its notes public. Until now a note's
closed state was worked out from its item and evidence when read, so this stores the
notes of closed items and of closed evidence as closed.

The downgrade leaves the notes closed: which of them were open before cannot be told,
and a note left closed publishes nothing it should not.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 11:30:00

"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE notes SET access = 'closed'"
        " WHERE access <> 'closed' AND ("
        " item_id IN (SELECT id FROM agenda_items WHERE access = 'closed')"
        " OR evidence_id IN (SELECT id FROM evidence WHERE access = 'closed'))"
    )


def downgrade() -> None:
    pass
