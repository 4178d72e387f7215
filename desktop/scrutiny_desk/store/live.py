"""Telling other open windows that a write committed, and hearing it from them.

PostgreSQL: every write session, just before it commits, sends ``pg_notify`` on
``CHANNEL`` in its own transaction (the server delivers it only if the transaction
commits): the topics it wrote (``changes.TOUCHED``, flush has run), the reviews it
touched (``review_scope.touched_reviews``) and the instance id of the ``Database`` it
came from, so that a window can skip its own. A ``PgListener`` holds a connection of its
own in autocommit mode that LISTENs; ``poll()`` reads, without waiting, what has
arrived; if the server goes away it reconnects quietly, and says "everything" once it
is back, since notices sent meanwhile were lost.

SQLite: a file has no notices. A ``SqliteWatcher`` keeps a read-only connection and
asks ``PRAGMA data_version``, which changes when any other connection commits (a
statement of microseconds, no table read). It cannot say what changed, nor whose
change it was: this process's own writes go through other connections of the pool, and
one value change may stand for any number of commits, ours and others' together, so a
change of ours is reported too (a redundant refresh) rather than risk hiding a
colleague's.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..domain.topics import EVERYTHING, Topic, Topics
from . import changes, review_scope
from .db import Database

log = logging.getLogger(__name__)

CHANNEL = "scrutiny_desk"
MAX_PAYLOAD = 7000
"""PostgreSQL refuses a payload of 8,000 bytes or more: past this the reviews are left
out (unknown: every window reads again)."""
RECONNECT_S = 2.0
"""At most one attempt to reconnect a lost listening connection this often."""


@dataclass(frozen=True)
class Change:
    """What one committed write (or a gap in what was heard) changed."""

    topics: Topics
    reviews: frozenset[int] | None  # None: not known (any review may have changed)
    instance: str = ""  # the Database that wrote it ("" unknown)


EVERYTHING_CHANGED = Change(EVERYTHING, None)


class Announcer:
    """A ``Database.before_commit`` hook: the write's notice, in its own transaction."""

    def __init__(self) -> None:
        self.instance = uuid.uuid4().hex

    def __call__(self, session: Session) -> None:
        topics = session.info.get(changes.TOUCHED)
        if not topics:
            return
        # the driver's own statement on the session's connection: nothing for the ORM
        # or the compiler to do, about a third of a millisecond a write (psycopg's
        # placeholders: this hook is installed on PostgreSQL only)
        session.connection().exec_driver_sql(
            _NOTIFY, {"channel": CHANNEL, "payload": payload(topics, session, self.instance)}
        )


_NOTIFY = "SELECT pg_notify(%(channel)s, %(payload)s)"


def payload(topics: set[Topic], session: Session, instance: str) -> str:
    return payload_of(topics, review_scope.touched_reviews(session), instance)


def payload_of(topics: Iterable[Topic], reviews: Iterable[int], instance: str) -> str:
    """A notice's payload: the topics written, the reviews touched, by whom. (A write
    through the driver, without a session, says it so too: ``InvitationService``.)"""
    data: dict[str, Any] = {
        "topics": sorted(t.value for t in topics),
        "reviews": sorted(reviews),
        "instance": instance,
    }
    encoded = json.dumps(data, separators=(",", ":"))
    if len(encoded.encode()) > MAX_PAYLOAD:
        data["reviews"] = None
        encoded = json.dumps(data, separators=(",", ":"))
    return encoded


def parse(text_payload: str) -> Change:
    """A notice's payload; one that cannot be read says "everything"."""
    try:
        data = json.loads(text_payload)
        topics = frozenset(Topic(t) for t in data["topics"])
        reviews = data["reviews"]
        return Change(
            topics,
            None if reviews is None else frozenset(int(r) for r in reviews),
            str(data.get("instance", "")),
        )
    except (ValueError, KeyError, TypeError):
        return EVERYTHING_CHANGED


def announce_commits(db: Database) -> str | None:
    """On PostgreSQL, announce every write of ``db`` (once); its instance id. None on
    SQLite, where there is nothing to send."""
    found = announcer_of(db)
    if found is not None:
        return found.instance
    if db.dialect != "postgresql":
        return None
    announcer = Announcer()
    db.before_commit.append(announcer)
    return announcer.instance


def announcer_of(db: Database) -> Announcer | None:
    return next((h for h in db.before_commit if isinstance(h, Announcer)), None)


class Listener:
    """What ``listen`` gives: ``poll()`` without waiting, ``fileno()``, ``close()``."""

    def poll(self) -> list[Change]:
        raise NotImplementedError

    def fileno(self) -> int | None:
        """The socket to watch for arrivals (None: none, ask ``poll`` on a timer)."""
        return None

    def close(self) -> None:
        raise NotImplementedError


def listen(db: Database) -> Listener:
    """Start hearing other connections' commits to ``db``."""
    if db.dialect == "postgresql":
        return PgListener(db)
    return SqliteWatcher(Path(db.label))


class PgListener(Listener):
    def __init__(self, db: Database) -> None:
        args, kwargs = db.engine.dialect.create_connect_args(db.engine.url)
        self._args, self._kwargs = args, kwargs
        self._connection: Any = None
        self._tried = 0.0
        self._closed = False
        self._connect()  # a failure here is said by the first poll

    def _connect(self) -> bool:
        import psycopg

        self._tried = time.monotonic()
        try:
            connection = psycopg.connect(*self._args, **self._kwargs, autocommit=True)
            connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            log.info("Listening for changes failed: %s", type(exc).__name__)
            return False
        self._connection = connection
        return True

    def fileno(self) -> int | None:
        connection = self._connection
        if connection is None or connection.closed:
            return None
        return int(connection.fileno())

    def poll(self) -> list[Change]:
        import psycopg

        if self._closed:
            return []
        if self._connection is None:
            if time.monotonic() - self._tried < RECONNECT_S or not self._connect():
                return []
            return [EVERYTHING_CHANGED]  # what was sent while away was lost
        try:
            # libpq's own calls: they read what the socket holds and never wait
            # (``Connection.notifies(timeout=0)`` does not see a connection gone).
            pgconn = self._connection.pgconn
            pgconn.consume_input()
            heard = []
            while (notice := pgconn.notifies()) is not None:
                heard.append(parse(notice.extra.decode()))
            return heard
        except psycopg.Error as exc:
            log.info("The listening connection was lost: %s", type(exc).__name__)
            self._drop()
            return []

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        self._tried = time.monotonic()
        if connection is not None:
            try:
                connection.close()
            except Exception:  # a broken connection may fail to close: it is gone anyway
                log.debug("closing a lost listening connection failed", exc_info=True)

    def close(self) -> None:
        self._closed = True
        self._drop()


class SqliteWatcher(Listener):
    def __init__(self, path: Path) -> None:
        self._path = path
        self._connection: sqlite3.Connection | None = None
        self._version: int | None = None
        self._closed = False
        self._version = self._read()

    def _read(self) -> int | None:
        from . import sqlite_files

        try:
            if self._connection is None:
                self._connection = sqlite_files.connect_read_only(self._path)
                self._connection.isolation_level = None  # no transaction held open
            row = self._connection.execute("PRAGMA data_version").fetchone()
            return int(row[0])
        except sqlite3.Error as exc:
            log.info("Watching the database file failed: %s", type(exc).__name__)
            self._drop()
            return None

    def poll(self) -> list[Change]:
        if self._closed:
            return []
        reconnecting = self._connection is None
        version = self._read()
        if version is None:
            return []
        if reconnecting or version != self._version:
            # data_version is per connection: a new one starts its own count
            changed = self._version is not None or reconnecting
            self._version = version
            return [EVERYTHING_CHANGED] if changed else []
        return []

    def _drop(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def close(self) -> None:
        self._closed = True
        self._drop()
