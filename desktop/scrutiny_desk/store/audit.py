"""The audit trail's writer (``audit_reads`` reads it): a row in ``audit_log`` for
each record a write session creates, changes or deletes, and for each approval,
import and export.

Rows are gathered as the session writes (ORM flushes, and the Core ``insert``/
``update``/``delete`` statements the edits run) and appended just before it commits, in
the same transaction, so a write that fails leaves no trace; the rows a service adds
itself (``record``: an approval, an export) are appended with them, first, in the same
statement. A record appears once per
transaction, however many flushes touched it: created, else deleted, else changed with
the names of the fields changed, never their values (the trail is append-only, so it
must hold no personal data). A link row (an item's witnesses, a note's terms of
reference) is folded into its parent's "changed". Only write sessions are recorded
(``session.info["user"]``, set by ``Database.writing``/``appending``); on PostgreSQL a
trigger sets ``actor`` to ``session_user`` whatever is sent.

An import writes one "imported" row for its review, not a row per record: the session
is marked (``importing``) and ``review_insert`` calls ``review_inserted``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, event, insert, inspect, select, text
from sqlalchemy.orm import ORMExecuteState, Session

from ..domain.audit_records import AuditAction
from . import orm, review_scope

if TYPE_CHECKING:
    from .db import Database

PENDING = "scrutiny_desk.audit"  # session.info key: the rows gathered so far
RECORDED = "scrutiny_desk.audit_recorded"  # session.info key: ``record``'s rows, to append
IMPORTING = "scrutiny_desk.audit_importing"  # session.info key: the format version
WHOLE = "scrutiny_desk.audit_whole_review"  # session.info key: a whole review is written
EXPLAINED = "scrutiny_desk.audit_explained"  # session.info key: records with their own row
LOG_EXPORT_FUNCTION = "scrutiny_desk_log_export"
"""PostgreSQL: SECURITY DEFINER function through which a public reader (who may not
INSERT) records its exports; made by ``store/pg_roles.py``."""

NOT_RECORDED = frozenset(
    {
        "audit_log",
        "public_reviews",
        "public_papers",
        "alembic_version",
        # approving and reopening minutes write these; "approved"/"reopened" say so
        "minutes_history",
        "minutes_snapshots",
    }
)
_STAMPS = frozenset({"version", "updated_by", "updated_at"})
DELETED = AuditAction.DELETED
_SHIFTS = frozenset({"position"})
"""A plain UPDATE of positions alone shifts a moved or removed record's neighbours,
leaving their versions alone (``positions``): not recorded as their change either."""
PARTS = {"vote_casts": "resolution_id", "calendar_recipients": "issue_id"}
"""Tables with an id of their own whose rows are parts of a parent record: a change to
them is the parent's (through this column). Tables without an id are parts too,
through the first column of their primary key."""
T = orm.Base.metadata.tables
_AUDIT = T["audit_log"]


def record(
    session: Session,
    action: AuditAction,
    record_kind: str,
    record_id: int | None,
    review_id: int | None,
    detail: str = "",
) -> None:
    """Append one row, stamped now, in the session's transaction (an approval, an
    export, an erasure: what no row change says by itself). It is written just before
    the transaction commits, ahead of the rows gathered, in one statement with them:
    rolled back, it is never written. ``detail`` names, never quotes. The record's own
    "changed" row in this transaction is left out: this row says why."""
    if record_id is not None and action is not AuditAction.EXPORTED:
        session.info.setdefault(EXPLAINED, set()).add((record_kind, record_id))
    row = _row(session, action, record_kind, record_id, review_id, detail)
    session.info.setdefault(RECORDED, []).append(row)


def inserted(session: Session, table_name: str, values: Mapping[str, Any]) -> None:
    """A record inserted by a Core statement that returned its id (``values`` holds it,
    and its parents' ids): gathered as created, as a flush of it would be."""
    if _recording(session):
        _note(session, AuditAction.CREATED, table_name, values, ())


def record_export(
    session: Session,
    detail: Mapping[str, str | None],
    record_kind: str,
    record_id: int | None,
    review_id: int | None,
    *,
    through_function: bool = False,
) -> None:
    """An "exported" row: ``detail`` the paper, its audience and format. A PostgreSQL
    public reader may not INSERT: ``through_function`` calls the SECURITY DEFINER
    function instead (it records the paper, audience and format)."""
    if through_function:
        session.execute(
            text(f"SELECT {LOG_EXPORT_FUNCTION}(:paper, :audience, :kind, :id, :review, :format)"),
            {
                "paper": detail.get("paper"),
                "format": detail.get("format"),
                "audience": detail.get("audience"),
                "kind": record_kind,
                "id": record_id,
                "review": review_id,
            },
        )
        return
    record(session, AuditAction.EXPORTED, record_kind, record_id, review_id, _json(detail))


def append_export(
    db: Database,
    detail: Mapping[str, str | None],
    record_kind: str,
    record_id: int | None,
    review_id: int | None,
    *,
    through_function: bool = False,
) -> None:
    """PostgreSQL: ``record_export``'s row as a transaction of its own, one statement
    through the driver on a pooled connection (``pg_driver``), without a session: the
    session's begin, flush and commit cost this process more than the row. The same
    row (the server sets its actor and time by trigger), or the same call of the
    SECURITY DEFINER function for a public reader."""
    from . import pg_driver

    with pg_driver.reader(db) as reader:
        if through_function:
            reader.execute(
                f"SELECT {LOG_EXPORT_FUNCTION}(%s::text, %s::text, %s::text, %s::integer,"
                " %s::integer, %s::text)",
                (
                    detail.get("paper"),
                    detail.get("audience"),
                    record_kind,
                    record_id,
                    review_id,
                    detail.get("format"),
                ),
            )
            return
        reader.execute(
            _APPEND,
            (
                datetime.now(UTC).replace(tzinfo=None),
                str(db.user or "unknown"),
                AuditAction.EXPORTED.value,
                record_kind,
                record_id,
                review_id,
                _json(detail),
            ),
        )


_APPEND = (
    "INSERT INTO audit_log (at_utc, actor, action, record_kind, record_id, review_id, detail)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s)"
)


def importing(session: Session, format_version: int) -> None:
    """Mark a session as an import: no row per record, one "imported" row."""
    session.info[IMPORTING] = format_version


def inserting_review(session: Session) -> None:
    """A whole review is about to be written (``review_insert``): one row will say so
    (``review_inserted``), not one per record."""
    session.info[WHOLE] = True


def review_inserted(session: Session, review_id: int) -> None:
    """A whole review written (``review_insert``): "imported" with the format version
    in an import, else "created" (a new review, or a deleted one restored)."""
    session.info.pop(WHOLE, None)
    if "user" not in session.info:
        return
    version = session.info.get(IMPORTING)
    if version is None:
        _pending(session).add(AuditAction.CREATED, "reviews", review_id, review_id, ())
    else:
        record(
            session,
            AuditAction.IMPORTED,
            "reviews",
            review_id,
            review_id,
            f"format version {version}",
        )


# Gathering -----------------------------------------------------------------------------


@dataclass
class _Pending:
    """The rows a session will append: (kind, id) -> action, review and fields."""

    order: list[tuple[str, int]] = field(default_factory=list)
    actions: dict[tuple[str, int], AuditAction] = field(default_factory=dict)
    reviews: dict[tuple[str, int], int | None] = field(default_factory=dict)
    fields: dict[tuple[str, int], set[str]] = field(default_factory=dict)

    def add(
        self,
        action: AuditAction,
        kind: str,
        record_id: int,
        review_id: int | None,
        names: Iterable[str],
    ) -> None:
        key = (kind, record_id)
        before = self.actions.get(key)
        if before is None:
            self.order.append(key)
            self.actions[key] = action
            self.fields[key] = set()
        elif action is AuditAction.DELETED or before is AuditAction.CHANGED:
            self.actions[key] = action if before is not AuditAction.DELETED else before
        if self.reviews.get(key) is None:
            self.reviews[key] = review_id
        self.fields[key].update(names)


def _pending(session: Session) -> _Pending:
    found = session.info.get(PENDING)
    if found is None:
        found = session.info[PENDING] = _Pending()
    return found


def _recording(session: Session) -> bool:
    info = session.info
    return "user" in info and IMPORTING not in info and WHOLE not in info


@cache
def _parent(table_name: str) -> tuple[str, str] | None:
    """A part table's (column, parent table): where its changes are recorded."""
    table = T[table_name]
    if table_name in PARTS:
        column = PARTS[table_name]
    elif "id" not in table.c:
        column = next(iter(table.primary_key.columns)).name
    else:
        return None
    key = next(iter(table.c[column].foreign_keys))
    return column, key.column.table.name


PART_WORDS = {
    "item_witnesses": "witnesses",
    "item_tor": "terms of reference",
    "note_witnesses": "witnesses",
    "note_tor": "terms of reference",
    "evidence_tor": "terms of reference",
    "evidence_files": "file",
    "recommendation_tor": "terms of reference",
    "recommendation_notes": "notes",
    "paragraph_notes": "notes",
    "paragraph_evidence": "evidence",
    "paragraph_recommendations": "recommendations",
    "report_settings": "report settings",
    "vote_casts": "votes",
    "calendar_recipients": "recipients",
}
"""The field of its parent a part table's rows are, as a "changed" row names it."""


def _part_word(table_name: str) -> str:
    return PART_WORDS.get(table_name, table_name.replace("_", " "))


def _review_of(session: Session, table_name: str, values: Mapping[str, Any]) -> int | None:
    """The review of a row: its own column, else up its foreign keys; for a row known
    by its id alone (a part's parent), read now, before the transaction may delete it.
    What is read up the keys is kept for the transaction (``review_scope.reviews_where``)."""
    if table_name == "reviews":
        value = values.get("id")
        return value if isinstance(value, int) else None
    if isinstance(values.get("review_id"), int):
        return int(values["review_id"])
    if values.keys() == {"id"}:
        found: Iterable[int] = review_scope.reviews_where(session, table_name, "id", values["id"])
    else:
        found = review_scope.reviews_of_values(session, table_name, values)
    return min(found, default=None)


def _note(
    session: Session,
    action: AuditAction,
    table_name: str,
    values: Mapping[str, Any],
    names: Iterable[str],
) -> None:
    """Gather one row's write, folding a part into its parent."""
    if table_name in NOT_RECORDED or table_name not in T:
        return
    parent = _parent(table_name)
    if parent is not None:
        column, parent_table = parent
        parent_id = values.get(column)
        if isinstance(parent_id, int):
            _note(
                session,
                AuditAction.CHANGED,
                parent_table,
                {"id": parent_id},
                [_part_word(table_name)],
            )
        return
    record_id = values.get("id")
    if not isinstance(record_id, int):
        return
    pending = _pending(session)
    review_id = pending.reviews.get((table_name, record_id))
    if review_id is None:  # not known yet from an earlier write of it in this session
        review_id = _review_of(session, table_name, values)
    pending.add(action, table_name, record_id, review_id, names)


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context: Any) -> None:
    if not _recording(session):
        return
    for action, rows in (
        (AuditAction.CREATED, session.new),
        (AuditAction.CHANGED, session.dirty),
        (AuditAction.DELETED, session.deleted),
    ):
        for row in rows:
            table = getattr(row, "__table__", None)
            if table is None or table.name in NOT_RECORDED:
                continue
            state = inspect(row)
            values = {a.key: state.dict.get(a.key) for a in row.__mapper__.column_attrs}
            names: Sequence[str] = ()
            if action is AuditAction.CHANGED:
                names = sorted(
                    a.key
                    for a in row.__mapper__.column_attrs
                    if a.key not in _STAMPS and state.attrs[a.key].history.has_changes()
                )
                if not names:
                    continue
            _note(session, action, table.name, values, names)


@event.listens_for(Session, "do_orm_execute")
def _executing(state: ORMExecuteState) -> None:
    """Core writes: an ``update``/``delete`` is asked first which rows it reaches; a part
    table's ``insert`` names its parent in its values."""
    session = state.session
    if not (state.is_update or state.is_delete or state.is_insert) or not _recording(session):
        return
    table = getattr(state.statement, "table", None)
    if not isinstance(table, Table) or table.name in NOT_RECORDED or table.name not in T:
        return
    if state.is_insert:
        if _parent(table.name) is None:
            return  # an insert of a record with an id of its own: only imports do that
        params: Any = state.parameters
        rows = list(params) if isinstance(params, list) else [params] if params else []
        values = getattr(state.statement, "_values", None) or {}
        if values:
            rows.append(
                {getattr(k, "key", str(k)): getattr(v, "value", v) for k, v in values.items()}
            )
        for row in rows:
            _note(session, AuditAction.CHANGED, table.name, row, ())
        return
    names: list[str] = []
    if state.is_update:
        values = getattr(state.statement, "_values", None) or {}
        names = sorted(n for n in (getattr(k, "key", str(k)) for k in values) if n not in _STAMPS)
        if set(names) <= _SHIFTS:
            return  # neighbours shifted to make room or close a gap: not their change
    parent = _parent(table.name)
    wanted = [table.c[parent[0]]] if parent else [table.c.id]
    if parent is None and table.name != "reviews" and "review_id" in table.c:
        wanted.append(table.c.review_id)
    query = select(*wanted)
    where = getattr(state.statement, "whereclause", None)
    if where is not None:
        query = query.where(where)
    action = AuditAction.DELETED if state.is_delete else AuditAction.CHANGED
    params = state.parameters
    many: list[Any] = list(params) if isinstance(params, list) else [params or {}]
    for bound in many:  # an executemany names its rows in each set of parameters
        for found in session.execute(query, bound).all():
            row = dict(zip([c.name for c in wanted], found, strict=True))
            _note(session, action, table.name, row, names)


@event.listens_for(Session, "before_commit")
def _committing(session: Session) -> None:
    """Append what was recorded and gathered, in the transaction that wrote it: the rows
    ``record`` was given first, as they came, then the records written."""
    rows: list[dict[str, Any]] = []
    if "user" in session.info:
        session.flush()
        rows = _gathered(session)
    rows[:0] = session.info.pop(RECORDED, ())
    if rows:
        session.connection().execute(insert(_AUDIT), rows)


def _gathered(session: Session) -> list[dict[str, Any]]:
    """The rows of the records the session wrote, in the order it first wrote them."""
    pending = session.info.pop(PENDING, None)
    explained = session.info.pop(EXPLAINED, set())
    if pending is None:
        return []
    gone = {  # a review deleted: one row, not one per record deleted with it
        i for (kind, i), a in pending.actions.items() if kind == "reviews" and a is DELETED
    }
    keys = [
        k
        for k in pending.order
        if not (k in explained and pending.actions[k] is AuditAction.CHANGED)
        and (k[0] == "reviews" or pending.reviews[k] not in gone)
    ]
    return [
        _row(
            session,
            pending.actions[key],
            key[0],
            key[1],
            pending.reviews[key],
            ", ".join(sorted(pending.fields[key]))
            if pending.actions[key] is AuditAction.CHANGED
            else "",
        )
        for key in keys
    ]


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(PENDING, None)
    session.info.pop(EXPLAINED, None)
    session.info.pop(RECORDED, None)


# Rows ------------------------------------------------------------------------------------


def _row(
    session: Session,
    action: AuditAction,
    record_kind: str,
    record_id: int | None,
    review_id: int | None,
    detail: str,
) -> dict[str, Any]:
    return {
        "at_utc": datetime.now(UTC).replace(tzinfo=None),
        "actor": str(session.info.get("user") or "unknown"),
        "action": action.value,
        "record_kind": record_kind,
        "record_id": record_id,
        "review_id": review_id,
        "detail": detail,
    }


def detail_text(detail: Mapping[str, str | None]) -> str:
    """An export's detail as the trail records it (``record_export``): for a row
    written through the driver (``invitation_register.record_on``)."""
    return _json(detail)


def _json(detail: Mapping[str, str | None]) -> str:
    return json.dumps(dict(detail), sort_keys=True, ensure_ascii=False)
