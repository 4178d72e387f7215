"""The Minutes tab's decisions as undo steps: an item's resolutions and their votes,
agreeing the previous meeting's minutes, the recorded wording of a standard item, and
when the meeting began and ended.

Each holds the services, the item's key (a resolution is found by its item and its
place on it) and the values before and after, and calls one service method each way.
"""

from __future__ import annotations

from datetime import datetime

from ...domain.agenda_records import ItemRecord
from ...domain.changes import KEEP
from ...domain.procedure_records import (
    MeetingTimesRecord,
    PreviousMinutesApproval,
    ResolutionRecord,
    ResolutionSnapshot,
)
from ...domain.records import Vote
from ...services.agenda import AgendaService
from ...services.attendees import AttendeeService
from ...services.minutes import MinutesService
from ...services.resolutions import ResolutionService
from ..shared.commands import Step
from .minutes_steps import SaveMinute, short, tr


class _ResolutionStep(Step):
    """A step on one item's resolutions: finds the item by key, a resolution by place."""

    def __init__(
        self, agenda: AgendaService, resolutions: ResolutionService, item: ItemRecord, text: str
    ) -> None:
        super().__init__(text)
        self._agenda, self._resolutions = agenda, resolutions
        self._review_id, self.item_key = item.review_id, item.key

    def _item_id(self) -> int:
        return self._agenda.find(self._review_id, self.item_key).id

    def _at(self, position: int) -> ResolutionRecord:
        return next(
            r for r in self._resolutions.resolutions(self._item_id()) if r.position == position
        )


class AddResolution(_ResolutionStep):
    """A new resolution on the item (and its vote); undo removes it, redo restores it."""

    def __init__(
        self,
        agenda: AgendaService,
        resolutions: ResolutionService,
        item: ItemRecord,
        text: str,
        vote: Vote | None,
    ) -> None:
        super().__init__(
            agenda, resolutions, item, tr("Add a resolution to item {n}").format(n=item.number)
        )
        self._text, self._vote = text, vote
        self.position: int | None = None
        self._snapshot: ResolutionSnapshot | None = None

    def do(self) -> ResolutionRecord:
        added = self._resolutions.add_resolution(self._item_id(), self._text, self._vote)
        self.position = added.position
        return added

    def undo(self) -> None:
        assert self.position is not None
        record = self._at(self.position)
        self._snapshot = self._resolutions.remove_resolution(record.id, record.version)

    def redo(self) -> ResolutionRecord:
        assert self._snapshot is not None
        return self._resolutions.restore_resolution(self._snapshot)


class EditResolution(_ResolutionStep):
    """A resolution's wording and vote, from before to after (None: no vote)."""

    def __init__(
        self,
        agenda: AgendaService,
        resolutions: ResolutionService,
        item: ItemRecord,
        record: ResolutionRecord,
        after: tuple[str, Vote | None],
    ) -> None:
        super().__init__(
            agenda,
            resolutions,
            item,
            tr("Change the resolution “{text}”").format(text=short(record.text)),
        )
        self.position = record.position
        self._before = (record.text, record.vote)
        self._after = after

    def _write(self, wanted: tuple[str, Vote | None]) -> ResolutionRecord:
        record = self._at(self.position)
        text, vote = wanted
        return self._resolutions.update_resolution(
            record.id,
            record.version,
            text=text if text != record.text else KEEP,
            vote=vote if vote != record.vote else KEEP,
        )

    def do(self) -> ResolutionRecord:
        return self._write(self._after)

    def undo(self) -> ResolutionRecord:
        return self._write(self._before)


class RemoveResolution(_ResolutionStep):
    def __init__(
        self,
        agenda: AgendaService,
        resolutions: ResolutionService,
        item: ItemRecord,
        record: ResolutionRecord,
    ) -> None:
        super().__init__(
            agenda,
            resolutions,
            item,
            tr("Remove the resolution “{text}”").format(text=short(record.text)),
        )
        self.position = record.position
        self._snapshot: ResolutionSnapshot | None = None

    def do(self) -> None:
        record = self._at(self.position)
        self._snapshot = self._resolutions.remove_resolution(record.id, record.version)

    def undo(self) -> ResolutionRecord:
        assert self._snapshot is not None
        return self._resolutions.restore_resolution(self._snapshot)


class AgreePreviousMinutes(_ResolutionStep):
    """On the "Minutes of the previous meeting" item: the resolution that they be agreed
    as a correct record and their approval at this meeting, one step each way."""

    def __init__(
        self, agenda: AgendaService, resolutions: ResolutionService, item: ItemRecord
    ) -> None:
        super().__init__(agenda, resolutions, item, tr("Agree the previous minutes"))
        self.approval: PreviousMinutesApproval | None = None

    def do(self) -> PreviousMinutesApproval:
        item = self._agenda.find(self._review_id, self.item_key)
        self.approval = self._resolutions.approve_previous_minutes(item.id, item.version)
        return self.approval

    def undo(self) -> None:
        assert self.approval is not None
        self._resolutions.undo_previous_minutes(self.approval)


class UseRecordedWording(SaveMinute):
    """A standard item's empty minute becomes the wording the record gives it, to edit."""

    def __init__(
        self, agenda: AgendaService, minutes: MinutesService, item: ItemRecord, wording: str
    ) -> None:
        super().__init__(agenda, minutes, item, item.minute or "", wording)
        self.text = tr("Use the recorded wording for item {n}").format(n=item.number)


Times = tuple[datetime | None, datetime | None]


class SetMeetingTimes(Step):
    """When the meeting began and ended (None: not recorded)."""

    def __init__(
        self, attendees: AttendeeService, meeting_id: int, before: Times, after: Times, text: str
    ) -> None:
        super().__init__(text)
        self._attendees = attendees
        self._meeting_id = meeting_id
        self._before, self._after = before, after

    def _write(self, times: Times) -> MeetingTimesRecord:
        version = self._attendees.times(self._meeting_id).version
        return self._attendees.set_times(self._meeting_id, version, *times)

    def do(self) -> MeetingTimesRecord:
        return self._write(self._after)

    def undo(self) -> MeetingTimesRecord:
        return self._write(self._before)
