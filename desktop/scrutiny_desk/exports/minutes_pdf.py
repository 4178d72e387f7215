"""The minutes: who attended, a numbered minute per item, the actions agreed, and the
approval block once the minutes have been approved.

Until the minutes are approved every page says "DRAFT - subject to approval". A
closed item in the public minutes keeps only its public title and exemption and the
sentence "The panel heard this item in private."; in a paper for anyone but the
public it is printed in full and marked NOT FOR PUBLICATION, with every page that
carries it. Witnesses heard only in private are named with their item there, not in
the attendance list, so that list never puts exempt information on an unmarked page.
"""

from __future__ import annotations

import re
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..domain.enums import AttendanceStatus, MemberRole, MinutesStatus
from ..domain.views import ActionView, AttendanceView, Audience, ItemView, MeetingView
from ..domain.wording import day_month_year, word_for
from .pdf_items import item_details, item_heading
from .pdf_pages import build_pdf, paper_info
from .pdf_style import (
    CONTENT_WIDTH,
    INK,
    NUMBER_WIDTH,
    RULE,
    Anchor,
    fields,
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

HEARD_IN_PRIVATE = "The panel heard this item in private."
NO_MINUTE = "No minute recorded."
_ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.VICE_CHAIR: 1, MemberRole.MEMBER: 2}
_ROLE_MARK = {MemberRole.CHAIR: " (Chair)", MemberRole.VICE_CHAIR: " (Vice-Chair)"}
_RESOLVED = re.compile(r"^(RESOLVED|AGREED)\b")


def render_minutes(view: MeetingView, created: datetime | None = None) -> bytes:
    """``created``: the PDF's creation date (None: now)."""
    approved = view.minutes_status is MinutesStatus.APPROVED
    story = heading_block(view, "Minutes")
    story += _attendance(view)
    story += _business(view)
    story += _actions(view)
    if approved:
        story += _approval(view)
    return build_pdf(story, paper_info(view, "Minutes", None if approved else DRAFT, created))


def _names(people: list[AttendanceView]) -> str:
    ordered = sorted(people, key=lambda a: _ROLE_ORDER[a.role])
    return ", ".join(plain(a.name) + _ROLE_MARK.get(a.role, "") for a in ordered)


def _attendance(view: MeetingView) -> list[Flowable]:
    by_status = {
        status: [a for a in view.attendance if a.status is status] for status in AttendanceStatus
    }
    rows = [("Present:", _names(by_status[AttendanceStatus.PRESENT]) or "Not recorded.")]
    if by_status[AttendanceStatus.APOLOGIES]:
        rows.append(("Apologies:", _names(by_status[AttendanceStatus.APOLOGIES])))
    if by_status[AttendanceStatus.ABSENT]:
        rows.append(("Absent:", _names(by_status[AttendanceStatus.ABSENT])))
    in_open = {p for i in view.open_items for p in i.witnesses}
    in_closed = {p for i in view.closed_items for p in i.witnesses}
    heard = [p for p in view.witnesses_heard if p in in_open or p not in in_closed]
    if heard:
        rows.append(
            (word_for(len(heard), "Witness:", "Witnesses:"), "<br/>".join(person(p) for p in heard))
        )
    return [*section("Attendance", "attendance"), fields(rows)]


def _business(view: MeetingView) -> list[Flowable]:
    out = section("Items of business", "business")
    if not view.items:
        out.append(markup(escape("No items were recorded for this meeting."), styles().note))
    for item in view.items:
        out += _minute(item, view.audience)
    return out


def _minute(item: ItemView, audience: Audience) -> list[Flowable]:
    s = styles()
    hidden = item.closed and audience is Audience.PUBLIC
    marked = item.closed and not hidden
    out: list[Flowable] = [
        *item_heading(f"item-{item.number}", item.number, item.title, 1, confidential=marked),
    ]
    rows = (
        [("Exempt information:", plain(item.exemption))] if item.exemption and item.closed else []
    )
    if hidden:  # the public title, the exemption and one sentence: nothing more
        if rows:
            out += item_details(rows, space_after=2)
        return [*out, markup(escape(HEARD_IN_PRIVATE), s.text)]
    if marked:
        out.append(not_for_publication(item.exemption))
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
        out += item_details(rows, marked, space_after=3)
    if item.minute is None or not item.minute.strip():
        return [*out, markup(escape(NO_MINUTE), s.note, marked)]
    for line in clean(item.minute).split("\n"):
        if line.strip():
            out.append(markup(_RESOLVED.sub(r"<b>\1</b>", escape(line)), s.text, marked))
    return out


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
    widths = [CONTENT_WIDTH - NUMBER_WIDTH - 72 * mm, 44 * mm, 28 * mm]
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


def _approval(view: MeetingView) -> list[Flowable]:
    s = styles()
    approved_on = view.minutes_approved_on
    text = (
        f"Approved on {day_month_year(approved_on)} as a correct record."
        if approved_on
        else "Approved as a correct record."
    )
    signature = table(
        [["", markup("Chair:", s.label), "", "", markup("Date:", s.label), ""]],
        [NUMBER_WIDTH, 13 * mm, 70 * mm, 10 * mm, 11 * mm, 40 * mm],
        table_style(
            ("LINEBELOW", (2, 0), (2, 0), 0.6, INK),
            ("LINEBELOW", (5, 0), (5, 0), 0.6, INK),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ),
    )
    return [
        Anchor("approval", "Approval", 0),
        KeepTogether(
            [Spacer(0, 14 * mm), markup(escape(text), s.text), Spacer(0, 12 * mm), signature]
        ),
    ]
