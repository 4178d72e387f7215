"""The declarations of interest made at a meeting: who declared, on which item (or on
the business generally), the category, the nature of the interest, and whether they
left the room, in the order they were made."""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...domain.procedure_records import DeclarationRecord
from ..shared.interest_words import category_label
from ..shared.records_table import Column, RecordTableModel
from .stay_choices import item_label


class DeclarationsModel(RecordTableModel[DeclarationRecord]):
    """Holds ``DeclarationRecord`` rows in the meeting's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Member"), self.person),
                Column(self.tr("Item"), self.item, tooltip=self.item),
                Column(self.tr("Category"), lambda r: category_label(r.category)),
                Column(
                    self.tr("Nature of the interest"),
                    lambda r: r.nature,
                    tooltip=lambda r: r.nature,
                ),
                Column(
                    self.tr("Left the room"),
                    lambda r: self.tr("Yes") if r.left_room else self.tr("No"),
                ),
            ],
            parent=parent,
        )

    def person(self, record: DeclarationRecord) -> str:
        if record.substitute:
            return self.tr("{name} (substitute)").format(name=record.person_name)
        return record.person_name

    def item(self, record: DeclarationRecord) -> str:
        if record.item is None or record.item_number is None:
            return self.tr("General")
        return item_label(record.item_number, record.item_title or "")
