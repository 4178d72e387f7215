"""papers in Welsh and reports for agenda packs

Issue 16 (format version 7):

- ``reviews.language`` ("en"): the language of the papers' fixed texts ("cy", Welsh;
  "cy-en", bilingual); ``reviews.country`` ("england"): which exemption paragraphs
  the papers cite.
- ``meetings.title_cy``, ``agenda_items.title_cy`` and ``public_title_cy``: Welsh
  titles, printed beside the English in bilingual papers.
- ``meetings.urgency``: the reason for urgency an agenda published late prints.
- ``item_reports``: the reports an agenda item considers, a PDF held with the item or
  a piece of evidence from the register.

New tables and nullable or defaulted columns; no row is rewritten.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 04:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=20), server_default="en", nullable=False)
        )
        batch_op.add_column(
            sa.Column("country", sa.String(length=20), server_default="england", nullable=False)
        )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_cy", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("urgency", sa.Text(), nullable=True))
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title_cy", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("public_title_cy", sa.Text(), nullable=True))
    op.create_table(
        "item_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("late", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("evidence_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("media_type", sa.String(length=255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(evidence_id IS NULL) <> (content IS NULL)",
            name=op.f("ck_item_reports_one_source"),
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_item_reports_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["agenda_items.id"],
            name=op.f("fk_item_reports_item_id_agenda_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["evidence_id"],
            ["evidence.id"],
            name=op.f("fk_item_reports_evidence_id_evidence"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_reports")),
        sa.UniqueConstraint("review_id", "key", name=op.f("uq_item_reports_review_id_key")),
    )
    for column in ("review_id", "item_id", "evidence_id"):
        op.create_index(op.f(f"ix_item_reports_{column}"), "item_reports", [column], unique=False)


def downgrade() -> None:
    for column in ("review_id", "item_id", "evidence_id"):
        op.drop_index(op.f(f"ix_item_reports_{column}"), table_name="item_reports")
    op.drop_table("item_reports")
    with op.batch_alter_table("agenda_items", schema=None) as batch_op:
        batch_op.drop_column("public_title_cy")
        batch_op.drop_column("title_cy")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("urgency")
        batch_op.drop_column("title_cy")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("country")
        batch_op.drop_column("language")
