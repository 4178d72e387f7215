"""What the Minutes tab reads of the decisions on the item whose minute is open, off the
GUI thread and only for that item: its resolutions, and, for a standard item whose
minute is still empty (apologies, declarations, the previous minutes), the wording the
record gives it.

That wording is the public minutes' own (``MinutesService.printed``, which words a
standard item from the record while its minute is empty): the window offers exactly
what the papers would print, to start the minute from. Reading the whole meeting's
printed minutes costs tens of milliseconds, so it is read only for such an item; and
each item's resolutions are read when it is shown (one transaction), not every item's
at every reload (one transaction each: measured 92 ms for the five items of the
sample's draft meeting).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.agenda_records import ItemRecord, MinutesRecord
from ...domain.procedure_records import ResolutionRecord
from ...domain.views import Audience
from ...services.container import Services


@dataclass(frozen=True)
class ItemDecisions:
    item_key: str
    resolutions: list[ResolutionRecord]
    #: the recorded wording, for a standard item whose minute is empty (else None)
    wording: str | None = None


def waits_for_wording(item: ItemRecord, minutes: MinutesRecord) -> bool:
    """A standard item whose minute is not written, in minutes that can be changed."""
    return item.standard is not None and not (item.minute or "").strip() and not minutes.locked


def read_item_decisions(
    services: Services, minutes: MinutesRecord, item: ItemRecord
) -> ItemDecisions:
    wording = None
    if waits_for_wording(item, minutes) and not minutes.has_no_minutes:
        printed = services.minutes.printed(minutes.meeting_id, Audience.PUBLIC)
        view = next((v for v in printed.items if v.number == item.number), None)
        wording = ((view.minute if view is not None else None) or "").strip() or None
    return ItemDecisions(item.key, services.resolutions.resolutions(item.id), wording)
