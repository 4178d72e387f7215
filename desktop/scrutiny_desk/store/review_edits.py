"""Reading and writing a review's own details: the review row, its contact, and the
exclusion, interface and milestone lists; and raising meetings' calendar SEQUENCE."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from ..domain.enums import Country, PaperLanguage, ReviewStatus
from ..domain.meeting_rules import next_sequence
from ..domain.people_records import MeetingTimes, ReviewDetails
from ..domain.records import Contact, Exclusion, Interface, Milestone, MonthDay
from . import orm
from .queries import check_version, get_review_row
from .review_insert import CONTACT_FIELDS

# List field -> (table, its columns in the record's order, record type).
LISTS: dict[str, tuple[Any, tuple[str, ...], Callable[..., Any]]] = {
    "exclusions": (orm.ExclusionRow, ("text",), Exclusion),
    "interfaces": (orm.InterfaceRow, ("name", "abbreviation"), Interface),
    "milestones": (orm.MilestoneRow, ("date", "title", "done"), Milestone),
}
SCALARS = (
    "title",
    "body",
    "summary",
    "status",
    "timezone",
    "clear_days",
    "exclusion_resolution",
    "web_page",
    "calendar_public_titles",
    "quorum",
    "minute_numbers",
    "language",
    "country",
    "retention_until",
    "privacy_notice",
)


def _list_rows(session: Session, model: Any, review_id: int) -> list[Any]:
    return list(
        session.scalars(
            select(model).where(model.review_id == review_id).order_by(model.position, model.id)
        )
    )


def check_review_version(session: Session, review_id: int, expected_version: int) -> None:
    """ConflictError if the review changed or was deleted since it was read."""
    row = session.get(orm.ReviewRow, review_id)
    what = "This review" if row is None else f'Review "{row.title}"'
    check_version(session, "review", review_id, expected_version, what)


def review_details(session: Session, review_id: int) -> ReviewDetails:
    r = get_review_row(session, review_id)
    lists = {
        name: tuple(
            record(*(getattr(row, c) for c in columns))
            for row in _list_rows(session, model, review_id)
        )
        for name, (model, columns, record) in LISTS.items()
    }
    return ReviewDetails(
        id=r.id,
        title=r.title,
        body=r.body,
        summary=r.summary,
        status=ReviewStatus(r.status),
        timezone=r.timezone,
        contact=Contact(**{f: getattr(r, f"contact_{f}") for f in CONTACT_FIELDS})
        if r.has_contact
        else None,
        clear_days=r.clear_days,
        exclusion_resolution=r.exclusion_resolution,
        exclusions=lists["exclusions"],
        interfaces=lists["interfaces"],
        milestones=lists["milestones"],
        version=r.version,
        web_page=r.web_page,
        calendar_public_titles=r.calendar_public_titles,
        quorum=r.quorum,
        minute_numbers=r.minute_numbers,
        year_start=MonthDay(r.year_start_month, r.year_start_day),
        language=PaperLanguage(r.language),
        country=Country(r.country),
        retention_until=r.retention_until,
        privacy_notice=r.privacy_notice,
    )


def write_details(session: Session, review_id: int, values: dict[str, Any]) -> None:
    """Apply checked values (only those that differ); the review's version rises once,
    also when only a list changed. A list is written in place: row n of the new list
    goes into the row at position n, extra rows are added or deleted."""
    row = get_review_row(session, review_id)
    with session.no_autoflush:  # one UPDATE of the review row, so one version step
        for name in SCALARS:
            if name in values:
                value = values[name]
                setattr(row, name, value.value if isinstance(value, StrEnum) else value)
        if "year_start" in values:
            row.year_start_month = values["year_start"].month
            row.year_start_day = values["year_start"].day
        if "contact" in values:
            contact: Contact | None = values["contact"]
            row.has_contact = contact is not None
            for f in CONTACT_FIELDS:
                setattr(row, f"contact_{f}", getattr(contact, f) if contact else None)
        for name, (model, columns, _record) in LISTS.items():
            if name in values:
                _replace_list(session, model, columns, review_id, values[name])
        if values:
            flag_modified(row, "title")  # the version rises even if only a list changed
    session.flush()


def _replace_list(
    session: Session,
    model: Any,
    columns: Sequence[str],
    review_id: int,
    records: Sequence[Any],
) -> None:
    rows = _list_rows(session, model, review_id)
    for n, record in enumerate(records):
        values = {c: getattr(record, c) for c in columns}
        if n < len(rows):
            for c, v in values.items():
                if getattr(rows[n], c) != v:
                    setattr(rows[n], c, v)
            if rows[n].position != n:
                rows[n].position = n
        else:
            session.add(model(review_id=review_id, position=n, **values))
    for extra in rows[len(records) :]:
        session.delete(extra)


def meeting_times(session: Session, review_id: int) -> list[MeetingTimes]:
    """Every meeting's times and item slots, meetings by start."""
    m = orm.MeetingRow
    i = orm.ItemRow
    slots: dict[int, list[tuple[str, datetime, datetime]]] = defaultdict(list)
    for meeting_id, key, start, end in session.execute(
        select(i.meeting_id, i.key, i.start, i.end)
        .where(i.review_id == review_id, i.start.is_not(None), i.end.is_not(None))
        .order_by(i.meeting_id, i.position)
    ):
        if start is not None and end is not None:
            slots[meeting_id].append((key, start, end))
    return [
        MeetingTimes(key, title, start, end, tuple(slots.get(meeting_id, ())))
        for meeting_id, key, title, start, end in session.execute(
            select(m.id, m.key, m.title, m.start, m.end)
            .where(m.review_id == review_id)
            .order_by(m.start, m.position, m.id)
        )
    ]


def raise_sequences(
    session: Session, *, review_id: int | None = None, meeting_ids: Collection[int] = ()
) -> None:
    """Raise the calendar SEQUENCE (and the version) of every meeting of a review, or of
    the meetings named: their invitations changed."""
    m = orm.MeetingRow
    if review_id is not None:
        where = m.review_id == review_id
    elif meeting_ids:
        where = m.id.in_(sorted(meeting_ids))
    else:
        return
    for row in session.scalars(select(m).where(where)):
        row.sequence = next_sequence(row.sequence)
    session.flush()
