"""the audit trail, a shared database's public projection, personal data

Issue 18 (format version 9):

- ``audit_log``: who did what to which record, when; append-only: triggers refuse an
  UPDATE or DELETE for every role (the owner and a superuser included). On PostgreSQL a
  trigger also sets ``actor`` to ``session_user`` and ``at_utc`` to the transaction's
  time, so no client can write another's name.
- ``public_reviews``, ``public_papers``: the public projection a shared database's
  public reader may read (written by the services on PostgreSQL).
- ``reviews.retention_until``, ``reviews.privacy_notice``: until when personal data
  is kept, and the privacy notice invitations carry.

New tables and nullable columns; no row is rewritten.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 09:11:23

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUSAL = "the audit trail is append-only: its entries cannot be changed or deleted"


def _append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$;
            CREATE FUNCTION audit_log_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.actor := session_user;
              NEW.at_utc := timezone('UTC', now());
              RETURN NEW;
            END $$;
            CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
              ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
            CREATE TRIGGER audit_log_stamp BEFORE INSERT ON audit_log
              FOR EACH ROW EXECUTE FUNCTION audit_log_stamp();
            """
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )


def _drop_append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_append_only ON audit_log")
        op.execute("DROP TRIGGER audit_log_stamp ON audit_log")
        op.execute("DROP FUNCTION audit_log_refuse()")
        op.execute("DROP FUNCTION audit_log_stamp()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER audit_log_no_{event}")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at_utc", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("record_kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_record", ["record_kind", "record_id"], unique=False)
        batch_op.create_index("ix_audit_log_review", ["review_id", "id"], unique=False)

    op.create_table(
        "public_reviews",
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("refreshed_utc", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["reviews.id"],
            name=op.f("fk_public_reviews_review_id_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("review_id", name=op.f("pk_public_reviews")),
    )
    op.create_table(
        "public_papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("paper", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("starts", sa.DateTime(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_public_papers_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["public_reviews.review_id"],
            name=op.f("fk_public_papers_review_id_public_reviews"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_papers")),
        sa.UniqueConstraint("meeting_id", "paper", name=op.f("uq_public_papers_meeting_id_paper")),
    )
    with op.batch_alter_table("public_papers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_public_papers_review_id"), ["review_id"], unique=False)

    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retention_until", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("privacy_notice", sa.Text(), nullable=True))

    _append_only()


def downgrade() -> None:
    _drop_append_only()
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_column("privacy_notice")
        batch_op.drop_column("retention_until")

    with op.batch_alter_table("public_papers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_public_papers_review_id"))

    op.drop_table("public_papers")
    op.drop_table("public_reviews")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_review")
        batch_op.drop_index("ix_audit_log_record")

    op.drop_table("audit_log")
