"""Going to a record from anywhere: a search result, a coverage cell's note, a follow-up.

``GoTo.reveal(kind, key)`` shows the page that holds the record and selects it there.
Agenda items and minutes live under their meeting: the meeting is made current first
(clearing the meetings list's filter if it hides it) and the item is selected once its
meeting's tab has read it, which may take a moment on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer

from ...domain.errors import ScrutinyError
from ..shared.workspace import PageId

if TYPE_CHECKING:
    from .main_window import MainWindow


class _Reveals(Protocol):
    def reveal(self, key: str) -> bool: ...


#: How often, and how many times, to try selecting an item whose meeting is loading.
RETRY_MS = 50
RETRIES = 60


class GoTo(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._pending: QTimer | None = None

    def reveal(self, kind: str, key: str) -> bool:
        """Show the record of that kind and key; False (and a status message) if it has
        gone or the kind is unknown."""
        w = self.window
        review_id = w.current_review_id()
        if review_id is None:
            return False
        self._cancel_pending()
        services = w.services
        # Only the page that holds the record is built (if it was not yet) and shown.
        pages: dict[str, tuple[PageId, Callable[[int, str], object]]] = {
            "note": (PageId.NOTES, services.notes.id_for),
            "evidence": (PageId.EVIDENCE, services.evidence.id_for),
            "recommendation": (PageId.RECOMMENDATIONS, services.recommendations.id_for),
            "tor": (PageId.TERMS, services.terms.id_for),
            "paragraph": (PageId.REPORT, services.report_paragraphs.id_for),
        }
        try:
            if kind in pages:
                page_id, exists = pages[kind]
                exists(review_id, key)  # NotFoundError if it has gone
                w.show_page(page_id)  # a page out of view reads the review as it comes in
                page: _Reveals = w.page(page_id)  # type: ignore[assignment]
                self._when_ready(lambda: page.reveal(key), kind)
                return True
            if kind == "witness":
                services.witness_edits.find_witness(review_id, key)
                w.show_page(PageId.WITNESSES)
                self._when_ready(lambda: w.witnesses_page.select_witness(key), kind)
                return True
            if kind == "member":  # a panel member (the audit log goes to one)
                services.panel.find_member(review_id, key)
                w.show_page(PageId.PANEL)
                self._when_ready(lambda: w.panel_page.select_member(key), kind)
                return True
            if kind == "meeting":
                meeting = w.services.meeting_edits.find(review_id, key)
                return self._said(self._show_meeting(meeting.id), kind)
            if kind == "action":  # edited in its meeting's Minutes tab
                action = services.actions.find(review_id, key)
                if action.meeting_id is None:  # agreed for the whole review: Follow-up
                    from ...domain.recommendation_records import TrackerKind

                    w.show_page(PageId.FOLLOW_UP)
                    tracker = w.tracker_page
                    self._when_ready(lambda: tracker.select(TrackerKind.ACTION, key), kind)
                    return True
                if not self._show_meeting(action.meeting_id):
                    return self._said(False, kind)
                w.meeting_tabs.setCurrentWidget(w.minutes_tab)
                self._when_ready(lambda: w.minutes_tab.select_action(key), kind)
                return True
            if kind in ("item", "minute"):
                item = w.services.agenda.find(review_id, key)
                if not self._show_meeting(item.meeting_id):
                    return self._said(False, kind)
                tab = w.minutes_tab if kind == "minute" else w.agenda_tab
                select: Callable[[str], bool] = tab.select_item
                w.meeting_tabs.setCurrentWidget(tab)
                self._when_ready(lambda: select(key))
                return True
        except ScrutinyError:
            return self._said(False, kind)
        return False

    def _show_meeting(self, meeting_id: int) -> bool:
        w = self.window
        w.show_page(PageId.MEETINGS)
        if w.select_meeting(meeting_id):
            return True
        w.meetings_page.clear_filter()  # the filter hid it: show every meeting again
        self._when_ready(lambda: w.select_meeting(meeting_id))
        return True

    def _when_ready(self, attempt: Callable[[], bool], kind: str = "") -> None:
        """Try now, then every RETRY_MS until the data it needs has been read; if it
        never turns up, say so (with the kind of record, when given)."""
        if attempt():
            return
        tries = [0]
        timer = QTimer(self)
        timer.setInterval(RETRY_MS)

        def again() -> None:
            tries[0] += 1
            found = attempt()
            if found or tries[0] >= RETRIES:
                if not found and kind:
                    self._said(False, kind)
                timer.stop()
                timer.deleteLater()
                if self._pending is timer:
                    self._pending = None

        timer.timeout.connect(again)
        self._pending = timer
        timer.start()

    def _cancel_pending(self) -> None:
        if self._pending is not None:
            self._pending.stop()
            self._pending.deleteLater()
            self._pending = None

    def _said(self, found: bool, kind: str) -> bool:
        if not found:
            self.window.statusBar().showMessage(
                self.tr("That {kind} is no longer there: it may have been deleted.").format(
                    kind=self.tr("term of reference") if kind == "tor" else kind
                )
            )
        return found
