"""The difference between two versions of the report (issue 17), paragraph by paragraph.

Paragraphs are matched by key, so a paragraph that moved or was renumbered is the same
paragraph. A change lists what happened to it: added, removed, text changed (with a
word-level difference from ``difflib``), renumbered, access changed. Changes come in the
new version's order; a removed paragraph stands where it stood in the old one.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from .report_views import ParagraphView, ReportDocView


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
    before = {p.key: p for p in old.paragraphs()}
    after = {p.key: p for p in new.paragraphs()}
    changes: list[ParagraphChange] = []
    # a removed paragraph stands after the last paragraph before it that both have
    removed_after: dict[str | None, list[ParagraphView]] = {}
    kept: str | None = None
    for p in before.values():
        if p.key in after:
            kept = p.key
        else:
            removed_after.setdefault(kept, []).append(p)
    changes.extend(_removed(p) for p in removed_after.get(None, ()))
    for p in after.values():
        was = before.get(p.key)
        change = _added(p) if was is None else _changed(was, p)
        if change is not None:
            changes.append(change)
        changes.extend(_removed(r) for r in removed_after.get(p.key, ()))
    return tuple(changes)


def word_runs(old: str, new: str) -> tuple[WordRun, ...]:
    """The word-level difference of two texts: runs kept, inserted and deleted (a
    replacement is a deletion then an insertion)."""
    a, b = old.split(), new.split()
    runs: list[WordRun] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "delete", "replace") and i2 > i1:
            runs.append(WordRun("equal" if op == "equal" else "delete", " ".join(a[i1:i2])))
        if op in ("insert", "replace") and j2 > j1:
            runs.append(WordRun("insert", " ".join(b[j1:j2])))
    return tuple(runs)


def _added(p: ParagraphView) -> ParagraphChange:
    return ParagraphChange(p.key, (ChangeKind.ADDED,), None, p.number, None, p.text, None, p.closed)


def _removed(p: ParagraphView) -> ParagraphChange:
    return ParagraphChange(
        p.key, (ChangeKind.REMOVED,), p.number, None, p.text, None, p.closed, None
    )


def _changed(old: ParagraphView, new: ParagraphView) -> ParagraphChange | None:
    kinds = []
    if old.text != new.text:
        kinds.append(ChangeKind.CHANGED)
    if old.number != new.number:
        kinds.append(ChangeKind.RENUMBERED)
    if old.closed != new.closed:
        kinds.append(ChangeKind.ACCESS)
    if not kinds:
        return None
    runs = word_runs(old.text, new.text) if old.text != new.text else ()
    return ParagraphChange(
        new.key,
        tuple(kinds),
        old.number,
        new.number,
        old.text,
        new.text,
        old.closed,
        new.closed,
        runs,
    )
