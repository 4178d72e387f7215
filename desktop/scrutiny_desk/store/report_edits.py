"""Storage for the reports agenda items consider (agenda packs): a meeting's reports
for the reports pane, adding, renaming, marking late, moving and removing one, the
bytes a review's files come to, and the files of the reports a pack prints.

Functions take the caller's session (the service's one transaction) and return domain
records; the service has checked the values already. File content is read only by
``report_files``: the pane's list never loads it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Access
from ..domain.errors import NotFoundError
from ..domain.records import EvidenceFile
from ..domain.report_records import ReportEntry, evidence_source, held_source
from . import orm
from .positions import close_gaps, make_room, move_row

R = orm.ItemReportRow
I = orm.ItemRow  # noqa: E741
E = orm.EvidenceRow
EF = orm.EvidenceFile


def _scope(item_id: int) -> Any:
    return R.item_id == item_id


def _row(session: Session, report_id: int) -> orm.ItemReportRow:
    row = session.get(R, report_id)
    if row is None:
        raise NotFoundError(f"There is no report with id {report_id}")
    return row


# Reading ------------------------------------------------------------------------------


def _entries(session: Session, *where: Any) -> list[ReportEntry]:
    session.flush()
    stmt = (
        select(
            R.id,
            R.key,
            R.item_id,
            I.key,
            R.position,
            R.title,
            R.late,
            R.name,
            R.size,
            E.key,
            E.title,
            R.version,
        )
        .join(I, I.id == R.item_id)
        .outerjoin(E, E.id == R.evidence_id)
        .where(*where)
        .order_by(I.position, I.id, R.position, R.id)
    )
    return [
        ReportEntry(
            id=row_id,
            key=key,
            item_id=item_id,
            item_key=item_key,
            position=position,
            title=title,
            late=bool(late),
            source=evidence_source(e_title) if e_key is not None else held_source(name, size),
            evidence_key=e_key,
            version=version,
        )
        for (
            row_id,
            key,
            item_id,
            item_key,
            position,
            title,
            late,
            name,
            size,
            e_key,
            e_title,
            version,
        ) in session.execute(stmt)
    ]


def entries_for_meeting(session: Session, meeting_id: int) -> list[ReportEntry]:
    """The meeting's reports, item by item in the agenda's stored order, each item's
    in its own order."""
    return _entries(session, I.meeting_id == meeting_id)


def entry(session: Session, report_id: int) -> ReportEntry:
    found = _entries(session, R.id == report_id)
    if not found:
        raise NotFoundError(f"There is no report with id {report_id}")
    return found[0]


def key_taken(session: Session, review_id: int, key: str) -> bool:
    return session.scalar(select(R.id).where(R.review_id == review_id, R.key == key)) is not None


def count(session: Session, item_id: int) -> int:
    return int(session.execute(select(func.count()).where(_scope(item_id))).scalar_one())


def report_files(
    session: Session, review_id: int, keys: Collection[str]
) -> dict[str, EvidenceFile]:
    """The files of these reports (by key): a held file, or the evidence's own file;
    a report whose evidence has no file is left out."""
    if not keys:
        return {}
    ev_file = aliased(EF)
    stmt = (
        select(
            R.key,
            R.name,
            R.media_type,
            R.content,
            ev_file.name,
            ev_file.media_type,
            ev_file.content,
        )
        .outerjoin(ev_file, ev_file.evidence_id == R.evidence_id)
        .where(R.review_id == review_id, R.key.in_(list(keys)))
    )
    found: dict[str, EvidenceFile] = {}
    for key, name, media_type, content, e_name, e_media_type, e_content in session.execute(stmt):
        if content is not None:
            found[key] = EvidenceFile(name or "", media_type or "", bytes(content))
        elif e_content is not None:
            found[key] = EvidenceFile(e_name, e_media_type, bytes(e_content))
    return found


# Writing ------------------------------------------------------------------------------


def insert_report(
    session: Session,
    review_id: int,
    item_id: int,
    *,
    key: str,
    title: str,
    late: bool,
    file: EvidenceFile | None = None,
    evidence_id: int | None = None,
    position: int | None = None,
) -> int:
    """Insert at ``position`` in the item's list (the end if None or beyond it): a held
    ``file`` or the evidence ``evidence_id``, exactly one. The new id."""
    assert (file is None) != (evidence_id is None), "a report is a file or evidence"
    at = make_room(session, R, _scope(item_id), position)
    row = R(
        review_id=review_id,
        item_id=item_id,
        position=at,
        key=key,
        title=title,
        late=late,
        evidence_id=evidence_id,
    )
    if file is not None:
        row.name, row.media_type, row.content = file.name, file.media_type, file.content
        row.size, row.sha256 = file.size, file.sha256
    session.add(row)
    session.flush()
    return row.id


def update_report(session: Session, report_id: int, values: dict[str, Any]) -> None:
    """Set checked values (``title``, ``late``); the version rises once."""
    row = _row(session, report_id)
    for name, value in values.items():
        setattr(row, name, value)
    if values:
        flag_modified(row, "title")
    session.flush()


def move_report(session: Session, report_id: int, position: int) -> None:
    """Move the report within its item's list (clamped to 0..n-1)."""
    row = _row(session, report_id)
    last = count(session, row.item_id) - 1
    move_row(session, R, _scope(row.item_id), report_id, max(0, min(position, last)))


def held_file(session: Session, report_id: int) -> EvidenceFile | None:
    """The report's held file with its content (None for evidence)."""
    row = _row(session, report_id)
    if row.content is None:
        return None
    return EvidenceFile(row.name or "", row.media_type or "", bytes(row.content))


def delete_report(session: Session, report_id: int) -> None:
    row = _row(session, report_id)
    item_id = row.item_id
    session.delete(row)
    session.flush()
    close_gaps(session, R, _scope(item_id))


def item_facts(session: Session, item_id: int) -> tuple[int, bool]:
    """The item's review id, and whether the item is closed."""
    found = session.execute(select(I.review_id, I.access).where(I.id == item_id)).first()
    if found is None:
        raise NotFoundError(f"There is no agenda item with id {item_id}")
    return found[0], found[1] == Access.CLOSED.value


def meeting_review(session: Session, meeting_id: int) -> int:
    """The meeting's review id."""
    found = session.scalar(select(orm.MeetingRow.review_id).where(orm.MeetingRow.id == meeting_id))
    if found is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    return int(found)
