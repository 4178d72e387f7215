"""the review's report

Issue 17 (format version 8):

- ``report_paragraphs``: the paragraphs the clerk writes into the report's outline,
  with the notes and evidence each cites (``paragraph_notes``, ``paragraph_evidence``)
  and the recommendations each supports (``paragraph_recommendations``).
- ``report_settings``: one row per review once set: the report's title, when and to
  whom it went, and the months the body has to respond.
- ``report_versions``: versions frozen when made (the panel's view as JSON), with the
  panel's comments (``report_comments``) and meetings' decisions per paragraph
  (``report_considerations``).
- ``recommendations.response_due``, ``responded_on``, ``response_outcome``: the
  body's response to each recommendation.

New tables and nullable columns; no row is rewritten.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 06:30:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "report_paragraphs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("place", sa.String(length=220), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("access", sa.String(length=20), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_report_paragraphs_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_paragraphs")),
        sa.UniqueConstraint("review_id", "key", name=op.f("uq_report_paragraphs_review_id_key")),
    )
    with op.batch_alter_table("report_paragraphs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_paragraphs_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "report_settings",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("submitted_on", sa.Date(), nullable=True),
        sa.Column("submitted_to", sa.Text(), nullable=True),
        sa.Column("response_months", sa.Integer(), server_default="2", nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_report_settings_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", name=op.f("pk_report_settings")),
    )
    op.create_table(
        "paragraph_recommendations",
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["report_paragraphs.id"],
            name=op.f("fk_paragraph_recommendations_paragraph_id_report_paragraphs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendations.id"],
            name=op.f("fk_paragraph_recommendations_recommendation_id_recommendations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "paragraph_id", "recommendation_id", name=op.f("pk_paragraph_recommendations")
        ),
    )
    with op.batch_alter_table("paragraph_recommendations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_paragraph_recommendations_recommendation_id"),
            ["recommendation_id"],
            unique=False,
        )

    op.create_table(
        "report_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("purpose", sa.String(length=20), nullable=False),
        sa.Column("made_utc", sa.DateTime(), nullable=False),
        sa.Column("made_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_report_versions_meeting_id_meetings"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_report_versions_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_versions")),
        sa.UniqueConstraint(
            "review_id", "number", name=op.f("uq_report_versions_review_id_number")
        ),
    )
    with op.batch_alter_table("report_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_versions_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_versions_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "paragraph_evidence",
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
            name=op.f("fk_paragraph_evidence_evidence_id_evidence"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["report_paragraphs.id"],
            name=op.f("fk_paragraph_evidence_paragraph_id_report_paragraphs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("paragraph_id", "evidence_id", name=op.f("pk_paragraph_evidence")),
    )
    with op.batch_alter_table("paragraph_evidence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_paragraph_evidence_evidence_id"), ["evidence_id"], unique=False
        )

    op.create_table(
        "report_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("paragraph_key", sa.String(length=200), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("received", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["panel_members.id"],
            name=op.f("fk_report_comments_member_id_panel_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_report_comments_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["report_versions.id"],
            name=op.f("fk_report_comments_version_id_report_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_comments")),
    )
    with op.batch_alter_table("report_comments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_comments_member_id"), ["member_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_comments_review_id"), ["review_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_comments_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "report_considerations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("paragraph_key", sa.String(length=200), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("amendment", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["agenda_items.id"],
            name=op.f("fk_report_considerations_item_id_agenda_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_report_considerations_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_report_considerations_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["report_versions.id"],
            name=op.f("fk_report_considerations_version_id_report_versions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_considerations")),
    )
    with op.batch_alter_table("report_considerations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_considerations_item_id"), ["item_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_considerations_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_considerations_review_id"), ["review_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_considerations_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "paragraph_notes",
        sa.Column("paragraph_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name=op.f("fk_paragraph_notes_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["paragraph_id"],
            ["report_paragraphs.id"],
            name=op.f("fk_paragraph_notes_paragraph_id_report_paragraphs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("paragraph_id", "note_id", name=op.f("pk_paragraph_notes")),
    )
    with op.batch_alter_table("paragraph_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paragraph_notes_note_id"), ["note_id"], unique=False)

    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("response_due", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("responded_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("response_outcome", sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_column("response_outcome")
        batch_op.drop_column("responded_on")
        batch_op.drop_column("response_due")

    with op.batch_alter_table("paragraph_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_notes_note_id"))

    op.drop_table("paragraph_notes")
    with op.batch_alter_table("report_considerations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_considerations_version_id"))
        batch_op.drop_index(batch_op.f("ix_report_considerations_review_id"))
        batch_op.drop_index(batch_op.f("ix_report_considerations_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_report_considerations_item_id"))

    op.drop_table("report_considerations")
    with op.batch_alter_table("report_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_comments_version_id"))
        batch_op.drop_index(batch_op.f("ix_report_comments_review_id"))
        batch_op.drop_index(batch_op.f("ix_report_comments_member_id"))

    op.drop_table("report_comments")
    with op.batch_alter_table("paragraph_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_evidence_evidence_id"))

    op.drop_table("paragraph_evidence")
    with op.batch_alter_table("report_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_versions_review_id"))
        batch_op.drop_index(batch_op.f("ix_report_versions_meeting_id"))

    op.drop_table("report_versions")
    with op.batch_alter_table("paragraph_recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paragraph_recommendations_recommendation_id"))

    op.drop_table("paragraph_recommendations")
    op.drop_table("report_settings")
    with op.batch_alter_table("report_paragraphs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_paragraphs_review_id"))

    op.drop_table("report_paragraphs")
