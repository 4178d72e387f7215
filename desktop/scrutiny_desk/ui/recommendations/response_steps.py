"""Recording the body's response to a recommendation as one undo step.

The step finds the recommendation by its key (its id changes if it is deleted and put
back) and quotes the version read just before; the service records the outcome, date,
words and due date in one transaction and hands back a snapshot of what was there, so
the undo puts back everything it changed, the status a rejection set included.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from ...domain.enums import ResponseOutcome
from ...domain.errors import NotFoundError
from ...domain.report_version_records import ResponseEntry, ResponseSnapshot
from ...services.report_responses import ReportResponseService
from ..shared.commands import Step
from .response_dialog import ResponseValues


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResponseSteps", text)


_STEP_WORDS = {
    ResponseOutcome.ACCEPTED: "Record recommendation {number} accepted",
    ResponseOutcome.PARTLY_ACCEPTED: "Record recommendation {number} partly accepted",
    ResponseOutcome.REJECTED: "Record recommendation {number} rejected",
}


def find_response(
    service: ReportResponseService, review_id: int, key: str, today: date
) -> ResponseEntry:
    """The recommendation with that key, with its response."""
    for entry in service.responses(review_id, today):
        if entry.key == key:
            return entry
    raise NotFoundError(_tr("The recommendation is not there any more."))


class RecordResponse(Step):
    def __init__(
        self,
        service: ReportResponseService,
        review_id: int,
        key: str,
        number: int,
        values: ResponseValues,
        today: date,
    ) -> None:
        super().__init__(_tr(_STEP_WORDS[values.outcome]).format(number=number))
        self.service = service
        self.review_id = review_id
        self.key = key
        self.values = values
        self.today = today
        self.snapshot: ResponseSnapshot | None = None

    def do(self) -> ResponseEntry:
        found = find_response(self.service, self.review_id, self.key, self.today)
        values = self.values
        entry, self.snapshot = self.service.record_response(
            found.recommendation_id,
            found.version,
            outcome=values.outcome,
            responded_on=values.responded_on,
            response_text=values.response,
            response_due=values.due,
            today=self.today,
        )
        return entry

    def undo(self) -> ResponseEntry:
        assert self.snapshot is not None
        return self.service.restore_response(self.snapshot, self.today)
