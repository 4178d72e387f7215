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
from ..domain.wording import N_
from .paper_text import ENGLISH, PaperText
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
    label_width,
    markup,
    rule,
    styles,
    table,
    table_style,
)
from .pdf_text import one_line, plain

PAPER = N_("Action plan")
PANEL_BAND = N_("PANEL COPY - includes draft recommendations")
OVERDUE = N_("OVERDUE")
NO_PROGRESS = N_("None reported yet.")
NOTHING = N_("No recommendations have been agreed yet.")
#: a recommendation's status as the view words it (``status_words``), for the catalogue
STATUSES = (N_("Agreed"), N_("In progress"), N_("Implemented"), N_("Rejected"))

_WIDTHS = (10 * mm, 52 * mm, 28 * mm, 25 * mm, 24 * mm)
_HEADS = (
    N_("NO."),
    N_("RECOMMENDATION"),
    N_("LEAD"),
    N_("TIMEFRAME"),
    N_("STATUS"),
    N_("LATEST PROGRESS"),
)


def render_action_plan(
    view: ActionPlanView, created: datetime | None = None, *, text: PaperText = ENGLISH
) -> bytes:
    """``created``: the PDF's creation date (None: now); ``text``: the paper's language."""
    drafts = any(r.draft for r in view.recommendations)
    story = _heading(view, text)
    if view.recommendations:
        story.append(_table(view, text))
    else:
        story.append(markup(escape(text(NOTHING)), styles().note))
    story += _contact(view, text)
    band = text(PANEL_BAND) if view.audience is Audience.PANEL and drafts else None
    return build_pdf(story, _paper_info(view, band, created, text))


def _paper_info(
    view: ActionPlanView, band: str | None, created: datetime | None, text: PaperText = ENGLISH
) -> PaperInfo:
    owner = " · ".join(x for x in (view.body, view.review_title) if x)
    paper = text(PAPER)
    return PaperInfo(
        title=one_line(f"{paper}: {view.review_title}", 300),
        author=one_line(view.body or "", 300) or "Scrutiny Desk",
        subject=one_line(view.review_title, 300),
        running_head=f"{paper} · {view.review_title}",
        running_date=text.each(lambda one: one("As at {date}", date=one.date(view.as_of))),
        footer=owner,
        draft=band,
        created=created,
        text=text,
    )


def _heading(view: ActionPlanView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    paper = text(PAPER)
    out: list[Flowable] = [Anchor("paper", paper, 0)]
    if view.body:
        out.append(markup(plain(view.body.upper()), s.kicker))
    out += [
        markup(plain(view.review_title), s.review),
        rule(ACCENT, 1.2, 0, 8),
        markup(escape(paper.upper()), s.paper),
    ]
    count = len(view.recommendations)
    number = f"{count:,}"
    summary = escape(
        text.plural(count, "{number} recommendation", "{number} recommendations", number=number)
    )
    if view.overdue:
        overdue = escape(text("{count} overdue", count=view.overdue))
        summary += f', <font color="{hex_of(CONFIDENTIAL)}"><b>{overdue}</b></font>'
    drafts = sum(1 for r in view.recommendations if r.draft)
    if drafts:
        summary += ", " + escape(text("{count} still in draft", count=drafts))
    rows = [(text("As at:"), escape(text.date(view.as_of))), (text("Shown:"), summary)]
    out.append(fields(rows, label_width=label_width(text), space_after=10))
    return out


def _table(view: ActionPlanView, text: PaperText = ENGLISH) -> Flowable:
    s = styles()
    last = CONTENT_WIDTH - sum(_WIDTHS)
    heads = [markup(escape(text(head)), s.head) for head in _HEADS]
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
        rows.append(_row(rec, text))
        if rec.draft:
            commands.append(("BACKGROUND", (0, n), (-1, n), TINT))
    return table(
        rows,
        [*_WIDTHS, last],
        table_style(*commands),  # type: ignore[arg-type]
        repeatRows=1,
        row_starts_page=True,  # a recommendation is read whole where it fits on a page
        spaceBefore=2,
        spaceAfter=8,
    )


_OUTCOME_WORDS = {
    "accepted": N_("Accepted"),
    "partly-accepted": N_("Partly accepted"),
    "rejected": N_("Rejected"),
}


def _row(rec: RecommendationView, text: PaperText = ENGLISH) -> list[object]:
    s = styles()
    red = hex_of(CONFIDENTIAL)
    muted = hex_of(MUTED)
    number = markup(str(rec.number), s.number)
    said = plain(rec.text)
    if rec.response_outcome and rec.responded_on:  # the body's response (issue 17)
        outcome = text(_OUTCOME_WORDS.get(rec.response_outcome, rec.response_outcome))
        given = text(
            "Response of {date}: {outcome}", date=text.date(rec.responded_on), outcome=outcome
        )
        said += f"<br/><b>{escape(given)}</b>"
    elif rec.response_due:
        awaited = text("Response due by {date}", date=text.date(rec.response_due))
        said += f'<br/><font color="{muted}">{escape(awaited)}</font>'
    if rec.response:
        response = plain(text("Response: {response}", response=rec.response))
        said += f'<br/><font color="{muted}"><i>{response}</i></font>'
    if rec.tor:
        numbers = ", ".join(t.number for t in rec.tor)
        terms = escape(text("Terms of reference: {numbers}", numbers=numbers))
        said += f'<br/><font size="{LABEL_SIZE}" color="{muted}">{terms}</font>'
    due = escape(text.date(rec.due)) if rec.due else "–"
    if rec.overdue:
        due = f'<font color="{red}"><b>{due}</b></font>'
    status = escape(text(rec.status))
    if rec.draft:
        draft = escape(text("Draft"))
        status = f"<b>{draft}</b>"
    if rec.overdue:
        status += f'<br/><font color="{red}"><b>{escape(text(OVERDUE))}</b></font>'
    if rec.latest is not None:
        progress = f"<b>{escape(text.date(rec.latest.date))}</b><br/>{plain(rec.latest.text)}"
    else:
        progress = f'<font color="{muted}"><i>{escape(text(NO_PROGRESS))}</i></font>'
    return [
        number,
        markup(said, s.cell),
        markup(plain(rec.lead), s.cell) if rec.lead else markup("–", s.cell),
        markup(due, s.cell),
        markup(status, s.cell),
        markup(progress, s.cell),
    ]


def _contact(view: ActionPlanView, text: PaperText = ENGLISH) -> list[Flowable]:
    c = view.contact
    if c is None or not (c.name or c.email or c.phone):
        return []
    parts = [plain(x) for x in (c.name, c.role) if x]
    reach = [plain(x) for x in (c.phone, c.email) if x]
    who = ", ".join(parts) + (" – " + ", ".join(reach) if reach else "")
    return [markup(escape(text("Contact:")) + " " + who, styles().flag)]
