"""Reading the full-text index (made by migration 0004, scoped by review by 0008, and
kept in step by their triggers).

``ranked`` asks the database's index for the records of one review whose words begin
with every query word (the review is part of the index's query, so other reviews'
records are never read), and returns the first few of each kind in the record's
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
from ..domain.errors import NotFoundError
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


#: The FTS5 rowid of a record's entry is ``row_id * 8 + code`` (migrations 0004, 0008).
CODES = {
    "note": 1,
    "minute": 2,
    "item": 3,
    "evidence": 4,
    "witness": 5,
    "recommendation": 6,
    "action": 7,
}
_KIND_OF_CODE = {code: kind for kind, code in CODES.items()}


def _hits(dialect: str, review_id: int, words: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """SQL for (code, row_id) of every record of the review that matches, read from the
    index alone, and its parameters.

    SQLite: the review is one more word of the ``MATCH`` (the index's ``review``
    column), each query word a prefix of the ``words`` column. PostgreSQL: each word is
    split as search_document() splits text (so the two agree whatever the server's
    locale calls a letter), quoted and made a prefix, all required; the query is an
    expression of the parameters, so the planner sees it and picks the review's rows
    or the word's, whichever are fewer."""
    if dialect == "sqlite":
        required = " AND ".join(f'"{w}"*' for w in words)
        query = f'review : "{int(review_id)}" AND words : ({required})'
        sql = (
            "SELECT rowid % 8 AS code, rowid / 8 AS row_id FROM search_index "
            "WHERE search_index MATCH :query"
        )
        return sql, {"query": query}
    terms = " || ' & ' || ".join(
        f"'''' || regexp_replace(:w{n}, '[^[:alnum:]]+', ' ', 'g') || ''':*'"
        for n in range(len(words))
    )
    codes = " ".join(f"WHEN '{kind}' THEN {code}" for kind, code in CODES.items())
    sql = (
        f"SELECT CASE kind {codes} END AS code, row_id FROM search_index "
        f"WHERE review_id = :review AND document @@ to_tsquery('simple', {terms})"
    )
    return sql, {"review": review_id} | {f"w{n}": w for n, w in enumerate(words)}


# Each kind in its natural order: notes by time taken; minutes and items by meeting and
# place on the agenda; evidence, witnesses, recommendations and actions by place in
# their list.
_MEETING = "JOIN meetings m ON m.id = r.meeting_id"
_ORDER = {
    "note": ("notes", "", "r.created_utc, r.id"),
    "evidence": ("evidence", "", "r.position, r.id"),
    "minute": ("agenda_items", _MEETING, "m.start, m.id, r.position"),
    "item": ("agenda_items", _MEETING, "m.start, m.id, r.position"),
    "witness": ("witnesses", "", "r.position, r.id"),
    "recommendation": ("recommendations", "", "r.position, r.id"),
    "action": ("actions", "", "r.position, r.id"),
}

#: Above this many hits of a kind, PostgreSQL finds its first ones by walking the
#: review's records in order until it has them, instead of reading every hit's record
#: and sorting: a common word then costs a few records, not thousands.
DENSE = 1000


def _top(kind: str, dialect: str) -> str:
    """The first ``:cap`` records of a kind among the hits, in its order.

    SQLite: each hit's record read by its key, then a sort with a limit. PostgreSQL
    (the hits of each kind are an array in ``kinds``): the same for at most DENSE
    hits; for more, the review's records in order, each checked against the kind's
    hits (a hash), until ``:cap`` are found. A one-time filter on the kind's count
    runs one of the two and skips the other."""
    table, join, order = _ORDER[kind]
    code = CODES[kind]
    head = f"SELECT {code} AS code, r.id AS row_id, CAST(NULL AS BIGINT) AS total"
    if dialect == "sqlite":
        few = f"FROM hits h JOIN {table} r ON r.id = h.row_id {join} WHERE h.code = {code}"
        return f"SELECT * FROM ({head} {few} ORDER BY {order} LIMIT :cap) AS top_{kind}"
    ids = f"(SELECT ids FROM kinds WHERE code = {code})"
    total = f"(SELECT total FROM kinds WHERE code = {code})"
    review = "r.review_id = :review" + (" AND m.review_id = :review" if join else "")
    few = (
        f"FROM unnest({ids}) AS h(row_id) JOIN {table} r ON r.id = h.row_id {join} "
        f"WHERE {total} <= {DENSE} AND {review}"
    )
    many = (
        f"FROM {table} r {join} WHERE {total} > {DENSE} AND {review} "
        f"AND CASE WHEN r.id IN (SELECT unnest({ids})) THEN TRUE END"
    )  # the CASE keeps the planner from turning the test into a join
    return (
        f"SELECT * FROM ({head} {few} ORDER BY {order} LIMIT :cap) AS few_{kind} UNION ALL "
        f"SELECT * FROM ({head} {many} ORDER BY {order} LIMIT :cap) AS many_{kind}"
    )


def ranked(
    session: Session, review_id: int, words: Sequence[str], per_kind: int
) -> dict[str, tuple[int, list[int]]]:
    """kind -> (how many records match, ids of the first ``per_kind`` in order);
    NotFoundError if there is no such review.

    One statement: the index is asked once, for the review only; the counts of all
    kinds come from one pass over its hits (on PostgreSQL, with each kind's hits
    gathered into an array on the way), and each kind's first records from only that
    kind's hits."""
    if not words:
        return {}
    dialect = session.get_bind().dialect.name
    hits, params = _hits(dialect, review_id, words)
    if dialect == "sqlite":
        head = (
            f"WITH hits AS MATERIALIZED ({hits}), "
            "kinds AS MATERIALIZED (SELECT code, count(*) AS total FROM hits GROUP BY code) "
        )
    else:
        head = (
            "WITH kinds AS MATERIALIZED (SELECT code, count(*) AS total, "
            f"array_agg(row_id) AS ids FROM ({hits}) AS hits GROUP BY code) "
        )
    sql = (
        head
        + " UNION ALL ".join(_top(kind, dialect) for kind in KINDS)
        + " UNION ALL SELECT code, NULL, total FROM kinds"
        + " UNION ALL SELECT 0, NULL, count(*) FROM reviews WHERE id = :review"
    )  # the last row says whether the review exists: no other trip to the database
    totals: dict[str, int] = {}
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    params |= {"cap": per_kind, "review": review_id}
    for code, row_id, total in session.execute(text(sql), params):
        if code == 0:
            if not total:
                raise NotFoundError(f"There is no review with id {review_id}")
            continue
        kind = _KIND_OF_CODE[int(code)]
        if row_id is None:
            totals[kind] = int(total)
        else:
            ids[kind].append(int(row_id))  # each kind's rows arrive in its order
    return {kind: (totals[kind], ids[kind]) for kind in KINDS if totals.get(kind)}


def all_matches(session: Session, review_id: int, words: Sequence[str]) -> set[tuple[str, int]]:
    """Every (kind, row id) of the review the index finds, unordered (for checks)."""
    if not words:
        return set()
    hits, params = _hits(session.get_bind().dialect.name, review_id, words)
    rows = session.execute(text(hits), params)
    return {(_KIND_OF_CODE[int(code)], int(row_id)) for code, row_id in rows}


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
    "action": (
        "SELECT a.id, a.key, a.text, a.owner, a.access, a.status, a.due, m.title, m.start "
        "FROM actions a LEFT JOIN meetings m ON m.id = a.meeting_id WHERE a.id IN ({ids})"
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
    if kind == "action":
        due = _datetime(row[6])
        return SearchSource(
            kind, row[0], row[1], (row[2], row[3]), row[4] == _CLOSED, when=_datetime(row[8]),
            due=None if due is None else due.date(), meeting=row[7], label=row[5],
        )  # fmt: skip
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
