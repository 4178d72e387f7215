"""The agenda of the selected meeting, read-only: a heading, a notice when any item is
closed, and the items in printed order.

The panel reads the items itself, on the runner, when it is on screen: out of view (the
Agenda tab beside it is the one a clerk works in) it reads nothing until it comes into
view, as the other meeting tabs do (``shared.catch_up``): two reads of one agenda at
once made the GUI thread wait for Python's lock."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.summaries import MeetingSummary
from ...domain.topics import Topic, Topics
from ..shared.display import closed_tint, lock_icon, long_date, time_range
from ..shared.tables import FIT, STRETCH, caption, record_table
from ..shared.tasks import TaskRunner
from .agenda_model import AgendaColumn, AgendaModel

if TYPE_CHECKING:
    from ...domain.records import AgendaEntry


class AgendaPanel(QWidget):
    """Shows one meeting's agenda; the window says which meeting, the panel reads its
    items with ``read`` on ``runner`` when on screen (a failure goes to ``failed``)."""

    #: What a change must touch for the printed agenda to be read again: its items,
    #: the witnesses named on them, the meeting's own heading.
    TOPICS: ClassVar[Topics] = frozenset({Topic.AGENDA, Topic.WITNESSES, Topic.MEETINGS})

    def __init__(
        self,
        read: Callable[[int], list[AgendaEntry]],
        runner: TaskRunner,
        failed: Callable[[Exception], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._read, self._runner, self._failed = read, runner, failed
        self._meeting: int | None = None
        self._due = False  # the meeting's items are to be read when on screen
        self.model = AgendaModel(self)
        self.view = record_table(
            self.model,
            self.tr("Agenda"),
            {
                AgendaColumn.NUMBER: FIT,
                AgendaColumn.ACCESS: FIT,
                AgendaColumn.TIME: FIT,
                AgendaColumn.TITLE: STRETCH,
                AgendaColumn.WITNESSES: STRETCH,
                AgendaColumn.TERMS: FIT,
            },
        )

        self.heading = QLabel()
        self.heading.setObjectName("agendaHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.closed_notice = QFrame()
        self.closed_notice.setObjectName("closedNotice")
        self.closed_notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.closed_notice.setAutoFillBackground(True)
        palette = self.closed_notice.palette()
        palette.setColor(QPalette.ColorRole.Window, closed_tint())
        self.closed_notice.setPalette(palette)
        lock = QLabel()
        lock.setPixmap(lock_icon().pixmap(18, 18))
        self.closed_notice_text = QLabel()
        self.closed_notice_text.setWordWrap(True)
        notice = QHBoxLayout(self.closed_notice)
        notice.setContentsMargins(8, 5, 8, 5)
        notice.addWidget(lock, 0, Qt.AlignmentFlag.AlignTop)
        notice.addWidget(self.closed_notice_text, 1)
        self.closed_notice.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(caption(self.tr("&Agenda"), self.view))
        layout.addWidget(self.heading)
        layout.addWidget(self.closed_notice)
        layout.addWidget(self.view)

    def show_hint(self, hint: str) -> None:
        """No meeting: say why there is no agenda (no meetings yet, none chosen)."""
        self._runner.discard("agenda")
        self._meeting, self._due = None, False
        self.model.set_rows([])
        self.closed_notice.hide()
        self.heading.setText(f"<p>{html.escape(hint)}</p>")
        self.view.setAccessibleName(self.tr("Agenda"))

    def show_meeting(self, meeting: MeetingSummary, status: str) -> None:
        """Head the agenda with this meeting; its items follow, read when on screen."""
        self._runner.discard("agenda")
        self._meeting = meeting.id
        self.model.set_rows([])
        self.closed_notice.hide()
        details = [f"{long_date(meeting.start)}, {time_range(meeting.start, meeting.end)}"]
        if meeting.venue:
            details.append(meeting.venue)
        details.append(status)
        self.heading.setText(
            "<p style='margin:0'><span style='font-size:large; font-weight:600'>"
            f"{html.escape(meeting.title)}</span><br>{html.escape(' · '.join(details))}</p>"
        )
        self.view.setAccessibleName(self.tr("Agenda of {meeting}").format(meeting=meeting.title))
        self.reload(self.TOPICS)

    def reload(self, _topics: Topics) -> None:
        """What it shows changed: read the items again (now, or when it comes into view)."""
        self._due = self._meeting is not None
        self._read_if_shown()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._read_if_shown()

    def _read_if_shown(self) -> None:
        if not self._due or self._meeting is None or not self.isVisible():
            return
        self._due = False
        meeting_id = self._meeting
        self._runner.submit(
            partial(self._read, meeting_id),
            partial(self._on_read, meeting_id),
            self._failed,
            key="agenda",
        )

    def _on_read(self, meeting_id: int, entries: list[AgendaEntry]) -> None:
        if meeting_id == self._meeting:
            self.set_entries(entries)

    def set_entries(self, entries: Iterable[AgendaEntry]) -> None:
        rows = list(entries)
        self.model.set_rows(rows)
        closed = [e for e in rows if e.is_closed]
        if not closed:
            self.closed_notice.hide()
            return
        numbers = ", ".join(str(e.number) for e in closed)
        text = (
            self.tr("Item {numbers} is closed: it is taken in private and must not be published.")
            if len(closed) == 1
            else self.tr(
                "Items {numbers} are closed: they are taken in private and must not be published."
            )
        ).format(numbers=numbers)
        self.closed_notice_text.setText(text)
        self.closed_notice.setAccessibleName(text)
        self.closed_notice.show()
