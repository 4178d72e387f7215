"""Who is heard under an agenda item, and which terms of reference it addresses.

Witnesses come from the review's register, ticked in the order they are heard (Move Up
and Move Down change it); "New Witness…" adds one to the register on the spot (its own
undo step) and ticks them. Terms of reference are listed with their numbers, indented
by depth. A witness who asked to give evidence in private carries the lock and tint of
closed business, so the clerk sees at once that the item should be closed; putting one
on an open item asks first (public papers would name them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.agenda_records import ItemRecord
from ...domain.errors import Problem
from ...domain.people_records import WitnessRecord
from ...domain.records import TorItem
from ..shared.display import closed_tint, lock_icon
from ..shared.fields import ProblemLabel, remember_geometry
from ..shared.publicity_questions import ask_before_hearing_in_public
from ..shared.settings import Settings
from ..shared.tables import caption
from ..shared.witness_dialog import WitnessDialog, WitnessValues

KeyRole = Qt.ItemDataRole.UserRole + 10

#: Saves (witness keys, terms-of-reference keys); the problems to show, if any.
PeopleSave = Callable[[tuple[str, ...], tuple[str, ...]], Sequence[Problem]]
#: Adds a witness to the register: (problems, the new witness or None).
WitnessAdd = Callable[[WitnessValues], tuple[Sequence[Problem], WitnessRecord | None]]


def witness_label(witness: WitnessRecord) -> str:
    details = ", ".join(p for p in (witness.role, witness.organisation) if p)
    return f"{witness.name} — {details}" if details else witness.name


class ItemPeopleDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        item: ItemRecord,
        witnesses: Sequence[WitnessRecord],
        terms: Sequence[tuple[str, TorItem]],
        save: PeopleSave,
        add_witness: WitnessAdd | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("itemPeopleDialog")
        self.setWindowTitle(self.tr("Witnesses and Terms of Reference"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(900, 480)
        self._save = save
        self._add_witness = add_witness
        self._settings = settings
        self._item = item
        self.witness_dialog: WitnessDialog | None = None  # the one open, for tests
        self.private_question: QMessageBox | None = None  # asked before hearing in public
        self._private = {w.key: w.name for w in witnesses if w.private}

        heading = QLabel(
            self.tr("Item {number}: {title}").format(number=item.number, title=item.title)
        )
        heading.setWordWrap(True)
        bold = heading.font()
        bold.setBold(True)
        heading.setFont(bold)

        # Witnesses: the item's own first, in the order they are heard, then the register.
        self.witness_model = QStandardItemModel(self)
        chosen = [w.key for w in item.witnesses]
        by_key = {w.key: w for w in witnesses}
        ordered = [by_key[k] for k in chosen if k in by_key]
        ordered += [w for w in witnesses if w.key not in chosen]
        for witness in ordered:
            self.witness_model.appendRow(self._witness_row(witness, witness.key in chosen))
        self.witness_view = QListView()
        self.witness_view.setObjectName("itemWitnesses")
        self.witness_view.setModel(self.witness_model)
        self.witness_view.setAccessibleName(self.tr("Witnesses heard under the item"))
        self.witness_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.witness_view.setAlternatingRowColors(True)
        self.witness_view.setIconSize(QSize(16, 16))
        self.witness_view.setWordWrap(True)
        if self.witness_model.rowCount():
            self.witness_view.setCurrentIndex(self.witness_model.index(0, 0))

        self.new_witness_button = QPushButton(self.tr("&New Witness…"))
        self.new_witness_button.setAccessibleName(self.tr("New witness"))
        self.new_witness_button.setToolTip(
            self.tr("Add a witness to the register and hear them under this item")
        )
        self.new_witness_button.setEnabled(add_witness is not None)
        self.new_witness_button.clicked.connect(self.new_witness)
        self.up_button = QPushButton(self.tr("Move &Up"))
        self.up_button.setAccessibleName(self.tr("Move witness up"))
        self.up_button.setToolTip(self.tr("Hear the selected witness earlier (Ctrl+Up)"))
        self.up_button.clicked.connect(lambda: self.move_witness(-1))
        self.down_button = QPushButton(self.tr("Move &Down"))
        self.down_button.setAccessibleName(self.tr("Move witness down"))
        self.down_button.setToolTip(self.tr("Hear the selected witness later (Ctrl+Down)"))
        self.down_button.clicked.connect(lambda: self.move_witness(1))

        # Terms of reference, numbered and indented by depth.
        self.tor_model = QStandardItemModel(self)
        self._tor_before = tuple(t.key for t in item.tor)
        self._tor_order = {term.key: n for n, (_number, term) in enumerate(terms)}
        for number, term in terms:
            row = QStandardItem(f"{'    ' * number.count('.')}{number}  {term.text}")
            row.setData(term.key, KeyRole)
            row.setToolTip(f"{number} {term.text}")
            row.setCheckable(True)
            row.setEditable(False)
            row.setCheckState(
                Qt.CheckState.Checked if term.key in self._tor_before else Qt.CheckState.Unchecked
            )
            self.tor_model.appendRow(row)
        self.tor_view = QListView()
        self.tor_view.setObjectName("itemTerms")
        self.tor_view.setModel(self.tor_model)
        self.tor_view.setAccessibleName(self.tr("Terms of reference the item addresses"))
        self.tor_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tor_view.setWordWrap(True)
        self.tor_view.setAlternatingRowColors(True)
        self.tor_view.setSpacing(1)
        if self.tor_model.rowCount():
            self.tor_view.setCurrentIndex(self.tor_model.index(0, 0))

        self.general_problem = ProblemLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(
            caption(self.tr("&Witnesses (ticked, in the order heard)"), self.witness_view), 0, 0
        )
        grid.addWidget(caption(self.tr("&Terms of reference"), self.tor_view), 0, 1)
        grid.addWidget(self.witness_view, 1, 0)
        grid.addWidget(self.tor_view, 1, 1)
        witness_buttons = QHBoxLayout()
        witness_buttons.addWidget(self.new_witness_button)
        witness_buttons.addStretch(1)
        witness_buttons.addWidget(self.up_button)
        witness_buttons.addWidget(self.down_button)
        grid.addLayout(witness_buttons, 2, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(grid, 1)
        layout.addWidget(self.general_problem)
        layout.addWidget(self.buttons)

        self.witness_view.selectionModel().currentChanged.connect(self._update_buttons)
        self._update_buttons()
        remember_geometry(
            self,
            lambda: settings.item_people_dialog_geometry,
            lambda g: setattr(settings, "item_people_dialog_geometry", g),
        )
        self.witness_view.setFocus()
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self.witness_view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda step=step: self.move_witness(step))

    def _witness_row(self, witness: WitnessRecord, checked: bool) -> QStandardItem:
        row = QStandardItem(witness_label(witness))
        row.setData(witness.key, KeyRole)
        row.setCheckable(True)
        row.setEditable(False)
        row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        if witness.private:
            row.setIcon(lock_icon())
            row.setBackground(closed_tint())
            row.setToolTip(
                self.tr(
                    "{name} asked to give evidence in private: close the item if they are "
                    "heard under it"
                ).format(name=witness.name)
            )
            row.setData(
                self.tr("{label}, asked to give evidence in private").format(
                    label=witness_label(witness)
                ),
                Qt.ItemDataRole.AccessibleTextRole,
            )
        else:
            row.setToolTip(witness_label(witness))
        return row

    # Values -----------------------------------------------------------------------------

    def witness_keys(self) -> tuple[str, ...]:
        """The ticked witnesses, in list order (the order they are heard)."""
        return tuple(
            self.witness_model.item(r).data(KeyRole)
            for r in range(self.witness_model.rowCount())
            if self.witness_model.item(r).checkState() == Qt.CheckState.Checked
        )

    def tor_keys(self) -> tuple[str, ...]:
        """The ticked terms: those the item had keep their order, new ones by number."""
        ticked = {
            self.tor_model.item(r).data(KeyRole)
            for r in range(self.tor_model.rowCount())
            if self.tor_model.item(r).checkState() == Qt.CheckState.Checked
        }
        kept = [k for k in self._tor_before if k in ticked]
        added = sorted(ticked - set(kept), key=lambda k: self._tor_order.get(k, 0))
        return tuple(kept + added)

    def set_witness_checked(self, key: str, checked: bool) -> None:
        row = self._witness_row_of(key)
        if row is not None:
            self.witness_model.item(row).setCheckState(
                Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
            )

    def set_tor_checked(self, key: str, checked: bool) -> None:
        for r in range(self.tor_model.rowCount()):
            if self.tor_model.item(r).data(KeyRole) == key:
                self.tor_model.item(r).setCheckState(
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                )

    def _witness_row_of(self, key: str) -> int | None:
        for r in range(self.witness_model.rowCount()):
            if self.witness_model.item(r).data(KeyRole) == key:
                return r
        return None

    # Actions ----------------------------------------------------------------------------

    def move_witness(self, step: int) -> None:
        row = self.witness_view.currentIndex().row()
        to = row + step
        if row < 0 or not 0 <= to < self.witness_model.rowCount():
            return
        taken = self.witness_model.takeRow(row)
        self.witness_model.insertRow(to, taken)
        self.witness_view.setCurrentIndex(self.witness_model.index(to, 0))
        self._update_buttons()

    def new_witness(self) -> None:
        if self._add_witness is None:
            return
        self.witness_dialog = WitnessDialog(self, self._settings, self._on_new_witness)
        self.witness_dialog.finished.connect(lambda _r: setattr(self, "witness_dialog", None))
        self.witness_dialog.open()

    def _on_new_witness(self, values: WitnessValues) -> Sequence[Problem]:
        assert self._add_witness is not None
        problems, witness = self._add_witness(values)
        if witness is not None:
            if witness.private:
                self._private[witness.key] = witness.name
            # Heard after the witnesses already ticked.
            ticked = [
                r
                for r in range(self.witness_model.rowCount())
                if self.witness_model.item(r).checkState() == Qt.CheckState.Checked
            ]
            row = ticked[-1] + 1 if ticked else 0
            self.witness_model.insertRow(row, self._witness_row(witness, True))
            self.witness_view.setCurrentIndex(self.witness_model.index(row, 0))
        return problems

    def private_heard_in_public(self) -> list[str]:
        """The names of witnesses who asked to give evidence in private that this would
        newly put on the item while it is open."""
        if self._item.is_closed:
            return []
        before = {w.key for w in self._item.witnesses}
        return [
            self._private[k] for k in self.witness_keys() if k in self._private and k not in before
        ]

    def accept(self) -> None:
        names = self.private_heard_in_public()
        if not names:
            self._save_and_close()
            return
        self.private_question = ask_before_hearing_in_public(
            self, names, self._item.title, self._save_and_close
        )
        self.private_question.finished.connect(lambda _r: setattr(self, "private_question", None))

    def _save_and_close(self) -> None:
        problems = self._save(self.witness_keys(), self.tor_keys())
        if problems:
            self.general_problem.show_problem("\n".join(str(p) for p in problems))
            return
        super().accept()

    def _update_buttons(self, *_args: QModelIndex) -> None:
        row = self.witness_view.currentIndex().row()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.witness_model.rowCount() - 1)
