"""The Report page's Draft tab: the outline, the chosen section's paragraphs, the
paragraph editor, what is at hand beside a findings section, and the quote flags."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QWidget

from ...domain.topics import Topic, Topics
from ..shared.workspace import Workspace


class DraftPane(QWidget):
    """The working draft: show_review, reload, reveal(paragraph key), current_key()."""

    TOPICS: ClassVar[Topics] = frozenset(
        {
            Topic.REVIEW,
            Topic.TERMS,
            Topic.MEETINGS,
            Topic.AGENDA,
            Topic.WITNESSES,
            Topic.EVIDENCE,
            Topic.NOTES,
            Topic.RECOMMENDATIONS,
            Topic.REPORT,
        }
    )

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportDraft")
        self.workspace = workspace
        self.review_id: int | None = None

    def show_review(self, review_id: int | None) -> None:
        self.review_id = review_id

    def reload(self, topics: Topics) -> None:
        del topics

    def reveal(self, key: str) -> bool:
        """Choose the paragraph with that key (its section first); False if none."""
        del key
        return False

    def current_key(self) -> str | None:
        """The key of the paragraph chosen, None when none is."""
        return None
