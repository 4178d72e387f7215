"""Erasing a person's personal data from the rows that hold it, and then, on SQLite,
from the file itself.

``erase_rows`` runs in the caller's transaction: the witness's or attendees' rows
(through the ORM, so their version rises and the audit trail's writer sees them), the
invitation register's recipients (the name, and an address that is no one's), and the
frozen report versions' content (re-written as the same canonical JSON, the person's
words replaced). Approved minutes snapshots are not touched: they are the statutory
record.

``scrub_sqlite`` runs after the commit: with ``secure_delete`` on (freed pages are
overwritten with zeros), it rebuilds the full-text index (FTS5 keeps deleted terms in
its segments until they are merged), vacuums the file, and checkpoints the WAL with
TRUNCATE, so the erased words are left neither in the database file nor in its
``-wal``. It first disposes of the engine's pooled connections, which would otherwise
hold the WAL open.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..domain.personal_data_records import (
    DataSubject,
    SubjectKind,
    erased_address,
    neutral_text,
)
from . import orm
from .db import Database
from .personal_data_reads import names_in


def erase_rows(session: Session, review_id: int, person: DataSubject, label: str) -> int:
    """Replace the person's words with ``label`` wherever the review stores them (but
    approved minutes); the number of rows changed."""
    changed = 0
    if person.kind is SubjectKind.WITNESS:
        witness = session.get(orm.WitnessRow, person.id)
        assert witness is not None
        witness.name, witness.role, witness.organisation, witness.email = label, None, None, None
        changed += 1
        keys, recipient_kind = [witness.key], "witness"
    else:
        rows = session.execute(
            select(orm.AttendeeRow).where(orm.AttendeeRow.id.in_(person.row_ids))
        ).scalars()
        keys, recipient_kind = [], "attendee"
        for row in rows:
            row.name, row.role, row.email = label, None, None
            keys.append(row.key)
            changed += 1
    session.flush()
    r, i, m = orm.CalendarRecipientRow, orm.CalendarIssueRow, orm.MeetingRow
    issues = select(i.id).join(m, m.id == i.meeting_id).where(m.review_id == review_id)
    result: Any = session.execute(
        update(r)
        .where(r.issue_id.in_(issues), r.person == recipient_kind, r.person_key.in_(keys))
        .values(name=label, email=erased_address(label))
        .execution_options(synchronize_session=False)
    )
    changed += int(result.rowcount or 0)
    v = orm.ReportVersionRow
    for version in session.execute(select(v).where(v.review_id == review_id)).scalars():
        if names_in(version.content, person.name) or (
            person.email and names_in(version.content, person.email)
        ):
            plain = _neutral(json.loads(version.content), person, label)
            version.content = json.dumps(plain, ensure_ascii=False, separators=(",", ":"))
            changed += 1
    session.flush()
    return changed


def _neutral(value: Any, person: DataSubject, label: str) -> Any:
    if isinstance(value, str):
        return neutral_text(value, person, label)
    if isinstance(value, dict):
        return {k: _neutral(v, person, label) for k, v in value.items()}
    if isinstance(value, list):
        return [_neutral(v, person, label) for v in value]
    return value


def secure_delete(session: Session) -> None:
    """On SQLite, freed pages of this write are overwritten with zeros."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection().exec_driver_sql("PRAGMA secure_delete=ON")


def scrub_sqlite(db: Database, *, attempts: int = 20) -> bool:
    """Rebuild the search index, vacuum and truncate the WAL (see the module's note);
    True when the WAL was truncated (False when another process kept reading it
    through every attempt: the erased words are then still in the -wal until its next
    checkpoint). Nothing to do on PostgreSQL (False)."""
    if db.dialect != "sqlite" or db.read_only:
        return False
    db.engine.dispose()  # pooled connections closed: none holds the WAL open
    with db.engine.connect() as connection:
        raw = connection.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA secure_delete=ON")
        raw.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
        raw.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")
        raw.execute("VACUUM")
        done = False
        for _ in range(attempts):
            busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                done = True
                break
            time.sleep(0.05)
        connection.invalidate()  # this connection's secure_delete is not kept in the pool
    db.engine.dispose()
    return done
