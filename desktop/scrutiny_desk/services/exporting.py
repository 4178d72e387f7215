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

from ..domain.errors import ExportError, ValidationError
from ..domain.records import Review
from ..domain.roles import DbRole
from ..domain.views import Audience, CalendarProgramme, MeetingView
from ..store import documents, meeting_papers, pg_driver, queries
from ..store.db import Database
from ..store.meeting_papers import MeetingPapers
from . import publishing
from .audit import record_export
from .files import write_atomically
from .invitation_files import organizer_of
from .minutes import MinutesService, MinutesToPrint
from .public_exports import refuse_public_reader

if TYPE_CHECKING:
    from ..exports.paper_text import PaperText
    from .invitations import InvitationService

# The renderers (reportlab, icalendar) are imported when a paper is first written: the
# app starts and most commands run without them.

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Exported:
    """A paper written to ``path``, and the witnesses who asked to give evidence in
    private whom it names to the public (their names; () for the panel's papers); for
    an invitation, its warnings."""

    path: Path
    private_witnesses: tuple[str, ...] = ()
    #: an invitation's: everyone left out for lack of an e-mail address, every witness
    #: who asked to be heard in private but is on an open item
    warnings: tuple[str, ...] = ()


class ExportService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    # Loading ----------------------------------------------------------------

    def _meeting(
        self, meeting_id: int, witness_id: int | None = None
    ) -> tuple[MeetingPapers, str | None]:
        """The meeting's review cut down to that meeting (``meeting_papers``: a paper
        costs what its meeting holds, not the review) and the witness's key, read at
        once."""
        if witness_id is None:  # a paper's own read (on PostgreSQL without a session)
            return meeting_papers.read_papers(self.db, meeting_id)[0], None
        with self.db.reading() as session:
            papers = meeting_papers.meeting_papers(session, meeting_id)
            witness = queries.get_witness(session, witness_id)
        if witness.review_id != papers.review_id:
            raise ExportError(f'Witness {witness_id} ("{witness.name}") belongs to another review')
        if not any(witness.key in i.witnesses for i in papers.meeting.items):
            raise ExportError(
                f'{witness.name} is not on the agenda of "{papers.meeting.title}": '
                "assign them to an item first"
            )
        return papers, witness.key

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
        command line to warn (``publishing.private_witnesses_named``). An agenda or
        minutes is a PDF or, for a clerk to edit, Word, by the file's extension (.pdf,
        .docx); any other is refused, naming the file, and nothing is written."""
        if self.db.role is DbRole.PUBLIC_READER:  # from the public projection alone
            from .public_exports import publish

            return publish(self.db, paper, target_id, audience, path, self.clock)
        if paper == "programme":
            review = self._review(target_id)
            programme = publishing.calendar_programme_view(review, _paper_audience(audience))
            done = Exported(
                self._programme(review, programme, path),
                publishing.private_witnesses_named(review, programme.meetings),
            )
            record_export(self.db, paper, audience, "reviews", target_id, target_id, path)
            return done
        if paper not in ("agenda", "minutes"):
            raise ValueError(f"paper must be agenda, minutes or programme, not {paper!r}")
        # on PostgreSQL the read and the audit row share a pooled connection (one checkout)
        with pg_driver.holding(self.db):
            return self._meeting_paper(paper, target_id, audience, path)

    def _meeting_paper(
        self, paper: str, target_id: int, audience: Audience, path: str | os.PathLike[str]
    ) -> Exported:
        """``publish`` for a meeting's agenda or minutes."""
        word = _is_word(paper, path)
        from ..exports import agenda_pdf, minutes_pdf
        from ..exports.paper_text import PaperText

        # One read: the meeting's papers, and for minutes what they were kept as.
        minutes = MinutesService(self.db)
        to_print = minutes.to_print(target_id) if paper == "minutes" else None
        papers = self._meeting(target_id)[0] if to_print is None else to_print.papers
        review, key = papers.review, papers.key
        text = PaperText(review.language)  # the papers' language, a review setting
        if to_print is None:
            # The review is cut down to the meeting: its minutes' numbers start here.
            view = publishing.meeting_view(
                review, key, _paper_audience(audience), first_minute=papers.first_minute
            )
            link = publishing.joining_link(review, key)
            written = write_atomically(
                path,
                _word(paper, view, text, link, self.clock())
                if word
                else agenda_pdf.render_agenda(view, link, self.clock(), text=text),
            )
        else:
            view = _minutes_view(minutes, to_print, audience)
            written = write_atomically(
                path,
                _word(paper, view, text, None, self.clock())
                if word
                else minutes_pdf.render_minutes(view, self.clock(), text=text),
            )
        done = Exported(written, publishing.private_witnesses_named(review, [view]))
        record_export(self.db, paper, audience, "meetings", target_id, papers.review_id, path)
        return done

    def agenda(self, meeting_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        return self.publish("agenda", meeting_id, audience, path).path

    def minutes(self, meeting_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        """Approved minutes print as they were approved (kept, never rebuilt); a draft
        from the data as it is. A meeting that did not take place has no minutes."""
        return self.publish("minutes", meeting_id, audience, path).path

    def report(
        self,
        review_id: int,
        path: str | os.PathLike[str],
        *,
        audience: Audience,
        version: str | None = None,
    ) -> Path:
        """The review's report as .pdf, .docx or a folder of accessible HTML and tagged
        PDF (``report_exports.export_report``)."""
        refuse_public_reader(self.db, "the review's report")
        from .report_exports import export_report

        return export_report(
            self.db, review_id, path, audience=audience, version=version, clock=self.clock
        )

    # Calendar ---------------------------------------------------------------

    def send_invite(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Exported:
        """The panel's invitation or one witness's own, recorded in the invitation
        register, with the warnings (``InvitationService.invite``)."""
        refuse_public_reader(self.db, "invitations")
        issued = self._invitations().invite(meeting_id, path, witness_id)
        return Exported(issued.path, warnings=issued.warnings)

    def send_cancellation(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Exported:
        """A cancelled or postponed meeting's cancellation, or a witness's taken off the
        agenda, recorded in the register (``InvitationService.cancellation``)."""
        refuse_public_reader(self.db, "cancellations")
        issued = self._invitations().cancellation(meeting_id, path, witness_id)
        return Exported(issued.path, warnings=issued.warnings)

    def invite(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Path:
        return self.send_invite(meeting_id, path, witness_id).path

    def cancellation(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Path:
        return self.send_cancellation(meeting_id, path, witness_id).path

    def _invitations(self) -> InvitationService:
        from .invitations import InvitationService

        return InvitationService(self.db, self.clock)

    def calendar(self, review_id: int, audience: Audience, path: str | os.PathLike[str]) -> Path:
        return self.publish("programme", review_id, audience, path).path

    def _programme(
        self, review: Review, view: CalendarProgramme, path: str | os.PathLike[str]
    ) -> Path:
        if Path(path).suffix.lower() != ".ics":
            raise ExportError(f"{path}: a published programme is an .ics file")
        from ..exports import calendar_ics
        from ..exports.paper_text import PaperText

        organizer, text = organizer_of(review), PaperText(review.language)
        return write_atomically(
            path,
            _render(
                lambda: calendar_ics.render_programme(view, organizer, self.clock(), text=text)
            ),
        )


def _is_word(paper: str, path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a Word paper (.docx) rather than a PDF; any other name is
    refused before anything is read or written."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        noun = "an agenda" if paper == "agenda" else "minutes"
        raise ExportError(f"{path}: {noun} can be written as .pdf or .docx")
    return suffix == ".docx"


def _word(
    paper: str, view: MeetingView, text: PaperText, link: str | None, made: datetime
) -> bytes:
    """The agenda or minutes as Word, from the same audience view through the block
    model the web pages draw (``paper_content``)."""
    from ..exports import docx_paper, paper_content_agenda, paper_content_minutes

    if paper == "agenda":
        blocks = paper_content_agenda.agenda_paper(view, text, link)
    else:
        blocks = paper_content_minutes.minutes_paper(view, text)
    return docx_paper.render_paper(blocks, made)


def _minutes_view(minutes: MinutesService, read: MinutesToPrint, audience: Audience) -> MeetingView:
    """The minutes as they print for ``audience`` (``MinutesService.printed_from``);
    a meeting that did not take place has none (ExportError)."""
    try:
        return minutes.printed_from(read, _paper_audience(audience))
    except ValidationError as exc:
        raise ExportError(exc.problems[0].message) from None


def _paper_audience(audience: Audience) -> Audience:
    if audience is Audience.WITNESS:
        raise ExportError(
            "Papers are for the public or the panel; a witness gets an invitation (--witness)"
        )
    return audience


def _render(render: Callable[[], bytes]) -> bytes:
    try:
        return render()
    except ValueError as exc:
        raise ExportError(str(exc)) from None
