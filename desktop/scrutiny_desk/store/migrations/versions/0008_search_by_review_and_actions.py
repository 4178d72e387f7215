"""full-text index scoped by review; meeting actions searchable

Issue 13: a search in one review read every review's index (SQLite), then scanned the
hits once per kind to find the review's. Now:

- SQLite: the FTS5 table ``search_index`` holds two indexed columns, ``words`` (the
  record's text, as before) and ``review`` (its review id as a word), so one ``MATCH``
  (``review : "7" AND words : (...)``) answers for one review. Its rowid stays
  ``row_id * 8 + kind code``; the kind, row and review are no longer stored beside
  the text (the rowid and the ``review`` column say them). ``detail=column`` and
  ``columnsize=0``: search asks which records hold a word, never where or how often,
  so the index keeps no positions and no sizes. ``prefix`` indexes of 1 to 8
  characters: a query word is a prefix, and FTS5 answers a prefix it has no index
  for by merging the lists of every word it begins, in every review; with them, a
  word of up to 8 characters (everything typed into the search box on the way to
  it) is one list, which the review's list skips through, so a search costs the
  same in a database of ten reviews or thirty. The index is about five times larger
  (20 MB for ten reviews of 10,000 notes).
- PostgreSQL: the table keeps its shape and its GIN index; a search filters by review
  in the same statement (``review_id``), as before.
- Both: meeting actions (``actions``: text and owner, code 7) are indexed, kept in step
  by triggers like the other kinds.

The index is rebuilt from the rows already in the database. Downgrade puts back the
index of migration 0004, filled again. Keep the expressions below in step with
``domain/search_text.py`` (INDEXED_CHARS) and ``store/search_index.py`` (CODES).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 20:00:00

"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
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
    Source(
        "action", 7, "actions", "r.text || ' ' || coalesce(r.owner, '')", ("text", "owner"), "TRUE"
    ),
)
OLD_KINDS = ("note", "minute", "item", "evidence", "witness", "recommendation")


def _over(sql: str, row: str) -> str:
    return sql.replace("r.", f"{row}.")


def _execute(sql: str) -> None:
    op.get_bind().exec_driver_sql(sql)


def _revision_0004() -> ModuleType:
    """Migration 0004 (which a downgrade repeats), loaded from its file beside this one."""
    path = Path(__file__).with_name("0004_full_text_search.py")
    spec = importlib.util.spec_from_file_location("scrutiny_desk_migration_0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# SQLite ---------------------------------------------------------------------------


def _sqlite_values(source: Source, row: str) -> str:
    text = f"substr({_over(source.text, row)}, 1, {INDEXED_CHARS})"
    return (
        f"SELECT {row}.id * 8 + {source.code}, {text}, {row}.review_id "
        f"WHERE {_over(source.when, row).replace('TRUE', '1')}"
    )


def _sqlite_drop(kinds: Sequence[str]) -> None:
    for kind in kinds:
        for event in ("insert", "update", "delete"):
            _execute(f"DROP TRIGGER IF EXISTS search_{kind}_{event}")
    _execute("DROP TABLE IF EXISTS search_index")


def _sqlite_upgrade() -> None:
    _sqlite_drop(OLD_KINDS)
    _execute(
        "CREATE VIRTUAL TABLE search_index USING fts5(words, review, "
        "tokenize = 'unicode61 remove_diacritics 0', detail = column, columnsize = 0, "
        "prefix = '1 2 3 4 5 6 7 8')"
    )
    insert = "INSERT INTO search_index (rowid, words, review) "
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
    _execute("INSERT INTO search_index (search_index) VALUES ('optimize')")


def _sqlite_downgrade() -> None:
    _sqlite_drop([s.kind for s in SOURCES])
    _revision_0004()._sqlite_upgrade()


# PostgreSQL -----------------------------------------------------------------------


def _pg_index(source: Source) -> str:
    return (
        "INSERT INTO search_index (kind, row_id, review_id, document) "
        f"SELECT '{source.kind}', NEW.id, NEW.review_id, "
        f"search_document({_over(source.text, 'NEW')}) WHERE {_over(source.when, 'NEW')};"
    )


def _pg_upgrade() -> None:
    action = SOURCES[-1]
    forget = f"DELETE FROM search_index WHERE kind = '{action.kind}' AND row_id = OLD.id;"
    _execute(
        "CREATE FUNCTION search_index_actions() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN IF TG_OP <> 'INSERT' THEN {forget} END IF; "
        f"IF TG_OP <> 'DELETE' THEN {_pg_index(action)} END IF; RETURN NULL; END $$"
    )
    _execute(
        "CREATE TRIGGER search_index_actions AFTER INSERT OR DELETE OR UPDATE OF "
        f"{', '.join(action.columns)} ON actions "
        "FOR EACH ROW EXECUTE FUNCTION search_index_actions()"
    )
    _execute(
        "INSERT INTO search_index (kind, row_id, review_id, document) "
        f"SELECT '{action.kind}', r.id, r.review_id, search_document({action.text}) "
        f"FROM actions AS r WHERE {action.when}"
    )


def _pg_downgrade() -> None:
    _execute("DROP TRIGGER IF EXISTS search_index_actions ON actions")
    _execute("DROP FUNCTION IF EXISTS search_index_actions()")
    _execute("DELETE FROM search_index WHERE kind = 'action'")


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
