"""The reminder that a review's retention date has passed, wherever the clerk is.

Whenever the window shows a review (at opening, on switching, after its details
change) the review's retention is read on a worker; if its date has passed, a button
stays in the status bar ("Retention date passed") that leads to the Personal Data
page, and the status line says so once per review and session. It blocks nothing:
a clerk in the middle of a meeting carries on, and the Overview page says it too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QStatusBar, QStyle, QToolButton

from ..shared.workspace import PageId, Workspace

if TYPE_CHECKING:
    from ...domain.records import RetentionState


class RetentionReminder(QObject):
    """Owns ``button``, a permanent widget of ``bar``; ``show_review`` after each change
    of the review shown."""

    def __init__(self, workspace: Workspace, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.workspace = workspace
        #: What "today" is (tests set a fixed day).
        self.today: Callable[[], date] = date.today
        self.state: RetentionState | None = None
        self._review_id: int | None = None
        self._said: set[int] = set()
        self.button = QToolButton()
        self.button.setObjectName("retentionReminder")
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAutoRaise(True)
        self.button.setIcon(bar.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.button.setText(self.tr("Retention date passed"))
        self.button.clicked.connect(self.open_page)
        self.button.hide()
        bar.addPermanentWidget(self.button)

    def show_review(self, review_id: int | None) -> None:
        self._review_id = review_id
        if review_id is None:
            self.workspace.runner.discard("retention-reminder")
            self._show(None)
            return
        self.workspace.runner.submit(
            partial(self.workspace.services.personal_data.retention, review_id),
            partial(self._on_read, review_id),
            self._on_failed,
            key="retention-reminder",
        )

    def open_page(self) -> None:
        self.workspace.show_page(PageId.PERSONAL_DATA)

    def _on_read(self, review_id: int, state: RetentionState) -> None:
        if review_id == self._review_id:
            self._show(state)

    def _on_failed(self, _exc: Exception) -> None:
        # A reminder, not the work: the pages that read the review say what failed.
        self._show(None)

    def _show(self, state: RetentionState | None) -> None:
        self.state = state
        due = state is not None and state.due(self.today())
        self.button.setVisible(due)
        if not due or state is None or state.effective is None:
            return
        from ..shared.retention_banner import retention_day

        text = self.tr(
            "The retention date of “{title}”, {day}, has passed: its personal data should "
            "be reviewed and erased. Click to see it."
        ).format(title=state.title, day=retention_day(state.effective))
        self.button.setToolTip(text)
        self.button.setAccessibleName(self.tr("Retention date passed: review personal data"))
        self.button.setAccessibleDescription(text)
        if state.review_id not in self._said:
            self._said.add(state.review_id)
            self.workspace.say(
                self.tr("The retention date of “{title}”, {day}, has passed.").format(
                    title=state.title, day=retention_day(state.effective)
                )
            )
