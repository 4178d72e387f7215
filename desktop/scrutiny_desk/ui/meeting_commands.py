"""What the Meeting menu's planning actions do: each one undo step through the Editor,
calling the meeting services again to undo and redo.

Commands find their meeting by key (a deleted and restored meeting keeps its key and
calendar UID but gets a new id) and read its current version just before an undo or
redo. Creating undoes by deleting (the snapshot kept) and redoes by restoring it, so
the meeting comes back with the same key and UID; a series undoes and redoes all its
meetings at once. Kept apart from building the actions and from the dialogs and
questions that lead here; ``MeetingActions`` mixes this in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.changes import KEEP
from ..domain.errors import Problem, ScrutinyError
from ..domain.meeting_records import MeetingSnapshot
from ..domain.records import MeetingSummary
from ..domain.recurrence import SeriesRule
from ..services.meetings import MeetingChanges
from .dialogs.meeting_dialog import MeetingValues
from .models import long_date
from .models.meetings_model import full_day

if TYPE_CHECKING:
    from ..services.meeting_edits import MeetingEditService
    from .pages.meetings_page import MeetingsPage
    from .workspace import Workspace


def changes_between(before: MeetingSummary, values: MeetingValues) -> MeetingChanges:
    """Only what the clerk changed; a venue emptied is "" (clear it)."""
    wanted: dict[str, Any] = {
        "title": values.title,
        "kind": values.kind,
        "start": values.start,
        "end": values.end,
        "venue": values.venue or "",
        "status": values.status,
    }
    return MeetingChanges(
        **{
            name: value
            for name, value in wanted.items()
            if value
            != ((getattr(before, name) or "") if name == "venue" else getattr(before, name))
        }
    )


def reverse_of(before: MeetingSummary, changes: MeetingChanges) -> MeetingChanges:
    """The changes that put ``before``'s values back."""
    old: dict[str, Any] = {
        f.name: (before.venue or "") if f.name == "venue" else getattr(before, f.name)
        for f in fields(changes)
        if getattr(changes, f.name) is not KEEP
    }
    return MeetingChanges(**old)


class MeetingCommands:
    """The undo steps of the planning actions; ``MeetingActions`` provides these."""

    workspace: Workspace
    page: MeetingsPage
    edits: MeetingEditService

    if TYPE_CHECKING:

        def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str: ...

    # Helpers ------------------------------------------------------------------------

    def _perform(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[], Any],
        redo: Callable[[], Any] | None = None,
        changed: tuple[str, ...] = ("meetings",),
    ) -> Sequence[Problem]:
        _result, problems = self.workspace.editor.perform_checked(text, do, undo, redo, changed)
        return problems

    def _recreatable(
        self, review_id: int, made: dict[str, Any]
    ) -> tuple[Callable[[], None], Callable[[], None]]:
        """Undo (delete, keeping the snapshot) and redo (restore it) of a new meeting."""

        def undo() -> None:
            current = self.edits.find(review_id, made["key"])
            made["snapshot"] = self.edits.delete_meeting(current.id, current.version)

        def redo() -> None:
            snapshot: MeetingSnapshot = made["snapshot"]
            self.page.select_after_reload(snapshot.meeting.key)
            self.edits.restore_meeting(snapshot)

        return undo, redo

    # New Meeting and Duplicate --------------------------------------------------------

    def _create(self, review_id: int, values: MeetingValues) -> Sequence[Problem]:
        made: dict[str, Any] = {}

        def do() -> MeetingSummary:
            record = self.edits.create_meeting(
                review_id,
                values.title,
                values.kind,
                values.start,
                values.end,
                values.venue,
                values.status,
            )
            made["key"] = record.key
            self.page.select_after_reload(record.key)
            return record

        undo, redo = self._recreatable(review_id, made)
        return self._perform(
            self.tr("New meeting “{title}”").format(title=values.title), do, undo, redo
        )

    def _duplicate(
        self, review_id: int, source: MeetingSummary, values: MeetingValues
    ) -> Sequence[Problem]:
        made: dict[str, Any] = {}

        def do() -> MeetingSummary:
            record = self.edits.duplicate_meeting(source.id, values.start, values.end)
            made["key"] = record.key
            self.page.select_after_reload(record.key)
            return record

        undo, redo = self._recreatable(review_id, made)
        return self._perform(
            self.tr("Duplicate meeting “{title}” to {date}").format(
                title=source.title, date=long_date(values.start)
            ),
            do,
            undo,
            redo,
        )

    # Edit, Postpone and Cancel --------------------------------------------------------

    def _save_edit(
        self, review_id: int, before: MeetingSummary, values: MeetingValues
    ) -> Sequence[Problem]:
        changes = changes_between(before, values)
        if changes == MeetingChanges():
            return []  # nothing changed: nothing to save or undo
        return self._change(
            review_id,
            before,
            self.tr("Edit meeting “{title}”").format(title=values.title),
            lambda m: self.edits.edit_meeting(m.id, m.version, changes),
            reverse_of(before, changes),
            changed=("meetings", "agenda") if changes.start or changes.end else ("meetings",),
        )

    def _change(
        self,
        review_id: int,
        before: MeetingSummary,
        text: str,
        apply: Callable[[MeetingSummary], MeetingSummary],
        reverse: MeetingChanges,
        changed: tuple[str, ...] = ("meetings",),
    ) -> Sequence[Problem]:
        """One change of a meeting: ``apply`` to it now and on redo, ``reverse`` on undo;
        each time to the meeting of that key as it is then."""
        key = before.key

        def current() -> MeetingSummary:
            self.page.select_after_reload(key)
            return self.edits.find(review_id, key)

        def undo() -> MeetingSummary:
            meeting = current()
            return self.edits.edit_meeting(meeting.id, meeting.version, reverse)

        return self._perform(text, lambda: apply(before), undo, lambda: apply(current()), changed)

    # Delete -------------------------------------------------------------------------

    def _delete(self, review_id: int, meeting: MeetingSummary) -> None:
        state: dict[str, MeetingSnapshot] = {}

        def do() -> MeetingSnapshot:
            state["snapshot"] = self.edits.delete_meeting(meeting.id, meeting.version)
            return state["snapshot"]

        def undo() -> None:
            self.page.select_after_reload(meeting.key)
            self.edits.restore_meeting(state["snapshot"])

        def redo() -> None:
            current = self.edits.find(review_id, meeting.key)
            state["snapshot"] = self.edits.delete_meeting(current.id, current.version)

        self._perform(
            self.tr("Delete meeting “{title}”").format(title=meeting.title),
            do,
            undo,
            redo,
            changed=("meetings", "agenda"),
        )

    # Mark Agenda Published ------------------------------------------------------------

    def _mark(
        self, review_id: int, meeting: MeetingSummary, before: date | None, on: date | None
    ) -> Sequence[Problem]:
        if on == before:
            return []
        key = meeting.key

        def mark(day: date | None) -> MeetingSummary:
            self.page.select_after_reload(key)
            current = self.edits.find(review_id, key)
            return self.edits.mark_agenda_published(current.id, current.version, day)

        text = (
            self.tr("Mark agenda of “{title}” not published")
            if on is None
            else self.tr("Mark agenda of “{title}” published on {date}")
        ).format(title=meeting.title, date=full_day(on) if on else "")
        return self._perform(
            text,
            lambda: self.edits.mark_agenda_published(meeting.id, meeting.version, on),
            lambda: mark(before),
            lambda: mark(on),
        )

    # New Series -----------------------------------------------------------------------

    def _create_series(
        self, review_id: int, rule: SeriesRule, skip: frozenset[date]
    ) -> Sequence[Problem]:
        series = self.workspace.services.series
        state: dict[str, Any] = {}

        def do() -> list[MeetingSummary]:
            made = series.create_series(review_id, rule, skip)
            state["keys"] = [m.key for m in made]
            if made:
                self.page.select_after_reload(made[0].key)
            return made

        def undo() -> None:
            state["snapshots"] = series.delete_series(review_id, state["keys"])

        def redo() -> None:
            keys = state["keys"]
            if keys:
                self.page.select_after_reload(keys[0])
            series.restore_series(state["snapshots"])

        try:
            count = len(series.preview(review_id, rule, skip).dates)
        except ScrutinyError:
            count = 0  # create_series says why
        text = (
            self.tr("New series of 1 meeting")
            if count == 1
            else self.tr("New series of {n} meetings").format(n=count)
        )
        return self._perform(text, do, undo, redo)
