"""The editor below the paragraph list: one paragraph's text, open or closed, what it
cites and the recommendations it supports.

The form only shows and reads values: ``show_entry`` fills it and ``values()`` says
what the text and access fields hold now. The page saves each field when the clerk is
done with it (``ui.shared.field_commits``: the text after a pause in typing and when it
is left, Ctrl+Return at once; the closed box at once) and owns the actions whose buttons
go in ``cite_buttons``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Access
from ...domain.report_entries import ParagraphEntry
from ..shared.fields import ProblemLabel
from ..shared.tables import caption

#: The fields the editor saves, as the service's ``edit`` takes them.
FIELDS = ("text", "access")


class ParagraphEditor(QWidget):
    """The form; ``filling`` is True while it shows a record (nothing is saved then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paragraphEditor")
        self.filling = False
        self.entry: ParagraphEntry | None = None
        self.heading = QLabel()
        self.heading.setObjectName("paragraphHeading")
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("paragraphText")
        self.text_edit.setAccessibleName(self.tr("Paragraph text"))
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setPlaceholderText(self.tr("Write the paragraph here"))
        #: Ctrl+Return saves the text at once (the page connects it)
        self.save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self.text_edit)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.closed_box = QCheckBox(self.tr("C&losed: not in the public report"))
        self.closed_box.setObjectName("paragraphClosed")
        self.problem = ProblemLabel()
        self.cited_label = QLabel()
        self.cited_label.setObjectName("paragraphCites")
        self.cited_label.setWordWrap(True)
        self.cited_label.setTextFormat(Qt.TextFormat.PlainText)
        self.supports_label = QLabel()
        self.supports_label.setObjectName("paragraphSupports")
        self.supports_label.setWordWrap(True)
        self.supports_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cite_buttons = QHBoxLayout()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.closed_box)
        layout.addLayout(top)
        layout.addWidget(caption(self.tr("&Text (Ctrl+Return saves)"), self.text_edit))
        layout.addWidget(self.text_edit, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.cited_label)
        layout.addWidget(self.supports_label)
        layout.addLayout(self.cite_buttons)
        self.show_entry(None)

    def show_entry(self, entry: ParagraphEntry | None, *, keep_text: bool = False) -> None:
        """Fill the form from a paragraph (None: none chosen, the form disabled);
        ``keep_text``: leave the text being typed as it is."""
        self.filling = True
        try:
            self.entry = entry
            self.problem.show_problem(None)
            self.setEnabled(entry is not None)
            if entry is None:
                self.heading.setText(self.tr("No paragraph chosen"))
                self.text_edit.setPlainText("")
                self.closed_box.setChecked(False)
                self.cited_label.setText("")
                self.supports_label.setText("")
                return
            self.heading.setText(
                self.tr("Paragraph {number}").format(number=entry.number)
                if entry.number
                else self.tr("Paragraph (not numbered)")
            )
            if not keep_text and self.text_edit.toPlainText() != entry.text:
                self.text_edit.setPlainText(entry.text)
            self.closed_box.setChecked(entry.closed)
            self.cited_label.setText(self._cited(entry))
            refs = "; ".join(ref.label for ref in entry.recommendations)
            self.supports_label.setText(
                self.tr("Supports: {list}").format(list=refs)
                if refs
                else self.tr("Supports no recommendation")
            )
        finally:
            self.filling = False

    def _cited(self, entry: ParagraphEntry) -> str:
        cited = [
            *(self.tr("Note: {label}").format(label=ref.label) for ref in entry.notes),
            *(self.tr("Evidence: {label}").format(label=ref.label) for ref in entry.evidence),
        ]
        if not cited:
            return self.tr("Cites nothing")
        text = self.tr("Cites: {list}").format(list="; ".join(c.rstrip(".") for c in cited))
        if entry.closed_cited and not entry.closed:
            text += "\n" + self.tr(
                "Some of it is closed: the public report prints “evidence heard in private”."
            )
        return text

    def set_read_only(self, read_only: bool) -> None:
        """A database opened read-only: the paragraph can be read, not changed."""
        self.text_edit.setReadOnly(read_only)
        self.closed_box.setEnabled(not read_only)

    def values(self) -> dict[str, Any]:
        """What the fields hold now, as the service's ``edit`` takes them."""
        return {
            "text": self.text_edit.toPlainText(),
            "access": Access.CLOSED if self.closed_box.isChecked() else Access.OPEN,
        }

    def changed_values(self) -> dict[str, Any]:
        """The values that differ from the paragraph shown."""
        if self.entry is None:
            return {}
        return {
            name: value
            for name, value in self.values().items()
            if getattr(self.entry, name) != value
        }
