"""What the record holds beside a findings section: the notes and evidence held against
its terms-of-reference item and the items under it, closed ones marked, and where the
item is thin (its coverage gaps). "Cite in Paragraph" cites the one chosen in the
paragraph being written (the page performs it as one undo step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Access
from ...domain.report_entries import AtHand
from ..shared.display import closed_tint, lock_icon, one_line
from ..shared.tables import caption

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


@dataclass(frozen=True)
class HeldRow:
    kind: str  # "note" or "evidence"
    key: str
    label: str
    closed: bool


class AtHandModel(QAbstractListModel):
    """The notes and evidence held against a findings section's item, evidence first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[HeldRow] = []

    def set_at_hand(self, at_hand: AtHand | None) -> None:
        self.beginResetModel()
        self.rows = []
        if at_hand is not None:
            self.rows += [
                HeldRow("evidence", e.key, f"E{e.number}  {e.title}", e.access is Access.CLOSED)
                for e in at_hand.evidence
            ]
            self.rows += [
                HeldRow("note", n.key, one_line(n.text, 140), n.closed) for n in at_hand.notes
            ]
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = self.tr("Evidence") if row.kind == "evidence" else self.tr("Note")
            return f"{kind}: {row.label}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Closed: {label}").format(label=row.label) if row.closed else row.label
        if role == Qt.ItemDataRole.DecorationRole and row.closed:
            return lock_icon()
        if role == Qt.ItemDataRole.BackgroundRole and row.closed:
            return closed_tint()
        if role == Qt.ItemDataRole.AccessibleTextRole and row.closed:
            return self.tr("Closed: {label}").format(label=row.label)
        return None


class AtHandPane(QWidget):
    """Shown beside a findings section; ``cite`` asks to cite the chosen row."""

    #: (kind, key) of the row to cite in the paragraph being written
    cite = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("atHandPane")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.model = AtHandModel(self)
        self.view = QListView()
        self.view.setObjectName("atHandView")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.gaps_label = QLabel()
        self.gaps_label.setObjectName("atHandGaps")
        self.gaps_label.setWordWrap(True)
        self.gaps_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cite_button = QPushButton(self.tr("C&ite in Paragraph"))
        self.cite_button.setObjectName("citeAtHand")
        self.cite_button.setToolTip(
            self.tr("Cite the chosen note or evidence in the paragraph being written")
        )
        self.cite_button.clicked.connect(self._on_cite)
        self.view.doubleClicked.connect(lambda _index: self._on_cite())
        self.view.selectionModel().currentChanged.connect(lambda *_: self.update_button())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(caption(self.tr("&Held against it"), self.view))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.gaps_label)
        layout.addWidget(self.cite_button)
        self.can_cite = False
        self.show_at_hand(None)

    def show_at_hand(self, at_hand: AtHand | None) -> None:
        self.model.set_at_hand(at_hand)
        if at_hand is None:
            self.heading.setText("")
            self.gaps_label.setText("")
        else:
            self.heading.setText(
                self.tr("At hand: {item}").format(item=one_line(at_hand.tor.label, 90))
            )
            self.heading.setToolTip(at_hand.tor.label)
            gaps = [ref.label for ref in at_hand.gaps]
            self.gaps_label.setText(
                self.tr("Nothing held yet on: {items}").format(items="; ".join(gaps))
                if gaps
                else self.tr("Every item here has notes or evidence held against it.")
            )
        self.update_button()

    def chosen(self) -> HeldRow | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def update_button(self) -> None:
        self.cite_button.setEnabled(self.can_cite and self.chosen() is not None)

    def _on_cite(self) -> None:
        row = self.chosen()
        if row is not None and self.can_cite:
            self.cite.emit(row.kind, row.key)
