"""Records and checks for planning meetings: snapshots for undo, publication deadlines,
clash warnings, series plans, and the one set of checks every meeting edit uses.

A snapshot holds everything a delete took away, by key, so that an undo can put it
back exactly as it was: the meeting with its items, attendance and minutes history,
where it stood in the review's list, and which notes, actions and other meetings
pointed at it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from .deadlines import (
    DeadlineState,
    IsHoliday,
    count_clear_days,
    deadline_state,
    publication_deadline,
)
from .enums import MeetingStatus
from .errors import Problem
from .localtime import local_time_problem
from .meeting_rules import will_not_take_place
from .rules import MAX_UID, text_problem
from .wording import day_month_year, long_date, plural

if TYPE_CHECKING:  # named only here: a start (the Meetings list's deadlines) needs
    from .records import Meeting

    # neither the series' rules nor the clash checks, which the warnings import
    from .recurrence import SeriesPreview
    from .scheduling import Clash, ClashKind, MeetingSlot

# Snapshots ------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteLink:
    """A note that named the deleted meeting, or one of its items."""

    note: str  # the note's key
    meeting: bool  # the note named the meeting
    item: str | None = None  # the key of the meeting's item the note named


@dataclass(frozen=True)
class MeetingSnapshot:
    """A deleted meeting, whole, by key: ``restore_meeting`` puts it back with the same
    key, item keys and calendar UID, at the same place in the list, and links again
    the notes, actions and approvals that pointed at it."""

    review_id: int
    meeting_id: int  # the id it had; a restored meeting gets a new one
    position: int  # its place in the review's list of meetings (0 first)
    meeting: Meeting
    notes: tuple[NoteLink, ...] = ()
    actions: tuple[str, ...] = ()  # keys of actions agreed at it
    approved_here: tuple[str, ...] = ()  # keys of meetings whose minutes it approved


# Meetings as the checks see them ----------------------------------------------


@dataclass(frozen=True)
class PlacedMeeting:
    """A meeting as deadlines, clash checks and the venue list see it."""

    id: int
    review_id: int
    key: str
    title: str
    start: datetime
    end: datetime
    venue: str | None
    status: MeetingStatus
    version: int
    agenda_published_on: date | None


@dataclass(frozen=True)
class BookedItem:
    """A timed agenda item with the keys of the witnesses booked into it."""

    meeting_id: int
    key: str
    title: str
    start: datetime
    end: datetime
    witnesses: tuple[str, ...]


# Publication deadlines -----------------------------------------------------------


@dataclass(frozen=True)
class AgendaDeadline:
    """When a meeting's agenda must be published, and whether the clerk must act.

    ``warning`` is set only when there is something to do or know: the deadline is
    today or has passed with the agenda not marked published (for a meeting still to
    come, not cancelled or postponed), or the agenda was published too late to give
    the clear days required."""

    meeting_id: int
    key: str
    version: int  # the meeting's version counter, to quote when marking it published
    meeting_day: date
    clear_days: int  # required: the review's setting
    deadline: date
    state: DeadlineState
    published_on: date | None
    clear_days_given: int | None  # when published: the clear days it actually gave
    warning: str | None = None


def _days(n: int) -> str:
    return plural(n, "clear working day")


def deadline_warning(
    *,
    meeting_day: date,
    today: date,
    deadline: date,
    state: DeadlineState,
    clear_days: int,
    published_on: date | None,
    clear_days_given: int | None,
    needs_agenda: bool,
) -> str | None:
    """What to tell the clerk about this deadline, in words, or None."""
    if not needs_agenda:
        return None
    if published_on is not None:
        if clear_days_given is not None and clear_days_given < clear_days:
            return (
                f"The agenda was published on {long_date(published_on)}, "
                f"{_days(clear_days_given)} before the meeting; {clear_days} are required."
            )
        return None
    if meeting_day < today:
        return None  # the meeting has taken place: nothing can be done now
    if state is DeadlineState.DUE_TODAY:
        return (
            f"The agenda must be published today ({long_date(deadline)}) to give "
            f"{_days(clear_days)} before the meeting."
        )
    if state is DeadlineState.OVERDUE:
        return (
            f"The agenda should have been published by {long_date(deadline)} "
            f"({_days(clear_days)} before the meeting) and is not marked published."
        )
    return None


# Clash warnings ------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleWarning:
    """A clash to show the clerk; a warning, never a refusal."""

    kind: ClashKind
    message: str
    meetings: tuple[str, ...] = ()  # keys of this review's meetings involved, earlier first
    meeting_ids: tuple[int, ...] = ()  # their ids; 0 or less for a meeting not saved yet
    items: tuple[str, ...] = ()  # for a witness: the keys of the two agenda items
    subject: str | None = None  # the venue, or the witness's key
    day: date | None = None  # in a series plan: the date of the planned meeting


@dataclass(frozen=True)
class SeriesPlan:
    """A series as it would be created: the meetings, the dates left out with their
    reasons, and the clashes with meetings already arranged (warnings only)."""

    preview: SeriesPreview
    warnings: tuple[ScheduleWarning, ...] = ()

    @property
    def dates(self) -> tuple[date, ...]:
        return self.preview.dates

    @property
    def description(self) -> str:
        return self.preview.rule.describe()


# The checks of a meeting's fields --------------------------------------------------


@dataclass(frozen=True)
class TimedItem:
    """An agenda item's slot, as the meeting checks see it."""

    key: str
    title: str
    start: datetime
    end: datetime


def clock(moment: datetime, beside: datetime | None = None) -> str:
    """``14:00``; with the date when ``beside`` is on another day."""
    if beside is not None and beside.date() == moment.date():
        return f"{moment:%H:%M}"
    return f"{day_month_year(moment)}, {moment:%H:%M}"


def meeting_problems(
    *,
    title: str,
    start: datetime,
    end: datetime,
    venue: str | None,
    zone: str,
    items: Iterable[TimedItem] = (),
) -> list[Problem]:
    """Everything wrong with a meeting's fields, named by field, in a clerk's words.

    ``items`` are the agenda item slots the meeting would have (already moved with it),
    each of which must lie inside the meeting."""
    problems: list[Problem] = []
    if not title.strip():
        problems.append(Problem("title", "a meeting needs a title"))
    elif why := text_problem(title):
        problems.append(Problem("title", why))
    if venue is not None and (why := text_problem(venue)):
        problems.append(Problem("venue", why))
    times_ok = True
    for name, value in (("start", start), ("end", end)):
        if why := local_time_problem(value, zone):
            problems.append(Problem(name, why))
            times_ok = False
    if end <= start:
        problems.append(Problem("end", f"must be after the start ({clock(start, end)})"))
    elif times_ok:
        problems += slot_problems(items, start, end, zone)
    return problems


def slot_problems(
    items: Iterable[TimedItem], start: datetime, end: datetime, zone: str
) -> list[Problem]:
    """Each agenda item slot that would not lie inside the meeting, or whose time does
    not exist in the zone, named by the meeting field to change."""
    problems: list[Problem] = []
    for item in items:
        span = f"{clock(item.start)} to {clock(item.end, item.start)}"
        where = f'the slot of agenda item "{item.title}" ({span})'
        if item.start < start or item.end > end:
            problems.append(
                Problem(
                    "end" if item.end > end else "start",
                    f"{where} would lie outside the meeting "
                    f"({clock(start)} to {clock(end, start)}); change the times or the slot first",
                )
            )
            continue
        for value in (item.start, item.end):
            if why := local_time_problem(value, zone):
                problems.append(Problem("start", f"{where}: {why}"))
                break
    return problems


def uid_problem(uid: str) -> str | None:
    """Why a text cannot be a calendar UID, or None."""
    if not uid.strip():
        return "must not be empty"
    if len(uid) > MAX_UID:
        return f"is longer than {MAX_UID} characters"
    return text_problem(uid)


def shifted(items: Iterable[TimedItem], by: timedelta) -> list[TimedItem]:
    """The slots moved with their meeting (wall-clock arithmetic: 14:15 stays 14:15)."""
    return [TimedItem(i.key, i.title, i.start + by, i.end + by) for i in items]


# Deadlines and warnings, computed ---------------------------------------------------


def agenda_deadline(
    meeting: PlacedMeeting, clear_days: int, today: date, is_holiday: IsHoliday
) -> AgendaDeadline:
    """The publication deadline of one meeting's agenda, its state and any warning."""
    day = meeting.start.date()
    try:
        deadline = publication_deadline(day, clear_days, is_holiday)
    except ValueError:  # a meeting in the first days of year 1: nothing to count back to
        deadline = day
    published = meeting.agenda_published_on
    given = None if published is None else count_clear_days(published, day, is_holiday)
    state = deadline_state(deadline, today, published)
    return AgendaDeadline(
        meeting_id=meeting.id,
        key=meeting.key,
        version=meeting.version,
        meeting_day=day,
        clear_days=clear_days,
        deadline=deadline,
        state=state,
        published_on=published,
        clear_days_given=given,
        warning=deadline_warning(
            meeting_day=day,
            today=today,
            deadline=deadline,
            state=state,
            clear_days=clear_days,
            published_on=published,
            clear_days_given=given,
            needs_agenda=not will_not_take_place(meeting.status),
        ),
    )


def schedule_warnings(
    meetings: Sequence[PlacedMeeting],
    items: Sequence[BookedItem] = (),
    names: Mapping[str, str] | None = None,
    *,
    others: Sequence[tuple[PlacedMeeting, str]] = (),
    involving: Collection[int] | None = None,
) -> list[ScheduleWarning]:
    """The clashes among a review's meetings and witness bookings, as warnings.

    ``meetings`` are the review's own; an id of 0 or less is a meeting not saved yet (a
    proposal: its warnings carry its date, not a key). ``others`` are meetings of other
    reviews with their review's title: they clash only by sharing a room with one of
    ``meetings`` (their clashes with each other are not this review's). ``involving``
    keeps only the clashes that involve one of those meeting ids."""
    from .scheduling import WitnessSlot, meeting_clashes, witness_clashes

    by_slot: dict[str, PlacedMeeting] = {}
    slots: list[MeetingSlot] = []
    for m in meetings:
        by_slot[f"m{m.id}"] = m
        slots.append(_slot(f"m{m.id}", m, m.title))
    for m, review_title in others:
        by_slot[f"o{m.id}"] = m
        slots.append(_slot(f"o{m.id}", m, f"{review_title}: {m.title}"))
    own = {m.id: m for m in meetings}
    booked = {f"i{n}": item for n, item in enumerate(items) if item.meeting_id in own}
    witness_slots = [
        WitnessSlot(
            slot_key,
            item.title,
            item.start,
            item.end,
            item.witnesses,
            not will_not_take_place(own[item.meeting_id].status),
        )
        for slot_key, item in booked.items()
    ]
    warnings: list[ScheduleWarning] = []
    for clash in meeting_clashes(slots):
        involved = [by_slot[k] for k in clash.keys if k.startswith("m")]
        if involved:  # two other reviews' meetings clashing are theirs to see, not ours
            warnings.append(_warning(clash, involved))
    for clash in witness_clashes(witness_slots, names):
        pair = [booked[k] for k in clash.keys]
        warnings.append(
            _warning(
                clash,
                list(dict.fromkeys(own[i.meeting_id] for i in pair)),
                items=tuple(i.key for i in pair),
            )
        )
    if involving is None:
        return warnings
    wanted = set(involving)
    return [w for w in warnings if wanted.intersection(w.meeting_ids)]


def _slot(key: str, m: PlacedMeeting, title: str) -> MeetingSlot:
    from .scheduling import MeetingSlot

    return MeetingSlot(
        key, title, m.start, m.end, m.venue, m.review_id, not will_not_take_place(m.status)
    )


def _warning(
    clash: Clash, involved: Sequence[PlacedMeeting], items: tuple[str, ...] = ()
) -> ScheduleWarning:
    return ScheduleWarning(
        kind=clash.kind,
        message=clash.message,
        meetings=tuple(m.key for m in involved if m.id > 0),
        meeting_ids=tuple(m.id for m in involved),
        items=items,
        subject=clash.subject,
        day=next((m.start.date() for m in involved if m.id <= 0), None),
    )
