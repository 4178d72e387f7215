"""Paste terms of reference: text copied from Word or a web page becomes a tree.

The clerk pastes on the left; the preview on the right shows the tree that will be
added, numbered as it will be (after the items already there), and can be put right
before anything is saved: edit a line's words (F2 or a double-click), indent, outdent,
remove a line. Changing the pasted text rebuilds the preview. Saving is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain.tor_parse import ParsedTor, parse_tor
from ..shared.common import action_buttons
from ..shared.fields import remember_geometry
from ..shared.settings import Settings
from ..shared.tables import caption
from .tor_model import TorColumn, TorTreeModel

PREVIEW_DELAY_MS = 200


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's present width.

    Measured with font metrics, asking the Python model itself: ``initStyleOption`` or
    ``index.data()`` called from Python in PySide 6.12 release a reference to None each
    time they give None back, which crashes the interpreter at exit after many rows."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != TorColumn.TEXT:
            return hint
        model = self._view.model()  # asked directly: index.data() returning None, too
        font = model.data(index, Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else self._view.font())
        margin = 2 * (self._view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        width = max(self._view.header().sectionSize(TorColumn.TEXT) - margin, 50)
        text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
        flags = int(Qt.TextFlag.TextWordWrap)
        height = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height()
        return QSize(hint.width(), max(hint.height(), height + 2))


def setup_tor_tree(view: QTreeView, model: TorTreeModel, name: str) -> None:
    """A tree of terms of reference whose long items wrap onto more lines rather than
    being cut short: a clerk reads the whole question."""
    view.setAccessibleName(name)
    view.setItemDelegate(_WrappingDelegate(view))
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setUniformRowHeights(False)
    view.setWordWrap(True)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(
        QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.DoubleClicked
    )
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(TorColumn.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(TorColumn.TEXT, QHeaderView.ResizeMode.Stretch)
    if model.columnCount() > TorColumn.NOTES:
        header.setSectionResizeMode(TorColumn.NOTES, QHeaderView.ResizeMode.ResizeToContents)
    relayout = QTimer(view)
    relayout.setSingleShot(True)
    relayout.setInterval(0)
    relayout.timeout.connect(view.doItemsLayout)  # row heights follow the new width
    header.sectionResized.connect(relayout.start)


class PasteTorDialog(QDialog):
    """Pasted text on the left, the editable tree it makes on the right."""

    def __init__(self, parent: QWidget | None, settings: Settings, existing: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("pasteTorDialog")
        self.setWindowTitle(self.tr("Paste Terms of Reference"))
        self.existing = existing  # objectives already there: the first pasted is existing+1

        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("pastedText")
        self.text_edit.setAccessibleName(self.tr("Pasted text"))
        self.text_edit.setPlaceholderText(
            self.tr(
                "Paste the terms of reference here (Ctrl+V), copied from a Word document, "
                "a web page or an e-mail. Bullets, numbering such as 1. a) (i), indentation "
                'and lead-in lines such as "This included:" are understood.'
            )
        )
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.model = TorTreeModel(self, in_memory=True, show_notes=False)
        self.model.first_number = existing + 1
        self.preview = QTreeView()
        self.preview.setObjectName("pastePreview")
        setup_tor_tree(self.preview, self.model, self.tr("Preview of the terms of reference"))
        self.preview.selectionModel().currentChanged.connect(self._on_current_changed)

        self.indent_action = self._action(
            self.tr("&Indent"), self.tr("Put the line under the line above it"), "Ctrl+]"
        )
        self.indent_action.triggered.connect(lambda: self._change(self.model.indent))
        self.outdent_action = self._action(
            self.tr("&Outdent"), self.tr("Move the line out one level"), "Ctrl+["
        )
        self.outdent_action.triggered.connect(lambda: self._change(self.model.outdent))
        self.remove_action = self._action(
            self.tr("&Remove Line"), self.tr("Leave the line and its sub-items out"), "Del"
        )
        self.remove_action.triggered.connect(self._remove)

        self.summary = QLabel()
        self.summary.setObjectName("pasteSummary")
        self.summary.setWordWrap(True)
        hint = QLabel(
            self.tr(
                "Numbers follow position. Edit a line with F2 or a double-click; changing "
                "the pasted text builds the preview again."
            )
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 4, 0)
        left_layout.addWidget(caption(self.tr("&Pasted text"), self.text_edit))
        left_layout.addWidget(self.text_edit, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addWidget(caption(self.tr("Pre&view"), self.preview))
        right_layout.addLayout(
            action_buttons([self.indent_action, self.outdent_action, None, self.remove_action])
        )
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(hint)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([420, 520])

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Add to Terms of Reference"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(buttons_row)
        self.resize(980, 600)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self.text_edit.textChanged.connect(self._timer.start)
        remember_geometry(
            self,
            lambda: settings.paste_tor_dialog_geometry,
            lambda g: setattr(settings, "paste_tor_dialog_geometry", g),
        )
        self.setTabOrder(self.text_edit, self.preview)
        self.refresh_preview()
        self.text_edit.setFocus()

    def _action(self, text: str, tip: str, keys: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(f"{tip} ({QKeySequence(keys).toString()})")
        action.setStatusTip(tip)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.preview.addAction(action)
        return action

    # The answer -------------------------------------------------------------------------

    def parsed(self) -> tuple[ParsedTor, ...]:
        """The tree to add, with the clerk's changes in the preview."""
        return self.model.parsed()

    def set_text(self, text: str) -> None:
        """Paste ``text`` and show its tree at once (what a paste does, a little later)."""
        self.text_edit.setPlainText(text)
        self.refresh_preview()

    # Keeping the preview up to date ------------------------------------------------------

    def refresh_preview(self) -> None:
        self._timer.stop()
        self.model.set_parsed(parse_tor(self.text_edit.toPlainText()))
        self._after_change(None)

    def _after_change(self, key: str | None) -> None:
        self.preview.expandAll()
        if key is not None:
            index = self.model.index_of_key(key)
            if index.isValid():
                self.preview.setCurrentIndex(index)
                self.preview.scrollTo(index)
        elif self.model.rowCount():
            self.preview.setCurrentIndex(self.model.index(0, TorColumn.TEXT))
        top, under = self.model.count()
        if top == 0:
            self.summary.setText(self.tr("Nothing to add yet: paste the text on the left."))
        else:
            first = self.existing + 1
            self.summary.setText(
                self.tr("{top} at the top (numbered from {first}) with {under} under them.").format(
                    top=self._objectives(top),
                    first=first,
                    under=self._sub_items(under),
                )
            )
        self.ok_button.setEnabled(top > 0)
        self._update_actions()

    def _objectives(self, n: int) -> str:
        return self.tr("1 item") if n == 1 else self.tr("{0} items").format(n)

    def _sub_items(self, n: int) -> str:
        return self.tr("1 sub-item") if n == 1 else self.tr("{0} sub-items").format(n)

    def _on_current_changed(self, *_args: object) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        key = self.model.key(self.preview.currentIndex())
        self.indent_action.setEnabled(key is not None and self.preview.currentIndex().row() > 0)
        self.outdent_action.setEnabled(
            key is not None and self.preview.currentIndex().parent().isValid()
        )
        self.remove_action.setEnabled(key is not None)

    def _change(self, change: Callable[[str], bool]) -> None:
        key = self.model.key(self.preview.currentIndex())
        if key is not None and change(key):
            self._after_change(key)

    def _remove(self) -> None:
        index = self.preview.currentIndex()
        key = self.model.key(index)
        if key is None:
            return
        keys = self.model.keys()
        self.model.remove(key)
        following = [k for k in keys[keys.index(key) + 1 :] if k in set(self.model.keys())]
        before = [k for k in keys[: keys.index(key)] if k in set(self.model.keys())]
        self._after_change(following[0] if following else (before[-1] if before else None))
