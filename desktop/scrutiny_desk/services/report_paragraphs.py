"""The report's paragraphs and settings: what the clerk writes into the outline the
review generates (issue 17).

Every method is one transaction. An edit quotes the version the clerk started from and
a stale one is refused with ``ConflictError`` naming who changed the paragraph; bad
input is refused with ``ValidationError`` naming the field, and nothing is written
then. Deleting returns a snapshot and ``restore`` puts the paragraph back under the same
key, at the same place, so the window's undo steps find it again. What changed reaches
the window as ``Topic.REPORT`` (``services.changes.recording``), as for every service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..domain.changes import KEEP, Keep
from ..domain.enums import Access
from ..domain.report_entries import (
    AtHand,
    ParagraphEntry,
    ParagraphSnapshot,
    PlaceEntry,
    ReportSettings,
)
from ..store.db import Database


class ReportParagraphService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ------------------------------------------------------------------------

    def places(self, review_id: int) -> tuple[PlaceEntry, ...]:
        """Every place of the outline in the report's order, with its paragraph count."""
        raise NotImplementedError

    def paragraphs(self, review_id: int, place: str) -> tuple[ParagraphEntry, ...]:
        """The paragraphs written at ``place``, in order."""
        raise NotImplementedError

    def paragraph(self, paragraph_id: int) -> ParagraphEntry:
        """One paragraph (NotFoundError if it has gone)."""
        raise NotImplementedError

    def id_for(self, review_id: int, key: str) -> int:
        """The id of the paragraph with that key (NotFoundError if there is none)."""
        raise NotImplementedError

    def unplaced(self, review_id: int) -> tuple[ParagraphEntry, ...]:
        """Paragraphs whose place is gone (their terms-of-reference item was deleted):
        kept, and placed again if the item is put back."""
        raise NotImplementedError

    def at_hand(self, review_id: int, place: str) -> AtHand:
        """The notes and evidence held against a findings section's terms-of-reference
        item and the items under it, and their coverage gaps (ValidationError naming
        "place" for a place that is not a findings section)."""
        raise NotImplementedError

    def quote_flags(self, review_id: int) -> tuple[object, ...]:
        """Open paragraphs quoting closed material word for word
        (``domain.report_quotes.closed_quotes``)."""
        raise NotImplementedError

    # Edits --------------------------------------------------------------------------

    def add(
        self,
        review_id: int,
        place: str,
        text: str,
        *,
        access: Access = Access.OPEN,
        index: int | None = None,
        key: str | None = None,
    ) -> ParagraphEntry:
        """A new paragraph at ``place``, at ``index`` among its paragraphs (None: last)."""
        raise NotImplementedError

    def edit(
        self,
        paragraph_id: int,
        expected_version: int,
        *,
        text: str | Keep = KEEP,
        access: Access | Keep = KEEP,
    ) -> ParagraphEntry:
        """Change the text or access of a paragraph read at ``expected_version``."""
        raise NotImplementedError

    def cite(
        self,
        paragraph_id: int,
        expected_version: int,
        *,
        notes: Sequence[str] | Keep = KEEP,
        evidence: Sequence[str] | Keep = KEEP,
    ) -> ParagraphEntry:
        """Set what the paragraph cites (keys of the review's notes and evidence, each
        once, in the order given)."""
        raise NotImplementedError

    def support(
        self, paragraph_id: int, expected_version: int, recommendations: Sequence[str]
    ) -> ParagraphEntry:
        """Set the recommendations the paragraph supports (keys, each once)."""
        raise NotImplementedError

    def move(
        self, paragraph_id: int, expected_version: int, place: str, index: int | None = None
    ) -> ParagraphEntry:
        """Move a paragraph to ``place`` at ``index`` among its paragraphs (None: last)."""
        raise NotImplementedError

    def delete(self, paragraph_id: int, expected_version: int) -> ParagraphSnapshot:
        """Delete a paragraph; a snapshot for ``restore``."""
        raise NotImplementedError

    def restore(self, snapshot: ParagraphSnapshot) -> ParagraphEntry:
        """Put a deleted paragraph back: same key, place and position, its citations and
        support (those deleted since left out)."""
        raise NotImplementedError

    # Settings -----------------------------------------------------------------------

    def settings(self, review_id: int) -> ReportSettings:
        """The report's settings (defaults, version None, until first set)."""
        raise NotImplementedError

    def set_settings(
        self,
        review_id: int,
        expected_version: int | None,
        *,
        title: str | Keep | None = KEEP,
        submitted_on: date | Keep | None = KEEP,
        submitted_to: str | Keep | None = KEEP,
        response_months: int | Keep = KEEP,
    ) -> ReportSettings:
        """Set the report's settings read at ``expected_version`` (None: never set)."""
        raise NotImplementedError
