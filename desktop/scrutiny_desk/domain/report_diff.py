"""The difference between two versions of the report (issue 17), paragraph by paragraph.

Paragraphs are matched by key, so a paragraph that moved or was renumbered is the same
paragraph. A change lists what happened to it: added, removed, text changed (with a
word-level difference from ``difflib``), renumbered, access changed. Changes come in the
new version's order; a removed paragraph stands where it stood in the old one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .report_views import ReportDocView


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"  # its text
    RENUMBERED = "renumbered"
    ACCESS = "access"  # open became closed, or closed open


@dataclass(frozen=True)
class WordRun:
    """A run of the word-level difference: ``op`` "equal", "insert" or "delete", and
    the words, joined by single spaces."""

    op: str
    words: str


@dataclass(frozen=True)
class ParagraphChange:
    """What happened to one paragraph between two versions. ``old_*`` are None for an
    added paragraph and ``new_*`` for a removed one; ``runs`` is the word-level
    difference of a changed text (empty otherwise)."""

    key: str
    kinds: tuple[ChangeKind, ...]
    old_number: str | None
    new_number: str | None
    old_text: str | None
    new_text: str | None
    old_closed: bool | None
    new_closed: bool | None
    runs: tuple[WordRun, ...] = ()


def difference(old: ReportDocView, new: ReportDocView) -> tuple[ParagraphChange, ...]:
    """Every paragraph that differs between ``old`` and ``new``; unchanged ones are
    left out."""
    raise NotImplementedError
