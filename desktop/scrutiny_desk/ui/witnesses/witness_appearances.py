"""The agenda items the selected witness is heard under, below the register, with a
note when they asked to be heard in private but are still listed under open items."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.people_records import WitnessRecord
from ..shared.tables import FIT, STRETCH, caption, record_table
from .witnesses_model import AppearanceColumn, AppearancesModel


class WitnessAppearances(QWidget):
    """The panel: ``show_witness`` fills it (None: no witness chosen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AppearancesModel(self)
        self.view = record_table(
            self.model,
            self.tr("Appearances"),
            {
                AppearanceColumn.DATE: FIT,
                AppearanceColumn.MEETING: STRETCH,
                AppearanceColumn.ITEM: STRETCH,
                AppearanceColumn.ACCESS: FIT,
            },
        )
        self.heading = caption(self.tr("Appeara&nces"), self.view)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(self.view)

    def show_witness(self, witness: WitnessRecord | None, register_empty: bool) -> None:
        """Show ``witness``'s appearances; with none chosen, say how to choose one (or
        that the register is empty)."""
        if witness is None:
            self.model.set_rows([])
            self.heading.setText(self.tr("Appeara&nces"))
            self.note.setText(
                self.tr("Choose a witness above to see the agenda items they are heard under.")
                if not register_empty
                else self.tr("The register has no witnesses yet.")
            )
            return
        self.model.set_rows(witness.appearances)
        self.heading.setText(
            self.tr("Appeara&nces of {name}").format(name=witness.name.replace("&", "&&"))
        )
        self.view.setAccessibleName(self.tr("Appearances of {name}").format(name=witness.name))
        closed = sum(1 for a in witness.appearances if a.item_closed)
        if not witness.appearances:
            note = self.tr("Not on any agenda yet.")
        elif witness.private and witness.open_appearances:
            note = self.tr(
                "Asked to give evidence in private, but still heard under {items}: close "
                "them on the agenda."
            ).format(items=self._open_items(len(witness.open_appearances)))
        elif closed == len(witness.appearances):
            note = self.tr("Every item is closed: taken in private.")
        elif closed:
            note = self.tr("{closed} of {count} items closed: taken in private.").format(
                closed=closed, count=len(witness.appearances)
            )
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def _open_items(self, count: int) -> str:
        return (
            self.tr("1 open item")
            if count == 1
            else self.tr("{count} open items").format(count=count)
        )
