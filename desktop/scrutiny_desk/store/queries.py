"""Reading lists and single records for the screens and the command line, and the
small writes that edit one row under its version counter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, case, delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ..domain.enums import (
    Access,
    ItemKind,
    ReviewStatus,
)
from ..domain.errors import ConflictError, NotFoundError
from ..domain.meeting_rules import next_sequence
from ..domain.records import (
    AgendaEntry,
    MeetingSummary,
    NamedRef,
    ReviewSummary,
    WitnessSummary,
)
from ..domain.structure import printed_order
from . import orm
from .meeting_rows import summary_of


def reviews_statement() -> Select[int, str, str | None, str, str, int, Any]:
    """Every review with its number of meetings, by title: named columns only, so the
    first look (``first_look.REVIEWS_SQL``) can read the same with plain sqlite3."""
    r = orm.ReviewRow
    counts = (
        select(orm.MeetingRow.review_id, func.count().label("n"))
        .group_by(orm.MeetingRow.review_id)
        .subquery()
    )
    return (
        select(r.id, r.title, r.body, r.status, r.timezone, r.version, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.review_id == r.id)
        .order_by(r.title, r.id)
    )


def list_reviews(session: Session) -> list[ReviewSummary]:
    return [
        ReviewSummary(i, title, body, ReviewStatus(status), tz, version, n)
        for i, title, body, status, tz, version, n in session.execute(reviews_statement())
    ]


def get_review_row(session: Session, review_id: int) -> orm.ReviewRow:
    row = session.get(orm.ReviewRow, review_id)
    if row is None:
        raise NotFoundError(f"There is no review with id {review_id}")
    return row


def review_summary(session: Session, review_id: int) -> ReviewSummary:
    for summary in list_reviews(session):
        if summary.id == review_id:
            return summary
    raise NotFoundError(f"There is no review with id {review_id}")


def item_counts(*where: Any) -> Any:
    closed = case((orm.ItemRow.access == Access.CLOSED.value, 1), else_=0)
    return (
        select(
            orm.ItemRow.meeting_id, func.count().label("total"), func.sum(closed).label("closed")
        )
        .where(*where)
        .group_by(orm.ItemRow.meeting_id)
        .subquery()
    )


def meetings_with_counts(counts: Any) -> Any:
    """Plain columns, not ORM objects: a 3,000-row list builds no identity map."""
    return select(
        *orm.MeetingRow.__table__.c,
        func.coalesce(counts.c.total, 0).label("total_items"),
        func.coalesce(counts.c.closed, 0).label("closed_items"),
    ).outerjoin(counts, counts.c.meeting_id == orm.MeetingRow.id)


def list_meetings(session: Session, review_id: int) -> list[MeetingSummary]:
    get_review_row(session, review_id)
    stmt = (
        meetings_with_counts(item_counts(orm.ItemRow.review_id == review_id))
        .where(orm.MeetingRow.review_id == review_id)
        .order_by(orm.MeetingRow.start, orm.MeetingRow.position)
    )
    return [summary_of(row) for row in session.execute(stmt)]


def get_meeting(session: Session, meeting_id: int) -> MeetingSummary:
    stmt = meetings_with_counts(item_counts(orm.ItemRow.meeting_id == meeting_id)).where(
        orm.MeetingRow.id == meeting_id
    )
    row = session.execute(stmt).first()
    if row is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    return summary_of(row)


def list_witnesses(session: Session, review_id: int) -> list[WitnessSummary]:
    get_review_row(session, review_id)
    appearances = (
        select(orm.ItemWitness.witness_id, func.count().label("n"))
        .group_by(orm.ItemWitness.witness_id)
        .subquery()
    )
    stmt = (
        select(orm.WitnessRow, func.coalesce(appearances.c.n, 0))
        .outerjoin(appearances, appearances.c.witness_id == orm.WitnessRow.id)
        .where(orm.WitnessRow.review_id == review_id)
        .order_by(orm.WitnessRow.position, orm.WitnessRow.id)
    )
    return [
        WitnessSummary(
            w.id, w.review_id, w.key, w.name, w.role, w.organisation, w.email, w.version, int(n)
        )
        for w, n in session.execute(stmt)
    ]


def agenda(session: Session, meeting_id: int) -> list[AgendaEntry]:
    """The meeting's items in printed order (open, then closed), numbered as printed."""
    items = list(
        session.scalars(
            select(orm.ItemRow)
            .where(orm.ItemRow.meeting_id == meeting_id)
            .order_by(orm.ItemRow.position, orm.ItemRow.id)
        )
    )
    ids = [i.id for i in items]
    witnesses: dict[int, list[NamedRef]] = defaultdict(list)
    tor: dict[int, list[NamedRef]] = defaultdict(list)
    if ids:
        for item_id, w in session.execute(
            select(orm.ItemWitness.item_id, orm.WitnessRow)
            .join(orm.WitnessRow, orm.WitnessRow.id == orm.ItemWitness.witness_id)
            .where(orm.ItemWitness.item_id.in_(ids))
            .order_by(orm.ItemWitness.item_id, orm.ItemWitness.position)
        ):
            label = ", ".join(x for x in (w.name, w.role, w.organisation) if x)
            witnesses[item_id].append(NamedRef(w.key, label))
        numbers = tor_numbers_by_id(session, items[0].review_id)
        for item_id, t in session.execute(
            select(orm.ItemTor.item_id, orm.TorRow)
            .join(orm.TorRow, orm.TorRow.id == orm.ItemTor.tor_id)
            .where(orm.ItemTor.item_id.in_(ids))
            .order_by(orm.ItemTor.item_id, orm.ItemTor.position)
        ):
            tor[item_id].append(NamedRef(t.key, f"{numbers.get(t.id, '?')} {t.text}"))
    ordered = printed_order(items, lambda i: i.access == Access.CLOSED.value)
    return [
        AgendaEntry(
            id=i.id,
            meeting_id=i.meeting_id,
            key=i.key,
            number=n,
            title=i.title,
            kind=ItemKind(i.kind),
            access=Access(i.access),
            closed_reason=i.closed_reason,
            public_title=i.public_title,
            exemption=i.exemption,
            start=i.start,
            end=i.end,
            minute=i.minute,
            version=i.version,
            witnesses=tuple(witnesses.get(i.id, ())),
            tor=tuple(tor.get(i.id, ())),
            title_cy=i.title_cy,
            public_title_cy=i.public_title_cy,
        )
        for n, i in enumerate(ordered, start=1)
    ]


def tor_numbers_by_id(session: Session, review_id: int) -> dict[int, str]:
    """Each terms-of-reference row's number ("1", "1.2") by row id, for the edits
    that label their links with it."""
    rows = list(
        session.execute(
            select(orm.TorRow.id, orm.TorRow.parent_id)
            .where(orm.TorRow.review_id == review_id)
            .order_by(orm.TorRow.position, orm.TorRow.id)
        )
    )
    children: dict[int | None, list[int]] = defaultdict(list)
    for tor_id, parent in rows:
        children[parent].append(tor_id)
    numbers: dict[int, str] = {}

    def walk(parent: int | None, prefix: str) -> None:
        for n, tor_id in enumerate(children.get(parent, ()), start=1):
            numbers[tor_id] = f"{prefix}{n}"
            walk(tor_id, f"{prefix}{n}.")

    walk(None, "")
    return numbers


def uid_holders(session: Session, uids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """uid -> (review id, review title) for each of these meeting UIDs already held."""
    found: dict[str, tuple[int, str]] = {}
    for chunk_start in range(0, len(uids), 500):
        chunk = list(uids[chunk_start : chunk_start + 500])
        for uid, review_id, title in session.execute(
            select(orm.MeetingRow.uid, orm.ReviewRow.id, orm.ReviewRow.title)
            .join(orm.ReviewRow, orm.ReviewRow.id == orm.MeetingRow.review_id)
            .where(orm.MeetingRow.uid.in_(chunk))
        ):
            found[uid] = (review_id, title)
    return found


def delete_review(session: Session, review_id: int) -> None:
    get_review_row(session, review_id)
    # Children first, so the delete needs no ON DELETE CASCADE support from the driver.
    for model in (
        orm.NoteRow,
        orm.ActionRow,
        orm.RecommendationRow,
        orm.EvidenceRow,
        orm.ItemRow,
        orm.MeetingRow,
        orm.WitnessRow,
        orm.MilestoneRow,
        orm.InterfaceRow,
        orm.ExclusionRow,
        orm.MemberRow,
    ):
        table: Any = model
        session.execute(delete(model).where(table.review_id == review_id))
    session.execute(
        delete(orm.TorRow).where(
            orm.TorRow.review_id == review_id, orm.TorRow.parent_id.is_not(None)
        )
    )
    session.execute(delete(orm.TorRow).where(orm.TorRow.review_id == review_id))
    session.execute(delete(orm.ReviewRow).where(orm.ReviewRow.id == review_id))


# The editable kinds of record, by the name services use for them.
VERSIONED: dict[str, type[orm.Audited]] = {
    "review": orm.ReviewRow,
    "member": orm.MemberRow,
    "tor": orm.TorRow,
    "exclusion": orm.ExclusionRow,
    "interface": orm.InterfaceRow,
    "milestone": orm.MilestoneRow,
    "witness": orm.WitnessRow,
    "meeting": orm.MeetingRow,
    "attendance": orm.AttendanceRow,
    "item": orm.ItemRow,
    "evidence": orm.EvidenceRow,
    "note": orm.NoteRow,
    "recommendation": orm.RecommendationRow,
    "progress": orm.ProgressRow,
    "action": orm.ActionRow,
    "attendee": orm.AttendeeRow,
    "interest": orm.InterestRow,
    "declaration": orm.DeclarationRow,
    "resolution": orm.ResolutionRow,
    "report": orm.ItemReportRow,  # agenda packs (issue 16)
    "paragraph": orm.ReportParagraphRow,  # the review's report (issue 17)
    "report comment": orm.ReportCommentRow,  # the review's report (issue 17)
    "report consideration": orm.ReportConsiderationRow,
}


def check_version(session: Session, kind: str, row_id: int, expected: int, what: str) -> None:
    """Refuse an edit made on a stale copy of a row, saying who changed it and when.

    The row is read into the session locked (``FOR UPDATE`` on PostgreSQL; on SQLite
    the write transaction holds the database from its start) and carrying the version
    checked, so the UPDATE that saves the edit names that very version: check and write
    are one compare-and-set. Should the write still match no row, ``store.db`` reports
    the lost race through the claim recorded here, in the same words."""
    model: Any = VERSIONED[kind]
    try:
        row = session.get(model, row_id, populate_existing=True, with_for_update=True)
    except StaleDataError:  # the copy this session read first is older than the row now
        raise ConflictError(
            lost_race_message(session, {(model, row_id): (what, expected)})
        ) from None
    if row is None:
        raise ConflictError(f"{what} has been deleted by someone else since you opened it.")
    if row.version != expected:
        raise ConflictError(changed_since_message(what, row.updated_by, row.updated_at))
    session.info.setdefault(CLAIMS, {})[(model, row_id)] = (what, expected)


CLAIMS = "claimed_versions"


def changed_since_message(what: str, who: str | None, when: datetime | None) -> str:
    """The one wording of a conflict: what, who changed it and when (UTC)."""
    by = who or "someone else"
    at = f" at {when:%H:%M on %d %b %Y} (UTC)" if when else ""
    return (
        f"{what} was changed by {by}{at} since you opened it. It has been reloaded "
        "with their change; make yours again if it is still needed."
    )


def lost_race_message(session: Session, claims: dict[Any, tuple[str, int]]) -> str:
    """After a write matched no row: which claimed record moved on, by whom and when."""
    for (model, row_id), (what, expected) in claims.items():
        row = session.execute(
            select(model.version, model.updated_by, model.updated_at).where(model.id == row_id)
        ).first()
        if row is None:
            return f"{what} has been deleted by someone else since you opened it."
        if row.version != expected:
            return changed_since_message(what, row.updated_by, row.updated_at)
    return (
        "Someone else changed this record after you opened it. "
        "It has been reloaded; make your change again."
    )


def get_meeting_row(session: Session, meeting_id: int) -> orm.MeetingRow:
    row = session.get(orm.MeetingRow, meeting_id)
    if row is None:
        raise NotFoundError(f"There is no meeting with id {meeting_id}")
    return row


def update_meeting(
    session: Session, meeting_id: int, values: dict[str, Any], *, bump_sequence: bool
) -> None:
    """Apply checked values; the version counter rises, and the sequence if asked."""
    row = get_meeting_row(session, meeting_id)
    for name, value in values.items():
        setattr(row, name, value.value if hasattr(value, "value") else value)
    if bump_sequence:
        row.sequence = next_sequence(row.sequence)
    if values or bump_sequence:
        session.flush()


def get_witness(session: Session, witness_id: int) -> WitnessSummary:
    w = session.get(orm.WitnessRow, witness_id)
    if w is None:
        raise NotFoundError(f"There is no witness with id {witness_id}")
    return WitnessSummary(
        w.id, w.review_id, w.key, w.name, w.role, w.organisation, w.email, w.version
    )
