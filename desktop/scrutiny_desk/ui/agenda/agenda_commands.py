"""What the Agenda tab's actions do: ask what must be asked, then perform one named
step (``agenda_steps``) through ``workspace.editor``.

An object the tab owns, given the workspace and two things of the tab: how to name an
item's kind, and how to follow an item (select it, and perhaps start editing its
title, when the reloaded agenda arrives). Every method is told the records it acts on;
the tab decides what is selected and whether an action is enabled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ...domain.enums import ItemKind
from ...domain.errors import Problem, ScrutinyError
from ...domain.structure import walk_tor
from ..shared.commands import Step
from ..shared.publicity_questions import ask_before_opening
from ..shared.removal_question import ask_before_removing
from ..shared.workspace import Workspace
from .agenda_steps import (
    AddItem,
    AddStandardItems,
    AddWitness,
    ChangeItem,
    CloseItems,
    MoveItem,
    RemoveItem,
    ReopenItem,
    SetItemPeople,
)

if TYPE_CHECKING:  # the witnesses' records come with the first witness (not at start)
    from ...domain.agenda_records import ItemRecord, MinutesRecord
    from ...domain.people_records import WitnessRecord
    from ...domain.records import TorItem
    from ...services.agenda import AgendaService, ItemChanges
    from ..shared.witness_dialog import WitnessValues
    from .close_item_dialog import CloseItemDialog, ClosingValues
    from .item_people_dialog import ItemPeopleDialog
    from .welsh_title_dialog import WelshTitleDialog, WelshTitles

#: A new slot's length when only one end is given.
DEFAULT_SLOT = timedelta(minutes=30)

#: The witnesses of the review and its terms of reference (with their numbers).
People = tuple[list["WitnessRecord"], list[tuple[str, "TorItem"]]]


class AgendaCommands(QObject):
    def __init__(
        self,
        workspace: Workspace,
        kind_label: Callable[[ItemKind], str],
        follow: Callable[[str, bool], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._kind_label = kind_label
        self._follow = follow  # (key, edit its title): select this item when it arrives
        self.close_dialog: CloseItemDialog | None = None  # the dialogs open, for tests
        self.people_dialog: ItemPeopleDialog | None = None
        self.welsh_dialog: WelshTitleDialog | None = None
        self.open_question: QMessageBox | None = None  # asked before opening a closed item

    @property
    def agenda(self) -> AgendaService:
        """The agenda service, asked for at the first edit (its module is not on the
        window's start path)."""
        return self.workspace.services.agenda

    def perform(self, step: Step) -> tuple[Any, list[Problem]]:
        return self.workspace.editor.perform_checked(step)

    # Adding, removing, moving and editing -----------------------------------------------

    def add_item(self, meeting_id: int, after: ItemRecord | None) -> None:
        """A new item after ``after`` (at the end if None), its title ready to type."""
        position = after.position + 1 if after is not None else None
        self.perform(
            AddItem(
                self.agenda,
                meeting_id,
                self.tr("New item"),
                position,
                follow=lambda key: self._follow(key, True),
            )
        )

    def add_standard_items(self, meeting_id: int, titles: Iterable[str]) -> None:
        """The standard opening items the agenda (of these titles) lacks."""
        from ...domain.agenda_records import STANDARD_ITEMS

        have = {t.strip().casefold() for t in titles}
        if all(t.casefold() in have for t in STANDARD_ITEMS):
            self.workspace.say(self.tr("The agenda has the standard items already."))
            return
        self.perform(
            AddStandardItems(self.agenda, meeting_id, follow=lambda key: self._follow(key, False))
        )

    def remove_item(self, item: ItemRecord) -> None:
        """Remove the item; when it has a minute or notes, ask first."""
        ask_before_removing(
            self.workspace.window,
            self.tr("Remove Agenda Item"),
            self.tr("Remove the item “{title}” from the agenda?").format(title=item.title),
            lambda: self.workspace.services.removals.of_items([item.id]),
            lambda: self.perform(RemoveItem(self.agenda, item.review_id, item.key, item.title)),
        )

    def move_item(self, item: ItemRecord, position: int) -> None:
        if position == item.position:
            return
        self._follow(item.key, False)
        self.perform(MoveItem(self.agenda, item, item.position, position))

    def change_item(
        self, item: ItemRecord, field: str, value: Any, minutes: MinutesRecord | None
    ) -> None:
        """One in-place edit of the title, kind, start or end (on ``minutes``' meeting)."""
        changed = self._changes(item, field, value, minutes)
        if changed is None:
            return
        after, before, text = changed
        self._follow(item.key, False)
        self.perform(ChangeItem(self.agenda, item, before, after, text))

    def clear_slot(self, item: ItemRecord) -> None:
        from ...services.agenda import ItemChanges

        self._follow(item.key, False)
        self.perform(
            ChangeItem(
                self.agenda,
                item,
                ItemChanges(start=item.start, end=item.end),
                ItemChanges(start=None, end=None),
                self.tr("Clear the time of “{title}”").format(title=item.title),
            )
        )

    def _changes(
        self, item: ItemRecord, field: str, value: Any, minutes: MinutesRecord | None
    ) -> tuple[ItemChanges, ItemChanges, str] | None:
        """The change asked for, the change that undoes it and its undo text."""
        from ...services.agenda import ItemChanges

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
                    title=item.title, kind=self._kind_label(value)
                ),
            )
        if minutes is None or not isinstance(value, datetime):
            return None
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

    # Closing and reopening ------------------------------------------------------------------

    def close_items(self, items: list[ItemRecord], reason: str = "") -> None:
        """Ask why (and what public papers show), then close them as one step."""
        from .close_item_dialog import CloseItemDialog

        self.close_dialog = CloseItemDialog(
            self.workspace.window,
            self.workspace.settings,
            items,
            partial(self._close, items),
            reason=reason,
            country=self.workspace.services.review_edits.details(items[0].review_id).country,
        )
        self.close_dialog.finished.connect(lambda _r: setattr(self, "close_dialog", None))
        self.close_dialog.open()

    def _close(self, items: list[ItemRecord], values: ClosingValues) -> Sequence[Problem]:
        if len(items) == 1:
            self._follow(items[0].key, False)
        _result, problems = self.perform(CloseItems(self.agenda, items, values))
        return problems

    def edit_welsh_titles(self, item: ItemRecord) -> None:
        """The item's Welsh title and (closed) Welsh public title, as one step."""
        from .welsh_title_dialog import WelshTitleDialog

        self.welsh_dialog = WelshTitleDialog(
            self.workspace.window, self.workspace.settings, item, partial(self._welsh, item)
        )
        self.welsh_dialog.finished.connect(lambda _r: setattr(self, "welsh_dialog", None))
        self.welsh_dialog.open()

    def _welsh(self, item: ItemRecord, values: WelshTitles) -> Sequence[Problem]:
        from .welsh_title_steps import SetWelshTitles, titles_of

        if values == titles_of(item):
            return []
        self._follow(item.key, False)
        return self.perform(SetWelshTitles(self.agenda, item, titles_of(item), values))[1]

    def reopen_item(self, item: ItemRecord) -> None:
        """Ask first, listing what would become public (its notes stay closed)."""
        try:
            opening = self.agenda.opening_item(item.id)
        except ScrutinyError as exc:
            self.workspace.report_error(self.tr("The item could not be opened"), exc)
            return
        self.open_question = ask_before_opening(
            self.workspace.window, opening, partial(self._reopen, item)
        )
        self.open_question.finished.connect(lambda _r: setattr(self, "open_question", None))

    def _reopen(self, item: ItemRecord) -> None:
        self._follow(item.key, False)
        self.perform(ReopenItem(self.agenda, item))

    # Witnesses and terms of reference --------------------------------------------------------

    def edit_people(self, item: ItemRecord, still_current: Callable[[ItemRecord], bool]) -> None:
        """Read the register off the GUI thread, then choose who is heard under the item
        (unless the clerk has moved on to another item meanwhile)."""

        def read(people: People) -> None:
            if still_current(item):
                self._open_people_dialog(item, people)

        def failed(exc: Exception) -> None:
            self.workspace.report_error(self.tr("The witnesses could not be read"), exc)

        self.workspace.runner.submit(
            partial(self._read_people, item.review_id), read, failed, key="agenda-tab-people"
        )

    def _read_people(self, review_id: int) -> People:
        services = self.workspace.services
        witnesses = services.witness_edits.witnesses(review_id)
        terms = list(walk_tor(services.reviews.terms_of_reference(review_id)))
        return witnesses, terms

    def _open_people_dialog(self, item: ItemRecord, people: People) -> None:
        from .item_people_dialog import ItemPeopleDialog

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
        before = (tuple(w.key for w in item.witnesses), tuple(t.key for t in item.tor))
        if (witnesses, tor) == before:
            return []
        self._follow(item.key, False)
        _result, problems = self.perform(SetItemPeople(self.agenda, item, before, (witnesses, tor)))
        return problems

    def _add_witness(
        self, review_id: int, values: WitnessValues
    ) -> tuple[Sequence[Problem], WitnessRecord | None]:
        """A new witness in the register, made on the spot: its own undo step."""
        step = AddWitness(self.workspace.services.witness_edits, review_id, values)
        result, problems = self.perform(step)
        from ...domain.people_records import WitnessRecord

        return problems, result if isinstance(result, WitnessRecord) else None
