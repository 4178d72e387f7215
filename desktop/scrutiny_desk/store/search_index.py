"""Reading the full-text index (made and kept in step by migration 0004's triggers).

``ranked`` asks the database's index for the records of a review whose words begin
with every query word, and returns the first few of each kind in the record's
natural order with the count of all of them; ``sources`` reads those records back for
display. The words come from ``domain.search_text.query_words`` (letters and digits
only), so nothing a user types reaches the query syntax.

The index table is not in the ORM metadata: on SQLite it is an FTS5 virtual table
(with shadow tables ``search_index_*``), which SQLAlchemy cannot describe.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..domain.enums import Access
from ..domain.note_records import note_access
from ..domain.search_text import KINDS, SearchSource

#: Tables the search index adds that the ORM metadata does not describe (a schema
#: comparison should skip these and any name starting with ``search_index_``).
INDEX_TABLES = frozenset({"search_index"})


def is_index_table(name: str | None) -> bool:
    return name is not None and (name in INDEX_TABLES or name.startswith("search_index_"))


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """For Alembic's ``include_object``: leave the search index (and its indexes) out of
    a comparison of the database with the ORM metadata."""
    if type_ == "table":
        return not is_index_table(name)
    table = getattr(obj, "table", None)
    return not is_index_table(getattr(table, "name", None))


#: The FTS5 rowid of a record's entry is ``row_id * 8 + code`` (migration 0004).
CODES = {
    "note": 1,
    "minute": 2,
    "item": 3,
    "evidence": 4,
    "witness": 5,
    "recommendation": 6,
}

# Each word is split as search_document() splits text (so the two agree whatever the
# server's locale calls a letter), quoted, and made a prefix; all words are required.
_PG_QUERY = (
    "to_tsquery('simple', (SELECT string_agg("
    "'''' || regexp_replace(w, '[^[:alnum:]]+', ' ', 'g') || ''':*', ' & ') "
    "FROM unnest(CAST(:query AS text[])) AS w))"
)


def _hits_sql(dialect: str) -> str:
    """(code, row_id) of every matching record: on SQLite of any review (only the
    index's rowids are read, never its rows), the review being checked on the source
    rows; on PostgreSQL of the review only, with its kind too."""
    if dialect == "sqlite":
        return (
            "SELECT rowid % 8 AS code, rowid / 8 AS row_id FROM search_index "
            "WHERE search_index MATCH :query"
        )
    codes = " ".join(f"WHEN '{kind}' THEN {code}" for kind, code in CODES.items())
    return (
        f"SELECT kind, CASE kind {codes} END AS code, row_id FROM search_index "
        f"WHERE review_id = :review AND document @@ {_PG_QUERY}"
    )


def match_query(dialect: str, words: Sequence[str]) -> str | list[str]:
    """The index's query for words of letters and digits only: all prefixes, AND."""
    if dialect == "sqlite":
        return " AND ".join(f'"{w}"*' for w in words)
    return list(words)


# Each kind in its natural order: notes by time taken; minutes and items by meeting and
# place on the agenda; evidence, witnesses and recommendations by place in their list.
_MEETING = "JOIN meetings m ON m.id = r.meeting_id"
_ORDER = {
    "note": ("notes", "", "r.created_utc, r.id"),
    "evidence": ("evidence", "", "r.position, r.id"),
    "minute": ("agenda_items", _MEETING, "m.start, m.id, r.position"),
    "item": ("agenda_items", _MEETING, "m.start, m.id, r.position"),
    "witness": ("witnesses", "", "r.position, r.id"),
    "recommendation": ("recommendations", "", "r.position, r.id"),
}


def _top(kind: str) -> str:
    table, join, order = _ORDER[kind]
    return (
        f"SELECT * FROM (SELECT '{kind}' AS kind, r.id AS row_id, CAST(NULL AS BIGINT) AS total "
        f"FROM hits h JOIN {table} r ON r.id = h.row_id {join} "
        f"WHERE h.code = {CODES[kind]} AND r.review_id = :review ORDER BY {order} LIMIT :cap) "
        f"AS top_{kind}"
    )


def _count(kind: str) -> str:
    table = _ORDER[kind][0]
    return (
        f"SELECT '{kind}' AS kind, NULL AS row_id, count(*) AS total "
        f"FROM hits h JOIN {table} r ON r.id = h.row_id "
        f"WHERE h.code = {CODES[kind]} AND r.review_id = :review"
    )


def ranked(
    session: Session, review_id: int, words: Sequence[str], per_kind: int
) -> dict[str, tuple[int, list[int]]]:
    """kind -> (how many records match, ids of the first ``per_kind`` in order).

    One statement, so the index is asked once: the first rows of each kind (a sort
    with a limit, which needs no full sort) and the count of each kind."""
    if not words:
        return {}
    dialect = session.get_bind().dialect.name
    counts = (
        [_count(kind) for kind in KINDS]
        if dialect == "sqlite"  # hits of every review: counted on the review's rows
        else ["SELECT kind, NULL AS row_id, count(*) AS total FROM hits GROUP BY kind"]
    )
    parts = [_top(kind) for kind in KINDS] + counts
    sql = f"WITH hits AS ({_hits_sql(dialect)}) " + " UNION ALL ".join(parts)
    params = {"query": match_query(dialect, words), "review": review_id, "cap": per_kind}
    totals: dict[str, int] = {}
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for kind, row_id, total in session.execute(text(sql), params):
        if row_id is None:
            totals[kind] = int(total)
        else:
            ids[kind].append(int(row_id))  # each kind's rows arrive in its order
    return {kind: (totals[kind], ids[kind]) for kind in KINDS if totals.get(kind)}


def all_matches(session: Session, review_id: int, words: Sequence[str]) -> set[tuple[str, int]]:
    """Every (kind, row id) of the review the index finds, unordered (for checks)."""
    if not words:
        return set()
    dialect = session.get_bind().dialect.name
    where = "search_index MATCH :query" if dialect == "sqlite" else f"document @@ {_PG_QUERY}"
    sql = f"SELECT kind, row_id FROM search_index WHERE review_id = :review AND {where}"
    params = {"query": match_query(dialect, words), "review": review_id}
    return {(k, int(r)) for k, r in session.execute(text(sql), params)}


# Reading records back for display --------------------------------------------------

_CLOSED = Access.CLOSED.value

_SOURCES = {
    "note": (
        "SELECT n.id, n.key, n.text, n.created_utc, n.created_offset_minutes, "
        "n.access, i.access, e.access, m.title, i.title, NULL, NULL "
        "FROM notes n LEFT JOIN agenda_items i ON i.id = n.item_id "
        "LEFT JOIN evidence e ON e.id = n.evidence_id "
        "LEFT JOIN meetings m ON m.id = coalesce(n.meeting_id, i.meeting_id) "
        "WHERE n.id IN ({ids})"
    ),
    "minute": (
        "SELECT i.id, i.key, i.minute, m.start, i.access, m.title, i.title "
        "FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id IN ({ids})"
    ),
    "item": (
        "SELECT i.id, i.key, i.title, i.public_title, m.start, i.access, m.title "
        "FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id IN ({ids})"
    ),
    "evidence": (
        "SELECT e.id, e.key, e.title, e.summary, e.received, e.access, e.kind "
        "FROM evidence e WHERE e.id IN ({ids})"
    ),
    "witness": (
        "SELECT w.id, w.key, w.name, w.role, w.organisation FROM witnesses w WHERE w.id IN ({ids})"
    ),
    "recommendation": (
        "SELECT r.id, r.key, r.text, r.response, r.position, r.status "
        "FROM recommendations r WHERE r.id IN ({ids})"
    ),
}


def _datetime(value: Any) -> datetime | None:
    """A DATETIME or DATE column read through plain SQL (SQLite gives text)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return datetime(value.year, value.month, value.day)


def _source(kind: str, row: Any) -> SearchSource:
    if kind == "note":
        created = _datetime(row[3])
        assert created is not None
        local = created + timedelta(minutes=row[4])
        item, evidence = (None if a is None else Access(a) for a in (row[6], row[7]))
        closed = note_access(Access(row[5]), item, evidence) is Access.CLOSED
        return SearchSource(
            kind, row[0], row[1], (row[2],), closed, when=local, meeting=row[8], item=row[9]
        )
    if kind == "minute":
        return SearchSource(
            kind, row[0], row[1], (row[2],), row[4] == _CLOSED, when=_datetime(row[3]),
            meeting=row[5], item=row[6],
        )  # fmt: skip
    if kind == "item":
        return SearchSource(
            kind, row[0], row[1], (row[2], row[3]), row[5] == _CLOSED, when=_datetime(row[4]),
            meeting=row[6],
        )  # fmt: skip
    if kind == "evidence":
        return SearchSource(
            kind, row[0], row[1], (row[2], row[3]), row[5] == _CLOSED, when=_datetime(row[4]),
            label=row[6],
        )  # fmt: skip
    if kind == "witness":
        return SearchSource(kind, row[0], row[1], (row[2], row[3], row[4]), False)
    return SearchSource(
        kind, row[0], row[1], (row[2], row[3]), False, number=row[4] + 1, label=row[5]
    )


def sources(session: Session, kind: str, ids: Sequence[int]) -> list[SearchSource]:
    """The records of one kind with these ids, in the order given."""
    if not ids:
        return []
    marks = ", ".join(f":id{n}" for n in range(len(ids)))
    sql = _SOURCES[kind].format(ids=marks)
    rows = session.execute(text(sql), {f"id{n}": i for n, i in enumerate(ids)})
    by_id = {row[0]: _source(kind, row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]
