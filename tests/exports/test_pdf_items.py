"""An item's heading and details are laid out as paragraphs where they can be (issue 13:
reportlab lays a paragraph out several times faster than a table of cells), and as the
tables they were where they cannot: both must print every word in the same place, on
the same page, whether the item fits on its page or is split across several."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.views import Audience, PersonView, TorRef
from scrutiny_desk.exports import pdf_items
from scrutiny_desk.exports.agenda_pdf import render_agenda
from scrutiny_desk.exports.minutes_pdf import render_minutes


def placed_words(data: bytes) -> list[tuple[int, str, float, float]]:
    """Every run of text with its page and where it starts, to a hundredth of a point,
    in page order (not the order they were drawn in)."""
    found: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):

        def visit(text, cm, tm, font, size, number=number):  # type: ignore[no-untyped-def]
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((number, text.strip(), round(x, 2), round(y, 2)))

        page.extract_text(visitor_text=visit)
    return sorted(found)


def as_tables(monkeypatch: pytest.MonkeyPatch, render, view):  # type: ignore[no-untyped-def]
    """The paper with every heading and detail laid out as a table of cells."""
    with monkeypatch.context() as patch:
        patch.setattr(pdf_items, "fits", lambda *_: False)
        return render(view)


@pytest.mark.parametrize("render", [render_agenda, render_minutes])
@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
@pytest.mark.parametrize("meeting", ["ev3", "visit"])
def test_sample_papers_print_every_word_where_the_tables_did(
    sample_view, monkeypatch, render, audience, meeting
):  # type: ignore[no-untyped-def]
    view = sample_view(meeting, audience)
    fast = render(view)
    assert fast != as_tables(monkeypatch, render, view)  # the two ways differ in bytes...
    assert placed_words(fast) == placed_words(as_tables(monkeypatch, render, view))  # not place


@pytest.mark.parametrize("render", [render_agenda, render_minutes])
def test_details_split_across_pages_where_the_tables_split(
    make_view, make_item, monkeypatch, render
):  # type: ignore[no-untyped-def]
    long = "words of the exemption " * 400
    witnesses = tuple(PersonView(f"Witness {n}", "Officer", "Council") for n in range(60))
    tor = tuple(TorRef(f"1.{n}", "A question the panel asks " * 4) for n in range(40))
    items = tuple(
        make_item(
            n,
            f"Item {n} " + "with a title that wraps over lines " * n,
            start=datetime(2025, 3, 3, 14, n),
            closed=n == 3,
            exemption=long if n == 3 else None,
            reason="Commercial terms" if n == 3 else None,
            witnesses=witnesses[: 12 * n],
            tor=tor[: 9 * n],
        )
        for n in range(1, 5)
    )
    view = make_view(items=items)
    fast = render(view)
    words = placed_words(fast)
    assert max(page for page, *_ in words) > 5
    assert words == placed_words(as_tables(monkeypatch, render, view))


def _label_saved_whole(self: pdf_items.DetailParagraph) -> None:
    """A detail's label drawn as it was: the canvas's whole state saved around it."""
    label = pdf_items.styles().label
    canvas = self.canv
    canvas.saveState()
    canvas.setFont(label.fontName, label.fontSize)
    canvas.setFillColor(label.textColor)
    top = self.height - self.label_top - label.fontSize
    canvas.drawString(pdf_items.NUMBER_WIDTH, top, self.label)
    canvas.restoreState()
    pdf_items.MeasuredParagraph.draw(self)


def test_a_detail_label_writes_what_saving_the_whole_state_wrote() -> None:
    """A label is drawn between "q" and "Q" keeping only the font and colour it
    changes: the same bytes as with the canvas's whole state saved and restored, and
    the canvas left in the state it was found in."""
    from reportlab.pdfgen.canvas import Canvas

    from scrutiny_desk.exports.pdf_style import FONT, FRAME_WIDTH, INK, register_fonts

    register_fonts()
    drawn = []
    for draw in (pdf_items.DetailParagraph.draw, _label_saved_whole):
        canvas = Canvas(io.BytesIO())
        canvas.setFont(FONT, 11, 15.5)
        canvas.setFillColor(INK)
        state = {k: canvas.__dict__[k] for k in Canvas.STATE_ATTRIBUTES if k != "_extgstate"}
        for flowable in pdf_items.item_details(
            [("Witness:", "Someone, Officer"), ("Exempt information:", "Paragraph 3")]
        ):
            flowable.wrap(FRAME_WIDTH, 800)
            flowable.draw = draw.__get__(flowable)  # type: ignore[attr-defined]
            flowable.drawOn(canvas, 60, 400)
            assert {k: canvas.__dict__[k] for k in state} == state
        drawn.append(list(canvas._code))
    assert drawn[0] == drawn[1]
