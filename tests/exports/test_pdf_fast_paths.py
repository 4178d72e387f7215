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
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

from scrutiny_desk.domain.views import Audience, PersonView
from scrutiny_desk.exports import pdf_pages
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
    assert pdf_pages._subset_objects.cache_info().hits > 0


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
