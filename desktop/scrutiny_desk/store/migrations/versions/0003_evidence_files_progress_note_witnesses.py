"""format version 3: evidence files, recommendation progress and notes, note witnesses

A note may now be attributed to several witnesses (the witnesses of the item it was
taken under), so ``notes.witness_id`` becomes the ``note_witnesses`` table; existing
attributions are carried over.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 08:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _audit() -> list[sa.Column[object]]:
    return [
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "note_witnesses",
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("witness_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name=op.f("fk_note_witnesses_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["witness_id"],
            ["witnesses.id"],
            name=op.f("fk_note_witnesses_witness_id_witnesses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("note_id", "witness_id", name=op.f("pk_note_witnesses")),
    )
    op.create_index(
        op.f("ix_note_witnesses_witness_id"), "note_witnesses", ["witness_id"], unique=False
    )
    op.execute(
        "INSERT INTO note_witnesses (note_id, witness_id, position)"
        " SELECT id, witness_id, 0 FROM notes WHERE witness_id IS NOT NULL"
    )
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notes_witness_id"))
        batch_op.drop_constraint(batch_op.f("fk_notes_witness_id_witnesses"), type_="foreignkey")
        batch_op.drop_column("witness_id")

    op.create_table(
        "evidence_files",
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(length=255), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
            name=op.f("fk_evidence_files_evidence_id_evidence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("evidence_id", name=op.f("pk_evidence_files")),
    )

    op.create_table(
        "recommendation_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *_audit(),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_progress_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_progress")),
    )
    op.create_index(
        op.f("ix_recommendation_progress_recommendation_id"),
        "recommendation_progress",
        ["recommendation_id"],
        unique=False,
    )

    op.create_table(
        "recommendation_notes",
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_recommendation_notes_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name=op.f("fk_recommendation_notes_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "recommendation_id", "note_id", name=op.f("pk_recommendation_notes")
        ),
    )
    op.create_index(
        op.f("ix_recommendation_notes_note_id"),
        "recommendation_notes",
        ["note_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_recommendation_notes_note_id"), table_name="recommendation_notes")
    op.drop_table("recommendation_notes")
    op.drop_index(
        op.f("ix_recommendation_progress_recommendation_id"),
        table_name="recommendation_progress",
    )
    op.drop_table("recommendation_progress")
    op.drop_table("evidence_files")
    with op.batch_alter_table("notes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("witness_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_notes_witness_id_witnesses"),
            "witnesses",
            ["witness_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_notes_witness_id"), ["witness_id"], unique=False)
    op.execute(
        "UPDATE notes SET witness_id = (SELECT witness_id FROM note_witnesses"
        " WHERE note_witnesses.note_id = notes.id ORDER BY position LIMIT 1)"
    )
    op.drop_index(op.f("ix_note_witnesses_witness_id"), table_name="note_witnesses")
    op.drop_table("note_witnesses")
