"""Closed business never reaches the public, through the services, in any format.

A Hypothesis property takes any valid review (``strategies.reviews``) and puts a unique
marker ("ZQX0017": letters and digits that survive PDF text extraction, iCalendar
escaping and folding, and MIME encodings) at the front of every free text: closed
items' titles, reasons and minutes, witnesses, evidence, notes, actions, and the public
places too. Closed items' slots are moved off the 15-minute grid (to :07 and :53, say)
that every other time in the review keeps to, so a printed time gives a closed slot
away. The review is imported (with a decoy copy of itself, the same keys but other
markers, beside it) and every paper, invitation, cancellation and programme is
exported. Then, working out from the review alone what each audience may see:

* no public paper or programme holds a closed marker, a closed slot's time, or a
  witness who was not heard under an open item; nor does a public PDF's metadata or
  outline; and each holds the public markers of the places it prints;
* a witness's invitation names that witness and no other, and only their own items;
* each panel paper and calendar holds every closed marker of the places it prints,
  and a panel paper with closed business says NOT FOR PUBLICATION;
* nothing of the decoy review shows anywhere.

The procedural record (format version 6) is marked too: a resolution on a closed item,
the nature of a declaration on a closed item and a closed item's minute are closed; the
names of substitutes, officers and others present, and votes' names, are not. Besides
the exported files, the audience views themselves are checked (quicker, so more
examples): no public view, and no calendar view showing public titles only, holds a
closed marker, and each public view shows what it must of the record.

Then the shipped sample on both backends, hostile text in every format, and the
calendar identity (UID and SEQUENCE) of a meeting through edits and cancellation.
"""

from __future__ import annotations

import email
import email.policy
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ical.calendar_stream import IcsCalendarStream
from pypdf import PdfReader
from pypdf.generic import Destination

from scrutiny_desk.domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    AttendeeKind,
    EvidenceKind,
    InterestCategory,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesStatus,
    PaperLanguage,
    StandardItem,
)
from scrutiny_desk.domain.errors import ExportError
from scrutiny_desk.domain.records import (
    Action,
    AgendaItem,
    Attendance,
    Attendee,
    Contact,
    Declaration,
    Evidence,
    EvidenceFile,
    ItemReport,
    Meeting,
    Member,
    Note,
    Resolution,
    Review,
    TorItem,
    Witness,
)
from scrutiny_desk.domain.rules import MAX_TITLE, check_review
from scrutiny_desk.domain.view_codec import view_text
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.exports.paper_text import ENGLISH, PaperText
from scrutiny_desk.exports.pdf_text import NOT_FOR_PUBLICATION, clock
from scrutiny_desk.services import codec, publishing
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges

from .approved import reopen
from .strategies import NONBLANK, OPTIONAL, TINY_PDF, reviews, skipped_in_london

MARKER = re.compile(r"ZQX\d{4}")
WELSH = PaperText(PaperLanguage.WELSH)
DECOY = re.compile(r"DCY\d{4}")
CONTACT_EMAIL = "clerk@example.org"
INVITABLE = (MeetingStatus.SCHEDULED, MeetingStatus.HELD)
NOW = datetime(2030, 1, 1, 9, 0, tzinfo=UTC)


# Reading exports back ------------------------------------------------------------------


def squeeze(text: str) -> str:
    """Text without any white space: a line break inside a phrase, a folded line or a
    space the MIME parser puts between encoded words no longer matters."""
    return "".join(text.split())


def markers(*texts: str | None) -> set[str]:
    return {m for t in texts if t for m in MARKER.findall(t)}


@dataclass(frozen=True)
class Doc:
    """One exported file, as text a reader would see."""

    name: str
    text: str  # squeezed
    spaced: str  # white space runs as one space
    furniture: str = ""  # PDF metadata and outline titles, squeezed
    pages: int = 0

    @property
    def found(self) -> set[str]:
        return markers(self.text)

    def has_time(self, printed: str) -> bool:
        """A time as printed ("3.07 pm", "15:07"), and not as the end of another."""
        pattern = r"\s?".join(re.escape(part) for part in printed.split())
        return re.search(rf"(?<![\d.:]){pattern}", self.spaced) is not None

    def may_show_time(self, printed: str) -> bool:
        """Looser, for what must be absent: even run into the text before it."""
        return squeeze(printed) in self.text


def read_pdf(path: Path) -> Doc:
    reader = PdfReader(path)
    raw = "\n".join(page.extract_text() for page in reader.pages)
    meta = [str(reader.metadata[key]) for key in reader.metadata or {}]
    return Doc(
        path.name,
        squeeze(raw),
        " ".join(raw.replace("\xa0", " ").split()),
        squeeze(" ".join(meta + outline_titles(reader.outline))),
        len(reader.pages),
    )


def outline_titles(entries: Iterable[Any]) -> list[str]:
    found: list[str] = []
    for entry in entries:
        if isinstance(entry, list):
            found += outline_titles(entry)
        else:
            assert isinstance(entry, Destination)
            found.append(str(entry.title))
    return found


def unfold(data: bytes) -> str:
    return data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8")


def read_ics(path: Path) -> Doc:
    data = path.read_bytes()
    icalendar.Calendar.from_ical(data)  # it parses
    text = unfold(data)
    return Doc(path.name, squeeze(text), " ".join(text.split()))


def read_events(path: Path) -> dict[str, Doc]:
    """Each event of a calendar file, by UID."""
    found = {}
    for text in re.findall(r"BEGIN:VEVENT\r\n(.*?)END:VEVENT", unfold(path.read_bytes()), re.S):
        uid = re.search(r"^UID:(.*?)\r$", text, re.M)
        assert uid is not None
        found[uid.group(1)] = Doc(
            f"{path.name} {uid.group(1)}", squeeze(text), " ".join(text.split())
        )
    return found


def read_eml(path: Path) -> Doc:
    """Every header decoded, every part decoded (base64, quoted-printable)."""
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message.defects == []
    pieces = [f"{name}: {value}" for name, value in message.items()]
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        pieces.append(unfold(payload) if b"BEGIN:VCALENDAR" in payload else payload.decode())
    text = "\n".join(pieces)
    return Doc(path.name, squeeze(text), " ".join(text.split()))


def read(path: Path) -> Doc:
    return {".pdf": read_pdf, ".ics": read_ics, ".eml": read_eml}[path.suffix](path)


# Marking a review -------------------------------------------------------------------


class Marks:
    def __init__(self) -> None:
        self._numbers = itertools.count(1)

    def new(self) -> str:
        return f"ZQX{next(self._numbers):04d}"

    def text(self, value: str) -> str:
        return f"{self.new()} {value}"


def off_the_grid(item: AgendaItem) -> AgendaItem:
    """A closed item's slot moved to minutes no other time in the review uses (every
    other time is on the 15-minute grid): the start 7 minutes later, the end 7 earlier,
    unless that end falls in the hour skipped when the clocks go forward."""
    if not item.is_closed or item.start is None or item.end is None:
        return item
    end = item.end - timedelta(minutes=7)
    return replace(
        item,
        start=item.start + timedelta(minutes=7),
        end=item.end if skipped_in_london(end) else end,
    )


def held_pdf() -> EvidenceFile:
    return EvidenceFile("report.pdf", "application/pdf", TINY_PDF)


@st.composite
def with_every_kind_of_place(draw: st.DrawFn, review: Review) -> Review:
    """The review with one more meeting that has every confidential place, so that
    every example has them: witnesses heard in public only, in public and in private,
    in private only; a closed item with a slot and one without; a closed action, closed
    evidence, a closed note and notes on a closed item and on closed evidence. (Its
    keys are longer than any the strategy draws, so none clashes.)"""
    public, both, private = "heard-in-public", "heard-in-public-and-private", "heard-in-private"
    start = datetime.combine(draw(st.dates(date(2001, 1, 1), date(2039, 12, 31))), time(14))
    meeting_key = "meeting-with-every-place"
    slotted = "closed-item-with-a-slot"
    evidence = "closed-evidence-of-the-meeting"
    tor = [t.key for t in review.terms_of_reference][:1] or ["terms-of-reference-added"]
    terms = review.terms_of_reference or (TorItem(tor[0], draw(NONBLANK)),)
    created = datetime(2030, 1, 1, tzinfo=UTC)

    def closed_item(key: str, witnesses: tuple[str, ...], slot: bool) -> AgendaItem:
        return AgendaItem(
            key,
            draw(NONBLANK),
            ItemKind.EVIDENCE,
            Access.CLOSED,
            closed_reason=draw(NONBLANK),
            public_title=draw(OPTIONAL),
            exemption=draw(OPTIONAL),
            start=start + timedelta(hours=1) if slot else None,
            end=start + timedelta(hours=2) if slot else None,
            witnesses=witnesses,
            minute=draw(OPTIONAL),
            resolutions=(Resolution(draw(NONBLANK)),),  # version 6
            title_cy=draw(NONBLANK),  # version 7: a Welsh title, and a report
            public_title_cy=draw(OPTIONAL),
            reports=(ItemReport(f"report-of-{key}", draw(NONBLANK), held_pdf()),),
        )

    # Version 6: a member present declares an interest in the closed item; an officer.
    declarer = review.panel[0].key if review.panel else None
    meeting = Meeting(
        meeting_key,
        draw(NONBLANK),
        MeetingKind.EVIDENCE,
        start,
        start + timedelta(hours=3),
        status=draw(st.sampled_from(MeetingStatus)),
        items=(
            AgendaItem(
                "open-item-of-the-meeting",
                draw(NONBLANK),
                ItemKind.EVIDENCE,
                start=start + timedelta(minutes=15),
                end=start + timedelta(hours=1),
                witnesses=(public, both),
                minute=draw(OPTIONAL),
                title_cy=draw(NONBLANK),  # version 7
                reports=(ItemReport("report-of-the-open-item", draw(NONBLANK), held_pdf()),),
            ),
            closed_item(slotted, (both, private), slot=True),
            closed_item("closed-item-without-a-slot", (private,), slot=False),
        ),
        attendance=(Attendance(declarer, AttendanceStatus.PRESENT),) if declarer else (),
        attendees=(
            Attendee(
                "officer-of-the-meeting-with-every-place",
                AttendeeKind.OFFICER,
                draw(NONBLANK),
                draw(OPTIONAL),
            ),
        ),
        declarations=(
            Declaration(declarer, slotted, draw(NONBLANK), InterestCategory.OTHER_REGISTRABLE),
        )
        if declarer
        else (),
    )
    return replace(
        review,
        terms_of_reference=terms,
        witnesses=review.witnesses
        + tuple(
            Witness(k, draw(NONBLANK), draw(OPTIONAL), draw(OPTIONAL))
            for k in (public, both, private)
        ),
        meetings=(*review.meetings, meeting),
        evidence=(
            *review.evidence,
            Evidence(
                evidence,
                draw(NONBLANK),
                EvidenceKind.STATEMENT,
                private,
                access=Access.CLOSED,
                summary=draw(OPTIONAL),
            ),
        ),
        notes=(
            *review.notes,
            Note("note-on-the-closed-item", draw(NONBLANK), created, tor, meeting_key, slotted),
            Note("note-on-the-closed-evidence", draw(NONBLANK), created, tor, evidence=evidence),
            Note("closed-note-of-the-meeting", draw(NONBLANK), created, tor, access=Access.CLOSED),
        ),
        actions=(
            *review.actions,
            Action(
                "closed-action-of-the-meeting",
                draw(NONBLANK),
                draw(OPTIONAL),
                meeting=meeting_key,
                access=Access.CLOSED,
            ),
            Action(
                "open-action-of-the-meeting", draw(NONBLANK), draw(OPTIONAL), meeting=meeting_key
            ),
        ),
    )


@st.composite
def marked_reviews(draw: st.DrawFn) -> Review:
    """Any valid review and a meeting with every confidential place, with a unique
    marker at the front of every free text (and an optional text sometimes filled in
    with one), valid addresses for the organiser, the panel, every witness and every
    attendee who has one, and
    closed slots off the grid."""
    review = draw(reviews().flatmap(with_every_kind_of_place))
    marks = Marks()

    def optional(value: str | None) -> str | None:
        if value is None and draw(st.booleans()):
            return None
        return marks.text(value or "")

    witnesses = tuple(
        replace(
            w,
            name=marks.text(w.name),
            role=optional(w.role),
            organisation=optional(w.organisation),
            email=f"{marks.new()}@example.org",
        )
        for w in review.witnesses
    )
    panel = tuple(
        replace(m, name=marks.text(m.name), email=f"member{n}@example.org")
        for n, m in enumerate(review.panel)
    )
    if not panel:
        panel = (
            Member(
                "member-added-for-invitations",
                marks.text("Cllr"),
                MemberRole.MEMBER,
                "m@example.org",
            ),
        )
    contact = review.contact or Contact()
    meetings = tuple(
        replace(
            m,
            title=marks.text(m.title),
            title_cy=optional(m.title_cy),  # version 7
            urgency=optional(m.urgency),
            venue=optional(m.venue),
            uid=None,  # given at import: the decoy needs its own
            items=tuple(
                off_the_grid(
                    replace(
                        i,
                        title=marks.text(i.title),
                        closed_reason=optional(i.closed_reason),
                        public_title=optional(i.public_title),
                        exemption=optional(i.exemption),
                        # version 7: the Welsh titles; a report's title is its item's
                        title_cy=optional(i.title_cy),
                        public_title_cy=optional(i.public_title_cy),
                        reports=tuple(replace(r, title=marks.text(r.title)) for r in i.reports),
                        minute=optional(i.minute),
                        resolutions=tuple(
                            replace(r, text=marks.text(r.text)) for r in i.resolutions
                        ),
                    )
                )
                for i in m.items
            ),
            attendees=tuple(
                replace(
                    a,
                    name=marks.text(a.name),
                    role=optional(a.role),
                    # invited with the panel (substitutes and officers): a valid address
                    email=None if a.email is None else f"{marks.new()}@example.org",
                )
                for a in m.attendees
            ),
            declarations=tuple(replace(d, nature=marks.text(d.nature)) for d in m.declarations),
        )
        for m in review.meetings
    )
    marked = replace(
        review,
        title=marks.text(review.title),
        body=optional(review.body),
        contact=replace(contact, name=optional(contact.name), email=CONTACT_EMAIL),
        panel=panel,
        witnesses=witnesses,
        meetings=meetings,
        evidence=tuple(
            replace(
                e,
                title=marks.text(e.title),
                source=optional(e.source),
                summary=optional(e.summary),
            )
            for e in review.evidence
        ),
        notes=tuple(replace(n, text=marks.text(n.text)) for n in review.notes),
        recommendations=tuple(
            replace(r, text=marks.text(r.text), response=optional(r.response))
            for r in review.recommendations
        ),
        actions=tuple(
            replace(a, text=marks.text(a.text), owner=optional(a.owner)) for a in review.actions
        ),
        # version 8: the report's paragraphs (its versions keep the words they printed)
        report=replace(
            review.report,
            paragraphs=tuple(replace(p, text=marks.text(p.text)) for p in review.report.paragraphs),
        ),
    )
    assert check_review(marked) == []
    return marked


# What each audience may see, worked out from the review alone --------------------------


def person(w: Witness) -> set[str]:
    """What papers and calendars print of a witness."""
    return markers(w.name, w.role, w.organisation)


def everything_of(w: Witness) -> set[str]:
    return markers(w.name, w.role, w.organisation, w.email)


def off_grid(moment: datetime | None) -> bool:
    return moment is not None and moment.minute % 15 != 0


@dataclass(frozen=True)
class Expectations:
    review: Review

    @property
    def witnesses(self) -> dict[str, Witness]:
        return {w.key: w for w in self.review.witnesses}

    def closed_items(self) -> Iterator[AgendaItem]:
        return (i for m in self.review.meetings for i in m.items if i.is_closed)

    def confidential(self) -> set[str]:
        """Closed items' titles, reasons and minutes, closed evidence, closed notes and
        notes on closed items or closed evidence, closed actions, the report's closed
        paragraphs."""
        r = self.review
        closed_items = {i.key for i in self.closed_items()}
        closed_evidence = {e.key for e in r.evidence if e.access is Access.CLOSED}
        found = set()
        for item in self.closed_items():
            found |= markers(item.title, item.closed_reason, item.minute)
            found |= markers(*(r.text for r in item.resolutions))  # version 6
            found |= markers(item.title_cy, *(r.title for r in item.reports))  # version 7
        for meeting in r.meetings:  # the nature of a declaration on a closed item
            closed = {i.key for i in meeting.items if i.is_closed}
            found |= markers(*(d.nature for d in meeting.declarations if d.item in closed))
        for e in r.evidence:
            if e.access is Access.CLOSED:
                found |= markers(e.title, e.source, e.summary)
        for n in r.notes:
            if n.access is Access.CLOSED or n.item in closed_items or n.evidence in closed_evidence:
                found |= markers(n.text)
        for a in r.actions:
            if a.access is Access.CLOSED:
                found |= markers(a.text, a.owner)
        for p in r.report.paragraphs:  # version 8
            if p.access is Access.CLOSED:
                found |= markers(p.text)
        return found

    def all_witness_markers(self) -> set[str]:
        return {m for w in self.review.witnesses for m in everything_of(w)}

    def heard_in_open(self, meetings: Iterable[Meeting]) -> set[str]:
        """The witnesses a public paper or programme of these meetings names."""
        return {
            m
            for meeting in meetings
            for item in meeting.items
            if not item.is_closed
            for key in item.witnesses
            for m in person(self.witnesses[key])
        }

    def closed_times(self) -> set[datetime]:
        return {
            t
            for i in self.closed_items()
            for t in (i.start, i.end)
            if t is not None and off_grid(t)
        }

    def closed_in_calendars(self, meetings: Iterable[Meeting]) -> set[str]:
        """What a calendar for the panel prints of closed items: title, exemption,
        witnesses (and the slot)."""
        return {
            m
            for meeting in meetings
            for item in meeting.items
            if item.is_closed
            for m in self.titled(item.title, item.title_cy).union(
                markers(item.exemption), *(person(self.witnesses[k]) for k in item.witnesses)
            )
        }

    def unnamed_in_calendars(self) -> frozenset[str]:
        """Witnesses who asked to give evidence in private, whom calendars showing
        public titles only (the review's setting) never name."""
        if not self.review.calendar_public_titles:
            return frozenset()
        return frozenset(m for w in self.review.witnesses if w.private for m in person(w))

    def titled(self, english: str | None, welsh: str | None) -> set[str]:
        """The markers of a title as the review's papers print it (version 7): a Welsh
        paper prints the Welsh title where there is one, a bilingual paper both."""
        language = self.review.language
        if welsh is None or not welsh.strip() or language is PaperLanguage.ENGLISH:
            return markers(english)
        if language is PaperLanguage.WELSH:
            return markers(welsh)
        return markers(english, welsh)

    def public_markers(self, meeting: Meeting, minutes: bool) -> set[str]:
        """What a public paper of the meeting must print."""
        found = self.titled(meeting.title, meeting.title_cy)
        for item in meeting.items:
            if item.is_closed:
                found |= self.titled(item.public_title, item.public_title_cy)
                found |= markers(item.exemption)
            else:
                found |= self.titled(item.title, item.title_cy)
                if minutes:
                    found |= markers(item.minute)
                    found |= markers(*(r.text for r in item.resolutions))  # version 6
        if minutes:
            found |= markers(*(a.name for a in meeting.attendees))
            for a in self.review.actions:
                if a.meeting == meeting.key and a.access is Access.OPEN:
                    found |= markers(a.text, a.owner)
        return found | self.heard_in_open([meeting])


# Exporting everything -----------------------------------------------------------------


@dataclass
class Exported:
    public_papers: dict[tuple[str, str], Doc]  # (meeting key, paper) -> doc
    panel_papers: dict[tuple[str, str], Doc]
    public_programme: Doc
    public_events: dict[str, Doc]  # meeting key -> its event in the public programme
    panel_programme: Doc
    panel_calendars: dict[str, list[Doc]]  # meeting key -> invites or cancellations
    witness_calendars: dict[tuple[str, str], list[Doc]]  # (meeting, witness) -> docs

    def every_doc(self) -> Iterator[Doc]:
        yield from self.public_papers.values()
        yield from self.panel_papers.values()
        yield self.public_programme
        yield from self.public_events.values()
        yield self.panel_programme
        for docs in (*self.panel_calendars.values(), *self.witness_calendars.values()):
            yield from docs


def export_everything(services: Services, review_id: int, review: Review, out: Path) -> Exported:
    out.mkdir()
    exports = services.exports
    # A fixed "now" on the hour: the e-mail's Date header ("09:00:00") then never
    # looks like a closed slot's time, and the same review gives the same files.
    exports.clock = lambda: NOW
    listed = services.meetings.list(review_id)
    meeting_ids = {m.key: m.id for m in listed}
    meeting_uids = {m.key: m.uid for m in listed}
    witness_ids = {w.key: w.id for w in services.witnesses.list(review_id)}
    names = itertools.count()

    def path(suffix: str) -> Path:
        return out / f"{next(names)}{suffix}"

    papers: dict[Audience, dict[tuple[str, str], Doc]] = {Audience.PUBLIC: {}, Audience.PANEL: {}}
    panel_calendars: dict[str, list[Doc]] = {}
    witness_calendars: dict[tuple[str, str], list[Doc]] = {}
    for meeting in review.meetings:
        mid = meeting_ids[meeting.key]
        for audience, docs in papers.items():
            docs[meeting.key, "agenda"] = read(exports.agenda(mid, audience, path(".pdf")))
            if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
                # A meeting that did not take place has no minutes (issue 10).
                with pytest.raises(ExportError, match="so it has no minutes"):
                    exports.minutes(mid, audience, path(".pdf"))
                continue
            docs[meeting.key, "minutes"] = read(exports.minutes(mid, audience, path(".pdf")))
        heard = dict.fromkeys(k for i in meeting.items for k in i.witnesses)
        if meeting.status in INVITABLE:
            send = exports.invite
        elif meeting.status is MeetingStatus.CANCELLED:
            send = exports.cancellation
        else:  # postponed: no invitation until it is rescheduled; a cancellation (issue 14)
            with pytest.raises(ExportError, match="postponed"):
                exports.invite(mid, path(".ics"))
            send = exports.cancellation
        panel_calendars[meeting.key] = [read(send(mid, path(s))) for s in (".ics", ".eml")]
        for key in heard:
            witness_calendars[meeting.key, key] = [
                read(send(mid, path(s), witness_ids[key])) for s in (".ics", ".eml")
            ]
    public_programme = exports.calendar(review_id, Audience.PUBLIC, path(".ics"))
    panel_programme = exports.calendar(review_id, Audience.PANEL, path(".ics"))
    events = read_events(public_programme)
    return Exported(
        public_papers=papers[Audience.PUBLIC],
        panel_papers=papers[Audience.PANEL],
        public_programme=read(public_programme),
        public_events={key: events[uid] for key, uid in meeting_uids.items()},
        panel_programme=read(panel_programme),
        panel_calendars=panel_calendars,
        witness_calendars=witness_calendars,
    )


# Checks ---------------------------------------------------------------------------


def check_public(
    doc: Doc,
    expect: Expectations,
    meetings: list[Meeting],
    must: set[str],
    unnamed: frozenset[str] = frozenset(),
) -> None:
    """``unnamed``: witnesses this file must not name even under an open item (a
    calendar's, with public titles only, names no witness heard in private)."""
    confidential = expect.confidential()
    leaked = doc.found & confidential
    assert not leaked, f"{doc.name}: closed business {sorted(leaked)} in a public export"
    heard = expect.heard_in_open(meetings) - unnamed
    must = must - unnamed
    named = doc.found & expect.all_witness_markers()
    assert named == heard, (
        f"{doc.name}: names witnesses {sorted(named - heard)} not heard in public, "
        f"leaves out {sorted(heard - named)}"
    )
    missing = must - doc.found
    assert not missing, f"{doc.name}: public text {sorted(missing)} is missing"
    for moment in expect.closed_times():
        for printed in (clock(moment), WELSH.clock(moment), f"{moment:%H:%M}"):
            assert not doc.may_show_time(printed), f"{doc.name}: a closed slot's time {printed}"
    furniture = markers(doc.furniture)
    assert not furniture & (confidential | (expect.all_witness_markers() - heard)), doc.name
    for language in (ENGLISH, WELSH):
        assert squeeze(language(NOT_FOR_PUBLICATION)) not in doc.text, doc.name


def check_panel_paper(doc: Doc, expect: Expectations, meeting: Meeting, paper: str) -> None:
    papers_text = PaperText(expect.review.language)  # the review's papers' language
    closed = [i for i in meeting.items if i.is_closed]
    must = set()
    for item in closed:
        must |= expect.titled(item.title, item.title_cy)
        must |= markers(item.closed_reason, item.exemption)
        must |= {m for k in item.witnesses for m in person(expect.witnesses[k])}
        if paper == "minutes":
            must |= markers(item.minute, *(r.text for r in item.resolutions))
    private_actions = [
        a for a in expect.review.actions if a.meeting == meeting.key and a.access is Access.CLOSED
    ]
    if paper == "minutes":
        for a in private_actions:
            must |= markers(a.text, a.owner)
    missing = must - doc.found
    assert not missing, f"panel {paper} {doc.name}: closed text {sorted(missing)} is missing"
    if paper == "agenda":
        for item in closed:
            for moment in (item.start, item.end):
                if off_grid(moment):
                    assert moment is not None, doc.name
                    assert doc.has_time(papers_text.clock(moment).split(" / ")[0]), doc.name
    marked = closed or (paper == "minutes" and private_actions)
    warning = papers_text(NOT_FOR_PUBLICATION).split(" / ")[0]
    assert (squeeze(warning) in doc.text) == bool(marked), doc.name


def check_witness_calendar(
    doc: Doc, expect: Expectations, meeting: Meeting, witness: Witness
) -> None:
    own = [i for i in meeting.items if witness.key in i.witnesses]
    others = expect.all_witness_markers() - everything_of(witness)
    assert person(witness) <= doc.found, f"{doc.name}: does not name its own witness"
    assert not doc.found & others, f"{doc.name}: names another witness {doc.found & others}"
    r = expect.review
    # Public titles only (the review's setting, or a witness heard in private): a closed
    # item of theirs shows its public title, never its real one.
    public_titles = r.calendar_public_titles or witness.private
    pairs = [
        (i.public_title, i.public_title_cy)
        if i.is_closed and public_titles
        else (i.title, i.title_cy)
        for i in own
    ]
    titles = [title for pair in pairs for title in pair]
    allowed = (
        markers(r.title, r.body, r.contact.name if r.contact else None)
        | markers(meeting.title, meeting.title_cy, meeting.venue)
        | everything_of(witness)
        | markers(*titles, *(i.exemption for i in own))
    )
    assert doc.found <= allowed, f"{doc.name}: tells a witness {sorted(doc.found - allowed)}"
    assert set().union(*(expect.titled(*pair) for pair in pairs)) <= doc.found, doc.name
    # By the clock: another day's closed slot may share a time with one of their own.
    own_times = {f"{t:%H:%M}" for i in own for t in (i.start, i.end) if t is not None}
    for printed in {f"{t:%H:%M}" for t in expect.closed_times()} - own_times:
        assert not doc.may_show_time(printed), f"{doc.name}: another closed slot's {printed}"


def check_everything(expect: Expectations, exported: Exported) -> None:
    review = expect.review
    for meeting in review.meetings:
        for paper in ("agenda", "minutes"):
            if (meeting.key, paper) not in exported.public_papers:
                continue  # a meeting that did not take place has no minutes
            must = expect.public_markers(meeting, minutes=paper == "minutes")
            check_public(exported.public_papers[meeting.key, paper], expect, [meeting], must)
            check_panel_paper(exported.panel_papers[meeting.key, paper], expect, meeting, paper)
        unnamed = expect.unnamed_in_calendars()
        for doc in exported.panel_calendars.get(meeting.key, []):
            if review.calendar_public_titles:  # calendars are shared: as the public sees it
                must = expect.public_markers(meeting, minutes=False)
                check_public(doc, expect, [meeting], must, unnamed)
                continue
            missing = expect.closed_in_calendars([meeting]) - doc.found
            assert not missing, f"{doc.name}: the panel's closed items lack {sorted(missing)}"
    all_meetings = list(review.meetings)
    unnamed = expect.unnamed_in_calendars()
    everywhere = set().union(*(expect.public_markers(m, minutes=False) for m in all_meetings))
    check_public(exported.public_programme, expect, all_meetings, everywhere, unnamed)
    for meeting in all_meetings:  # each event names only its own meeting's witnesses
        must = expect.public_markers(meeting, minutes=False)
        check_public(exported.public_events[meeting.key], expect, [meeting], must, unnamed)
    panel = exported.panel_programme
    if review.calendar_public_titles:
        check_public(panel, expect, all_meetings, everywhere, unnamed)
    else:
        assert expect.closed_in_calendars(all_meetings) <= panel.found
        for moment in expect.closed_times():
            assert panel.has_time(f"{moment:%H:%M}"), f"the panel programme lacks {moment:%H:%M}"
    meetings = {m.key: m for m in review.meetings}
    for (meeting_key, witness_key), docs in exported.witness_calendars.items():
        for doc in docs:
            check_witness_calendar(
                doc, expect, meetings[meeting_key], expect.witnesses[witness_key]
            )
    for doc in exported.every_doc():
        assert not DECOY.search(doc.text + doc.furniture), f"{doc.name}: the other review"


# The property ---------------------------------------------------------------------------


def coverage(expect: Expectations, exported: Exported) -> Iterator[str]:
    """What an example exercised (pytest --hypothesis-show-statistics)."""
    r = expect.review
    in_open = {k for m in r.meetings for i in m.items if not i.is_closed for k in i.witnesses}
    in_closed = {k for i in expect.closed_items() for k in i.witnesses}
    if in_closed - in_open:
        yield "a witness heard only in private"
    if in_closed & in_open:
        yield "a witness heard in public and in private"
    if expect.closed_times():
        yield "a closed slot"
    if any(a.access is Access.CLOSED and a.meeting for a in r.actions):
        yield "a closed action of a meeting"
    if any(n.access is Access.CLOSED or n.item for n in r.notes):
        yield "a closed note or a note on an item"
    if any(e.access is Access.CLOSED for e in r.evidence):
        yield "closed evidence"
    if exported.witness_calendars:
        yield "a witness invitation or cancellation"


_runs = itertools.count()


@pytest.mark.slow
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(review=marked_reviews())
def test_no_public_export_shows_closed_business(
    sqlite_services: Services, tmp_path: Path, review: Review
) -> None:
    # Safe with function-scoped fixtures: each example writes to its own folder and
    # deletes both reviews it imported.
    services = sqlite_services
    data = codec.encode(review)
    decoy_id = services.reviews.import_bytes(data.replace(b"ZQX", b"DCY"))
    review_id = services.reviews.import_bytes(data)
    try:
        exported = export_everything(services, review_id, review, tmp_path / str(next(_runs)))
        expect = Expectations(review)
        for what in coverage(expect, exported):
            event(what)
        check_everything(expect, exported)
    finally:
        services.reviews.delete(review_id)
        services.reviews.delete(decoy_id)


@st.composite
def marked_with_every_standard_item(draw: st.DrawFn) -> Review:
    """A marked review whose meetings' procedural items are standard ones with no
    minute, so the minutes worded from the record are checked too."""
    review = draw(marked_reviews())
    kinds = [StandardItem.APOLOGIES, StandardItem.DECLARATIONS]

    def worded(item: AgendaItem, n: int) -> AgendaItem:
        if draw(st.booleans()):
            return item
        return replace(item, kind=ItemKind.PROCEDURAL, standard=kinds[n % 2], minute=None)

    return replace(
        review,
        meetings=tuple(
            replace(m, items=tuple(worded(i, n) for n, i in enumerate(m.items)))
            for m in review.meetings
        ),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(review=marked_with_every_standard_item())
def test_no_public_view_holds_closed_business_of_the_record(review: Review) -> None:
    """The views themselves (what every renderer receives), without a database or a
    PDF: the public view of every meeting and every calendar showing public titles only
    hold no closed marker, the new closed places included (resolutions and minutes of
    closed items, the nature of declarations on them, wording from the record), and the
    public view shows the open record: its resolutions, the attendees' names and every
    declaration (the nature withheld only on a closed item)."""
    review = replace(
        review,
        calendar_public_titles=True,
        meetings=tuple(replace(m, uid=f"{m.key}@example.org") for m in review.meetings),
    )  # the store gives UIDs at import; views are built here straight from the records
    expect = Expectations(review)
    confidential = expect.confidential()
    for meeting in review.meetings:
        public = publishing.meeting_view(review, meeting.key, Audience.PUBLIC)
        calendar = publishing.calendar_view(review, meeting.key).meeting
        for view in (public, calendar):
            leaked = markers(view_text(view)) & confidential
            assert not leaked, f"{meeting.key}: {sorted(leaked)} in a {view.audience} view"
        closed = {i.key for i in meeting.items if i.is_closed}
        shown = markers(view_text(public))
        assert markers(*(a.name for a in meeting.attendees)) <= shown
        open_resolutions = (r.text for i in meeting.items if not i.is_closed for r in i.resolutions)
        assert markers(*open_resolutions) <= shown
        assert [d.nature is None for d in public.declarations] == [
            d.item in closed for d in meeting.declarations
        ]
        panel = view_text(publishing.meeting_view(review, meeting.key, Audience.PANEL))
        assert markers(*(d.nature for d in meeting.declarations)) <= markers(panel)
        # version 7: the Welsh titles the public sees, and every one for the panel
        welsh = [i.public_title_cy if i.is_closed else i.title_cy for i in meeting.items]
        assert markers(meeting.title_cy, meeting.urgency, *welsh) <= shown
        assert markers(*(i.title_cy for i in meeting.items)) <= markers(panel)


def test_the_checks_catch_a_leak() -> None:
    """The property is not vacuous: a closed title or reason, a witness heard only in
    private, a closed slot's time, a closed title in the outline and a missing public
    text are each caught."""
    item = AgendaItem(
        "secret",
        "ZQX0001 Secret",
        access=Access.CLOSED,
        closed_reason="ZQX0002",
        start=datetime(2030, 1, 7, 10, 7),
        end=datetime(2030, 1, 7, 10, 53),
        witnesses=("w",),
    )
    meeting = Meeting(
        "m", "ZQX0003", MeetingKind.EVIDENCE, datetime(2030, 1, 7, 10), datetime(2030, 1, 7, 11)
    )
    meeting = replace(meeting, items=(item,))
    expect = Expectations(
        Review("ZQX0004", witnesses=(Witness("w", "ZQX0005"),), meetings=(meeting,))
    )
    must = expect.public_markers(meeting, minutes=False)
    fine = "ZQX0003 Closed session"
    check_public(Doc("fine", squeeze(fine), fine), expect, [meeting], must)
    for leak in ("ZQX0001", "ZQX0002", "ZQX0005", "10.07 am", "10:53"):
        text = f"{fine} {leak}"
        with pytest.raises(AssertionError):
            check_public(Doc(leak, squeeze(text), text), expect, [meeting], must)
    with pytest.raises(AssertionError):  # in the outline or the metadata
        check_public(Doc("outline", squeeze(fine), fine, "ZQX0001"), expect, [meeting], must)
    with pytest.raises(AssertionError):  # the public title left out
        check_public(Doc("bare", "", ""), expect, [meeting], must)


# The shipped sample, on both backends ---------------------------------------------------

# What the panel papers print of the two closed sessions, and the public ones must not.
SAMPLE_CLOSED: dict[str, dict[str, list[str]]] = {
    "ev3": {
        "title": ["Evidence from a former drug user"],
        "witness": ["Service user", "Former drug user"],
        "reason": ["so that they could not be identified"],
        "minute": ["arrest referral had worked only when a treatment place"],
        "slot": ["4.00 pm", "4.45 pm"],  # 16:00 to 16:45: no open item's or the meeting's
    },
    "ev4": {
        "title": ["Evidence from the Serious and Organised Crime Agency"],
        "witness": ["Senior officer", "Serious and Organised Crime Agency"],
        "reason": ["current operations against organised criminal networks"],
        "minute": ["level 3 criminal networks", "SOCA"],
        "action": ["Ask SOCA for a confidential briefing note"],
        "slot": ["3.30 pm", "4.20 pm"],  # 15:30 to 16:20
    },
}
PRINTS = {
    "agenda": ("title", "witness", "reason", "slot"),
    "minutes": ("title", "witness", "reason", "minute", "action"),
}
SAMPLE_NEVER_PUBLIC = [  # closed evidence and closed notes: in no export at all
    "Statement from a family affected by drug activity",
    "The family made repeated calls",
    "Level 3 intelligence is not routinely passed down",
    "Arrest referral worked only when a treatment place",
]


def sample_ids(services: Services) -> tuple[int, dict[str, int], dict[str, int]]:
    review_id = services.reviews.import_sample()
    meetings = {m.key: m.id for m in services.meetings.list(review_id)}
    witnesses = {w.key: w.id for w in services.witnesses.list(review_id)}
    return review_id, meetings, witnesses


def test_sample_closed_sessions_stay_out_of_public_papers(
    services: Services, tmp_path: Path
) -> None:
    review_id, meetings, _ = sample_ids(services)
    everything = [t for places in SAMPLE_CLOSED.values() for ts in places.values() for t in ts]
    for key, places in SAMPLE_CLOSED.items():
        closed = [t for texts in places.values() for t in texts]
        for paper, prints in PRINTS.items():
            export = getattr(services.exports, paper)
            public, panel = (
                read_pdf(
                    export(meetings[key], audience, tmp_path / f"{key}-{paper}-{audience}.pdf")
                )
                for audience in (Audience.PUBLIC, Audience.PANEL)
            )
            for text in closed + SAMPLE_NEVER_PUBLIC:
                assert squeeze(text) not in public.text, f"public {paper} of {key}: {text!r}"
                assert squeeze(text) not in public.furniture, f"{key} {paper} outline: {text!r}"
            assert "heard in private" in public.spaced  # the public title
            assert "Schedule 12A" in public.spaced  # and the exemption are public
            assert NOT_FOR_PUBLICATION not in public.spaced
            for text in (t for place in prints for t in places.get(place, [])):
                assert text in panel.spaced, f"panel {paper} of {key} lacks {text!r}"
            assert NOT_FOR_PUBLICATION in panel.spaced

    public = read_ics(services.exports.calendar(review_id, Audience.PUBLIC, tmp_path / "p.ics"))
    panel = read_ics(services.exports.calendar(review_id, Audience.PANEL, tmp_path / "x.ics"))
    # The sample keeps the review's setting "calendar entries show public titles only"
    # (on by default): the panel's programme is as closed as the public's.
    for text in everything + SAMPLE_NEVER_PUBLIC:
        assert squeeze(text) not in public.text, f"public programme: {text!r}"
        assert squeeze(text) not in panel.text, f"panel programme: {text!r}"
    for times in ("16:00–16:45", "15:30–16:20"):  # the closed slots, as calendars print them
        assert times not in public.spaced and times not in panel.spaced
    assert "heard in private" in panel.spaced


def test_sample_witness_invitation_names_only_that_witness(
    services: Services, tmp_path: Path
) -> None:
    _, meetings, witnesses = sample_ids(services)
    for suffix, reader in ((".ics", read_ics), (".eml", read_eml)):
        doc = reader(
            services.exports.invite(meetings["ev3"], tmp_path / f"cps{suffix}", witnesses["cps"])
        )
        assert squeeze("Head of Drugs Casework") in doc.text
        assert squeeze("Evidence from the Crown Prosecution Service") in doc.text
        for text in (
            "Chief Officer",  # the other open witness that afternoon
            "London Probation",
            "Service user",  # heard in private
            "Evidence from a former drug user",
            "Evidence heard in private",
        ):
            assert squeeze(text) not in doc.text, f"{suffix}: {text!r}"


# Hostile text in every format ----------------------------------------------------------

MARKUP = "<b>&amp;</para><font color='red'>&lt;x&gt; <script>alert(1)</script>"
HOSTILE = (
    f"{MARKUP} a, b; c\\d \\n \"quoted\" 'single'\ttab\nnew line\r\nCRLF\rCR "
    "שלום עולם \u202eevil\u202c العربية 👩\u200d⚖️ 🇬🇧 🎉 ∑ 𝔘 \u2028sep\u2029para "
    "\x0bvt\x0cff\x1bescape\x7fdel\x85nel\ufeffbom\u200bzw {{x}} ${y} %s END"
)


def long_text(start: str, end: str, size: int = 10_000) -> str:
    body = (HOSTILE + " ") * (size // len(HOSTILE) + 1)
    return start + " " + body[: size - len(start) - len(end) - 2] + " " + end


def hostile_review() -> Review:
    day = date(2030, 6, 3)

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(day.year, day.month, day.day, hour, minute)

    witness = Witness("w1", f"Witness {HOSTILE}", HOSTILE, HOSTILE, "witness@example.org")
    other = Witness("w2", f"Other {HOSTILE}", None, None, "other@example.org")
    items = (
        AgendaItem(
            "open",
            long_text("OPENSTART", "OPENEND"),
            ItemKind.EVIDENCE,
            start=at(10, 15),
            end=at(11),
            witnesses=("w1", "w2"),
            tor=("t",),
            minute=long_text("MINUTESTART", "MINUTEEND"),
        ),
        AgendaItem(
            "closed",
            f"CLOSEDSTART {HOSTILE}",
            ItemKind.EVIDENCE,
            Access.CLOSED,
            closed_reason=HOSTILE,
            public_title=HOSTILE,
            exemption=f"Schedule 12A, paragraph 1; {HOSTILE}",
            start=at(11, 7),
            end=at(11, 53),
            witnesses=("w1",),
            minute=long_text("PRIVATESTART", "PRIVATEEND"),
        ),
    )
    held = Meeting(
        key="held",
        title=long_text("TITLESTART", "TITLEEND"),
        kind=MeetingKind.EVIDENCE,
        start=at(10),
        end=at(12),
        venue=HOSTILE,
        status=MeetingStatus.HELD,
        minutes_status=MinutesStatus.DRAFT,
        items=items,
    )
    return Review(
        title=HOSTILE,
        body=HOSTILE,
        contact=Contact(name=HOSTILE, role=HOSTILE, email=CONTACT_EMAIL, address=HOSTILE),
        panel=(
            Member("chair", f"Cllr {HOSTILE}", MemberRole.CHAIR, "chair@example.org"),
            Member("member", HOSTILE, MemberRole.MEMBER, "member@example.org"),
        ),
        terms_of_reference=(TorItem("t", HOSTILE),),
        witnesses=(witness, other),
        meetings=(
            held,
            replace(
                held,
                key="cancelled",
                status=MeetingStatus.CANCELLED,
                start=at(10) + timedelta(days=7),
                end=at(12) + timedelta(days=7),
                items=(),
            ),
        ),
        actions=(
            Action("a1", HOSTILE, HOSTILE, day, ActionStatus.OPEN, "held"),
            Action("a2", HOSTILE, HOSTILE, None, ActionStatus.DONE, "held", Access.CLOSED),
        ),
    )


def test_hostile_text_renders_in_every_format(sqlite_services: Services, tmp_path: Path) -> None:
    services = sqlite_services
    review = hostile_review()
    assert check_review(review) == []
    review_id = services.reviews.import_bytes(codec.encode(review))
    meetings = {m.key: m.id for m in services.meetings.list(review_id)}
    witnesses = {w.key: w.id for w in services.witnesses.list(review_id)}
    exports = services.exports
    held, cancelled = meetings["held"], meetings["cancelled"]

    for audience in (Audience.PUBLIC, Audience.PANEL):
        agenda = read_pdf(exports.agenda(held, audience, tmp_path / f"agenda-{audience}.pdf"))
        minutes = read_pdf(exports.minutes(held, audience, tmp_path / f"minutes-{audience}.pdf"))
        assert minutes.pages > 1 and agenda.pages > 1
        for doc in (agenda, minutes):
            # Markup is printed as the clerk typed it, and long titles in full.
            assert squeeze(MARKUP) in doc.text
            for end in ("TITLESTART", "TITLEEND", "OPENSTART", "OPENEND"):
                assert end in doc.text, f"{end} not in the {audience} {doc.name}"
        assert "MINUTEEND" in minutes.text
        private = ("CLOSEDSTART", "PRIVATESTART")
        shown = [p for p in private if p in agenda.text + minutes.text]
        assert shown == ([] if audience is Audience.PUBLIC else list(private))

    calendars = [
        exports.invite(held, tmp_path / "invite.ics"),
        exports.invite(held, tmp_path / "invite.eml"),
        exports.invite(held, tmp_path / "witness.ics", witnesses["w1"]),
        exports.invite(held, tmp_path / "witness.eml", witnesses["w1"]),
        exports.cancellation(cancelled, tmp_path / "cancel.ics"),
        exports.cancellation(cancelled, tmp_path / "cancel.eml"),
        exports.calendar(review_id, Audience.PUBLIC, tmp_path / "public.ics"),
        exports.calendar(review_id, Audience.PANEL, tmp_path / "panel.ics"),
    ]
    for path in calendars:
        if path.suffix == ".eml":
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            assert message.defects == [] and all(p.defects == [] for p in message.walk())
            doc = read_eml(path)
            ics = [
                p.get_payload(decode=True)
                for p in message.walk()
                if p.get_content_type() == "text/calendar"
            ]
            assert len(ics) == 1 and isinstance(ics[0], bytes)
            data = ics[0]
        else:
            doc = read_ics(path)
            data = path.read_bytes()
        independent = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        theirs = icalendar.Calendar.from_ical(data)
        assert len(independent.events) == len(theirs.events) >= 1
        for vevent in independent.events:
            # A one-line field: the long title cut short (issue 14), whole in the text.
            assert "\n" not in vevent.summary and len(vevent.summary) <= MAX_TITLE
            assert "TITLEEND" in (vevent.description or "")
            assert "שלום" in (vevent.description or "")
        assert "TITLEEND" in doc.text
    assert "CLOSEDSTART" not in read_ics(tmp_path / "public.ics").text
    witness = read_ics(tmp_path / "witness.ics")
    # Calendar entries show public titles only (the review's setting, on by default).
    assert "Other" not in witness.spaced and "CLOSEDSTART" not in witness.text


# Calendar identity through edits, on both backends ---------------------------------------


def event_of(data: bytes) -> tuple[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    return str(calendar["METHOD"]), events[0]


def identity(path: Path) -> tuple[str, str, int, str]:
    """(METHOD, UID, SEQUENCE, STATUS) of a one-event .ics or .eml."""
    data = path.read_bytes()
    if path.suffix == ".eml":
        message = email.message_from_bytes(data, policy=email.policy.default)
        part = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        data = payload
    method, event = event_of(data)
    return method, str(event["UID"]), int(event["SEQUENCE"]), str(event["STATUS"])


def test_uid_and_sequence_through_edits_and_cancellation(
    services: Services, tmp_path: Path
) -> None:
    review_id, meetings, witnesses = sample_ids(services)
    reopen(services, review_id, "ev3")  # its approved minutes print its details
    mid, cps = meetings["ev3"], witnesses["cps"]
    meeting = services.meetings.get(mid)
    uid, sequence = meeting.uid, meeting.sequence
    files = (tmp_path / f"{n}" for n in itertools.count())

    def invite(witness: int | None = None, suffix: str = ".ics") -> tuple[str, str, int, str]:
        return identity(services.exports.invite(mid, next(files).with_suffix(suffix), witness))

    def cancellation(witness: int | None = None, suffix: str = ".ics") -> tuple[str, str, int, str]:
        return identity(
            services.exports.cancellation(mid, next(files).with_suffix(suffix), witness)
        )

    assert invite() == ("REQUEST", uid, sequence, "CONFIRMED")
    assert invite(suffix=".eml") == ("REQUEST", uid, sequence, "CONFIRMED")
    _, witness_uid, witness_sequence, _ = invite(cps)
    assert witness_uid != uid and witness_sequence == sequence
    assert invite(cps)[1] == invite(cps, ".eml")[1] == witness_uid  # stable
    with pytest.raises(ExportError, match="not cancelled"):
        cancellation()

    # Saving the venue it already has changes nothing a calendar shows.
    meeting = services.meetings.update(mid, meeting.version, MeetingChanges(venue=meeting.venue))
    assert meeting.sequence == sequence
    meeting = services.meetings.update(mid, meeting.version, MeetingChanges(venue="Room 2"))
    assert meeting.sequence == sequence + 1
    assert invite() == ("REQUEST", uid, sequence + 1, "CONFIRMED")
    assert invite(cps) == ("REQUEST", witness_uid, sequence + 1, "CONFIRMED")

    meeting = services.meetings.update(
        mid, meeting.version, MeetingChanges(status=MeetingStatus.CANCELLED)
    )
    assert meeting.sequence == sequence + 2 and meeting.uid == uid
    for witness in (None, cps):
        for suffix in (".ics", ".eml"):
            with pytest.raises(ExportError, match="cancelled"):
                invite(witness, suffix)
    for suffix in (".ics", ".eml"):
        assert cancellation(suffix=suffix) == ("CANCEL", uid, sequence + 2, "CANCELLED")
        assert cancellation(cps, suffix) == ("CANCEL", witness_uid, sequence + 2, "CANCELLED")
