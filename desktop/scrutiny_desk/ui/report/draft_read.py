"""What the Draft tab shows, read in one go off the GUI thread (services only, no Qt).

On the sample one read of the outline, a section's paragraphs, what is at hand and the
quote check costs about 200 ms (the quote check and the coverage gaps read the whole
review), too long for the GUI thread after every edit; the task runner runs it and the
pane applies the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...domain.errors import NotFoundError
from ...domain.records import TOR_PLACE
from ...domain.report_entries import AtHand, ParagraphEntry, PlaceEntry
from ...services.report_paragraphs import ReportParagraphService

#: The place of the outline's "Not placed" row: not a place of the report.
UNPLACED = "unplaced"


@dataclass(frozen=True)
class DraftRead:
    places: tuple[PlaceEntry, ...]
    unplaced: int
    #: the place shown: the one asked for if it is still there, else the first
    place: str | None
    entries: tuple[ParagraphEntry, ...]
    at_hand: AtHand | None
    #: paragraph key -> what it quotes of closed material
    flags: dict[str, str]
    #: (key, printed number or first words) of each flagged paragraph, in order
    flagged: tuple[tuple[str, str], ...]


def read_draft(
    service: ReportParagraphService, review_id: int, place: str | None, *, held: bool = False
) -> DraftRead:
    """``held``: ``place`` is where a paragraph stands, shown under "Not placed" if it is
    not a place of the outline now."""
    places = service.places(review_id)
    unplaced = service.unplaced(review_id)
    known = {p.place for p in places}
    if held and place not in known and unplaced:
        place = UNPLACED
    if place not in known and not (place == UNPLACED and unplaced):
        place = places[0].place if places else None
    entries: tuple[ParagraphEntry, ...] = ()
    if place == UNPLACED:
        entries = unplaced
    elif place is not None:
        entries = service.paragraphs(review_id, place)
    at_hand = service.at_hand(review_id, place) if place and place.startswith(TOR_PLACE) else None
    flags: dict[str, str] = {}
    for flag in service.quote_flags(review_id):
        words = f"{flag.source}: “{flag.words}”"
        flags[flag.paragraph] = (
            f"{flags[flag.paragraph]}; {words}" if flag.paragraph in flags else words
        )
    flagged = []
    for key in flags:
        try:
            entry = service.paragraph(service.id_for(review_id, key))
        except NotFoundError:
            continue
        flagged.append((key, entry.number or f"“{entry.text[:30]}…”"))
    return DraftRead(places, len(unplaced), place, entries, at_hand, flags, tuple(flagged))
