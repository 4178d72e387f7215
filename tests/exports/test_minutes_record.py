"""The procedural record in the minutes PDF (issue 15), read back with pypdf from views
built by hand: who was present and for which items, substitutes, officers and others
present, apologies, declarations, quorum lost and regained, resolutions and votes,
minute numbers, Part 2 under the exclusion resolution in both audiences, the meeting's
start and close, the signature lines and whose copy the paper is."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from scrutiny_desk.domain.enums import (
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    MemberRole,
    StandardItem,
)
from scrutiny_desk.domain.procedure_wording import declarations_minute, quorum_notes
from scrutiny_desk.domain.views import (
    AttendanceView,
    AttendeeView,
    Audience,
    DeclarationView,
    ResolutionView,
    VoteView,
)
from scrutiny_desk.exports.minutes_pdf import SIGNATURE_LINE, render_minutes

NFP = "NOT FOR PUBLICATION"
COPY = "PANEL COPY – contains exempt information (paragraph 1)"
EXEMPTION = "Local Government Act 1972, Schedule 12A, paragraph 1"
EXCLUSION = (
    "That under Section 100A(4) of the Local Government Act 1972 the press and public be "
    "excluded from the meeting for the following item of business on the grounds that it "
    "involves the likely disclosure of exempt information as defined in paragraph 1 of "
    "Part 1 of Schedule 12A to the Act, and that, in all the circumstances of the case, "
    "the public interest in maintaining the exemption outweighs the public interest in "
    "disclosing the information."
)
SECRET = "the provider's tender price of 1.2 million"

ATTENDANCE = (
    AttendanceView("Cllr Cy Member", MemberRole.MEMBER, AttendanceStatus.PRESENT, arrived=4),
    AttendanceView("Cllr Ada Chair", MemberRole.CHAIR, AttendanceStatus.PRESENT),
    AttendanceView("Cllr Ben Vice", MemberRole.VICE_CHAIR, AttendanceStatus.PRESENT, left=6),
    AttendanceView(
        "Cllr Dee Away", MemberRole.MEMBER, AttendanceStatus.APOLOGIES, substitute="Cllr Sub"
    ),
    AttendanceView("Cllr Eve Gone", MemberRole.MEMBER, AttendanceStatus.ABSENT),
)
ATTENDEES = (
    AttendeeView(AttendeeKind.SUBSTITUTE, "Cllr Sub", substitute_for="Cllr Dee Away"),
    AttendeeView(AttendeeKind.OFFICER, "Sam Clerk", role="Scrutiny Officer"),
    AttendeeView(AttendeeKind.OFFICER, "Lee Legal", role="Monitoring Officer", left=5),
    AttendeeView(AttendeeKind.ALSO_PRESENT, "Cllr Pat Portfolio", role="Cabinet Member"),
)
DECLARATIONS = (
    DeclarationView(
        "Cllr Ben Vice",
        5,
        "Bus contract",
        "a director of the bus company",
        InterestCategory.DISCLOSABLE_PECUNIARY,
        left_room=True,
    ),
)


@pytest.fixture
def record(make_view, make_item):  # type: ignore[no-untyped-def]
    """A meeting with the whole procedural record, for one audience."""

    def build(audience: Audience = Audience.PANEL, **changes):  # type: ignore[no-untyped-def]
        public = audience is Audience.PUBLIC
        # as publishing gives them: the public title of a closed item, its nature withheld
        declarations = (
            (replace(DECLARATIONS[0], item_title="Contract matter", nature=None),)
            if public
            else DECLARATIONS
        )
        items = (
            make_item(
                1, "Apologies for absence", standard=StandardItem.APOLOGIES, minute_number="11/26"
            ),
            make_item(
                2,
                "Declarations of interest",
                standard=StandardItem.DECLARATIONS,
                minute=declarations_minute(declarations),
                minute_number="12/26",
            ),
            make_item(
                3,
                "Bus services",
                minute="The panel heard from the operator.",
                minute_number="13/26",
                present=2,
                quorate=False,
                resolutions=(
                    ResolutionView("That the evidence be noted."),
                    ResolutionView(
                        "That the Cabinet be asked to review the subsidy.",
                        VoteView(4, 1, 0),
                    ),
                ),
            ),
            make_item(
                4,
                "Timetable",
                minute_number="14/26",
                present=4,
                resolutions=(
                    ResolutionView(
                        "That the timetable be published.",
                        VoteView(
                            2,
                            1,
                            1,
                            ("Cllr Ada Chair", "Cllr Cy Member"),
                            ("Cllr Sub",),
                            ("Cllr Ben Vice",),
                        ),
                    ),
                ),
            ),
            make_item(
                5,
                "Bus contract" if not public else "Contract matter",
                closed=True,
                exemption=EXEMPTION,
                reason=None if public else "Commercial terms",
                minute=None if public else f"The panel considered {SECRET}.",
                minute_number="15/26",
                resolutions=()
                if public
                else (ResolutionView("That the contract be extended for a year."),),
            ),
        )
        view = make_view(
            audience=audience,
            items=items,
            attendance=ATTENDANCE,
            attendees=ATTENDEES,
            declarations=declarations,
            quorum=3,
            quorum_notes=quorum_notes(items, 3),
            began=datetime(2025, 3, 3, 14, 2),
            ended=datetime(2025, 3, 3, 16, 32),
            exempt_paragraphs=(1,),
            copy_label=None if public else COPY,
            exclusion_minute=EXCLUSION,
        )
        return replace(view, **changes)

    return build


@pytest.fixture
def panel(record, read_pdf):  # type: ignore[no-untyped-def]
    return read_pdf(render_minutes(record()))


@pytest.fixture
def public(record, read_pdf):  # type: ignore[no-untyped-def]
    return read_pdf(render_minutes(record(Audience.PUBLIC)))


def test_present_also_present_officers_apologies_and_substitutes(panel) -> None:  # type: ignore[no-untyped-def]
    first = panel.pages[0]
    assert (
        "Present: Cllr Ada Chair (Chair), Cllr Ben Vice (Vice-Chair) (until item 6), "
        "Cllr Cy Member (from item 4), Cllr Sub (substitute for Cllr Dee Away) "
        "Also present: Cllr Pat Portfolio, Cabinet Member "
        "Officers: Sam Clerk, Scrutiny Officer Lee Legal, Monitoring Officer (until item 5) "
        "Apologies: Cllr Dee Away "
        "Absent: Cllr Eve Gone"
    ) in first


def test_declarations_print_from_their_item_or_under_attendance(panel, record, read_pdf) -> None:  # type: ignore[no-untyped-def]
    sentence = (
        "Cllr Ben Vice declared a disclosable pecuniary interest in item 5 (Bus contract) "
        "as a director of the bus company, and left the room for that item."
    )
    assert f"12/26 Declarations of interest {sentence}" in panel.text
    assert "Declarations:" not in panel.text  # said once, by its item
    view = record(items=record().items[2:4])  # no declarations item on this agenda
    paper = read_pdf(render_minutes(view))
    assert f"Declarations: {sentence}" in paper.text


def test_quorum_lost_and_regained(panel) -> None:  # type: ignore[no-untyped-def]
    assert (
        "Quorum: The meeting was inquorate for item 3 (two members present; the quorum is "
        "three); it was quorate again from item 4."
    ) in panel.pages[0]
    item = panel.text[panel.text.index("13/26 Bus services") : panel.text.index("14/26")]
    assert "The meeting was not quorate for this item (2 present)." in item
    timetable = panel.text[panel.text.index("14/26 Timetable") :]
    assert "not quorate" not in timetable


def test_resolutions_are_set_apart_with_their_votes(panel) -> None:  # type: ignore[no-untyped-def]
    item = panel.text[panel.text.index("13/26 Bus services") : panel.text.index("14/26")]
    assert (
        "The panel heard from the operator. RESOLVED – That the evidence be noted. "
        "RESOLVED – That the Cabinet be asked to review the subsidy. "
        "For 4, against 1, abstained 0."
    ) in item
    named = panel.text[panel.text.index("14/26 Timetable") :]
    assert (
        "RESOLVED – That the timetable be published. For: Cllr Ada Chair and Cllr Cy "
        "Member. Against: Cllr Sub. Abstained: Cllr Ben Vice."
    ) in named


def test_minutes_are_numbered_by_their_running_numbers(panel, record, read_pdf) -> None:  # type: ignore[no-untyped-def]
    headings = ["11/26 Apologies", "12/26 Declarations", "13/26 Bus services", "14/26 Timetable"]
    positions = [panel.text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "15/26 Bus contract" in panel.text
    assert "13/26 Bus services" in dict(panel.outline)
    # the next municipal year starts again at 1; a review that numbers no minutes prints
    # the item numbers
    items = record().items
    april = record(items=(replace(items[2], minute_number="31/25"),))
    may = record(items=(replace(items[2], minute_number="1/26"),))
    unnumbered = record(items=(replace(items[2], minute_number=None),))
    assert "31/25 Bus services" in read_pdf(render_minutes(april)).text
    assert "1/26 Bus services" in read_pdf(render_minutes(may)).text
    assert "3 Bus services" in read_pdf(render_minutes(unnumbered)).text


def test_part_2_under_the_exclusion_resolution_for_the_panel(panel) -> None:  # type: ignore[no-untyped-def]
    text = panel.text
    part_2 = text.index("Part 2 – business not open to the press and public")
    resolution = text.index(f"Exclusion of the press and public RESOLVED – {EXCLUSION}")
    closed = text.index("15/26 Bus contract")
    assert text.index("Part 1 – business open") < text.index("14/26") < part_2 < resolution
    assert resolution < closed
    assert SECRET in text and "RESOLVED – That the contract be extended" in text
    assert panel.pages_with(NFP) == panel.pages_with("15/26 Bus contract") | panel.pages_with(
        SECRET
    )


def test_public_minutes_keep_the_exclusion_and_each_closed_title_and_paragraph(public) -> None:  # type: ignore[no-untyped-def]
    text = public.text
    assert f"Exclusion of the press and public RESOLVED – {EXCLUSION}" in text
    block = text[text.index("15/26 Contract matter") : text.index("The meeting began")]
    assert block == f"15/26 Contract matter Exempt information: {EXEMPTION} "
    for secret in (SECRET, "Bus contract", "Commercial terms", "extended", NFP, "PANEL COPY"):
        assert secret not in text, secret
    assert (
        "Cllr Ben Vice declared a disclosable pecuniary interest in item 5 (Contract matter), "
        "and left the room for that item."
    ) in text


def test_start_close_and_signature_lines_end_the_minutes(panel, record, read_pdf) -> None:  # type: ignore[no-untyped-def]
    end = panel.pages[-1]
    assert (
        f"The meeting began at 2.02 pm and ended at 4.32 pm. Chair {SIGNATURE_LINE} "
        f"Date {SIGNATURE_LINE}"
    ) in end
    ended_only = read_pdf(render_minutes(record(began=None)))
    assert "The meeting ended at 4.32 pm." in ended_only.text
    assert "began" not in ended_only.text


def test_the_panel_copy_says_so_on_its_first_page_and_in_its_title(panel, public) -> None:  # type: ignore[no-untyped-def]
    assert panel.pages_with(COPY) == {1}  # the first page only
    assert panel.reader.metadata.title == "Minutes: Evidence session (PANEL COPY)"
    assert public.reader.metadata.title == "Minutes: Evidence session"
    assert "PANEL COPY" not in public.text
