"""Compare…: what differs between two versions of the report, or between a version
and the working draft, paragraph by paragraph (``difference_text``).

The clerk picks the two from lists of the versions made ("0.1 (for comment)") and the
working draft; the difference is worked out on the task runner (the working draft's
outline is built from the whole review) and shown once it is ready. Paragraphs are
matched by key, so one that moved shows as renumbered, not as removed and added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.report_diff import ParagraphChange
from ..shared.tasks import TaskRunner
from .difference_text import summary, write_changes

#: The difference from a version to a later one by number (None: the working draft).
Compare = Callable[[str, str | None], Sequence[ParagraphChange]]
#: A failure to show: (title, error).
ReportError = Callable[[str, Exception], object]


class CompareDialog(QDialog):
    """``choices``: (number, label) of each version, oldest first; the working draft is
    offered after them as the later side. Opens comparing ``old`` with ``new``."""

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        compare: Compare,
        report_error: ReportError,
        choices: Sequence[tuple[str, str]],
        *,
        old: str,
        new: str | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compareDialog")
        self.setWindowTitle(self.tr("Compare Versions of the Report"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 640)
        self._runner = runner
        self._compare = compare
        self._report_error = report_error
        #: the changes shown (tests read them)
        self.changes: tuple[ParagraphChange, ...] = ()

        self.old_combo = QComboBox()
        self.old_combo.setObjectName("compareOld")
        self.old_combo.setAccessibleName(self.tr("Earlier version"))
        self.new_combo = QComboBox()
        self.new_combo.setObjectName("compareNew")
        self.new_combo.setAccessibleName(self.tr("Later version"))
        for combo in (self.old_combo, self.new_combo):
            for number, label in choices:
                combo.addItem(label, number)
        self.new_combo.addItem(self.tr("Working draft"), None)  # the later side only
        self._choose(self.old_combo, old)
        self._choose(self.new_combo, new)
        row = QHBoxLayout()
        from_label = QLabel(self.tr("&From:"))
        from_label.setBuddy(self.old_combo)
        to_label = QLabel(self.tr("&To:"))
        to_label.setBuddy(self.new_combo)
        row.addWidget(from_label)
        row.addWidget(self.old_combo, 1)
        row.addSpacing(12)
        row.addWidget(to_label)
        row.addWidget(self.new_combo, 1)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("compareSummary")
        self.summary_label.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setObjectName("compareText")
        self.browser.setAccessibleName(self.tr("Differences"))
        self.browser.setOpenLinks(False)
        key = QLabel(
            self.tr(
                "Words added are underlined on green; words taken out are struck through on red."
            )
        )
        key.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(key)
        layout.addWidget(buttons)
        self.old_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.new_combo.currentIndexChanged.connect(self._on_choice_changed)
        self._on_choice_changed()

    @staticmethod
    def _choose(combo: QComboBox, number: str | None) -> None:
        index = combo.findData(number) if number is not None else combo.count() - 1
        combo.setCurrentIndex(max(index, 0))

    def chosen(self) -> tuple[str, str | None]:
        return self.old_combo.currentData(), self.new_combo.currentData()

    def choose(self, old: str, new: str | None) -> None:
        """Compare these two (by number; None: the working draft)."""
        self._choose(self.old_combo, old)
        self._choose(self.new_combo, new)

    def _on_choice_changed(self, *_args: object) -> None:
        old, new = self.chosen()
        if old == new:
            self._show((), self.tr("Choose two different versions to compare."))
            return
        self.summary_label.setText(self.tr("Comparing…"))
        self._runner.submit(
            partial(self._compare, old, new),
            partial(self._on_compared, (old, new)),
            self._on_failed,
            key="report-compare",
        )

    def _on_compared(
        self, asked: tuple[str, str | None], changes: Sequence[ParagraphChange]
    ) -> None:
        if asked != self.chosen():
            return  # the clerk has chosen others since
        self._show(tuple(changes), summary(changes))

    def _show(self, changes: tuple[ParagraphChange, ...], said: str) -> None:
        self.changes = changes
        self.summary_label.setText(said)
        write_changes(self.browser.document(), changes)

    def _on_failed(self, exc: Exception) -> None:
        title = self.tr("The versions could not be compared")
        self.summary_label.setText(title + ".")
        self._report_error(title, exc)
