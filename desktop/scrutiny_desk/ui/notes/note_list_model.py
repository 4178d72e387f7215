"""All the notes of a review, filtered, as a paged table (the Notes page).

A review may hold 100,000 notes: the model holds the ids of the filter's notes (read
off the GUI thread) and reads the notes a page at a time as they are shown
(``PagedTableModel``). The note's text, terms of reference, witnesses and evidence
are edited in place (their editors: ``ui.notes.note_editors``); the model does not
save them, it asks (``edited``) and the page makes the change one undo step. The
edit role of those cells is what the editors work with: the text, the lists of
keys, the evidence's key (None for none).

A closed note (its own access, or taken on a closed item or closed evidence) has the
warm tint across its row and a bold "Closed" with a padlock, as closed business has
everywhere.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain.note_records import NoteEntry, NoteFilter
from ...services.notes import NotesService
from ..shared.display import bold_font, closed_tint, lock_icon, long_date
from ..shared.paged import Order, PagedTableModel
from ..shared.records_table import Column
from ..shared.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole


class NoteListColumn(IntEnum):
    TAKEN = 0
    ACCESS = 1
    MEETING = 2
    EVIDENCE = 3
    WITNESSES = 4
    TERMS = 5
    TEXT = 6


#: The field of the note each editable column changes (``NotesService.update``).
EDITED_FIELDS = {
    NoteListColumn.EVIDENCE: "evidence",
    NoteListColumn.WITNESSES: "witnesses",
    NoteListColumn.TERMS: "tor",
    NoteListColumn.TEXT: "text",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoteListModel", text)


def _closed_why(entry: NoteEntry) -> str:
    if entry.access.value == "closed":
        return _tr("a closed note")
    if entry.item is not None:
        return _tr("taken on a closed item")
    return _tr("taken on closed evidence")


def _whole_text(entry: NoteEntry) -> str:
    """The whole note as a tooltip: rich text, so Qt wraps it to a readable width
    instead of one line running off the screen."""
    return "<qt>" + html.escape(entry.text).replace("\n", "<br>") + "</qt>"


class NoteListModel(PagedTableModel[NoteEntry]):
    """The notes of one filter; ``show(review_id, flt)`` changes the query."""

    #: the clerk finished editing a cell of a note: (note, field, new value), the field
    #: as ``NotesService.update`` names it ("text", "tor", "witnesses", "evidence")
    edited = Signal(object, str, object)

    def __init__(
        self, runner: TaskRunner, notes: NotesService, parent: QObject | None = None
    ) -> None:
        tint: Callable[[NoteEntry], Any] = lambda n: closed_tint() if n.closed else None  # noqa: E731
        super().__init__(
            runner,
            [
                Column(
                    _tr("Taken"),
                    lambda n: f"{long_date(n.created)} {n.created:%H:%M}",
                    tooltip=lambda n: n.created.strftime("%d %b %Y %H:%M:%S %Z"),
                    sort="created",
                ),
                Column(
                    _tr("Access"),
                    lambda n: _tr("Closed") if n.closed else _tr("Open"),
                    tooltip=lambda n: (
                        _tr("Closed, not published: {why}").format(why=_closed_why(n))
                        if n.closed
                        else _tr("Open")
                    ),
                    roles={
                        Role.DecorationRole: lambda n: lock_icon() if n.closed else None,
                        Role.FontRole: lambda n: bold_font() if n.closed else None,
                    },
                ),
                Column(
                    _tr("Meeting"),
                    lambda n: n.meeting.label if n.meeting else "",
                    tooltip=lambda n: (
                        "\n".join(x.label for x in (n.meeting, n.item) if x is not None) or None
                    ),
                ),
                Column(
                    _tr("Evidence"),
                    lambda n: n.evidence.label if n.evidence else "",
                    tooltip=lambda n: n.evidence.label if n.evidence else _tr("No evidence"),
                    accessible=lambda n: _tr("Evidence: {title}").format(
                        title=n.evidence.label if n.evidence else _tr("none")
                    ),
                    header_tip=_tr("The evidence the note is on (F2 to change)"),
                    roles={Role.EditRole: lambda n: n.evidence.key if n.evidence else None},
                    editable=True,
                ),
                Column(
                    _tr("Witnesses"),
                    lambda n: "; ".join(w.label.split(",", 1)[0] for w in n.witnesses),
                    tooltip=lambda n: "\n".join(w.label for w in n.witnesses) or None,
                    accessible=lambda n: _tr("Witnesses: {names}").format(
                        names="; ".join(w.label for w in n.witnesses) or _tr("none")
                    ),
                    header_tip=_tr("The witnesses the note is about (F2 to change)"),
                    roles={Role.EditRole: lambda n: [w.key for w in n.witnesses]},
                    editable=True,
                ),
                Column(
                    _tr("ToR"),
                    lambda n: ", ".join(n.tor_numbers),
                    tooltip=lambda n: "\n".join(t.label for t in n.tor),
                    accessible=lambda n: _tr("Terms of reference {numbers}").format(
                        numbers=", ".join(n.tor_numbers)
                    ),
                    header_tip=_tr(
                        "The terms of reference the note answers, by number (F2 to change)"
                    ),
                    roles={Role.EditRole: lambda n: [t.key for t in n.tor]},
                    editable=True,
                ),
                Column(
                    _tr("Note"),
                    lambda n: " ".join(n.text.split()),  # one line in the row
                    tooltip=_whole_text,
                    accessible=lambda n: n.text,
                    header_tip=_tr("What was said: F2 or a double click shows all of it"),
                    roles={Role.EditRole: lambda n: n.text},
                    editable=True,
                ),
            ],
            fetch=notes.entries,
            order=Order("created"),
            row_roles={Role.BackgroundRole: tint},
            parent=parent,
        )
        self._notes = notes

    def show(self, review_id: int | None, flt: NoteFilter) -> None:
        """The notes of this filter (None: no review, no rows)."""
        if review_id is None:
            self.set_query(None)
            return
        notes = self._notes

        def load(order: Order) -> Sequence[int]:
            return notes.ids(review_id, flt, "-created" if order.descending else "created")

        self.set_query(load)

    def setData(self, index: Index, value: Any, role: int = Role.EditRole) -> bool:
        name = EDITED_FIELDS.get(NoteListColumn(index.column())) if index.isValid() else None
        if role != Role.EditRole or name is None:
            return False
        entry = self.record(index.row())
        if entry is None:
            return False
        new = _edited_value(name, value)
        old = self.cell(entry, index.column(), Role.EditRole)
        if new is _INVALID or new == old or (name == "witnesses" and set(new) == set(old)):
            return False
        self.edited.emit(entry, name, new)
        return False  # the page saves it; the row is read again after the change


_INVALID = object()


def _edited_value(name: str, value: Any) -> Any:
    """What an editor gave, as ``NotesService.update`` takes it (``_INVALID`` if not)."""
    if name == "text":
        return value if isinstance(value, str) else _INVALID
    if name == "evidence":
        return value or None if isinstance(value, str) or value is None else _INVALID
    if isinstance(value, list | tuple) and all(isinstance(k, str) for k in value):
        return list(dict.fromkeys(value))
    return _INVALID
