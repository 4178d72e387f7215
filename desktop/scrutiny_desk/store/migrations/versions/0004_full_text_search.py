"""full-text search index over notes, minutes, items, evidence, witnesses, recommendations

One index row per searchable record (kind, row_id, review_id, its words), kept in step
by database triggers on every INSERT, UPDATE and DELETE of the source rows (cascaded
deletes included), so imports, edits, undo and review deletion need no application
code. The index is filled here from the rows already in the database.

- SQLite: an FTS5 table ``search_index`` (tokenizer ``unicode61 remove_diacritics 0``)
  whose rowid is ``row_id * 8 + kind code``, so a trigger finds a record's entry by rowid.
- PostgreSQL: a plain table ``search_index`` with a ``tsvector`` built by
  ``search_document(text)``: non-alphanumeric runs become spaces (so e-mail addresses,
  hyphens and URLs split into words as ``unicode61`` splits them), then
  ``to_tsvector('simple', ...)`` (no stemming, no stop words); a GIN index; plpgsql
  triggers.

The table is not in the ORM metadata (an FTS5 virtual table cannot be), and only
``store/search_index.py`` reads it. Keep the expressions below in step with
``domain/search_text.py`` (INDEXED_CHARS) and ``store/search_index.py`` (CODES).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 08:30:00

"""

from collections.abc import Sequence
from typing import NamedTuple

from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED_CHARS = 100_000


class Source(NamedTuple):
    kind: str
    code: int  # the FTS5 rowid is row_id * 8 + code
    table: str
    text: str  # SQL over the row "r"
    columns: tuple[str, ...]  # an UPDATE of these re-indexes the row
    when: str  # SQL over "r": the row has something to index


SOURCES = (
    Source("note", 1, "notes", "r.text", ("text",), "TRUE"),
    Source(
        "minute",
        2,
        "agenda_items",
        "r.minute",
        ("minute",),
        "r.minute IS NOT NULL AND r.minute <> ''",
    ),
    Source(
        "item",
        3,
        "agenda_items",
        "r.title || ' ' || coalesce(r.public_title, '')",
        ("title", "public_title"),
        "TRUE",
    ),
    Source(
        "evidence",
        4,
        "evidence",
        "r.title || ' ' || coalesce(r.summary, '')",
        ("title", "summary"),
        "TRUE",
    ),
    Source(
        "witness",
        5,
        "witnesses",
        "r.name || ' ' || coalesce(r.role, '') || ' ' || coalesce(r.organisation, '')",
        ("name", "role", "organisation"),
        "TRUE",
    ),
    Source(
        "recommendation",
        6,
        "recommendations",
        "r.text || ' ' || coalesce(r.response, '')",
        ("text", "response"),
        "TRUE",
    ),
)


def _over(sql: str, row: str) -> str:
    return sql.replace("r.", f"{row}.")


def _execute(sql: str) -> None:
    op.get_bind().exec_driver_sql(sql)


# SQLite ---------------------------------------------------------------------------


def _sqlite_values(source: Source, row: str) -> str:
    text = f"substr({_over(source.text, row)}, 1, {INDEXED_CHARS})"
    return (
        f"SELECT {row}.id * 8 + {source.code}, {text}, '{source.kind}', {row}.id, "
        f"{row}.review_id WHERE {_over(source.when, row).replace('TRUE', '1')}"
    )


def _sqlite_upgrade() -> None:
    _execute(
        "CREATE VIRTUAL TABLE search_index USING fts5("
        "text, kind UNINDEXED, row_id UNINDEXED, review_id UNINDEXED, "
        "tokenize = 'unicode61 remove_diacritics 0')"
    )
    insert = "INSERT INTO search_index (rowid, text, kind, row_id, review_id) "
    for s in SOURCES:
        name = f"search_{s.kind}"
        forget = f"DELETE FROM search_index WHERE rowid = old.id * 8 + {s.code};"
        _execute(
            f"CREATE TRIGGER {name}_insert AFTER INSERT ON {s.table} BEGIN "
            f"{insert}{_sqlite_values(s, 'new')}; END"
        )
        _execute(
            f"CREATE TRIGGER {name}_update AFTER UPDATE OF {', '.join(s.columns)} "
            f"ON {s.table} BEGIN {forget} {insert}{_sqlite_values(s, 'new')}; END"
        )
        _execute(f"CREATE TRIGGER {name}_delete AFTER DELETE ON {s.table} BEGIN {forget} END")
        values = _sqlite_values(s, "r").replace(" WHERE ", f" FROM {s.table} AS r WHERE ", 1)
        _execute(insert + values)


def _sqlite_downgrade() -> None:
    for s in SOURCES:
        for event in ("insert", "update", "delete"):
            _execute(f"DROP TRIGGER IF EXISTS search_{s.kind}_{event}")
    _execute("DROP TABLE IF EXISTS search_index")


# PostgreSQL -----------------------------------------------------------------------

_TABLES = tuple(dict.fromkeys(s.table for s in SOURCES))


def _pg_upgrade() -> None:
    _execute(
        "CREATE FUNCTION search_document(value text) RETURNS tsvector "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT to_tsvector('simple'::regconfig, "
        f"regexp_replace(substr(value, 1, {INDEXED_CHARS}), '[^[:alnum:]]+', ' ', 'g')) $$"
    )
    _execute(
        "CREATE TABLE search_index ("
        "kind varchar(20) NOT NULL, row_id integer NOT NULL, review_id integer NOT NULL, "
        "document tsvector NOT NULL, "
        "CONSTRAINT pk_search_index PRIMARY KEY (kind, row_id))"
    )
    for table in _TABLES:
        mine = [s for s in SOURCES if s.table == table]
        forget = " ".join(
            f"DELETE FROM search_index WHERE kind = '{s.kind}' AND row_id = OLD.id;" for s in mine
        )
        remember = " ".join(
            "INSERT INTO search_index (kind, row_id, review_id, document) "
            f"SELECT '{s.kind}', NEW.id, NEW.review_id, "
            f"search_document({_over(s.text, 'NEW')}) WHERE {_over(s.when, 'NEW')};"
            for s in mine
        )
        columns = ", ".join(dict.fromkeys(c for s in mine for c in s.columns))
        _execute(
            f"CREATE FUNCTION search_index_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN IF TG_OP <> 'INSERT' THEN {forget} END IF; "
            f"IF TG_OP <> 'DELETE' THEN {remember} END IF; RETURN NULL; END $$"
        )
        _execute(
            f"CREATE TRIGGER search_index_{table} AFTER INSERT OR DELETE OR UPDATE OF "
            f"{columns} ON {table} FOR EACH ROW EXECUTE FUNCTION search_index_{table}()"
        )
    for s in SOURCES:
        _execute(
            "INSERT INTO search_index (kind, row_id, review_id, document) "
            f"SELECT '{s.kind}', r.id, r.review_id, search_document({s.text}) "
            f"FROM {s.table} AS r WHERE {s.when}"
        )
    _execute("CREATE INDEX ix_search_index_document ON search_index USING gin (document)")
    _execute("CREATE INDEX ix_search_index_review_id ON search_index (review_id)")


def _pg_downgrade() -> None:
    for table in _TABLES:
        _execute(f"DROP TRIGGER IF EXISTS search_index_{table} ON {table}")
        _execute(f"DROP FUNCTION IF EXISTS search_index_{table}()")
    _execute("DROP TABLE IF EXISTS search_index")
    _execute("DROP FUNCTION IF EXISTS search_document(text)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
    else:
        _pg_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_downgrade()
    else:
        _pg_downgrade()
