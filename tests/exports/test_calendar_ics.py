"""Calendar files: every file is read back by icalendar, by the independent `ical`
parser and, where Debian's libical3 is installed, checked against RFC 5546 by libical.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny_desk.domain.enums import Access, ItemKind, MeetingKind, MeetingStatus, MemberRole
from scrutiny_desk.domain.one_line import one_line
from scrutiny_desk.domain.records import AgendaItem, Meeting, Member, Review, Witness
from scrutiny_desk.domain.rules import MAX_TITLE
from scrutiny_desk.domain.views import Audience, MeetingView, WitnessView
from scrutiny_desk.exports.calendar_ics import (
    NO_MEMBER_EMAIL,
    Organizer,
    agenda_text,
    clean_text,
    render_programme,
    witness_agenda_text,
)
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import codec, publishing

from .calendar_checks import (
    NOW,
    ONE_LINE_FORBIDDEN,
    ORGANIZER,
    libical,
    libical_problems,
    libical_read,
    method,
    needs_libical,
    one_event,
    read_back,
)
from .whole_panel import (
    render_cancellation,
    render_invite,
    render_witness_cancellation,
    render_witness_invite,
)

HOSTILE = (
    '<script>alert("x")</script> & <b>bold</b>; a, b; c\\d \\n not a newline\n'
    "second line\n\nשלום עולם \u202eevil\u202c العربية 👩\u200d⚖️ 🇬🇧 ∑ 𝔘"
)


# Fixtures and views ------------------------------------------------------------------


@cache
def sample() -> Review:
    with resource_path("samples/drugs-scrutiny.json").open("rb") as f:
        return codec.decode(f.read())


def panel(key: str) -> MeetingView:
    return publishing.meeting_view(sample(), key, Audience.PANEL)


def small_review(**changes: Any) -> Review:
    """Two Saturdays-and-Mondays around the 2026 clock changes in London, two witnesses
    sharing one item."""
    items = (
        AgendaItem("apologies", "Apologies for absence", ItemKind.PROCEDURAL),
        AgendaItem(
            "both",
            "Evidence from two people",
            ItemKind.EVIDENCE,
            start=datetime(2026, 3, 30, 10, 15),
            end=datetime(2026, 3, 30, 11, 0),
            witnesses=("alice", "bob"),
        ),
        AgendaItem(
            "secret",
            "Evidence in private",
            ItemKind.EVIDENCE,
            Access.CLOSED,
            closed_reason="Asked for privacy",
            public_title="Private evidence",
            exemption="Schedule 12A, paragraph 1",
            start=datetime(2026, 3, 30, 11, 0),
            end=datetime(2026, 3, 30, 11, 30),
            witnesses=("bob",),
        ),
    )
    review = Review(
        title="Knife Crime Review",
        body="Anytown Council",
        timezone="Europe/London",
        panel=(
            Member("chair", "Cllr Ada Chair", MemberRole.CHAIR, "ada@example.org"),
            Member("m2", "Cllr Ben Member", MemberRole.MEMBER, None),
            Member("m3", "Cllr Cy Member", MemberRole.MEMBER, "cy@example.org"),
        ),
        witnesses=(
            Witness("alice", "Alice Witness", "Inspector", "Anytown Police", "alice@example.org"),
            Witness(
                "bob", "Bob Otherwitness", "Director", "Secret Services Ltd", "bob@example.org"
            ),
        ),
        meetings=(
            Meeting(
                "sat",
                "Before the clocks go forward",
                MeetingKind.DELIBERATIVE,
                datetime(2026, 3, 28, 10, 0),
                datetime(2026, 3, 28, 12, 0),
                venue="Room 1",
                uid="sat-uid@example.org",
            ),
            Meeting(
                "mon",
                "After the clocks go forward",
                MeetingKind.EVIDENCE,
                datetime(2026, 3, 30, 10, 0),
                datetime(2026, 3, 30, 12, 0),
                venue="Room 2",
                uid="mon-uid@example.org",
                sequence=3,
                items=items,
            ),
            Meeting(
                "autumn-sat",
                "Before the clocks go back",
                MeetingKind.OTHER,
                datetime(2026, 10, 24, 10, 0),
                datetime(2026, 10, 24, 11, 0),
                uid="autumn-sat@example.org",
                status=MeetingStatus.POSTPONED,
            ),
            Meeting(
                "autumn-mon",
                "After the clocks go back",
                MeetingKind.OTHER,
                datetime(2026, 10, 26, 10, 0),
                datetime(2026, 10, 26, 11, 0),
                uid="autumn-mon@example.org",
                status=MeetingStatus.CANCELLED,
                sequence=2,
            ),
        ),
    )
    return replace(review, **changes)


# The files ---------------------------------------------------------------------------


@cache
def every_kind() -> dict[str, bytes]:
    review = small_review()
    return {
        "invite": render_invite(panel("ev3"), ORGANIZER, NOW),
        "cancellation": render_cancellation(panel("ev2"), ORGANIZER, NOW),
        "witness invite": render_witness_invite(
            publishing.witness_view(sample(), "ev3", "cps", 0), ORGANIZER, NOW
        ),
        "witness cancellation": render_witness_cancellation(
            publishing.witness_view(sample(), "ev2", "jrf", 1), ORGANIZER, NOW
        ),
        "programme (panel)": render_programme(
            publishing.calendar_programme_view(sample(), Audience.PANEL), ORGANIZER, NOW
        ),
        "programme (public)": render_programme(
            publishing.calendar_programme_view(sample(), Audience.PUBLIC), ORGANIZER, NOW
        ),
        "small programme": render_programme(
            publishing.calendar_programme_view(review, Audience.PUBLIC), ORGANIZER, NOW
        ),
        "organiser without a name": render_invite(
            panel("ev1"), Organizer("a@example.org", None), NOW
        ),
    }


@pytest.mark.parametrize("kind", list(every_kind()))
def test_every_kind_of_file_reads_back(kind: str) -> None:
    read_back(every_kind()[kind])


@needs_libical
@pytest.mark.parametrize("kind", list(every_kind()))
def test_libical_finds_nothing_wrong(kind: str) -> None:
    assert libical_problems(every_kind()[kind]) == []


@needs_libical
def test_libical_check_is_not_vacuous() -> None:
    """The same check refuses what RFC 5546 forbids: attendees on a PUBLISH, a REQUEST
    without attendees, a CANCEL without SEQUENCE."""
    programme = render_programme(
        publishing.calendar_programme_view(sample(), Audience.PUBLIC), ORGANIZER, NOW
    )
    with_attendee = programme.replace(
        b"STATUS:", b"ATTENDEE;CN=X:mailto:x@example.org\r\nSTATUS:", 1
    )
    assert any("ATTENDEE" in e for e in libical_problems(with_attendee))
    invite = render_invite(panel("ev3"), ORGANIZER, NOW)
    no_attendees = re.sub(rb"ATTENDEE[^\r]*\r\n( [^\r]*\r\n)*", b"", invite)
    assert any("ATTENDEE" in e for e in libical_problems(no_attendees))
    cancel = render_cancellation(panel("ev2"), ORGANIZER, NOW)
    assert any("SEQUENCE" in e for e in libical_problems(re.sub(rb"SEQUENCE:\d+\r\n", b"", cancel)))


# Invitations -----------------------------------------------------------------------


def test_invite_is_a_request_from_the_organiser_to_every_member() -> None:
    view = panel("ev3")
    data = render_invite(view, ORGANIZER, NOW)
    event, independent = one_event(data)
    assert method(data) == "REQUEST"
    assert str(event["UID"]) == view.uid == independent.uid
    assert event["SEQUENCE"] == 0 == independent.sequence
    assert str(event["STATUS"]) == "CONFIRMED"
    assert (
        str(event["SUMMARY"]) == "Drugs Scrutiny: Evidence session 3: criminal justice and "
        "treatment"
    )
    assert str(event["LOCATION"]) == "Committee Room 1, 10 Dean Farrar Street"
    # 14:00 in London in late March 2007 is British Summer Time.
    assert independent.dtstart == datetime(2007, 3, 26, 13, 0, tzinfo=UTC)
    assert independent.dtend == datetime(2007, 3, 26, 16, 0, tzinfo=UTC)
    assert event.start == datetime(2007, 3, 26, 13, 0, tzinfo=UTC)

    assert independent.organizer.uri == "mailto:scrutiny@example.org"
    assert independent.organizer.common_name == "Fauzia Fuzzy Ashraf-Malik"
    members = [m for m in view.members if m.email]
    assert [a.uri for a in independent.attendees] == [f"mailto:{m.email}" for m in members]
    assert [a.common_name for a in independent.attendees] == [m.name for m in members]
    for attendee in event.get("ATTENDEE"):
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
        assert attendee.params["RSVP"] == "TRUE"
    assert "X-WR-CALNAME" not in data.decode()


def test_invite_description_is_the_panel_agenda() -> None:
    view = panel("ev3")
    event, independent = one_event(render_invite(view, ORGANIZER, NOW))
    description = str(event["DESCRIPTION"])
    assert description == independent.description == agenda_text(view)
    assert "4. 14:15–15:00  Evidence from the Crown Prosecution Service" in description
    assert (
        "   Witness: Head of Drugs Casework, Senior prosecutor, Crown Prosecution Service"
        in description
    )
    assert "6. 16:00–16:45  Evidence from a former drug user (closed)" in description
    assert "Monday 26 March 2007, 14:00 to 17:00 (Europe/London)" in description


def test_agenda_text_of_a_small_meeting() -> None:
    view = publishing.meeting_view(small_review(), "mon", Audience.PANEL)
    assert agenda_text(view) == "\n".join(
        [
            "Anytown Council",
            "Knife Crime Review",
            "After the clocks go forward",
            "Monday 30 March 2026, 10:00 to 12:00 (Europe/London)",
            "Venue: Room 2",
            "",
            "Agenda",
            "1. Apologies for absence",
            "2. 10:15–11:00  Evidence from two people",
            "   Witness: Alice Witness, Inspector, Anytown Police",
            "   Witness: Bob Otherwitness, Director, Secret Services Ltd",
            "3. 11:00–11:30  Evidence in private (closed)",
            "   Exemption: Schedule 12A, paragraph 1",
            "   Witness: Bob Otherwitness, Director, Secret Services Ltd",
        ]
    )


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("sat", datetime(2026, 3, 28, 10, tzinfo=UTC), datetime(2026, 3, 28, 12, tzinfo=UTC)),
        ("mon", datetime(2026, 3, 30, 9, tzinfo=UTC), datetime(2026, 3, 30, 11, tzinfo=UTC)),
    ],
)
def test_utc_times_across_the_spring_clock_change(key: str, start: datetime, end: datetime) -> None:
    data = render_invite(
        publishing.meeting_view(small_review(), key, Audience.PANEL), ORGANIZER, NOW
    )
    event, independent = one_event(data)
    assert (independent.dtstart, independent.dtend) == (start, end)
    assert (event.start, event.end) == (start, end)
    assert f"DTSTART:{start:%Y%m%dT%H%M%S}Z\r\n".encode() in data


def test_utc_times_across_the_autumn_clock_change() -> None:
    view = publishing.calendar_programme_view(small_review(), Audience.PANEL)
    _, independent = read_back(render_programme(view, ORGANIZER, NOW))
    starts = {e.uid: e.dtstart for e in independent.events}
    assert starts["autumn-sat@example.org"] == datetime(2026, 10, 24, 9, tzinfo=UTC)
    assert starts["autumn-mon@example.org"] == datetime(2026, 10, 26, 10, tzinfo=UTC)


def test_invite_needs_a_member_with_an_email() -> None:
    review = small_review()
    nobody = replace(review, panel=tuple(replace(m, email=None) for m in review.panel))
    view = publishing.meeting_view(nobody, "mon", Audience.PANEL)
    with pytest.raises(ValueError, match=re.escape(NO_MEMBER_EMAIL)):
        render_invite(view, ORGANIZER, NOW)
    with pytest.raises(ValueError, match=re.escape(NO_MEMBER_EMAIL)):
        render_cancellation(view, ORGANIZER, NOW)


def test_unusable_addresses_are_refused_by_name() -> None:
    review = small_review()
    bad = replace(
        review,
        panel=(*review.panel[:2], replace(review.panel[2], email="cy@example.org\r\nBcc: x@y.z")),
    )
    with pytest.raises(ValueError, match="Cllr Cy Member"):
        render_invite(publishing.meeting_view(bad, "mon", Audience.PANEL), ORGANIZER, NOW)
    with pytest.raises(ValueError, match="organiser"):
        render_invite(panel("ev3"), Organizer("not an address", "Clerk"), NOW)
    with pytest.raises(ValueError, match="organiser"):
        render_invite(panel("ev3"), Organizer("  ", "Clerk"), NOW)


def test_a_shared_address_is_invited_once() -> None:
    review = small_review()
    twice = replace(
        review, panel=(*review.panel, Member("m4", "Cllr Dup", email="ADA@example.org"))
    )
    view = publishing.meeting_view(twice, "mon", Audience.PANEL)
    _, independent = one_event(render_invite(view, ORGANIZER, NOW))
    assert [a.uri for a in independent.attendees] == [
        "mailto:ada@example.org",
        "mailto:cy@example.org",
    ]


@pytest.mark.parametrize("key", ["ev2", "responses"])
def test_no_invitation_for_a_cancelled_or_postponed_meeting(key: str) -> None:
    with pytest.raises(ValueError, match="gets no invitation"):
        render_invite(panel(key), ORGANIZER, NOW)


def test_no_witness_invitation_for_a_cancelled_meeting() -> None:
    with pytest.raises(ValueError, match="is cancelled: it gets no invitation"):
        render_witness_invite(witness("ev2", "jrf"), ORGANIZER, NOW)


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="naive"):
        render_invite(panel("ev3"), ORGANIZER, datetime(2026, 11, 26, 9, 30))


def test_output_is_stable() -> None:
    assert render_invite(panel("ev3"), ORGANIZER, NOW) == render_invite(
        panel("ev3"), ORGANIZER, NOW
    )


def test_quotes_are_stripped_from_common_names() -> None:
    data = render_invite(panel("ev3"), ORGANIZER, NOW).replace(b"\r\n ", b"")
    assert b'CN="Fauzia Fuzzy Ashraf-Malik":mailto:scrutiny@example.org' in data
    assert b"^'" not in data  # no RFC 6868 escape that Outlook would show as it is


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ('A "quoted" ^name^', "A quoted name"),
        ("Cllr O'Brien; Smith, J: chair", "Cllr O'Brien; Smith, J: chair"),
        ("  two\nlines\r\n\tand tabs ", "two lines and tabs"),
        ("Ünïcödé 😀 שלום <b>x</b> \\", "Ünïcödé 😀 שלום <b>x</b> \\"),
        ("n" * 5000, "n" * 199 + "…"),  # one line, at most MAX_TITLE characters
        ("\u202eevil\u202c\u2028name\u2066", "evil name"),
    ],
)
def test_hostile_names_read_back(name: str, shown: str) -> None:
    review = small_review()
    review = replace(review, panel=(replace(review.panel[0], name=name),))
    data = render_invite(
        publishing.meeting_view(review, "mon", Audience.PANEL),
        Organizer("clerk@example.org", name),
        NOW,
    )
    event, independent = one_event(data)
    assert independent.attendees[0].common_name == shown
    assert independent.organizer.common_name == shown
    assert event["ATTENDEE"].params["CN"] == shown
    if libical() is not None:
        assert libical_problems(data) == []


# Cancellations ---------------------------------------------------------------------


def test_cancellation_matches_the_invitation() -> None:
    review = small_review()
    view = publishing.meeting_view(review, "mon", Audience.PANEL)
    _, invited = one_event(render_invite(view, ORGANIZER, NOW))
    data = render_cancellation(view, ORGANIZER, NOW)
    event, independent = one_event(data)
    assert method(data) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED" == independent.status
    assert independent.uid == invited.uid == "mon-uid@example.org"
    assert independent.sequence == view.sequence == 3
    assert independent.attendees == invited.attendees
    assert independent.organizer == invited.organizer
    assert "This invitation has been withdrawn." in independent.description


def test_cancellation_of_a_cancelled_meeting_says_so() -> None:
    _, independent = one_event(render_cancellation(panel("ev2"), ORGANIZER, NOW))
    assert independent.sequence == 1
    assert independent.description.splitlines()[3] == "This meeting has been cancelled."


# Witnesses -------------------------------------------------------------------------


def witness(meeting: str, key: str, sequence: int = 0, review: Review | None = None) -> WitnessView:
    return publishing.witness_view(review or sample(), meeting, key, sequence)


def test_witness_invite_is_for_the_witness_and_their_slot() -> None:
    view = witness("ev3", "cps", 2)
    data = render_witness_invite(view, ORGANIZER, NOW)
    event, independent = one_event(data)
    assert method(data) == "REQUEST"
    assert independent.uid == view.uid != panel("ev3").uid
    assert independent.sequence == 2
    assert [a.uri for a in independent.attendees] == ["mailto:cps.drugs@example.org"]
    assert independent.attendees[0].common_name == "Head of Drugs Casework"
    assert independent.dtstart == datetime(2007, 3, 26, 13, 15, tzinfo=UTC)
    assert independent.dtend == datetime(2007, 3, 26, 14, 0, tzinfo=UTC)
    assert str(event["DESCRIPTION"]) == witness_agenda_text(view)
    assert "Your session: Monday 26 March 2007, 14:15 to 15:00" in independent.description


def test_witness_slot_across_the_clock_change() -> None:
    view = witness("mon", "alice", review=small_review())
    _, independent = one_event(render_witness_invite(view, ORGANIZER, NOW))
    assert independent.dtstart == datetime(2026, 3, 30, 9, 15, tzinfo=UTC)
    assert independent.dtend == datetime(2026, 3, 30, 10, 0, tzinfo=UTC)


def names_in(data: bytes) -> str:
    """Everything a reader could see: the file unfolded and unescaped."""
    return data.replace(b"\r\n ", b"").decode().replace("\\n", "\n").replace("\\", "")


@pytest.mark.parametrize("render", [render_witness_invite, render_witness_cancellation])
def test_a_witness_file_never_names_another_witness(
    render: Callable[[WitnessView, Organizer, datetime], bytes],
) -> None:
    checked = 0
    for review in (sample(), small_review()):
        people = {w.key: w for w in review.witnesses}
        for meeting in review.meetings:
            keys = {k for item in meeting.items for k in item.witnesses}
            refused = meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)
            for key in keys:
                if not people[key].email or (refused and render is render_witness_invite):
                    continue
                text = names_in(render(witness(meeting.key, key, review=review), ORGANIZER, NOW))
                assert people[key].name in text
                for other in keys - {key}:
                    assert people[other].name not in text, (meeting.key, key, other)
                checked += 1
    assert checked >= 7


def test_a_closed_item_reaches_its_own_witness_only() -> None:
    view = witness("mon", "alice", review=small_review())
    text = names_in(render_witness_invite(view, ORGANIZER, NOW))
    assert "Evidence in private" not in text and "Secret Services" not in text


def test_witness_without_email_is_named() -> None:
    with pytest.raises(ValueError, match="Borough Commander has no e-mail address"):
        render_witness_invite(witness("ev1", "borough"), ORGANIZER, NOW)


def test_witness_cancellation() -> None:
    view = witness("ev2", "jrf", 1)
    data = render_witness_cancellation(view, ORGANIZER, NOW)
    event, independent = one_event(data)
    assert method(data) == "CANCEL"
    assert independent.status == "CANCELLED" and independent.sequence == 1
    assert independent.uid == view.uid
    assert [a.uri for a in independent.attendees] == ["mailto:research@example.org"]
    assert "This meeting has been cancelled." in str(event["DESCRIPTION"])


# The programme ---------------------------------------------------------------------


@pytest.mark.parametrize("audience", [Audience.PANEL, Audience.PUBLIC])
def test_programme_publishes_every_meeting(audience: Audience) -> None:
    view = publishing.calendar_programme_view(sample(), audience)
    data = render_programme(view, ORGANIZER, NOW)
    theirs, independent = read_back(data)
    assert independent.method == "PUBLISH"
    assert str(theirs["X-WR-CALNAME"]) == "Drugs Scrutiny"
    assert [e.uid for e in independent.events] == [m.uid for m in view.meetings]
    assert len(view.meetings) == len(sample().meetings) == 8
    expected = {MeetingStatus.CANCELLED: "CANCELLED", MeetingStatus.POSTPONED: "TENTATIVE"}
    for meeting, event in zip(view.meetings, independent.events, strict=True):
        assert event.status == expected.get(meeting.status, "CONFIRMED"), meeting.title
        assert event.attendees == []
        assert event.organizer is not None
        assert event.sequence == meeting.sequence
    assert b"ATTENDEE" not in data
    statuses = {e.uid: e.status for e in independent.events}
    assert statuses[panel("ev2").uid] == "CANCELLED"
    assert statuses[panel("responses").uid] == "TENTATIVE"
    assert statuses[panel("ev3").uid] == "CONFIRMED"


def test_public_programme_shows_closed_items_by_public_title_only() -> None:
    view = publishing.calendar_programme_view(sample(), Audience.PUBLIC)
    _, independent = read_back(render_programme(view, ORGANIZER, NOW))
    by_uid = {e.uid: e.description for e in independent.events}
    ev3 = by_uid[panel("ev3").uid]
    ev4 = by_uid[panel("ev4").uid]
    assert "6. Evidence heard in private (closed)" in ev3
    assert "former drug user" not in ev3 and "Service user" not in ev3
    assert "Evidence on organised crime heard in private (closed)" in ev4
    assert "Serious and Organised Crime Agency" not in ev4 and "Senior officer" not in ev4
    assert "Exemption: Local Government Act 1972, Schedule 12A, paragraph 7" in ev4
    assert "This meeting has been cancelled." in by_uid[panel("ev2").uid]
    assert "This meeting has been postponed." in by_uid[panel("responses").uid]


# Hostile text ----------------------------------------------------------------------


def hostile_review(text: str) -> Review:
    review = small_review()
    items = tuple(replace(i, title=f"[{text}] {n}") for n, i in enumerate(review.meetings[1].items))
    mon = replace(review.meetings[1], title=text, venue=text, items=items)
    witnesses = (replace(review.witnesses[0], name=f"Alice {text}"), review.witnesses[1])
    return replace(review, title=text, meetings=(review.meetings[0], mon), witnesses=witnesses)


def hostile_files(text: str) -> list[tuple[bytes, str]]:
    """Every kind of file, each with the DESCRIPTION it was given."""
    review = hostile_review(text)
    view = publishing.meeting_view(review, "mon", Audience.PANEL)
    own = witness("mon", "alice", review=review)
    public = publishing.calendar_programme_view(review, Audience.PUBLIC)
    return [
        (render_invite(view, ORGANIZER, NOW), agenda_text(view)),
        (render_cancellation(view, ORGANIZER, NOW), agenda_text(view, cancelled=True)),
        (render_witness_invite(own, ORGANIZER, NOW), witness_agenda_text(own)),
        (
            render_witness_cancellation(own, ORGANIZER, NOW),
            witness_agenda_text(own, cancelled=True),
        ),
        (render_programme(public, ORGANIZER, NOW), agenda_text(public.meetings[1])),
    ]


def assert_round_trip(text: str) -> None:
    """What goes in comes out, through both parsers, one-line fields on one line;
    libical finds nothing wrong."""
    for data, description in hostile_files(text):
        theirs, independent = read_back(data)
        event = next(e for e in theirs.events if str(e["UID"]) != "sat-uid@example.org")
        other = next(e for e in independent.events if e.uid != "sat-uid@example.org")
        summary = one_line(f"{text}: {text}")
        assert str(event["SUMMARY"]) == summary == other.summary
        location = one_line(text)
        if location:
            assert str(event["LOCATION"]) == location == other.location
        else:
            assert "LOCATION" not in event and other.location is None
        for single in (summary, location):
            assert len(single) <= MAX_TITLE and not ONE_LINE_FORBIDDEN.search(single)
        assert str(event["DESCRIPTION"]) == description == other.description
        first_line = clean_text(f"[{text}] 1").split("\n")[0]
        assert f"  {first_line}" in description  # the title of item 2, after its slot
        if libical() is not None:
            problems, events = libical_read(data)
            assert problems == []
            read = events[other.uid]
            assert read["summary"] == other.summary and read["location"] == other.location
            assert read["description"] == description


@pytest.mark.parametrize(
    "text",
    [
        HOSTILE,
        "x" * 10_000,
        ("Ünïcödé ✓ 😀 " * 800)[:10_000],
        "line one\r\nline two\rline three\x0bline four",
        ";,\\:\"'<>&",
        "\\",
        "\\n",
        "trailing backslash \\",
    ],
)
def test_hostile_text_round_trips(text: str) -> None:
    assert_round_trip(text)


def test_control_characters_are_cleaned() -> None:
    assert clean_text(" a\r\nb\rc\x0bd\x0ce\x1bf\x7fg\x08h\ufeffi\tj\t ") == "a\nb\nc\nd\nefghi\tj"
    assert_round_trip("bell\x07 escape\x1b delete\x7f")


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
        min_size=1,
        max_size=300,
    )
)
def test_any_text_round_trips(text: str) -> None:
    assert_round_trip(text)
