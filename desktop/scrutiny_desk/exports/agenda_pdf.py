"""The agenda: notice of meeting, membership, contact officer and numbered business.

Open business (Part 1) comes first, then, if there is any closed business, the
resolution excluding the press and public and the closed items (Part 2), in the
order and with the numbers the view gives. The view decides what is shown; in a
paper for anyone but the public, closed items and every page carrying one are
marked NOT FOR PUBLICATION.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from ..domain import procedure_wording
from ..domain.enums import MemberRole
from ..domain.views import Audience, ContactView, ItemView, MeetingView
from ..domain.wording import N_
from .paper_text import ENGLISH, PaperText
from .pdf_items import item_details, item_heading, keep_with_first
from .pdf_pages import PaperInfo, build_pdf, paper_info
from .pdf_style import (
    ACCENT,
    CONTENT_WIDTH,
    NUMBER_WIDTH,
    PART_ROOM,
    Anchor,
    Detail,
    baseline_shift,
    fields,
    heading_block,
    label_width,
    markup,
    not_for_publication,
    section,
    styles,
    table,
    table_style,
)
from .pdf_text import one_line, person, plain, time_span

NOT_YET_PUBLISHED = N_("Not yet published.")
#: what an agenda pack prints under an item (its reports and the pages they start on)
UnderItem = Callable[[ItemView], list[Flowable]]
TOR_WORDS = 12  # terms of reference are quoted by their opening words
TOR_CHARACTERS = 110


def render_agenda(
    view: MeetingView,
    joining_link: str | None = None,
    created: datetime | None = None,
    *,
    text: PaperText = ENGLISH,
    under_item: UnderItem | None = None,
    build: Callable[[list[Flowable], PaperInfo], bytes] = build_pdf,
) -> bytes:
    """``joining_link``: an online or hybrid meeting's link, printed under the venue
    for every audience (it is on the public notice of the meeting); ``created``: the
    PDF's creation date (None: now); ``text``: the paper's language. An agenda pack
    (``pack_pdf``) adds what it prints under each item and lays the pages out itself
    (``build``)."""
    story = heading_block(view, text("Notice of meeting"), text)
    if joining_link and joining_link.strip():
        joining = [(text("Join online:"), _link(joining_link.strip()))]
        story.append(fields(joining, label_width=label_width(text), space_after=2))
    story += _publication(view, text)
    story += _membership(view, text)
    story += _contact(view.contact, text)
    story += _business(view, text, under_item)
    return build(story, paper_info(view, text("Agenda"), created=created, text=text))


def _publication(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    """When the agenda was published and how many clear days that gave; a panel copy of
    an agenda not yet published says so (the public's says nothing). A late agenda
    gives the reason for urgency beneath."""
    published = view.agenda_published_on
    if published is not None:
        said = text.each(
            lambda one: procedure_wording.publication_statement(published, view.clear_days, one)
        )
    elif view.copy_label is not None:
        said = text(NOT_YET_PUBLISHED)
    else:
        said = None
    out = [] if said is None else [markup(escape(said), styles().publication)]
    if view.urgency and view.urgency.strip():
        label = escape(text("Reason for urgency:"))
        out.append(markup(f"<b>{label}</b> {plain(view.urgency.strip())}", styles().publication))
    return out


def _link(url: str) -> str:
    """The link as it prints, and clickable in the PDF."""
    return f'<link href="{escape(url, {chr(34): "&quot;"})}">{plain(url)}</link>'


def _membership(view: MeetingView, text: PaperText = ENGLISH) -> list[Flowable]:
    rows = []
    for role in (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER):
        names = [plain(m.name) for m in view.members if m.role is role]
        if names:
            rows.append((_role_label(role, len(names), text), "<br/>".join(names)))
    if not rows:
        return []
    return [*section(text("Membership"), "membership"), fields(rows, label_width=label_width(text))]


def _role_label(role: MemberRole, count: int, text: PaperText) -> str:
    if role is MemberRole.CHAIR:
        return text.plural(count, "Chair:", "Chairs:")
    if role is MemberRole.VICE_CHAIR:
        return text.plural(count, "Vice-Chair:", "Vice-Chairs:")
    return text.plural(count, "Member:", "Members:")


def _contact(contact: ContactView | None, text: PaperText = ENGLISH) -> list[Flowable]:
    """As the seed papers print it: who, their role and address, then how to reach them."""
    if contact is None:
        return []
    s = styles()
    who = [
        f"<b>{plain(contact.name)}</b>" if contact.name else "",
        plain(contact.role) if contact.role else "",
        plain(contact.address) if contact.address else "",
    ]
    reach = [
        f"{label} {plain(value)}"
        for label, value in (
            (text("Tel:"), contact.phone),
            (text("Fax:"), contact.fax),
            (text("Minicom:"), contact.minicom),
            (text("E-mail:"), contact.email),
        )
        if value
    ]
    left = "<br/>".join(x for x in who if x)
    if not left and not reach:
        return []
    labels = label_width(text)
    rest = CONTENT_WIDTH - labels
    cells = [
        markup(escape(text("Contact officer:")), s.label),
        markup(left, s.value),
        markup("<br/>".join(reach), s.value),
    ]
    style = table_style(
        ("RIGHTPADDING", (1, 0), (1, 0), 14),
        ("TOPPADDING", (0, 0), (0, 0), baseline_shift(s.value, s.label)),
    )
    return [
        *section(text("Enquiries"), "contact"),
        table([cells], [labels, rest * 0.58, rest * 0.42], style),
    ]


def _business(
    view: MeetingView, text: PaperText = ENGLISH, under_item: UnderItem | None = None
) -> list[Flowable]:
    s = styles()
    out = section(text("Agenda"), "agenda")
    if not view.items:
        return [*out, markup(escape(text("There is no business on this agenda.")), s.note)]
    closed = view.closed_items
    level = 2 if closed else 1
    if closed:
        out += [
            Anchor("part-1", text("Part 1: open business"), 1, False, PART_ROOM),
            markup(escape(text("Part 1 – items open to the press and public")), s.part),
        ]
    for item in view.open_items:
        out += _item(item, view.audience, level, text, under_item)
    if not view.open_items:
        out.append(markup(escape(text("There is no open business.")), s.note))
    if closed:
        if text is ENGLISH:
            wording = view.exclusion_minute or exclusion_resolution(
                closed, view.exclusion_resolution
            )
        else:  # the view's is worded in English: word it again in the paper's language
            wording = exclusion_resolution(closed, view.exclusion_resolution, text)
        lead = [
            Anchor("part-2", text("Part 2: closed business"), 1, False),
            markup(escape(text("Part 2 – items not open to the press and public")), s.part),
            *item_heading("exclusion", None, text("Exclusion of the press and public"), 2),
            markup(
                escape(text("The panel is asked to consider passing the following resolution:")),
                s.text,
            ),
            _resolution(wording),
        ]
        for index, item in enumerate(closed):
            flowables = _item(item, view.audience, level, text, under_item)
            out += keep_with_first(lead, flowables) if index == 0 else flowables
    return out


def _resolution(text: str) -> Flowable:
    """The resolution, set off by a rule in the margin as councils quote one."""
    style = table_style(
        ("LINEBEFORE", (1, 0), (1, 0), 1.5, ACCENT),
        ("LEFTPADDING", (1, 0), (1, 0), 9),
        ("TOPPADDING", (1, 0), (1, 0), 1),
        ("BOTTOMPADDING", (1, 0), (1, 0), 3),
    )
    return table(
        [["", markup(plain(text), styles().value)]],
        [NUMBER_WIDTH, CONTENT_WIDTH - NUMBER_WIDTH],
        style,
        spaceBefore=2,
        spaceAfter=4,
    )


def _item(
    item: ItemView,
    audience: Audience,
    level: int,
    text: PaperText = ENGLISH,
    under_item: UnderItem | None = None,
) -> list[Flowable]:
    s = styles()
    hidden = item.closed and audience is Audience.PUBLIC  # public title and exemption only
    marked = item.closed and not hidden
    slot = time_span(item.start, item.end, text) if item.start and not hidden else ""
    title = text.title(item.title, item.title_cy)
    out: list[Flowable] = [
        *item_heading(f"item-{item.number}", item.number, title, level, slot, marked),
    ]
    if marked:
        out.append(not_for_publication(item.exemption, text))
    rows = []
    if item.closed and item.exemption:
        rows.append(Detail(text("Exempt information:"), plain(item.exemption)))
    if marked and item.reason:
        rows.append(Detail(text("Reason for closure:"), plain(item.reason)))
    if not hidden and item.witnesses:
        rows.append(
            Detail(
                text.plural(len(item.witnesses), "Witness:", "Witnesses:"),
                "<br/>".join(person(p) for p in item.witnesses),
            )
        )
    if not hidden and item.tor:
        if rows:  # as far below the fields as when they were a table of their own
            rows[-1] = rows[-1]._replace(space_after=4)
        rows.append(Detail(text("Terms of reference:"), _terms_of_reference(item), field=False))
    if rows:
        out += item_details(rows, marked)
    if hidden:
        out.append(
            markup(
                escape(text("The press and public are likely to be excluded for this item.")),
                s.note,
            )
        )
    return out + under_item(item) if under_item else out


def _terms_of_reference(item: ItemView) -> list[Flowable]:
    s = styles()
    return [markup(plain(opening_words(t.text)), s.tor, bulletText=t.number) for t in item.tor]


def opening_words(text: str, words: int = TOR_WORDS, characters: int = TOR_CHARACTERS) -> str:
    """The first words of a term of reference, with an ellipsis if any were cut."""
    all_words = one_line(text).split()
    shown = " ".join(all_words[:words])
    cut = len(all_words) > words
    if len(shown) > characters:
        cut, shown = True, shown[:characters]
        if " " in shown:
            shown = shown.rsplit(" ", 1)[0]
    return shown.rstrip(" ,;:.-–") + "…" if cut else shown


def exclusion_resolution(
    closed: Sequence[ItemView], wording: str | None = None, text: PaperText = ENGLISH
) -> str:
    """The resolution excluding the press and public for these closed items
    (``procedure_wording``: the minutes and the views word it the same way): their
    Schedule 12A paragraphs, or the review's own ``wording``."""
    exemptions = [i.exemption for i in closed]
    if wording and wording.strip():  # the review's own words, printed once
        return procedure_wording.exclusion_resolution(exemptions, wording)
    return text.each(lambda one: procedure_wording.exclusion_resolution(exemptions, wording, one))
