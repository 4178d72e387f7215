"""The minutes PDF, read back with pypdf: attendance, numbered minutes, actions, the
DRAFT band and the approval block, and what the public and panel versions show."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny_desk.domain.enums import ActionStatus, AttendanceStatus, MemberRole, MinutesStatus
from scrutiny_desk.domain.views import ActionView, AttendanceView, Audience, PersonView
from scrutiny_desk.exports.minutes_pdf import SIGNATURE_LINE, render_minutes

DRAFT = "DRAFT - subject to approval"
NFP = "NOT FOR PUBLICATION"
PRIVATE = "The panel heard this item in private."
CLOSED_TITLE = "Evidence from a former drug user"
CLOSED_MINUTE = "arrest referral had worked only when a treatment place was available"
EXCLUSION = (
    "That under Section 100A(4) of the Local Government Act 1972 the press and public be "
    "excluded from the meeting for the following item of business on the grounds that it "
    "involves the likely disclosure of exempt information as defined in paragraph 1 of "
    "Part 1 of Schedule 12A to the Act"
)
LINE = SIGNATURE_LINE


@pytest.fixture
def public(sample_view, read_pdf):
    return read_pdf(render_minutes(sample_view("ev3", Audience.PUBLIC)))


@pytest.fixture
def panel(sample_view, read_pdf):
    return read_pdf(render_minutes(sample_view("ev3", Audience.PANEL)))


def test_heading_attendance_and_witnesses(public):
    first = public.pages[0]
    for text in (
        "METROPOLITAN POLICE AUTHORITY",
        "Drugs Scrutiny",
        "MINUTES",
        "Evidence session 3: criminal justice and treatment",
        "Date: Monday 26 March 2007",
        "Time: 2.00 pm – 5.00 pm",
        "Venue: Committee Room 1, 10 Dean Farrar Street",
    ):
        assert text in first
    assert (
        "Present: Richard Sumray (Chair), Rachel Whittaker, Richard Barnes, Elizabeth "
        "Howlett, Damian Hockney"
    ) in first
    assert "Apologies: Joanne McCartney, Aneeta Prem" in first
    assert "Absent:" not in public.text
    assert (
        "Witnesses: Head of Drugs Casework, Senior prosecutor, Crown Prosecution Service "
        "Chief Officer, London Probation"
    ) in first


def test_numbered_minutes_in_agenda_order(public):
    expected = [
        ("10/06 Apologies for absence", "Apologies for absence were received from Joanne"),
        ("12/06 Minutes of the previous meeting", "RESOLVED that the minutes of the meeting"),
        ("13/06 Evidence from the Crown Prosecution Service", "explained how charging"),
        ("14/06 Evidence from London Probation", "drug treatment and testing orders"),
    ]
    positions = []
    for heading, minute in expected:
        assert public.text.index(heading) < public.text.index(minute)
        positions.append(public.text.index(heading))
    assert positions == sorted(positions)
    assert "The Chair reported that the meeting arranged for 26 February 2007" in public.text


def test_public_closed_item_is_its_title_and_exemption_under_the_exclusion(public):
    text = public.text
    block = text[text.index("15/06 Evidence heard in private") : text.index("ACTIONS AGREED")]
    assert block == (
        "15/06 Evidence heard in private Exempt information: Local Government Act "
        "1972, Schedule 12A, paragraph 1 "
    )
    part_2 = text.index("Part 2 – business not open to the press and public")
    exclusion = text.index(f"Exclusion of the press and public RESOLVED – {EXCLUSION}")
    assert text.index("Part 1 – business open") < part_2 < exclusion < text.index(block)
    assert PRIVATE not in text
    for secret in (CLOSED_TITLE, CLOSED_MINUTE, "Service user", "closed session"):
        assert secret not in public.text
    assert "not for publication" not in public.text.lower()
    assert "15/06 Evidence heard in private" in dict(public.outline)


def test_actions_table_and_approval_block(public):
    assert (
        "ACTION OWNER DUE BY Request figures on the time taken to charge in drug supply "
        "cases from the CPS. Scrutiny officer 5 April 2007"
    ) in public.text
    last = public.pages[-1]
    assert "Approved on 16 April 2007 as a correct record." in last
    assert f"Approved on 16 April 2007 as a correct record. Chair {LINE} Date {LINE}" in last
    assert DRAFT not in public.text
    assert f"Page {len(public.pages)} of {len(public.pages)}" in last


def test_draft_minutes_say_so_on_every_page(sample_view, read_pdf):
    paper = read_pdf(render_minutes(sample_view("recs", Audience.PUBLIC)))
    assert len(paper.pages) >= 2
    assert paper.pages_with(DRAFT) == set(range(1, len(paper.pages) + 1))
    assert "Approved on" not in paper.text
    # the chair signs the minutes once they are approved: the lines are there already
    assert paper.text.index(f"Chair {LINE} Date {LINE}") > paper.text.index("ACTIONS AGREED")


def test_minutes_not_yet_started_are_a_draft_too(make_view, read_pdf):
    paper = read_pdf(render_minutes(make_view(minutes_status=MinutesStatus.NONE)))
    assert DRAFT in paper.pages[0]
    assert "1 Apologies for absence No minute recorded." in paper.text


def test_panel_minutes_mark_only_the_pages_with_closed_minutes(panel):
    assert CLOSED_TITLE in panel.text and CLOSED_MINUTE in panel.text
    assert "Reason for closure: The witness asked to give evidence in a closed session" in (
        panel.text
    )
    closed_pages = panel.pages_with(CLOSED_TITLE) | panel.pages_with(CLOSED_MINUTE)
    assert panel.pages_with(NFP) == closed_pages
    assert 1 not in closed_pages
    # a witness heard only in private is named with that item, not in the attendance list
    assert panel.pages_with("Service user") <= closed_pages
    assert "Witness: Service user, Former drug user" in panel.text


def test_closed_actions_are_for_the_panel_only_and_marked(sample_view, read_pdf):
    secret = "Ask SOCA for a confidential briefing note"
    public = read_pdf(render_minutes(sample_view("ev4", Audience.PUBLIC)))
    assert secret not in public.text and NFP not in public.text
    panel = read_pdf(render_minutes(sample_view("ev4", Audience.PANEL)))
    (page,) = panel.pages_with(secret)
    assert page in panel.pages_with(NFP)
    assert "Actions agreed in private" in panel.text


def test_metadata_language_fonts_and_bookmarks(panel):
    meta = panel.reader.metadata
    assert meta.title == (
        "Minutes: Evidence session 3: criminal justice and treatment (PANEL COPY)"
    )
    assert meta.author == "Metropolitan Police Authority"
    assert meta.subject == "Drugs Scrutiny"
    assert panel.lang == "en-GB"
    for name, embedded in panel.fonts:
        assert embedded and "DejaVuSans" in name, name
    outline = dict(panel.outline)
    for section in ("Minutes", "Attendance", "Items of business", "Actions agreed"):
        assert section in outline
    assert outline[f"15/06 {CLOSED_TITLE}"] in panel.pages_with(CLOSED_TITLE)


def test_attendance_marks_chair_and_vice_chair_and_lists_absentees(make_view, read_pdf):
    attendance = (
        AttendanceView("Cllr Cy Member", MemberRole.MEMBER, AttendanceStatus.PRESENT),
        AttendanceView("Cllr Ben Vice", MemberRole.VICE_CHAIR, AttendanceStatus.PRESENT),
        AttendanceView("Cllr Ada Chair", MemberRole.CHAIR, AttendanceStatus.PRESENT),
        AttendanceView("Cllr Dee Away", MemberRole.MEMBER, AttendanceStatus.ABSENT),
    )
    paper = read_pdf(render_minutes(make_view(attendance=attendance)))
    assert (
        "Present: Cllr Ada Chair (Chair), Cllr Ben Vice (Vice-Chair), Cllr Cy Member "
        "Absent: Cllr Dee Away"
    ) in paper.text


def test_long_minutes_and_actions_split_across_pages_with_draft_on_each(
    make_view, make_item, read_pdf
):
    minute = ("The panel discussed the matter at length. " * 240)[:10_000]
    action = ActionView(
        "Follow up " * 1000, "Officer " * 50, date(2025, 4, 1), ActionStatus.OPEN, closed=False
    )
    view = make_view(
        title="Session " * 1250,
        items=(
            make_item(1, "Item " * 2000, minute=minute),
            make_item(
                2,
                "Closed item",
                closed=True,
                minute="Confidential deliberation. " * 400,
                reason="Personal data",
                witnesses=(PersonView("Private Witness", None, None),),
            ),
        ),
        actions=(action,),
        witnesses_heard=(PersonView("Private Witness", None, None),),
    )
    paper = read_pdf(render_minutes(view))
    assert len(paper.pages) >= 6
    assert paper.pages_with(DRAFT) == set(range(1, len(paper.pages) + 1))
    closed = paper.pages_with("Closed item") | paper.pages_with("Confidential deliberation")
    assert len(closed) >= 2 and paper.pages_with(NFP) == closed
    assert max(paper.pages_with("Follow up")) not in closed
    assert "Private Witness" not in paper.pages[0]


def test_hostile_text_prints_literally_and_exotic_scripts_do_not_crash(
    make_view, make_item, read_pdf
):
    hostile = '<b>x</b> & <para> &lt; ]]> "quoted"'
    exotic = "محضر الاجتماع — פרוטוקול 🚌👩🏽‍⚖️ end"
    view = make_view(
        title=hostile,
        items=(make_item(1, exotic, minute=f"{hostile}\n{exotic}"),),
        actions=(ActionView(hostile, exotic, None, ActionStatus.OPEN, False),),
    )
    paper = read_pdf(render_minutes(view))
    assert paper.text.count(hostile) >= 3
    assert "end" in paper.text
    for name, embedded in paper.fonts:
        assert embedded and "DejaVuSans" in name


def test_public_closed_item_never_prints_a_minute_even_if_given_one(make_view, make_item, read_pdf):
    item = make_item(
        1,
        "Closed session",
        closed=True,
        minute="Secret minute",
        reason="Secret reason",
        exemption="Schedule 12A, paragraph 2",
    )
    paper = read_pdf(render_minutes(make_view(audience=Audience.PUBLIC, items=(item,))))
    assert "1 Closed session Exempt information: Schedule 12A, paragraph 2" in paper.text
    assert "Secret" not in paper.text and NFP not in paper.text
