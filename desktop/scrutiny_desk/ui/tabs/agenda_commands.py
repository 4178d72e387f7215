"""What the Agenda tab's actions do: each one undo step through ``workspace.editor``.

Undo and redo find an item by its key (a removed and restored item has a new id) and
quote the version they read just before. Kept apart from the tab's layout so that each
reads on its own; ``AgendaTab`` mixes this in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from ...domain.agenda_records import STANDARD_ITEMS, ItemRecord
from ...domain.enums import ItemKind
from ...domain.errors import Problem, ScrutinyError
from ...domain.people_records import WitnessRecord
from ...domain.records import TorItem
from ...domain.structure import walk_tor
from ...services.agenda import ItemChanges
from ..dialogs.close_item_dialog import CloseItemDialog, ClosingValues
from ..dialogs.item_people_dialog import ItemPeopleDialog
from ..dialogs.publicity_questions import ask_before_opening
from ..dialogs.removal_question import ask_before_removing
from ..dialogs.witness_dialog import WitnessValues

if TYPE_CHECKING:
    from .agenda_tab import AgendaTab

    _Base = AgendaTab
else:
    _Base = object

#: What an agenda edit changes, for the other views to reload.
CHANGED = ("agenda",)
#: A new slot's length when only one end is given.
DEFAULT_SLOT = timedelta(minutes=30)


class AgendaCommands(_Base):
    # Actions ------------------------------------------------------------------------------------

    def add_item(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None or not self.add_action.isEnabled():
            return
        current = self.current_item()
        position = current.position + 1 if current is not None else None
        title = self.tr("New item")
        state: dict[str, Any] = {}

        def add() -> ItemRecord:
            record = self.agenda.add_item(meeting_id, title, ItemKind.OTHER, position)
            state["key"] = record.key
            state["review"] = record.review_id
            self._select_key = self._edit_key = record.key
            return record

        def undo() -> None:
            record = self.agenda.find(state["review"], state["key"])
            state["snapshot"] = self.agenda.remove_item(record.id, record.version)

        self.perform(
            self.tr("Add agenda item"),
            add,
            undo,
            lambda: self.agenda.restore_item(state["snapshot"]),
            changed=CHANGED,
        )

    def add_standard_items(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None or not self.standard_action.isEnabled():
            return
        titles = {r.title.strip().casefold() for r in self.model.records()}
        if all(t.casefold() in titles for t in STANDARD_ITEMS):
            self.say(self.tr("The agenda has the standard items already."))
            return
        state: dict[str, Any] = {}

        def add() -> list[ItemRecord]:
            records = self.agenda.add_standard_items(meeting_id)
            state["keys"] = [r.key for r in records]
            state["review"] = records[0].review_id if records else None
            if records:
                self._select_key = records[0].key
            return records

        def undo() -> None:
            found = [self.agenda.find(state["review"], key) for key in state["keys"]]
            state["snapshots"] = self.agenda.remove_items([(r.id, r.version) for r in found])

        self.perform(
            self.tr("Add the standard items"),
            add,
            undo,
            lambda: self.agenda.restore_items(state["snapshots"]),
            changed=CHANGED,
        )

    def remove_item(self) -> None:
        """Remove the selected item; when it has a minute or notes, ask first."""
        item = self.current_item()
        if item is None or not self.remove_action.isEnabled():
            return
        ask_before_removing(
            self.workspace.window,
            self.tr("Remove Agenda Item"),
            self.tr("Remove the item “{title}” from the agenda?").format(title=item.title),
            lambda: self.workspace.services.removals.of_items([item.id]),
            partial(self._remove_item, item),
        )

    def _remove_item(self, item: ItemRecord) -> None:
        state: dict[str, Any] = {}

        def remove(record: ItemRecord) -> None:
            state["snapshot"] = self.agenda.remove_item(record.id, record.version)

        self.perform(
            self.tr("Remove item “{title}”").format(title=item.title),
            lambda: remove(self._find(item)),
            lambda: self.agenda.restore_item(state["snapshot"]),
            lambda: remove(self._find(item)),
            changed=CHANGED,
        )

    def move_item(self, step: int) -> None:
        item = self.current_item()
        if item is None or self.workspace.read_only:
            return
        to = item.position + step
        if not 0 <= to < self.model.rowCount():
            return
        self.move_item_to(item, to)

    def move_item_to(self, item: ItemRecord, position: int) -> None:
        if self.workspace.read_only or position == item.position:
            return
        before = item.position

        def move(to: int) -> ItemRecord:
            record = self._find(item)
            return self.agenda.move_item(record.id, record.version, to)

        self._select_key = item.key
        self.perform(
            (
                self.tr("Move “{title}” up")
                if position < before
                else self.tr("Move “{title}” down")
            ).format(title=item.title),
            lambda: move(position),
            lambda: move(before),
            lambda: move(position),
            changed=CHANGED,
        )

    def change_item(self, item: ItemRecord, field: str, value: Any) -> None:
        """One in-place edit of the title, kind, start or end, as one undo step."""
        if self.workspace.read_only:
            return
        forward, backward, text = self._changes(item, field, value)
        if forward is None or backward is None:
            return

        def apply(changes: ItemChanges) -> ItemRecord:
            record = self._find(item)
            return self.agenda.update_item(record.id, record.version, changes)

        self._select_key = item.key
        self.perform(
            text,
            lambda: apply(forward),
            lambda: apply(backward),
            lambda: apply(forward),
            changed=CHANGED,
        )

    def _changes(
        self, item: ItemRecord, field: str, value: Any
    ) -> tuple[ItemChanges | None, ItemChanges | None, str]:
        if field == "title":
            return (
                ItemChanges(title=value),
                ItemChanges(title=item.title),
                self.tr("Rename item to “{title}”").format(title=value),
            )
        if field == "kind":
            return (
                ItemChanges(kind=value),
                ItemChanges(kind=item.kind),
                self.tr("Kind of “{title}”: {kind}").format(
                    title=item.title, kind=self.model.kind_label(value)
                ),
            )
        minutes = self._minutes
        if minutes is None or not isinstance(value, datetime):
            return None, None, ""
        text = self.tr("Time of “{title}”").format(title=item.title)
        backward = (
            ItemChanges(start=item.start, end=item.end)
            if item.has_slot
            else ItemChanges(start=None, end=None)
        )
        if field == "start":
            if item.has_slot and item.start is not None and item.end is not None:
                end = item.end if item.end > value else value + (item.end - item.start)
            else:
                end = value + DEFAULT_SLOT
            end = min(end, minutes.meeting_end) if value < minutes.meeting_end else end
            return ItemChanges(start=value, end=end), backward, text
        if item.has_slot and item.start is not None:
            start = item.start
        else:
            start = max(value - DEFAULT_SLOT, minutes.meeting_start)
        return ItemChanges(start=start, end=value), backward, text

    def clear_slot(self) -> None:
        item = self.current_item()
        if item is None or not item.has_slot or not self.clear_slot_action.isEnabled():
            return

        def apply(changes: ItemChanges) -> ItemRecord:
            record = self._find(item)
            return self.agenda.update_item(record.id, record.version, changes)

        self._select_key = item.key
        self.perform(
            self.tr("Clear the time of “{title}”").format(title=item.title),
            lambda: apply(ItemChanges(start=None, end=None)),
            lambda: apply(ItemChanges(start=item.start, end=item.end)),
            changed=CHANGED,
        )

    # Closing and reopening ------------------------------------------------------------------

    def close_item(self) -> None:
        item = self.current_item()
        if item is None or not self.close_action.isEnabled():
            return
        self._open_close_dialog([item])

    def close_private_items(self) -> None:
        items = self.items_needing_privacy()
        if not items or not self.writable():
            return
        self._open_close_dialog(
            items,
            reason=self.tr("The witness asked to give evidence in private."),
        )

    def _open_close_dialog(self, items: list[ItemRecord], reason: str = "") -> None:
        self.close_dialog = CloseItemDialog(
            self.workspace.window,
            self.workspace.settings,
            items,
            partial(self._close, items),
            reason=reason,
        )
        self.close_dialog.finished.connect(lambda _r: setattr(self, "close_dialog", None))
        self.close_dialog.open()

    def _close(self, items: list[ItemRecord], values: ClosingValues) -> Sequence[Problem]:
        """Close the items (or change why one is closed) as one undo step."""
        before = {i.key: i for i in items}
        closed: list[str] = []
        notes_closed: dict[str, Sequence[str]] = {}  # item key -> the notes closing it closed

        def close() -> list[ItemRecord]:
            closed.clear()
            done = []
            try:
                for item in items:
                    record = self._find(item)
                    done.append(
                        self.agenda.close_item(
                            record.id,
                            record.version,
                            values.reason,
                            values.exemption,
                            values.public_title,
                        )
                    )
                    notes_closed[item.key] = done[-1].notes_closed
                    closed.append(item.key)
            except ScrutinyError:
                put_back(closed)
                raise
            return done

        def put_back(keys: Sequence[str]) -> None:
            for key in reversed(list(keys)):
                old = before[key]
                record = self._find(old)
                if old.is_closed:
                    self.agenda.close_item(
                        record.id,
                        record.version,
                        old.closed_reason or "",
                        old.exemption,
                        old.public_title,
                    )
                else:
                    self.agenda.reopen_item(
                        record.id, record.version, undo_notes=notes_closed.get(key, ())
                    )

        if len(items) == 1:
            text = (
                self.tr("Change why “{title}” is closed")
                if items[0].is_closed
                else self.tr("Close item “{title}”")
            ).format(title=items[0].title)
            self._select_key = items[0].key
        else:
            text = self.tr("Close {count} items").format(count=len(items))
        _result, problems = self.perform(
            text, close, lambda: put_back(list(before)), close, changed=CHANGED
        )
        return problems

    def reopen_item(self) -> None:
        """Ask first, listing what would become public (its notes stay closed)."""
        item = self.current_item()
        if item is None or not item.is_closed or not self.reopen_action.isEnabled():
            return
        try:
            opening = self.agenda.opening_item(item.id)
        except ScrutinyError as exc:
            self.workspace.show_error(self.tr("The item could not be opened"), str(exc))
            return
        self.open_question = ask_before_opening(
            self.workspace.window, opening, partial(self._reopen_item, item)
        )
        self.open_question.finished.connect(lambda _r: setattr(self, "open_question", None))

    def _reopen_item(self, item: ItemRecord) -> None:
        """Open the item as one undo step; its notes stay closed. The undo closes it
        again, and a redo opens again exactly the notes that undo closed."""
        closed_again: dict[str, Sequence[str]] = {}

        def reopen() -> ItemRecord:
            record = self._find(item)
            undo_notes = closed_again.get("notes", ())
            return self.agenda.reopen_item(record.id, record.version, undo_notes=undo_notes)

        def close_again() -> ItemRecord:
            record = self._find(item)
            closed = self.agenda.close_item(
                record.id,
                record.version,
                item.closed_reason or "",
                item.exemption,
                item.public_title,
            )
            closed_again["notes"] = closed.notes_closed
            return closed

        self._select_key = item.key
        self.perform(
            self.tr("Reopen item “{title}”").format(title=item.title),
            reopen,
            close_again,
            reopen,
            changed=CHANGED,
        )

    # Witnesses and terms of reference ------------------------------------------------------------

    def edit_people(self) -> None:
        item = self.current_item()
        if item is None or not self.people_action.isEnabled():
            return
        review_id = item.review_id
        self.workspace.runner.submit(
            partial(self._read_people, review_id),
            partial(self._open_people_dialog, item),
            lambda exc: self.workspace.show_error(
                self.tr("The witnesses could not be read"), str(exc)
            ),
            key="agenda-tab-people",
        )

    def _read_people(self, review_id: int) -> tuple[list[WitnessRecord], list[tuple[str, TorItem]]]:
        witnesses = self.services.witness_edits.witnesses(review_id)
        terms = list(walk_tor(self.services.reviews.terms_of_reference(review_id)))
        return witnesses, terms

    def _open_people_dialog(
        self, item: ItemRecord, people: tuple[list[WitnessRecord], list[tuple[str, TorItem]]]
    ) -> None:
        if self.current_item() is None or self.current_item() != item:
            return  # the clerk moved on while the register was read
        witnesses, terms = people
        self.people_dialog = ItemPeopleDialog(
            self.workspace.window,
            self.workspace.settings,
            item,
            witnesses,
            terms,
            partial(self._save_people, item),
            partial(self._add_witness, item.review_id),
        )
        self.people_dialog.finished.connect(lambda _r: setattr(self, "people_dialog", None))
        self.people_dialog.open()

    def _save_people(
        self, item: ItemRecord, witnesses: tuple[str, ...], tor: tuple[str, ...]
    ) -> Sequence[Problem]:
        """The item's witnesses and terms of reference, as one undo step."""
        before_w = tuple(w.key for w in item.witnesses)
        before_t = tuple(t.key for t in item.tor)
        if (witnesses, tor) == (before_w, before_t):
            return []

        def apply(w: tuple[str, ...], t: tuple[str, ...], old_w: tuple[str, ...]) -> ItemRecord:
            record = self._find(item)
            if w != tuple(x.key for x in record.witnesses):
                record = self.agenda.set_item_witnesses(record.id, record.version, w)
            if t != tuple(x.key for x in record.tor):
                try:
                    record = self.agenda.set_item_tor(record.id, record.version, t)
                except ScrutinyError:
                    if w != old_w:  # put back the witnesses this step changed
                        self.agenda.set_item_witnesses(record.id, record.version, old_w)
                    raise
            return record

        self._select_key = item.key
        _result, problems = self.perform(
            self.tr("Witnesses and terms of reference of “{title}”").format(title=item.title),
            lambda: apply(witnesses, tor, before_w),
            lambda: apply(before_w, before_t, witnesses),
            lambda: apply(witnesses, tor, before_w),
            changed=CHANGED,
        )
        return problems

    def _add_witness(
        self, review_id: int, values: WitnessValues
    ) -> tuple[Sequence[Problem], WitnessRecord | None]:
        """A new witness in the register, made on the spot: its own undo step."""
        register = self.services.witness_edits
        state: dict[str, Any] = {}

        def add() -> WitnessRecord:
            added = register.add_witness(
                review_id,
                values.name,
                values.role,
                values.organisation,
                values.email,
                invitation=values.invitation,
                private=values.private,
            )
            state["key"] = added.key
            return added

        def undo() -> None:
            added = register.find_witness(review_id, state["key"])
            state["snapshot"] = register.remove_witness(added.id, added.version)

        result, problems = self.perform(
            self.tr("Add witness {name}").format(name=values.name),
            add,
            undo,
            lambda: register.restore_witness(state["snapshot"]),
            changed=("witnesses",),
        )
        return problems, result if isinstance(result, WitnessRecord) else None

    # Helpers ------------------------------------------------------------------------------------

    def _find(self, item: ItemRecord) -> ItemRecord:
        """The item as it is now (its id changes when it is removed and restored)."""
        return self.agenda.find(item.review_id, item.key)
