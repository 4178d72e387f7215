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
from functools import partial
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain import procedure_wording
from ..domain.enums import MinutesStatus
from ..domain.views import (
    ActionView,
    Audience,
    ItemView,
    MeetingView,
    ResolutionView,
    VoteView,
)
from ..domain.wording import N_
from .agenda_pdf import exclusion_resolution
from .minutes_people import attendance
from .paper_text import ENGLISH, PaperText
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

NO_MINUTE = N_("No minute recorded.")
PART_1 = N_("Part 1 – business open to the press and public")
PART_2 = N_("Part 2 – business not open to the press and public")
EXCLUSION = N_("Exclusion of the press and public")
SIGNATURE_LINE = "……………………………………………"
_RESOLVED = re.compile(r"^(RESOLVED|AGREED)\b")


def render_minutes(
    view: MeetingView, created: datetime | None = None, *, text: PaperText = ENGLISH
) -> bytes:
    """``created``: the PDF's creation date (None: now); ``text``: the paper's language.
    A minute kept in the record (``ItemView.minute``) prints as it was written."""
    approved = view.minutes_status is MinutesStatus.APPROVED
    paper = text("Minutes")
    story = heading_block(view, paper, text)
    story += attendance(view, text)
    story += _business(view, text)
    story += _actions(view, text)
    story += _close(view, text)
    story += _signature(view, text)
    draft = None if approved else text(DRAFT)
    return build_pdf(story, paper_info(view, paper, draft, created, text))


# Business ----------------------------------------------------------------------------


def _business(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    s = styles()
    out = section(text("Items of business"), "business")
    if not view.items:
        out.append(markup(escape(text("No items were recorded for this meeting.")), s.note))
        return out
    closed = view.closed_items
    level = 2 if closed else 1
    if closed:
        out += [
            Anchor("part-1", text("Part 1: open business"), 1, False),
            markup(escape(text(PART_1)), s.part),
        ]
    for item in view.open_items:
        head, body = _minute(item, view.audience, text)
        out += head + body
    if not closed:
        return out
    if not view.open_items:
        out.append(markup(escape(text("There was no open business.")), s.note))
    if text is ENGLISH:
        wording = view.exclusion_minute or exclusion_resolution(closed, view.exclusion_resolution)
    else:  # the view's is worded in English: word it again in the paper's language
        wording = exclusion_resolution(closed, view.exclusion_resolution, text)
    lead: list[Flowable] = [
        Anchor("part-2", text("Part 2: closed business"), 1, False),
        markup(escape(text(PART_2)), s.part),
        *item_heading("exclusion", None, text(EXCLUSION), level),
        *_resolutions((ResolutionView(wording),), False, text),
    ]
    for index, item in enumerate(closed):
        head, body = _minute(item, view.audience, text)
        out += keep_with_first(lead, head + body) if index == 0 else head + body
    return out


def _minute(
    item: ItemView, audience: Audience, text: PaperText = ENGLISH
) -> tuple[list[Flowable], list[Flowable]]:
    """An item's heading, mark and details, then its minute and decisions."""
    s = styles()
    hidden = item.closed and audience is Audience.PUBLIC
    marked = item.closed and not hidden
    number = item.minute_number or item.number
    title = text.title(item.title, item.title_cy)
    head: list[Flowable] = [
        *item_heading(f"item-{item.number}", number, title, 1, confidential=marked),
    ]
    rows = (
        [(text("Exempt information:"), plain(item.exemption))]
        if item.exemption and item.closed
        else []
    )
    if hidden:  # the public title and the exemption: nothing more
        if rows:
            head += item_details(rows, space_after=2)
        return head, []
    if marked:
        head.append(not_for_publication(item.exemption, text))
        if item.reason:
            rows.append((text("Reason for closure:"), plain(item.reason)))
    if item.witnesses:
        rows.append(
            (
                text.plural(len(item.witnesses), "Witness:", "Witnesses:"),
                "<br/>".join(person(p) for p in item.witnesses),
            )
        )
    if rows:
        head += item_details(rows, marked, space_after=3)
    body: list[Flowable] = []
    if item.present is not None and not item.quorate:
        note = text(
            "The meeting was not quorate for this item ({present} present).", present=item.present
        )
        body.append(markup(escape(note), s.flag, marked))
    # what the meeting decided on the review's report (issue 17), after the minute
    report = [markup(escape(item.considered), s.text, marked)] if item.considered else []
    if (item.minute is None or not item.minute.strip()) and not item.resolutions:
        return head, [*body, *(report or [markup(escape(text(NO_MINUTE)), s.note, marked)])]
    for line in clean(item.minute or "").split("\n"):
        if line.strip():
            body.append(markup(_RESOLVED.sub(r"<b>\1</b>", escape(line)), s.text, marked))
    return head, body + _resolutions(item.resolutions, marked, text) + report


def _resolutions(
    resolutions: tuple[ResolutionView, ...], confidential: bool, text: PaperText = ENGLISH
) -> list[Flowable]:
    """Each decision set in from the minute, "RESOLVED –" in bold, its vote beneath."""
    s = styles()
    out: list[Flowable] = []
    resolved = escape(text("RESOLVED –"))
    for r in resolutions:
        out.append(markup(f"<b>{resolved}</b> {plain(r.text)}", s.resolution, confidential))
        if r.vote is not None:
            words = text.each(partial(_vote, r.vote))
            out.append(markup(plain(words), s.vote, confidential))
    return out


def _vote(vote: VoteView, one: PaperText) -> str:
    return procedure_wording.vote_words(vote, one)


# Actions -----------------------------------------------------------------------------


def _actions(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    public = view.audience is Audience.PUBLIC
    shown = [a for a in view.actions if not a.closed]
    private = [] if public else [a for a in view.actions if a.closed]
    if not shown and not private:
        return []
    out = section(text("Actions agreed"), "actions")
    if shown:
        out.append(_action_table(shown, False, text))
    if private:
        out += [
            *item_heading(
                "actions-private", None, text("Actions agreed in private"), 1, confidential=True
            ),
            not_for_publication(None, text),
            _action_table(private, True, text),
        ]
    return out


def _action_table(
    actions: list[ActionView], confidential: bool, text: PaperText = ENGLISH
) -> Flowable:
    s = styles()
    heads = [
        markup(escape(head), s.head) for head in (text("ACTION"), text("OWNER"), text("DUE BY"))
    ]
    rows = [heads] + [
        [
            para(a.text, s.cell),
            para(a.owner, s.cell) if a.owner else markup("–", s.cell),
            markup(text.date(a.due), s.cell) if a.due else markup("–", s.cell),
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


def closing_sentence(
    began: datetime | None, ended: datetime | None, text: PaperText = ENGLISH
) -> str | None:
    """ "The meeting began at 2.00 pm and ended at 4.32 pm." (or either alone)."""
    if began is None and ended is None:
        return None
    return text.each(lambda one: procedure_wording.meeting_times(began, ended, one) or "")


def _close(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    sentence = closing_sentence(view.began, view.ended, text)
    if sentence is None:
        return []
    return [Spacer(0, 4 * mm), markup(escape(sentence), styles().text)]


def _signature(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    """Approved minutes say when; all end with the chair's signature and date lines."""
    s = styles()
    block: list[Flowable] = [Spacer(0, 12 * mm)]
    if view.minutes_status is MinutesStatus.APPROVED:
        approved_on = view.minutes_approved_on
        said = (
            text.each(
                lambda one: one(
                    "Approved on {date} as a correct record.", date=one.date(approved_on)
                )
            )
            if approved_on
            else text("Approved as a correct record.")
        )
        block += [markup(escape(said), s.text), Spacer(0, 8 * mm)]
    # Bilingual labels are wider: their column with them.
    label_width = 16 * mm if text is ENGLISH else 36 * mm
    signature = table(
        [
            ["", markup(escape(text("Chair")), s.label), markup(SIGNATURE_LINE, s.value)],
            ["", markup(escape(text("Date")), s.label), markup(SIGNATURE_LINE, s.value)],
        ],
        [NUMBER_WIDTH, label_width, CONTENT_WIDTH - NUMBER_WIDTH - label_width],
        table_style(
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9 * mm), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")
        ),
    )
    return [Anchor("signature", text("Signature"), 0), KeepTogether([*block, signature])]
