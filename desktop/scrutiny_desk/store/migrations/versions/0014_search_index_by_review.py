"""PostgreSQL: the full-text index keyed by review and word together

Issue 13 (growth): a search asks the index for one review's records that hold some
words. With a GIN index over the words alone beside a b-tree over the review, a
planner without statistics (a database just filled, before autovacuum analyses it)
read every review's postings of a common word and intersected them with the review's
rows, so a search cost twice as much in a database of thirty reviews as in one of
ten. ``ix_search_index_review_document`` is one GIN index over (review_id, document)
(the ``btree_gin`` extension, shipped with PostgreSQL and trusted, gives the integer
column a GIN operator class; created in a schema of its own unless it is there
already): the review is part of the index's own query. Without ``fastupdate``: an
import's rows otherwise wait in the index's pending list (up to 4 MB, every review's),
which every search reads through until a vacuum empties it; a search just after an
import of thirty reviews took 8-10 ms instead of 5.

If the extension cannot be created (a server without the contrib modules, or a role
without CREATE on the database), the old index stays: searches find the same records
either way, only more slowly in a large database. SQLite is unchanged (its FTS5 index
has carried the review since 0008). No row is rewritten; the downgrade puts the old
index back and leaves the extension and its schema (other indexes may use them).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 19:55:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD = "ix_search_index_document"
NEW = "ix_search_index_review_document"
#: The extension's own schema: its functions stay out of ``public``, where every function
#: has a role decision (``pg_roles``), and no role is given USAGE on it (an index
#: uses its operator class whatever the search path and the privileges).
SCHEMA = "scrutiny_extensions"


def _has_btree_gin() -> bool:
    """Create the extension if it is missing (in a savepoint: a refusal must not end
    the migration's transaction); whether it is there now."""
    bind = op.get_bind()
    installed = "SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'"
    if bind.execute(sa.text(installed)).first() is not None:
        return True
    try:
        with bind.begin_nested():
            bind.execute(sa.text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))
            bind.execute(sa.text(f"CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA {SCHEMA}"))
    except sa.exc.DBAPIError:
        return False
    return True


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql" or not _has_btree_gin():
        return
    op.execute(
        f"CREATE INDEX {NEW} ON search_index USING gin (review_id, document) WITH (fastupdate = off)"
    )
    op.execute(f"DROP INDEX IF EXISTS {OLD}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"CREATE INDEX IF NOT EXISTS {OLD} ON search_index USING gin (document)")
    op.execute(f"DROP INDEX IF EXISTS {NEW}")
