"""The words of the procedural record, written once: what the standard minutes say
(apologies and substitutions, declarations of interest), the quorum notes, the
resolution excluding the press and public, "RESOLVED – ", votes, the meeting's start
and close, the agenda's publication statement and whose copy a paper is.

``services.publishing`` words a standard item's minute from the record with these
(for the audience it builds the view for) and the papers print them, so a clerk sees
the same sentence in the window, on the agenda and in the minutes. People are named as
the panel lists them: a panel may have co-opted members, so no "Councillor" is added.
Dates, times, plurals and lists come from ``wording``.

The sentences papers print at render time take ``t``, the words of one language
(``wording.Words``: the exports pass their ``PaperText`` for a Welsh or bilingual
paper, one language at a time); without it they are the English as before. Every
message is a literal in a ``t(...)``/``t.plural(...)`` call or marked ``N_(...)``, so
the catalogue's test finds it. Sentences already kept in a record or an approved view
(a standard item's minute) stay in the words they were kept in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from .enums import AttendanceStatus, AttendeeKind, InterestCategory
from .exemptions import WALES_PARAGRAPHS, schedule_12a_paragraphs
from .one_line import one_line
from .views import AttendanceView, AttendeeView, DeclarationView, ItemView, VoteView
from .wording import ENGLISH_WORDS, N_, Words, joined

RESOLVED = N_("RESOLVED – ")
NO_DECLARATIONS = N_("There were no declarations of interest.")
NO_APOLOGIES = "There were no apologies for absence."
PANEL_COPY = N_("PANEL COPY")

_NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip

#: ``a_or_an`` of each category's interest, as a declaration names it
INTEREST_WORDS = {
    InterestCategory.DISCLOSABLE_PECUNIARY: N_("a disclosable pecuniary interest"),
    InterestCategory.OTHER_REGISTRABLE: N_("an other registrable interest"),
    InterestCategory.NON_REGISTRABLE: N_("a non-registrable interest"),
}

CATEGORY_WORDS = {
    InterestCategory.DISCLOSABLE_PECUNIARY: "disclosable pecuniary",
    InterestCategory.OTHER_REGISTRABLE: "other registrable",
    InterestCategory.NON_REGISTRABLE: "non-registrable",
}


def number_words(count: int) -> str:
    """``three``: a small count in words, as minutes write it; larger ones in figures."""
    return _NUMBER_WORDS[count] if 0 <= count < len(_NUMBER_WORDS) else f"{count:,}"


def items_words(numbers: Sequence[int], t: Words = ENGLISH_WORDS) -> str:
    """``item 4``, ``items 4 and 5``, ``items 4, 6 and 7``."""
    listed = joined([str(n) for n in numbers], t("and"))
    return t.plural(len(numbers), "item {numbers}", "items {numbers}", numbers=listed)


def count_words(count: int, t: Words = ENGLISH_WORDS) -> str:
    """``five`` in English minutes (``number_words``); the catalogue may give figures."""
    # TRANSLATORS: a small count in words; {number} is the same count in figures.
    return t("{number_in_words}", number_in_words=number_words(count), number=format(count, ","))


# Resolutions and votes -------------------------------------------------------------------


def resolved(text: str, t: Words = ENGLISH_WORDS) -> str:
    """``RESOLVED – That …``: a decision as the minutes print it."""
    return t(RESOLVED) + text


def vote_words(vote: VoteView, t: Words = ENGLISH_WORDS) -> str:
    """``For 5, against 2, abstained 1.``; by name: ``For: A and B. Against: C.
    Abstained: none.``"""
    if not vote.named:
        return t(
            "For {in_favour}, against {against}, abstained {abstained}.",
            in_favour=vote.in_favour,
            against=vote.against,
            abstained=vote.abstained,
        )
    parts = (
        (t("For: {names}."), vote.for_names),
        (t("Against: {names}."), vote.against_names),
        (t("Abstained: {names}."), vote.abstained_names),
    )
    return " ".join(
        label.format(names=joined(list(names), t("and")) if names else t("none"))
        for label, names in parts
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


def declaration_sentence(d: DeclarationView, t: Words = ENGLISH_WORDS) -> str:
    """ "X declared a disclosable pecuniary interest in item 6 (Title) as a trustee of
    the charity, and left the room for that item." The nature is left out where it is
    withheld (None: a closed item in a public paper)."""
    kind = t(INTEREST_WORDS[d.category])
    if d.item is None:
        where = t("in the business of the meeting")
    elif d.item_title:
        where = t("in item {item} ({title})", item=d.item, title=one_line(d.item_title))
    else:
        where = t("in item {item}", item=d.item)
    nature = ""
    if d.nature and d.nature.strip():
        nature = t(" as {nature}", nature=one_line(d.nature).rstrip("."))
    room = ""
    if d.left_room:
        room = (
            t(", and left the room for that item")
            if d.item is not None
            else t(", and left the room")
        )
    return t(
        "{member} declared {kind} {where}{nature}{room}.",
        member=d.member,
        kind=kind,
        where=where,
        nature=nature,
        room=room,
    )


def declarations_minute(declarations: Sequence[DeclarationView], t: Words = ENGLISH_WORDS) -> str:
    """One sentence per declaration, or "There were no declarations of interest."."""
    if not declarations:
        return t(NO_DECLARATIONS)
    return " ".join(declaration_sentence(d, t) for d in declarations)


# Quorum ----------------------------------------------------------------------------------


def quorum_notes(
    items: Sequence[ItemView], quorum: int, t: Words = ENGLISH_WORDS
) -> tuple[str, ...]:
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
            notes.append(_inquorate(run, item, quorum, t))
            run = []
    return tuple(notes)


def _inquorate(
    run: Sequence[ItemView], after: ItemView | None, quorum: int, t: Words = ENGLISH_WORDS
) -> str:
    counts = sorted({i.present or 0 for i in run})
    present = joined([count_words(c, t) for c in counts], t("or"))
    items, needed = items_words([i.number for i in run], t), count_words(quorum, t)
    note = t.plural(
        counts[-1],
        "The meeting was inquorate for {items} ({present} member present; the quorum is {quorum})",
        "The meeting was inquorate for {items} ({present} members present; the quorum is {quorum})",
        items=items,
        present=present,
        quorum=needed,
    )
    if after is not None and after.present is not None:
        note += t("; it was quorate again from item {item}", item=after.number)
    return note + "."


# Start and close -------------------------------------------------------------------------


def meeting_began(began: datetime, t: Words = ENGLISH_WORDS) -> str:
    return t("The meeting began at {time}.", time=t.clock(began))


def meeting_ended(ended: datetime, t: Words = ENGLISH_WORDS) -> str:
    """``The meeting ended at 4.32 pm.``"""
    return t("The meeting ended at {time}.", time=t.clock(ended))


def meeting_times(
    began: datetime | None, ended: datetime | None, t: Words = ENGLISH_WORDS
) -> str | None:
    """ "The meeting began at 2.00 pm and ended at 4.32 pm." (or either alone)."""
    if began is not None and ended is not None:
        return t(
            "The meeting began at {began} and ended at {ended}.",
            began=t.clock(began),
            ended=t.clock(ended),
        )
    if ended is not None:
        return meeting_ended(ended, t)
    if began is not None:
        return meeting_began(began, t)
    return None


# Exempt business -------------------------------------------------------------------------


def paragraph_reference(numbers: Sequence[int], t: Words = ENGLISH_WORDS) -> str:
    """ "paragraph 1 of Part 1" / "paragraphs 1 and 3 of Part 1" (Part 4 in Wales)."""
    words = [str(n) for n in numbers]
    part = 4 if all(n in WALES_PARAGRAPHS for n in numbers) else 1
    listed = joined(words, t("and"))
    # (Fields are worded before the call: Babel's extractor reads no call inside one.)
    return t.plural(
        len(words),
        "paragraph {numbers} of Part {part}",
        "paragraphs {numbers} of Part {part}",
        numbers=listed,
        part=part,
    )


def exempt_paragraphs(exemptions: Iterable[str | None]) -> tuple[int, ...]:
    """The Schedule 12A paragraphs these exemptions name, ascending, once each."""
    return tuple(sorted({n for e in exemptions if e for n in schedule_12a_paragraphs(e)}))


def copy_label(paragraphs: Sequence[int], closed: bool, t: Words = ENGLISH_WORDS) -> str:
    """Whose copy a panel paper is, for its first page and its PDF title: "PANEL COPY –
    contains exempt information (paragraph 1)"; "PANEL COPY" when it holds no closed
    business."""
    if not closed:
        return t(PANEL_COPY)
    if not paragraphs:
        return t("PANEL COPY – contains exempt information")
    listed = joined([str(n) for n in paragraphs], t("and"))
    return t.plural(
        len(paragraphs),
        "PANEL COPY – contains exempt information (paragraph {numbers})",
        "PANEL COPY – contains exempt information (paragraphs {numbers})",
        numbers=listed,
    )


def exclusion_resolution(
    exemptions: Sequence[str | None], wording: str | None = None, t: Words = ENGLISH_WORDS
) -> str:
    """The resolution excluding the press and public for closed items with these
    exemptions (one entry per closed item), naming the Schedule 12A paragraphs they rely
    on and, for grounds that name none, the grounds as written. A review's own
    ``wording`` replaces the standard text; "{paragraphs}" in it becomes the paragraph
    numbers ("1 and 7")."""
    if wording and wording.strip():
        listed = joined([str(n) for n in exempt_paragraphs(exemptions)], t("and"))
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
    grounds = []
    if numbers:
        reference = paragraph_reference(sorted(numbers), t)
        grounds.append(
            t("as defined in {reference} of Schedule 12A to the Act", reference=reference)
        )
    if other:
        quoted = [t("“{text}”", text=text) for text in other]
        grounds.append(t("as described in {texts}", texts=t(" and ").join(quoted)))
    information = (
        t("exempt information {grounds}", grounds=t(" and ").join(grounds))
        if grounds
        else t("exempt or confidential information")
    )
    if numbers:
        return t.plural(
            len(exemptions),
            "That under Section 100A(4) of the Local Government Act 1972 the press and public "
            "be excluded from the meeting for the following item of business on the grounds "
            "that it involves the likely disclosure of {information}, and that, in all the "
            "circumstances of the case, the public interest in maintaining the exemption "
            "outweighs the public interest in disclosing the information.",
            "That under Section 100A(4) of the Local Government Act 1972 the press and public "
            "be excluded from the meeting for the following items of business on the grounds "
            "that they involve the likely disclosure of {information}, and that, in all the "
            "circumstances of the case, the public interest in maintaining the exemption "
            "outweighs the public interest in disclosing the information.",
            information=information,
        )
    return t.plural(
        len(exemptions),
        "That the press and public be excluded from the meeting for the following item of "
        "business on the grounds that it involves the likely disclosure of {information}.",
        "That the press and public be excluded from the meeting for the following items of "
        "business on the grounds that they involve the likely disclosure of {information}.",
        information=information,
    )


# The agenda ------------------------------------------------------------------------------


def publication_statement(
    published_on: date, clear_days: int | None, t: Words = ENGLISH_WORDS
) -> str:
    """ "Published on 11 January 2027, five clear days before the meeting." (without
    the count when it is not known)."""
    day = t.date(published_on)
    if clear_days is None:
        return t("Published on {date}.", date=day)
    days = count_words(clear_days, t)
    return t.plural(
        clear_days,
        "Published on {date}, {days} clear day before the meeting.",
        "Published on {date}, {days} clear days before the meeting.",
        date=day,
        days=days,
    )


_DECIDED = (("agreed", "agreed"), ("amended", "amended"), ("deleted", "deleted"))


def report_considered(version: str, final: bool, decided: Sequence[tuple[str, str]]) -> str:
    """What a meeting decided on the paragraphs of a version of the review's report,
    as its minutes record it: ``decided`` is (the paragraph as printed, "3.1" or "the
    foreword's paragraph 1"; the outcome "agreed", "amended" or "deleted") in the
    version's order. Kept in the minutes' view, so in English, as a standard minute is."""
    which = "final report" if final else "draft report"
    parts = []
    for outcome, word in _DECIDED:
        labels = [label for label, said in decided if said == outcome]
        if labels:
            numbered = [x for x in labels if x[:1].isdigit()]
            named = [f"paragraph {x}" if len(numbered) == 1 else x for x in numbered]
            if len(numbered) > 1:
                named = [f"paragraphs {joined(numbered)}"]
            phrase = joined(named + [x for x in labels if not x[:1].isdigit()])
            verb = "was" if len(labels) == 1 else "were"
            parts.append(f"{phrase} {verb} {word}")
    version_words = "the final version" if version == "final" else f"version {version}"
    return f"The panel considered {version_words} of its {which}: {'; '.join(parts)}."
