"""Paragraph fragments made as reportlab's markup parser makes them, without the parser,
for the markup most of what the papers print is (issue 13): plain words, words in
bold, line breaks and the entities ``pdf_text.plain()`` escapes. Anything else is left
to the parser (``pdf_style.make_paragraph``)."""

from __future__ import annotations

import re
from typing import NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, ParaParser


class _Templates(NamedTuple):
    style: ParagraphStyle
    plain: ParaFrag
    bold: ParaFrag
    line_break: ParaFrag


_MARKUP = re.compile(r"(<b>|</b>|<br/>|&amp;|&lt;|&gt;|&quot;)")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"'}


def made_fragments(text: str, style: ParagraphStyle, shared: object) -> list[ParaFrag] | None:
    """The fragments reportlab's parser makes of ``text`` in one of the shared styles,
    made without the parser where the text is plain words, words in bold, line breaks
    and the entities ``plain()`` escapes (most of what the papers print: titles, names,
    witnesses, addresses); None for anything else, which the parser reads. The parser
    (an HTML parser) was the larger part of making a paragraph. ``shared``: the shared
    styles (``pdf_style.styles()``)."""
    templates = _templates(shared).get(id(style))
    if templates is None or templates.style is not style:
        return None
    if text.isprintable() and "  " not in text and text[:1] != " " != text[-1:]:
        words = text  # one line, single spaces: what reportlab's cleaning leaves it
    else:
        words = cleanBlockQuotedText(text)
    if not words:
        return None
    if "<" not in words and "&" not in words:
        return [templates.plain.clone(text=words, link=[], us_lines=[])]
    if "<b></b>" in words:
        return None
    out = []
    bold = False
    for token in _MARKUP.split(words):
        if not token:
            continue
        if token == "<b>":
            if bold:
                return None
            bold = True
        elif token == "</b>":
            if not bold:
                return None
            bold = False
        elif token == "<br/>":
            if bold:
                return None
            out.append(templates.line_break.clone(link=[], us_lines=[]))
        else:
            data = _ENTITIES.get(token, token)
            if data is token and ("<" in token or "&" in token or ">" in token):
                return None  # other markup: the parser's
            template = templates.bold if bold else templates.plain
            out.append(template.clone(text=data, link=[], us_lines=[]))
    return None if bold else out


def _templates(shared: object) -> dict[int, _Templates]:
    """For each of the shared styles (``shared``: ``pdf_style.styles()``, made once), the
    fragments reportlab's parser makes of plain words, of words in bold and of a line
    break in it, words aside."""
    made = _made.get(id(shared))
    if made is not None and made[0] is shared:
        return made[1]
    found = {}
    for style in vars(shared).values():
        _, plain_words, _ = ParaParser().parse("<para>x</para>", style)
        _, bold_words, _ = ParaParser().parse("<para><b>x</b></para>", style)
        _, broken, _ = ParaParser().parse("<para>x<br/>y</para>", style)
        found[id(style)] = _Templates(style, plain_words[0], bold_words[0], broken[1])
    _made[id(shared)] = (shared, found)
    return found


_made: dict[int, tuple[object, dict[int, _Templates]]] = {}
