"""Reading the full-text index (made by migration 0004, scoped by review by 0008 and,
on PostgreSQL, indexed by words tagged with their review by 0015; kept in step by
triggers).

``ranked`` asks the database's index for the records of one review whose words begin
with every query word (the review is part of the index's query, so other reviews'
records are never read), and returns the first few of each kind in the record's
natural order, read back for display, with the count of all of them. The words come
from ``domain.search_text.query_words`` (letters and digits only), so nothing a user
types reaches the query syntax.

The index table is not in the ORM metadata: on SQLite it is an FTS5 virtual table
(with shadow tables ``search_index_*``), which SQLAlchemy cannot describe.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..domain.enums import Access
from ..domain.errors import NotFoundError
from ..domain.note_records import note_access
from ..domain.search_text import KINDS, SearchSource

if TYPE_CHECKING:
    from .db import Database
    from .pg_driver import Reader

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


def _alchemy(name: str) -> str:
    """A parameter as SQLAlchemy's ``text()`` writes it."""
    return f":{name}"


def _psycopg(name: str) -> str:
    """A parameter as psycopg writes it (for its own cursor)."""
    return f"%({name})s"


def _hits(dialect: str, review_id: int, words: Sequence[str]) -> tuple[str, dict[str, Any]]:
    """SQL for (code, row_id) of every record of the review that matches, read from the
    index alone, and its parameters.

    SQLite: the review is one more word of the ``MATCH`` (the index's ``review``
    column), each query word a prefix of the ``words`` column. PostgreSQL: the
    review's tagged words (``_matching``)."""
    if dialect == "sqlite":
        required = " AND ".join(f'"{w}"*' for w in words)
        query = f'review : "{int(review_id)}" AND words : ({required})'
        sql = (
            "SELECT rowid % 8 AS code, rowid / 8 AS row_id FROM search_index "
            "WHERE search_index MATCH :query"
        )
        return sql, {"query": query}
    codes = " ".join(f"WHEN '{kind}' THEN {code}" for kind, code in CODES.items())
    sql = f"SELECT CASE kind {codes} END AS code, row_id FROM search_index WHERE {_matching(words)}"
    return sql, {"review": review_id} | {f"w{n}": w for n, w in enumerate(words)}


def _matching(words: Sequence[str], mark: Callable[[str], str] = _alchemy) -> str:
    """PostgreSQL: the condition on ``search_index`` for the review's records that match
    (parameters ``review`` and ``w0``, ``w1``..., written by ``mark``), asked of the
    index of migration 0015, whose words carry their record's review (``17/waits``):
    the index's own query holds the review, so it never reads another review's
    records, however many reviews there are.

    The query is ``_tsquery``'s with every word tagged (``_tagged``). Where the parser
    split a query word (at a character the server does not call a letter, such as a
    combining mark), ``_tsquery`` asks for the parts side by side, which the tagged
    words (without positions) cannot tell: the index then finds the records holding
    both parts, and ``_tsquery`` itself checks each of them. Both are expressions of
    the parameters: the planner sees constants, and drops the check where there is
    nothing to check (no ``<`` in the query)."""
    query = _tsquery(words, mark)
    return (
        f"search_tagged(review_id, document) @@ {_tagged(query, mark)} "
        f"AND (strpos(CAST({query} AS TEXT), '<') = 0 OR document @@ {query})"
    )


def _tagged(query: str, mark: Callable[[str], str]) -> str:
    """PostgreSQL: the tsquery ``query`` made one for migration 0015's tagged words:
    each word prefixed with the review and ``/`` (parameter ``review``, cast to the
    column's type and written as ``search_tagged`` writes it: ``17/`` never begins
    ``170/``), words side by side (``<->``, ``<2>``) only required together. Made from
    the query's own text, where each word is quoted (a quote in it doubled), so its
    words are split and folded exactly as the document's are."""
    review = f"CAST(CAST({mark('review')} AS INTEGER) AS TEXT)"
    anded = f"regexp_replace(CAST({query} AS TEXT), '<(-|[0-9]+)>', '&', 'g')"
    word = "'''((?:[^'']|'''')*)'''"
    return f"CAST(regexp_replace({anded}, {word}, '''' || {review} || '/\\1''', 'g') AS tsquery)"


def _tsquery(words: Sequence[str], mark: Callable[[str], str]) -> str:
    """PostgreSQL: the words' query of ``_matching`` (and of a walk's check of a record
    in ``_top_postgres``), an expression of the parameters ``w0``, ``w1``... (so the
    planner sees it): each word split as search_document() splits text (so the two
    agree whatever the server's locale calls a letter), quoted and made a prefix, all
    required."""
    terms = " || ' & ' || ".join(
        "'''' || regexp_replace(" + mark(f"w{n}") + ", '[^[:alnum:]]+', ' ', 'g') || ''':*'"
        for n in range(len(words))
    )
    return f"to_tsquery('simple', {terms})"


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
#: review's records in order, asking the index about each, until it has them, instead
#: of reading every hit's record and sorting: a common word then costs a few records,
#: not thousands, and its hits never leave the server.
DENSE = 1000


#: The row every kind's records are read back in (after ``code`` and ``ord``): each
#: column with one type, so that one statement returns every kind.
_SHAPE = (
    ("id", "INTEGER"),
    ("key", "TEXT"),
    ("t1", "TEXT"),
    ("t2", "TEXT"),
    ("t3", "TEXT"),
    ("at", "TIMESTAMP"),
    ("num", "INTEGER"),
    ("acc1", "TEXT"),
    ("acc2", "TEXT"),
    ("acc3", "TEXT"),
    ("meeting", "TEXT"),
    ("item", "TEXT"),
    ("label", "TEXT"),
    ("due", "DATE"),
)

#: Each kind's record as the clerk sees it: the columns of ``_SHAPE`` it fills from its
#: record ``r`` (the others are NULL). What places it is read by key in a subquery of
#: its own, not joined: planning the joins of every kind found cost more than running
#: them.
_ITEM_OF_NOTE = "(SELECT i.{} FROM agenda_items i WHERE i.id = r.item_id)"
_MEETING_OF = "(SELECT m.{} FROM meetings m WHERE m.id = r.meeting_id)"
_MEETING_OF_NOTE = (
    "(SELECT m.title FROM meetings m WHERE m.id = "
    f"coalesce(r.meeting_id, {_ITEM_OF_NOTE.format('meeting_id')}))"
)
_SHOW: dict[str, dict[str, str]] = {
    "note": {
        "t1": "r.text",
        "at": "r.created_utc",
        "num": "r.created_offset_minutes",
        "acc1": "r.access",
        "acc2": _ITEM_OF_NOTE.format("access"),
        # only when it names some: the planner reads a small table whole for each note
        "acc3": "CASE WHEN r.evidence_id IS NOT NULL THEN "
        "(SELECT e.access FROM evidence e WHERE e.id = r.evidence_id) END",
        "meeting": _MEETING_OF_NOTE,
        "item": _ITEM_OF_NOTE.format("title"),
    },
    "minute": {
        "t1": "r.minute",
        "at": _MEETING_OF.format("start"),
        "acc1": "r.access",
        "meeting": _MEETING_OF.format("title"),
        "item": "r.title",
    },
    "item": {
        "t1": "r.title",
        "t2": "r.public_title",
        "at": _MEETING_OF.format("start"),
        "acc1": "r.access",
        "meeting": _MEETING_OF.format("title"),
    },
    "evidence": {
        "t1": "r.title",
        "t2": "r.summary",
        "at": "r.received",
        "acc1": "r.access",
        "label": "r.kind",
    },
    "witness": {"t1": "r.name", "t2": "r.role", "t3": "r.organisation"},
    "recommendation": {
        "t1": "r.text",
        "t2": "r.response",
        "num": "r.position",
        "label": "r.status",
    },
    "action": {
        "t1": "r.text",
        "t2": "r.owner",
        "at": _MEETING_OF.format("start"),
        "acc1": "r.access",
        "meeting": _MEETING_OF.format("title"),
        "label": "r.status",
        "due": "r.due",
    },
}


def _shown(kind: str, dialect: str) -> str:
    """The select list of ``_SHAPE`` for a kind's record ``r``. PostgreSQL is given one
    type per column (an evidence's date of receipt as a timestamp at midnight, which
    ``_datetime`` makes of a date anyway), and reads a minute's or an item's meeting
    from the ``m`` it is ordered by; SQLite keeps what it holds."""
    columns = _SHOW[kind]
    if dialect != "sqlite" and kind in ("minute", "item"):
        columns = columns | {"at": "m.start", "meeting": "m.title"}
    out = []
    for name, type_ in _SHAPE:
        value = columns.get(name, "r." + name if name in ("id", "key") else None)
        if value is None:
            out.append(f"CAST(NULL AS {type_})")
        elif dialect != "sqlite" and name == "at" and kind == "evidence":
            out.append(f"CAST({value} AS TIMESTAMP)")
        else:
            out.append(value)
    return ", ".join(out)


#: A count row (the count in the ``id`` column): the columns after it.
_COUNTED = ", ".join(f"CAST(NULL AS {type_})" for _, type_ in _SHAPE[1:])


def _top(kind: str) -> str:
    """SQLite: the first ``:cap`` records of a kind among the hits (``hits``), in its
    order, read back for display (``ord`` numbers them in that order): each hit's
    record read by its key, then a sort with a limit; only the records kept are read
    again, with what places them."""
    table, join, order = _ORDER[kind]
    code = CODES[kind]
    head = f"SELECT r.id AS row_id, row_number() OVER (ORDER BY {order}) AS ord"
    hits = f"FROM hits h JOIN {table} r ON r.id = h.row_id {join} WHERE h.code = {code}"
    return (
        f"SELECT * FROM (SELECT {code} AS code, t.ord, {_shown(kind, 'sqlite')} "
        f"FROM ({head} {hits} ORDER BY {order} LIMIT :cap) AS t "
        f"JOIN {table} r ON r.id = t.row_id) AS top_{kind}"
    )


def ranked(
    db: Database, review_id: int, words: Sequence[str], per_kind: int
) -> dict[str, tuple[int, list[SearchSource]]]:
    """kind -> (how many records match, the first ``per_kind`` of them in order, read
    back for display); NotFoundError if there is no such review.

    The index is asked once, for the review only; the counts of all kinds come from
    one pass over its hits, and each kind's first records from that kind's hits alone,
    read back with what places them. SQLite reads in a session of ``db``, PostgreSQL
    on a pooled connection of its own (``_ranked_postgres``)."""
    if not words:
        return {}
    if db.dialect == "sqlite":
        with db.reading() as session:
            totals, rows = _ranked_sqlite(session, review_id, words, per_kind)
    else:
        totals, rows = _ranked_postgres(db, review_id, words, per_kind)
    shown: dict[str, list[tuple[int, SearchSource]]] = {kind: [] for kind in totals}
    for row in rows:
        kind = _KIND_OF_CODE[int(row[0])]
        shown[kind].append((int(row[1]), _source(kind, row[2:])))
    return {
        kind: (totals[kind], [source for _, source in sorted(shown[kind], key=_first)])
        for kind in KINDS
        if totals.get(kind)
    }


def _first(pair: tuple[int, SearchSource]) -> int:
    return pair[0]


def _ranked_sqlite(
    session: Session, review_id: int, words: Sequence[str], per_kind: int
) -> tuple[dict[str, int], list[Any]]:
    """(kind -> count, rows of each kind's first records): one statement, the hits,
    their counts and each kind's first records, and a row saying whether the review
    exists (a count row has no ``ord``)."""
    hits, params = _hits("sqlite", review_id, words)
    sql = (
        f"WITH hits AS MATERIALIZED ({hits}), "
        "kinds AS MATERIALIZED (SELECT code, count(*) AS total FROM hits GROUP BY code) "
        + " UNION ALL ".join(_top(kind) for kind in KINDS)
        + f" UNION ALL SELECT code, NULL, total, {_COUNTED} FROM kinds"
        + f" UNION ALL SELECT 0, NULL, count(*), {_COUNTED} FROM reviews WHERE id = :review"
    )
    totals: dict[str, int] = {}
    rows = []
    params |= {"cap": per_kind, "review": review_id}
    for row in session.execute(text(sql), params):
        if row[1] is not None:
            rows.append(row)
        elif row[0] == 0:
            if not row[2]:
                raise NotFoundError(f"There is no review with id {review_id}")
        else:
            totals[_KIND_OF_CODE[int(row[0])]] = int(row[2])
    return totals, rows


def _ranked_postgres(
    db: Database, review_id: int, words: Sequence[str], per_kind: int
) -> tuple[dict[str, int], list[Any]]:
    """(kind -> count, rows of each kind's first records): ``_ask_postgres`` through the
    driver's own cursor on a pooled connection, without a session and in autocommit
    (``pg_driver.reader``, as a paper's read): a session and SQLAlchemy's work on each
    result cost more than a small search, and each statement reads a snapshot of its
    own, as it would in a READ COMMITTED transaction, the server spared a BEGIN and a
    ROLLBACK, each a trip."""
    from . import pg_driver

    with pg_driver.reader(db) as read:
        return _ask_postgres(read, review_id, words, per_kind)


def _ask_postgres(
    read: Reader, review_id: int, words: Sequence[str], per_kind: int
) -> tuple[dict[str, int], list[Any]]:
    """Two statements, neither ever prepared on the server (psycopg prepares a statement
    once its text has run five times on a connection: the server could then plan the
    first once for all words, without knowing how many records they match).

    The first asks the index, planned for these words (so the planner reads the
    review's rows or the words', whichever are fewer): each kind's count, the hits of
    each kind that has at most DENSE (the text of an array), and whether the review
    exists. The second reads the first records of the kinds found, each kind in the
    one way its count calls for (``_top_postgres``): planning a statement ready for
    every kind both ways cost more than running it. A common word's hits never leave
    the server: sending them back for the second statement cost more than the index.
    Each statement's text depends only on the number of words (and the second's on
    the kinds found and their ways), so it is made once (``_counted``, ``_tops``)."""
    params = {"review": review_id} | {f"w{n}": w for n, w in enumerate(words)}
    totals: dict[str, int] = {}
    tops: dict[str, Any] = params | {"cap": per_kind}
    for kind, total, ids in read.rows(_counted(len(words), DENSE), params):
        if not kind:
            if not total:
                raise NotFoundError(f"There is no review with id {review_id}")
            continue
        totals[kind] = total
        tops[f"i{CODES[kind]}"] = ids
    if not totals:
        return totals, []
    ways = tuple((kind, tops[f"i{CODES[kind]}"] is None) for kind in KINDS if kind in totals)
    return totals, read.rows(_tops(ways, len(words)), tops)


@lru_cache(maxsize=16)
def _counted(words: int, dense: int) -> str:
    """``_ask_postgres``'s first statement for a query of so many words, returning the
    hits of a kind that has at most ``dense``."""
    marks = tuple(f"w{n}" for n in range(words))
    return (
        f"SELECT kind, count(*), CASE WHEN count(*) <= {int(dense)} THEN "
        "CAST(array_agg(row_id) AS TEXT) END FROM search_index "
        f"WHERE {_matching(marks, _psycopg)} GROUP BY kind "
        "UNION ALL SELECT '', count(*), NULL FROM reviews WHERE id = %(review)s"
    )


@lru_cache(maxsize=256)
def _tops(ways: tuple[tuple[str, bool], ...], words: int) -> str:
    """``_ask_postgres``'s second statement: the first records of each (kind, walk)."""
    query = _tsquery(tuple(f"w{n}" for n in range(words)), _psycopg)
    return " UNION ALL ".join(_top_postgres(kind, query, walk=walk) for kind, walk in ways)


def _top_postgres(kind: str, query: str, *, walk: bool) -> str:
    """The first ``cap`` records of a kind, in its order, with ``ord`` numbering them
    and what places them (read only for the records kept).

    By its hits (parameter ``i<code>``, the text of an array, all of them the review's
    as on SQLite): each hit's record read by its key (a minute's or an item's meeting
    too), then a sort with a limit. A planner without statistics (a database just
    filled) must not find another way: a condition on the review led it to read every
    meeting's items, and would lead it to walk a review's notes in time order for a
    few hits; the small tables keep one, without which it read a table whole.

    By a walk (more than DENSE hits): the review's records in order (minutes and
    items: its meetings in order, and each one's items in order), each looked up in
    the index by its key and checked against ``query``, until ``cap`` are found; the
    CASE keeps the planner from turning the check into a join."""
    table, join, order = _ORDER[kind]
    code = CODES[kind]
    if not walk:
        if join:  # each hit's meeting by its key (LIMIT: not a join the planner reorders)
            join = (
                "CROSS JOIN LATERAL (SELECT m.id, m.start, m.title FROM meetings m "
                "WHERE m.id = r.meeting_id LIMIT 1) AS m"
            )
        hits = f"FROM {table} r {join} WHERE r.id = ANY(CAST(%(i{code})s AS INTEGER[]))"
        if kind not in ("note", "minute", "item"):
            hits += " AND r.review_id = %(review)s"
    else:
        found = (
            f"CASE WHEN (SELECT s.document @@ {query} FROM search_index s "
            f"WHERE s.kind = '{kind}' AND s.row_id = r.id) THEN TRUE END"
        )
        if join:
            hits = (
                f"FROM meetings m CROSS JOIN LATERAL (SELECT r.* FROM {table} r "
                f"WHERE r.meeting_id = m.id AND {found} ORDER BY r.position) AS r "
                "WHERE m.review_id = %(review)s"
            )
        else:
            hits = f"FROM {table} r WHERE r.review_id = %(review)s AND {found}"
    return (
        f"(SELECT {code} AS code, row_number() OVER (ORDER BY {order}) AS ord, "
        f"{_shown(kind, 'postgresql')} {hits} ORDER BY {order} LIMIT %(cap)s)"
    )


def all_matches(session: Session, review_id: int, words: Sequence[str]) -> set[tuple[str, int]]:
    """Every (kind, row id) of the review the index finds, unordered (for checks)."""
    if not words:
        return set()
    hits, params = _hits(session.get_bind().dialect.name, review_id, words)
    rows = session.execute(text(hits), params)
    return {(_KIND_OF_CODE[int(code)], int(row_id)) for code, row_id in rows}


# Reading records back for display --------------------------------------------------

_CLOSED = Access.CLOSED.value


def _datetime(value: Any) -> datetime | None:
    """A DATETIME or DATE column read through plain SQL (SQLite gives text)."""
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return datetime(value.year, value.month, value.day)


@lru_cache(maxsize=32)
def _note_closed(own: str, item: str | None, evidence: str | None) -> bool:
    """Whether a note is closed (``note_access``), from the access of the note, of its
    item and of its evidence as stored (a few combinations, each worked out once)."""
    item_access, evidence_access = (None if a is None else Access(a) for a in (item, evidence))
    return note_access(Access(own), item_access, evidence_access) is Access.CLOSED


@lru_cache(maxsize=256)
def _minutes(offset: int) -> timedelta:
    """A note's offset from UTC (a few, each made once)."""
    return timedelta(minutes=offset)


def _source(kind: str, row: Any) -> SearchSource:
    """A record read back in ``_SHAPE``'s columns."""
    row_id, key, t1, t2, t3, at, num, acc1, acc2, acc3, meeting, item, label, due = row
    if kind == "note":
        created = _datetime(at)
        assert created is not None
        return SearchSource(
            kind,
            row_id,
            key,
            (t1,),
            _note_closed(acc1, acc2, acc3),
            when=created + _minutes(num),
            meeting=meeting,
            item=item,
        )
    if kind == "minute":
        return SearchSource(
            kind,
            row_id,
            key,
            (t1,),
            acc1 == _CLOSED,
            when=_datetime(at),
            meeting=meeting,
            item=item,
        )
    if kind == "item":
        return SearchSource(
            kind, row_id, key, (t1, t2), acc1 == _CLOSED, when=_datetime(at), meeting=meeting
        )
    if kind == "evidence":
        return SearchSource(
            kind, row_id, key, (t1, t2), acc1 == _CLOSED, when=_datetime(at), label=label
        )
    if kind == "witness":
        return SearchSource(kind, row_id, key, (t1, t2, t3), False)
    if kind == "action":
        when = _datetime(due)
        return SearchSource(
            kind, row_id, key, (t1, t2), acc1 == _CLOSED, when=_datetime(at),
            due=None if when is None else when.date(), meeting=meeting, label=label,
        )  # fmt: skip
    return SearchSource(kind, row_id, key, (t1, t2), False, number=num + 1, label=label)
