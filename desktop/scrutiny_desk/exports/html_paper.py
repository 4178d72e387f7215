"""A paper as one self-contained, accessible HTML5 file (WCAG 2.2 AA).

Drawn from the block model (``paper_blocks``): ``lang`` on the page and on every run
in another language, a ``<title>``, one ``h1`` and headings in order, lists as lists,
tables with a caption and header cells (``scope``), notices in words (never colour
alone), a visible focus and colours with enough contrast. Everything is inline: no
script, no external resource. The print stylesheet sets A4 pages numbered in the
footer: WeasyPrint draws the tagged PDF (``tagged_pdf``) from this same HTML. Table
cells break a long word only where it does not fit (``overflow-wrap: anywhere`` would
let a table squeeze a column to a letter, and WeasyPrint lays such cells out ten times
slower).
"""

from __future__ import annotations

import re
from datetime import datetime
from html import escape

from .paper_blocks import (
    Block,
    BulletList,
    Fields,
    Heading,
    Item,
    Paper,
    Paragraph,
    Role,
    Table,
    Text,
)

GENERATOR = "Scrutiny Desk"
SHORT_CELL = 10  # characters: a cell no longer ("1.2", "12/26") never wraps
_NOT_IN_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)

STYLE = """
:root { color-scheme: light; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 100%;
  line-height: 1.5; color: #1b1b1b; background: #ffffff; }
body { margin: 0; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; color: #0b3d6e; margin: 1.5em 0 0.5em; }
h1 { font-size: 1.8rem; border-bottom: 3px solid #0b3d6e; padding-bottom: 0.3em;
  margin-top: 0.3em; }
h2 { font-size: 1.4rem; }
h3 { font-size: 1.2rem; }
h4, h5, h6 { font-size: 1.05rem; }
p { margin: 0.5em 0; }
.note { color: #4a4a4a; }
.notice, .urgency, .publication { font-weight: bold; }
.urgency { border-left: 4px solid #0b3d6e; padding-left: 0.6em; }
.confidential, .marker { font-weight: bold; color: #a1000e; border: 2px solid #a1000e;
  padding: 0.3em 0.6em; }
.recommendation { margin: 0.8em 0 0.8em 1.5em; border: 2px solid #0b3d6e;
  padding: 0.4em 0.7em; background: #eef1f4; }
.resolution { margin-left: 1.5em; border-left: 3px solid #0b3d6e; padding-left: 0.6em; }
.time { color: #4a4a4a; margin-top: -0.3em; }
dl.fields { margin: 0.6em 0; }
dl.fields > div { display: grid; grid-template-columns: 11em minmax(0, 1fr); gap: 1em;
  padding: 0.1em 0; }
dl.fields dt { font-weight: bold; }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
section.item { margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.8em 0; }
caption { text-align: left; font-weight: bold; padding-bottom: 0.3em; }
th, td { text-align: left; vertical-align: top; padding: 0.35em 0.5em;
  border-bottom: 1px solid #767676; overflow-wrap: break-word; }
.short { white-space: nowrap; }
thead th { border-bottom: 2px solid #1b1b1b; }
a { color: #0b3d6e; }
:focus-visible { outline: 3px solid #0b3d6e; outline-offset: 2px; }
@page { size: A4; margin: 20mm 18mm 22mm 18mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt;
    color: #4a4a4a; } }
@media print {
  html { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; }
  tr, dl.fields > div { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def render_html(paper: Paper, created: datetime | None = None, extra_style: str = "") -> str:
    """The paper as an HTML5 document; ``created``: the date the PDF's metadata gives;
    ``extra_style``: rules added for one pass (none for the web page)."""
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(_NOT_IN_HTML.sub(' ', paper.title.plain))}</title>",
        f'<meta name="generator" content="{GENERATOR}">',
    ]
    if created is not None:
        head.append(f'<meta name="dcterms.created" content="{created.isoformat()}">')
    head.append(f"<style>{STYLE}{extra_style}</style>")
    body = "\n".join(_block(b, paper.lang) for b in paper.blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(paper.lang)}">\n<head>\n'
        + "\n".join(head)
        + f"\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def text(value: Text, lang: str) -> str:
    """The runs, each in another language than ``lang`` marked with its own; characters
    HTML does not allow (controls, lone surrogates, non-characters) as spaces."""
    out = []
    for run in value.runs:
        words = escape(_NOT_IN_HTML.sub(" ", run.text))
        if run.lang is not None and run.lang != lang:
            words = f'<span lang="{escape(run.lang)}">{words}</span>'
        out.append(words)
    return "".join(out)


def _block(block: Block, lang: str) -> str:
    if isinstance(block, Heading):
        return _heading(block.level, text(block.text, lang), block.anchor)
    if isinstance(block, Paragraph):
        inner = text(block.text, lang)
        if block.role is Role.BODY:
            return f"<p>{inner}</p>"
        if block.role in (Role.CONFIDENTIAL, Role.URGENCY, Role.RECOMMENDATION):
            inner = f"<strong>{inner}</strong>"
        return f'<p class="{block.role.value}">{inner}</p>'
    if isinstance(block, Fields):
        rows = "".join(
            f"<div><dt>{text(f.label, lang)}</dt><dd>{text(f.value, lang)}</dd></div>"
            for f in block.rows
        )
        return f'<dl class="fields">{rows}</dl>'
    if isinstance(block, BulletList):
        tag = "ol" if block.ordered else "ul"
        items = "".join(f"<li>{text(i, lang)}</li>" for i in block.items)
        return f"<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return _table(block, lang)
    return _item(block, lang)


def _heading(level: int, inner: str, anchor: str | None) -> str:
    level = min(max(level, 1), 6)
    ident = f' id="{escape(anchor)}"' if anchor else ""
    return f"<h{level}{ident}>{inner}</h{level}>"


def _table(table: Table, lang: str) -> str:
    head = "".join(f'<th scope="col">{text(h, lang)}</th>' for h in table.header)
    rows = []
    for row in table.rows:
        cells = [
            _cell("th", cell, lang, ' scope="row"')
            if n == 0 and table.row_headers
            else _cell("td", cell, lang)
            for n, cell in enumerate(row)
        ]
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f"<table><caption>{text(table.caption, lang)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _cell(tag: str, value: Text, lang: str, attributes: str = "") -> str:
    """A cell; a short one never wraps."""
    short = len(value.plain) <= SHORT_CELL
    css = ' class="short"' if short else ""
    return f"<{tag}{attributes}{css}>{text(value, lang)}</{tag}>"


def _item(item: Item, lang: str) -> str:
    out = [_heading(item.level, text(item.heading, lang), item.anchor)]
    if item.time:
        out.append(f'<p class="time">{text(item.time, lang)}</p>')
    if item.marker:
        out.append(f'<p class="marker"><strong>{text(item.marker, lang)}</strong></p>')
    out += [_block(b, lang) for b in item.blocks]
    return '<section class="item">' + "\n".join(out) + "</section>"
