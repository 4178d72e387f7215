"""The action plan PDF, read back with pypdf: its heading, one row per recommendation
(number and text, lead, timeframe, status, latest progress), overdue marked, drafts
only in the panel's copy, Page N of M, long and hostile text, and no closed note."""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import cache

import pytest

from scrutiny_desk.domain.enums import Access, RecommendationStatus
from scrutiny_desk.domain.records import ProgressUpdate, Review
from scrutiny_desk.domain.views import (
    ActionPlanView,
    Audience,
    ProgressView,
    RecommendationView,
    TorRef,
)
from scrutiny_desk.exports.action_plan_pdf import PANEL_BAND, render_action_plan
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec, publishing

TODAY = date(2008, 4, 15)
SAFER_SCHOOLS = "a clear role for Safer Schools officers"  # r5, a draft


@cache
def _sample() -> Review:
    review = codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())
    # Closed notes support recommendations: none of their text may reach a paper.
    closed = tuple(n.key for n in review.notes if n.access is Access.CLOSED)
    assert closed
    recs = tuple(dataclasses.replace(r, notes=r.notes + closed) for r in review.recommendations)
    return dataclasses.replace(review, recommendations=recs)


def _rec(number: int, text: str, **changes: object) -> RecommendationView:
    base = RecommendationView(
        number=number,
        text=text,
        lead="Head of Service",
        due=date(2008, 6, 30),
        status="Agreed",
        draft=False,
        overdue=False,
        response=None,
        latest=None,
        tor=(),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def _view(*recs: RecommendationView, audience: Audience = Audience.PUBLIC) -> ActionPlanView:
    return ActionPlanView(
        audience=audience,
        body="Testshire County Council",
        review_title="Bus Services Review",
        as_of=TODAY,
        contact=None,
        recommendations=recs,
    )


@pytest.fixture
def public(read_pdf):
    return read_pdf(
        render_action_plan(publishing.action_plan_view(_sample(), Audience.PUBLIC, TODAY))
    )


@pytest.fixture
def panel(read_pdf):
    return read_pdf(
        render_action_plan(publishing.action_plan_view(_sample(), Audience.PANEL, TODAY))
    )


def test_heading_and_rows(public):
    first = public.pages[0]
    for text in (
        "METROPOLITAN POLICE AUTHORITY",
        "Drugs Scrutiny",
        "ACTION PLAN",
        "As at: 15 April 2008",
        "Shown: 5 recommendations, 3 overdue",
        "NO. RECOMMENDATION LEAD TIMEFRAME STATUS LATEST PROGRESS",
    ):
        assert text in first, text
    text = public.text
    row = text[text.index("1 The MPS should adopt") : text.index("2 The MPS and the MPA")]
    assert "MPS Management Board" in row and "31 March 2008" in row and "Agreed" in row
    assert "OVERDUE" in row and "None reported yet." in row
    r3 = text[text.index("3 The MPS should make better use") : text.index("4 Borough")]
    assert "In progress" in r3 and "9 July 2007" in r3 and "OVERDUE" not in r3
    assert "Response: A pilot of fast-track testing" in r3
    assert "Terms of reference: 2.4, 3.4" in r3
    assert text.count("OVERDUE") == 3
    assert public.lang == "en-GB"
    assert all(embedded for _name, embedded in public.fonts)
    assert public.outline[0] == ("Action plan", 1)
    assert public.reader.metadata.title == "Action plan: Drugs Scrutiny"


def test_public_omits_drafts_and_the_panel_marks_them(public, panel):
    assert SAFER_SCHOOLS not in public.text.replace("- ", "")
    assert "Draft" not in public.text and PANEL_BAND not in public.text
    assert SAFER_SCHOOLS in panel.text
    row = panel.text[panel.text.index("5 The MPS should agree") :]
    assert row.split(" 6 ")[0].count("Draft") == 1
    assert "1 still in draft" in panel.pages[0]
    assert all(PANEL_BAND in page for page in panel.pages)
    # The public keeps the report's numbers: 6 follows 4.
    assert public.text.index("4 Borough Commanders") < public.text.index("6 The MPA should monitor")


def test_no_closed_note_anywhere(public, panel):
    review = _sample()
    for note in review.notes:
        if note.access is Access.CLOSED:
            fragment = " ".join(note.text.split()[:6])
            assert fragment not in public.text and fragment not in panel.text


def test_page_n_of_m_and_long_text_wraps(read_pdf):
    long = " ".join(f"word{n}" for n in range(900))
    many = [_rec(n, f"Recommendation number {n} about buses.") for n in range(1, 40)]
    paper = read_pdf(render_action_plan(_view(_rec(1, long, lead="L " * 50), *many)))
    total = len(paper.pages)
    assert total >= 3
    for n, page in enumerate(paper.pages, start=1):
        assert f"Page {n} of {total}" in page
        assert "NO. RECOMMENDATION" in page  # the heading repeats
    joined = paper.text.replace(" ", "")
    assert all(f"word{n}" in joined for n in (0, 450, 899))
    assert "Recommendation number 39 about buses." in paper.text


def test_a_row_that_fits_on_a_page_is_not_split_over_two(read_pdf):
    """Page breaks fall between rows; the heading is not repeated over a stub of a row
    at the foot of a page (a row longer than a page still splits: the test above)."""
    words = " ".join(f"w{n}" for n in range(60))
    recs = [_rec(n, f"Start{n} {words} End{n}.") for n in range(1, 13)]
    paper = read_pdf(render_action_plan(_view(*recs)))
    assert len(paper.pages) >= 3
    for page in paper.pages:
        assert page.count("NO. RECOMMENDATION") == 1
    for n in range(1, 13):
        assert [f"Start{n} " in page for page in paper.pages] == [
            f"End{n}." in page for page in paper.pages
        ], n


def test_hostile_text_prints_literally(read_pdf):
    hostile = '<b>bold?</b> & <font color="red">x</font> </para> \x00\x07 tab\tend'
    rtl = "توصية ٣ — Ümlaut ✓ 🚌"
    view = _view(
        _rec(
            1,
            hostile,
            lead="A & B <Ltd>",
            latest=ProgressView(date(2008, 1, 1), "Line one\nLine two <i>"),
            response="]]> <br/>",
            tor=(TorRef("1.2", "<x>"),),
            overdue=True,
        ),
        _rec(2, rtl, status="In progress", draft=True),
        audience=Audience.PANEL,
    )
    paper = read_pdf(render_action_plan(view))
    for text in ("<b>bold?</b>", "& <font", "</para>", "A & B <Ltd>", "Line two <i>", "]]> <br/>"):
        assert text in paper.text, text
    assert "Ümlaut" in paper.text
    assert PANEL_BAND in paper.pages[0]


def test_nothing_to_show(read_pdf):
    paper = read_pdf(render_action_plan(_view()))
    assert "No recommendations have been agreed yet." in paper.text
    assert "Page 1 of 1" in paper.text


def test_view_marks_overdue_from_today():
    review = _sample()
    later = publishing.action_plan_view(review, Audience.PUBLIC, date(2009, 1, 1))
    assert [r.number for r in later.recommendations if r.overdue] == [1, 2, 3, 4, 6]
    earlier = publishing.action_plan_view(review, Audience.PUBLIC, date(2007, 1, 1))
    assert not any(r.overdue for r in earlier.recommendations)
    done = dataclasses.replace(
        review,
        recommendations=tuple(
            dataclasses.replace(
                r,
                status=RecommendationStatus.IMPLEMENTED,
                progress=(*r.progress, ProgressUpdate(date(2008, 5, 1), "Done")),
            )
            if r.key == "r1"
            else r
            for r in review.recommendations
        ),
    )
    r1 = publishing.action_plan_view(done, Audience.PUBLIC, date(2009, 1, 1)).recommendations[0]
    assert (r1.status, r1.overdue, r1.latest) == (
        "Implemented",
        False,
        ProgressView(date(2008, 5, 1), "Done"),
    )
    with pytest.raises(ValueError):
        publishing.action_plan_view(review, Audience.WITNESS, TODAY)
