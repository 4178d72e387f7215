"""Series of meetings, set the way committees set them and previewed before creation.

``preview`` shows the meetings a rule would make, the dates it leaves out with their
reasons (England and Wales bank holidays, months without meetings, days struck out)
and the clashes with meetings already arranged; ``create_series`` makes them all in one
transaction, so one undo (``delete_series``) takes them all away again.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from ..domain.enums import MeetingStatus
from ..domain.errors import Problem, ValidationError
from ..domain.keys import key_problem
from ..domain.localtime import local_time_problem
from ..domain.meeting_records import (
    MeetingSnapshot,
    PlacedMeeting,
    SeriesPlan,
    schedule_warnings,
)
from ..domain.records import Meeting, MeetingSummary
from ..domain.recurrence import SeriesPreview, SeriesRule, expand
from ..domain.wording import day_month_year
from ..store import meeting_edits, meeting_reads, queries
from ..store.db import Database
from .calendar_rules import holidays_between
from .meeting_edits import MeetingEditService, new_meeting_key


class SeriesService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def preview(
        self, review_id: int, rule: SeriesRule, skip_dates: frozenset[date] = frozenset()
    ) -> SeriesPlan:
        """What ``create_series`` would make, without saving: ValidationError if the
        rule cannot be used, clashes with existing meetings as warnings."""
        with self.db.reading() as session:
            zone, _ = meeting_reads.review_settings(session, review_id)
            planned = _expand(rule, skip_dates, zone)
            proposals = [
                PlacedMeeting(
                    id=-n,
                    review_id=review_id,
                    key="",
                    title=m.title,
                    start=m.start,
                    end=m.end,
                    venue=m.venue,
                    status=MeetingStatus.SCHEDULED,
                    version=0,
                    agenda_published_on=None,
                )
                for n, m in enumerate(planned.meetings, start=1)
            ]
            if not proposals:
                return SeriesPlan(planned)
            span = (
                datetime.combine(rule.first, time.min),
                datetime.combine(rule.last + timedelta(days=1), time.min),
            )
            existing = meeting_reads.placed_meetings(session, review_id, between=span)
            others = meeting_reads.others_in_rooms(session, review_id, span)
        warnings = schedule_warnings(
            [*existing, *proposals],
            others=others,
            involving=[p.id for p in proposals],
        )
        return SeriesPlan(planned, tuple(warnings))

    def create_series(
        self,
        review_id: int,
        rule: SeriesRule,
        skip_dates: frozenset[date] = frozenset(),
        keys: Sequence[str] | None = None,
    ) -> list[MeetingSummary]:
        """Create every meeting of the series in one transaction (all or nothing),
        scheduled, each with a new calendar UID; their records in date order. ``keys``,
        one per meeting, gives their keys (a redo); None makes them."""
        with self.db.writing() as session:
            zone, _ = meeting_reads.review_settings(session, review_id)
            planned = _expand(rule, skip_dates, zone)
            count = len(planned.meetings)
            if keys is None:
                chosen = _free_keys(session, review_id, count)
            else:
                chosen = list(keys)
                _check_keys(session, review_id, chosen, count)
            meetings = [
                Meeting(
                    key=key,
                    title=m.title,
                    kind=m.kind,
                    start=m.start,
                    end=m.end,
                    venue=m.venue,
                    uid=str(uuid.uuid4()),
                )
                for key, m in zip(chosen, planned.meetings, strict=True)
            ]
            ids = set(meeting_edits.insert_meetings(session, review_id, meetings))
            return [m for m in queries.list_meetings(session, review_id) if m.id in ids]

    def delete_series(self, review_id: int, keys: Sequence[str]) -> list[MeetingSnapshot]:
        """Undo a series: delete its meetings in one action (see
        ``MeetingEditService.delete_meetings``)."""
        return MeetingEditService(self.db).delete_meetings(review_id, keys)

    def restore_series(self, snapshots: Sequence[MeetingSnapshot]) -> list[MeetingSummary]:
        """Redo a series after ``delete_series``: the same keys and calendar UIDs."""
        return MeetingEditService(self.db).restore_meetings(snapshots)


def _expand(rule: SeriesRule, skip_dates: frozenset[date], zone: str) -> SeriesPreview:
    """The rule's meetings, each at a time that exists in the review's zone."""
    planned = expand(rule, holidays_between(rule.first, rule.last), skip_dates)
    problems: list[Problem] = []
    for m in planned.meetings:
        for name, value in (("start", m.start), ("end", m.end)):
            if why := local_time_problem(value, zone):
                problems.append(Problem(f"series.{name}", f"on {day_month_year(m.day)}: {why}"))
    if problems:
        raise ValidationError(problems)
    return planned


def _free_keys(session: meeting_edits.Transaction, review_id: int, count: int) -> list[str]:
    keys: list[str] = []
    while len(keys) < count:
        wanted = [new_meeting_key() for _ in range(count - len(keys))]
        taken = meeting_reads.meeting_keys_taken(session, review_id, wanted)
        keys += [k for k in dict.fromkeys(wanted) if k not in taken and k not in keys]
    return keys


def _check_keys(
    session: meeting_edits.Transaction, review_id: int, keys: list[str], count: int
) -> None:
    problems: list[Problem] = []
    if len(keys) != count:
        problems.append(
            Problem("keys", f"the series has {count} meetings but {len(keys)} keys were given")
        )
    seen: set[str] = set()
    for n, key in enumerate(keys):
        if why := key_problem(key):
            problems.append(Problem(f"keys[{n}]", why))
        elif key in seen:
            problems.append(Problem(f"keys[{n}]", f'"{key}" is given twice'))
        seen.add(key)
    for key, title in meeting_reads.meeting_keys_taken(session, review_id, keys).items():
        problems.append(
            Problem(f"keys[{keys.index(key)}]", f'"{key}" is already used by the meeting "{title}"')
        )
    if problems:
        raise ValidationError(problems)
