"""The response to the recommendation shown on the Recommendations page: when it is
due and what the body said, under the editor's Response field, and Record Response…,
which records it (``response_dialog``) as one undo step (``response_steps``).

The due date is the recommendation's own, or the report's (the date it went to its body
plus the review's response period, set in Report Settings… on the Report page). The
line is read afresh whenever the page shows a recommendation (one short read on the
task runner).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from ...domain.errors import Problem
from ...domain.recommendation_records import RecommendationEntry
from ...domain.report_version_records import ResponseEntry, add_months
from ..shared.display import long_date
from ..shared.workspace import Workspace
from .recommendations_model import status_label
from .response_dialog import OUTCOME_WORDS, ResponseDialog, ResponseValues
from .response_steps import RecordResponse, find_response

Read = tuple[ResponseEntry, date | None]  # the response, and the report's own due date


class ResponseActions(QObject):
    """``review_id`` and ``today`` as the page has them."""

    def __init__(
        self,
        workspace: Workspace,
        review_id: Callable[[], int | None],
        today: Callable[[], date],
    ) -> None:
        super().__init__(workspace.window)
        self.workspace = workspace
        self.service = workspace.services.report_responses
        self.review_id = review_id
        self.today = today
        self.shown: ResponseEntry | None = None
        self.dialog: ResponseDialog | None = None  # the one open, for tests
        self.label = QLabel()
        self.label.setObjectName("recommendationResponse")
        self.label.setWordWrap(True)
        self.action = QAction(self.tr("Record &Response…"), workspace.window)
        self.action.setStatusTip(
            self.tr("Record the body's response: accepted, partly accepted or rejected, and when")
        )
        self.action.triggered.connect(lambda _c=False: self.record())

    def _read(self, review_id: int, key: str) -> Read:
        entry = find_response(self.service, review_id, key, self.today())
        settings = self.workspace.services.report_paragraphs.settings(review_id)
        sent = settings.submitted_on
        return entry, None if sent is None else add_months(sent, settings.response_months)

    def show(self, record: RecommendationEntry | None) -> None:
        """Read and show the response of this recommendation (None: nothing shown)."""
        review_id = self.review_id()
        self.shown = None
        self.label.clear()
        self.action.setEnabled(False)
        if record is None or review_id is None:
            self.workspace.runner.discard("recommendation-response")
            return
        self.workspace.runner.submit(
            partial(self._read, review_id, record.key),
            partial(self._on_read, record.key),
            self._failed,
            key="recommendation-response",
        )

    def _on_read(self, key: str, read: Read) -> None:
        entry, _default = read
        self.shown = entry if entry.key == key else None
        self.label.setText(self.words(entry))
        self.action.setEnabled(not self.workspace.read_only)

    def words(self, entry: ResponseEntry) -> str:
        """ "Response due by Tue 31 Jul 2007 · Rejected on Thu 12 Jul 2007"."""
        parts = []
        if entry.response_due is not None:
            due = long_date(entry.response_due)  # type: ignore[arg-type]
            text = self.tr("Response due by {date}").format(date=due)
            if entry.due_is_own:
                text += " " + self.tr("(its own date)")
            if entry.overdue:
                text += " · " + self.tr("Overdue")
            parts.append(text)
        if entry.outcome is not None and entry.responded_on is not None:
            parts.append(
                self.tr("{outcome} on {date}").format(
                    outcome=self.tr(OUTCOME_WORDS[entry.outcome]).replace("&", ""),
                    date=long_date(entry.responded_on),  # type: ignore[arg-type]
                )
            )
        elif entry.response_due is None:
            parts.append(self.tr("No response asked for yet: the report has not gone to its body"))
        return " · ".join(parts)

    def record(self) -> None:
        review_id = self.review_id()
        shown = self.shown
        if review_id is None or shown is None:
            return
        self.workspace.runner.submit(
            partial(self._read, review_id, shown.key),
            partial(self._open, review_id),
            self._failed,
            key="recommendation-response",
        )

    def _open(self, review_id: int, read: Read) -> None:
        entry, default_due = read
        dialog = ResponseDialog(
            self.workspace.window,
            partial(self._save, review_id, entry),
            heading=self.tr("Recommendation {number}: {text}").format(
                number=entry.number, text=entry.text
            ),
            status=entry.status,
            outcome=entry.outcome,
            responded_on=entry.responded_on,
            response=entry.response,
            own_due=entry.response_due if entry.due_is_own else None,
            default_due=default_due,
            today=self.today(),
        )
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self._forget(dialog))
        dialog.open()

    def _save(self, review_id: int, entry: ResponseEntry, values: ResponseValues) -> list[Problem]:
        step = RecordResponse(
            self.service, review_id, entry.key, entry.number, values, self.today()
        )
        saved, problems = self.workspace.editor.perform_checked(step)
        if saved is not None and saved.status is not entry.status:
            self.workspace.say(
                self.tr("Recommendation {number} is now {status}.").format(
                    number=entry.number, status=status_label(saved.status).lower()
                )
            )
        return problems

    def _forget(self, dialog: ResponseDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _failed(self, exc: Exception) -> None:
        self.workspace.report_error(self.tr("The response could not be read"), exc)
