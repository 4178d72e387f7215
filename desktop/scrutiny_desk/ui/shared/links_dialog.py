"""Choose what supports a record: the terms-of-reference items a recommendation
answers, the notes that support it, the notes and evidence a report's paragraph cites,
the recommendations it supports.

Items are ticked in a list; the ticked ones keep their order and new ticks go after
them. For notes, the list starts with the notes already chosen and those taken on the
recommendation's terms of reference, and a search box finds any other note of the
review by its words. A closed note carries the lock and tint of closed business (it is
never printed in a public paper).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import Problem
from .display import closed_tint, lock_icon
from .fields import ProblemLabel, remember_geometry
from .settings import Settings
from .tables import caption

KeyRole = Qt.ItemDataRole.UserRole + 10
SEARCH_DELAY_MS = 250


@dataclass(frozen=True)
class Choice:
    key: str
    label: str
    depth: int = 0
    closed: bool = False


#: Saves the ticked keys in order; the problems to show, if any.
LinksSave = Callable[[tuple[str, ...]], Sequence[Problem]]
#: Starts a search for choices by words (notes): the answer comes back through
#: ``show_found`` (the search runs off the GUI thread).
Search = Callable[[str], None]


class LinksDialog(QDialog):
    def __init__(
        self,
        parent: QWidget,
        settings: Settings,
        save: LinksSave,
        *,
        title: str,
        heading: str,
        list_label: str,
        choices: Sequence[Choice],
        chosen: Sequence[str],
        search: Search | None = None,
        name: str = "recommendationLinksDialog",
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumSize(560, 460)
        self._save = save
        self._search = search
        self._order: list[str] = list(chosen)
        self._known: dict[str, Choice] = {c.key: c for c in choices}

        top = QLabel(heading)
        top.setWordWrap(True)
        bold = top.font()
        bold.setBold(True)
        top.setFont(bold)
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(list_label.replace("&", ""))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setIconSize(QSize(16, 16))
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName(self.tr("Find notes by their words"))
        self.search_edit.setPlaceholderText(self.tr("Find notes by their words…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setVisible(search is not None)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.problem = ProblemLabel()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Save"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(top)
        layout.addWidget(self.search_edit)
        layout.addWidget(caption(list_label, self.view))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.model.itemChanged.connect(self._on_item_changed)
        self._fill(choices)
        remember_geometry(
            self,
            lambda: settings.recommendation_links_dialog_geometry,
            lambda g: setattr(settings, "recommendation_links_dialog_geometry", g),
        )
        (self.search_edit if search is not None else self.view).setFocus()

    # The answer ---------------------------------------------------------------------

    def keys(self) -> tuple[str, ...]:
        """The ticked keys: those chosen before in their order, then new ticks."""
        return tuple(self._order)

    def set_checked(self, key: str, checked: bool) -> None:
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.data(KeyRole) == key:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)

    def shown_keys(self) -> list[str]:
        return [self.model.item(row).data(KeyRole) for row in range(self.model.rowCount())]

    def accept(self) -> None:
        problems = self._save(self.keys())
        if problems:
            self.problem.show_problem("\n".join(str(p) for p in problems))
            return
        super().accept()

    # Filling --------------------------------------------------------------------------

    def words(self) -> str:
        return self.search_edit.text().strip()

    def run_search(self) -> None:
        """Ask for the notes with the words typed (no words: the first list)."""
        self._timer.stop()
        if self._search is not None:
            self._search(self.words())

    def show_found(self, words: str, found: Sequence[Choice]) -> None:
        """Show the chosen ones, then what a search found (unless the words changed)."""
        if words != self.words():
            return
        for choice in found:
            self._known.setdefault(choice.key, choice)
        self._fill(found)

    def _fill(self, choices: Sequence[Choice]) -> None:
        self.model.blockSignals(True)
        self.model.clear()
        shown: set[str] = set()
        first = [self._known[k] for k in self._order if k in self._known]
        for choice in [*first, *choices] if self._search is not None else choices:
            if choice.key in shown:
                continue
            shown.add(choice.key)
            self.model.appendRow(self._row(choice))
        self.model.blockSignals(False)
        self.view.reset()

    def _row(self, choice: Choice) -> QStandardItem:
        label = ("    " * choice.depth) + choice.label
        if choice.closed:
            label += "  " + self.tr("(closed)")
        item = QStandardItem(label)
        item.setData(choice.key, KeyRole)
        item.setCheckable(True)
        item.setEditable(False)
        item.setToolTip(choice.label)
        item.setCheckState(
            Qt.CheckState.Checked if choice.key in self._order else Qt.CheckState.Unchecked
        )
        if choice.closed:
            item.setIcon(lock_icon())
            item.setBackground(closed_tint())
            item.setAccessibleText(self.tr("Closed: {label}").format(label=choice.label))
        return item

    def _on_item_changed(self, item: QStandardItem) -> None:
        key = item.data(KeyRole)
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and key not in self._order:
            self._order.append(key)
        elif not checked and key in self._order:
            self._order.remove(key)
        self.problem.show_problem(None)
