"""Cell editors of the pages: where a witness's invitation stands."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from ..shared.cell_editors import ChoiceDelegate
from ..shared.witness_dialog import InvitationLabels


class InvitationDelegate(ChoiceDelegate):
    """A list of invitation states."""

    def name(self) -> str:
        return self.tr("Invitation")

    def choices(self, combo: QComboBox) -> list[tuple[str, object]]:
        return [(label, state.value) for label, state in InvitationLabels(combo).items()]
