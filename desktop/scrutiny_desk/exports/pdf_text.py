"""The wording the papers share, and the text, date and time helpers they print with.

User text is plain text: ``plain()`` escapes it for reportlab's markup and keeps its
line breaks; everything a renderer passes to ``markup()`` has been through it. Dates
and times read as a clerk writes them, in the paper's language (``PaperText``:
English whatever the locale, or Welsh).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics

from ..domain import procedure_wording
from ..domain.views import PersonView
from ..domain.wording import N_
from ..domain.wording import clock as clock  # English "2.00 pm", as papers printed it
from .paper_text import ENGLISH, PaperText

NOT_FOR_PUBLICATION = N_("NOT FOR PUBLICATION")
DRAFT = N_("DRAFT - subject to approval")

# Text ----------------------------------------------------------------------------

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean(text: str) -> str:
    """Plain text with one kind of line break and no control characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return _UNPRINTABLE.sub(" ", text)


def plain(text: str) -> str:
    """User text as reportlab markup: printed literally, line breaks kept."""
    text = clean(text)
    if "\n" not in text:  # most of it: a name, a title
        return escape(text)
    return "<br/>".join(escape(line) for line in text.split("\n"))


def one_line(text: str, limit: int | None = None) -> str:
    """Text for a single line (outline entries, metadata, running heads)."""
    flat = " ".join(clean(text).split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def fit(text: str, font: str, size: float, width: float) -> str:
    """Cut a line to a width, with an ellipsis, for text drawn straight on the canvas."""
    text = one_line(text, 400)
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def person(p: PersonView) -> str:
    """A witness as papers print them: name in bold, then role and organisation."""
    rest = ", ".join(plain(x) for x in (p.role, p.organisation) if x)
    return f"<b>{plain(p.name)}</b>" + (f", {rest}" if rest else "")


# Times as papers print them ("2.00 pm"; the words themselves: ``domain.wording``).


def time_span(start: datetime, end: datetime | None, text: PaperText = ENGLISH) -> str:
    """``2.00 pm – 4.00 pm``; in a bilingual paper the Welsh, then the English."""
    return text.each(lambda one: _span(start, end, one))


def _span(start: datetime, end: datetime | None, one: PaperText) -> str:
    if end is None:
        return one.clock(start)
    if end.date() == start.date():
        return f"{one.clock(start)} – {one.clock(end)}"
    return f"{one.clock(start)} – {one.clock(end)}, {one.long_date(end.date())}"


# Exempt information: Schedule 12A to the Local Government Act 1972 (parsing: domain).


def paragraph_reference(numbers: Sequence[int], text: PaperText = ENGLISH) -> str:
    """ "paragraph 1 of Part 1" / "paragraphs 1 and 3 of Part 1" (Part 4 in Wales)."""
    return text.each(lambda one: procedure_wording.paragraph_reference(numbers, one))
