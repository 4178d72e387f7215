"""A report paragraph's link to a note, a piece of evidence or a recommendation, as
their snapshots keep it (issue 17).

Deleting a note, evidence or a recommendation takes away the paragraphs' citations of
it (and support of it); the undo of the delete puts them back where they stood in each
paragraph's list. A module of its own so that the note, evidence and recommendation
records can hold it without importing the report's records, which import theirs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParagraphLink:
    """A paragraph's link: the paragraph's key and the link's place in its list."""

    paragraph: str  # key
    position: int
