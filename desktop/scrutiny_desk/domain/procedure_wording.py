"""The words of the procedural record, written once: what the standard minutes say
(apologies and substitutions, declarations of interest), the quorum notes, the
resolution excluding the press and public, "RESOLVED – ", votes, the meeting's start
and close, the agenda's publication statement and whose copy a paper is.

``services.publishing`` words a standard item's minute from the record with these
(for the audience it builds the view for) and the papers print them, so a clerk sees
the same sentence in the window, on the agenda and in the minutes. People are named as
the panel lists them: a panel may have co-opted members, so no "Councillor" is added.
Dates, times, plurals and lists come from ``wording``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from .enums import AttendanceStatus, AttendeeKind, InterestCategory
from .exemptions import WALES_PARAGRAPHS, schedule_12a_paragraphs
from .one_line import one_line
from .views import AttendanceView, AttendeeView, DeclarationView, ItemView, VoteView
from .wording import a_or_an, clock, day_month_year, joined, word_for

RESOLVED = "RESOLVED – "
NO_DECLARATIONS = "There were no declarations of interest."
NO_APOLOGIES = "There were no apologies for absence."
PANEL_COPY = "PANEL COPY"

_NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip

CATEGORY_WORDS = {
    InterestCategory.DISCLOSABLE_PECUNIARY: "disclosable pecuniary",
    InterestCategory.OTHER_REGISTRABLE: "other registrable",
    InterestCategory.NON_REGISTRABLE: "non-registrable",
}


def number_words(count: int) -> str:
    """``three``: a small count in words, as minutes write it; larger ones in figures."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else f"{count:,}"


def items_words(numbers: Sequence[int]) -> str:
    """``item 4``, ``items 4 and 5``, ``items 4, 6 and 7``."""
    return f"{word_for(len(numbers), 'item')} {joined([str(n) for n in numbers])}"


# Resolutions and votes -------------------------------------------------------------------


def resolved(text: str) -> str:
    """``RESOLVED – That …``: a decision as the minutes print it."""
    return RESOLVED + text


def vote_words(vote: VoteView) -> str:
    """``For 5, against 2, abstained 1.``; by name: ``For: A and B. Against: C.
    Abstained: none.``"""
    if not vote.named:
        return f"For {vote.in_favour}, against {vote.against}, abstained {vote.abstained}."
    parts = (
        ("For", vote.for_names),
        ("Against", vote.against_names),
        ("Abstained", vote.abstained_names),
    )
    return " ".join(
        f"{label}: {joined(list(names)) if names else 'none'}." for label, names in parts
    )


# The standard items ----------------------------------------------------------------------


def apologies_minute(
    attendance: Sequence[AttendanceView], attendees: Sequence[AttendeeView]
) -> str:
    """ "Apologies for absence were received from B. A attended as a substitute for B."
    (or "There were no apologies for absence.", then the substitutions)."""
    sorry = [a.name for a in attendance if a.status is AttendanceStatus.APOLOGIES]
    sentences = [
        f"Apologies for absence were received from {joined(sorry)}." if sorry else NO_APOLOGIES
    ]
    for s in attendees:
        if s.kind is AttendeeKind.SUBSTITUTE:
            sentences.append(
                f"{s.name} attended as a substitute for {s.substitute_for}."
                if s.substitute_for
                else f"{s.name} attended as a substitute."
            )
    return " ".join(sentences)


def declaration_sentence(d: DeclarationView) -> str:
    """ "X declared a disclosable pecuniary interest in item 6 (Title) as a trustee of
    the charity, and left the room for that item." The nature is left out where it is
    withheld (None: a closed item in a public paper)."""
    kind = a_or_an(f"{CATEGORY_WORDS[d.category]} interest")
    if d.item is None:
        where = "in the business of the meeting"
    elif d.item_title:
        where = f"in item {d.item} ({one_line(d.item_title)})"
    else:
        where = f"in item {d.item}"
    nature = f" as {one_line(d.nature).rstrip('.')}" if d.nature and d.nature.strip() else ""
    room = ""
    if d.left_room:
        room = ", and left the room for that item" if d.item is not None else ", and left the room"
    return f"{d.member} declared {kind} {where}{nature}{room}."


def declarations_minute(declarations: Sequence[DeclarationView]) -> str:
    """One sentence per declaration, or "There were no declarations of interest."."""
    if not declarations:
        return NO_DECLARATIONS
    return " ".join(declaration_sentence(d) for d in declarations)


# Quorum ----------------------------------------------------------------------------------


def quorum_notes(items: Sequence[ItemView], quorum: int) -> tuple[str, ...]:
    """What the minutes say where the meeting was not quorate: one sentence for each
    run of items taken without a quorum ("The meeting was inquorate for items 4 and 5
    (two members present; the quorum is three); it was quorate again from item 6.").
    Items whose attendance is not recorded (``present`` None) say nothing."""
    notes = []
    run: list[ItemView] = []
    for item in [*items, None]:
        if item is not None and item.present is not None and not item.quorate:
            run.append(item)
            continue
        if run:
            notes.append(_inquorate(run, item, quorum))
            run = []
    return tuple(notes)


def _inquorate(run: Sequence[ItemView], after: ItemView | None, quorum: int) -> str:
    counts = sorted({i.present or 0 for i in run})
    present = joined([number_words(c) for c in counts], "or")
    note = (
        f"The meeting was inquorate for {items_words([i.number for i in run])} "
        f"({present} {word_for(counts[-1], 'member')} present; "
        f"the quorum is {number_words(quorum)})"
    )
    if after is not None and after.present is not None:
        note += f"; it was quorate again from item {after.number}"
    return note + "."


# Start and close -------------------------------------------------------------------------


def meeting_began(began: datetime) -> str:
    return f"The meeting began at {clock(began)}."


def meeting_ended(ended: datetime) -> str:
    """``The meeting ended at 4.32 pm.``"""
    return f"The meeting ended at {clock(ended)}."


# Exempt business -------------------------------------------------------------------------


def paragraph_reference(numbers: Sequence[int]) -> str:
    """ "paragraph 1 of Part 1" / "paragraphs 1 and 3 of Part 1" (Part 4 in Wales)."""
    words = [str(n) for n in numbers]
    part = 4 if all(n in WALES_PARAGRAPHS for n in numbers) else 1
    return f"{word_for(len(words), 'paragraph')} {joined(words)} of Part {part}"


def exempt_paragraphs(exemptions: Iterable[str | None]) -> tuple[int, ...]:
    """The Schedule 12A paragraphs these exemptions name, ascending, once each."""
    return tuple(sorted({n for e in exemptions if e for n in schedule_12a_paragraphs(e)}))


def copy_label(paragraphs: Sequence[int], closed: bool) -> str:
    """Whose copy a panel paper is, for its first page and its PDF title: "PANEL COPY –
    contains exempt information (paragraph 1)"; "PANEL COPY" when it holds no closed
    business."""
    if not closed:
        return PANEL_COPY
    if not paragraphs:
        return f"{PANEL_COPY} – contains exempt information"
    listed = f"{word_for(len(paragraphs), 'paragraph')} {joined([str(n) for n in paragraphs])}"
    return f"{PANEL_COPY} – contains exempt information ({listed})"


def exclusion_resolution(exemptions: Sequence[str | None], wording: str | None = None) -> str:
    """The resolution excluding the press and public for closed items with these
    exemptions (one entry per closed item), naming the Schedule 12A paragraphs they rely
    on and, for grounds that name none, the grounds as written. A review's own
    ``wording`` replaces the standard text; "{paragraphs}" in it becomes the paragraph
    numbers ("1 and 7")."""
    if wording and wording.strip():
        listed = joined([str(n) for n in exempt_paragraphs(exemptions)])
        return one_line(wording.replace("{paragraphs}", listed or "?"), 10_000)
    numbers: set[int] = set()
    other: list[str] = []
    for exemption in exemptions:
        if not exemption:
            continue
        found = schedule_12a_paragraphs(exemption)
        numbers.update(found)
        text = one_line(exemption, 10_000)
        if not found and text not in other:
            other.append(text)
    many = len(exemptions) != 1
    grounds = []
    if numbers:
        grounds.append(
            f"as defined in {paragraph_reference(sorted(numbers))} of Schedule 12A to the Act"
        )
    if other:
        grounds.append("as described in " + " and ".join(f"“{t}”" for t in other))
    opener = (
        "That under Section 100A(4) of the Local Government Act 1972 the press and "
        "public be excluded"
        if numbers
        else "That the press and public be excluded"
    )
    information = (
        "exempt information " + " and ".join(grounds)
        if grounds
        else "exempt or confidential information"
    )
    text = (
        f"{opener} from the meeting for the following {word_for(len(exemptions), 'item')}"
        f" of business on the grounds that {'they involve' if many else 'it involves'} the "
        f"likely disclosure of {information}"
    )
    if numbers:
        text += (
            ", and that, in all the circumstances of the case, the public interest in "
            "maintaining the exemption outweighs the public interest in disclosing the "
            "information"
        )
    return text + "."


# The agenda ------------------------------------------------------------------------------


def publication_statement(published_on: date, clear_days: int | None) -> str:
    """ "Published on 11 January 2027, five clear days before the meeting." (without
    the count when it is not known)."""
    said = f"Published on {day_month_year(published_on)}"
    if clear_days is None:
        return said + "."
    days = f"{number_words(clear_days)} clear {word_for(clear_days, 'day')}"
    return f"{said}, {days} before the meeting."
