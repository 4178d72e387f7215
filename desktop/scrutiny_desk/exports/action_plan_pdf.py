"""The action plan: the review's recommendations, who leads on each, when it is due,
where it stands and the latest progress, for the monitoring stage after the report.

One table, its heading repeated on every page; a long recommendation wraps and its
row splits across pages. An overdue recommendation says OVERDUE beside its status and
its due date is printed in red. The public plan has no drafts; the panel's marks them
"Draft", tints them, and carries a band on every page saying it includes drafts.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from ..domain.views import ActionPlanView, Audience, RecommendationView
from ..domain.wording import day_month_year, plural
from .pdf_pages import PaperInfo, build_pdf
from .pdf_style import (
    ACCENT,
    CONFIDENTIAL,
    CONTENT_WIDTH,
    INK,
    LABEL_SIZE,
    MUTED,
    RULE,
    TINT,
    Anchor,
    fields,
    hex_of,
    markup,
    rule,
    styles,
    table,
    table_style,
)
from .pdf_text import one_line, plain

PAPER = "Action plan"
PANEL_BAND = "PANEL COPY - includes draft recommendations"
OVERDUE = "OVERDUE"
NO_PROGRESS = "None reported yet."
NOTHING = "No recommendations have been agreed yet."

_WIDTHS = (10 * mm, 52 * mm, 28 * mm, 25 * mm, 24 * mm)
_HEADS = ("NO.", "RECOMMENDATION", "LEAD", "TIMEFRAME", "STATUS", "LATEST PROGRESS")


def render_action_plan(view: ActionPlanView, created: datetime | None = None) -> bytes:
    """``created``: the PDF's creation date (None: now)."""
    drafts = any(r.draft for r in view.recommendations)
    story = _heading(view)
    if view.recommendations:
        story.append(_table(view))
    else:
        story.append(markup(escape(NOTHING), styles().note))
    story += _contact(view)
    band = PANEL_BAND if view.audience is Audience.PANEL and drafts else None
    return build_pdf(story, _paper_info(view, band, created))


def _paper_info(view: ActionPlanView, band: str | None, created: datetime | None) -> PaperInfo:
    owner = " · ".join(x for x in (view.body, view.review_title) if x)
    return PaperInfo(
        title=one_line(f"{PAPER}: {view.review_title}", 300),
        author=one_line(view.body or "", 300) or "Scrutiny Desk",
        subject=one_line(view.review_title, 300),
        running_head=f"{PAPER} · {view.review_title}",
        running_date=f"As at {day_month_year(view.as_of)}",
        footer=owner,
        draft=band,
        created=created,
    )


def _heading(view: ActionPlanView) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [Anchor("paper", PAPER, 0)]
    if view.body:
        out.append(markup(plain(view.body.upper()), s.kicker))
    out += [
        markup(plain(view.review_title), s.review),
        rule(ACCENT, 1.2, 0, 8),
        markup(escape(PAPER.upper()), s.paper),
    ]
    count = len(view.recommendations)
    summary = plural(count, "recommendation")
    if view.overdue:
        summary += f', <font color="{hex_of(CONFIDENTIAL)}"><b>{view.overdue} overdue</b></font>'
    drafts = sum(1 for r in view.recommendations if r.draft)
    if drafts:
        summary += f", {drafts} still in draft"
    rows = [("As at:", escape(day_month_year(view.as_of))), ("Shown:", summary)]
    out.append(fields(rows, space_after=10))
    return out


def _table(view: ActionPlanView) -> Flowable:
    s = styles()
    last = CONTENT_WIDTH - sum(_WIDTHS)
    heads = [markup(text, s.head) for text in _HEADS]
    rows: list[list[object]] = [heads]
    commands: list[tuple[object, ...]] = [
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-2, -1), 4),
        ("LEFTPADDING", (0, 0), (0, -1), 2),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    for n, rec in enumerate(view.recommendations, start=1):
        rows.append(_row(rec))
        if rec.draft:
            commands.append(("BACKGROUND", (0, n), (-1, n), TINT))
    return table(
        rows,
        [*_WIDTHS, last],
        table_style(*commands),  # type: ignore[arg-type]
        repeatRows=1,
        spaceBefore=2,
        spaceAfter=8,
    )


def _row(rec: RecommendationView) -> list[object]:
    s = styles()
    red = hex_of(CONFIDENTIAL)
    muted = hex_of(MUTED)
    number = markup(str(rec.number), s.number)
    text = plain(rec.text)
    if rec.response:
        text += f'<br/><font color="{muted}"><i>Response: {plain(rec.response)}</i></font>'
    if rec.tor:
        numbers = ", ".join(escape(t.number) for t in rec.tor)
        text += (
            f'<br/><font size="{LABEL_SIZE}" color="{muted}">Terms of reference: {numbers}</font>'
        )
    due = escape(day_month_year(rec.due)) if rec.due else "–"
    if rec.overdue:
        due = f'<font color="{red}"><b>{due}</b></font>'
    status = escape(rec.status)
    if rec.draft:
        status = "<b>Draft</b>"
    if rec.overdue:
        status += f'<br/><font color="{red}"><b>{OVERDUE}</b></font>'
    if rec.latest is not None:
        progress = f"<b>{escape(day_month_year(rec.latest.date))}</b><br/>{plain(rec.latest.text)}"
    else:
        progress = f'<font color="{muted}"><i>{escape(NO_PROGRESS)}</i></font>'
    return [
        number,
        markup(text, s.cell),
        markup(plain(rec.lead), s.cell) if rec.lead else markup("–", s.cell),
        markup(due, s.cell),
        markup(status, s.cell),
        markup(progress, s.cell),
    ]


def _contact(view: ActionPlanView) -> list[Flowable]:
    c = view.contact
    if c is None or not (c.name or c.email or c.phone):
        return []
    parts = [plain(x) for x in (c.name, c.role) if x]
    reach = [plain(x) for x in (c.phone, c.email) if x]
    text = "Contact: " + ", ".join(parts) + (" – " + ", ".join(reach) if reach else "")
    return [markup(text, styles().flag)]
