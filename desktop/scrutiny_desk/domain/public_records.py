"""What a shared database's public reader reads: the public projection's records.

A public reader's login may read no table but the public projection (``public_reviews``
and ``public_papers``), which the services write from the public audience view
(``services/publishing.py``) in the same transaction as every change. These are its
rows as the services hand them out: the reviews, their meetings and which public papers
each has, and a paper's view with what else its renderer is handed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from .enums import PaperLanguage

if TYPE_CHECKING:
    from .views import MeetingView


class PublicPaperKind(StrEnum):
    AGENDA = "agenda"
    MINUTES = "minutes"


@dataclass(frozen=True)
class PublicReview:
    """A review as the public sees it: its id, title and its papers' language."""

    id: int
    title: str
    language: PaperLanguage


@dataclass(frozen=True)
class PublicMeeting:
    """A meeting of a review, as its public agenda names it: its id (the one a public
    reader exports by), title, start (local time, as the agenda prints it) and which
    public papers it has (the agenda always; the minutes once the meeting has any)."""

    id: int
    review_id: int
    title: str
    starts: datetime
    papers: tuple[PublicPaperKind, ...]

    @property
    def has_minutes(self) -> bool:
        return PublicPaperKind.MINUTES in self.papers


@dataclass(frozen=True)
class PublicPaper:
    """One public paper as its renderer is handed it: the public audience view (the
    agenda's, or the minutes' as ``MinutesService.printed`` gives them: approved
    minutes as approved), the agenda's joining link, and the papers' language."""

    meeting_id: int
    review_id: int
    paper: PublicPaperKind
    view: MeetingView
    link: str | None
    language: PaperLanguage
