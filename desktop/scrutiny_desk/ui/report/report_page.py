"""The Report page: where the clerk writes the review's report (issue 17).

Two tabs. "Draft" (``DraftPane``) is the working draft: the outline generated from the
review on the left, the paragraphs of the section chosen in the middle with their
editor below, and what the record holds beside a findings section on the right.
"Versions" (``VersionsPane``) holds the frozen versions, their comments and
consideration, and the exports.

Each tab is given the page's ``Workspace``; the page calls ``show_review(review_id)``
on both whenever it shows a review (None: none open) and ``reload(topics)`` on each
whose ``TOPICS`` a change touches (the page's ``TOPICS`` are both tabs'). The Versions
pane may ask the draft which paragraph is chosen through ``page.draft.current_key()``.
"""

from __future__ import annotations

from typing import ClassVar, Protocol

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...domain.topics import Topics
from ..shared.workspace import Workspace
from .draft_pane import DraftPane
from .versions_pane import VersionsPane


class ReportTab(Protocol):
    """What the page asks of a tab: the review shown, and a reload after a change."""

    TOPICS: ClassVar[Topics]

    def show_review(self, review_id: int | None) -> None: ...

    def reload(self, topics: Topics) -> None: ...


class ReportPage(QWidget):
    """A Page (see ``ui.shared.workspace``): show_review, reload and reveal."""

    #: What a change must touch for this page to read again: the outline follows the
    #: review's terms of reference, meetings, witnesses, evidence and recommendations,
    #: and the quote check reads closed notes, evidence and minutes.
    TOPICS: ClassVar[Topics] = DraftPane.TOPICS | VersionsPane.TOPICS

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.workspace = workspace
        self.review_id: int | None = None
        self.tabs = QTabWidget()
        self.tabs.setObjectName("reportTabs")
        self.tabs.setDocumentMode(True)
        self.draft = DraftPane(workspace)
        self.tabs.addTab(self.draft, self.tr("&Draft"))
        #: the "Versions" tab: frozen versions, comments, consideration, exports
        self.versions: VersionsPane | None = VersionsPane(workspace, self)
        self.tabs.addTab(self.versions, self.tr("&Versions"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.tabs)

    def _tabs(self) -> list[ReportTab]:
        return [self.draft] if self.versions is None else [self.draft, self.versions]

    def show_review(self, review_id: int | None) -> None:
        self.review_id = review_id
        for tab in self._tabs():
            tab.show_review(review_id)

    def reload(self, topics: Topics) -> None:
        for tab in self._tabs():
            if topics & tab.TOPICS:
                tab.reload(topics)

    def reveal(self, key: str) -> bool:
        """Show the paragraph with that key on the Draft tab; False if it is not there."""
        self.tabs.setCurrentWidget(self.draft)
        return self.draft.reveal(key)
