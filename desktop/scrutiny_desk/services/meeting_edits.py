"""Planning meetings: new, duplicate, postpone, cancel, reschedule, delete and restore;
agenda publication deadlines; and clash warnings.

Every method is one user action in one transaction. Edits quote the version they
started from; deletes return a snapshot that ``restore_meeting`` puts back with the
same keys and calendar UID, so the GUI's undo commands stay thin. The checks of a
meeting's fields are ``meeting_checks`` (the domain's ``meeting_problems`` and link
rule, and what they need of the database), used by the editor's inline validation and
by every save alike.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from ..domain.enums import MeetingKind, MeetingStatus
from ..domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from ..domain.links import normalised_link
from ..domain.meeting_records import (
    AgendaDeadline,
    MeetingSnapshot,
    PlacedMeeting,
    ScheduleWarning,
    TimedItem,
    agenda_deadline,
    schedule_warnings,
)
from ..domain.meeting_rules import next_sequence, will_not_take_place
from ..domain.records import Meeting, MeetingSummary
from ..domain.rules import MAX_KEY
from ..domain.wording import long_date
from ..store import meeting_edits, meeting_reads, meeting_snapshots, minutes_edits, queries
from ..store.db import Database
from .calendar_rules import clear_day_exclusions
from .meeting_checks import (
    edit_problems,
    moved_slot_problems,
    new_problems,
    normalised,
    optional_text_problems,
    venue_or_none,
)
from .meetings import CALENDAR_FIELDS, MeetingChanges

#: the meeting's own details its minutes print: frozen while they are approved
PRINTED_IN_MINUTES = ("title", "kind", "start", "end", "venue", "status", "title_cy")

_HELD_REFUSALS = {
    MeetingStatus.POSTPONED: "postponed",
    MeetingStatus.CANCELLED: "cancelled",
}


def new_meeting_key() -> str:
    return f"m-{uuid.uuid4().hex[:8]}"


def _what(title: str) -> str:
    """How a conflict message names the meeting."""
    return f'Meeting "{title}"'


class MeetingEditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ----------------------------------------------------------------------

    def find(self, review_id: int, key: str) -> MeetingSummary:
        """The meeting of that key now (its id changes when it is restored)."""
        with self.db.reading() as session:
            return queries.get_meeting(
                session, meeting_reads.find_meeting_id(session, review_id, key)
            )

    def venues(self, review_id: int, *, include_other_reviews: bool = False) -> list[str]:
        """Venues for the editor's completer: those used in the review, most recently
        used first; then, if asked, those of other reviews. Spelt as last used."""
        with self.db.reading() as session:
            queries.get_review_row(session, review_id)
            used = meeting_reads.venues(session, review_id)
            if include_other_reviews:
                used += meeting_reads.venues(session, None)
        found: dict[str, str] = {}
        for venue, _ in used:
            found.setdefault(" ".join(venue.split()).casefold(), venue)
        return [v for v in found.values() if v.strip()]

    # Checks -----------------------------------------------------------------------

    def check_meeting(
        self,
        review_id: int,
        title: str,
        kind: MeetingKind,
        start: datetime,
        end: datetime,
        venue: str | None = None,
        status: MeetingStatus = MeetingStatus.SCHEDULED,
        *,
        meeting_id: int | None = None,
        joining_link: str | None = None,
        title_cy: str | None = None,
    ) -> tuple[list[Problem], list[ScheduleWarning]]:
        """What saving these fields would refuse, and the clashes the meeting would have,
        without saving, in one read transaction: the editor's check after a pause in
        typing, one round trip on a shared database. With ``meeting_id``, as
        ``edit_meeting`` would check them (its timed items move with its start); without,
        as ``create_meeting``. The proposal's id in the warnings is ``meeting_id``, or 0
        for a new meeting."""
        with self.db.reading() as session:
            problems = _validate(
                session, review_id, title, kind, start, end, venue, status, meeting_id, joining_link
            )
            problems += optional_text_problems(normalised({"title_cy": title_cy}))
            if end <= start:
                return problems, []
            clashes = _would_clash(
                session, review_id, start, end, venue, title or None, meeting_id, status
            )
            return problems, clashes

    # New and duplicate ------------------------------------------------------------

    def create_meeting(
        self,
        review_id: int,
        title: str,
        kind: MeetingKind,
        start: datetime,
        end: datetime,
        venue: str | None = None,
        status: MeetingStatus = MeetingStatus.SCHEDULED,
        key: str | None = None,
        uid: str | None = None,
        joining_link: str | None = None,
        title_cy: str | None = None,
    ) -> MeetingSummary:
        """A new meeting at the end of the review's list, with a new calendar UID (or
        ``uid``) and SEQUENCE 0. ``key`` None makes one. ``title_cy`` is its Welsh
        title (blank: none), which bilingual papers print beside the English."""
        venue, link = venue_or_none(venue), normalised_link(joining_link)
        title_cy = venue_or_none(title_cy)
        with self.db.writing() as session:
            zone, _ = meeting_reads.review_settings(session, review_id)
            problems = new_problems(
                session, review_id, zone, title, start, end, venue, key, uid, link
            )
            problems += optional_text_problems({"title_cy": title_cy})
            if problems:
                raise ValidationError(problems)
            meeting = Meeting(
                key=key if key is not None else _free_key(session, review_id),
                title=title,
                kind=kind,
                start=start,
                end=end,
                venue=venue,
                status=status,
                uid=uid if uid is not None else str(uuid.uuid4()),
                joining_link=link,
                title_cy=title_cy,
            )
            (new_id,) = meeting_edits.insert_meetings(session, review_id, [meeting])
            return queries.get_meeting(session, new_id)

    def duplicate_meeting(
        self, meeting_id: int, start: datetime, end: datetime, key: str | None = None
    ) -> MeetingSummary:
        """A copy on a new date: the same titles, kind and venue, and a copy of the
        agenda (items with their access, reasons, exemptions, public titles, witnesses
        and terms of reference; slots moved with the meeting), without minutes or
        attendance; scheduled, a new calendar UID, SEQUENCE 0. The joining link is not
        copied: an online meeting's link is usually its own.

        The items' keys are the new meeting's key with ``-1``, ``-2`` ... after it, so
        the same ``key`` gives the same item keys again (a redo)."""
        with self.db.writing() as session:
            source_row = queries.get_meeting_row(session, meeting_id)
            review_id = source_row.review_id
            source = meeting_snapshots.load_meeting(session, source_row)
            zone, _ = meeting_reads.review_settings(session, review_id)
            problems = new_problems(
                session, review_id, zone, source.title, start, end, source.venue, key, None
            )
            items = [
                TimedItem(i.key, i.title, i.start, i.end)
                for i in source.items
                if i.start is not None and i.end is not None
            ]
            problems += moved_slot_problems(items, source.start, start, end, zone)
            if problems:
                raise ValidationError(problems)
            key = key if key is not None else _free_key(session, review_id)
            item_keys = _item_keys(session, review_id, key, len(source.items))
            by = start - source.start
            copy = Meeting(
                key=key,
                title=source.title,
                kind=source.kind,
                start=start,
                end=end,
                venue=source.venue,
                uid=str(uuid.uuid4()),
                title_cy=source.title_cy,
                items=tuple(
                    replace(
                        item,
                        key=item_key,
                        start=None if item.start is None else item.start + by,
                        end=None if item.end is None else item.end + by,
                        minute=None,
                        reports=(),  # a report's key is its own: not copied
                    )
                    for item, item_key in zip(source.items, item_keys, strict=True)
                ),
            )
            (new_id,) = meeting_edits.insert_meetings(session, review_id, [copy])
            return queries.get_meeting(session, new_id)

    # Edits --------------------------------------------------------------------------

    def edit_meeting(
        self, meeting_id: int, expected_version: int, changes: MeetingChanges
    ) -> MeetingSummary:
        """The editor's save: ``MeetingService.update`` with the checks of
        ``check_meeting``, a venue of "" clearing it, and the timed agenda items
        moving with the meeting's start. SEQUENCE rises when the title, times, venue,
        status or joining link change (``CALENDAR_FIELDS``)."""
        with self.db.writing() as session:
            current = self._checked(session, meeting_id, expected_version)
            self._apply(session, current, normalised(changes.given()))
            return queries.get_meeting(session, meeting_id)

    def reschedule(
        self,
        meeting_id: int,
        expected_version: int,
        start: datetime,
        end: datetime,
        status: MeetingStatus = MeetingStatus.SCHEDULED,
    ) -> MeetingSummary:
        """New times and (by default) scheduled again, in one action: how a postponed
        or cancelled meeting is rearranged. Its timed items move with it. To undo, call
        it again with the old times and status."""
        return self.edit_meeting(
            meeting_id, expected_version, MeetingChanges(start=start, end=end, status=status)
        )

    def postpone_meeting(self, meeting_id: int, expected_version: int) -> MeetingSummary:
        """Postponed (to a date not yet fixed): SEQUENCE rises, so calendars update."""
        return self._set_status(meeting_id, expected_version, MeetingStatus.POSTPONED)

    def cancel_meeting(self, meeting_id: int, expected_version: int) -> MeetingSummary:
        """Cancelled: SEQUENCE rises, so calendars show it cancelled."""
        return self._set_status(meeting_id, expected_version, MeetingStatus.CANCELLED)

    def _set_status(
        self, meeting_id: int, expected_version: int, status: MeetingStatus
    ) -> MeetingSummary:
        with self.db.writing() as session:
            current = self._checked(session, meeting_id, expected_version)
            if current.status is MeetingStatus.HELD:
                raise ValidationError(
                    Problem(
                        "status",
                        f"this meeting has been held, so it cannot be {_HELD_REFUSALS[status]}; "
                        "change its status in the editor if it was marked held by mistake",
                    )
                )
            self._apply(session, current, {"status": status})
            return queries.get_meeting(session, meeting_id)

    def _checked(
        self, session: meeting_edits.Transaction, meeting_id: int, expected: int
    ) -> MeetingSummary:
        """The meeting as it is now; ConflictError if it moved on from ``expected`` or
        was deleted since the clerk opened it."""
        try:
            current = queries.get_meeting(session, meeting_id)
        except NotFoundError:
            raise ConflictError(
                "The meeting has been deleted by someone else since you opened it."
            ) from None
        queries.check_version(session, "meeting", meeting_id, expected, _what(current.title))
        return current

    def _apply(
        self, session: meeting_edits.Transaction, current: MeetingSummary, new: dict[str, Any]
    ) -> None:
        changed = {k: v for k, v in new.items() if v != getattr(current, k)}
        if any(f in changed for f in PRINTED_IN_MINUTES):
            minutes_edits.refuse_if_approved(session, current.id)
        zone, _ = meeting_reads.review_settings(session, current.review_id)
        problems = edit_problems(session, current, new, zone)
        if problems:
            raise ValidationError(problems)
        bump = any(f in changed for f in CALENDAR_FIELDS)
        queries.update_meeting(session, current.id, changed, bump_sequence=bump)
        if "start" in changed:
            meeting_edits.shift_item_slots(session, current.id, changed["start"] - current.start)

    # Delete and restore -------------------------------------------------------------

    def delete_meeting(self, meeting_id: int, expected_version: int) -> MeetingSnapshot:
        """Delete the meeting with its agenda, attendance and minutes history; notes and
        actions that named it stay, without the link. The snapshot restores it all."""
        with self.db.writing() as session:
            self._checked(session, meeting_id, expected_version)
            taken = meeting_snapshots.snapshot(session, meeting_id)
            meeting_edits.delete_meeting(session, meeting_id)
            return taken

    def delete_meetings(self, review_id: int, keys: Sequence[str]) -> list[MeetingSnapshot]:
        """Delete several meetings of a review in one action (undoing a series); their
        snapshots, in the order of ``keys``."""
        with self.db.writing() as session:
            ids = []
            for key in dict.fromkeys(keys):
                try:
                    ids.append(meeting_reads.find_meeting_id(session, review_id, key))
                except NotFoundError:
                    raise ConflictError(
                        f'The meeting with key "{key}" has been deleted by someone else; '
                        "nothing was deleted."
                    ) from None
            taken = meeting_snapshots.snapshots(session, ids)
            meeting_edits.delete_meetings(session, ids)
            return taken

    def restore_meeting(self, snapshot: MeetingSnapshot) -> MeetingSummary:
        """Put a deleted meeting back (an undo): the same key, item keys and calendar UID,
        at its old place in the list, its notes, actions and approvals linked again.
        Its SEQUENCE is one more than before, so calendars take it as the latest."""
        return self.restore_meetings([snapshot])[0]

    def restore_meetings(self, snapshots: Sequence[MeetingSnapshot]) -> list[MeetingSummary]:
        """Restore several deleted meetings in one action; their records, in order."""
        with self.db.writing() as session:
            by_review: dict[int, list[MeetingSnapshot]] = defaultdict(list)
            for s in snapshots:
                by_review[s.review_id].append(s)
            new_ids: dict[tuple[int, str], int] = {}
            for review_id, group in by_review.items():
                _check_restorable(session, review_id, group)
                again = [
                    replace(s.meeting, sequence=next_sequence(s.meeting.sequence)) for s in group
                ]
                ids = meeting_edits.insert_meetings(
                    session, review_id, again, positions=[s.position for s in group]
                )
                new_ids.update({(review_id, m.key): i for m, i in zip(again, ids, strict=True)})
                meeting_edits.relink(session, group)
            return [
                queries.get_meeting(session, new_ids[s.review_id, s.meeting.key]) for s in snapshots
            ]

    # Agenda publication -------------------------------------------------------------

    def deadline(self, meeting_id: int, today: date) -> AgendaDeadline:
        """When the meeting's agenda must be published (the review's clear days before
        it, counting out weekends and England and Wales bank holidays)."""
        with self.db.reading() as session:
            review_id = queries.get_meeting_row(session, meeting_id).review_id
            _, clear_days = meeting_reads.review_settings(session, review_id)
            (placed,) = meeting_reads.placed_meetings(session, review_id, meeting_id=meeting_id)
        return agenda_deadline(placed, clear_days, today, clear_day_exclusions())

    def deadlines(self, review_id: int, today: date) -> list[AgendaDeadline]:
        """Every meeting's deadline, in list order (by start)."""
        with self.db.reading() as session:
            _, clear_days = meeting_reads.review_settings(session, review_id)
            placed = meeting_reads.placed_meetings(session, review_id)
        is_holiday = clear_day_exclusions()
        return [agenda_deadline(m, clear_days, today, is_holiday) for m in placed]

    def mark_agenda_published(
        self, meeting_id: int, expected_version: int, on: date | None
    ) -> MeetingSummary:
        """Record the day the agenda was published; None clears it (unmark). The
        calendar SEQUENCE does not change: invitations do not show it."""
        with self.db.writing() as session:
            current = self._checked(session, meeting_id, expected_version)
            row = queries.get_meeting_row(session, meeting_id)
            if on is not None and on > current.start.date():
                raise ValidationError(
                    Problem(
                        "published_on",
                        f"cannot be after the meeting ({long_date(current.start.date())})",
                    )
                )
            if row.agenda_published_on != on:
                queries.update_meeting(
                    session, meeting_id, {"agenda_published_on": on}, bump_sequence=False
                )
            return queries.get_meeting(session, meeting_id)

    def unmark_agenda_published(self, meeting_id: int, expected_version: int) -> MeetingSummary:
        return self.mark_agenda_published(meeting_id, expected_version, None)

    # Clash warnings -------------------------------------------------------------------

    def warnings(self, review_id: int) -> list[ScheduleWarning]:
        """Every clash in the review: meetings that overlap, a room another review has
        booked at the same time, a witness booked into two overlapping slots.
        Cancelled and postponed meetings clash with nothing."""
        with self.db.reading() as session:
            queries.get_review_row(session, review_id)
            # Only what overlaps something, found in SQL: the same warnings as from
            # every meeting of the review (``_warnings``), without reading them all.
            meetings, others, items = meeting_reads.clash_candidates(session, review_id)
            names = meeting_reads.witness_names(session, review_id) if items else {}
            return schedule_warnings(meetings, items, names, others=others)

    def warnings_for(self, meeting_id: int) -> list[ScheduleWarning]:
        """The clashes that involve this meeting (for its editor)."""
        with self.db.reading() as session:
            m = queries.get_meeting(session, meeting_id)
            meetings = meeting_reads.placed_meetings(session, m.review_id, between=(m.start, m.end))
            return _warnings(session, m.review_id, meetings, involving=m.id)


def _validate(
    session: meeting_edits.Transaction,
    review_id: int,
    title: str,
    kind: MeetingKind,
    start: datetime,
    end: datetime,
    venue: str | None,
    status: MeetingStatus,
    meeting_id: int | None,
    link: str | None,
) -> list[Problem]:
    if meeting_id is None:
        zone, _ = meeting_reads.review_settings(session, review_id)
        link = normalised_link(link)
        return new_problems(session, review_id, zone, title, start, end, venue, None, None, link)
    current = queries.get_meeting(session, meeting_id)
    zone, _ = meeting_reads.review_settings(session, current.review_id)
    changes = MeetingChanges(
        title=title,
        kind=kind,
        start=start,
        end=end,
        venue=venue or "",
        status=status,
        joining_link=link or "",
    )
    return edit_problems(session, current, normalised(changes.given()), zone)


def _would_clash(
    session: meeting_edits.Transaction,
    review_id: int,
    start: datetime,
    end: datetime,
    venue: str | None,
    title: str | None,
    meeting_id: int | None,
    status: MeetingStatus,
) -> list[ScheduleWarning]:
    if end <= start:
        return []
    queries.get_review_row(session, review_id)
    current = None if meeting_id is None else queries.get_meeting(session, meeting_id)
    proposal = PlacedMeeting(
        id=0 if current is None else current.id,
        review_id=review_id,
        key="" if current is None else current.key,
        title=title or (current.title if current else "The new meeting"),
        start=start,
        end=end,
        venue=venue_or_none(venue),
        status=status,
        version=0 if current is None else current.version,
        agenda_published_on=None,
    )
    around = meeting_reads.placed_meetings(session, review_id, between=(start, end))
    meetings = [m for m in around if m.id != proposal.id] + [proposal]
    by = None if current is None else start - current.start
    return _warnings(session, review_id, meetings, involving=proposal.id, moved=by)


def _free_key(session: meeting_edits.Transaction, review_id: int) -> str:
    while True:
        key = new_meeting_key()
        if not meeting_reads.meeting_keys_taken(session, review_id, [key]):
            return key


def _item_keys(
    session: meeting_edits.Transaction, review_id: int, meeting_key: str, count: int
) -> list[str]:
    """``<meeting key>-1``, ``-2`` ...; one already taken (or too long) gets a further
    suffix, the same one every time the same database is asked."""
    wanted = [f"{meeting_key}-{n}" for n in range(1, count + 1)]
    taken = meeting_reads.item_keys_taken(session, review_id, wanted)
    keys = []
    for n, key in enumerate(wanted, start=1):
        if len(key) > MAX_KEY:
            key = f"{meeting_key[: MAX_KEY - 20]}-{n}"
        suffix = 1
        candidate = key
        while candidate in taken or candidate in keys:
            suffix += 1
            candidate = f"{key}-{suffix}"
            taken.update(meeting_reads.item_keys_taken(session, review_id, [candidate]))
        keys.append(candidate)
    return keys


def _check_restorable(
    session: meeting_edits.Transaction, review_id: int, snapshots: Iterable[MeetingSnapshot]
) -> None:
    """Refuse a restore whose keys or UIDs someone has taken since the delete."""
    snapshots = list(snapshots)
    queries.get_review_row(session, review_id)
    meeting_keys = [s.meeting.key for s in snapshots]
    item_keys = [i.key for s in snapshots for i in s.meeting.items]
    uids = [s.meeting.uid for s in snapshots if s.meeting.uid]
    problems: list[str] = []
    for key, title in meeting_reads.meeting_keys_taken(session, review_id, meeting_keys).items():
        problems.append(f'the key "{key}" is now used by the meeting "{title}"')
    for key, title in meeting_reads.item_keys_taken(session, review_id, item_keys).items():
        problems.append(f'the agenda item key "{key}" is now used by "{title}"')
    for uid, (holder, review_title) in queries.uid_holders(session, uids).items():
        problems.append(f'its calendar UID "{uid}" is now held by review {holder} "{review_title}"')
    if problems:
        titles = ", ".join(f'"{s.meeting.title}"' for s in snapshots)
        raise ConflictError(
            f"The meeting {titles} cannot be put back: " + "; ".join(problems) + "."
        )


# Warnings -------------------------------------------------------------------------------


def _warnings(
    session: meeting_edits.Transaction,
    review_id: int,
    meetings: Sequence[PlacedMeeting],
    *,
    involving: int | None = None,
    moved: timedelta | None = None,
) -> list[ScheduleWarning]:
    """Clash warnings among ``meetings`` (and rooms of other reviews at those times).
    With ``moved``, the timed items of meeting ``involving`` move by that much."""
    live = [m for m in meetings if not will_not_take_place(m.status)]
    if not live:
        return []
    span = (min(m.start for m in live), max(m.end for m in live))
    others = meeting_reads.others_in_rooms(session, review_id, span)
    items = meeting_reads.booked_items(session, [m.id for m in live if m.id > 0])
    if moved is not None and involving is not None:
        items = [
            replace(i, start=i.start + moved, end=i.end + moved) if i.meeting_id == involving else i
            for i in items
        ]
    names = meeting_reads.witness_names(session, review_id) if items else {}
    return schedule_warnings(
        meetings,
        items,
        names,
        others=others,
        involving=None if involving is None else (involving,),
    )
