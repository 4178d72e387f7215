"""Editors for a note's cells on the Notes page: text, terms of reference, witnesses,
evidence.

``NoteCellDelegate`` opens, in place of the cell (F2 or a double click):

- the text: a panel under the row showing the whole note, wrapped (a row shows one
  line of it); Enter saves, Shift+Enter starts a new line, Escape cancels;
- the terms of reference: a small panel over the table holding the type-ahead
  ``TorPicker``. Type a number or words and Enter adds the highlighted item;
  Backspace removes the last; Enter with the field empty saves, Escape (with the field
  empty) cancels. It says at once when nothing is chosen (a note must answer at least
  one item; the page refuses to save none);
- the witnesses: a panel with a list of the review's witnesses to tick (Space ticks,
  letters jump to a name), Enter saves, Escape cancels;
- the evidence: a drop-down of the review's evidence and "(none)"; Enter saves, and so
  does a choice in its open list. Closed evidence has the padlock.

In all three Tab saves and moves to the next cell (Shift+Tab the one before), and a
click elsewhere saves, as Qt's own cell editors do. The delegate does not save: it
gives the model the keys chosen (``setData``) and the page makes the change one undo
step. The choices (the review's tree, witnesses and evidence) come from the page,
which reads them off the GUI thread with its filters' choices.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QIcon, QKeyEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.records import TorItem
from ..shared.display import lock_icon
from ..shared.fields import ProblemLabel
from ..shared.tor_picker import TorPicker

Index = QModelIndex | QPersistentModelIndex
Hint = QAbstractItemDelegate.EndEditHint
KeyRole = Qt.ItemDataRole.UserRole + 1
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


@dataclass(frozen=True)
class Choice:
    """A witness or a piece of evidence as an editor offers it."""

    key: str
    label: str
    closed: bool = False
    tip: str = ""


@dataclass
class NoteChoices:
    """What the editors offer: the review's tree, witnesses and evidence."""

    tree: tuple[TorItem, ...] = ()
    witnesses: list[Choice] = field(default_factory=list)
    evidence: list[Choice] = field(default_factory=list)
    #: evidence key -> the terms of reference it was filed under (offered first)
    evidence_tor: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: read from the database (until then no editor opens: it would show the note's
    #: choices as none)
    loaded: bool = False


class PanelEditor(QFrame):
    """A cell editor that needs more room than its cell: a framed panel over the
    table, the cell's top-left corner its own (moved to stay in view)."""

    def __init__(self, title: str, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.finished = False  # saved or cancelled: later events are not acted on
        self.cell = QRect()  # the cell it edits, in its parent's coordinates
        self.title = QLabel(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(hint)
        self.hint.setEnabled(False)
        self.hint.setWordWrap(True)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(8, 6, 8, 6)
        self.body.setSpacing(4)
        self.body.addWidget(self.title)

    def inner(self) -> list[QWidget]:
        """The widgets that take the keyboard (the delegate watches them)."""
        focus = self.focusProxy()
        return [focus] if focus is not None else []


class NoteTextEditor(PanelEditor):
    """The text of a note, all of it, wrapped: a row shows only its first line's worth."""

    MAX_LINES = 14  # taller than this, it scrolls

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Note"),
            self.tr("Enter saves, Shift+Enter starts a new line, Escape cancels."),
            parent,
        )
        self.setObjectName("noteTextEditor")
        self.setAccessibleName(self.tr("Text of the note"))
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("noteTextEdit")
        self.text_edit.setAccessibleName(self.tr("Text of the note"))
        self.text_edit.setTabChangesFocus(True)
        self.body.addWidget(self.text_edit)
        self.body.addWidget(self.hint)
        self.setFocusProxy(self.text_edit)

    def set_text(self, text: str) -> None:
        self.text_edit.setPlainText(text)
        self.text_edit.moveCursor(self.text_edit.textCursor().MoveOperation.End)

    def text(self) -> str:
        return self.text_edit.toPlainText()

    def fit(self, width: int) -> None:
        """As tall as the whole note at this width (up to ``MAX_LINES`` lines)."""
        metrics = self.text_edit.fontMetrics()
        inner = max(100, width - 40)  # the panel's and the box's margins, the scroll bar
        shown = metrics.boundingRect(
            QRect(0, 0, inner, 100_000), Qt.TextFlag.TextWordWrap, self.text() or " "
        )
        lines = min(max(3, shown.height() // metrics.lineSpacing() + 1), self.MAX_LINES)
        self.text_edit.setFixedHeight(lines * metrics.lineSpacing() + 12)

    def sizeHint(self) -> QSize:
        return QSize(max(560, super().sizeHint().width()), super().sizeHint().height())


class TorEditor(PanelEditor):
    """The terms of reference of a note: a ``TorPicker`` in a panel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Terms of reference this note answers"),
            self.tr(
                "Type a number or words, Enter adds the highlighted item, Backspace removes "
                "the last. Enter with the field empty saves; Escape cancels."
            ),
            parent,
        )
        self.setObjectName("noteTorEditor")
        self.setAccessibleName(self.tr("Terms of reference of the note"))
        self.picker = TorPicker()
        self.picker.setObjectName("noteTorPicker")
        self.picker.editor.setAccessibleName(self.tr("Terms of reference of the note"))
        self.problem = ProblemLabel()
        self.problem.setObjectName("noteTorProblem")
        self.body.addWidget(self.picker)
        self.body.addWidget(self.problem)
        self.body.addWidget(self.hint)
        self.setFocusProxy(self.picker.editor)
        self.picker.changed.connect(self._on_changed)
        self._on_changed()

    def _on_changed(self) -> None:
        self.problem.show_problem(
            None
            if self.picker.keys()
            else self.tr("Choose at least one item: a note must answer the terms of reference.")
        )

    def sizeHint(self) -> QSize:
        return QSize(max(560, super().sizeHint().width()), super().sizeHint().height())


class WitnessEditor(PanelEditor):
    """The witnesses of a note: the review's witnesses, ticked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Witnesses the note is about"),
            self.tr("Space ticks or unticks; Enter saves; Escape cancels."),
            parent,
        )
        self.setObjectName("noteWitnessEditor")
        self.setAccessibleName(self.tr("Witnesses of the note"))
        self.list = QListWidget()
        self.list.setObjectName("noteWitnessList")
        self.list.setAccessibleName(self.tr("Witnesses of the note"))
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.body.addWidget(self.list)
        self.body.addWidget(self.hint)
        self.setFocusProxy(self.list)

    def set_choices(self, choices: Sequence[Choice], keys: Sequence[str]) -> None:
        chosen = set(keys)
        self.list.clear()
        known = {c.key for c in choices}
        # A witness the note names that is not offered (just deleted) stays ticked.
        extra = [Choice(k, k) for k in keys if k not in known]
        for choice in [*choices, *extra]:
            item = QListWidgetItem(choice.label)
            item.setData(KeyRole, choice.key)
            item.setToolTip(choice.tip or choice.label)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(
                Qt.CheckState.Checked if choice.key in chosen else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        rows = min(max(self.list.count(), 3), 8)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth())

    def keys(self) -> list[str]:
        return [
            str(item.data(KeyRole))
            for row in range(self.list.count())
            if (item := self.list.item(row)).checkState() == Qt.CheckState.Checked
        ]

    def sizeHint(self) -> QSize:
        return QSize(max(440, super().sizeHint().width()), super().sizeHint().height())


class EvidenceEditor(QComboBox):
    """The evidence of a note: "(none)" or one of the review's; ``chosen`` is emitted
    when an item is picked in the open list (saved at once, as a click means)."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEvidenceEditor")
        self.setAccessibleName(self.tr("Evidence of the note"))
        self.setToolTip(self.tr("The evidence the note is on (Enter saves, Escape cancels)"))
        self._closing = False
        self.activated.connect(self._on_activated)

    def set_choices(self, choices: Sequence[Choice], key: str | None) -> None:
        self.clear()
        lock, blank = lock_icon(), _blank_icon()
        self.addItem(blank, self.tr("(none)"), None)
        offered = list(choices)
        if key is not None and key not in {c.key for c in offered}:
            offered.append(Choice(key, key))
        for choice in offered:
            if choice.closed:
                self.addItem(
                    lock, self.tr("{label} (closed)").format(label=choice.label), choice.key
                )
            else:
                self.addItem(blank, choice.label, choice.key)  # the labels line up
            self.setItemData(
                self.count() - 1, choice.tip or choice.label, Qt.ItemDataRole.ToolTipRole
            )
        self.setCurrentIndex(max(self.findData(key), 0) if key is not None else 0)

    def key(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def hidePopup(self) -> None:
        super().hidePopup()
        # The list closes just before ``activated`` tells what was chosen in it.
        self._closing = True
        QTimer.singleShot(0, self._done_closing)

    def _done_closing(self) -> None:
        self._closing = False

    def _on_activated(self, _row: int) -> None:
        if self._closing:
            self._closing = False
            self.chosen.emit()


def _area(editor: QWidget) -> QRect:
    """Where an editor may go: the table's viewport."""
    parent = editor.parentWidget()
    return parent.rect() if parent is not None else editor.rect()


def _blank_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    return QIcon(pixmap)


class NoteCellDelegate(QStyledItemDelegate):
    """The editors of the ToR, witnesses and evidence columns (see the module)."""

    def __init__(
        self,
        tor_column: int,
        witness_column: int,
        evidence_column: int,
        text_column: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = {
            "tor": tor_column,
            "witnesses": witness_column,
            "evidence": evidence_column,
            "text": text_column,
        }
        self.choices = NoteChoices()
        self._outer: dict[QObject, PanelEditor] = {}

    def set_choices(self, choices: NoteChoices) -> None:
        self.choices = choices

    # Editors ----------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        column = index.column()
        choosing = (self.columns["tor"], self.columns["witnesses"], self.columns["evidence"])
        if column in choosing and not self.choices.loaded:
            # The review's choices are still being read: no editor (Qt takes a null).
            return None  # type: ignore[return-value]
        editor: PanelEditor
        if column == self.columns["tor"]:
            tor = TorEditor(parent)
            tor.picker.set_terms(self.choices.tree)
            editor = tor
        elif column == self.columns["witnesses"]:
            editor = WitnessEditor(parent)
        elif column == self.columns["text"]:
            editor = NoteTextEditor(parent)
        elif column == self.columns["evidence"]:
            combo = EvidenceEditor(parent)
            combo.chosen.connect(lambda: self._finish(combo, commit=True))
            return combo
        else:
            return super().createEditor(parent, option, index)
        for inner in editor.inner():
            self._outer[inner] = editor
            inner.installEventFilter(self)
            inner.destroyed.connect(lambda _obj=None, w=inner: self._outer.pop(w, None))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        keys = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, TorEditor):
            evidence = (
                index.model()
                .index(index.row(), self.columns["evidence"])
                .data(Qt.ItemDataRole.EditRole)
            )
            editor.picker.set_preferred(self.choices.evidence_tor.get(evidence or "", ()))
            editor.picker.set_keys(list(keys or ()))
        elif isinstance(editor, WitnessEditor):
            editor.set_choices(self.choices.witnesses, list(keys or ()))
            if editor.cell.isValid():
                self._place(editor)  # the list is as long as the register now
        elif isinstance(editor, EvidenceEditor):
            editor.set_choices(self.choices.evidence, keys or None)
        elif isinstance(editor, NoteTextEditor):
            editor.set_text(str(keys or ""))  # the text column's EditRole is the text
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, TorEditor):
            editor.picker.accept_typed()  # typed and highlighted: the clerk meant it
            model.setData(index, list(editor.picker.keys()), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, WitnessEditor):
            model.setData(index, editor.keys(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, EvidenceEditor):
            model.setData(index, editor.key() or "", Qt.ItemDataRole.EditRole)
        elif isinstance(editor, NoteTextEditor):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        if not isinstance(editor, PanelEditor | EvidenceEditor):
            super().updateEditorGeometry(editor, option, index)
            return
        cell = QRect(option.rect)
        if isinstance(editor, EvidenceEditor):
            area = _area(editor)
            width = min(max(cell.width(), editor.sizeHint().width()), area.width())
            x = max(area.left(), min(cell.left(), area.right() + 1 - width))
            editor.setGeometry(QRect(x, cell.top(), width, cell.height()))
            return
        editor.cell = cell
        self._place(editor)

    @staticmethod
    def _place(editor: PanelEditor) -> None:
        """A panel opens under its row (above it if there is no room), so the note
        being edited stays in sight; it is as tall as what it holds now."""
        cell = editor.cell
        area = _area(editor)
        width = min(max(cell.width(), editor.sizeHint().width()), area.width())
        x = max(area.left(), min(cell.left(), area.right() + 1 - width))
        if isinstance(editor, NoteTextEditor):
            editor.fit(width)
        height = editor.heightForWidth(width) if editor.hasHeightForWidth() else -1
        height = min(max(height, editor.minimumSizeHint().height()), area.height())
        y = cell.bottom() + 1
        if y + height > area.bottom() + 1:
            y = max(area.top(), cell.top() - height)
        editor.setGeometry(QRect(x, y, width, height))

    # Keys and focus ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        editor = self._outer.get(watched)
        if editor is None:
            if isinstance(watched, PanelEditor):
                return False  # its inner widgets' events are handled below
            return super().eventFilter(watched, event)
        if editor.finished:
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(editor, event)
        if kind == QEvent.Type.FocusOut:
            QTimer.singleShot(0, lambda e=editor: self._on_focus_gone(e))
        return False

    def _on_key(self, editor: PanelEditor, event: QKeyEvent) -> bool:
        key = event.key()
        typed = isinstance(editor, TorEditor) and bool(editor.picker.editor.text().strip())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() in _PLAIN:
            if typed:
                return False  # the picker adds the highlighted item
            self._finish(editor, commit=True)
            return True
        if key == Qt.Key.Key_Escape:
            if typed:
                return False  # the picker empties its field first
            self._finish(editor, commit=False)
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            backwards = key == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            self._finish(
                editor,
                commit=True,
                hint=Hint.EditPreviousItem if backwards else Hint.EditNextItem,
            )
            return True
        return False

    def _on_focus_gone(self, editor: PanelEditor) -> None:
        """A click or the keyboard took the focus elsewhere in the window: save, as a
        cell editor does (not when the window itself lost the focus)."""
        try:
            if editor.finished or not editor.isVisible():
                return
        except RuntimeError:  # deleted meanwhile
            return
        focus = QApplication.focusWidget()
        if focus is None or QApplication.activePopupWidget() is not None:
            return
        if focus is editor or editor.isAncestorOf(focus):
            return
        if focus.window() is not editor.window():
            return  # a message box or another window: the editor stays as it is
        self._finish(editor, commit=True)

    def _finish(self, editor: QWidget, *, commit: bool, hint: Hint = Hint.NoHint) -> None:
        if isinstance(editor, PanelEditor):
            if editor.finished:
                return
            editor.finished = True
        if commit:
            self.commitData.emit(editor)
        self.closeEditor.emit(editor, hint if commit else Hint.RevertModelCache)
