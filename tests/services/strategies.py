"""A Hypothesis strategy for valid domain ``Review`` records, shared by the property tests.

Keys are unique in their lists and references go only to keys that exist; meeting times
lie on a 15-minute grid and exist in Europe/London (including the hour repeated when
the clocks go back); item slots lie inside their meetings; text has newlines, markup
and any character PostgreSQL can store; meetings carry invitation registers whose
recipients may name keys the review no longer has (version 5). Version 6: a register of
interests naming panel members; per meeting, arrivals and departures by item, substitutes
(for panel members), officers and others present under keys unique in the review,
declarations by members or that meeting's substitutes, resolutions with votes cast only
by those present for the item (worked out here from the order of business, not by the
code under test), began and ended times, standard items among procedural ones. Version
7: the papers' language and the body's country, Welsh titles, reasons for urgency, and
a few reports on items (keys unique in the review), each a small PDF held with its item
(one tiny PDF, made once) or a piece of evidence whose file is that PDF. Version 8: the
review's report, its paragraphs at fixed places or at terms-of-reference items, citing
the review's notes and evidence and supporting its recommendations; versions frozen
from it by the outline's builder (``services.report_outline.build_report``: their
content is the real panel view of those paragraphs), comments on paragraphs a version
printed by panel members, consideration at meetings under their own items; responses
on recommendations (rejected only when the recommendation is).
"""

from __future__ import annotations

import calendar
import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import strategies as st
from pypdf import PdfWriter

from scrutiny_desk.domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    AttendeeKind,
    ConsiderationOutcome,
    Country,
    EvidenceKind,
    InterestCategory,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
    MinutesStatus,
    PaperLanguage,
    RecommendationStatus,
    ReportPurpose,
    ResponseOutcome,
    ReviewStatus,
    StandardItem,
    VoteChoice,
)
from scrutiny_desk.domain.file_names import name_problem  # no right-to-left overrides
from scrutiny_desk.domain.invitation_records import (
    CalendarIssue,
    IssuedTo,
    IssueKind,
    PersonKind,
)
from scrutiny_desk.domain.records import (
    REPORT_PLACES,
    TOR_PLACE,
    Action,
    AgendaItem,
    Attendance,
    Attendee,
    Contact,
    Declaration,
    Evidence,
    EvidenceFile,
    Exclusion,
    Interest,
    Interface,
    ItemReport,
    Meeting,
    Member,
    Milestone,
    MinutesHistoryEntry,
    MonthDay,
    Note,
    ProgressUpdate,
    Recommendation,
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    Resolution,
    Review,
    ReviewReport,
    TorItem,
    Vote,
    VoteCast,
    Witness,
)
from scrutiny_desk.domain.report_document_checks import printed_paragraphs

SLOT = timedelta(minutes=15)
LONDON = "Europe/London"

# Text ---------------------------------------------------------------------------------

ALPHABET = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
TRICKY = st.sampled_from(
    [
        "line one\nline two",
        "\r\n",
        "\n\n",
        "\t",
        "<b>bold</b> & <script>alert('x')</script>",
        '"quoted" \\ back\\slash',
        "{{ template }} ${var} %s",
        "null",
        "\u2028\u2029",
        "\ufeff",
        "\uffff",
        "e\u0301",  # combining accent, not normalised
        "\U0001f4b7 \u00a3",
        "\u202eright-to-left",
        " leading and trailing ",
    ]
)


def texts(min_size: int) -> st.SearchStrategy[str]:
    """Any storable text (min_size 0 or 1), often with line breaks or markup mixed in."""
    plain = st.text(ALPHABET, min_size=min_size, max_size=20)
    mixed = st.lists(st.one_of(plain, TRICKY), min_size=1, max_size=3).map("".join)
    return st.one_of(plain, TRICKY, mixed)


TEXT = texts(min_size=0)
REQUIRED = texts(min_size=1)  # the schema's minLength 1
NONBLANK = REQUIRED.filter(lambda t: t.strip() != "")  # titles, reasons, leads
OPTIONAL = st.none() | TEXT
KEY = st.text(ALPHABET, min_size=1, max_size=12)
DATES = st.dates()
OPTIONAL_DATE = st.none() | DATES
# An attached file: a name without folders, a media type, a few random bytes.
FILE_NAMES = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="/\\"),
    min_size=1,
    max_size=20,
).filter(lambda t: t.strip() != "" and t not in (".", "..") and name_problem(t) is None)
MEDIA_TYPES = st.sampled_from(
    ["application/pdf", "text/plain", "image/png", "application/octet-stream", "text/csv"]
)


def _tiny_pdf() -> bytes:
    """A valid one-page PDF of a few hundred bytes, which an agenda pack can append."""
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


TINY_PDF = _tiny_pdf()  # made once: every generated report and PDF evidence file is it
PDF_FILES = st.builds(EvidenceFile, FILE_NAMES, st.just("application/pdf"), st.just(TINY_PDF))
FILES = st.builds(EvidenceFile, FILE_NAMES, MEDIA_TYPES, st.binary(max_size=64)) | PDF_FILES


# Version 5: web links (http or https, a host, no spaces or control characters).
LINK_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zs", "Zl", "Zp")), max_size=30
).filter(lambda t: not any(c.isspace() for c in t))
LINKS = st.builds(
    "{}://{}/{}".format,
    st.sampled_from(["http", "https", "HTTPS"]),
    st.from_regex(r"[a-z0-9][a-z0-9.-]{0,20}", fullmatch=True),
    LINK_TEXT,
)
OPTIONAL_LINK = st.none() | LINKS


def unique_keys(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(KEY, unique=True, max_size=max_size)


def some_of(
    keys: list[str], max_size: int = 3, min_size: int = 0
) -> st.SearchStrategy[tuple[str, ...]]:
    if not keys:
        return st.just(())
    return st.lists(st.sampled_from(keys), unique=True, min_size=min_size, max_size=max_size).map(
        tuple
    )


def maybe_one(keys: list[str] | tuple[str, ...]) -> st.SearchStrategy[str | None]:
    return (st.none() | st.sampled_from(list(keys))) if keys else st.none()


# Local times in Europe/London, computed independently of the code under test ------------


def last_sunday(year: int, month: int) -> date:
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - calendar.SUNDAY) % 7)


def skipped_in_london(local: datetime) -> bool:
    """01:00-01:59 on the last Sunday of March does not exist (EU rule, 1996 on)."""
    return local.hour == 1 and local.date() == last_sunday(local.year, 3)


def existing(local: datetime) -> datetime:
    return local + timedelta(hours=1) if skipped_in_london(local) else local


YEARS = st.integers(2000, 2040)
DAY_AND_SLOT = st.one_of(
    st.tuples(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.integers(0, 95)),
    # The day the clocks go forward, around the skipped hour (01:00-01:59).
    st.tuples(YEARS.map(lambda y: last_sunday(y, 3)), st.integers(0, 11)),
    # The day they go back, starting inside the hour that happens twice.
    st.tuples(YEARS.map(lambda y: last_sunday(y, 10)), st.integers(4, 7)),
)


@st.composite
def meeting_times(draw: st.DrawFn) -> tuple[datetime, datetime]:
    day, slot = draw(DAY_AND_SLOT)
    start = existing(datetime(day.year, day.month, day.day) + slot * SLOT)
    end = existing(start + draw(st.integers(1, 24)) * SLOT)
    return start, end


@st.composite
def slot_inside(
    draw: st.DrawFn, start: datetime, end: datetime
) -> tuple[datetime | None, datetime | None]:
    if draw(st.booleans()):
        return None, None
    grid = []
    moment = start
    while moment <= end:
        if not skipped_in_london(moment):
            grid.append(moment)
        moment += SLOT
    first = draw(st.integers(0, len(grid) - 2))
    last = draw(st.integers(first + 1, len(grid) - 1))
    return grid[first], grid[last]


OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
CREATED = st.datetimes(
    min_value=datetime(1900, 1, 2),
    max_value=datetime(2100, 12, 30),
    # Fixed offsets only: PEP 495 makes an aware time in a zone's repeated hour unequal to
    # every time in another zone, so ZoneInfo values would break domain equality (not the
    # bytes); test_note_offsets_and_fractions_survive_the_database covers ZoneInfo.
    timezones=st.one_of(OFFSETS, st.just(UTC)),
)


# Reviews ------------------------------------------------------------------------------


@st.composite
def tor_trees(draw: st.DrawFn) -> tuple[tuple[TorItem, ...], list[str]]:
    """A tree at most 3 deep; keys unique across every depth."""
    keys = draw(unique_keys(8))
    parents: list[int | None] = []
    depth: list[int] = []
    for n in range(len(keys)):
        choices: list[int | None] = [None, *[p for p in range(n) if depth[p] < 3]]
        parent = draw(st.sampled_from(choices))
        parents.append(parent)
        depth.append(1 if parent is None else depth[parent] + 1)
    words = [draw(REQUIRED) for _ in keys]

    def build(parent: int | None) -> tuple[TorItem, ...]:
        return tuple(
            TorItem(keys[n], words[n], build(n)) for n in range(len(keys)) if parents[n] == parent
        )

    return build(None), keys


@st.composite
def panels(draw: st.DrawFn) -> tuple[Member, ...]:
    keys = draw(unique_keys(5))
    roles = [draw(st.sampled_from([MemberRole.MEMBER, MemberRole.VICE_CHAIR])) for _ in keys]
    if keys and draw(st.booleans()):
        roles[draw(st.integers(0, len(keys) - 1))] = MemberRole.CHAIR
    return tuple(
        Member(key, draw(REQUIRED), role, draw(OPTIONAL))
        for key, role in zip(keys, roles, strict=True)
    )


@st.composite
def items(
    draw: st.DrawFn, key: str, start: datetime, end: datetime, witnesses: list[str], tor: list[str]
) -> AgendaItem:
    access = draw(st.sampled_from(Access))
    kind = draw(st.sampled_from(ItemKind))
    slot_start, slot_end = draw(slot_inside(start, end))
    return AgendaItem(
        key=key,
        title=draw(NONBLANK),
        kind=kind,
        access=access,
        closed_reason=draw(NONBLANK if access is Access.CLOSED else OPTIONAL),
        public_title=draw(OPTIONAL),
        exemption=draw(OPTIONAL),
        start=slot_start,
        end=slot_end,
        witnesses=draw(some_of(witnesses)),
        tor=draw(some_of(tor)),
        minute=draw(OPTIONAL),
        # version 6: only a procedural item is a standard one
        standard=draw(st.none() | st.sampled_from(StandardItem))
        if kind is ItemKind.PROCEDURAL
        else None,
        title_cy=draw(OPTIONAL),  # version 7 (reports: ``with_reports``)
        public_title_cy=draw(OPTIONAL),
    )


@st.composite
def meetings(
    draw: st.DrawFn, panel: tuple[Member, ...], witnesses: list[str], tor: list[str]
) -> tuple[Meeting, ...]:
    keys = draw(unique_keys(4))
    uids = draw(st.lists(st.uuids(), min_size=len(keys), max_size=len(keys), unique=True))
    item_keys = draw(unique_keys(8))
    cuts = sorted(draw(st.lists(st.integers(0, len(item_keys)), min_size=len(keys))))
    cuts = [0, *cuts[: max(len(keys) - 1, 0)], len(item_keys)]
    members = [m.key for m in panel]
    # version 6: attendees' keys are unique in the review and no panel member's
    others = draw(st.lists(KEY.filter(lambda k: k not in members), unique=True, max_size=6))
    shares = sorted(draw(st.lists(st.integers(0, len(others)), min_size=len(keys))))
    shares = [0, *shares[: max(len(keys) - 1, 0)], len(others)]
    out = []
    for n, (key, uid) in enumerate(zip(keys, uids, strict=True)):
        start, end = draw(meeting_times())
        minutes = draw(st.sampled_from(MinutesStatus))
        attending = draw(some_of(members, max_size=5))
        out.append(
            Meeting(
                key=key,
                title=draw(NONBLANK),
                kind=draw(st.sampled_from(MeetingKind)),
                start=start,
                end=end,
                venue=draw(OPTIONAL),
                status=draw(st.sampled_from(MeetingStatus)),
                uid=str(uid),
                sequence=draw(st.integers(0, 2**31 - 1)),
                attendance=tuple(
                    Attendance(member, draw(st.sampled_from(AttendanceStatus)))
                    for member in attending
                ),
                minutes_status=minutes,
                minutes_approved_on=draw(
                    DATES if minutes is MinutesStatus.APPROVED else OPTIONAL_DATE
                ),
                items=tuple(
                    draw(items(k, start, end, witnesses, tor))
                    for k in item_keys[cuts[n] : cuts[n + 1]]
                ),
            )
        )
    # Version 2: publication, where the minutes were approved, and history (version 4:
    # approved minutes are kept as they print, built from the review when it is stored).
    keys_so_far = [m.key for m in out]
    done = tuple(
        replace(
            m,
            agenda_published_on=draw(OPTIONAL_DATE),
            minutes_approved_at=draw(maybe_one(keys_so_far))
            if m.minutes_status is MinutesStatus.APPROVED
            else None,
            minutes_history=tuple(
                draw(
                    st.lists(
                        st.builds(
                            MinutesHistoryEntry,
                            CREATED,
                            NONBLANK,
                            st.sampled_from(MinutesEvent),
                            NONBLANK,
                        ),
                        max_size=3,
                    )
                )
            ),
            joining_link=draw(OPTIONAL_LINK),  # version 5
            issued=draw(registers(m.uid or "", members, witnesses)),
            title_cy=draw(OPTIONAL),  # version 7
            urgency=draw(OPTIONAL),
        )
        for m in out
    )
    return tuple(
        draw(procedure(m, members, others[shares[n] : shares[n + 1]])) for n, m in enumerate(done)
    )


# Version 6: the procedural record -----------------------------------------------------


def business_order(item_list: tuple[AgendaItem, ...]) -> list[str]:
    """Item keys in the order business is taken: open items, then closed ones."""
    return [i.key for i in item_list if i.access is Access.OPEN] + [
        i.key for i in item_list if i.access is Access.CLOSED
    ]


@st.composite
def stays(draw: st.DrawFn, order: list[str]) -> tuple[int, int, str | None, str | None]:
    """An arrival and a departure by item (None: from the start, to the end), the left
    item never before the arrived one; with the span's first and last positions."""
    if not order or draw(st.booleans()):
        return 0, len(order) - 1, None, None
    first = draw(st.integers(0, len(order) - 1))
    last = draw(st.integers(first, len(order) - 1))
    arrived = draw(st.sampled_from([order[first], None])) if first == 0 else order[first]
    left = draw(st.sampled_from([order[last], None])) if last == len(order) - 1 else order[last]
    return first, last, arrived, left


@st.composite
def votes(draw: st.DrawFn, voters: list[str]) -> Vote | None:
    """No vote, counts no larger than those present, or a vote by name of some of them."""
    how = draw(st.sampled_from(["none", "counts", "named"]))
    if how == "none":
        return None
    if how == "named" and voters:
        people = draw(st.lists(st.sampled_from(voters), unique=True, min_size=1, max_size=4))
        casts = tuple(VoteCast(p, draw(st.sampled_from(VoteChoice))) for p in people)
        return Vote(
            in_favour=sum(1 for c in casts if c.choice is VoteChoice.FOR),
            against=sum(1 for c in casts if c.choice is VoteChoice.AGAINST),
            abstained=sum(1 for c in casts if c.choice is VoteChoice.ABSTAINED),
            casts=casts,
        )
    in_favour = draw(st.integers(0, len(voters)))
    against = draw(st.integers(0, len(voters) - in_favour))
    abstained = draw(st.integers(0, len(voters) - in_favour - against))
    return Vote(in_favour, against, abstained)


@st.composite
def procedure(draw: st.DrawFn, meeting: Meeting, members: list[str], keys: list[str]) -> Meeting:
    """A meeting's attendance by item, attendees (under ``keys``), declarations,
    resolutions with votes only by those present, began and ended."""
    order = business_order(meeting.items)
    spans: list[tuple[str, int, int]] = []
    attendance = []
    for a in meeting.attendance:
        first, last, arrived, left = draw(stays(order))
        attendance.append(replace(a, arrived=arrived, left=left))
        if a.status is AttendanceStatus.PRESENT:
            spans.append((a.member, first, last))
    attendees = []
    for key in keys:
        kind = draw(st.sampled_from(AttendeeKind))
        if kind is AttendeeKind.SUBSTITUTE and not members:
            kind = AttendeeKind.OFFICER
        first, last, arrived, left = draw(stays(order))
        attendees.append(
            Attendee(
                key=key,
                kind=kind,
                name=draw(NONBLANK),
                role=draw(OPTIONAL),
                email=draw(OPTIONAL),
                substitute_for=draw(st.sampled_from(members))
                if kind is AttendeeKind.SUBSTITUTE
                else None,
                arrived=arrived,
                left=left,
            )
        )
        if kind is AttendeeKind.SUBSTITUTE:
            spans.append((key, first, last))
    declarers = members + [a.key for a in attendees if a.kind is AttendeeKind.SUBSTITUTE]
    declarations = tuple(
        Declaration(
            member=draw(st.sampled_from(declarers)),
            item=draw(maybe_one([i.key for i in meeting.items])),
            nature=draw(NONBLANK),
            category=draw(st.sampled_from(InterestCategory)),
            left_room=draw(st.booleans()),
        )
        for _ in range(draw(st.integers(0, 2 if declarers else 0)))
    )
    position = {key: n for n, key in enumerate(order)}
    item_list = []
    for item in meeting.items:
        at = position[item.key]
        voters = [who for who, first, last in spans if first <= at <= last]
        resolutions = tuple(
            Resolution(draw(NONBLANK), draw(votes(voters))) for _ in range(draw(st.integers(0, 2)))
        )
        item_list.append(replace(item, resolutions=resolutions))
    began, ended = draw(slot_inside(meeting.start, meeting.end))
    return replace(
        meeting,
        attendance=tuple(attendance),
        attendees=tuple(attendees),
        declarations=declarations,
        items=tuple(item_list),
        began=began,
        ended=draw(st.none() | st.just(ended)) if began is not None else None,
    )


# Version 7: reports on agenda items -----------------------------------------------------


@st.composite
def with_reports(
    draw: st.DrawFn, meeting_list: tuple[Meeting, ...], evidence: tuple[Evidence, ...]
) -> tuple[Meeting, ...]:
    """The meetings with up to four reports spread over their items, keys unique in the
    review: each a held PDF, or a piece of evidence whose file is a PDF."""
    places = [(n, i) for n, m in enumerate(meeting_list) for i in range(len(m.items))]
    if not places:
        return meeting_list
    pdfs = [e.key for e in evidence if e.file is not None and e.file.content == TINY_PDF]
    found: dict[tuple[int, int], list[ItemReport]] = {}
    for key in draw(unique_keys(4)):
        from_evidence = draw(maybe_one(pdfs))
        report = ItemReport(
            key=key,
            title=draw(NONBLANK),
            file=None if from_evidence else draw(PDF_FILES),
            evidence=from_evidence,
            late=draw(st.booleans()),
        )
        found.setdefault(draw(st.sampled_from(places)), []).append(report)
    return tuple(
        replace(
            m,
            items=tuple(
                replace(item, reports=tuple(found.get((n, i), ())))
                for i, item in enumerate(m.items)
            ),
        )
        for n, m in enumerate(meeting_list)
    )


@st.composite
def year_starts(draw: st.DrawFn) -> MonthDay:
    month = draw(st.integers(1, 12))
    longest = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    return MonthDay(month, draw(st.integers(1, longest)))


@st.composite
def registers(
    draw: st.DrawFn, uid: str, members: list[str], witnesses: list[str]
) -> tuple[CalendarIssue, ...]:
    """Version 5: a meeting's invitation register. Recipients are kept by the key they
    had then, which need not name anyone in the review now (``KEY``)."""
    person = st.one_of(
        st.tuples(st.just(PersonKind.MEMBER), st.sampled_from(members) if members else KEY),
        st.tuples(st.just(PersonKind.WITNESS), st.sampled_from(witnesses) if witnesses else KEY),
        st.tuples(st.sampled_from(PersonKind), KEY),
    )
    recipient = st.builds(
        lambda who, name, email: IssuedTo(who[0], who[1], name, email), person, TEXT, REQUIRED
    )
    issue = st.builds(
        CalendarIssue,
        at=CREATED,
        by=TEXT,
        kind=st.sampled_from(IssueKind),
        uid=st.just(uid) | st.uuids().map(str),
        sequence=st.integers(0, 2**31 - 1),
        recipients=st.lists(recipient, min_size=1, max_size=3).map(tuple),
        reason=OPTIONAL,
    )
    return tuple(draw(st.lists(issue, max_size=2)))


@st.composite
def notes(
    draw: st.DrawFn,
    tor: list[str],
    meeting_list: tuple[Meeting, ...],
    witnesses: list[str],
    evidence: list[str],
) -> tuple[Note, ...]:
    if not tor:
        return ()
    owner = {i.key: m.key for m in meeting_list for i in m.items}
    out = []
    for key in draw(unique_keys(4)):
        item = draw(maybe_one(list(owner)))
        if item is None:
            meeting = draw(maybe_one([m.key for m in meeting_list]))
        else:  # the item's own meeting, or left implied
            meeting = draw(st.sampled_from([owner[item], None]))
        out.append(
            Note(
                key=key,
                text=draw(REQUIRED),
                created=draw(CREATED),
                tor=draw(some_of(tor, min_size=1)),
                meeting=meeting,
                item=item,
                witnesses=draw(some_of(witnesses)),
                evidence=draw(maybe_one(evidence)),
                access=draw(st.sampled_from(Access)),
            )
        )
    return tuple(out)


@st.composite
def recommendations(
    draw: st.DrawFn, tor: list[str], notes: list[str]
) -> tuple[Recommendation, ...]:
    out = []
    for key in draw(unique_keys(4)):
        status = draw(st.sampled_from(RecommendationStatus))
        needs = status.needs_lead_and_due
        out.append(
            Recommendation(
                key=key,
                text=draw(REQUIRED),
                lead=draw(NONBLANK if needs else OPTIONAL),
                due=draw(DATES if needs else OPTIONAL_DATE),
                status=status,
                response=draw(OPTIONAL),
                tor=draw(some_of(tor)),
                progress=tuple(
                    draw(st.lists(st.builds(ProgressUpdate, DATES, NONBLANK), max_size=3))
                ),
                notes=draw(some_of(notes)),
                response_due=draw(OPTIONAL_DATE),  # version 8
                responded_on=draw(OPTIONAL_DATE),
                response_outcome=draw(
                    st.none() | st.sampled_from(ResponseOutcome)
                    if status is RecommendationStatus.REJECTED
                    else st.none()
                    | st.sampled_from(ResponseOutcome).filter(
                        lambda o: o is not ResponseOutcome.REJECTED
                    )
                ),
            )
        )
    return tuple(out)


# Version 8: the review's report ---------------------------------------------------------


@st.composite
def paragraphs(draw: st.DrawFn, review: Review, tor: list[str]) -> tuple[ReportParagraph, ...]:
    """Paragraphs at fixed places or at terms-of-reference items, citing what exists."""
    places = [*REPORT_PLACES, *(TOR_PLACE + k for k in tor)]
    notes = [n.key for n in review.notes]
    evidence = [e.key for e in review.evidence]
    recommendations = [r.key for r in review.recommendations]
    return tuple(
        ReportParagraph(
            key=key,
            place=draw(st.sampled_from(places)),
            text=draw(NONBLANK),
            access=draw(st.sampled_from(Access)),
            notes=draw(some_of(notes)),
            evidence=draw(some_of(evidence)),
            recommendations=draw(some_of(recommendations)),
        )
        for key in draw(unique_keys(5))
    )


@st.composite
def reports(draw: st.DrawFn, review: Review, tor: list[str]) -> ReviewReport:
    """A report of ``review`` (whose other parts are drawn): paragraphs; versions, each
    frozen from paragraphs drawn for it, "0.1", "0.2" … and perhaps "final" last;
    comments by panel members and consideration at meetings on paragraphs a version
    printed."""
    from scrutiny_desk.services.report_outline import build_report  # a service: late

    count = draw(st.integers(0, 3))
    final = count > 0 and draw(st.booleans())
    meetings = [m.key for m in review.meetings]
    versions = []
    for n in range(count):
        last = final and n == count - 1
        purpose = (
            ReportPurpose.FINAL
            if last
            else draw(st.sampled_from([ReportPurpose.COMMENT, ReportPurpose.MEETING]))
        )
        number = "final" if last else f"0.{n + 1}"
        made = draw(CREATED)
        frozen = replace(review, report=ReviewReport(paragraphs=draw(paragraphs(review, tor))))
        content = build_report(frozen, made=made.date(), version=number, purpose=purpose)
        meeting = draw(maybe_one(meetings)) if purpose is ReportPurpose.MEETING else None
        versions.append(ReportVersion(number, purpose, made, content, meeting, draw(OPTIONAL)))
    printed = [(v.number, key) for v in versions for key in sorted(printed_paragraphs(v.content))]
    members = [m.key for m in review.panel]
    comments = []
    if printed and members:
        for _ in range(draw(st.integers(0, 3))):
            number, key = draw(st.sampled_from(printed))
            comments.append(
                ReportComment(
                    number, key, draw(st.sampled_from(members)), draw(NONBLANK), draw(DATES)
                )
            )
    considerations = []
    if printed and meetings:
        for _ in range(draw(st.integers(0, 3))):
            number, key = draw(st.sampled_from(printed))
            meeting = draw(st.sampled_from(review.meetings))
            outcome = draw(st.sampled_from(ConsiderationOutcome))
            considerations.append(
                ReportConsideration(
                    number,
                    key,
                    meeting.key,
                    outcome,
                    draw(maybe_one([i.key for i in meeting.items])),
                    draw(NONBLANK) if outcome is ConsiderationOutcome.AMENDED else None,
                )
            )
    return ReviewReport(
        title=draw(st.none() | NONBLANK),
        paragraphs=draw(paragraphs(review, tor)),
        versions=tuple(versions),
        comments=tuple(comments),
        considerations=tuple(considerations),
        submitted_on=draw(OPTIONAL_DATE),
        submitted_to=draw(OPTIONAL),
        response_months=draw(st.integers(1, 24)),
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    panel = draw(panels())
    terms, tor = draw(tor_trees())
    witness_keys = draw(unique_keys(4))
    witnesses = tuple(
        Witness(
            k,
            draw(REQUIRED),
            draw(OPTIONAL),
            draw(OPTIONAL),
            draw(OPTIONAL),
            draw(st.sampled_from(InvitationState)),
            draw(st.booleans()),
        )
        for k in witness_keys
    )
    meeting_list = draw(meetings(panel, witness_keys, tor))
    evidence = tuple(
        Evidence(
            key=k,
            title=draw(REQUIRED),
            kind=draw(st.sampled_from(EvidenceKind)),
            witness=draw(maybe_one(witness_keys)),
            source=draw(OPTIONAL),
            received=draw(OPTIONAL_DATE),
            access=draw(st.sampled_from(Access)),
            summary=draw(OPTIONAL),
            tor=draw(some_of(tor)),
            file=draw(st.none() | FILES),
        )
        for k in draw(unique_keys(3))
    )
    meeting_list = draw(with_reports(meeting_list, evidence))  # version 7
    note_list = draw(notes(tor, meeting_list, witness_keys, [e.key for e in evidence]))
    meeting_keys = [m.key for m in meeting_list]
    members = [m.key for m in panel]
    review = Review(
        language=draw(st.sampled_from(PaperLanguage)),  # version 7
        country=draw(st.sampled_from(Country)),
        retention_until=draw(OPTIONAL_DATE),  # version 9
        privacy_notice=draw(OPTIONAL),
        quorum=draw(st.integers(1, 100)),  # version 6
        minute_numbers=draw(st.booleans()),
        year_start=draw(year_starts()),
        interests=tuple(
            Interest(
                draw(st.sampled_from(members)),
                draw(NONBLANK),
                draw(st.sampled_from(InterestCategory)),
            )
            for _ in range(draw(st.integers(0, 3 if members else 0)))
        ),
        web_page=draw(OPTIONAL_LINK),  # version 5
        calendar_public_titles=draw(st.booleans()),
        clear_days=draw(st.integers(0, 30)),
        exclusion_resolution=draw(OPTIONAL),
        title=draw(NONBLANK),
        body=draw(OPTIONAL),
        summary=draw(OPTIONAL),
        status=draw(st.sampled_from(ReviewStatus)),
        timezone=LONDON,
        contact=draw(st.none() | st.builds(Contact, *[OPTIONAL] * 7)),
        panel=panel,
        terms_of_reference=terms,
        exclusions=tuple(draw(st.lists(st.builds(Exclusion, REQUIRED), max_size=3))),
        interfaces=tuple(draw(st.lists(st.builds(Interface, REQUIRED, OPTIONAL), max_size=3))),
        milestones=tuple(
            draw(st.lists(st.builds(Milestone, DATES, REQUIRED, st.booleans()), max_size=3))
        ),
        witnesses=witnesses,
        meetings=meeting_list,
        evidence=evidence,
        notes=note_list,
        recommendations=draw(recommendations(tor, [n.key for n in note_list])),
        actions=tuple(
            Action(
                key=k,
                text=draw(REQUIRED),
                owner=draw(OPTIONAL),
                due=draw(OPTIONAL_DATE),
                status=draw(st.sampled_from(ActionStatus)),
                meeting=draw(maybe_one(meeting_keys)),
                access=draw(st.sampled_from(Access)),
            )
            for k in draw(unique_keys(3))
        ),
    )
    return replace(review, report=draw(reports(review, tor)))  # version 8
