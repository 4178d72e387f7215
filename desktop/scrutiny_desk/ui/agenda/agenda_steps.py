"""The Agenda tab's actions as undo steps, one class per action.

Each step holds the agenda service, the item's review and key and the values before
and after, nothing else. Undo and redo find the item by its key (a removed and
restored item has a new id) and quote the version they read just before, so a
colleague's change in between is refused rather than overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...domain.enums import ItemKind
from ...domain.errors import ScrutinyError
from ..shared.commands import Step

if TYPE_CHECKING:  # the witnesses' records come with the first witness (not at start)
    from ...domain.agenda_records import ItemRecord, ItemSnapshot
    from ...domain.people_records import WitnessRecord, WitnessSnapshot
    from ...services.agenda import AgendaService, ItemChanges
    from ...services.witness_edits import WitnessEditService
    from ..shared.witness_dialog import WitnessValues
    from .close_item_dialog import ClosingValues

_CONTEXT = "AgendaTab"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class AddItem(Step):
    """A new item at ``position`` (None: at the end); undo removes it, redo restores it."""

    def __init__(
        self,
        agenda: AgendaService,
        meeting_id: int,
        title: str,
        position: int | None,
        follow: Callable[[str], None] = lambda _key: None,
    ) -> None:
        super().__init__(tr("Add agenda item"))
        self._agenda = agenda
        self._meeting_id, self._title, self._position = meeting_id, title, position
        self._follow = follow  # told the new item's key before the views reload
        self.added: ItemRecord | None = None
        self._snapshot: ItemSnapshot | None = None

    def do(self) -> ItemRecord:
        self.added = self._agenda.add_item(
            self._meeting_id, self._title, ItemKind.OTHER, self._position
        )
        self._follow(self.added.key)
        return self.added

    def undo(self) -> None:
        assert self.added is not None
        record = self._agenda.find(self.added.review_id, self.added.key)
        self._snapshot = self._agenda.remove_item(record.id, record.version)

    def redo(self) -> ItemRecord:
        assert self._snapshot is not None
        return self._agenda.restore_item(self._snapshot)


class AddStandardItems(Step):
    """The standard opening items the agenda lacks, as one step."""

    def __init__(
        self,
        agenda: AgendaService,
        meeting_id: int,
        follow: Callable[[str], None] = lambda _key: None,
    ) -> None:
        super().__init__(tr("Add the standard items"))
        self._agenda = agenda
        self._meeting_id = meeting_id
        self._follow = follow  # told the first new item's key before the views reload
        self.added: list[ItemRecord] = []
        self._snapshots: list[ItemSnapshot] = []

    def do(self) -> list[ItemRecord]:
        self.added = self._agenda.add_standard_items(self._meeting_id)
        if self.added:
            self._follow(self.added[0].key)
        return self.added

    def undo(self) -> None:
        found = [self._agenda.find(r.review_id, r.key) for r in self.added]
        self._snapshots = self._agenda.remove_items([(r.id, r.version) for r in found])

    def redo(self) -> list[ItemRecord]:
        return self._agenda.restore_items(self._snapshots)


class RemoveItem(Step):
    """An item off the agenda, with its witnesses and minute; undo puts it back."""

    def __init__(self, agenda: AgendaService, review_id: int, key: str, title: str) -> None:
        super().__init__(tr("Remove item “{title}”").format(title=title))
        self._agenda = agenda
        self._review_id, self._key = review_id, key
        self._snapshot: ItemSnapshot | None = None

    def do(self) -> None:
        record = self._agenda.find(self._review_id, self._key)
        self._snapshot = self._agenda.remove_item(record.id, record.version)

    def undo(self) -> ItemRecord:
        assert self._snapshot is not None
        return self._agenda.restore_item(self._snapshot)


class MoveItem(Step):
    """An item from one position on the agenda to another."""

    def __init__(self, agenda: AgendaService, item: ItemRecord, before: int, after: int) -> None:
        text = tr("Move “{title}” up") if after < before else tr("Move “{title}” down")
        super().__init__(text.format(title=item.title))
        self._agenda = agenda
        self._review_id, self._key = item.review_id, item.key
        self._before, self._after = before, after

    def _move(self, to: int) -> ItemRecord:
        record = self._agenda.find(self._review_id, self._key)
        return self._agenda.move_item(record.id, record.version, to)

    def do(self) -> ItemRecord:
        return self._move(self._after)

    def undo(self) -> ItemRecord:
        return self._move(self._before)


class ChangeItem(Step):
    """One in-place edit of an item (title, kind, slot times, clearing the slot)."""

    def __init__(
        self,
        agenda: AgendaService,
        item: ItemRecord,
        before: ItemChanges,
        after: ItemChanges,
        text: str,
    ) -> None:
        super().__init__(text)
        self._agenda = agenda
        self._review_id, self._key = item.review_id, item.key
        self._before, self._after = before, after

    def _apply(self, changes: ItemChanges) -> ItemRecord:
        record = self._agenda.find(self._review_id, self._key)
        return self._agenda.update_item(record.id, record.version, changes)

    def do(self) -> ItemRecord:
        return self._apply(self._after)

    def undo(self) -> ItemRecord:
        return self._apply(self._before)


class CloseItems(Step):
    """Close items (or change why one is closed) with the same reason, exemption and
    public title. Closing an item closes its notes in the same step; the undo puts
    each item back as it was and opens exactly the notes closing it closed."""

    def __init__(
        self, agenda: AgendaService, items: Sequence[ItemRecord], values: ClosingValues
    ) -> None:
        if len(items) == 1:
            text = (
                tr("Change why “{title}” is closed")
                if items[0].is_closed
                else tr("Close item “{title}”")
            ).format(title=items[0].title)
        else:
            text = tr("Close {count} items").format(count=len(items))
        super().__init__(text)
        self._agenda = agenda
        self._before = list(items)
        self._values = values
        self._notes_closed: dict[str, Sequence[str]] = {}  # item key -> notes its closing closed

    def do(self) -> list[ItemRecord]:
        done: list[ItemRecord] = []
        try:
            for item in self._before:
                record = self._agenda.find(item.review_id, item.key)
                closed = self._agenda.close_item(
                    record.id,
                    record.version,
                    self._values.reason,
                    self._values.exemption,
                    self._values.public_title,
                    self._values.public_title_cy,
                )
                self._notes_closed[item.key] = closed.notes_closed
                done.append(closed)
        except ScrutinyError:
            self._put_back(self._before[: len(done)])
            raise
        return done

    def undo(self) -> None:
        self._put_back(self._before)

    def _put_back(self, items: Sequence[ItemRecord]) -> None:
        for old in reversed(items):
            record = self._agenda.find(old.review_id, old.key)
            if old.is_closed:
                self._agenda.close_item(
                    record.id,
                    record.version,
                    old.closed_reason or "",
                    old.exemption,
                    old.public_title,
                    old.public_title_cy,
                )
            else:
                self._agenda.reopen_item(
                    record.id, record.version, undo_notes=self._notes_closed.get(old.key, ())
                )


class ReopenItem(Step):
    """A closed item heard in public again; its notes stay closed. The undo closes it
    again as it was, and a redo opens again exactly the notes that undo closed."""

    def __init__(self, agenda: AgendaService, item: ItemRecord) -> None:
        super().__init__(tr("Reopen item “{title}”").format(title=item.title))
        self._agenda = agenda
        self._item = item
        self._closed_again: Sequence[str] = ()

    def do(self) -> ItemRecord:
        record = self._agenda.find(self._item.review_id, self._item.key)
        return self._agenda.reopen_item(record.id, record.version, undo_notes=self._closed_again)

    def undo(self) -> ItemRecord:
        item = self._item
        record = self._agenda.find(item.review_id, item.key)
        closed = self._agenda.close_item(
            record.id,
            record.version,
            item.closed_reason or "",
            item.exemption,
            item.public_title,
            item.public_title_cy,
        )
        self._closed_again = closed.notes_closed
        return closed


#: Witness keys and terms-of-reference keys of an item.
People = tuple[tuple[str, ...], tuple[str, ...]]


class SetItemPeople(Step):
    """Who is heard under an item and which terms of reference it addresses."""

    def __init__(
        self, agenda: AgendaService, item: ItemRecord, before: People, after: People
    ) -> None:
        super().__init__(
            tr("Witnesses and terms of reference of “{title}”").format(title=item.title)
        )
        self._agenda = agenda
        self._review_id, self._key = item.review_id, item.key
        self._before, self._after = before, after

    def _apply(self, wanted: People, old_witnesses: tuple[str, ...]) -> ItemRecord:
        witnesses, tor = wanted
        record = self._agenda.find(self._review_id, self._key)
        if witnesses != tuple(w.key for w in record.witnesses):
            record = self._agenda.set_item_witnesses(record.id, record.version, witnesses)
        if tor != tuple(t.key for t in record.tor):
            try:
                record = self._agenda.set_item_tor(record.id, record.version, tor)
            except ScrutinyError:
                if witnesses != old_witnesses:  # put back the witnesses this step changed
                    self._agenda.set_item_witnesses(record.id, record.version, old_witnesses)
                raise
        return record

    def do(self) -> ItemRecord:
        return self._apply(self._after, self._before[0])

    def undo(self) -> ItemRecord:
        return self._apply(self._before, self._after[0])


class AddWitness(Step):
    """A new witness in the register, made on the spot from the item's dialog."""

    def __init__(self, register: WitnessEditService, review_id: int, values: WitnessValues) -> None:
        super().__init__(tr("Add witness {name}").format(name=values.name))
        self._register = register
        self._review_id = review_id
        self._values = values
        self._key: str | None = None
        self._snapshot: WitnessSnapshot | None = None

    def do(self) -> WitnessRecord:
        values = self._values
        added = self._register.add_witness(
            self._review_id,
            values.name,
            values.role,
            values.organisation,
            values.email,
            invitation=values.invitation,
            private=values.private,
        )
        self._key = added.key
        return added

    def undo(self) -> None:
        assert self._key is not None
        added = self._register.find_witness(self._review_id, self._key)
        self._snapshot = self._register.remove_witness(added.id, added.version)

    def redo(self) -> WitnessRecord:
        assert self._snapshot is not None
        return self._register.restore_witness(self._snapshot)
