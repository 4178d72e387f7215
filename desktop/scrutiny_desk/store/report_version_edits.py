"""The report's frozen versions, the panel's comments and the meetings' consideration
in the database (issue 17).

A version's ``content`` is written once, when it is made, and never updated; only the
newest version may be deleted (the undo of making it) and only while no comment or
decision refers to it (``services.report_versions`` decides; the foreign keys would
take them with it). Comments and decisions keep their place in the review's one list
of each (``position``), so an undo puts a deleted one back where it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ..domain.agenda_records import DecisionLink
from ..domain.changes import Keep
from ..domain.enums import ConsiderationOutcome, ReportPurpose
from ..domain.records import NamedRef, ReportComment, ReportConsideration, ReportVersion
from ..domain.report_version_records import CommentEntry, ConsiderationEntry, VersionEntry
from ..domain.report_views import ReportDocView
from ..domain.view_codec import report_from_text, report_text
from ..domain.wording import short_date
from . import orm

_V = orm.ReportVersionRow
_C = orm.ReportCommentRow
_D = orm.ReportConsiderationRow


@dataclass(frozen=True)
class StoredVersion:
    """A made version as the services check it: its number, purpose and kept text."""

    id: int
    review_id: int
    number: str
    purpose: ReportPurpose
    text: str

    def content(self) -> ReportDocView:
        return report_from_text(self.text)


@dataclass(frozen=True)
class StoredDecision:
    """A recorded decision as an edit checks it."""

    id: int
    review_id: int
    version_id: int
    meeting_id: int
    outcome: ConsiderationOutcome
    amendment: str | None


def _stored(row: _V) -> StoredVersion:
    return StoredVersion(row.id, row.review_id, row.number, ReportPurpose(row.purpose), row.content)


def find_version(session: Session, review_id: int, number: str) -> StoredVersion | None:
    row = version_row(session, review_id, number)
    return None if row is None else _stored(row)


def version_by_id(session: Session, version_id: int) -> StoredVersion | None:
    row = session.get(_V, version_id)
    return None if row is None else _stored(row)


def versions_made(session: Session, review_id: int) -> list[StoredVersion]:
    return [_stored(row) for row in version_rows(session, review_id)]


def _made(row: _V) -> datetime:
    zone = timezone(timedelta(minutes=row.made_offset_minutes))
    return row.made_utc.replace(tzinfo=UTC).astimezone(zone)


def meeting_ref(session: Session, meeting_id: int) -> NamedRef:
    row = session.get(orm.MeetingRow, meeting_id)
    assert row is not None
    return NamedRef(row.key, f"{row.title} ({short_date(row.start.date())})")


def version_rows(session: Session, review_id: int) -> list[_V]:
    return list(
        session.scalars(select(_V).where(_V.review_id == review_id).order_by(_V.position, _V.id))
    )


def version_row(session: Session, review_id: int, number: str) -> _V | None:
    return session.scalar(select(_V).where(_V.review_id == review_id, _V.number == number))


def content(row: _V) -> ReportDocView:
    return report_from_text(row.content)


def _counts(session: Session, model: type[_C] | type[_D], review_id: int) -> Counter[int]:
    rows = session.execute(
        select(model.version_id, func.count())
        .where(model.review_id == review_id)
        .group_by(model.version_id)
    )
    return Counter({vid: int(n) for vid, n in rows})


def version_entries(session: Session, review_id: int) -> tuple[VersionEntry, ...]:
    comments = _counts(session, _C, review_id)
    decisions = _counts(session, _D, review_id)
    return tuple(
        VersionEntry(
            id=row.id,
            review_id=review_id,
            number=row.number,
            purpose=ReportPurpose(row.purpose),
            made=_made(row),
            meeting=None if row.meeting_id is None else meeting_ref(session, row.meeting_id),
            note=row.note,
            comments=comments[row.id],
            considerations=decisions[row.id],
            version=row.version,
        )
        for row in version_rows(session, review_id)
    )


def insert_version(
    session: Session,
    review_id: int,
    number: str,
    purpose: ReportPurpose,
    made: datetime,
    meeting_id: int | None,
    note: str | None,
    view: ReportDocView,
) -> int:
    offset = made.utcoffset() or timedelta(0)
    position = session.scalar(select(func.count()).where(_V.review_id == review_id)) or 0
    row = _V(
        review_id=review_id,
        position=int(position),
        number=number,
        purpose=purpose.value,
        made_utc=made.astimezone(UTC).replace(tzinfo=None),
        made_offset_minutes=int(offset.total_seconds() // 60),
        meeting_id=meeting_id,
        note=note,
        content=report_text(view),
    )
    session.add(row)
    session.flush()
    return row.id


def delete_version(session: Session, version_id: int) -> None:
    session.execute(delete(_V).where(_V.id == version_id))


def referred(session: Session, version_id: int) -> bool:
    """Whether a comment or a decision refers to the version."""
    return any(
        session.scalar(select(func.count()).where(model.version_id == version_id))
        for model in (_C, _D)
    )


# Comments and decisions ------------------------------------------------------------------


def _number(view: ReportDocView, key: str) -> str | None:
    return next((p.number for p in view.paragraphs() if p.key == key), None)


def comment_entries(
    session: Session, review_id: int, version_id: int | None = None
) -> tuple[CommentEntry, ...]:
    stmt = (
        select(_C, _V.number, orm.MemberRow.key, orm.MemberRow.name)
        .join(_V, _V.id == _C.version_id)
        .join(orm.MemberRow, orm.MemberRow.id == _C.member_id)
        .where(_C.review_id == review_id)
        .order_by(_C.position, _C.id)
    )
    if version_id is not None:
        stmt = stmt.where(_C.version_id == version_id)
    views: dict[int, ReportDocView] = {}
    found = []
    for row, number, member_key, member_name in session.execute(stmt):
        if row.version_id not in views:
            views[row.version_id] = content(session.get_one(_V, row.version_id))
        found.append(
            CommentEntry(
                id=row.id,
                review_id=review_id,
                version_number=number,
                paragraph_key=row.paragraph_key,
                paragraph_number=_number(views[row.version_id], row.paragraph_key),
                member=NamedRef(member_key, member_name),
                text=row.text,
                received=row.received,
                version=row.version,
            )
        )
    return tuple(found)


def consideration_entries(
    session: Session, review_id: int, version_id: int | None = None
) -> tuple[ConsiderationEntry, ...]:
    stmt = (
        select(_D, _V.number)
        .join(_V, _V.id == _D.version_id)
        .where(_D.review_id == review_id)
        .order_by(_D.position, _D.id)
    )
    if version_id is not None:
        stmt = stmt.where(_D.version_id == version_id)
    views: dict[int, ReportDocView] = {}
    found = []
    for row, number in session.execute(stmt):
        if row.version_id not in views:
            views[row.version_id] = content(session.get_one(_V, row.version_id))
        item = None if row.item_id is None else session.get_one(orm.ItemRow, row.item_id)
        found.append(
            ConsiderationEntry(
                id=row.id,
                review_id=review_id,
                version_number=number,
                paragraph_key=row.paragraph_key,
                paragraph_number=_number(views[row.version_id], row.paragraph_key),
                meeting=meeting_ref(session, row.meeting_id),
                item=None if item is None else NamedRef(item.key, item.title),
                outcome=ConsiderationOutcome(row.outcome),
                amendment=row.amendment,
                version=row.version,
            )
        )
    return tuple(found)


def _make_room(session: Session, model: type[_C] | type[_D], review_id: int, at: int) -> None:
    session.execute(
        update(model)
        .where(model.review_id == review_id, model.position >= at)
        .values(position=model.position + 1)
        .execution_options(synchronize_session=False)
    )


def _close_gap(session: Session, model: type[_C] | type[_D], review_id: int, at: int) -> None:
    session.execute(
        update(model)
        .where(model.review_id == review_id, model.position > at)
        .values(position=model.position - 1)
        .execution_options(synchronize_session=False)
    )


def _end(session: Session, model: type[_C] | type[_D], review_id: int) -> int:
    return int(session.scalar(select(func.count()).where(model.review_id == review_id)) or 0)


def insert_comment(
    session: Session,
    review_id: int,
    version_id: int,
    paragraph_key: str,
    member_id: int,
    text: str,
    received: date,
    position: int | None = None,
) -> int:
    at = _end(session, _C, review_id) if position is None else position
    _make_room(session, _C, review_id, at)
    row = _C(
        review_id=review_id,
        version_id=version_id,
        position=at,
        paragraph_key=paragraph_key,
        member_id=member_id,
        text=text,
        received=received,
    )
    session.add(row)
    session.flush()
    return row.id


def delete_comment(session: Session, comment_id: int) -> tuple[int, ReportComment]:
    """Delete a comment: (its position, the comment by keys)."""
    row = session.get_one(_C, comment_id)
    member = session.get_one(orm.MemberRow, row.member_id)
    number = session.get_one(_V, row.version_id).number
    taken = ReportComment(number, row.paragraph_key, member.key, row.text, row.received)
    review_id, position = row.review_id, row.position
    session.execute(delete(_C).where(_C.id == comment_id))
    _close_gap(session, _C, review_id, position)
    return position, taken


def insert_consideration(
    session: Session,
    review_id: int,
    version_id: int,
    paragraph_key: str,
    meeting_id: int,
    outcome: ConsiderationOutcome,
    item_id: int | None,
    amendment: str | None,
    position: int | None = None,
) -> int:
    at = _end(session, _D, review_id) if position is None else position
    _make_room(session, _D, review_id, at)
    row = _D(
        review_id=review_id,
        version_id=version_id,
        position=at,
        paragraph_key=paragraph_key,
        meeting_id=meeting_id,
        item_id=item_id,
        outcome=outcome.value,
        amendment=amendment,
    )
    session.add(row)
    session.flush()
    return row.id


def delete_consideration(session: Session, row_id: int) -> tuple[int, ReportConsideration]:
    row = session.get_one(_D, row_id)
    meeting = session.get_one(orm.MeetingRow, row.meeting_id)
    item = None if row.item_id is None else session.get_one(orm.ItemRow, row.item_id).key
    number = session.get_one(_V, row.version_id).number
    taken = ReportConsideration(
        number,
        row.paragraph_key,
        meeting.key,
        ConsiderationOutcome(row.outcome),
        item,
        row.amendment,
    )
    review_id, position = row.review_id, row.position
    session.execute(delete(_D).where(_D.id == row_id))
    _close_gap(session, _D, review_id, position)
    return position, taken


def item_of_meeting(session: Session, meeting_id: int, key: str) -> int | None:
    return session.scalar(
        select(orm.ItemRow.id).where(orm.ItemRow.meeting_id == meeting_id, orm.ItemRow.key == key)
    )


def decisions_under(session: Session, item_id: int) -> tuple[DecisionLink, ...]:
    """The decisions recorded under an agenda item, for its snapshot before it is
    deleted (the database then leaves them without an item)."""
    rows = session.execute(
        select(_V.number, _D.paragraph_key)
        .join(_V, _V.id == _D.version_id)
        .where(_D.item_id == item_id)
        .order_by(_D.position)
    )
    return tuple(DecisionLink(number, paragraph) for number, paragraph in rows)


def put_under(
    session: Session, meeting_id: int, item_id: int, decisions: Sequence[DecisionLink]
) -> None:
    """Give a restored item back the decisions recorded under it: those of its meeting
    still there and still without an item. As the database's taking it away did, this
    leaves their versions as they were."""
    for link in decisions:
        session.execute(
            update(_D)
            .where(
                _D.meeting_id == meeting_id,
                _D.item_id.is_(None),
                _D.paragraph_key == link.paragraph,
                _D.version_id.in_(select(_V.id).where(_V.number == link.version)),
            )
            .values(item_id=item_id)
        )


# What a meeting's minutes need ------------------------------------------------------------


def meeting_decisions(
    session: Session, meeting_id: int
) -> tuple[tuple[ReportVersion, ...], tuple[ReportConsideration, ...]]:
    """The decisions a meeting made on the report and the versions they were made on
    (their content), for its minutes (``store.meeting_papers``)."""
    rows = session.execute(
        select(_D, orm.ItemRow.key)
        .outerjoin(orm.ItemRow, orm.ItemRow.id == _D.item_id)
        .where(_D.meeting_id == meeting_id)
        .order_by(_D.position, _D.id)
    ).all()
    if not rows:
        return (), ()
    meeting_key = session.get_one(orm.MeetingRow, meeting_id).key
    versions: dict[int, ReportVersion] = {}
    decisions = []
    for row, item_key in rows:
        if row.version_id not in versions:
            v = session.get_one(_V, row.version_id)
            versions[v.id] = ReportVersion(
                v.number, ReportPurpose(v.purpose), _made(v), content(v), None, v.note
            )
        decisions.append(
            ReportConsideration(
                versions[row.version_id].number,
                row.paragraph_key,
                meeting_key,
                ConsiderationOutcome(row.outcome),
                item_key,
                row.amendment,
            )
        )
    return tuple(versions.values()), tuple(decisions)


def lock_review(session: Session, review_id: int) -> None:
    """Hold the review row until the transaction ends (PostgreSQL), so that version
    numbers and positions are computed from a settled list."""
    session.execute(select(orm.ReviewRow.id).where(orm.ReviewRow.id == review_id).with_for_update())


def comment_review(session: Session, comment_id: int) -> tuple[int, int]:
    """(review id, version id) of a comment."""
    row = session.get_one(_C, comment_id)
    return row.review_id, row.version_id


def update_comment(
    session: Session,
    comment_id: int,
    *,
    text: str | Keep,
    received: date | Keep,
    member_id: int | Keep,
) -> None:
    row = session.get_one(_C, comment_id)
    if not isinstance(text, Keep):
        row.text = text
    if not isinstance(received, Keep):
        row.received = received
    if not isinstance(member_id, Keep):
        row.member_id = member_id
    session.flush()


def decision(session: Session, row_id: int) -> StoredDecision:
    row = session.get_one(_D, row_id)
    return StoredDecision(
        row.id,
        row.review_id,
        row.version_id,
        row.meeting_id,
        ConsiderationOutcome(row.outcome),
        row.amendment,
    )


def update_decision(
    session: Session,
    row_id: int,
    outcome: ConsiderationOutcome,
    amendment: str | None,
    item_id: int | Keep | None,
) -> None:
    row = session.get_one(_D, row_id)
    row.outcome = outcome.value
    row.amendment = amendment
    if not isinstance(item_id, Keep):
        row.item_id = item_id
    session.flush()
