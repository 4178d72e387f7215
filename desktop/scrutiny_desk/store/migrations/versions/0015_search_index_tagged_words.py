"""PostgreSQL: the full-text index of words tagged with their review

Issue 13 (growth): every search asks for words as prefixes (``'wait':*``). With 0014's
GIN index over (review_id, document), a prefix's postings were gathered from every
review's records and only then intersected with the review's, so a search still cost
more in a database of thirty reviews than in one of ten. ``ix_search_index_tagged`` is a
GIN index over an expression of each row, ``search_tagged(review_id, document)``: the
row's words, each prefixed with its review and ``/`` (``17/wait``), so a search asks the
index for ``17/wait``* and reads the review's postings only (``17/`` never begins
``170/``; ``store/search_index.py`` builds the query). The table, its triggers and its
documents are unchanged; the index is computed from them, here for the rows already
there and by PostgreSQL for every row written after.

The tagged words carry no positions: a search asks for words side by side only where
the parser split a query word, and then checks the document itself. A word is cut to
its first 500 characters when tagged (a tagged word must stay under PostgreSQL's 2046
bytes; a query word is at most 100 characters, so a prefix finds the same records).
The function is IMMUTABLE (a pure function of the row) and PARALLEL SAFE, in schema
``public`` like ``search_document`` (EXECUTE: ``role_decisions.FUNCTION_DECISIONS``).
Without ``fastupdate``, as 0014's: an import's rows would otherwise wait in the index's
pending list, which every search reads through until a vacuum empties it.

The table is never scanned by parallel workers (``parallel_workers = 0``): the index
estimates a common word's hits well, and in a large database (thirty reviews) the planner
then counted a review's hits with two workers, which took 12 ms where one process took 3
(starting workers costs more than one review's hits).

No extension is needed (0014's ``btree_gin`` is left installed, if it was, for the
downgrade). 0014's index (or 0004's, where the extension was missing) is dropped. The
downgrade puts back 0014's index where ``btree_gin`` is installed, else 0004's, then drops
the tagged index and the function. SQLite is unchanged (its FTS5 index has carried the
review as an indexed column since 0008).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 23:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TAGGED = "ix_search_index_tagged"
BY_REVIEW = "ix_search_index_review_document"  # 0014, with btree_gin
WORDS_ONLY = "ix_search_index_document"  # 0004, 0014 without btree_gin
#: The longest word (in characters) kept whole when tagged: at most 4 bytes a character
#: and the tag (at most 11 digits and a sign, and ``/``) stay under 2046 bytes.
KEPT_CHARS = 500

FUNCTION = (
    "CREATE FUNCTION search_tagged(review integer, document tsvector) RETURNS tsvector "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT "
    "pg_catalog.array_to_tsvector(ARRAY(SELECT CAST(review AS text) || '/' || "
    f"pg_catalog.left(word, {KEPT_CHARS}) "
    "FROM pg_catalog.unnest(pg_catalog.tsvector_to_array(document)) AS word)) $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    op.execute(
        f"CREATE INDEX {TAGGED} ON search_index "
        "USING gin (search_tagged(review_id, document)) WITH (fastupdate = off)"
    )
    op.execute(f"DROP INDEX IF EXISTS {BY_REVIEW}")
    op.execute(f"DROP INDEX IF EXISTS {WORDS_ONLY}")
    op.execute("ALTER TABLE search_index SET (parallel_workers = 0)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    installed = "SELECT 1 FROM pg_extension WHERE extname = 'btree_gin'"
    if bind.execute(sa.text(installed)).first() is not None:
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {BY_REVIEW} ON search_index "
            "USING gin (review_id, document) WITH (fastupdate = off)"
        )
    else:
        op.execute(f"CREATE INDEX IF NOT EXISTS {WORDS_ONLY} ON search_index USING gin (document)")
    op.execute("ALTER TABLE search_index RESET (parallel_workers)")
    op.execute(f"DROP INDEX IF EXISTS {TAGGED}")
    op.execute("DROP FUNCTION IF EXISTS search_tagged(integer, tsvector)")
