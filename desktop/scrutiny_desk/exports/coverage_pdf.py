"""The coverage report: which terms of reference have evidence, from where, and
which have none yet.

A matrix of every item against every source would need a hundred columns on a
busy review, too narrow to read on A4. So the paper reads down, not across:
1. a summary table, one row per term of reference in tree order, its whole text
   (wrapped, never cut), under it the notes from meetings, from witnesses and from
   evidence, then the item's total and, for an objective, the total with its
   sub-items; gaps marked "No evidence yet";
2. the gaps again, each with what is planned for it (agenda items and evidence
   registered against it), so the panel sees what to ask next;
3. per term of reference, every source that gave notes on it, with the count;
4. every source with its number of notes, those with none too.

The view decides what is counted. The panel's paper carries the NOT FOR PUBLICATION
band on every page when it counts any closed note or closed evidence; the public one
says that it counts only open material.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from ..domain.views import (
    Audience,
    CoverageRow,
    CoverageSource,
    CoverageView,
    PlannedView,
    SourceKind,
)
from ..domain.wording import N_
from .paper_text import ENGLISH, PaperText
from .pdf_pages import PaperCanvas, PaperDocument, PaperInfo
from .pdf_style import (
    ACCENT,
    CONFIDENTIAL,
    CONFIDENTIAL_TINT,
    CONTENT_WIDTH,
    ITEM_ROOM,
    LABEL_SIZE,
    MUTED,
    NUMBER_WIDTH,
    RULE,
    TINT,
    Anchor,
    fields,
    hex_of,
    label_width,
    markup,
    register_fonts,
    rule,
    section,
    styles,
    table,
    table_style,
)
from .pdf_text import one_line, plain

PAPER = N_("Coverage of the terms of reference")
PUBLIC_LINE = N_("Public version: counts only open material")
PANEL_LINE = N_("For the panel: counts open and closed material")
GAP = N_("No evidence yet")
COUNT_WIDTH = 21 * mm
INDENT = 4 * mm  # per level of the tree
KIND_WORDS = {
    SourceKind.MEETING: (N_("Meeting"), N_("Meetings")),
    SourceKind.WITNESS: (N_("Witness"), N_("Witnesses")),
    SourceKind.EVIDENCE: (N_("Evidence"), N_("Evidence")),
}
#: "No meetings." and the like, for a kind of source with none
NO_SOURCES = {
    SourceKind.MEETING: N_("No meetings."),
    SourceKind.WITNESS: N_("No witnesses."),
    SourceKind.EVIDENCE: N_("No evidence."),
}


class _MarkedCanvas(PaperCanvas):
    """Every page NOT FOR PUBLICATION: each count may include closed material."""

    def showPage(self) -> None:
        self.mark_confidential()
        super().showPage()


def render_coverage(view: CoverageView, *, text: PaperText = ENGLISH) -> bytes:
    """``text``: the paper's language."""
    register_fonts()
    story = _heading(view, text)
    story += _summary(view, text)
    story += _gaps(view, text)
    story += _by_item(view, text)
    story += _sources(view, text)
    paper = _paper_info(view, text)
    marked = view.audience is Audience.PANEL and view.closed_counted
    canvas = _MarkedCanvas if marked else PaperCanvas
    out = io.BytesIO()
    PaperDocument(out, paper).build(story, canvasmaker=partial(canvas, paper=paper))
    return out.getvalue()


def _paper_info(view: CoverageView, text: PaperText = ENGLISH) -> PaperInfo:
    public = view.audience is Audience.PUBLIC
    owner = " · ".join(x for x in (view.body, view.review_title) if x)
    report = text("Coverage report")
    day = view.generated.date()
    return PaperInfo(
        title=one_line(f"{report}: {view.review_title}", 300),
        author=one_line(view.body or "", 300) or "Scrutiny Desk",
        subject=one_line(view.review_title, 300),
        running_head=f"{report} · {view.review_title}",
        running_date=text.each(lambda one: one("Generated {date}", date=one.date(day))),
        footer=owner + " · " + (text("Public version") if public else text("Panel version")),
        draft=None,
        created=view.generated,
        text=text,
    )


# Heading -----------------------------------------------------------------------------


def _heading(view: CoverageView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Anchor("paper", text("Coverage report"), 0)]
    if view.body:
        out.append(markup(plain(view.body.upper()), s.kicker))
    out += [
        markup(plain(view.review_title), s.review),
        rule(ACCENT, 1.2, 0, 8),
        markup(escape(text(PAPER).upper()), s.paper),
    ]
    public = view.audience is Audience.PUBLIC
    if public:
        version = f"<b>{escape(text(PUBLIC_LINE))}</b>"
    else:
        version = f"<b>{escape(text(PANEL_LINE))}</b>"
        if view.closed_counted:
            closed = f"{view.closed_notes:,}"
            counted = text.plural(
                view.closed_notes,
                "{number} closed note counted; NOT FOR PUBLICATION",
                "{number} closed notes counted; NOT FOR PUBLICATION",
                number=closed,
            )
            version += f' – <font color="{hex_of(CONFIDENTIAL)}">{escape(counted)}</font>'
    moment = view.generated
    generated = f"{text.long_date(moment.date())}, {moment:%H:%M}"
    covered = sum(1 for r in view.rows if not r.gap)
    gaps = len(view.rows) - covered
    notes, rows = f"{view.notes:,}", len(view.rows)
    summary = text.plural(
        view.notes,
        "{number} note on {covered} of {rows} terms of reference;",
        "{number} notes on {covered} of {rows} terms of reference;",
        number=notes,
        covered=covered,
        rows=rows,
    )
    if gaps:
        summary += " " + text.plural(
            gaps, "{count} has no evidence yet.", "{count} have no evidence yet."
        )
    else:
        summary += " " + text("none is a gap.")
    out.append(
        fields(
            [
                (text("Version:"), version),
                (text("Generated:"), escape(generated)),
                (text("Coverage:"), escape(summary)),
            ],
            label_width=label_width(text),
            space_after=2,
        )
    )
    return out


# Summary -----------------------------------------------------------------------------


def _styles() -> dict[str, ParagraphStyle]:
    s = styles()
    return {
        "num": ParagraphStyle("cov-num", parent=s.cell, alignment=TA_RIGHT),
        "gap": ParagraphStyle(
            "cov-gap", parent=s.cell, fontSize=LABEL_SIZE, leading=13.5, textColor=CONFIDENTIAL
        ),
        "intro": ParagraphStyle(
            "cov-intro",
            parent=s.cell,
            fontSize=LABEL_SIZE,
            leading=13.5,
            textColor=MUTED,
            spaceAfter=5,
        ),
        "none": ParagraphStyle(
            "cov-none", parent=s.cell, fontSize=LABEL_SIZE, textColor=MUTED, alignment=TA_RIGHT
        ),
        "small": ParagraphStyle(
            "cov-small", parent=s.cell, fontSize=LABEL_SIZE, leading=13.5, textColor=MUTED
        ),
    }


def _summary(view: CoverageView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    extra = _styles()
    out = section(text("Summary"), "summary")
    if not view.rows:
        return [*out, markup(escape(text("The review has no terms of reference yet.")), s.note)]
    out.append(
        markup(
            escape(
                text(
                    "Notes on each term of reference, by where they came from. A note counts "
                    "once for its meeting, once for its witnesses and once for its evidence, "
                    "so the three can add up to more than the total. An objective's notes "
                    "are those taken against it; “With sub-items” adds its sub-items' notes, "
                    "each note once."
                )
            ),
            extra["intro"],
        )
    )
    heads = (text("No."), text("Term of reference"), text("Notes"), text("With sub-items"))
    head = [
        markup(
            escape(label),
            s.head if n < 2 else ParagraphStyle(f"h{n}", parent=s.head, alignment=TA_RIGHT),
        )
        for n, label in enumerate(heads)
    ]
    rows: list[list[Any]] = [head]
    commands: list[tuple[Any, ...]] = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 1), (-1, -1), 3),
        ("LEFTPADDING", (2, 0), (-1, -1), 3),
    ]
    for n, row in enumerate(view.rows, start=1):
        cell = [markup(plain(one_line(row.text)), _indented(s.cell, row.depth))]
        if row.notes:
            cell.append(markup(escape(_breakdown(row, text)), _indented(extra["small"], row.depth)))
        if row.gap:
            cell.append(markup(f"<b>{escape(text(GAP))}</b>", _indented(extra["gap"], row.depth)))
            commands.append(("BACKGROUND", (0, n), (-1, n), CONFIDENTIAL_TINT))
        elif not row.notes:
            cell.append(
                markup(
                    escape(text("Covered through its sub-items")),
                    _indented(extra["small"], row.depth),
                )
            )
        number = f"<b>{escape(row.number)}</b>" if row.depth == 0 else escape(row.number)
        total = _count(row.total)
        if row.closed:
            closed = escape(text("{count} closed", count=row.closed))
            total += f'<br/><font size="{LABEL_SIZE}" color="{hex_of(MUTED)}">{closed}</font>'
        rows.append(
            [
                markup(number, s.cell),
                cell,
                markup(f"<b>{total}</b>" if row.depth == 0 else total, extra["num"]),
                markup(_count(row.rolled_total) if row.has_children else "", extra["num"]),
            ]
        )
        if row.depth == 0 and n > 1:
            commands.append(("LINEABOVE", (0, n), (-1, n), 0.4, RULE))
    text_width = CONTENT_WIDTH - NUMBER_WIDTH - 2 * COUNT_WIDTH
    widths = [NUMBER_WIDTH, text_width, COUNT_WIDTH, COUNT_WIDTH]
    out.append(table(rows, widths, table_style(*commands), repeatRows=1))
    return out


def _breakdown(row: CoverageRow, text: PaperText = ENGLISH) -> str:
    """Where an item's own notes came from, under its text."""
    return text(
        "Meetings {meetings} · Witnesses {witnesses} · Evidence {evidence}",
        meetings=_count(row.from_meetings),
        witnesses=_count(row.from_witnesses),
        evidence=_count(row.from_evidence),
    )


def _indented(style: ParagraphStyle, depth: int) -> ParagraphStyle:
    if depth == 0:
        return style
    return ParagraphStyle(f"{style.name}-{depth}", parent=style, leftIndent=INDENT * depth)


def _count(value: int) -> str:
    return str(value) if value else "–"


# Gaps --------------------------------------------------------------------------------


def _gaps(view: CoverageView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    out = section(text("Terms of reference with no evidence yet"), "gaps")
    gaps = view.gaps
    if not gaps:
        return [
            *out,
            markup(escape(text("Every term of reference has at least one note.")), s.text),
        ]
    for row in gaps:
        out += [CondPageBreak(ITEM_ROOM), _item_heading(row)]
        if row.planned:
            lines = "<br/>".join(_planned(p, text) for p in row.planned)
            planned = escape(text("Planned:"))
            out.append(markup(f"<b>{planned}</b><br/>{lines}", s.text))
        else:
            out.append(
                markup(
                    escape(text("Nothing is planned for it: no agenda item or evidence names it.")),
                    s.note,
                )
            )
    return out


def _planned(p: PlannedView, text: PaperText = ENGLISH) -> str:
    """Escaped markup: the fields are plain text made safe before they are worded."""
    day = p.day
    if p.kind is SourceKind.MEETING:
        title, meeting = plain(one_line(p.title, 200)), plain(one_line(p.source, 200))
        if day is None:
            return text("Agenda item “{title}” at {meeting}", title=title, meeting=meeting)
        return text.each(
            lambda one: one(
                "Agenda item “{title}” at {meeting}, {date}",
                title=title,
                meeting=meeting,
                date=escape(one.date(day)),
            )
        )
    title, source = plain(p.title), plain(one_line(p.source, 200))
    if day is None:
        return f"{title}: “{source}”"
    received = text.each(lambda one: one(", received {date}", date=escape(one.date(day))))
    return f"{title}: “{source}”{received}"


def _item_heading(row: CoverageRow) -> Flowable:
    s = styles()
    return table(
        [[markup(escape(row.number), s.number), markup(plain(row.text), s.item)]],
        [NUMBER_WIDTH, CONTENT_WIDTH - NUMBER_WIDTH],
        table_style(("BOTTOMPADDING", (0, 0), (-1, -1), 3)),
        spaceBefore=9,
    )


# By item -----------------------------------------------------------------------------


def _by_item(view: CoverageView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    extra = _styles()
    out = section(text("Sources for each term of reference"), "by-item")
    covered = [r for r in view.rows if not r.gap]
    if not covered:
        return [*out, markup(escape(text("No term of reference has a note yet.")), s.text)]
    for row in covered:
        out += [
            CondPageBreak(ITEM_ROOM),
            Anchor(f"tor-{row.key}", f"{row.number} {row.text}", 1),
            _item_heading(row),
        ]
        if not row.notes:
            said = text.plural(
                row.rolled_total,
                "No notes against {item} itself; {count} note through its sub-items.",
                "No notes against {item} itself; {count} notes through its sub-items.",
                item=row.number,
            )
            out.append(markup(escape(said), s.note))
            continue
        lines: list[list[Any]] = []
        last: SourceKind | None = None
        for column, ids in row.cells.items():
            source = view.sources[column]
            kind = "" if source.kind is last else text(KIND_WORDS[source.kind][1])
            last = source.kind
            lines.append(
                [
                    "",
                    markup(escape(kind), extra["small"]),
                    markup(_source_label(source, text), s.cell),
                    markup(_with_closed(len(ids), view.closed_in(ids), text), extra["num"]),
                ]
            )
        total = escape(
            text.plural(row.total, "Total: {count} note", "Total: {count} notes")
        ).replace(escape(str(row.total)), f"<b>{row.total}</b>", 1)
        if row.has_children:
            total += escape(text("; {count} with its sub-items", count=row.rolled_total))
        if row.closed:
            total += escape(text(" ({count} closed)", count=row.closed))
        lines.append(["", "", markup(total, s.cell), ""])
        out.append(
            table(
                lines,
                [
                    NUMBER_WIDTH,
                    22 * mm,
                    CONTENT_WIDTH - NUMBER_WIDTH - 22 * mm - COUNT_WIDTH,
                    COUNT_WIDTH,
                ],
                table_style(
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LINEABOVE", (2, -1), (-1, -1), 0.4, RULE),
                    ("TOPPADDING", (0, -1), (-1, -1), 3),
                ),
                spaceAfter=4,
            )
        )
    return out


def _with_closed(count: int, closed: int, text: PaperText = ENGLISH) -> str:
    if not closed:
        return str(count)
    said = escape(text("{count} closed", count=closed))
    return f'{count}<br/><font size="{LABEL_SIZE}" color="{hex_of(MUTED)}">{said}</font>'


def _source_label(source: CoverageSource, text: PaperText = ENGLISH) -> str:
    title = plain(one_line(source.title, 200))
    if source.kind is SourceKind.MEETING and source.day:
        title = f"{escape(text.date(source.day))} · {title}"
    elif source.detail:
        title += f' <font color="{hex_of(MUTED)}">· {plain(one_line(source.detail, 200))}</font>'
    if source.closed:
        closed = escape(text("(closed)"))
        title += f' <font color="{hex_of(CONFIDENTIAL)}"><b>{closed}</b></font>'
    return title


# Sources -----------------------------------------------------------------------------


def _sources(view: CoverageView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    extra = _styles()
    out = section(text("Sources"), "sources")
    out.append(
        markup(
            escape(
                text(
                    "Every source and the number of notes taken from it, on any term of "
                    "reference; sources with none yet are listed too."
                )
            ),
            extra["intro"],
        )
    )
    for kind in SourceKind:
        group = [view.sources[c] for c in view.columns(kind)]
        out.append(markup(escape(text(KIND_WORDS[kind][1])), s.part))
        if not group:
            out.append(markup(escape(text(NO_SOURCES[kind])), s.note))
            continue
        out.append(_source_table(group, text))
    return out


def _source_table(group: Sequence[CoverageSource], text: PaperText = ENGLISH) -> Flowable:
    s = styles()
    extra = _styles()
    rows = [
        [
            markup(_source_label(src, text), s.cell),
            markup(
                str(src.notes) if src.notes else escape(text("no notes yet")),
                extra["num"] if src.notes else extra["none"],
            ),
        ]
        for src in group
    ]
    return table(
        rows,
        [CONTENT_WIDTH - 30 * mm, 30 * mm],
        table_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("ALIGN", (1, 0), (1, -1), "RIGHT"),
            ("ROWBACKGROUNDS", (0, 0), (-1, -1), [None, TINT]),
        ),
        spaceAfter=4,
    )
