"""The evidence register as a table, its filter, and the notes taken against one piece
of evidence (a paged model: a well-used submission can gather many notes).

Closed evidence looks as closed business does everywhere: a warm tint across the row,
and a bold "Closed" with a padlock in the Access column.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ...domain.enums import Access, EvidenceKind
from ...domain.evidence_records import EvidenceEntry, human_size
from ...domain.note_records import NoteEntry
from ...services.notes import NotesService
from ..shared.display import DATE_FORMAT, SortRole
from ..shared.paged import Order, PagedTableModel
from ..shared.records_table import Column, RecordTableModel, closed_mark, closed_row, closed_tooltip
from ..shared.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex


def short_date(value: date) -> str:
    """``15 Jan 2007``: a date received needs no weekday."""
    return QLocale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


def tor_number(label: str) -> str:
    """The printed number of a term of reference ("3.4") from its label ("3.4 Text")."""
    return label.split(" ", 1)[0]


class KindLabels(QObject):
    """What each kind of evidence is called on screen."""

    def labels(self) -> dict[EvidenceKind, str]:
        return {
            EvidenceKind.WRITTEN: self.tr("Written submission"),
            EvidenceKind.QUESTIONNAIRE: self.tr("Questionnaire"),
            EvidenceKind.STATEMENT: self.tr("Statement"),
            EvidenceKind.RESEARCH: self.tr("Research"),
            EvidenceKind.VISIT: self.tr("Visit"),
        }


class EvidenceColumn(IntEnum):
    NUMBER = 0
    KIND = 1
    TITLE = 2
    FROM = 3
    RECEIVED = 4
    ACCESS = 5
    TOR = 6
    FILE = 7
    NOTES = 8


class EvidenceModel(RecordTableModel[EvidenceEntry]):
    """The register in its order; ``IdRole`` the evidence id, ``SortRole`` a sort value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], row_roles=closed_row(_is_closed), parent=parent)
        self._kinds = KindLabels(self).labels()
        self.columns = tuple(self._columns())

    def kind_label(self, kind: EvidenceKind) -> str:
        return self._kinds[kind]

    def _columns(self) -> list[Column[EvidenceEntry]]:
        """The columns, in ``EvidenceColumn`` order. Every cell's tooltip ends by
        saying closed evidence is confidential; what a screen reader says is the text
        unless a number or a blank needs words."""
        tr = self.tr
        closed = tr("CLOSED: confidential, left out of public papers")

        def tip(lines: Callable[[EvidenceEntry], list[str]]) -> Callable[[EvidenceEntry], Any]:
            return closed_tooltip(lines, _is_closed, lambda _e: closed)

        def words(
            blank: Callable[[EvidenceEntry], bool], said: str, text: Callable[[EvidenceEntry], str]
        ) -> Callable[[EvidenceEntry], str]:
            return lambda e: said if blank(e) else text(e)

        def kind(e: EvidenceEntry) -> str:
            return self.kind_label(e.kind)

        def title(e: EvidenceEntry) -> str:
            return tr("{title}, closed evidence").format(title=e.title) if e.is_closed else e.title

        def received(e: EvidenceEntry) -> str:
            return short_date(e.received) if e.received else ""

        def tor(e: EvidenceEntry) -> str:
            return ", ".join(tor_number(t.label) for t in e.tor)

        def file(e: EvidenceEntry) -> str:
            return f"{e.file.name} ({human_size(e.file.size)})" if e.file is not None else ""

        def file_tip(e: EvidenceEntry) -> list[str]:
            if e.file is None:
                return []
            size = human_size(e.file.size)
            return [
                tr("{name}\n{size}, {type}").format(
                    name=e.file.name, size=size, type=e.file.media_type
                )
            ]

        def none(_e: EvidenceEntry) -> list[str]:
            return []

        right = Qt.AlignmentFlag.AlignRight
        return [
            Column(
                tr("No."),
                lambda e: str(e.number),
                tooltip=tip(none),
                accessible=lambda e: tr("Evidence {number}").format(number=e.number),
                align=right,
                roles={SortRole: lambda e: e.number},
            ),
            Column(tr("Kind"), kind, tooltip=tip(none), accessible=kind),
            Column(
                tr("Title"),
                lambda e: e.title,
                tooltip=tip(lambda e: [e.title, e.summary] if e.summary else [e.title]),
                accessible=title,
            ),
            Column(
                tr("From"), from_text, tooltip=tip(lambda e: [from_text(e)]), accessible=from_text
            ),
            Column(
                tr("Received"),
                received,
                tooltip=tip(none),
                accessible=words(
                    lambda e: e.received is None, tr("Date received not recorded"), received
                ),
                roles={SortRole: lambda e: e.received.isoformat() if e.received else ""},
            ),
            Column(
                tr("Access"),
                lambda e: tr("Closed") if e.is_closed else tr("Open"),
                tooltip=tip(lambda e: [] if e.is_closed else [tr("Open: may be published")]),
                accessible=lambda e: tr("Closed: confidential") if e.is_closed else tr("Open"),
                header_tip=tr(
                    "Open evidence may be published; closed evidence is confidential and "
                    "is left out of public papers"
                ),
                roles={SortRole: lambda e: int(e.is_closed), **closed_mark(_is_closed)},
            ),
            Column(
                tr("ToR"),
                tor,
                tooltip=tip(lambda e: [t.label for t in e.tor]),
                accessible=words(lambda e: not e.tor, tr("No terms of reference"), tor),
                header_tip=tr("The terms of reference it answers, by number"),
            ),
            Column(
                tr("File"),
                file,
                tooltip=tip(file_tip),
                accessible=words(lambda e: e.file is None, tr("No file attached"), file),
                header_tip=tr("The file attached to it, kept in the database"),
                roles={SortRole: lambda e: e.file.size if e.file else -1},
            ),
            Column(
                tr("Notes"),
                lambda e: str(e.note_count) if e.note_count else "",
                tooltip=tip(none),
                accessible=lambda e: tr("{count} notes").format(count=e.note_count),
                align=right,
                header_tip=tr("Notes taken against it"),
                roles={SortRole: lambda e: e.note_count},
            ),
        ]


def _is_closed(entry: EvidenceEntry) -> bool:
    return entry.is_closed


def from_text(entry: EvidenceEntry) -> str:
    """Who it came from: the witness's name, else the free-text source."""
    if entry.witness is not None:
        return entry.witness.label
    return entry.source or ""


class EvidenceFilter(QSortFilterProxyModel):
    """Rows whose text contains the words typed, of one kind and access if chosen."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._kind: EvidenceKind | None = None
        self._access: Access | None = None
        self.setSortRole(SortRole)

    def set_filter(self, text: str, kind: EvidenceKind | None, access: Access | None) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self._kind = kind
        self._access = access
        self.endFilterChange()

    def is_filtered(self) -> bool:
        return bool(self._text) or self._kind is not None or self._access is not None

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, EvidenceModel) or source_row >= model.rowCount():
            return True
        entry = model.record(source_row)
        if self._kind is not None and entry.kind is not self._kind:
            return False
        if self._access is not None and entry.access is not self._access:
            return False
        if not self._text:
            return True
        haystack = " ".join(
            [
                entry.title,
                entry.summary or "",
                from_text(entry),
                entry.source or "",
                model.kind_label(entry.kind),
                " ".join(t.label for t in entry.tor),
                entry.file.name if entry.file else "",
            ]
        ).casefold()
        return all(word in haystack for word in self._text.split())


class EvidenceNotesModel(PagedTableModel[NoteEntry]):
    """The notes taken against one piece of evidence, oldest first."""

    def __init__(
        self, runner: TaskRunner, notes: NotesService, parent: QObject | None = None
    ) -> None:
        super().__init__(
            runner,
            [
                Column(
                    self.tr("Taken"),
                    lambda n: (
                        QLocale().toString(
                            QDate(n.created.year, n.created.month, n.created.day), DATE_FORMAT
                        )
                        + n.created.strftime(" %H:%M")
                    ),
                    sort="created",
                ),
                Column(self.tr("Note"), lambda n: n.text, tooltip=lambda n: _note_tip(self, n)),
                Column(
                    self.tr("ToR"),
                    lambda n: ", ".join(n.tor_numbers),
                    tooltip=lambda n: "\n".join(t.label for t in n.tor) or None,
                    accessible=lambda n: (
                        ", ".join(n.tor_numbers) or self.tr("No terms of reference")
                    ),
                ),
                Column(
                    self.tr("Access"),
                    lambda n: self.tr("Closed") if n.closed else self.tr("Open"),
                    roles=closed_mark(_note_closed),
                ),
            ],
            fetch=notes.entries,
            order=Order("created"),
            row_roles=closed_row(_note_closed),
            parent=parent,
        )


def _note_closed(note: NoteEntry) -> bool:
    return note.closed


def _note_tip(model: QObject, note: NoteEntry) -> str:
    lines = [note.text]
    if note.closed:
        lines += ["", model.tr("CLOSED: confidential, left out of public papers")]
    return "\n".join(lines)
