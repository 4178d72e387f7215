"""The agenda PDF, read back with pypdf: every section, the exclusion resolution, what
the public and the panel versions may and must show, and hostile text.

The shared wording and formatting in ``pdf_style`` (dates, times, Schedule 12A
paragraphs) is tested here too, through the agenda that uses all of it."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.exemptions import schedule_12a_paragraphs
from scrutiny_desk.domain.views import Audience, PersonView, TorRef
from scrutiny_desk.domain.wording import clock, long_date
from scrutiny_desk.exports.agenda_pdf import exclusion_resolution, opening_words, render_agenda
from scrutiny_desk.exports.pdf_text import plain, time_span

CLOSED_TITLE = "Evidence from a former drug user"
CLOSED_REASON = "so that they could not be identified"
CLOSED_WITNESS = "Service user"
NFP = "NOT FOR PUBLICATION"


@pytest.fixture
def public(sample_view, read_pdf):
    return read_pdf(render_agenda(sample_view("ev3", Audience.PUBLIC)))


@pytest.fixture
def panel(sample_view, read_pdf):
    return read_pdf(render_agenda(sample_view("ev3", Audience.PANEL)))


def test_heading_membership_and_contact(public):
    first = public.pages[0]
    for text in (
        "METROPOLITAN POLICE AUTHORITY",
        "Drugs Scrutiny",
        "NOTICE OF MEETING",
        "Evidence session 3: criminal justice and treatment",
        "Date: Monday 26 March 2007",
        "Time: 2.00 pm – 5.00 pm",
        "Venue: Committee Room 1, 10 Dean Farrar Street",
    ):
        assert text in first
    assert "Chair: Richard Sumray Members: Rachel Whittaker Richard Barnes" in first
    assert "Contact officer: Fauzia Ashraf-Malik Policy and Development Officer" in first
    for line in (
        "Metropolitan Police Authority, 10 Dean Farrar Street",
        "Tel: 020 7202 0120",
        "Fax: 020 7202 0100",
        "Minicom: 020 7202 0173",
        "E-mail: scrutiny@example.org",
    ):
        assert line in first


def test_items_in_printed_order_with_slots_witnesses_and_terms_of_reference(public):
    titles = [
        "Apologies for absence",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Evidence from the Crown Prosecution Service",
        "Evidence from London Probation",
        "Evidence heard in private",
    ]
    positions = [public.text.index(f"{n} {t}") for n, t in enumerate(titles, start=1)]
    assert positions == sorted(positions)
    assert "Evidence from the Crown Prosecution Service 2.15 pm – 3.00 pm" in public.text
    assert (
        "Witness: Head of Drugs Casework, Senior prosecutor, Crown Prosecution Service"
        in public.text
    )
    assert "Witness: Chief Officer, London Probation" in public.text
    tor = re.search(
        r"Terms of reference: 3\.4 Identifying the role and impact of the criminal "
        r"justice system and probation… 2\.4 Reviewing the use",
        public.text,
    )
    assert tor, public.text


def test_part_2_has_the_exclusion_resolution_with_the_paragraph(public):
    assert public.text.index("Part 1 – items open") < public.text.index("Part 2 – items not")
    assert (
        "That under Section 100A(4) of the Local Government Act 1972 the press and public "
        "be excluded from the meeting for the following item of business on the grounds "
        "that it involves the likely disclosure of exempt information as defined in "
        "paragraph 1 of Part 1 of Schedule 12A to the Act, and that, in all the "
        "circumstances of the case, the public interest in maintaining the exemption "
        "outweighs the public interest in disclosing the information." in public.text
    )
    assert public.text.index("Exclusion of the press") < public.text.index("6 Evidence heard")
    assert "Exempt information: Local Government Act 1972, Schedule 12A, paragraph 1" in (
        public.text
    )


def test_page_furniture_metadata_language_and_fonts(public):
    assert len(public.pages) == 2
    assert public.pages[-1].count("Page 2 of 2") == 1
    assert "Page 1 of 2" in public.pages[0]
    assert "Metropolitan Police Authority · Drugs Scrutiny" in public.pages[-1]
    meta = public.reader.metadata
    assert meta.title == "Agenda: Evidence session 3: criminal justice and treatment"
    assert meta.author == "Metropolitan Police Authority"
    assert meta.subject == "Drugs Scrutiny"
    assert public.lang == "en-GB"
    assert public.fonts, "no fonts found"
    for name, embedded in public.fonts:
        assert embedded and "DejaVuSans" in name, name


def test_bookmarks_per_section_and_item_open_the_right_page(public):
    outline = dict(public.outline)
    for section in ("Notice of meeting", "Membership", "Enquiries", "Agenda"):
        assert section in outline
    assert outline["4. Evidence from the Crown Prosecution Service"] == min(
        public.pages_with("4 Evidence from the Crown Prosecution Service")
    )
    assert outline["6. Evidence heard in private"] in public.pages_with("6 Evidence heard")
    assert not any(CLOSED_TITLE in title for title in outline)


def test_public_agenda_shows_only_what_the_public_view_gives(public):
    assert "not for publication" not in public.text.lower()
    for secret in (CLOSED_TITLE, CLOSED_REASON, CLOSED_WITNESS, "Former drug user", "4.00 pm"):
        assert secret not in public.text
    assert "The press and public are likely to be excluded for this item." in public.text


def test_panel_agenda_marks_the_closed_item_and_only_its_pages(panel):
    assert CLOSED_TITLE in panel.text
    assert "Reason for closure: The witness asked to give evidence in a closed session" in (
        panel.text
    )
    assert "Witness: Service user, Former drug user" in panel.text
    assert (
        f"{NFP} by virtue of paragraph 1 of Part 1 of Schedule 12A to the Local Government Act 1972"
    ) in panel.text
    # the closed item is the last: it and every page it runs on to are marked
    closed_pages = set(range(min(panel.pages_with(CLOSED_TITLE)), len(panel.pages) + 1))
    assert panel.pages_with(CLOSED_WITNESS) <= closed_pages
    assert panel.pages_with(NFP) == closed_pages
    assert 1 not in panel.pages_with(NFP)
    assert dict(panel.outline)[f"6. {CLOSED_TITLE}"] in closed_pages


def test_every_page_a_long_closed_item_spans_is_marked(make_view, make_item, read_pdf):
    item = make_item(
        2,
        "Closed " + "confidential words " * 900,
        closed=True,
        exemption="Schedule 12A, paragraph 3",
        reason="Commercial terms",
    )
    paper = read_pdf(render_agenda(make_view(items=(make_item(1, "Apologies"), item))))
    assert len(paper.pages) >= 3
    carrying = {n for n, text in enumerate(paper.pages, start=1) if "confidential" in text}
    assert paper.pages_with(NFP) == carrying
    public = read_pdf(
        render_agenda(make_view(audience=Audience.PUBLIC, items=(make_item(1, "Apologies"), item)))
    )
    assert NFP not in public.text


def test_agenda_without_closed_items_has_no_parts_or_resolution(sample_view, read_pdf):
    paper = read_pdf(render_agenda(sample_view("ev1", Audience.PANEL)))
    assert "Part 1" not in paper.text and "Part 2" not in paper.text
    assert "Schedule 12A" not in paper.text and NFP not in paper.text


def test_contact_lines_without_a_value_are_left_out(make_view, read_pdf):
    paper = read_pdf(render_agenda(make_view()))
    assert "Tel: 01234 567890" in paper.text and "E-mail: scrutiny@testshire.example" in (
        paper.text
    )
    assert "Fax:" not in paper.text and "Minicom:" not in paper.text
    assert "Chair: Cllr Ada Chair Vice-Chair: Cllr Ben Vice Member: Cllr Cy Member" in (paper.text)
    assert read_pdf(render_agenda(make_view(contact=None, members=()))).pages


def test_markup_in_user_text_prints_literally(make_view, make_item, read_pdf):
    hostile = "<b>Bold?</b> & <para> &amp; <br/> </para> <font color=red>"
    witness = PersonView(hostile, "<i>role</i>", "A & B")
    view = make_view(
        title=hostile,
        venue=hostile,
        items=(make_item(1, hostile, witnesses=(witness,), tor=(TorRef("1", hostile),)),),
    )
    paper = read_pdf(render_agenda(view))
    assert paper.text.count("<b>Bold?</b> & <para> &amp; <br/> </para> <font color=red>") >= 3
    assert "<i>role</i>, A & B" in paper.text


def test_giant_titles_split_across_pages(make_view, make_item, read_pdf):
    giant = "Agenda " * 1430  # 10,010 characters
    unbroken = "x" * 10_000
    view = make_view(
        title=giant,
        review_title=unbroken,
        items=(
            make_item(1, giant, start=datetime(2025, 3, 3, 14, 0)),
            make_item(2, unbroken, closed=True, exemption=giant, reason=giant),
        ),
    )
    paper = read_pdf(render_agenda(view))
    assert len(paper.pages) > 4
    total = len(paper.pages)
    assert f"Page {total} of {total}" in paper.pages[-1]
    assert all(f"Page {n} of {total}" in text for n, text in enumerate(paper.pages, start=1))
    assert len(paper.reader.metadata.title) <= 300


def test_right_to_left_text_and_emoji_do_not_break_rendering(make_view, make_item, read_pdf):
    text = "مراجعة خدمات الحافلات — סקירת שירותי אוטובוסים 🚌🎉👩🏽‍⚖️ done"
    view = make_view(title=text, body=text, items=(make_item(1, text, minute=text),))
    paper = read_pdf(render_agenda(view))
    assert "done" in paper.text
    for name, embedded in paper.fonts:
        assert embedded and "DejaVuSans" in name


# Wording and formatting shared with the minutes (pdf_style) -------------------------


def test_british_committee_dates_and_times():
    assert long_date(date(2007, 3, 26)) == "Monday 26 March 2007"
    assert clock(datetime(2007, 3, 26, 14, 0)) == "2.00 pm"
    assert clock(datetime(2007, 3, 26, 9, 5)) == "9.05 am"
    assert clock(datetime(2007, 3, 26, 12, 0)) == "12.00 noon"
    assert clock(datetime(2007, 3, 26, 12, 30)) == "12.30 pm"
    assert clock(datetime(2007, 3, 26, 0, 0)) == "12.00 midnight"
    assert time_span(datetime(2007, 3, 26, 14), datetime(2007, 3, 26, 17)) == ("2.00 pm – 5.00 pm")
    assert time_span(datetime(2007, 3, 26, 22), datetime(2007, 3, 27, 1)) == (
        "10.00 pm – 1.00 am, Tuesday 27 March 2007"
    )


def test_plain_text_is_escaped_and_keeps_line_breaks():
    assert plain("a < b & c\nnext\r\nline\x07") == "a &lt; b &amp; c<br/>next<br/>line "


@pytest.mark.parametrize(
    ("exemption", "paragraphs"),
    [
        ("Local Government Act 1972, Schedule 12A, paragraph 1", (1,)),
        ("Schedule 12A paragraphs 3 and 1", (1, 3)),
        ("Para 7", (7,)),
        ("Local Government Act 1972 Schedule 12A Part 4 paragraph 14", (14,)),
        ("Police Reform Act 2002, Schedule 6, paragraph 4", ()),
        ("Schedule 12A, paragraph 9", ()),
        ("Commercially sensitive", ()),
    ],
)
def test_schedule_12a_paragraphs_are_read_from_the_exemption(exemption, paragraphs):
    assert schedule_12a_paragraphs(exemption) == paragraphs


def test_resolution_names_every_paragraph_and_free_text_grounds(make_item):
    items = [
        make_item(5, "A", closed=True, exemption="Schedule 12A, paragraph 3"),
        make_item(
            6, "B", closed=True, exemption="Local Government Act 1972, Schedule 12A, paragraph 1"
        ),
        make_item(7, "C", closed=True, exemption="Contract negotiations in progress"),
    ]
    text = exclusion_resolution(items)
    assert text.startswith("That under Section 100A(4) of the Local Government Act 1972")
    assert "following items of business on the grounds that they involve" in text
    assert "paragraphs 1 and 3 of Part 1 of Schedule 12A to the Act" in text
    assert "“Contract negotiations in progress”" in text
    free = exclusion_resolution([items[2]])
    assert free.startswith("That the press and public be excluded")
    assert "“Contract negotiations in progress”" in free and "100A" not in free
    assert "exempt or confidential information" in exclusion_resolution(
        [make_item(8, "D", closed=True)]
    )


def test_terms_of_reference_are_quoted_by_their_opening_words():
    assert opening_words("One two three") == "One two three"
    assert opening_words("a b c d e f g h i j k l m n") == "a b c d e f g h i j k l…"
    assert opening_words("x" * 500).endswith("…") and len(opening_words("x" * 500)) <= 111


def test_review_wording_of_the_exclusion_resolution_is_printed() -> None:
    from dataclasses import replace as _replace

    from scrutiny_desk.domain.views import Audience
    from scrutiny_desk.resources_path import resource_path
    from scrutiny_desk.services import codec, publishing

    review = codec.decode(resource_path("samples/drugs-scrutiny.json").read_bytes())
    review = _replace(
        review,
        exclusion_resolution=(
            "That the public be excluded under paragraph {paragraphs} of Schedule 12A."
        ),
    )
    view = publishing.meeting_view(review, "ev3", Audience.PUBLIC)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(render_agenda(view))).pages)
    assert "That the public be excluded under paragraph 1 of Schedule 12A." in " ".join(
        text.split()
    )
    assert "Section 100A(4)" not in text


JOIN = (
    "https://teams.example.org/l/meetup-join/19%3ameeting_Nj%40thread.v2/0?context=%7b%22Tid%22%7d"
)


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
def test_the_joining_link_is_printed_under_the_venue(sample_view, read_pdf, audience) -> None:
    """An online or hybrid meeting's link is on the notice for everyone (issue 14),
    whole, after the venue and before the membership, and it can be clicked."""
    paper = read_pdf(render_agenda(sample_view("ev3", audience), JOIN))
    squeezed = paper.pages[0].replace(" ", "")
    venue = squeezed.index("Venue:CommitteeRoom1")
    join = squeezed.index("Joinonline:" + JOIN)  # a long link wraps, never loses a character
    assert venue < join < squeezed.index("MEMBERSHIP")
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in paper.reader.pages[0].get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert JOIN in uris


def test_no_joining_link_no_line(sample_view, read_pdf) -> None:
    paper = read_pdf(render_agenda(sample_view("ev3", Audience.PUBLIC), None))
    assert "Join online" not in paper.text
    assert read_pdf(render_agenda(sample_view("ev3", Audience.PUBLIC), "  ")).text == paper.text
