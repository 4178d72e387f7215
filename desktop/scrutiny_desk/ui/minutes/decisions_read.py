"""What the Minutes tab reads of a meeting's decisions, off the GUI thread: each item's
resolutions, when the meeting began and ended, and the wording the record gives each
standard item whose minute is still empty (apologies from the attendance, declarations
from the declarations, the previous minutes' resolution).

That wording is the public minutes' own (``MinutesService.printed``, which words a
standard item from the record while its minute is empty): the window offers exactly
what the papers would print, to start the minute from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain.agenda_records import ItemRecord, MinutesRecord
from ...domain.procedure_records import MeetingTimesRecord, ResolutionRecord
from ...domain.views import Audience
from ...services.container import Services


@dataclass(frozen=True)
class Decisions:
    times: MeetingTimesRecord | None = None
    #: each item's resolutions, by the item's key, in their order
    resolutions: dict[str, list[ResolutionRecord]] = field(default_factory=dict)
    #: the recorded wording of each standard item whose minute is empty, by item key
    wording: dict[str, str] = field(default_factory=dict)


def read_decisions(
    services: Services, minutes: MinutesRecord, items: list[ItemRecord]
) -> Decisions:
    if minutes.has_no_minutes:
        return Decisions()
    resolutions = {item.key: services.resolutions.resolutions(item.id) for item in items}
    return Decisions(
        services.attendees.times(minutes.meeting_id),
        resolutions,
        recorded_wording(services, minutes, items),
    )


def recorded_wording(
    services: Services, minutes: MinutesRecord, items: list[ItemRecord]
) -> dict[str, str]:
    """By item key, the public minutes' wording of each standard item with no minute
    yet (none while the minutes are approved: nothing can be changed then)."""
    waiting = [i for i in items if i.standard is not None and not (i.minute or "").strip()]
    if not waiting or minutes.locked:
        return {}
    printed = services.minutes.printed(minutes.meeting_id, Audience.PUBLIC)
    by_number = {view.number: view.minute for view in printed.items}
    return {
        item.key: wording
        for item in waiting
        if (wording := (by_number.get(item.number) or "").strip())
    }
