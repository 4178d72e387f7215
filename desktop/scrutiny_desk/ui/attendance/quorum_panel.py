"""Beside the attendance: the review's quorum and, item by item, whether the meeting
had it, read again as arrivals and departures are recorded. Items without a quorum are
named in the line above the table and marked "Not quorate" in it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...domain.procedure_records import MeetingQuorum
from ..shared.tables import FIT, STRETCH, caption, record_table
from .quorum_model import QuorumModel


class QuorumPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quorumPanel")
        self.model = QuorumModel(self)
        self.view = record_table(
            self.model, self.tr("Quorum at each item"), {0: FIT, 1: STRETCH, 2: FIT, 3: FIT}
        )
        self.view.setObjectName("quorumView")
        self.heading = caption(self.tr("Quorum"), self.view)
        self.heading.setObjectName("quorumHeading")
        self.summary = QLabel()
        self.summary.setObjectName("quorumSummary")
        self.summary.setWordWrap(True)
        self.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def show_quorum(self, quorum: MeetingQuorum | None, *, took_place: bool = True) -> None:
        """``took_place``: False for a meeting cancelled or postponed, which had no
        quorum to count."""
        if quorum is not None and not took_place:
            self.model.set_records([])
            self.heading.setText(self.tr("Quorum: {n}").format(n=quorum.quorum))
            self.summary.setText(self.tr("The meeting did not take place."))
            return
        if quorum is None:
            self.model.set_records([])
            self.heading.setText(self.tr("Quorum"))
            self.summary.clear()
            return
        if list(quorum.items) != self.model.records():
            self.model.set_records(quorum.items)
        self.heading.setText(self.tr("Quorum: {n}").format(n=quorum.quorum))
        short = [str(i.number) for i in quorum.items if not i.quorate]
        if not quorum.items:
            text = self.tr("The agenda has no items.")
        elif not short:
            text = self.tr("Quorate for every item.")
        elif len(short) == 1:
            text = self.tr("Not quorate for item {n}.").format(n=short[0])
        else:
            text = self.tr("Not quorate for items {first} and {last}.").format(
                first=", ".join(short[:-1]), last=short[-1]
            )
        self.summary.setText(text)
        self.summary.setAccessibleName(text)
        self.view.setAccessibleDescription(text)
