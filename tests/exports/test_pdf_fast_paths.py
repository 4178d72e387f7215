"""What the papers make without reportlab's slower general routes (issue 13) comes out
as reportlab makes it: paragraph fragments made without its markup parser, and font
subsets filed in the PDF from a per-process cache, give the same fragments and the same
bytes."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime
from xml.sax.saxutils import escape

import pytest
from reportlab.platypus import Flowable
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from scrutiny_desk.domain.views import Audience, PersonView
from scrutiny_desk.exports import pdf_items, pdf_pages, pdf_style
from scrutiny_desk.exports.agenda_pdf import render_agenda
from scrutiny_desk.exports.minutes_pdf import render_minutes
from scrutiny_desk.exports.pdf_fragments import made_fragments
from scrutiny_desk.exports.pdf_style import styles
from scrutiny_desk.exports.pdf_text import person, plain

CREATED = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)
PIECES = ["<b>", "</b>", "<br/>", "&amp;", "&lt;", "&gt;", "&quot;", " ", "  ", "\n", "\t"]
PIECES += ["word", "Ŵ", "x y", ",", "<i>", "&#39;", "&", ">", "<b></b>", "<br />"]


def parsed(text: str, style):  # type: ignore[no-untyped-def]
    """The fragments reportlab's parser makes of a paragraph's text."""
    _, fragments, _ = ParaParser().parse(cleanBlockQuotedText(text), style)
    return fragments


def test_fragments_are_the_parsers() -> None:
    chosen = random.Random(13)
    made = 0
    for style in vars(styles()).values():
        texts = [
            person(PersonView("Ann & Co <x>", "Officer", "Council")),
            plain("Line one\nline two & <three>\r\n  four"),
            "<br/>".join(plain(n) for n in ("Cllr A", "Cllr B")),
        ]
        texts += ["".join(chosen.choices(PIECES, k=chosen.randint(0, 9))) for _ in range(800)]
        for text in texts:
            fast = made_fragments(text, style, styles())
            if fast is not None:
                made += 1
                assert [f.__dict__ for f in fast] == [f.__dict__ for f in parsed(text, style)]
    assert made > 2000  # most of them made without the parser


@pytest.mark.parametrize("text", ["<i>x</i>", "a &#39; b", "<b>a<b>b</b></b>", "a</b>", "<b>a"])
def test_other_markup_is_left_to_the_parser(text: str) -> None:
    assert made_fragments(text, styles().value, styles()) is None


@pytest.mark.parametrize("render", [render_agenda, render_minutes])
@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
def test_fonts_and_outline_filed_the_short_way_are_reportlabs_bytes(
    sample_view, monkeypatch, render, audience
):  # type: ignore[no-untyped-def]
    view = sample_view("ev3", audience)

    def paper() -> bytes:
        if render is render_agenda:
            return render_agenda(view, None, CREATED)
        return render_minutes(view, CREATED)

    made, again = paper(), paper()
    with monkeypatch.context() as patch:
        patch.setattr(pdf_pages, "_KeptSubsets", lambda font: font)  # reportlab's own
        patch.setattr(pdf_pages, "_format_document", lambda doc, format_document: format_document())
        own = paper()
    assert made == again == own
    assert pdf_pages._formatted  # the subsets' objects, formatted once


def test_fonts_filed_the_short_way_in_another_paper_take_its_object_numbers(
    sample_view, monkeypatch
):  # type: ignore[no-untyped-def]
    """A subset's objects formatted for one paper are written into another whose
    objects are numbered otherwise (more bookmarks before the fonts) with that paper's
    numbers, as reportlab writes them."""
    papers = [
        render_agenda(sample_view("ev3", Audience.PANEL), None, CREATED),
        render_agenda(sample_view("ev1", Audience.PUBLIC), None, CREATED),
    ]
    with monkeypatch.context() as patch:
        patch.setattr(pdf_pages, "_KeptSubsets", lambda font: font)  # reportlab's own
        own = [
            render_agenda(sample_view("ev3", Audience.PANEL), None, CREATED),
            render_agenda(sample_view("ev1", Audience.PUBLIC), None, CREATED),
        ]
    assert papers == own
    numbers = [re.findall(rb"/FontDescriptor (\d+) 0 R", paper) for paper in papers]
    assert numbers[0] and numbers[0] != numbers[1]


def test_plain_text_keeps_every_line_break_and_drops_control_characters() -> None:
    chosen = random.Random(15)
    pieces = ["a b", "\r", "\n", "\r\n", "\u2028", "\u2029", "&", "<", "\x00", "\x85", "é"]
    for _ in range(3000):
        text = "".join(chosen.choices(pieces, k=chosen.randint(0, 8)))
        lines = re.split("\r\n|\r|\n|\u2028|\u2029", text)
        expected = "<br/>".join(
            escape(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", " ", line)) for line in lines
        )
        assert plain(text) == expected, repr(text)


@pytest.mark.parametrize("render", [render_agenda, render_minutes])
def test_anchors_and_paragraphs_drawn_the_short_way_are_reportlabs_bytes(
    sample_view, monkeypatch, render
):  # type: ignore[no-untyped-def]
    """Anchors and paragraphs placed without copying the canvas's state for each
    (``Anchor.drawOn``, ``MeasuredParagraph.drawOn``) draw what ``Flowable.drawOn``
    draws, closed items, time slots and split paragraphs included."""
    view = sample_view("ev3", Audience.PANEL)

    def paper() -> bytes:
        if render is render_agenda:
            return render_agenda(view, None, CREATED)
        return render_minutes(view, CREATED)

    made = paper()
    with monkeypatch.context() as patch:
        patch.setattr(pdf_style.Anchor, "drawOn", Flowable.drawOn)
        patch.setattr(pdf_style.MeasuredParagraph, "drawOn", Flowable.drawOn)
        patch.setattr(pdf_items.ItemHeading, "drawOn", Flowable.drawOn)
        own = paper()
    assert made == own
