"""Whose copy an agenda is, when it was published, and Part 2 kept with its first
closed item on the agenda and in the minutes (issue 15), from views built by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from scrutiny_desk.domain.views import Audience, PersonView, ResolutionView
from scrutiny_desk.exports.agenda_pdf import NOT_YET_PUBLISHED, render_agenda
from scrutiny_desk.exports.minutes_pdf import render_minutes

COPY = "PANEL COPY – contains exempt information (paragraph 1)"
EXEMPTION = "Schedule 12A, paragraph 1"
PUBLISHED = "Published on 24 February 2025, five clear days before the meeting."


@pytest.fixture
def closed_view(make_view, make_item):  # type: ignore[no-untyped-def]
    def build(audience: Audience, **changes):  # type: ignore[no-untyped-def]
        public = audience is Audience.PUBLIC
        items = (
            make_item(1, "Open business"),
            make_item(
                2,
                "Contract matter" if public else "Bus contract",
                closed=True,
                exemption=EXEMPTION,
                reason=None if public else "Commercial terms",
            ),
        )
        view = make_view(
            audience=audience,
            items=items,
            copy_label=None if public else COPY,
            exempt_paragraphs=(1,),
        )
        return replace(view, **changes)

    return build


def test_the_panel_agenda_says_whose_copy_it_is_on_its_first_page_and_title(
    closed_view,  # type: ignore[no-untyped-def]
    read_pdf,
) -> None:
    panel = read_pdf(render_agenda(closed_view(Audience.PANEL)))
    public = read_pdf(render_agenda(closed_view(Audience.PUBLIC)))
    assert panel.pages_with(COPY) == {1}
    assert panel.reader.metadata.title == "Agenda: Evidence session (PANEL COPY)"
    assert public.reader.metadata.title == "Agenda: Evidence session"
    assert "PANEL COPY" not in public.text
    # a panel copy with no closed business is still the panel's, without the exempt words
    plain = read_pdf(render_agenda(closed_view(Audience.PANEL, copy_label="PANEL COPY")))
    assert "PANEL COPY" in plain.pages[0] and "exempt" not in plain.pages[0]


def test_the_agenda_states_its_publication_and_clear_days(closed_view, read_pdf) -> None:  # type: ignore[no-untyped-def]
    for audience in Audience.PUBLIC, Audience.PANEL:
        view = closed_view(audience, agenda_published_on=date(2025, 2, 24), clear_days=5)
        paper = read_pdf(render_agenda(view))
        assert PUBLISHED in paper.pages[0]
        assert NOT_YET_PUBLISHED not in paper.text
    panel = read_pdf(render_agenda(closed_view(Audience.PANEL)))
    assert NOT_YET_PUBLISHED in panel.pages[0]  # the clerk's reminder, on their copy
    public = read_pdf(render_agenda(closed_view(Audience.PUBLIC)))
    assert "published" not in public.text.lower()


def test_the_agenda_prints_the_exclusion_resolution_the_view_gives(closed_view, read_pdf) -> None:  # type: ignore[no-untyped-def]
    wording = "That the press and public be excluded under paragraph 1 (our own words)."
    paper = read_pdf(render_agenda(closed_view(Audience.PUBLIC, exclusion_minute=wording)))
    assert wording in paper.text


def _pushed(make_view, make_item, open_items: int, audience: Audience):  # type: ignore[no-untyped-def]
    """A view whose open business runs on for ``open_items`` items, so that Part 2 starts
    ever lower on the page until it crosses onto the next."""
    minute = "The panel discussed the matter. " * 6
    items = tuple(
        make_item(
            n,
            f"Open item {n}",
            minute=minute,
            witnesses=(PersonView(f"Witness {n}", "Officer", "Council"),),
            resolutions=(ResolutionView("That the report be noted."),),
        )
        for n in range(1, open_items + 1)
    )
    closed = make_item(
        open_items + 1,
        "First closed item",
        closed=True,
        exemption=EXEMPTION,
        minute=None if audience is Audience.PUBLIC else "Closed discussion.",
    )
    return make_view(audience=audience, items=(*items, closed))


@pytest.mark.parametrize("render", [render_agenda, render_minutes], ids=["agenda", "minutes"])
def test_part_2_and_its_resolution_stay_with_the_first_closed_item(
    make_view,  # type: ignore[no-untyped-def]
    make_item,
    read_pdf,
    render,
) -> None:
    at_top = 0
    for open_items in range(2, 12):
        for audience in Audience.PANEL, Audience.PUBLIC:
            paper = read_pdf(render(_pushed(make_view, make_item, open_items, audience)))
            (part,) = paper.pages_with("Part 2 –")
            assert paper.pages_with("That under Section 100A(4)") == {part}
            assert paper.pages_with("First closed item") == {part}, (open_items, audience)
            # the page before ends with open business, not with Part 2's heading
            last_open = max(paper.pages_with(f"Open item {open_items}"))
            at_top += last_open < part
    assert at_top  # some of these layouts did push Part 2 on to a page of its own
