"""The people at a meeting who are not on its panel: substitutes ("Cllr A for Cllr B"),
officers in attendance and others also present, in the order the clerk added them.

An arrival and a departure show as the item's printed number ("Item 4"), or "From the
start" and "To the end".
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ...domain.enums import AttendeeKind
from ...domain.procedure_records import AttendeeRecord
from ..shared.records_table import Column, RecordTableModel
from .attendee_dialog import kind_label
from .stay_choices import from_the_start, to_the_end


class OthersModel(RecordTableModel[AttendeeRecord]):
    """Holds ``AttendeeRecord`` rows; ``row_of_key`` finds one by its key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                Column(self.tr("Attending as"), lambda r: kind_label(r.kind)),
                Column(self.tr("Name"), lambda r: r.name, tooltip=self.describe),
                Column(self.tr("Role or post"), lambda r: r.role or "", tooltip=lambda r: r.role),
                Column(self.tr("E-mail"), lambda r: r.email or "", tooltip=lambda r: r.email),
                Column(self.tr("Substitute for"), lambda r: r.substitute_for_name or ""),
                Column(self.tr("Arrived at"), self.arrived),
                Column(self.tr("Left after"), self.left),
            ],
            parent=parent,
        )

    def arrived(self, record: AttendeeRecord) -> str:
        if record.arrived_number is None:
            return from_the_start()
        return self.tr("Item {n}").format(n=record.arrived_number)

    def left(self, record: AttendeeRecord) -> str:
        if record.left_number is None:
            return to_the_end()
        return self.tr("Item {n}").format(n=record.left_number)

    def describe(self, record: AttendeeRecord) -> str:
        """``Cllr Ann Lee, substitute for Cllr Tom Bell``: the person in a line."""
        if record.kind is AttendeeKind.SUBSTITUTE and record.substitute_for_name:
            return self.tr("{name}, substitute for {member}").format(
                name=record.name, member=record.substitute_for_name
            )
        if record.role:
            return self.tr("{name}, {role}").format(name=record.name, role=record.role)
        return record.name

    def substitutes(self) -> list[AttendeeRecord]:
        return [r for r in self.records() if r.kind is AttendeeKind.SUBSTITUTE]
