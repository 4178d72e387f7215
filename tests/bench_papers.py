"""What one meeting's papers cost, against bare libraries making the same documents
(issue 13): `make bench`, or alone ``python -m tests.bench_papers [--scale N]
[--postgres]``.

Each figure is the CPU time, in this process, of the export the window and the
command line call (``ExportService``, a file written to a temporary folder), against
a floor measured in the same run, interleaved with it:

- the agenda and the minutes of the 40-item meeting, and the agenda of a 10-item one,
  against a bare reportlab platypus script making the same document: the fonts
  ``exports.pdf_style`` registers, A4, a heading, a table of the items' numbers and
  titles (and minutes), as many pages as the app's paper;
- a witness's invitation (.eml) to the 40-item meeting, issued as the app issues it
  (the meeting and the witness read, the file drawn, recorded in the invitation
  register and written), against the bare libraries doing that same work: plain
  sqlite3 (psycopg with ``--postgres``) reading the meeting's title, start and place,
  the witness's name and address and their first agenda item from the app's own
  tables; icalendar and the standard library's e-mail making one event with its
  organiser and attendee and a message carrying it; the issue and its one recipient
  inserted into the app's invitation register and committed; the bytes written to a
  temporary name, fsynced and renamed. (This floor once drew only the event and the
  message, from data handed to it: the reading, recording and writing an invitation
  must do were left out of it.)

The review around the meeting is an office review (300 meetings, 10,000 notes, 20
evidence files of 100 KB); a paper costs what its meeting holds, so the figures are
the same at office scale and at three times it.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from .bench_data import BIG_MEETING, SMALL_MEETING, Office, office
from .bench_ratio import Works, cpu_interleaved, line

RUNS = 9
TARGET = 2.0  # the issue's target for the agenda of a 40-item meeting, kept for all four
WITNESS = "w150"  # on the first item of BIG_MEETING
WITNESS_EMAIL = "witness150@example.org"
NOW = datetime(2016, 1, 1, 9, 0, tzinfo=UTC)


def _page_count(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _bare_pdf(heading: str, rows: list[tuple[str, ...]], extra: int = 0) -> bytes:
    """A bare platypus document: a heading and a table of the rows, then ``extra``
    further pages (each with a line of text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

    from scrutiny_desk.exports.pdf_style import FONT, FONT_BOLD

    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13)
    head = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=16, leading=20)
    story = [
        Paragraph(escape(heading), head),
        Table(
            [[Paragraph(escape(c), body) for c in row] for row in rows],
            colWidths=[40, 160, 260][: len(rows[0])],
            repeatRows=1,
        ),
    ]
    for _ in range(extra):
        story += [PageBreak(), Paragraph(escape(heading), body)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1, initialFontName=FONT).build(story)
    return out.getvalue()


def _bare_floor(heading: str, rows: list[tuple[str, ...]], pages: int) -> Callable[[], bytes]:
    """The bare document padded to ``pages`` (the app's paper's), counted once here."""
    extra = max(0, pages - _page_count(_bare_pdf(heading, rows)))
    assert _page_count(_bare_pdf(heading, rows, extra)) == pages, "the floor has more pages"
    return lambda: _bare_pdf(heading, rows, extra)


@contextmanager
def _bare_invitation(
    target: str, meeting_id: int, witness_id: int, path: Path
) -> Iterator[Callable[[], bytes]]:
    """The bare libraries issuing a witness's invitation: plain sqlite3 (or psycopg on
    PostgreSQL) reading the meeting's title, start and place, the witness's name and
    address and their first agenda item from the app's own tables; icalendar and the
    standard library's e-mail making one event with its organiser and attendee in a
    message with the item as its body and the event attached; the issue and its one
    recipient inserted into the app's invitation register (as the app records it: an
    issue without recipients is not a valid register entry, and the review could not be
    exported and imported again, as the transfer bench does next) and committed; the
    bytes written to a temporary name, fsynced and renamed to ``path``. One connection,
    opened here (the app keeps its own pool open too)."""
    import os

    from icalendar import Calendar, Event, vCalAddress

    if target.startswith("postgresql"):
        import psycopg

        connection: Any = psycopg.connect(target.replace("postgresql+psycopg://", "postgresql://"))
        mark = "%s"
    else:
        import sqlite3

        connection = sqlite3.connect(target)
        mark = "?"
    meeting_sql = f"SELECT title, start, venue, uid FROM meetings WHERE id = {mark}"
    witness_sql = f"SELECT key, name, email FROM witnesses WHERE id = {mark}"
    item_sql = (
        "SELECT i.position, i.title FROM agenda_items i"
        " JOIN item_witnesses w ON w.item_id = i.id"
        f" WHERE i.meeting_id = {mark} AND w.witness_id = {mark} ORDER BY i.position LIMIT 1"
    )
    insert_sql = (
        "INSERT INTO calendar_issues"
        ' (meeting_id, position, at_utc, at_offset_minutes, "by", kind, uid, sequence)'
        f" SELECT {mark}, COALESCE(MAX(position) + 1, 0), {mark}, 0, {mark}, 'invitation',"
        f" {mark}, 0 FROM calendar_issues WHERE meeting_id = {mark} RETURNING id"
    )
    recipient_sql = (
        "INSERT INTO calendar_recipients (issue_id, position, person, person_key, name, email)"
        f" VALUES ({mark}, 0, 'witness', {mark}, {mark}, {mark})"
    )
    stamp = NOW.replace(tzinfo=None)
    at = stamp if mark == "%s" else stamp.isoformat(" ", timespec="microseconds")

    def issue() -> bytes:
        title, start, venue, uid = connection.execute(meeting_sql, (meeting_id,)).fetchone()
        if isinstance(start, str):
            start = datetime.fromisoformat(start)
        key, name, email = connection.execute(witness_sql, (witness_id,)).fetchone()
        position, item = connection.execute(item_sql, (meeting_id, witness_id)).fetchone()
        text = f"{position + 1}. {item}"
        calendar = Calendar()
        calendar.add("prodid", "-//bench//papers//EN")
        calendar.add("version", "2.0")
        calendar.add("method", "REQUEST")
        event = Event()
        event.add("uid", f"{uid}-{key}")
        event.add("dtstamp", NOW)
        event.add("dtstart", start.replace(tzinfo=UTC))
        event.add("summary", title)
        event.add("location", venue or "")
        event.add("description", text)
        event.add("organizer", vCalAddress("mailto:scrutiny@example.gov.uk"))
        attendee = vCalAddress(f"mailto:{email}")
        attendee.params["cn"] = name
        event.add("attendee", attendee)
        calendar.add_component(event)
        message = EmailMessage()
        message["Subject"] = f"Invitation: {title}"
        message["To"] = f"{name} <{email}>"
        message.set_content(text)
        message.add_attachment(calendar.to_ical(), "text", "calendar", filename="invite.ics")
        data = message.as_bytes()
        values = (meeting_id, at, "bench", f"{uid}-{key}", meeting_id)
        (issue_id,) = connection.execute(insert_sql, values).fetchone()
        connection.execute(recipient_sql, (issue_id, key, name, email))
        connection.commit()
        temp = path.with_name(path.name + ".part")
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        return data

    try:
        yield issue
    finally:
        connection.close()


INVITATION = "papers: witness invitation (.eml)"


@dataclass
class _Papers:
    """The app's papers of the measured review, ready to write (``_papers``)."""

    folder: Path
    #: name -> (the app writing the paper and reading its bytes, heading, items as the
    #: bare floor prints them)
    pdfs: dict[str, tuple[Callable[[], bytes], str, list[tuple[str, ...]]]]
    invitation: Callable[[], bytes]
    meeting_id: int
    witness_id: int


@contextmanager
def _papers(office: Office) -> Iterator[_Papers]:
    from scrutiny_desk.domain.views import Audience
    from scrutiny_desk.services.container import Services

    services = Services.open(office.target)
    try:
        review = office.measured
        meetings = {m.key: m for m in services.meetings.list(review)}
        big, small = meetings[BIG_MEETING], meetings[SMALL_MEETING]
        witness = services.witness_edits.find_witness(review, WITNESS)
        assert witness.email == WITNESS_EMAIL  # bench_data gives each witness an address
        exports = services.exports
        exports.clock = lambda: NOW
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)

            def paper(write: Callable[[Path], Path], name: str) -> Callable[[], bytes]:
                return lambda: write(folder / name).read_bytes()

            def agenda_of(meeting_id: int) -> Callable[[Path], Path]:
                return lambda path: exports.agenda(meeting_id, Audience.PUBLIC, path)

            def rows(meeting_id: int, minutes: bool) -> list[tuple[str, ...]]:
                """The items as the floor prints them, read once, before timing."""
                return [
                    (str(i.number), i.title, *((i.minute or "",) if minutes else ()))
                    for i in services.meetings.agenda(meeting_id)
                ]

            pdfs = {
                "papers: agenda of a 40-item meeting": (
                    paper(agenda_of(big.id), "agenda-40.pdf"),
                    big.title,
                    rows(big.id, False),
                ),
                "papers: minutes of a 40-item meeting": (
                    paper(lambda p: exports.minutes(big.id, Audience.PUBLIC, p), "minutes.pdf"),
                    big.title,
                    rows(big.id, True),
                ),
                "papers: agenda of a 10-item meeting": (
                    paper(agenda_of(small.id), "agenda-10.pdf"),
                    small.title,
                    rows(small.id, False),
                ),
            }
            invitation = paper(lambda p: exports.invite(big.id, p, witness.id), "invitation.eml")
            yield _Papers(folder, pdfs, invitation, big.id, witness.id)
    finally:
        services.close()


def run(office: Office) -> list[tuple[str, float, float, float]]:
    """(name, figure ms, floor ms, target ratio) for each paper."""
    from scrutiny_desk.exports.pdf_style import register_fonts

    register_fonts()  # the floors use the app's fonts, registered once as the app does
    results: list[tuple[str, float, float, float]] = []
    with _papers(office) as papers:
        for name, (work, heading, items) in papers.pdfs.items():
            floor_pdf = _bare_floor(heading, items, _page_count(work()))
            figure, floor = cpu_interleaved(RUNS, work, floor_pdf)
            results.append((name, figure, floor, TARGET))
        bare = _bare_invitation(
            office.target, papers.meeting_id, papers.witness_id, papers.folder / "bare.eml"
        )
        with bare as floor_invitation:
            figure, floor = cpu_interleaved(RUNS, papers.invitation, floor_invitation)
        results.append((INVITATION, figure, floor, TARGET))
    return results


@contextmanager
def works(office: Office) -> Iterator[Works]:
    """Each figure's work for the growth lines, measured as above (CPU in process)."""
    with _papers(office) as papers:
        found: Works = {
            name: ([work], time.process_time) for name, (work, _, _) in papers.pdfs.items()
        }
        found[INVITATION] = ([papers.invitation], time.process_time)
        yield found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    with office(args.scale, args.postgres) as built:
        for name, figure, floor, target in run(built):
            line(name, figure, floor, target)


if __name__ == "__main__":
    main()
