"""A meeting's minutes: who attended, the minute of each item, and the lifecycle of
draft, approval and reopening.

Minutes become a draft when the first minute is written (and go back to none when the
last is cleared from a draft). Approval records the date and the meeting that
approved them and freezes them: the public and the panel minutes are kept as they
print (``approved_minutes``), every export of approved minutes prints that, and every
edit that would change them is refused (``MinutesRecord.refuse_if_locked``, called by
the agenda, minutes, actions and meeting services) until they are reopened. Reopening
records who, when and why, with the approved minutes it sets aside, and returns them
to draft; approving again keeps a new record. Approval and reopening each add an entry
to the meeting's minutes history. A cancelled or postponed meeting has no minutes.

Undo: ``revert_minutes`` takes the minutes back to the record read before a step,
removing the history entry that step added. From the clerk's side the step never
happened, so its entry goes with it; it can only be the latest entry, made by the same
user, on the meeting as that step left it (the version check), so no one else's entry
and no older entry can ever be removed this way.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from ..domain.agenda_records import (
    AttendanceRecord,
    ItemRecord,
    MemberAttendance,
    MinutesRecord,
    minutes_are_approved,
)
from ..domain.audit_records import AuditAction
from ..domain.enums import AttendanceStatus, MinutesEvent, MinutesStatus
from ..domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from ..domain.localtime import zone
from ..domain.meeting_rules import will_not_take_place
from ..domain.records import MinutesHistoryEntry
from ..domain.rules import text_problem
from ..domain.view_codec import MinutesSnapshot
from ..domain.views import Audience, MeetingView
from ..domain.wording import day_month_year
from ..store import agenda_edits, audit, meeting_papers, minutes_edits, queries
from ..store.db import Database
from ..store.meeting_papers import MeetingPapers
from .approved_minutes import draft_view, no_minutes_message, papers_snapshot
from .attendance_checks import attendance_problems, give_stay


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class MinutesToPrint:
    """A meeting's papers and its approved minutes as they were kept (None: a draft,
    none, or approved before they were kept), read together (``MinutesService.to_print``)."""

    papers: MeetingPapers
    kept: MinutesSnapshot | None


class MinutesService:
    def __init__(self, db: Database, clock: Callable[[], datetime] = _utc_now) -> None:
        self.db = db
        self.clock = clock  # an aware "now"; tests pass a fixed one

    # Reading ---------------------------------------------------------------------------

    def minutes(self, meeting_id: int) -> MinutesRecord:
        with self.db.reading() as session:
            return minutes_edits.minutes_record(session, meeting_id)

    def printed(self, meeting_id: int, audience: Audience) -> MeetingView:
        """The minutes as they print for ``audience``: approved minutes as they were
        approved (kept, never rebuilt), a draft from the data as it is now. Refused
        (ValidationError) for a meeting that did not take place.

        Minutes approved before the approved record was kept (schema 0007) get it built
        from the data as it is at this first read, and kept (unless the database is
        read-only)."""
        return self.printed_from(self.to_print(meeting_id), audience)

    def to_print(self, meeting_id: int) -> MinutesToPrint:
        """What the meeting's minutes print from, in one read: its papers
        (``meeting_papers``) and its approved minutes as they were kept, if they were.
        An export reads this once for the paper and its minutes (``printed_from``)."""
        return MinutesToPrint(*meeting_papers.read_papers(self.db, meeting_id, kept=True))

    def printed_from(self, read: MinutesToPrint, audience: Audience) -> MeetingView:
        """``printed`` from what ``to_print`` read: a draft is the audience's view of the
        meeting as it is now (``publishing.meeting_view``, as approval would keep it)."""
        papers = read.papers
        meeting = papers.meeting
        if will_not_take_place(meeting.status):
            raise ValidationError(
                Problem("minutes", no_minutes_message(meeting.title, meeting.status))
            )
        if read.kept is not None:
            return read.kept.view(audience)
        if not minutes_are_approved(meeting.minutes_status):
            return draft_view(papers, audience)
        snapshot = papers_snapshot(papers)
        if not self.db.read_only:
            meeting_id = papers.meeting_id
            with self.db.writing() as session:
                if minutes_edits.approved_snapshot(session, meeting_id) is None:
                    current = minutes_edits.lock_meeting(session, meeting_id)
                    if current.locked:
                        minutes_edits.set_snapshot(session, meeting_id, snapshot)
        return snapshot.view(audience)

    def attendance(self, meeting_id: int) -> builtins.list[AttendanceRecord]:
        """One row per panel member, in panel order; ``status`` None when nothing is
        recorded for them."""
        with self.db.reading() as session:
            return minutes_edits.attendance_records(session, meeting_id)

    def member_attendance(self, review_id: int, member_key: str) -> builtins.list[MemberAttendance]:
        """A panel member's record: every meeting of the review by start, with what is
        recorded for them (None: nothing). Filter on ``meeting_status`` as needed."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            member = minutes_edits.member_for(session, review_id, member_key)
            if member is None:
                raise NotFoundError(f'There is no panel member with key "{member_key}"')
            return minutes_edits.member_attendance(session, review_id, member[0])

    # Attendance ------------------------------------------------------------------------

    def set_attendance(
        self,
        meeting_id: int,
        member_key: str,
        status: AttendanceStatus | None,
        expected_version: int | None,
        *,
        position: int | None = None,
        arrived: str | None = None,
        left: str | None = None,
    ) -> AttendanceRecord:
        """Record (or with None, remove) a member's attendance at a meeting.

        ``expected_version`` is the version of the member's attendance record as read,
        None when there was none. A new record goes at ``position`` in the meeting's
        list (an undo passes the ``position`` of the record it removed), else in panel
        order, and with the stay ``arrived``/``left`` (item keys; an undo passes those
        of the record it removed). Refused while the minutes are locked."""
        with self.db.writing() as session:
            minutes = minutes_edits.lock_meeting(session, meeting_id)
            member = minutes_edits.member_for(session, minutes.review_id, member_key)
            if member is None:
                raise ValidationError(
                    Problem("member", f'no panel member with key "{member_key}" in this review')
                )
            member_id, name = member
            row_id = minutes_edits.attendance_id(session, meeting_id, member_id)
            what = f"The attendance of {name}"
            if row_id is None and expected_version is not None:
                raise ConflictError(f"{what} has been removed by someone else since you opened it.")
            if row_id is not None and expected_version is None:
                raise ConflictError(
                    f"{what} was recorded by someone else since you opened it. It has been "
                    "reloaded; make your change again if it is still needed."
                )
            if row_id is not None and expected_version is not None:
                queries.check_version(session, "attendance", row_id, expected_version, what)
            minutes.refuse_if_locked()
            stay = (arrived, left) if row_id is None else None
            if problems := attendance_problems(session, meeting_id, member_key, status, stay):
                raise ValidationError(problems)
            minutes_edits.set_attendance(session, meeting_id, member_id, status, position)
            if stay is not None and status is not None:
                give_stay(session, meeting_id, member_key, stay)
            return next(
                a
                for a in minutes_edits.attendance_records(session, meeting_id)
                if a.member_key == member_key
            )

    # Minutes of items -------------------------------------------------------------------

    def set_minute(self, item_id: int, expected_version: int, text: str | None) -> ItemRecord:
        """Write (or with None or blank text, clear) the minute of an item.

        Refused while the meeting's minutes are locked. The first minute makes the
        minutes a draft, and clearing the last minute of a draft makes them none again
        (so an undo leaves them as they were); the meeting's version rises then, its
        calendar SEQUENCE never."""
        with self.db.writing() as session:
            _item, minutes = agenda_edits.checked_item(session, item_id, expected_version)
            meeting_id = minutes.meeting_id
            minutes.refuse_if_locked()
            if text is not None and (why := text_problem(text)):
                raise ValidationError(Problem("minute", why))
            minutes_edits.write_minute(session, item_id, text if text and text.strip() else None)
            written = minutes_edits.has_minutes(session, meeting_id)
            status = minutes.status
            if status is MinutesStatus.NONE and written:
                status = MinutesStatus.DRAFT
            elif status is MinutesStatus.DRAFT and not written:
                status = MinutesStatus.NONE
            if status is not minutes.status:
                minutes_edits.set_minutes_state(
                    session,
                    meeting_id,
                    status=status,
                    approved_on=None,
                    approved_at=None,
                )
            return agenda_edits.item_record(session, item_id)

    # Lifecycle -------------------------------------------------------------------------

    def approve_minutes(
        self,
        meeting_id: int,
        expected_version: int,
        approved_on: date,
        at_meeting_key: str | None = None,
    ) -> MinutesRecord:
        """Record that the minutes were approved as a correct record on ``approved_on``
        (at the meeting with ``at_meeting_key``: this one or a later one), and lock
        them. Refused for a cancelled or postponed meeting, and for minutes approved
        already."""
        with self.db.writing() as session:
            minutes = minutes_edits.checked_meeting(session, meeting_id, expected_version)
            return self.approve_within(session, minutes, approved_on, at_meeting_key)

    def approve_within(
        self,
        session: Any,  # the store's session, passed through
        minutes: MinutesRecord,
        approved_on: date,
        at_meeting_key: str | None,
    ) -> MinutesRecord:
        """``approve_minutes`` inside the caller's transaction, on minutes it has locked
        and checked (approving the previous minutes by resolution calls it too)."""
        meeting_id = minutes.meeting_id
        problems: list[Problem] = []
        if will_not_take_place(minutes.meeting_status):
            problems.append(
                Problem(
                    "minutes",
                    f"the meeting was {minutes.meeting_status.value}, so there are no "
                    "minutes to approve",
                )
            )
        if minutes.status is MinutesStatus.APPROVED:
            when = f" on {day_month_year(minutes.approved_on)}" if minutes.approved_on else ""
            problems.append(Problem("minutes", f"were approved already{when}"))
        held_on = minutes.meeting_start.date()
        if approved_on < held_on:
            problems.append(
                Problem(
                    "approved_on",
                    f"must be on or after the day of the meeting ({day_month_year(held_on)})",
                )
            )
        problems += _approving_problems(
            minutes,
            at_meeting_key,
            minutes_edits.meeting_when(session, minutes.review_id, at_meeting_key)
            if at_meeting_key
            else None,
        )
        if problems:
            raise ValidationError(problems)
        minutes_edits.set_minutes_state(
            session,
            meeting_id,
            status=MinutesStatus.APPROVED,
            approved_on=approved_on,
            approved_at=at_meeting_key,
        )
        papers = meeting_papers.meeting_papers(session, meeting_id)
        minutes_edits.set_snapshot(session, meeting_id, papers_snapshot(papers))
        minutes_edits.append_history(
            session, meeting_id, self._entry(minutes, MinutesEvent.APPROVED, None)
        )
        on = f"approved on {approved_on.isoformat()}"
        audit.record(session, AuditAction.APPROVED, "meetings", meeting_id, minutes.review_id, on)
        return minutes_edits.minutes_record(session, meeting_id)

    def reopen_minutes(self, meeting_id: int, expected_version: int, reason: str) -> MinutesRecord:
        """Reopen approved minutes for a correction: they go back to draft (no longer
        approved on any date), and the history records who, when and why, with the
        approved minutes as they printed. Refused without a reason."""
        with self.db.writing() as session:
            minutes = minutes_edits.checked_meeting(session, meeting_id, expected_version)
            problems: list[Problem] = []
            if not minutes.locked:
                problems.append(
                    Problem("minutes", "are not approved, so there is nothing to reopen")
                )
            if not reason.strip():
                problems.append(
                    Problem("reason", "say why the minutes are reopened (it is recorded)")
                )
            elif why := text_problem(reason):
                problems.append(Problem("reason", why))
            if problems:
                raise ValidationError(problems)
            approved = minutes.snapshot
            if approved is None:  # approved before the record was kept: as it is now
                approved = papers_snapshot(meeting_papers.meeting_papers(session, meeting_id))
            minutes_edits.set_minutes_state(
                session, meeting_id, status=MinutesStatus.DRAFT, approved_on=None, approved_at=None
            )
            minutes_edits.set_snapshot(session, meeting_id, None)
            entry = self._entry(minutes, MinutesEvent.REOPENED, reason)
            minutes_edits.append_history(session, meeting_id, replace(entry, snapshot=approved))
            audit.record(session, AuditAction.REOPENED, "meetings", meeting_id, minutes.review_id)
            return minutes_edits.minutes_record(session, meeting_id)

    def revert_minutes(
        self, meeting_id: int, expected_version: int, to: MinutesRecord
    ) -> MinutesRecord:
        """Undo one lifecycle step: back to ``to`` (the record read before the step),
        removing the one history entry the step added.

        Refused unless the history is ``to``'s plus at most one entry, made by this
        user; so an undo can take back its own step and nothing else."""
        with self.db.writing() as session:
            minutes = minutes_edits.checked_meeting(session, meeting_id, expected_version)
            return self.revert_within(session, minutes, to)

    def revert_within(
        self, session: Any, minutes: MinutesRecord, to: MinutesRecord
    ) -> MinutesRecord:
        """``revert_minutes`` inside the caller's transaction, on minutes it has locked
        and checked (undoing the previous minutes' approval by resolution calls it too)."""
        meeting_id = minutes.meeting_id
        added = len(minutes.history) - len(to.history)
        if minutes.history[: len(to.history)] != to.history or added not in (0, 1):
            raise ConflictError(
                f'The minutes of "{minutes.meeting_title}" have moved on since that step; '
                "it can no longer be undone."
            )
        if added and minutes.history[-1].by != self.db.user:
            raise ConflictError(
                f"That step was taken by {minutes.history[-1].by}; only they can undo it."
            )
        problems: list[Problem] = []
        if to.approved_at is not None:
            problems += _approving_problems(
                minutes,
                to.approved_at,
                minutes_edits.meeting_when(session, minutes.review_id, to.approved_at),
            )
        if to.snapshot is not None and to.status is not MinutesStatus.APPROVED:
            problems.append(Problem("minutes", "only approved minutes are kept as printed"))
        if to.status is MinutesStatus.APPROVED and to.approved_on is None:
            problems.append(Problem("approved_on", "is required when the minutes are approved"))
        if problems:
            raise ValidationError(problems)
        minutes_edits.set_minutes_state(
            session,
            meeting_id,
            status=to.status,
            approved_on=to.approved_on,
            approved_at=to.approved_at,
        )
        minutes_edits.set_snapshot(session, meeting_id, to.snapshot)
        if added:
            minutes_edits.drop_last_history(session, meeting_id)
        return minutes_edits.minutes_record(session, meeting_id)

    # Helpers ---------------------------------------------------------------------------

    def _entry(
        self, minutes: MinutesRecord, event: MinutesEvent, note: str | None
    ) -> MinutesHistoryEntry:
        """A history entry: now, in the review's zone, to the second; by this user."""
        now = self.clock().astimezone(zone(minutes.timezone)).replace(microsecond=0)
        return MinutesHistoryEntry(now, self.db.user, event, note)


def _approving_problems(
    minutes: MinutesRecord, key: str | None, found: tuple[str, datetime] | None
) -> list[Problem]:
    """What is wrong with approving the minutes at the meeting ``key`` ((title, start)
    of it, None if it does not exist)."""
    if key is None:
        return []
    if found is None:
        return [Problem("at_meeting", f'no meeting with key "{key}" in this review')]
    title, start = found
    if start < minutes.meeting_start:
        return [
            Problem(
                "at_meeting",
                "minutes are approved at the same meeting or a later one, not at "
                f'"{title}" ({day_month_year(start.date())})',
            )
        ]
    return []
