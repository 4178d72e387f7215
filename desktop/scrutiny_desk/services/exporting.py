"""Papers and calendar files for one audience, written safely to disk.

Every export builds its audience view first (``publishing``) and hands only that to
the renderer; the file is written to a temporary name and renamed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.enums import MeetingStatus
from ..domain.errors import ExportError, ValidationError
from ..domain.meeting_rules import will_not_take_place
from ..domain.records import Review
from ..domain.views import Audience, CalendarProgramme, MeetingView
from ..store import documents, meeting_papers, queries
from ..store.db import Database
from . import publishing
from .files import write_atomically
from .minutes import MinutesService

if TYPE_CHECKING:
    from ..exports.calendar_ics import Organizer

# The renderers (reportlab, icalendar) are imported when a paper is first written: the
# app starts and most commands run without them.

Clock = Callable[[], datetime]
CALENDAR_SUFFIXES = (".ics", ".eml")


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Exported:
    """A paper written to ``path``, and the witnesses who asked to give evidence in
    private whom it names to the public (their names; () for the panel's papers)."""

    path: Path
    private_witnesses: tuple[str, ...] = ()


class ExportService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    # Loading ----------------------------------------------------------------

    def _meeting(
        self, meeting_id: int, witness_id: int | None = None
    ) -> tuple[Review, str, str | None]:
        """The meeting's review cut down to that meeting (``meeting_papers``: a paper
        costs what its meeting holds, not the review), the meeting's key and the
        witness's key, read at once."""
        with self.db.reading() as session:
            papers = meeting_papers.meeting_papers(session, meeting_id)
            witness = None if witness_id is None else queries.get_witness(session, witness_id)
        review = papers.review
        if witness is None:
            return review, papers.key, None
        if witness.review_id != papers.review_id:
            raise ExportError(f'Witness {witness_id} ("{witness.name}") belongs to another review')
        if not any(witness.key in i.witnesses for i in papers.meeting.items):
            raise ExportError(
                f'{witness.name} is not on the agenda of "{papers.meeting.title}": '
                "assign them to an item first"
            )
        return review, papers.key, witness.key

    def _review(self, review_id: int) -> Review:
        with self.db.reading() as session:
            return documents.load_review(session, review_id)

    # Papers -----------------------------------------------------------------

    def publish(
        self, paper: str, target_id: int, audience: Audience, path: str | os.PathLike[str]
    ) -> Exported:
        """Write a meeting's ``"agenda"`` or ``"minutes"``, or a review's ``"programme"``
        (``target_id``: the meeting's or the review's id), and say which witnesses who
        asked to give evidence in private it names to the public, for the window and the
        command line to warn (``publishing.private_witnesses_named``)."""
        if paper == "programme":
            review = self._review(target_id)
            programme = publishing.calendar_programme_view(review, _paper_audience(audience))
            return Exported(
                self._programme(review, programme, path),
                publishing.private_witnesses_named(review, programme.meetings),
            )
        if paper not in ("agenda", "minutes"):
            raise ValueError(f"paper must be agenda, minutes or programme, not {paper!r}")
        from ..exports import agenda_pdf, minutes_pdf

        review, key, _ = self._meeting(target_id)
        if paper == "agenda":
            view = publishing.meeting_view(review, key, _paper_audience(audience))
            link = publishing.joining_link(review, key)
            written = write_atomically(path, agenda_pdf.render_agenda(view, link))
        else:
            view = self._minutes_view(target_id, audience)
            written = write_atomically(path, minutes_pdf.render_minutes(view))
        return Exported(written, publishing.private_witnesses_named(review, [view]))

    def agenda(self, meeting_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        return self.publish("agenda", meeting_id, audience, path).path

    def minutes(self, meeting_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        """Approved minutes print as they were approved (kept, never rebuilt); a draft
        from the data as it is. A meeting that did not take place has no minutes."""
        return self.publish("minutes", meeting_id, audience, path).path

    def _minutes_view(self, meeting_id: int, audience: Audience) -> MeetingView:
        minutes = MinutesService(self.db)
        try:
            return minutes.printed(meeting_id, _paper_audience(audience))
        except ValidationError as exc:
            raise ExportError(exc.problems[0].message) from None

    # Calendar ---------------------------------------------------------------

    def invite(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Path:
        from ..exports import calendar_ics, email_eml

        review, key, witness = self._meeting(meeting_id, witness_id)
        organizer = _organizer(review)
        email = _is_email(path)
        calendar = publishing.calendar_view(review, key)
        panel = calendar.meeting
        if will_not_take_place(panel.status):
            raise ExportError(
                f'"{panel.title}" is {panel.status.value}: it gets no invitation'
                + (
                    " (send the cancellation instead)"
                    if panel.status is MeetingStatus.CANCELLED
                    else " until it is rescheduled"
                )
            )
        now = self.clock()
        if witness is not None:
            view = publishing.witness_calendar_view(review, key, witness)
            data = _render(
                lambda: (
                    email_eml.render_witness_invite_email
                    if email
                    else calendar_ics.render_witness_invite
                )(view, organizer, now)
            )
        else:
            data = _render(
                lambda: (email_eml.render_invite_email if email else calendar_ics.render_invite)(
                    calendar, organizer, now
                )
            )
        return write_atomically(path, data)

    def cancellation(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Path:
        from ..exports import calendar_ics, email_eml

        review, key, witness = self._meeting(meeting_id, witness_id)
        organizer = _organizer(review)
        email = _is_email(path)
        calendar = publishing.calendar_view(review, key)
        panel = calendar.meeting
        if panel.status is not MeetingStatus.CANCELLED:
            raise ExportError(
                f'"{panel.title}" is {panel.status.value}, not cancelled: '
                "cancel the meeting first, then send its cancellation"
            )
        now = self.clock()
        if witness is not None:
            wview = publishing.witness_calendar_view(review, key, witness)
            data = _render(
                lambda: (
                    email_eml.render_witness_cancellation_email
                    if email
                    else calendar_ics.render_witness_cancellation
                )(wview, organizer, now)
            )
        else:
            data = _render(
                lambda: (
                    email_eml.render_cancellation_email
                    if email
                    else calendar_ics.render_cancellation
                )(calendar, organizer, now)
            )
        return write_atomically(path, data)

    def calendar(self, review_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        return self.publish("programme", review_id, audience, path).path

    def _programme(
        self, review: Review, view: CalendarProgramme, path: str | os.PathLike[str]
    ) -> Path:
        if Path(path).suffix.lower() != ".ics":
            raise ExportError(f"{path}: a published programme is an .ics file")
        from ..exports import calendar_ics

        organizer = _organizer(review)
        return write_atomically(
            path, _render(lambda: calendar_ics.render_programme(view, organizer, self.clock()))
        )


def _paper_audience(audience: Audience) -> Audience:
    if audience is Audience.WITNESS:
        raise ExportError(
            "Papers are for the public or the panel; a witness gets an invitation (--witness)"
        )
    return audience


def _organizer(review: Review) -> Organizer:
    from ..exports.calendar_ics import Organizer

    email = ((review.contact.email if review.contact else None) or "").strip()
    if not email:
        raise ExportError(
            "The review has no contact officer e-mail address. Fill in the contact "
            "officer's e-mail in the review's details: calendar files name it as the "
            "organiser, and addresses are never invented."
        )
    return Organizer(email=email, name=review.contact.name if review.contact else None)


def _is_email(path: str | os.PathLike[str]) -> bool:
    suffix = Path(path).suffix.lower()
    if suffix not in CALENDAR_SUFFIXES:
        raise ExportError(
            f"{path}: an invitation is written as .ics (a calendar file) or "
            ".eml (a ready-to-send e-mail)"
        )
    return suffix == ".eml"


def _render(render: Callable[[], bytes]) -> bytes:
    try:
        return render()
    except ValueError as exc:
        raise ExportError(str(exc)) from None
