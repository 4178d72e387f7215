"""Everything held about one person, as a tree: a heading per kind of record (their
recorded details, invitations issued, agenda items and meetings, notes, evidence,
mentions in free text, approved minutes, frozen report versions), the records under it.

Each record that lives somewhere in the review carries where it is (``RevealRole``:
the kind and key ``Workspace.reveal`` takes), so opening it goes there: a mention goes
to the note, minute or paragraph that holds it, for the clerk to edit before erasing.
Closed business is marked as everywhere (the padlock, the warm tint).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...domain.personal_data_records import (
    ApprovedMinutesHeld,
    HeldField,
    HeldInvitation,
    HeldItem,
    HeldRecord,
    Mention,
    PersonalDataHeld,
    SubjectKind,
)
from ..shared.display import DATE_FORMAT, bold_font, closed_tint, lock_icon, one_line

#: (kind, key) of the record a row stands for, as ``Workspace.reveal`` takes them.
RevealRole = Qt.ItemDataRole.UserRole + 10

#: A row: its two cells' texts, where it leads (or None) and whether it is closed.
Row = tuple[str, str, tuple[str, str] | None, bool]


def _tr(text: str) -> str:
    return QCoreApplication.translate("HeldModel", text)


def day_text(day: date) -> str:
    """``Mon 26 Mar 2007``, as the window writes dates."""
    return QLocale().toString(QDate(day.year, day.month, day.day), DATE_FORMAT)


def field_name(field: str) -> str:
    """A stored field's name in the window's words."""
    names = {
        "name": _tr("Name"),
        "role": _tr("Role"),
        "organisation": _tr("Organisation"),
        "email": _tr("E-mail address"),
        "invitation": _tr("Invitation"),
        "private": _tr("In private"),
        "attended": _tr("Attended"),
    }
    return names.get(field, field[:1].upper() + field[1:])


def mention_kind(kind: str) -> str:
    names = {
        "note": _tr("Note"),
        "evidence": _tr("Evidence"),
        "minute": _tr("Minutes"),
        "item": _tr("Agenda item"),
        "recommendation": _tr("Recommendation"),
        "action": _tr("Action"),
        "paragraph": _tr("Report paragraph"),
    }
    return names.get(kind, kind)


def _fields(fields: Iterable[HeldField], where: tuple[str, str] | None) -> list[Row]:
    return [(field_name(f.field), f.value, where, False) for f in fields]


def _invitations(invitations: Iterable[HeldInvitation]) -> list[Row]:
    kinds = {
        "invitation": _tr("Invitation"),
        "update": _tr("Update"),
        "cancellation": _tr("Cancellation"),
    }
    return [
        (
            _tr("{kind} to {meeting} on {day}").format(
                kind=kinds.get(i.kind, i.kind),
                meeting=i.meeting_title,
                day=day_text(i.meeting_start),
            ),
            _tr("Issued {day} by {by} to {name} <{email}>").format(
                day=day_text(i.issued_at), by=i.by, name=i.name, email=i.email
            ),
            ("meeting", i.meeting_key),
            False,
        )
        for i in invitations
    ]


def _items(items: Iterable[HeldItem]) -> list[Row]:
    rows: list[Row] = []
    for item in items:
        meeting = _tr("{meeting}, {day}").format(
            meeting=item.meeting_title, day=day_text(item.meeting_start)
        )
        notes = [_tr("closed item")] if item.closed else []
        if item.minutes_approved:
            notes.append(_tr("minutes approved"))
        detail = "; ".join([meeting, *notes])
        if item.item_key is None:
            where = ("meeting", item.meeting_key)
            rows.append((_tr("Recorded at the meeting"), detail, where, False))
        else:
            rows.append((item.item_title or "", detail, ("item", item.item_key), item.closed))
    return rows


def _records(records: Iterable[HeldRecord]) -> list[Row]:
    return [
        (
            one_line(r.text, 100),
            _tr("Closed") if r.closed else _tr("Open"),
            (r.kind, r.key),
            r.closed,
        )
        for r in records
    ]


def _mentions(mentions: Iterable[Mention]) -> list[Row]:
    return [
        (
            m.where or mention_kind(m.kind),
            one_line(m.text, 140)
            + (_tr(" (approved minutes: kept as approved)") if m.approved else ""),
            (m.kind, m.key),
            False,
        )
        for m in mentions
    ]


def _approved(minutes: Iterable[ApprovedMinutesHeld]) -> list[Row]:
    return [
        (
            _tr("{meeting}, {day}").format(meeting=m.meeting_title, day=day_text(m.meeting_start)),
            _tr("Approved {day}: kept as approved, a statutory record").format(
                day=day_text(m.approved_on)
            )
            if m.approved_on
            else _tr("Approved: kept as approved, a statutory record"),
            ("meeting", m.meeting_key),
            False,
        )
        for m in minutes
    ]


class HeldModel(QStandardItemModel):
    """Two columns (What, Details); a heading row per section, its records below."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setHorizontalHeaderLabels([self.tr("What"), self.tr("Details")])
        self.held: PersonalDataHeld | None = None

    def show(self, held: PersonalDataHeld | None) -> None:
        """Show what is held about one person (None: nobody chosen)."""
        self.held = held
        self.removeRows(0, self.rowCount())
        if held is None:
            return
        person, versions = held.person, held.report_versions
        where = ("witness", person.key) if person.kind is SubjectKind.WITNESS else None
        sections: list[tuple[str, list[Row]]] = [
            (self.tr("Recorded details"), _fields(held.fields, where)),
            (self.tr("Invitations issued"), _invitations(held.invitations)),
            (self.tr("Agenda items and meetings"), _items(held.items)),
            (self.tr("Notes linked to them"), _records(held.notes)),
            (self.tr("Evidence linked to them"), _records(held.evidence)),
            (self.tr("Mentions in free text"), _mentions(held.mentions)),
            (self.tr("Approved minutes naming them"), _approved(held.approved_minutes)),
            (
                self.tr("Frozen report versions naming them"),
                [(self.tr("Version {n}").format(n=v), "", None, False) for v in versions],
            ),
        ]
        for title, rows in sections:
            self._section(title, rows)

    def section_titles(self) -> list[str]:
        return [self.item(row, 0).text() for row in range(self.rowCount())]

    def _section(self, title: str, rows: list[Row]) -> None:
        count = self.tr("none") if not rows else str(len(rows))
        heading = QStandardItem(title)
        heading.setFont(bold_font())
        heading.setEditable(False)
        tally = QStandardItem(count)
        tally.setEditable(False)
        tally.setData(f"{title}: {count}", Qt.ItemDataRole.AccessibleTextRole)
        for what, detail, leads_to, closed in rows:
            first, second = QStandardItem(what), QStandardItem(detail)
            for cell in (first, second):
                cell.setEditable(False)
                cell.setToolTip(detail or what)
                if closed:
                    cell.setBackground(closed_tint())
                if leads_to is not None:
                    cell.setData(leads_to, RevealRole)
            if closed:
                first.setIcon(lock_icon())
            heading.appendRow([first, second])
        self.appendRow([heading, tally])
