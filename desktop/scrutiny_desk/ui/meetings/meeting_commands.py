"""What the Meeting menu's planning actions do: each a named undo ``Step`` holding the
meeting's key and the values before and after, calling the meeting services.

Steps find their meeting by key (a deleted and restored meeting keeps its key and
calendar UID but gets a new id) and read its current version just before an undo or
redo. Creating undoes by deleting (the snapshot kept) and redoes by restoring it, so
the meeting comes back with the same key and UID; a series undoes and redoes all its
meetings at once. ``MeetingCommands`` performs them through the Editor; it is given the
workspace and one callback, which meeting to select once the list is read again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ...domain.changes import KEEP
from ...domain.errors import Problem, ScrutinyError
from ...domain.meeting_records import MeetingSnapshot
from ...domain.summaries import MeetingSummary
from ...services.meetings import MeetingChanges
from ..shared.commands import Step
from ..shared.display import long_date
from ..shared.workspace import Workspace
from .meetings_model import full_day

if TYPE_CHECKING:
    from ...domain.recurrence import SeriesRule
    from ...services.meeting_edits import MeetingEditService
    from ...services.series import SeriesService
    from .meeting_dialog import MeetingValues

_CONTEXT = "MeetingCommands"

#: Select the meeting of this key once the list is read again.
SelectKey = Callable[[str], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


#: Optional texts: emptied is "" (clear it).
_CLEARABLE = ("venue", "joining_link", "title_cy", "urgency")


def _value(record: MeetingSummary | MeetingValues, name: str) -> Any:
    value = getattr(record, name)
    return (value or "") if name in _CLEARABLE else value


def changes_between(before: MeetingSummary, values: MeetingValues) -> MeetingChanges:
    """Only what the clerk changed; a venue or joining link emptied is "" (clear it)."""
    return MeetingChanges(
        **{
            f.name: _value(values, f.name)
            for f in fields(MeetingChanges)
            if _value(values, f.name) != _value(before, f.name)
        }
    )


def reverse_of(before: MeetingSummary, changes: MeetingChanges) -> MeetingChanges:
    """The changes that put ``before``'s values back."""
    old: dict[str, Any] = {
        f.name: _value(before, f.name)
        for f in fields(changes)
        if getattr(changes, f.name) is not KEEP
    }
    return MeetingChanges(**old)


# New and Duplicate ------------------------------------------------------------------------


class _NewMeetingStep(Step):
    """A step that makes a meeting: undone by deleting it (keeping the snapshot), redone
    by restoring that snapshot under the same key and UID."""

    def __init__(
        self, text: str, edits: MeetingEditService, review_id: int, select: SelectKey
    ) -> None:
        super().__init__(text)
        self.edits = edits
        self.review_id = review_id
        self.select = select
        self.key: str | None = None  # known once made
        self.snapshot: MeetingSnapshot | None = None  # while undone

    def _make(self) -> MeetingSummary:
        raise NotImplementedError

    def do(self) -> MeetingSummary:
        made = self._make()
        self.key = made.key
        self.select(made.key)
        return made

    def undo(self) -> None:
        assert self.key is not None
        current = self.edits.find(self.review_id, self.key)
        self.snapshot = self.edits.delete_meeting(current.id, current.version)

    def redo(self) -> MeetingSummary:
        assert self.snapshot is not None
        self.select(self.snapshot.meeting.key)
        return self.edits.restore_meeting(self.snapshot)


class NewMeeting(_NewMeetingStep):
    """New Meeting: the meeting's fields as the clerk gave them."""

    def __init__(
        self, edits: MeetingEditService, review_id: int, values: MeetingValues, select: SelectKey
    ) -> None:
        text = _tr("New meeting “{title}”").format(title=values.title)
        super().__init__(text, edits, review_id, select)
        self.values = values

    def _make(self) -> MeetingSummary:
        v = self.values
        return self.edits.create_meeting(
            self.review_id,
            v.title,
            v.kind,
            v.start,
            v.end,
            v.venue,
            v.status,
            joining_link=v.joining_link,
            title_cy=v.title_cy,
        )


class DuplicateMeeting(_NewMeetingStep):
    """Duplicate: a copy of ``source`` and its agenda at a new start and end."""

    def __init__(
        self,
        edits: MeetingEditService,
        source: MeetingSummary,
        start: datetime,
        end: datetime,
        select: SelectKey,
    ) -> None:
        text = _tr("Duplicate meeting “{title}” to {date}").format(
            title=source.title, date=long_date(start)
        )
        super().__init__(text, edits, source.review_id, select)
        self.source_id = source.id
        self.start, self.end = start, end

    def _make(self) -> MeetingSummary:
        return self.edits.duplicate_meeting(self.source_id, self.start, self.end)


# Edit, Postpone and Cancel ------------------------------------------------------------------


class _ChangeMeeting(Step):
    """A change of one meeting's fields: ``_apply`` now and on redo, the fields it had
    before on undo; each time to the meeting of that key as it is then."""

    def __init__(
        self,
        text: str,
        edits: MeetingEditService,
        before: MeetingSummary,
        reverse: MeetingChanges,
        select: SelectKey,
    ) -> None:
        super().__init__(text)
        self.edits = edits
        self.before = before
        self.reverse = reverse
        self.select = select

    def _apply(self, meeting: MeetingSummary) -> MeetingSummary:
        raise NotImplementedError

    def _current(self) -> MeetingSummary:
        self.select(self.before.key)
        return self.edits.find(self.before.review_id, self.before.key)

    def do(self) -> MeetingSummary:
        return self._apply(self.before)

    def undo(self) -> MeetingSummary:
        meeting = self._current()
        return self.edits.edit_meeting(meeting.id, meeting.version, self.reverse)

    def redo(self) -> MeetingSummary:
        return self._apply(self._current())


class EditMeeting(_ChangeMeeting):
    """Edit Meeting: only the fields the clerk changed, and their values before."""

    def __init__(
        self,
        edits: MeetingEditService,
        before: MeetingSummary,
        changes: MeetingChanges,
        select: SelectKey,
    ) -> None:
        title = changes.title or before.title
        text = _tr("Edit meeting “{title}”").format(title=title)
        super().__init__(text, edits, before, reverse_of(before, changes), select)
        self.changes = changes

    def _apply(self, meeting: MeetingSummary) -> MeetingSummary:
        return self.edits.edit_meeting(meeting.id, meeting.version, self.changes)


class PostponeMeeting(_ChangeMeeting):
    """Postpone: to a date not yet fixed; undo puts its status back."""

    def __init__(self, edits: MeetingEditService, before: MeetingSummary, select: SelectKey):
        text = _tr("Postpone meeting “{title}”").format(title=before.title)
        super().__init__(text, edits, before, MeetingChanges(status=before.status), select)

    def _apply(self, meeting: MeetingSummary) -> MeetingSummary:
        return self.edits.postpone_meeting(meeting.id, meeting.version)


class CancelMeeting(_ChangeMeeting):
    """Cancel: it will not take place; undo puts its status back."""

    def __init__(self, edits: MeetingEditService, before: MeetingSummary, select: SelectKey):
        text = _tr("Cancel meeting “{title}”").format(title=before.title)
        super().__init__(text, edits, before, MeetingChanges(status=before.status), select)

    def _apply(self, meeting: MeetingSummary) -> MeetingSummary:
        return self.edits.cancel_meeting(meeting.id, meeting.version)


# Delete and Mark Agenda Published -----------------------------------------------------------


class DeleteMeeting(Step):
    """Delete: the snapshot is kept to restore it under the same key and UID."""

    def __init__(self, edits: MeetingEditService, meeting: MeetingSummary, select: SelectKey):
        super().__init__(_tr("Delete meeting “{title}”").format(title=meeting.title))
        self.edits = edits
        self.meeting = meeting
        self.select = select
        self.snapshot: MeetingSnapshot | None = None

    def do(self) -> MeetingSnapshot:
        self.snapshot = self.edits.delete_meeting(self.meeting.id, self.meeting.version)
        return self.snapshot

    def undo(self) -> MeetingSummary:
        assert self.snapshot is not None
        self.select(self.meeting.key)
        return self.edits.restore_meeting(self.snapshot)

    def redo(self) -> MeetingSnapshot:
        current = self.edits.find(self.meeting.review_id, self.meeting.key)
        self.snapshot = self.edits.delete_meeting(current.id, current.version)
        return self.snapshot


class MarkAgendaPublished(Step):
    """The day a meeting's agenda was published: ``before`` and ``on`` (None: not)."""

    def __init__(
        self,
        edits: MeetingEditService,
        meeting: MeetingSummary,
        before: date | None,
        on: date | None,
        select: SelectKey,
    ) -> None:
        text = (
            _tr("Mark agenda of “{title}” not published")
            if on is None
            else _tr("Mark agenda of “{title}” published on {date}")
        ).format(title=meeting.title, date=full_day(on) if on else "")
        super().__init__(text)
        self.edits = edits
        self.meeting = meeting
        self.before, self.on = before, on
        self.select = select

    def _mark(self, day: date | None) -> MeetingSummary:
        self.select(self.meeting.key)
        current = self.edits.find(self.meeting.review_id, self.meeting.key)
        return self.edits.mark_agenda_published(current.id, current.version, day)

    def do(self) -> MeetingSummary:
        m = self.meeting
        return self.edits.mark_agenda_published(m.id, m.version, self.on)

    def undo(self) -> MeetingSummary:
        return self._mark(self.before)

    def redo(self) -> MeetingSummary:
        return self._mark(self.on)


# New Series ---------------------------------------------------------------------------------


class NewSeries(Step):
    """A run of meetings made by a rule, less the days struck out; undone and redone as
    one."""

    def __init__(
        self,
        series: SeriesService,
        review_id: int,
        rule: SeriesRule,
        skip: frozenset[date],
        count: int,
        select: SelectKey,
    ) -> None:
        text = (
            _tr("New series of 1 meeting")
            if count == 1
            else _tr("New series of {n} meetings").format(n=count)
        )
        super().__init__(text)
        self.series = series
        self.review_id = review_id
        self.rule, self.skip = rule, skip
        self.select = select
        self.keys: list[str] = []
        self.snapshots: list[MeetingSnapshot] = []

    def do(self) -> list[MeetingSummary]:
        made = self.series.create_series(self.review_id, self.rule, self.skip)
        self.keys = [m.key for m in made]
        if made:
            self.select(made[0].key)
        return made

    def undo(self) -> None:
        self.snapshots = self.series.delete_series(self.review_id, self.keys)

    def redo(self) -> None:
        if self.keys:
            self.select(self.keys[0])
        self.series.restore_series(self.snapshots)


# Performing them ----------------------------------------------------------------------------


class MeetingCommands:
    """Performs the planning actions' steps through the Editor; each method returns the
    problems of refused input, for the dialog that asked (empty once saved)."""

    def __init__(self, workspace: Workspace, select: SelectKey) -> None:
        self.workspace = workspace
        self.select = select

    # The services are asked for at the first planning action: their modules (and the
    # store's edits) are not on the window's start path.

    @property
    def edits(self) -> MeetingEditService:
        return self.workspace.services.meeting_edits

    @property
    def series(self) -> SeriesService:
        return self.workspace.services.series

    def _perform(self, step: Step) -> Sequence[Problem]:
        _result, problems = self.workspace.editor.perform_checked(step)
        return problems

    def create(self, review_id: int, values: MeetingValues) -> Sequence[Problem]:
        return self._perform(NewMeeting(self.edits, review_id, values, self.select))

    def duplicate(self, source: MeetingSummary, values: MeetingValues) -> Sequence[Problem]:
        return self._perform(
            DuplicateMeeting(self.edits, source, values.start, values.end, self.select)
        )

    def edit(self, before: MeetingSummary, values: MeetingValues) -> Sequence[Problem]:
        changes = changes_between(before, values)
        if changes == MeetingChanges():
            return []  # nothing changed: nothing to save or undo
        return self._perform(EditMeeting(self.edits, before, changes, self.select))

    def postpone(self, meeting: MeetingSummary) -> Sequence[Problem]:
        return self._perform(PostponeMeeting(self.edits, meeting, self.select))

    def cancel(self, meeting: MeetingSummary) -> Sequence[Problem]:
        return self._perform(CancelMeeting(self.edits, meeting, self.select))

    def delete(self, meeting: MeetingSummary) -> Sequence[Problem]:
        return self._perform(DeleteMeeting(self.edits, meeting, self.select))

    def mark_published(
        self, meeting: MeetingSummary, before: date | None, on: date | None
    ) -> Sequence[Problem]:
        if on == before:
            return []
        return self._perform(MarkAgendaPublished(self.edits, meeting, before, on, self.select))

    def create_series(
        self, review_id: int, rule: SeriesRule, skip: frozenset[date]
    ) -> Sequence[Problem]:
        try:
            count = len(self.series.preview(review_id, rule, skip).dates)
        except ScrutinyError:
            count = 0  # create_series says why
        return self._perform(NewSeries(self.series, review_id, rule, skip, count, self.select))
