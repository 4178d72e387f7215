"""Colleagues' changes, as topics, for a window to read again what they touched.

Every write to a shared database is announced when it commits (``store.live``: on
PostgreSQL a NOTIFY naming the topics and reviews written; a SQLite file only says
that something changed, so there every topic has). ``LiveUpdates`` hears them: the
window calls ``start()``, then ``poll(review_id)`` when the socket has something
(``fileno()``) or on a timer, and reads again the topics it is given; ``close()``
stops. A change this ``Services`` made itself is skipped (the Editor already told the
window); a change to another review brings only the list of reviews, when it changed
it. The command line never starts it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..domain.topics import Topic, Topics

if TYPE_CHECKING:
    from ..store import live
    from ..store.db import Database


class LiveUpdates:
    def __init__(self, db: Database) -> None:
        from ..store import live

        self._db = db
        #: the id this database's own announcements carry (None: SQLite)
        self.instance = live.announce_commits(db)
        self._listener: live.Listener | None = None

    @property
    def started(self) -> bool:
        return self._listener is not None

    def start(self) -> None:
        """Begin hearing other connections' commits (again after ``close``)."""
        if self._listener is None:
            from ..store import live

            self._listener = live.listen(self._db)

    def fileno(self) -> int | None:
        """The socket that becomes readable when a change arrives; None when there is
        none to watch (a SQLite file, a connection lost): poll on a timer then."""
        return self._listener.fileno() if self._listener is not None else None

    def poll(self, review_id: int | None = None) -> Topics | None:
        """What others changed since the last poll, for a window showing ``review_id``:
        the topics to read again, or None when nothing did. Never waits."""
        if self._listener is None:
            return None
        found: set[Topic] = set()
        for change in self._listener.poll():
            if self.instance is not None and change.instance == self.instance:
                continue  # this database's own write: the window knows already
            if not change.reviews or review_id is None or review_id in change.reviews:
                # (no review named: none could be told, so it may be the one shown)
                found |= change.topics
            elif Topic.REVIEW in change.topics:
                found.add(Topic.REVIEW)  # another review: the list of reviews may differ
        return frozenset(found) or None

    def close(self) -> None:
        """Stop hearing; ``poll`` then says nothing."""
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
