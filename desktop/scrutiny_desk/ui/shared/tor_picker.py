"""A type-ahead picker of terms-of-reference items, for the keyboard first.

Type a number ("1.2") or words ("targets supply"); the best matches are listed beside
the field, the ones the caller prefers (an agenda item's own terms of reference)
first. Enter adds the highlighted match (Up and Down move the highlight; a click adds
one too), Backspace in an empty field removes the last item chosen, and Enter in an
empty field emits ``submitted`` (a note pane saves then). Chosen items show as small
removable chips ("1.2 ✕"; a click removes one).

Its whole API::

    picker = TorPicker()
    picker.set_terms(tree)          # the review's tree (TorItem), numbered by position
    picker.set_preferred(keys)      # offered first, in this order
    picker.keys() -> tuple[str, ...]    # chosen, in the order chosen
    picker.set_keys(keys)           # choose these (unknown keys are dropped)
    picker.clear()                  # choose none, empty the field
    picker.accept_typed() -> bool   # add the highlighted match of what is typed, if any
    picker.set_none_text(text)      # said while none is chosen (None: "None chosen")
    picker.changed                  # Signal(): the chosen keys changed
    picker.submitted                # Signal(): Enter with nothing typed
    picker.editor                   # the QLineEdit (its focus proxy)

``match_terms`` is the matching itself, without Qt widgets, for tests and other pickers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.records import TorItem
from ...domain.structure import walk_tor

_NUMBER = re.compile(r"\d+(\.\d+)*\.?")
KeyRole = Qt.ItemDataRole.UserRole + 1
#: How many matches are listed at once.
SHOWN = 6
_CHIP_TEXT = 28


@dataclass(frozen=True)
class TermChoice:
    """One item of the tree as the picker offers it."""

    key: str
    number: str
    text: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.text}"


def flatten(tree: Sequence[TorItem]) -> list[TermChoice]:
    """Every item of the tree with its number, in tree order."""
    return [TermChoice(item.key, number, item.text) for number, item in walk_tor(tree)]


def match_terms(
    choices: Sequence[TermChoice],
    query: str,
    preferred: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> list[TermChoice]:
    """The choices that match what was typed, best first.

    A number matches itself first, then the items under it, then other numbers that
    begin with it ("1" gives 1, 1.1, 1.2 ... and 10). Words match items whose text
    holds every word (in any case), items whose text begins with the first word
    first. Among equals, ``preferred`` keys come first (in their order), then tree
    order. Nothing typed lists everything, preferred first."""
    rank_preferred = {key: n for n, key in enumerate(preferred)}
    skip = set(exclude)
    q = query.strip().casefold()
    ranked: list[tuple[int, int, int, TermChoice]] = []
    words = q.split()
    for order, choice in enumerate(choices):
        if choice.key in skip:
            continue
        tier: int | None
        if not q:
            tier = 0
        elif _NUMBER.fullmatch(q):
            number = q.rstrip(".")
            if choice.number == number:
                tier = 0
            elif choice.number.startswith(number + "."):
                tier = 1
            elif choice.number.startswith(number):
                tier = 2
            else:
                tier = None
        else:
            text = choice.text.casefold()
            if all(w in text or choice.number == w for w in words):
                tier = 0 if text.startswith(words[0]) else 1
            else:
                tier = None
        if tier is not None:
            ranked.append(
                (tier, rank_preferred.get(choice.key, len(rank_preferred)), order, choice)
            )
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked]


class TorPicker(QWidget):
    """Choose terms-of-reference items by typing (see the module for its API)."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: list[TermChoice] = []
        self._by_key: dict[str, TermChoice] = {}
        self._preferred: tuple[str, ...] = ()
        self._keys: list[str] = []

        self.editor = QLineEdit()
        self.editor.setObjectName("torPickerEditor")
        self.editor.setAccessibleName(self.tr("Terms of reference"))
        self.editor.setPlaceholderText(self.tr("Type 1.2 or words, Enter to add"))
        self.editor.setToolTip(
            self.tr(
                "Type a number or words and press Enter to add the highlighted item "
                "(Up/Down choose another); Backspace removes the last one"
            )
        )
        self.editor.setClearButtonEnabled(True)
        self.editor.textEdited.connect(self._on_text_edited)
        self.editor.installEventFilter(self)
        self.setFocusProxy(self.editor)

        self.matches = QStandardItemModel(self)
        self.list = QListView()
        self.list.setObjectName("torPickerMatches")
        self.list.setModel(self.matches)
        self.list.setAccessibleName(self.tr("Matching terms of reference"))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field's Up/Down move it
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.clicked.connect(self._on_match_clicked)
        row = self.list.fontMetrics().height() + 4
        self.list.setFixedHeight(row * 4 + 6)

        self.chips = QWidget()
        self.chips.setObjectName("torPickerChips")
        self._chip_layout = QHBoxLayout(self.chips)
        self._chip_layout.setContentsMargins(0, 0, 0, 0)
        self._chip_layout.setSpacing(4)
        self.none_label = QLabel(self.tr("None chosen"))
        self.none_label.setEnabled(False)
        self._chip_layout.addWidget(self.none_label)
        self._chip_layout.addStretch(1)

        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.editor)
        left.addWidget(self.chips)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addWidget(self.list, 3)

    # API ---------------------------------------------------------------------------------

    def set_terms(self, tree: Sequence[TorItem]) -> None:
        """The review's tree; chosen keys no longer in it are dropped."""
        self._choices = flatten(tree)
        self._by_key = {c.key: c for c in self._choices}
        kept = [k for k in self._keys if k in self._by_key]
        if kept != self._keys:
            self._keys = kept
            self._show_chips()
            self.changed.emit()
        else:
            self._show_chips()  # numbers may have changed
        self._refresh_matches()

    def set_preferred(self, keys: Sequence[str]) -> None:
        """These items are offered first (an agenda item's own terms of reference)."""
        self._preferred = tuple(keys)
        self._refresh_matches()

    def keys(self) -> tuple[str, ...]:
        return tuple(self._keys)

    def set_keys(self, keys: Sequence[str]) -> None:
        wanted = [k for k in dict.fromkeys(keys) if k in self._by_key]
        if wanted != self._keys:
            self._keys = wanted
            self._show_chips()
            self._refresh_matches()
            self.changed.emit()

    def clear(self) -> None:
        self.editor.clear()
        self.set_keys(())
        self._refresh_matches()

    def add_key(self, key: str) -> None:
        if key in self._by_key and key not in self._keys:
            self.set_keys([*self._keys, key])

    def remove_key(self, key: str) -> None:
        if key in self._keys:
            self.set_keys([k for k in self._keys if k != key])

    def accept_typed(self) -> bool:
        """Add the highlighted match of what is typed (as Enter would); False if
        nothing is typed or nothing matches. A pane saving with text still in the
        field calls this first: the clerk evidently meant it."""
        if not self.editor.text().strip() or not self.list.currentIndex().isValid():
            return False
        self._add_current()
        return True

    def set_none_text(self, text: str | None) -> None:
        """What the picker says where the chips go while no item is chosen: what
        happens then (a note pane files it under its agenda item's own). None: "None
        chosen"."""
        self.none_label.setText(text or self.tr("None chosen"))
        self.none_label.setToolTip(text or "")
        self.none_label.setEnabled(bool(text))  # news, not a greyed-out nothing

    def numbers(self) -> tuple[str, ...]:
        """The numbers of the chosen items ("1.2"), in the order chosen."""
        return tuple(self._by_key[k].number for k in self._keys)

    # Keys ----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self._on_key(event):
                return True
        return super().eventFilter(watched, event)

    def _on_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            if self.editor.text().strip():
                self._add_current()
            else:
                self.submitted.emit()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and plain:
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key == Qt.Key.Key_Backspace and plain and not self.editor.text() and self._keys:
            self.remove_key(self._keys[-1])
            return True
        if key == Qt.Key.Key_Escape and self.editor.text():
            self.editor.clear()
            self._refresh_matches()
            return True
        return False

    def _move(self, step: int) -> None:
        rows = self.matches.rowCount()
        if not rows:
            return
        current = self.list.currentIndex().row()
        row = max(0, min(rows - 1, (current if current >= 0 else -1) + step))
        self.list.setCurrentIndex(self.matches.index(row, 0))

    def _add_current(self) -> None:
        index = self.list.currentIndex()
        if not index.isValid():
            return
        self.add_key(str(index.data(KeyRole)))
        self.editor.clear()
        self._refresh_matches()

    def _on_match_clicked(self, index: QModelIndex) -> None:
        self.add_key(str(index.data(KeyRole)))
        self.editor.clear()
        self._refresh_matches()
        self.editor.setFocus()

    def _on_text_edited(self, _text: str) -> None:
        self._refresh_matches()

    # Showing -------------------------------------------------------------------------------

    def _refresh_matches(self) -> None:
        found = match_terms(self._choices, self.editor.text(), self._preferred, self._keys)
        preferred = set(self._preferred)
        self.matches.clear()
        for choice in found:
            item = QStandardItem(choice.label)
            item.setData(choice.key, KeyRole)
            item.setToolTip(choice.label)
            item.setEditable(False)
            if choice.key in preferred:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
                item.setToolTip(self.tr("{label}\n(this agenda item's)").format(label=choice.label))
            self.matches.appendRow(item)
        if found:
            self.list.setCurrentIndex(self.matches.index(0, 0))

    def _show_chips(self) -> None:
        while self._chip_layout.count() > 2:  # the "none" label and the stretch stay
            item = self._chip_layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for n, key in enumerate(self._keys, start=1):
            choice = self._by_key[key]
            short = (
                choice.text
                if len(choice.text) <= _CHIP_TEXT
                else choice.text[: _CHIP_TEXT - 1] + "…"
            )
            chip = QToolButton()
            chip.setObjectName("torChip")
            chip.setText(f"{choice.number} {short}  ✕")
            chip.setToolTip(self.tr("{label}\n(click to remove)").format(label=choice.label))
            chip.setAccessibleName(self.tr("Remove {number}").format(number=choice.number))
            chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Backspace in the field removes
            chip.setAutoRaise(False)
            chip.clicked.connect(lambda _checked=False, k=key: self.remove_key(k))
            self._chip_layout.insertWidget(n, chip)
        self.none_label.setVisible(not self._keys)
