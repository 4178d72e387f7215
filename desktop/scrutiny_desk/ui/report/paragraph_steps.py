"""The Report page's actions on paragraphs as undo steps: add, edit the text or access,
cite notes and evidence, support recommendations, move, delete.

Each step holds the paragraph's key (``ParagraphIdent``: review id and key, stable
across a delete and its undo), the values before and after, and one service call per
run. The steps of the page share ``ParagraphVersions``: undoing one edit raises the
version the undo of an earlier edit of the same paragraph must quote, so a colleague's
change in between is refused by the version counter instead of overwritten.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...domain.enums import Access
from ...domain.report_entries import ParagraphEntry, ParagraphSnapshot
from ...services.report_paragraphs import ReportParagraphService
from ..shared.commands import Step

#: (review id, paragraph key): how a step finds its paragraph after a delete and restore
ParagraphIdent = tuple[int, str]
#: paragraph -> the version the last call of this page on it returned
ParagraphVersions = dict[ParagraphIdent, int]


class _ParagraphStep(Step):
    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        ident: ParagraphIdent,
        versions: ParagraphVersions,
    ) -> None:
        super().__init__(text)
        self._paragraphs = paragraphs
        self._ident = ident
        self._versions = versions

    def _id(self) -> int:
        return self._paragraphs.id_for(*self._ident)

    def _version(self) -> int:
        return self._versions[self._ident]

    def _keep(self, done: ParagraphEntry) -> ParagraphEntry:
        self._versions[self._ident] = done.version
        return done


class AddParagraph(Step):
    """Add a paragraph at a place; the undo deletes it, the redo puts it back under
    the same key."""

    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        review_id: int,
        place: str,
        body: str,
        versions: ParagraphVersions,
        *,
        access: Access = Access.OPEN,
        index: int | None = None,
    ) -> None:
        super().__init__(text)
        self._paragraphs = paragraphs
        self._review_id = review_id
        self._place = place
        self._body = body
        self._access = access
        self._index = index
        self._versions = versions
        self._key: str | None = None
        self._snapshot: ParagraphSnapshot | None = None

    def do(self) -> ParagraphEntry:
        done = self._paragraphs.add(
            self._review_id, self._place, self._body, access=self._access, index=self._index
        )
        self._key = done.key
        self._versions[(self._review_id, done.key)] = done.version
        return done

    def undo(self) -> ParagraphSnapshot:
        assert self._key is not None  # undo follows a do
        ident = (self._review_id, self._key)
        paragraph_id = self._paragraphs.id_for(*ident)
        self._snapshot = self._paragraphs.delete(paragraph_id, self._versions[ident])
        return self._snapshot

    def redo(self) -> ParagraphEntry:
        assert self._snapshot is not None  # redo follows an undo
        done = self._paragraphs.restore(self._snapshot)
        self._versions[(self._review_id, done.key)] = done.version
        return done


class EditParagraph(_ParagraphStep):
    """Change a paragraph's text or access (open or closed)."""

    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        ident: ParagraphIdent,
        before: Mapping[str, Any],
        after: Mapping[str, Any],
        versions: ParagraphVersions,
    ) -> None:
        super().__init__(text, paragraphs, ident, versions)
        self._before = dict(before)
        self._after = dict(after)

    def do(self) -> ParagraphEntry:
        return self._apply(self._after)

    def undo(self) -> ParagraphEntry:
        return self._apply(self._before)

    def _apply(self, values: dict[str, Any]) -> ParagraphEntry:
        return self._keep(self._paragraphs.edit(self._id(), self._version(), **values))


class CiteInParagraph(_ParagraphStep):
    """Set the notes and evidence a paragraph cites (keys, in order)."""

    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        ident: ParagraphIdent,
        before: tuple[Sequence[str], Sequence[str]],
        after: tuple[Sequence[str], Sequence[str]],
        versions: ParagraphVersions,
    ) -> None:
        super().__init__(text, paragraphs, ident, versions)
        self._before = (tuple(before[0]), tuple(before[1]))
        self._after = (tuple(after[0]), tuple(after[1]))

    def do(self) -> ParagraphEntry:
        return self._apply(self._after)

    def undo(self) -> ParagraphEntry:
        return self._apply(self._before)

    def _apply(self, cited: tuple[tuple[str, ...], tuple[str, ...]]) -> ParagraphEntry:
        notes, evidence = cited
        done = self._paragraphs.cite(self._id(), self._version(), notes=notes, evidence=evidence)
        return self._keep(done)


class SupportRecommendations(_ParagraphStep):
    """Set the recommendations a paragraph supports (keys)."""

    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        ident: ParagraphIdent,
        before: Sequence[str],
        after: Sequence[str],
        versions: ParagraphVersions,
    ) -> None:
        super().__init__(text, paragraphs, ident, versions)
        self._before = tuple(before)
        self._after = tuple(after)

    def do(self) -> ParagraphEntry:
        return self._keep(self._paragraphs.support(self._id(), self._version(), self._after))

    def undo(self) -> ParagraphEntry:
        return self._keep(self._paragraphs.support(self._id(), self._version(), self._before))


class MoveParagraph(_ParagraphStep):
    """Move a paragraph within its section or to another; the undo puts it back at the
    place and position it had."""

    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        ident: ParagraphIdent,
        before: tuple[str, int],
        after: tuple[str, int | None],
        versions: ParagraphVersions,
    ) -> None:
        super().__init__(text, paragraphs, ident, versions)
        self._before = before
        self._after = after

    def do(self) -> ParagraphEntry:
        place, index = self._after
        return self._keep(self._paragraphs.move(self._id(), self._version(), place, index))

    def undo(self) -> ParagraphEntry:
        place, index = self._before
        return self._keep(self._paragraphs.move(self._id(), self._version(), place, index))


class DeleteParagraph(_ParagraphStep):
    """Delete a paragraph; the undo restores it under the same key, place and position,
    with what it cited and supported."""

    def __init__(
        self,
        text: str,
        paragraphs: ReportParagraphService,
        ident: ParagraphIdent,
        versions: ParagraphVersions,
    ) -> None:
        super().__init__(text, paragraphs, ident, versions)
        self._snapshot: ParagraphSnapshot | None = None

    def do(self) -> ParagraphSnapshot:
        self._snapshot = self._paragraphs.delete(self._id(), self._version())
        return self._snapshot

    def undo(self) -> ParagraphEntry:
        assert self._snapshot is not None  # undo follows a do
        return self._keep(self._paragraphs.restore(self._snapshot))
