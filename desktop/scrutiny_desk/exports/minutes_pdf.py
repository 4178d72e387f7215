"""The minutes: who attended, a numbered minute per item with its decisions set apart,
the exempt business in a Part 2 headed by the resolution excluding the press and
public, the actions agreed, when the meeting began and ended, and the chair's
signature and date lines.

Until the minutes are approved every page says "DRAFT - subject to approval". An item
is numbered with its running minute number ("12/26") when the view gives one, else
its item number. A closed item in the public minutes keeps only its public title and
exemption paragraph, under the exclusion resolution that both audiences see; in a
paper for anyone but the public it is printed in full and marked NOT FOR
PUBLICATION, with every page that carries it. The panel copy says so on its first
page and in its title (``pdf_pages``). Who was present: ``minutes_people``.
"""

from __future__ import annotations

import re
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.enums import MinutesStatus
from ..domain.procedure_wording import exclusion_resolution, vote_words
from ..domain.views import ActionView, Audience, ItemView, MeetingView, ResolutionView
from ..domain.wording import clock, day_month_year, word_for
from .minutes_people import attendance
from .pdf_items import item_details, item_heading, keep_with_first
from .pdf_pages import build_pdf, paper_info
from .pdf_style import (
    CONTENT_WIDTH,
    INK,
    NUMBER_WIDTH,
    RULE,
    Anchor,
    heading_block,
    markup,
    not_for_publication,
    para,
    section,
    styles,
    table,
    table_style,
)
from .pdf_text import DRAFT, clean, person, plain

NO_MINUTE = "No minute recorded."
PART_1 = "Part 1 – business open to the press and public"
PART_2 = "Part 2 – business not open to the press and public"
EXCLUSION = "Exclusion of the press and public"
SIGNATURE_LINE = "……………………………………………"
_RESOLVED = re.compile(r"^(RESOLVED|AGREED)\b")


def render_minutes(view: MeetingView, created: datetime | None = None) -> bytes:
    """``created``: the PDF's creation date (None: now)."""
    approved = view.minutes_status is MinutesStatus.APPROVED
    story = heading_block(view, "Minutes")
    story += attendance(view)
    story += _business(view)
    story += _actions(view)
    story += _close(view)
    story += _signature(view)
    return build_pdf(story, paper_info(view, "Minutes", None if approved else DRAFT, created))


# Business ----------------------------------------------------------------------------


def _business(view: MeetingView) -> list[Flowable]:
    s = styles()
    out = section("Items of business", "business")
    if not view.items:
        out.append(markup(escape("No items were recorded for this meeting."), s.note))
        return out
    closed = view.closed_items
    level = 2 if closed else 1
    if closed:
        out += [Anchor("part-1", "Part 1: open business", 1), markup(escape(PART_1), s.part)]
    for item in view.open_items:
        head, body = _minute(item, view.audience)
        out += head + body
    if not closed:
        return out
    if not view.open_items:
        out.append(markup(escape("There was no open business."), s.note))
    wording = view.exclusion_minute or exclusion_resolution(
        [i.exemption for i in closed], view.exclusion_resolution
    )
    lead: list[Flowable] = [
        Anchor("part-2", "Part 2: closed business", 1),
        markup(escape(PART_2), s.part),
        *item_heading("exclusion", None, EXCLUSION, level),
        *_resolutions((ResolutionView(wording),), confidential=False),
    ]
    for index, item in enumerate(closed):
        head, body = _minute(item, view.audience)
        out += keep_with_first(lead, head + body) if index == 0 else head + body
    return out


def _minute(item: ItemView, audience: Audience) -> tuple[list[Flowable], list[Flowable]]:
    """An item's heading, mark and details, then its minute and decisions."""
    s = styles()
    hidden = item.closed and audience is Audience.PUBLIC
    marked = item.closed and not hidden
    number = item.minute_number or item.number
    head: list[Flowable] = [
        *item_heading(f"item-{item.number}", number, item.title, 1, confidential=marked),
    ]
    rows = (
        [("Exempt information:", plain(item.exemption))] if item.exemption and item.closed else []
    )
    if hidden:  # the public title and the exemption: nothing more
        if rows:
            head += item_details(rows, space_after=2)
        return head, []
    if marked:
        head.append(not_for_publication(item.exemption))
        if item.reason:
            rows.append(("Reason for closure:", plain(item.reason)))
    if item.witnesses:
        rows.append(
            (
                word_for(len(item.witnesses), "Witness:", "Witnesses:"),
                "<br/>".join(person(p) for p in item.witnesses),
            )
        )
    if rows:
        head += item_details(rows, marked, space_after=3)
    body: list[Flowable] = []
    if item.present is not None and not item.quorate:
        body.append(
            markup(
                escape(f"The meeting was not quorate for this item ({item.present} present)."),
                s.flag,
                marked,
            )
        )
    if (item.minute is None or not item.minute.strip()) and not item.resolutions:
        return head, [*body, markup(escape(NO_MINUTE), s.note, marked)]
    for line in clean(item.minute or "").split("\n"):
        if line.strip():
            body.append(markup(_RESOLVED.sub(r"<b>\1</b>", escape(line)), s.text, marked))
    return head, body + _resolutions(item.resolutions, marked)


def _resolutions(resolutions: tuple[ResolutionView, ...], confidential: bool) -> list[Flowable]:
    """Each decision set in from the minute, "RESOLVED –" in bold, its vote beneath."""
    s = styles()
    out: list[Flowable] = []
    for r in resolutions:
        out.append(markup(f"<b>RESOLVED –</b> {plain(r.text)}", s.resolution, confidential))
        if r.vote is not None:
            out.append(markup(plain(vote_words(r.vote)), s.vote, confidential))
    return out


# Actions -----------------------------------------------------------------------------


def _actions(view: MeetingView) -> list[Flowable]:
    public = view.audience is Audience.PUBLIC
    shown = [a for a in view.actions if not a.closed]
    private = [] if public else [a for a in view.actions if a.closed]
    if not shown and not private:
        return []
    out = section("Actions agreed", "actions")
    if shown:
        out.append(_action_table(shown, confidential=False))
    if private:
        out += [
            *item_heading(
                "actions-private", None, "Actions agreed in private", 1, confidential=True
            ),
            not_for_publication(None),
            _action_table(private, confidential=True),
        ]
    return out


def _action_table(actions: list[ActionView], confidential: bool) -> Flowable:
    s = styles()
    heads = [markup(text, s.head) for text in ("ACTION", "OWNER", "DUE BY")]
    rows = [heads] + [
        [
            para(a.text, s.cell),
            para(a.owner, s.cell) if a.owner else markup("–", s.cell),
            markup(day_month_year(a.due), s.cell) if a.due else markup("–", s.cell),
        ]
        for a in actions
    ]
    widths = [CONTENT_WIDTH - NUMBER_WIDTH - 76 * mm, 44 * mm, 32 * mm]
    style = table_style(
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-2, -1), 8),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    )
    actions_table = table(
        rows, widths, style, confidential, repeatRows=1, spaceBefore=4, spaceAfter=6
    )
    actions_table.hAlign = "RIGHT"  # hangs under the item titles, like the minutes
    return actions_table


# The close and the signature ---------------------------------------------------------


def closing_sentence(began: datetime | None, ended: datetime | None) -> str | None:
    """ "The meeting began at 2.00 pm and ended at 4.32 pm." (or either alone)."""
    if began is not None and ended is not None:
        return f"The meeting began at {clock(began)} and ended at {clock(ended)}."
    if ended is not None:
        return f"The meeting ended at {clock(ended)}."
    if began is not None:
        return f"The meeting began at {clock(began)}."
    return None


def _close(view: MeetingView) -> list[Flowable]:
    sentence = closing_sentence(view.began, view.ended)
    if sentence is None:
        return []
    return [Spacer(0, 4 * mm), markup(escape(sentence), styles().text)]


def _signature(view: MeetingView) -> list[Flowable]:
    """Approved minutes say when; all end with the chair's signature and date lines."""
    s = styles()
    block: list[Flowable] = [Spacer(0, 12 * mm)]
    if view.minutes_status is MinutesStatus.APPROVED:
        approved_on = view.minutes_approved_on
        text = (
            f"Approved on {day_month_year(approved_on)} as a correct record."
            if approved_on
            else "Approved as a correct record."
        )
        block += [markup(escape(text), s.text), Spacer(0, 8 * mm)]
    signature = table(
        [
            ["", markup("Chair", s.label), markup(SIGNATURE_LINE, s.value)],
            ["", markup("Date", s.label), markup(SIGNATURE_LINE, s.value)],
        ],
        [NUMBER_WIDTH, 16 * mm, CONTENT_WIDTH - NUMBER_WIDTH - 16 * mm],
        table_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9 * mm), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")
        ),
    )
    return [Anchor("signature", "Signature", 0), KeepTogether([*block, signature])]
