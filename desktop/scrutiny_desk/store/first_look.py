"""The first screen of a SQLite file, read before the store (SQLAlchemy) is imported.

A start shows the list of reviews and the first meetings of the review open last time
from here, through plain ``sqlite3``, while the store is still being imported; the
store opens once they are on screen (``services.first_look``). The reads are the
store's own statements, compiled for SQLite: ``tests/store/test_first_look.py``
compiles ``queries.reviews_statement``, ``listing.meeting_ids_statement`` (the default
order and no filter) and ``listing.meetings_by_id_statement`` and compares the text,
and compares every result, column by column and type by type, with the store's.

Only a file the app left cleanly (``clean_close.as_left``: no integrity check due), at
the schema this version writes (``schema_head``), with no upgrade marker, that the
account can write, qualifies (``FirstLook.open``); for anything else it is None and the
store opens the file before the window shows, as it always has (it checks, upgrades,
opens read-only or refuses the file).

Each read opens a read-only connection of its own and closes it at once: a connection
left open would keep the store's writer from being the last to close the file, which
would leave its ``-wal`` behind, and the next start would find the file not as left.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.enums import ReviewStatus
from ..domain.summaries import RetentionState, ReviewSummary
from . import clean_close, sqlite_files
from .schema_head import HEAD_REVISION

REVIEWS_SQL = (
    "SELECT reviews.id, reviews.title, reviews.body, reviews.status, reviews.timezone, "
    "reviews.version, coalesce(anon_1.n, ?) AS coalesce_1 \n"
    "FROM reviews LEFT OUTER JOIN (SELECT meetings.review_id AS review_id, count(*) AS n \n"
    "FROM meetings GROUP BY meetings.review_id) AS anon_1 ON anon_1.review_id = reviews.id "
    "ORDER BY reviews.title, reviews.id"
)
"""``queries.reviews_statement()``; its one parameter is 0."""

MEETING_IDS_SQL = (
    "SELECT meetings.id \nFROM meetings \nWHERE meetings.review_id = ? "
    "ORDER BY meetings.start, meetings.position, meetings.id"
)
"""``listing.meeting_ids_statement(review_id, None, (), "start", False)``."""

MEETINGS_SQL = (
    'SELECT meetings.id, meetings.review_id, meetings.position, meetings."key", '
    'meetings.title, meetings.kind, meetings.start, meetings."end", meetings.venue, '
    "meetings.status, meetings.uid, meetings.sequence, meetings.minutes_status, "
    "meetings.minutes_approved_on, meetings.agenda_published_on, "
    "meetings.minutes_approved_at_id, meetings.joining_link, meetings.began, "
    "meetings.ended, meetings.title_cy, meetings.urgency, meetings.version, "
    "meetings.updated_by, meetings.updated_at, coalesce(anon_1.total, ?) AS total_items, "
    "coalesce(anon_1.closed, ?) AS closed_items \n"
    "FROM meetings LEFT OUTER JOIN (SELECT agenda_items.meeting_id AS meeting_id, "
    "count(*) AS total, sum(CASE WHEN (agenda_items.access = ?) THEN ? ELSE ? END) "
    "AS closed \nFROM agenda_items \nWHERE agenda_items.meeting_id IN ({ids}) "
    "GROUP BY agenda_items.meeting_id) AS anon_1 ON anon_1.meeting_id = meetings.id \n"
    "WHERE meetings.id IN ({ids})"
)
"""``listing.meetings_by_id_statement(ids)``, ``{ids}`` a ``?`` for each id; its
parameters: 0, 0, 'closed', 1, 0, the ids, the ids again."""

MEETINGS_CONSTANTS = (0, 0, "closed", 1, 0)

REVIEW_SQL = (
    "SELECT reviews.title, reviews.status, reviews.timezone, reviews.clear_days, "
    "reviews.retention_until, reviews.version FROM reviews WHERE reviews.id = ?"
)
"""The columns of one review that ``meeting_reads.review_settings`` and
``personal_data_reads.retention`` read (their results are compared)."""

_DATETIMES = frozenset({"start", "end", "began", "ended", "updated_at"})
_DATES = frozenset({"minutes_approved_on", "agenda_published_on", "retention_until"})


class Row:
    """A result row read by attribute, as SQLAlchemy's are (``meeting_rows`` reads them)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)

    if TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any: ...


def _value(name: str, value: Any) -> Any:
    """A column's value as the store's column type gives it."""
    if value is None:
        return None
    if name in _DATETIMES:
        return datetime.fromisoformat(value)
    if name in _DATES:
        return date.fromisoformat(value)
    return value


class FirstLook:
    """The reads of one SQLite file before the store is open (any thread)."""

    def __init__(self, path: Path, seen: dict[str, object]) -> None:
        self.path = path
        self.seen = seen
        """The file's fingerprint when it was found as left (``unchanged`` compares)."""

    @classmethod
    def open(cls, path: Path) -> FirstLook | None:
        """A first look at ``path``, or None where the store must open it first."""
        try:
            if not path.is_file() or path.stat().st_size == 0:
                return None
            if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                return None  # the store opens it read-only and says so
            if not clean_close.as_left(path):
                return None  # the integrity check comes first
            if sqlite_files.read_upgrade_marker(path) is not None:
                return None  # an interrupted upgrade: the store offers the backup
            seen = clean_close.fingerprint(path)
            if seen is None:
                return None
            look = cls(path, seen)
            with look._connection() as con:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        except (OSError, sqlite3.Error, ValueError):
            return None
        if row is None or row[0] != HEAD_REVISION:
            return None  # the store upgrades it or refuses it
        return look

    def unchanged(self) -> bool:
        """Whether the file is still as this look found it (no other program wrote)."""
        return clean_close.fingerprint(self.path) == self.seen

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        con = sqlite_files.connect_read_only(self.path)
        try:
            yield con
        finally:
            con.close()

    def reviews(self) -> list[ReviewSummary]:
        """``queries.list_reviews``."""
        with self._connection() as con:
            rows = con.execute(REVIEWS_SQL, (0,)).fetchall()
        return [
            ReviewSummary(i, title, body, ReviewStatus(status), tz, version, n)
            for i, title, body, status, tz, version, n in rows
        ]

    def meeting_ids(self, review_id: int) -> list[int]:
        """A review's meeting ids in the list's default order (by start)."""
        with self._connection() as con:
            return [r[0] for r in con.execute(MEETING_IDS_SQL, (review_id,))]

    def meetings(self, ids: Sequence[int]) -> list[Row]:
        """The meetings of these ids, with their item counts (any order)."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        with self._connection() as con:
            cursor = con.execute(MEETINGS_SQL.format(ids=marks), (*MEETINGS_CONSTANTS, *ids, *ids))
            names = [d[0] for d in cursor.description]
            return [Row({n: _value(n, v) for n, v in zip(names, r, strict=True)}) for r in cursor]

    def review(self, review_id: int) -> Row | None:
        """One review's title, status, timezone, clear_days, retention_until, version."""
        with self._connection() as con:
            cursor = con.execute(REVIEW_SQL, (review_id,))
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
        if row is None:
            return None
        return Row({n: _value(n, v) for n, v in zip(names, row, strict=True)})

    def review_settings(self, review_id: int) -> tuple[str, int] | None:
        """``meeting_reads.review_settings``: (time zone, clear days); None: no review."""
        found = self.review(review_id)
        return None if found is None else (found.timezone, found.clear_days)

    def retention(self, review_id: int) -> RetentionState | None:
        """``personal_data_reads.retention``; None: no such review."""
        found = self.review(review_id)
        if found is None:
            return None
        until = found.retention_until
        return RetentionState(review_id, found.title, found.status, until, until, found.version)
