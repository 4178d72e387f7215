"""What a removal takes with it, counted before the clerk is asked.

Removing a witness, an agenda item, a panel member, a piece of evidence or a
terms-of-reference item can take other data with it: records deleted with it (a
member's attendance, an item's minute, evidence's file, sub-items) and records that
stay but lose their link to it (notes, agenda items, evidence, recommendations). The
window asks before such a removal and says what goes; a removal that takes nothing
need not ask. The counts are read by ``services.removals``; the words are the GUI's.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Part(StrEnum):
    """A kind of record a removal can take with it or unlink."""

    NOTE = "note"
    AGENDA_ITEM = "agenda item"
    EVIDENCE = "evidence"
    RECOMMENDATION = "recommendation"
    ATTENDANCE = "attendance record"
    MINUTE = "minute"
    FILE = "file"
    SUB_ITEM = "sub-item"
    INTEREST = "register of interests entry"


Counts = tuple[tuple[Part, int], ...]


def counted(**counts: int) -> Counts:
    """``counted(note=3, file=0)`` -> ((Part.NOTE, 3),): the parts with a count, in
    the order given."""
    return tuple((Part[name.upper()], n) for name, n in counts.items() if n)


@dataclass(frozen=True)
class WhatGoes:
    """What removing one record (or several) takes with it.

    ``deleted``: records deleted with it; ``unlinked``: records that stay but no longer
    refer to it. Each a tuple of (part, how many), parts with none left out."""

    deleted: Counts = ()
    unlinked: Counts = ()

    @property
    def nothing(self) -> bool:
        """True when the removal takes nothing with it (no need to ask)."""
        return not self.deleted and not self.unlinked

    def count(self, part: Part) -> int:
        """How many of ``part`` go with it, deleted or unlinked."""
        return sum(n for p, n in (*self.deleted, *self.unlinked) if p is part)
