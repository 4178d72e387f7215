"""The strip above the Agenda tab's table that warns when an open item has a witness
who asked to give evidence in private, with a button to close such items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from ..shared.display import closed_tint

if TYPE_CHECKING:
    from ...domain.agenda_records import ItemRecord


class PrivacyStrip(QFrame):
    """Hidden until ``show_for`` is given items that need privacy; ``button`` closes them."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("privacyStrip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, closed_tint())
        self.setPalette(palette)
        icon = QLabel()
        icon.setPixmap(
            self.style()
            .standardIcon(self.style().StandardPixmap.SP_MessageBoxWarning)
            .pixmap(18, 18)
        )
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(self.tr("Close Them…"))
        self.button.setObjectName("closePrivateItems")
        self.button.setAccessibleName(self.tr("Close the items"))
        strip = QHBoxLayout(self)
        strip.setContentsMargins(8, 4, 8, 4)
        strip.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        strip.addWidget(self.text, 1)
        strip.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_for(self, needing: Sequence[ItemRecord]) -> None:
        if not needing:
            self.hide()
            return
        names = "; ".join(
            dict.fromkeys(
                w.label for i in needing for w in i.witnesses if w.key in i.private_witnesses
            )
        )
        if len(needing) == 1:
            text = self.tr(
                "Item {number}, “{title}”, is open, but {names} asked to give evidence in "
                "private. Close it so that it is taken in private."
            ).format(number=needing[0].number, title=needing[0].title, names=names)
            self.button.setText(self.tr("Close It…"))
        else:
            text = self.tr(
                "Items {numbers} are open, but {names} asked to give evidence in private. "
                "Close them so that they are taken in private."
            ).format(numbers=", ".join(str(i.number) for i in needing), names=names)
            self.button.setText(self.tr("Close Them…"))
        self.text.setText(text)
        self.setAccessibleName(text)
        self.show()
