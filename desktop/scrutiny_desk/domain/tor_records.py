"""Records of the terms-of-reference editor: one row of the outline, and what a delete took.

Numbers (1, 1.2, 1.2.3) follow position and are computed whenever the outline is read;
they are never stored, so moving an item renumbers everything after it at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import TorItem

LINK_KINDS = ("note", "item", "evidence", "recommendation")


@dataclass(frozen=True)
class TorEntry:
    """One terms-of-reference item as the outline shows it (flat, in tree order)."""

    id: int
    key: str
    number: str  # "1.2.3", from its position
    text: str
    depth: int  # 0 for an objective at the top
    parent_key: str | None
    version: int
    note_count: int  # notes held against this item itself (not its sub-items)
    position: int = 0  # its index among its siblings

    @property
    def label(self) -> str:
        """ "1.2 Text" as pickers and messages show it."""
        return f"{self.number} {self.text}"


@dataclass(frozen=True)
class TorLink:
    """A record held against a terms-of-reference item: a note, an agenda item, a piece
    of evidence or a recommendation (``kind`` in LINK_KINDS), at ``position`` in that
    record's own list of terms-of-reference items."""

    kind: str
    owner_key: str
    tor_key: str
    position: int


@dataclass(frozen=True)
class TorSnapshot:
    """A deleted item with its sub-items and every link to them, for ``restore``."""

    review_id: int
    parent_key: str | None
    position: int
    item: TorItem
    links: tuple[TorLink, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        """Every key of the deleted subtree, the top item first."""
        found: list[str] = []
        stack = [self.item]
        while stack:
            item = stack.pop()
            found.append(item.key)
            stack.extend(reversed(item.children))
        return tuple(found)
