"""Whether the meeting was quorate at each item, in the order of business.

One row per item: its printed number, its title, how many members (and substitutes)
were there, and "Quorate" or "Not quorate". An inquorate item is marked in words,
in bold and with a warning sign, never by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ...domain.procedure_records import ItemQuorumRecord
from ..shared.display import SortRole, bold_font
from ..shared.records_table import Column, RecordTableModel

Role = Qt.ItemDataRole
_RIGHT = Qt.AlignmentFlag.AlignRight


def _warning(record: ItemQuorumRecord) -> Any:
    if record.quorate:
        return None
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


class QuorumModel(RecordTableModel[ItemQuorumRecord]):
    """Holds ``ItemQuorumRecord`` rows in the order of business."""

    def __init__(self, parent: QObject | None = None) -> None:
        verdict: Callable[[ItemQuorumRecord], str] = self.verdict
        super().__init__(
            [
                Column(
                    self.tr("No."),
                    lambda r: str(r.number),
                    align=_RIGHT,
                    roles={SortRole: lambda r: r.number},
                ),
                Column(
                    self.tr("Item"),
                    lambda r: r.title,
                    tooltip=lambda r: r.title,
                ),
                Column(
                    self.tr("Present"),
                    lambda r: str(r.present),
                    align=_RIGHT,
                    accessible=lambda r: self.tr("{n} present").format(n=r.present),
                    header_tip=self.tr("Members and substitutes there for the item"),
                    roles={SortRole: lambda r: r.present},
                ),
                Column(
                    self.tr("Quorum"),
                    verdict,
                    roles={
                        Role.DecorationRole: _warning,
                        Role.FontRole: lambda r: None if r.quorate else bold_font(),
                    },
                ),
            ],
            id_of=lambda r: r.item_id,
            parent=parent,
        )

    def verdict(self, record: ItemQuorumRecord) -> str:
        return self.tr("Quorate") if record.quorate else self.tr("Not quorate")

    def inquorate(self) -> list[ItemQuorumRecord]:
        return [r for r in self.records() if not r.quorate]
