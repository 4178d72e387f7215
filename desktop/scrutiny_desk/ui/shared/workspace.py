"""What every workspace page and editor is given, and what it promises.

A page (Overview, Meetings, Witnesses, Panel ...) or a meeting tab (Agenda, Attendance,
Minutes) is a QWidget built with a ``Workspace``. It reads through
``workspace.services`` (slow reads through ``workspace.runner``), changes data only
through ``workspace.editor.perform(step)`` (one service call, one undo step), reports
failures through ``workspace.report_error``, finds other pages through
``workspace.show_page`` and ``reveal``, and declares the topics it shows (``TOPICS``,
see ``domain.topics``); after a change that wrote one of them the main window calls
``reload(topics)`` with those it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import ClassVar, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from ...domain.summaries import MeetingSummary
from ...domain.topics import Topics
from ...services.container import Services
from .commands import Editor
from .messages import report_error
from .settings import Settings
from .tasks import TaskRunner


class PageId(Enum):
    """The pages of the navigation list, in the order a review runs."""

    OVERVIEW = "overview"
    TERMS = "terms"
    MEETINGS = "meetings"
    WITNESSES = "witnesses"
    EVIDENCE = "evidence"
    NOTES = "notes"
    COVERAGE = "coverage"
    RECOMMENDATIONS = "recommendations"
    REPORT = "report"
    FOLLOW_UP = "follow-up"
    PANEL = "panel"
    PERSONAL_DATA = "personal-data"
    AUDIT_LOG = "audit-log"


def _nowhere(_page: PageId) -> None:
    return None


def _not_found(_kind: str, _key: str) -> bool:
    return False


def _silent(_message: str) -> None:
    return None


@dataclass
class Workspace:
    """The narrow interface a feature gets: never the main window itself."""

    services: Services
    editor: Editor
    runner: TaskRunner
    settings: Settings
    #: the parent of dialogs and message boxes; features use it for nothing else
    window: QWidget
    #: say something in the status bar
    say: Callable[[str], None] = _silent
    #: show a page of the navigation list
    show_page: Callable[[PageId], None] = _nowhere
    #: show a record ("note", "evidence", "item", "minute", "meeting", "witness",
    #: "recommendation", "tor", "paragraph") by its key, on its page; False if it is not there
    reveal: Callable[[str, str], bool] = _not_found

    @property
    def read_only(self) -> bool:
        return self.services.db.read_only

    def report_error(self, title: str, error: Exception | str) -> QMessageBox:
        """The one way a feature reports a failure: see ``messages.report_error``."""
        return report_error(self.window, title, error)


@dataclass(frozen=True)
class Shown:
    """What the window shows, for the actions on the review and the meeting shown (the
    File, Review and Meeting menus): asked for when needed, so the actions that get it
    never hold the window itself."""

    #: the id of the review shown, None when the database holds none
    review_id: Callable[[], int | None]
    #: the meeting chosen on the Meetings page, None when there is none
    meeting: Callable[[], MeetingSummary | None]
    #: the title of the review shown, None when there is none
    review_title: Callable[[], str | None]
    #: read the list of reviews again and show that one (None: the one shown if it is
    #: still there, else the first)
    show_review: Callable[[int | None], None]


class Page(Protocol):
    """A page of the navigation list."""

    def show_review(self, review_id: int | None) -> None:
        """Show that review (None: no review is open)."""

    TOPICS: ClassVar[Topics]

    def reload(self, topics: Topics) -> None:
        """These topics it shows changed: read again what is shown."""


class MeetingTab(Protocol):
    """A tab under the selected meeting (Agenda, Attendance, Minutes)."""

    def show_meeting(self, review_id: int | None, meeting_id: int | None) -> None: ...

    TOPICS: ClassVar[Topics]

    def reload(self, topics: Topics) -> None: ...
