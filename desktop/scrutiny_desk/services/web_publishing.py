"""Publishing papers for the web: accessible HTML and tagged PDF, for the public.

``publish_meeting`` writes a meeting's public agenda, and once it has minutes its public
minutes, each as one self-contained HTML file and a tagged PDF (PDF/UA-1, from the same
HTML through WeasyPrint), into a folder; ``publish_review`` writes a review's coverage
report and action plan the same way. Every paper is drawn from the public audience
view (``publishing``) through the one block model (``exports.paper_content``).

Publishing a meeting stamps the agenda's publication date (the day clear days are
counted from): an agenda that gives fewer clear days than the review requires needs the
reason for urgency, which is stored with the stamp and which the agenda prints.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from ..store.db import Database

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Published:
    """The folder written, the files in it (in the order written) and warnings (e.g.
    witnesses who asked to give evidence in private named on an open item)."""

    folder: Path
    files: tuple[Path, ...]
    warnings: tuple[str, ...] = ()


class WebPublishingService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    def publish_meeting(
        self,
        meeting_id: int,
        folder: str | os.PathLike[str],
        *,
        urgency: str | None = None,
        today: date | None = None,
    ) -> Published:
        """Write ``agenda.html`` and ``agenda.pdf`` (public), and ``minutes.html`` and
        ``minutes.pdf`` once the meeting has minutes (draft or approved, as they print),
        into ``folder`` (created; written whole or not at all), and stamp the agenda's
        publication date (``today``, unless already stamped) with ``urgency`` in one
        transaction. Refused (ValidationError on "urgency"), writing nothing, when the
        agenda gives fewer clear days than the review requires and no reason is given."""
        raise NotImplementedError

    def publish_review(
        self, review_id: int, folder: str | os.PathLike[str], today: date | None = None
    ) -> Published:
        """Write the public coverage report (``coverage.html``/``.pdf``) and action plan
        (``action-plan.html``/``.pdf``) into ``folder`` (created; whole or not at all);
        ``today``: the day the action plan counts overdue from."""
        raise NotImplementedError
