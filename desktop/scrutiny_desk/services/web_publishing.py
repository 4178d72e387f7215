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
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.deadlines import count_clear_days
from ..domain.enums import MinutesStatus
from ..domain.errors import ExportError, Problem, ValidationError
from ..domain.meeting_rules import will_not_take_place
from ..domain.records import Review
from ..domain.views import Audience
from ..store import documents, meeting_papers, meeting_reads, queries
from ..store.db import Database
from . import publishing
from .audit import WEB, record_export
from .calendar_rules import clear_day_exclusions
from .files import write_atomically
from .minutes import MinutesService, MinutesToPrint
from .public_exports import refuse_public_reader

if TYPE_CHECKING:
    from ..exports.paper_blocks import Paper
    from ..exports.paper_text import PaperText

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
        publication date (``today``, unless already stamped or the meeting is past) with
        ``urgency`` in one transaction. Refused (ValidationError on "urgency"), writing
        nothing, when the agenda gives fewer clear days than the review requires and no
        reason is given."""
        refuse_public_reader(self.db, "the web pages")
        from ..exports import paper_content_agenda, paper_content_minutes

        _target(folder)
        today = today or self.clock().date()
        reason = " ".join(urgency.split()) if urgency and urgency.strip() else None
        with self.db.reading() as session:  # the agenda and the minutes print from one read
            papers = meeting_papers.meeting_papers(session, meeting_id)
            kept = meeting_papers.kept_minutes(session, meeting_id)
            _, required = meeting_reads.review_settings(session, papers.review_id)
        meeting = papers.meeting
        published_on = meeting.agenda_published_on
        stamp = published_on is None and today <= meeting.start.date()
        if stamp:
            published_on = today
        if published_on is not None:
            given = count_clear_days(published_on, meeting.start.date(), clear_day_exclusions())
            if given < required and reason is None and not meeting.urgency:
                raise ValidationError(
                    Problem(
                        "urgency",
                        f"publishing on {published_on:%d %B %Y} gives {given} clear "
                        f"{_days(given)}, fewer than the {required} the review requires: "
                        "give the reason for urgency",
                    )
                )
        changes: dict[str, object] = {"agenda_published_on": published_on} if stamp else {}
        if reason is not None:
            changes["urgency"] = reason
        stamped = replace(meeting, **changes)  # type: ignore[arg-type]
        review = replace(papers.review, meetings=(stamped,))
        t = _paper_text(review)
        now = self.clock()
        agenda = publishing.meeting_view(
            review, papers.key, Audience.PUBLIC, first_minute=papers.first_minute
        )
        if agenda.urgency is None and stamped.urgency:  # public: the reason the agenda prints
            agenda = replace(agenda, urgency=stamped.urgency)
        link = publishing.joining_link(review, papers.key)
        files = _both("agenda", paper_content_agenda.agenda_paper(agenda, t, link), now)
        views = [agenda]
        if meeting.minutes_status is not MinutesStatus.NONE and not will_not_take_place(
            meeting.status
        ):
            read = MinutesToPrint(papers, kept)
            minutes = MinutesService(self.db).printed_from(read, Audience.PUBLIC)
            files += _both("minutes", paper_content_minutes.minutes_paper(minutes, t), now)
            views.append(minutes)
        warnings = tuple(
            f"{name} asked to give evidence in private and is named on an open item"
            for name in publishing.private_witnesses_named(review, views)
        )

        def record() -> None:
            if changes:
                with self.db.writing() as session:
                    queries.update_meeting(session, meeting_id, changes, bump_sequence=False)

        published = Published(*_write_folder(folder, files, record), warnings)
        for paper in ("agenda", "minutes")[: len(views)]:
            record_export(
                self.db, paper, "public", "meetings", meeting_id, papers.review_id, format=WEB
            )
        return published

    def publish_review(
        self, review_id: int, folder: str | os.PathLike[str], today: date | None = None
    ) -> Published:
        """Write the public coverage report (``coverage.html``/``.pdf``) and action plan
        (``action-plan.html``/``.pdf``) into ``folder`` (created; whole or not at all);
        ``today``: the day the action plan counts overdue from."""
        refuse_public_reader(self.db, "the web pages")
        from ..exports import paper_content_review
        from .coverage import CoverageService

        _target(folder)
        with self.db.reading() as session:
            review = documents.load_review(session, review_id)
        t = _paper_text(review)
        now = self.clock()
        coverage = CoverageService(self.db).matrix(review_id, Audience.PUBLIC)
        plan = publishing.action_plan_view(review, Audience.PUBLIC, today or now.date())
        files = _both("coverage", paper_content_review.coverage_paper(coverage, t), now)
        files += _both("action-plan", paper_content_review.action_plan_paper(plan, t), now)
        published = Published(*_write_folder(folder, files, lambda: None))
        for paper in ("coverage", "action plan"):
            record_export(self.db, paper, "public", "reviews", review_id, review_id, format=WEB)
        return published


def _days(n: int) -> str:
    return "day" if n == 1 else "days"


def _paper_text(review: Review) -> PaperText:
    from ..exports.paper_text import PaperText

    return PaperText(review.language)


def _both(name: str, paper: Paper, now: datetime) -> list[tuple[str, bytes]]:
    """The paper as HTML and as tagged PDF, both from the same HTML."""
    from ..exports import html_paper, tagged_pdf

    html = html_paper.render_html(paper).encode("utf-8")
    try:
        pdf = tagged_pdf.render_pdf(paper, now)
    except (OSError, ValueError) as exc:
        raise ExportError(f"Cannot draw {name}.pdf: {exc}") from None
    return [(f"{name}.html", html), (f"{name}.pdf", pdf)]


def _write_folder(
    folder: str | os.PathLike[str], files: list[tuple[str, bytes]], record: Callable[[], None]
) -> tuple[Path, tuple[Path, ...]]:
    """Write the files into ``folder``, then ``record`` (the database's part). A new
    folder is written whole beside it and renamed into place once ``record`` has
    succeeded; into a folder that exists, each file is written to a temporary name and
    renamed, after ``record``. Nothing is left half-written on error."""
    target = _target(folder)
    written = tuple(target / name for name, _ in files)
    if target.is_dir():
        record()
        for name, data in files:
            write_atomically(target / name, data)
        return target, written
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", suffix=".part", dir=target.parent))
    except OSError as exc:
        raise ExportError(f"Cannot publish into {target}: {exc.strerror or exc}") from None
    try:
        for name, data in files:
            (temp / name).write_bytes(data)
        temp.chmod(0o777 & ~_umask())
        record()
        temp.rename(target)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise ExportError(f"Cannot publish into {target}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return target, written


def _target(folder: str | os.PathLike[str]) -> Path:
    """The folder to publish into, refused before anything is drawn when it cannot be."""
    target = Path(folder).expanduser().absolute()
    if target.exists() and not target.is_dir():
        raise ExportError(f"Cannot publish into {target}: it is a file, not a folder")
    if not target.parent.is_dir():
        raise ExportError(
            f"Cannot publish into {target}: the folder {target.parent} does not exist"
        )
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
