"""The Terms of Reference page's actions as named undo steps
(``ui.shared.commands.Step``).

Each finds its item by key (a deleted and restored item has a new id); the first run
quotes the version the page read, later runs the version now (later steps, or their
undoing, raise it). Undoing an edit of the words is refused if the words are no longer
the ones the step wrote, so it never overwrites a colleague's change. After every run
the step names the item to select once the outline is read again (``show``, the
page's): the item it changed or, after a delete, the one that took its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QCoreApplication

from ...domain.errors import ConflictError
from ...domain.tor_parse import ParsedTor
from ...domain.tor_records import TorEntry, TorSnapshot
from ...services.terms import TermsService
from ..shared.commands import Step

#: Select this item once the outline is read again (None: the first).
Show = Callable[[str | None], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("TermsSteps", text)


class _TorStep(Step):
    """A step on one item of a review's terms of reference, found by key."""

    def __init__(
        self, text: str, terms: TermsService, review_id: int, entry: TorEntry, show: Show
    ) -> None:
        super().__init__(text)
        self.terms = terms
        self.review_id = review_id
        self.key = entry.key
        self.entry = entry  # as the page read it
        self.show = show
        self._first_version: int | None = entry.version  # quoted once

    def _found(self) -> tuple[TorEntry, int]:
        """The item now, and the version to quote: the page's the first time."""
        found = self.terms.find(self.review_id, self.key)
        version, self._first_version = self._first_version, None
        return found, found.version if version is None else version


class AddTorItem(Step):
    """A new item ("New item") under ``parent`` at ``index`` (None: the end)."""

    def __init__(
        self,
        terms: TermsService,
        review_id: int,
        parent: str | None,
        index: int | None,
        show: Show,
    ) -> None:
        super().__init__(_tr("Add a terms-of-reference item"))
        self.terms = terms
        self.review_id, self.parent, self.index = review_id, parent, index
        self.show = show
        self.key: str | None = None
        self.snapshot: TorSnapshot | None = None

    def do(self) -> TorEntry:
        added = self.terms.add(
            self.review_id, _tr("New item"), parent=self.parent, index=self.index
        )
        self.key = added.key
        self.show(self.key)
        return added

    def undo(self) -> None:
        assert self.key is not None
        found = self.terms.find(self.review_id, self.key)
        self.snapshot = self.terms.delete(found.id, found.version)
        self.show(self.key)

    def redo(self) -> TorEntry:
        assert self.snapshot is not None
        restored = self.terms.restore(self.snapshot)
        self.show(self.key)
        return restored


class EditTorText(_TorStep):
    """An item's words, before and after."""

    def __init__(
        self, terms: TermsService, review_id: int, entry: TorEntry, text: str, show: Show
    ) -> None:
        super().__init__(
            _tr("Edit {number}").format(number=entry.number), terms, review_id, entry, show
        )
        self.before, self.after = entry.text, text

    def _change(self, words: str, expected: str) -> TorEntry:
        found, version = self._found()
        if found.text != expected:
            raise ConflictError(
                _tr(
                    "{number} has been changed by someone else since; it has been "
                    "reloaded with their words."
                ).format(number=found.number)
            )
        changed = self.terms.edit(found.id, version, words)
        self.show(self.key)
        return changed

    def do(self) -> TorEntry:
        return self._change(self.after, self.before)

    def undo(self) -> TorEntry:
        return self._change(self.before, self.after)


class _PlaceTorItem(_TorStep):
    """A change of an item's place; undo puts it back under the same parent at the same
    position."""

    def _forward(self, tor_id: int, version: int) -> TorEntry:
        raise NotImplementedError

    def _run(self, call: Callable[[int, int], TorEntry]) -> TorEntry:
        found, version = self._found()
        placed = call(found.id, version)
        self.show(self.key)
        return placed

    def _back(self, tor_id: int, version: int) -> TorEntry:
        return self.terms.place(tor_id, version, self.entry.parent_key, self.entry.position)

    def do(self) -> TorEntry:
        return self._run(self._forward)

    def undo(self) -> TorEntry:
        return self._run(self._back)


class IndentTorItem(_PlaceTorItem):
    """The item put under the item above it."""

    def __init__(self, terms: TermsService, review_id: int, entry: TorEntry, show: Show) -> None:
        super().__init__(
            _tr("Indent {number}").format(number=entry.number), terms, review_id, entry, show
        )

    def _forward(self, tor_id: int, version: int) -> TorEntry:
        return self.terms.indent(tor_id, version)


class OutdentTorItem(_PlaceTorItem):
    """The item moved out one level."""

    def __init__(self, terms: TermsService, review_id: int, entry: TorEntry, show: Show) -> None:
        super().__init__(
            _tr("Outdent {number}").format(number=entry.number), terms, review_id, entry, show
        )

    def _forward(self, tor_id: int, version: int) -> TorEntry:
        return self.terms.outdent(tor_id, version)


class MoveTorItem(_PlaceTorItem):
    """The item moved among its siblings, to ``to`` (0-based)."""

    def __init__(
        self, terms: TermsService, review_id: int, entry: TorEntry, to: int, show: Show
    ) -> None:
        text = _tr("Move {number} up") if to < entry.position else _tr("Move {number} down")
        super().__init__(text.format(number=entry.number), terms, review_id, entry, show)
        self.to = to

    def _forward(self, tor_id: int, version: int) -> TorEntry:
        return self.terms.move(tor_id, version, self.to)


class DeleteTorItem(_TorStep):
    """The item deleted with its sub-items; undo restores them under the same keys.
    Afterwards ``neighbour`` (the item that took its place) is selected."""

    def __init__(
        self,
        terms: TermsService,
        review_id: int,
        entry: TorEntry,
        neighbour: str | None,
        show: Show,
    ) -> None:
        super().__init__(
            _tr("Delete {number}").format(number=entry.number), terms, review_id, entry, show
        )
        self.neighbour = neighbour
        self.snapshot: TorSnapshot | None = None

    def do(self) -> TorSnapshot:
        found, version = self._found()
        self.snapshot = self.terms.delete(found.id, version)
        self.show(self.neighbour)
        return self.snapshot

    def undo(self) -> TorEntry:
        assert self.snapshot is not None
        restored = self.terms.restore(self.snapshot)
        self.show(self.key)
        return restored


class PasteTorItems(Step):
    """A pasted tree added after the items already there."""

    def __init__(
        self, terms: TermsService, review_id: int, parsed: Sequence[ParsedTor], show: Show
    ) -> None:
        count = sum(1 for _ in _walk(parsed))
        super().__init__(_tr("Paste {count} terms-of-reference items").format(count=count))
        self.terms = terms
        self.review_id = review_id
        self.parsed = tuple(parsed)
        self.show = show
        self.keys: list[str] = []
        self.snapshots: tuple[TorSnapshot, ...] = ()

    def _first(self) -> str | None:
        return self.keys[0] if self.keys else None

    def do(self) -> list[TorEntry]:
        added = self.terms.insert_parsed(self.review_id, self.parsed)
        self.keys = [e.key for e in added]
        self.show(self._first())
        return added

    def undo(self) -> None:
        self.snapshots = self.terms.remove_many(self.review_id, self.keys)
        self.show(self._first())

    def redo(self) -> list[TorEntry]:
        restored = self.terms.restore_many(self.snapshots)
        self.show(self._first())
        return restored


def _walk(items: Sequence[ParsedTor]) -> Iterator[ParsedTor]:
    stack = list(items)
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.children)
