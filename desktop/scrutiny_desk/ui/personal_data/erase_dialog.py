"""Erase Personal Data: what erasing one person will do, said before it is done.

In the order the clerk must read it: first that it cannot be undone; then what will be
replaced by the neutral label ("Witness 3"); then the mentions in free text that
erasure leaves as written, each one a link to its record (``go_to``), with the offer to
edit them first; then the approved minutes kept as approved, and why UK GDPR allows
that. Nothing happens until the clerk types the label and presses the destructive
button, which is never the default: Enter and Escape cancel.

The dialog decides nothing: ``confirmed`` says the clerk asked for the erasure,
``go_to(kind, key)`` that they chose to edit a mention first (the dialog closes).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.personal_data_records import ErasurePlan
from ..shared.display import one_line
from .held_model import day_text, mention_kind

_TARGET = Qt.ItemDataRole.UserRole + 1


def _label(text: str, *, rich: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _bullets(lines: list[str]) -> str:
    return (
        "<ul style='margin-left: -20px'>"
        + "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        + "</ul>"
    )


class EraseDialog(QDialog):
    """Shows ``plan``; ``confirmed`` once the clerk typed the label and pressed Erase."""

    confirmed = Signal()
    go_to = Signal(str, str)

    def __init__(self, plan: ErasurePlan, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.plan = plan
        person = plan.person
        self.setWindowTitle(self.tr("Erase Personal Data of {name}").format(name=person.name))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 540)

        icon = QLabel()
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32)
        )
        self.warning = _label(
            "<b>"
            + html.escape(self.tr("This cannot be undone."))
            + "</b> "
            + html.escape(
                self.tr(
                    "Once erased, {name}'s name, role, organisation and e-mail address "
                    "cannot be brought back, by Undo or otherwise, and every undo history "
                    "is cleared."
                ).format(name=person.name)
            ),
            rich=True,
        )
        self.warning.setObjectName("eraseWarning")
        self.warning.setAccessibleName(self.tr("This cannot be undone"))
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.warning, 1)

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            _label(
                "<b>"
                + html.escape(
                    self.tr("Replaced by “{label}” wherever they are stored:").format(
                        label=plan.label
                    )
                )
                + "</b>"
                + _bullets(list(plan.changes)),
                rich=True,
            )
        )
        self.mentions = QListWidget()
        self.mentions.setObjectName("eraseMentions")
        self.mentions.setAccessibleName(self.tr("Mentions in free text to edit"))
        self.mentions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.mentions.setWordWrap(True)
        self.go_button = QPushButton(self.tr("&Go to Mention and Edit It"))
        self.go_button.setToolTip(
            self.tr("Close this and open the record that holds the mention: erase afterwards")
        )
        self._fill_mentions()
        column.addWidget(self._mentions_heading())
        if self.mentions.count():
            rows = min(self.mentions.count(), 4)  # a few in view, the rest by scrolling
            self.mentions.setFixedHeight(
                rows * 2 * self.mentions.fontMetrics().lineSpacing() + rows * 4 + 8
            )
            column.addWidget(self.mentions)
            go_row = QHBoxLayout()
            go_row.addStretch(1)
            go_row.addWidget(self.go_button)
            column.addLayout(go_row)
        column.addWidget(self._minutes_text())
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)

        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("eraseConfirmation")
        self.confirm_edit.setAccessibleName(
            self.tr("Type {label} to confirm the erasure").format(label=plan.label)
        )
        self.confirm_edit.setPlaceholderText(plan.label)
        confirm_label = QLabel(self.tr("To erase, type “{label}” &here:").format(label=plan.label))
        confirm_label.setBuddy(self.confirm_edit)
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(confirm_label)
        confirm_row.addWidget(self.confirm_edit, 1)

        self.buttons = QDialogButtonBox()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = QPushButton(self.tr("&Erase Personal Data"))
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setAutoDefault(False)
        self.buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button.setDefault(True)
        self.erase_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addLayout(confirm_row)
        layout.addWidget(self.buttons)

        self.confirm_edit.textChanged.connect(self._on_confirmation_typed)
        self.buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self._on_erase_clicked)
        self.go_button.clicked.connect(self._on_go_clicked)
        self.mentions.itemActivated.connect(lambda _item: self._on_go_clicked())
        self.confirm_edit.setFocus()

    # Parts -----------------------------------------------------------------------------

    def _fill_mentions(self) -> None:
        for mention in self.plan.mentions_to_edit:
            text = self.tr("{where}: “{text}”").format(
                where=mention.where or mention_kind(mention.kind), text=one_line(mention.text, 120)
            )
            item = QListWidgetItem(text)
            item.setData(_TARGET, (mention.kind, mention.key))
            item.setToolTip(self.tr("Enter or double-click: go to it and edit it"))
            self.mentions.addItem(item)
        if self.mentions.count():
            self.mentions.setCurrentRow(0)
        self.go_button.setEnabled(bool(self.mentions.count()))

    def _mentions_heading(self) -> QLabel:
        count = self.mentions.count()
        if not count:
            return _label(
                self.tr("No note, minute, item or other free text you wrote mentions them.")
            )
        heading = _label(
            "<b>"
            + html.escape(self.tr("Mentions in free text: %n to edit", "", count))
            + "</b><br>"
            + html.escape(
                self.tr(
                    "Erasure does not rewrite what you wrote: these will still name them. "
                    "Go to each and edit it first, then come back and erase."
                )
            ),
            rich=True,
        )
        heading.setBuddy(self.mentions)
        return heading

    def _minutes_text(self) -> QLabel:
        minutes = self.plan.approved_minutes
        lines = [
            self.tr("{meeting}, {day}").format(
                meeting=m.meeting_title, day=day_text(m.meeting_start)
            )
            for m in minutes
        ]
        heading = (
            self.tr("Approved minutes stay as approved (%n naming them):", "", len(minutes))
            if minutes
            else self.tr("Approved minutes stay as approved:")
        )
        text = (
            "<b>"
            + html.escape(heading)
            + "</b><br>"
            + html.escape(
                self.tr(
                    "Approved minutes are a statutory record open to public inspection. "
                    "UK GDPR allows them to be kept where the law requires the record "
                    "(Article 17(3)(b)) or for archiving in the public interest "
                    "(Article 17(3)(e)), so erasure does not change them."
                )
            )
            + (_bullets(lines) if lines else "")
        )
        label = _label(text, rich=True)
        label.setObjectName("eraseMinutesException")
        return label

    # Slots -----------------------------------------------------------------------------

    def matches(self) -> bool:
        """The clerk typed the label (case and spaces at the ends aside)."""
        return self.confirm_edit.text().strip().casefold() == self.plan.label.casefold()

    def _on_confirmation_typed(self, _text: str) -> None:
        self.erase_button.setEnabled(self.matches())

    def _on_erase_clicked(self) -> None:
        if not self.matches():
            return
        self.accept()
        self.confirmed.emit()

    def _on_go_clicked(self) -> None:
        item = self.mentions.currentItem()
        if item is None:
            return
        kind, key = item.data(_TARGET)
        self.reject()
        self.go_to.emit(kind, key)

    def mention_targets(self) -> list[tuple[str, str]]:
        """(kind, key) of each mention listed, for tests."""
        return [self.mentions.item(row).data(_TARGET) for row in range(self.mentions.count())]

    def select_mention(self, row: int) -> None:
        self.mentions.setCurrentIndex(self.mentions.model().index(row, 0, QModelIndex()))
