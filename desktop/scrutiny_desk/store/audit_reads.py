"""Reading the audit trail (``audit_log``): a record's history, a review's log
filtered, who and what appears in it, and a record's present label to show beside an
entry (the trail itself names records by table and id only)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from ..domain.audit_records import AuditAction, AuditEntry, AuditQuery
from . import orm

T = orm.Base.metadata.tables


def history(session: Session, record_kind: str, record_id: int) -> list[AuditEntry]:
    """One record's trail, newest first."""
    a = orm.AuditRow
    stmt = (
        select(a)
        .where(a.record_kind == record_kind, a.record_id == record_id)
        .order_by(a.id.desc())
    )
    return [_entry(r) for r in session.execute(stmt).scalars()]


def entries(session: Session, query: AuditQuery) -> list[AuditEntry]:
    """The trail filtered by ``query``, newest first, at most ``query.limit`` rows."""
    a = orm.AuditRow
    conditions: list[Any] = []
    if query.review_id is not None:
        conditions.append(a.review_id == query.review_id)
    if query.action is not None:
        conditions.append(a.action == query.action.value)
    if query.actor is not None:
        conditions.append(a.actor == query.actor)
    if query.record_kind is not None:
        conditions.append(a.record_kind == query.record_kind)
    if query.since is not None:
        conditions.append(a.at_utc >= _naive_utc(query.since))
    if query.until is not None:
        conditions.append(a.at_utc < _naive_utc(query.until))
    stmt = select(a).where(and_(True, *conditions)).order_by(a.id.desc()).limit(query.limit)
    return [_entry(r) for r in session.execute(stmt).scalars()]


def distinct_values(session: Session, column: str, review_id: int | None) -> list[str]:
    """The actors (``"actor"``) or record kinds (``"record_kind"``) in a review's
    trail, sorted."""
    col = getattr(orm.AuditRow, column)
    stmt = select(col).distinct().order_by(col)
    if review_id is not None:
        stmt = stmt.where(orm.AuditRow.review_id == review_id)
    return [v for v in session.execute(stmt).scalars() if v is not None]


def label(session: Session, record_kind: str, record_id: int | None) -> str | None:
    """A record's present name, title or key; None when it no longer exists."""
    table = T.get(record_kind)
    if table is None or record_id is None or "id" not in table.c:
        return None
    columns = [table.c[n] for n in ("name", "title", "key") if n in table.c]
    if not columns:
        columns = [table.c.id]
    row = session.execute(select(*columns).where(table.c.id == record_id)).first()
    if row is None:
        return None
    return next((str(v) for v in row if v not in (None, "")), f"#{record_id}")


def _entry(row: orm.AuditRow) -> AuditEntry:
    return AuditEntry(
        id=row.id,
        at=row.at_utc.replace(tzinfo=UTC),
        actor=row.actor,
        action=AuditAction(row.action),
        record_kind=row.record_kind,
        record_id=row.record_id,
        review_id=row.review_id,
        detail=row.detail or "",
    )


def _naive_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
