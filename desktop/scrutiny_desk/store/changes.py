"""The topics a write changed, decided from the rows it actually wrote.

Every flush of a write session notes the tables of the rows it inserted, updated or
deleted, every ORM ``insert``/``update``/``delete`` statement notes its table, and a
deleted row also touches every table whose foreign keys point at it (the database
cascades or clears them). After the transaction commits, ``Database.writing`` hands the
topics to whoever is recording in that thread (``recording()``): the window's Editor
around one user action, a test around a service call. Nothing is reported for a write
that rolled back.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

from ..domain.topics import Topic, Topics
from . import orm

TOUCHED = "scrutiny_desk.touched"  # session.info key: the topics written so far

TOPIC_OF_TABLE: dict[str, Topic] = {
    "reviews": Topic.REVIEW,
    "exclusions": Topic.REVIEW,
    "interfaces": Topic.REVIEW,
    "milestones": Topic.REVIEW,
    "panel_members": Topic.PANEL,
    "tor_items": Topic.TERMS,
    "witnesses": Topic.WITNESSES,
    "meetings": Topic.MEETINGS,
    "minutes_history": Topic.MINUTES,
    "minutes_snapshots": Topic.MINUTES,
    "attendance": Topic.ATTENDANCE,
    "agenda_items": Topic.AGENDA,
    "item_witnesses": Topic.AGENDA,
    "item_tor": Topic.AGENDA,
    "evidence": Topic.EVIDENCE,
    "evidence_tor": Topic.EVIDENCE,
    "evidence_files": Topic.EVIDENCE,
    "notes": Topic.NOTES,
    "note_witnesses": Topic.NOTES,
    "note_tor": Topic.NOTES,
    "recommendations": Topic.RECOMMENDATIONS,
    "recommendation_progress": Topic.RECOMMENDATIONS,
    "recommendation_notes": Topic.RECOMMENDATIONS,
    "recommendation_tor": Topic.RECOMMENDATIONS,
    "actions": Topic.ACTIONS,
    "calendar_issues": Topic.INVITATIONS,
    "calendar_recipients": Topic.INVITATIONS,
    "member_interests": Topic.PANEL,
    "meeting_attendees": Topic.ATTENDANCE,
    "declarations": Topic.ATTENDANCE,
    "resolutions": Topic.AGENDA,
    "item_reports": Topic.AGENDA,  # migration 0011
    "report_paragraphs": Topic.REPORT,  # migration 0012
    "paragraph_notes": Topic.REPORT,
    "paragraph_evidence": Topic.REPORT,
    "paragraph_recommendations": Topic.REPORT,
    "report_settings": Topic.REPORT,
    "report_versions": Topic.REPORT,
    "report_comments": Topic.REPORT,
    "report_considerations": Topic.REPORT,
    "vote_casts": Topic.AGENDA,
}


UNSHOWN = frozenset(
    {"alembic_version", "search_index", "audit_log", "public_reviews", "public_papers"}
)
"""Tables written alongside every change, which no page shows as such: the schema's
revision, the search index, the audit trail (History and the review's log read it again
after any change) and a shared database's public projection (its public reader's)."""


def _referring_tables() -> dict[str, set[str]]:
    """For each table, the tables whose rows a delete of one of its rows may change:
    every table with a foreign key to it, and theirs in turn (cascade or SET NULL)."""
    direct: dict[str, set[str]] = {name: set() for name in orm.Base.metadata.tables}
    for table in orm.Base.metadata.tables.values():
        for key in table.foreign_keys:
            direct[key.column.table.name].add(table.name)
    closure: dict[str, set[str]] = {}
    for name in direct:
        seen: set[str] = set()
        todo = [name]
        while todo:
            for other in direct[todo.pop()]:
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        closure[name] = seen
    return closure


_REFERRING = _referring_tables()


def topics_of(table: str, *, deleted: bool = False) -> set[Topic]:
    """What writing a row of ``table`` changes (deleting it: the rows that refer to it too)."""
    tables = {table} | (_REFERRING.get(table, set()) if deleted else set())
    return {TOPIC_OF_TABLE[t] for t in tables if t in TOPIC_OF_TABLE}


def _note(session: Session, topics: Iterable[Topic]) -> None:
    session.info.setdefault(TOUCHED, set()).update(topics)


def _table_of(row: Any) -> str | None:
    table = getattr(row, "__table__", None)
    return table.name if table is not None else None


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    for rows, deleted in ((session.new, False), (session.dirty, False), (session.deleted, True)):
        for row in rows:
            name = _table_of(row)
            if name is not None and (deleted or row in session.new or session.is_modified(row)):
                _note(session, topics_of(name, deleted=deleted))


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if isinstance(name, str):
        _note(state.session, topics_of(name, deleted=state.is_delete))


_recorders: ContextVar[tuple[set[Topic], ...]] = ContextVar("scrutiny_desk_recorders", default=())


@contextmanager
def recording() -> Iterator[set[Topic]]:
    """Collect the topics of every write committed in this thread inside the block."""
    topics: set[Topic] = set()
    token = _recorders.set((*_recorders.get(), topics))
    try:
        yield topics
    finally:
        _recorders.reset(token)


def written(session: Session) -> Topics:
    """The topics the session has written so far (flushed), before it commits."""
    return frozenset(session.info.get(TOUCHED, ()))


def committed(session: Session) -> Topics:
    """The session's transaction committed: report what it changed to the recorders."""
    topics = frozenset(session.info.pop(TOUCHED, ()))
    reported(topics)
    return topics


def reported(topics: Topics) -> None:
    """A write committed: report what it changed to the recorders (``committed``, or a
    write through the driver without a session, which names its topics itself)."""
    for recorder in _recorders.get():
        recorder.update(topics)


def discarded(session: Session) -> None:
    """The session rolled back: what it wrote was never saved."""
    session.info.pop(TOUCHED, None)
