"""The review's report (format version 8) written into its tables and read back.

A whole-review import writes it (store/review_insert.py) and export reads it
(store/documents.py): paragraphs in the report's one list with what each cites and
supports in order, the settings row (written only when it says more than the
defaults), the versions frozen as their panel view printed, the members' comments and
the meetings' consideration. Written in bulk, as the rest of the review is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..domain.enums import Access, ConsiderationOutcome, ReportPurpose
from ..domain.records import (
    DEFAULT_RESPONSE_MONTHS,
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    ReviewReport,
)
from ..domain.view_codec import report_from_text, report_text
from . import orm

#: The id maps a whole-review import has already made (key -> new id).
Ids = dict[str, int]

_LINKS = (  # what a paragraph names: its field, link table, the link's target column
    ("notes", orm.ParagraphNote, "note_id"),
    ("evidence", orm.ParagraphEvidence, "evidence_id"),
    ("recommendations", orm.ParagraphRecommendation, "recommendation_id"),
)


def insert_report(
    session: Session,
    report: ReviewReport,
    review_id: int,
    ids: dict[str, Ids],
) -> None:
    """Write a checked review's report. ``ids``: "members", "meetings", "items",
    "notes", "evidence", "recommendations", each key -> new id."""
    common = {"review_id": review_id, "version": 1}
    if report != ReviewReport(
        paragraphs=report.paragraphs,
        versions=report.versions,
        comments=report.comments,
        considerations=report.considerations,
    ):
        _insert(
            session,
            orm.ReportSettingsRow,
            [
                {
                    **common,
                    "title": report.title,
                    "submitted_on": report.submitted_on,
                    "submitted_to": report.submitted_to,
                    "response_months": report.response_months,
                }
            ],
        )
    _insert(
        session,
        orm.ReportParagraphRow,
        [
            {
                **common,
                "position": n,
                "key": p.key,
                "place": p.place,
                "text": p.text,
                "access": p.access.value,
            }
            for n, p in enumerate(report.paragraphs)
        ],
    )
    if report.paragraphs:
        paragraphs = _ids(session, orm.ReportParagraphRow, "key", review_id)
        for field, model, target in _LINKS:
            names = ids[field]
            _insert(
                session,
                model,
                [
                    {"paragraph_id": paragraphs[p.key], target: names[key], "position": n}
                    for p in report.paragraphs
                    for n, key in enumerate(getattr(p, field))
                ],
            )
    if not report.versions:
        return
    meetings, items, members = ids["meetings"], ids["items"], ids["members"]
    _insert(
        session,
        orm.ReportVersionRow,
        [
            {
                **common,
                "position": n,
                "number": v.number,
                "purpose": v.purpose.value,
                "made_utc": v.made.astimezone(UTC).replace(tzinfo=None),
                "made_offset_minutes": _offset_minutes(v.made),
                "meeting_id": None if v.meeting is None else meetings[v.meeting],
                "note": v.note,
                "content": report_text(v.content),
            }
            for n, v in enumerate(report.versions)
        ],
    )
    versions = _ids(session, orm.ReportVersionRow, "number", review_id)
    _insert(
        session,
        orm.ReportCommentRow,
        [
            {
                **common,
                "version_id": versions[c.version],
                "position": n,
                "paragraph_key": c.paragraph,
                "member_id": members[c.member],
                "text": c.text,
                "received": c.received,
            }
            for n, c in enumerate(report.comments)
        ],
    )
    _insert(
        session,
        orm.ReportConsiderationRow,
        [
            {
                **common,
                "version_id": versions[c.version],
                "position": n,
                "paragraph_key": c.paragraph,
                "meeting_id": meetings[c.meeting],
                "item_id": None if c.item is None else items[c.item],
                "outcome": c.outcome.value,
                "amendment": c.amendment,
            }
            for n, c in enumerate(report.considerations)
        ],
    )


def load_report(session: Session, review_id: int, names: dict[str, dict[int, str]]) -> ReviewReport:
    """The review's report as written. ``names``: "members", "meetings", "items",
    "notes", "evidence", "recommendations", each id -> key (what the whole review's
    read has already made)."""
    # plain columns throughout (no mapper configured for them: see ``documents._c``)
    kept = orm.ReportSettingsRow.__table__.c
    settings = (
        session.connection().execute(select(*kept).where(kept.review_id == review_id)).first()
    )
    rows = _rows(session, orm.ReportParagraphRow, review_id)
    cited: dict[str, dict[int, tuple[str, ...]]] = {}
    paragraph = orm.ReportParagraphRow.__table__.c
    owned = select(paragraph.id).where(paragraph.review_id == review_id)
    for field, model, target in _LINKS:
        keys = names[field]
        link = model.__table__.c
        column: Any = getattr(link, target)
        stmt = (
            select(link.paragraph_id, column)
            .where(link.paragraph_id.in_(owned))
            .order_by(link.paragraph_id, link.position)
        )
        cited[field] = {
            paragraph_id: tuple(keys[target_id] for _, target_id in links)
            for paragraph_id, links in groupby(
                session.connection().execute(stmt), key=itemgetter(0)
            )
        }
    versions = _rows(session, orm.ReportVersionRow, review_id)
    numbers = {v.id: v.number for v in versions}
    meetings, items, members = names["meetings"], names["items"], names["members"]

    def key(found: dict[int, str], value: int | None) -> str | None:
        return None if value is None else found[value]

    return ReviewReport(
        title=None if settings is None else settings.title,
        paragraphs=tuple(
            ReportParagraph(
                key=p.key,
                place=p.place,
                text=p.text,
                access=Access(p.access),
                notes=cited["notes"].get(p.id, ()),
                evidence=cited["evidence"].get(p.id, ()),
                recommendations=cited["recommendations"].get(p.id, ()),
            )
            for p in rows
        ),
        versions=tuple(
            ReportVersion(
                number=v.number,
                purpose=ReportPurpose(v.purpose),
                made=_aware(v.made_utc, v.made_offset_minutes),
                content=report_from_text(v.content),
                meeting=key(meetings, v.meeting_id),
                note=v.note,
            )
            for v in versions
        ),
        comments=tuple(
            ReportComment(
                version=numbers[c.version_id],
                paragraph=c.paragraph_key,
                member=members[c.member_id],
                text=c.text,
                received=c.received,
            )
            for c in (_rows(session, orm.ReportCommentRow, review_id) if versions else ())
        ),
        considerations=tuple(
            ReportConsideration(
                version=numbers[c.version_id],
                paragraph=c.paragraph_key,
                meeting=meetings[c.meeting_id],
                outcome=ConsiderationOutcome(c.outcome),
                item=key(items, c.item_id),
                amendment=c.amendment,
            )
            for c in (_rows(session, orm.ReportConsiderationRow, review_id) if versions else ())
        ),
        submitted_on=None if settings is None else settings.submitted_on,
        submitted_to=None if settings is None else settings.submitted_to,
        response_months=DEFAULT_RESPONSE_MONTHS if settings is None else settings.response_months,
    )


def _rows(session: Session, model: Any, review_id: int) -> list[Any]:
    """The review's rows of a positioned table as plain named tuples, in order."""
    table = model.__table__.c
    columns = [c for c in table if c.key not in {"updated_by", "updated_at"}]
    stmt = select(*columns).where(table.review_id == review_id).order_by(table.position, table.id)
    return list(session.connection().execute(stmt))


def _insert(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(model.__table__), list(rows))


def _ids(session: Session, model: Any, name: str, review_id: int) -> dict[str, int]:
    column: Any = getattr(model, name)
    found = session.execute(select(column, model.id).where(model.review_id == review_id))
    return {key: row_id for key, row_id in found}


def _offset_minutes(value: datetime) -> int:
    offset = value.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def _aware(utc: datetime, offset_minutes: int) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(timezone(timedelta(minutes=offset_minutes)))
