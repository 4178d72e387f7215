"""Editing the terms of reference: an outline whose numbers (1, 1.2, 1.2.3) follow position.

Each method is one user action in one transaction. Items are found for undo by their
key: ``delete`` returns a snapshot of the subtree and every note, agenda item, piece of
evidence and recommendation held against it, and ``restore`` puts all of it back with the
same keys. A note must name at least one terms-of-reference item, so deleting the last
item a note names is refused, saying how many notes and what to do.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from ..domain.keys import key_problems
from ..domain.records import TorItem
from ..domain.rules import text_problem
from ..domain.tor_parse import ParsedTor
from ..domain.tor_records import TorEntry, TorSnapshot
from ..domain.wording import plural, word_for
from ..store import queries
from ..store import tor_edits as store
from ..store.db import Database


class TermsService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading ---------------------------------------------------------------------

    def outline(self, review_id: int) -> tuple[TorEntry, ...]:
        """Every item, flat in tree order, with its number, depth and note count."""
        with self.db.reading() as session:
            queries.get_review_row(session, review_id)
            return tuple(store.outline(session, review_id))

    def get(self, tor_id: int) -> TorEntry:
        with self.db.reading() as session:
            return store.entry(session, tor_id)

    def id_for(self, review_id: int, key: str) -> int:
        with self.db.reading() as session:
            found = store.id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no terms-of-reference item with key "{key}"')
        return found

    def find(self, review_id: int, key: str) -> TorEntry:
        return self.get(self.id_for(review_id, key))

    # --- editing ---------------------------------------------------------------------

    def add(
        self,
        review_id: int,
        text: str,
        *,
        parent: str | None = None,
        index: int | None = None,
        key: str | None = None,
    ) -> TorEntry:
        """A new item under ``parent`` (a key; None: an objective at the top), at
        ``index`` among its siblings (None: last)."""
        with self.db.writing() as session:
            store.lock_review(session, review_id)
            problems = _text_problems(text)
            parent_id = _parent_id(session, review_id, parent, problems)
            if key is None:
                key = store.new_key(session, review_id)
            else:
                taken = store.id_for(session, review_id, key) is not None
                problems += key_problems(key, taken, "terms-of-reference item")
            if index is not None and index < 0:
                problems.append(Problem("index", "must not be negative"))
            if problems:
                raise ValidationError(problems)
            tor_id = store.add_item(session, review_id, parent_id, index, key, text)
            return store.entry(session, tor_id)

    def edit(self, tor_id: int, expected_version: int, text: str) -> TorEntry:
        """Change an item's words."""
        with self.db.writing() as session:
            _checked(session, tor_id, expected_version)
            problems = _text_problems(text)
            if problems:
                raise ValidationError(problems)
            store.set_text(session, tor_id, text)
            return store.entry(session, tor_id)

    def indent(self, tor_id: int, expected_version: int) -> TorEntry:
        """The item becomes the last sub-item of the item above it (its previous sibling),
        taking its own sub-items with it."""
        with self.db.writing() as session:
            entry = _checked(session, tor_id, expected_version)
            store.lock_review(session, _review_of(session, tor_id))
            review_id = _review_of(session, tor_id)
            if entry.position == 0:
                raise ValidationError(
                    Problem(
                        "indent",
                        f"{entry.number} is the first item at its level, so there is no item "
                        "above it to go under",
                    )
                )
            above = _sibling_at(session, review_id, entry, entry.position - 1)
            count = store.sibling_count(session, review_id, above.id)
            store.place(session, tor_id, above.id, count)
            return store.entry(session, tor_id)

    def outdent(self, tor_id: int, expected_version: int) -> TorEntry:
        """The item moves out one level, just after its parent (as in Word or an outliner:
        the items after it stay with the old parent)."""
        with self.db.writing() as session:
            entry = _checked(session, tor_id, expected_version)
            review_id = _review_of(session, tor_id)
            store.lock_review(session, review_id)
            if entry.parent_key is None:
                raise ValidationError(
                    Problem("outdent", f"{entry.number} is already at the top level")
                )
            parent = store.entry(session, _must_id(session, review_id, entry.parent_key))
            grandparent_id = (
                None
                if parent.parent_key is None
                else _must_id(session, review_id, parent.parent_key)
            )
            store.place(session, tor_id, grandparent_id, parent.position + 1)
            return store.entry(session, tor_id)

    def move(self, tor_id: int, expected_version: int, index: int) -> TorEntry:
        """Move the item to ``index`` among its siblings (up: position - 1; down: + 1)."""
        with self.db.writing() as session:
            entry = _checked(session, tor_id, expected_version)
            review_id = _review_of(session, tor_id)
            store.lock_review(session, review_id)
            parent_id = (
                None if entry.parent_key is None else _must_id(session, review_id, entry.parent_key)
            )
            count = store.sibling_count(session, review_id, parent_id)
            if not 0 <= index < count:
                where = "first" if index < 0 else "last"
                raise ValidationError(
                    Problem("position", f"{entry.number} is already {where} at its level")
                )
            store.place(session, tor_id, parent_id, index)
            return store.entry(session, tor_id)

    def place(self, tor_id: int, expected_version: int, parent: str | None, index: int) -> TorEntry:
        """Put the item at ``index`` under ``parent`` (a key, or None for the top): what
        undo uses to put an indented, outdented or moved item back exactly."""
        with self.db.writing() as session:
            entry = _checked(session, tor_id, expected_version)
            review_id = _review_of(session, tor_id)
            store.lock_review(session, review_id)
            problems: list[Problem] = []
            parent_id = _parent_id(session, review_id, parent, problems)
            if parent_id is not None and parent_id in store.subtree_ids(session, tor_id):
                problems.append(
                    Problem("parent", f"{entry.number} cannot go under itself or its sub-items")
                )
            if problems:
                raise ValidationError(problems)
            store.place(session, tor_id, parent_id, max(0, index))
            return store.entry(session, tor_id)

    def delete(self, tor_id: int, expected_version: int) -> TorSnapshot:
        """Delete the item and its sub-items, unlinking every record held against them;
        refused if some note would be left with no terms-of-reference item."""
        with self.db.writing() as session:
            entry = _checked(session, tor_id, expected_version)
            store.lock_review(session, _review_of(session, tor_id))
            ids = store.subtree_ids(session, tor_id)
            _refuse_orphaned_notes(session, ids, entry)
            return store.delete_subtree(session, tor_id)

    def restore(self, snapshot: TorSnapshot) -> TorEntry:
        """Put a deleted item back with its keys, its place and its links."""
        with self.db.writing() as session:
            store.lock_review(session, snapshot.review_id)
            tor_id = _restore(session, snapshot)
            return store.entry(session, tor_id)

    def insert_parsed(
        self, review_id: int, parsed: Sequence[ParsedTor], *, parent: str | None = None
    ) -> list[TorEntry]:
        """A pasted tree, added after the existing items (under ``parent``, a key) in ONE
        transaction; the new items, flat in tree order. Undo with ``remove_many``."""
        with self.db.writing() as session:
            store.lock_review(session, review_id)
            problems: list[Problem] = []
            parent_id = _parent_id(session, review_id, parent, problems)
            stack = [(f"items[{n}]", p) for n, p in enumerate(parsed)]
            while stack:
                path, item = stack.pop()
                problems += _text_problems(item.text, f"{path}.text")
                stack.extend((f"{path}.children[{n}]", c) for n, c in enumerate(item.children))
            if not parsed:
                problems.append(Problem("text", "there is nothing to add"))
            if problems:
                raise ValidationError(problems)
            taken: set[str] = set()

            def keyed(item: ParsedTor) -> TorItem:
                key = store.new_key(session, review_id, taken)
                taken.add(key)
                return TorItem(key, item.text, tuple(keyed(c) for c in item.children))

            tops = [keyed(p) for p in parsed]
            for top in tops:
                store.insert_tree(session, review_id, parent_id, None, top)
            keys = {k for top in tops for k in TorSnapshot(review_id, None, 0, top).keys}
            return [e for e in store.outline(session, review_id) if e.key in keys]

    def remove_many(self, review_id: int, keys: Sequence[str]) -> tuple[TorSnapshot, ...]:
        """Delete several items (with their sub-items) in one transaction, e.g. to undo a
        paste; the snapshots, last first, for ``restore_many``."""
        with self.db.writing() as session:
            store.lock_review(session, review_id)
            ids = [_must_id(session, review_id, k) for k in keys]
            gone: set[int] = set()
            for tor_id in ids:
                if tor_id not in gone:
                    gone.update(store.subtree_ids(session, tor_id))
            _refuse_orphaned_notes(session, sorted(gone), None)
            snapshots: list[TorSnapshot] = []
            for entry in reversed(store.outline(session, review_id)):  # later items first
                if entry.id in ids and (entry.parent_key is None or entry.parent_key not in keys):
                    snapshots.append(store.delete_subtree(session, entry.id))
            return tuple(snapshots)

    def restore_many(self, snapshots: Sequence[TorSnapshot]) -> list[TorEntry]:
        """Put back what ``remove_many`` took, in one transaction."""
        if not snapshots:
            return []
        review_id = snapshots[0].review_id
        with self.db.writing() as session:
            store.lock_review(session, review_id)
            keys: set[str] = set()
            for snapshot in reversed(snapshots):
                _restore(session, snapshot)
                keys.update(snapshot.keys)
            return [e for e in store.outline(session, review_id) if e.key in keys]


def _text_problems(text: str, path: str = "text") -> list[Problem]:
    if not text.strip():
        return [Problem(path, "must not be empty")]
    if why := text_problem(text):
        return [Problem(path, why)]
    return []


def _checked(session: store.Session, tor_id: int, expected_version: int) -> TorEntry:
    queries.check_version(session, "tor", tor_id, expected_version, "The terms-of-reference item")
    return store.entry(session, tor_id)


def _review_of(session: store.Session, tor_id: int) -> int:
    return store.review_of(session, tor_id)


def _must_id(session: store.Session, review_id: int, key: str) -> int:
    found = store.id_for(session, review_id, key)
    if found is None:
        raise ConflictError(
            f'The terms-of-reference item "{key}" has been deleted by someone else since you '
            "opened it."
        )
    return found


def _parent_id(
    session: store.Session, review_id: int, parent: str | None, problems: list[Problem]
) -> int | None:
    if parent is None:
        return None
    found = store.id_for(session, review_id, parent)
    if found is None:
        problems.append(Problem("parent", f'there is no terms-of-reference item "{parent}"'))
    return found


def _sibling_at(session: store.Session, review_id: int, entry: TorEntry, position: int) -> TorEntry:
    for other in store.outline(session, review_id):
        if other.parent_key == entry.parent_key and other.position == position:
            return other
    raise NotFoundError(f"There is no item at position {position + 1} beside {entry.number}")


def _refuse_orphaned_notes(
    session: store.Session, ids: Sequence[int], entry: TorEntry | None
) -> None:
    count = store.notes_held_only_by(session, ids)
    if not count:
        return
    what = f"{entry.number}" if entry is not None else "these items"
    under = " or its sub-items" if entry is not None and len(ids) > 1 else ""
    notes = f"{plural(count, 'note')} {word_for(count, 'is', 'are')}"
    raise ValidationError(
        Problem(
            "terms of reference",
            f"{notes} held only against {what}{under}, and every note needs at least one "
            "terms-of-reference item. Move those notes to another item first (filter the "
            f"notes by {what}), then delete it.",
        )
    )


def _restore(session: store.Session, snapshot: TorSnapshot) -> int:
    review_id = snapshot.review_id
    problems: list[Problem] = []
    for key in snapshot.keys:
        if store.id_for(session, review_id, key) is not None:
            problems.append(Problem("key", f'a terms-of-reference item with key "{key}" exists'))
    if problems:
        raise ValidationError(problems)
    parent_id = None
    if snapshot.parent_key is not None:
        parent_id = store.id_for(session, review_id, snapshot.parent_key)
        if parent_id is None:
            raise ConflictError(
                "The item this one was under has been deleted since, so it cannot be put back."
            )
    tor_id = store.insert_tree(session, review_id, parent_id, snapshot.position, snapshot.item)
    store.restore_links(session, review_id, snapshot.links)
    return tor_id
