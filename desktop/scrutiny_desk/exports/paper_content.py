"""What a paper says, as blocks (``paper_blocks``): built from the audience view alone.

The HTML, the tagged PDF and the Word papers draw these blocks, so what each paper
says is decided once, here, from the view ``services.publishing`` made for its
audience: a closed item in a public paper shows only what the public view holds. The
reportlab papers print the same content (``agenda_pdf``, ``minutes_pdf``, ...).

Every fixed text goes through ``PaperText``; ``Words`` turns it into runs, each in its
language, so a bilingual paper's English is marked beside its Welsh. Sentences the
domain words (``procedure_wording``) are worded again in each of the paper's languages
(``Words.made``), as the reportlab papers word them; an English paper prints the view's.

The agenda: ``paper_content_agenda``; the minutes: ``paper_content_minutes``; the
review's coverage report and action plan: ``paper_content_review``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from ..domain import procedure_wording
from ..domain.enums import MeetingStatus, PaperLanguage
from ..domain.exemptions import schedule_12a_paragraphs
from ..domain.views import ItemView, MeetingView, PersonView
from .paper_blocks import Block, Field, Fields, Heading, Paragraph, Role, Run, Text
from .paper_text import BILINGUAL_SEPARATOR, ENGLISH, WELSH, PaperText

ENGLISH_LANG = "en-GB"


class Words:
    """A paper's fixed texts as ``Text``: in a bilingual paper the Welsh run, the
    separator, then the English run marked ``en-GB``."""

    def __init__(self, t: PaperText) -> None:
        self.t = t
        self.lang = t.lang
        if t.language is PaperLanguage.BILINGUAL:
            self._languages: tuple[tuple[PaperText, str | None], ...] = (
                (PaperText(PaperLanguage.WELSH), WELSH),
                (ENGLISH, ENGLISH_LANG),
            )
        else:
            self._languages = ((t, None),)

    def made(self, make: Callable[[PaperText], str]) -> Text:
        """What ``make`` says in each of the paper's languages."""
        said = [make(t) for t, _ in self._languages]
        if len(said) > 1 and len(set(said)) == 1:  # "Agenda" is Welsh too: printed once
            return Text.of(said[0])
        runs: list[str | Run] = []
        for text, (_, lang) in zip(said, self._languages, strict=True):
            if runs:
                runs.append(BILINGUAL_SEPARATOR)
            runs.append(Run(text, lang))
        return Text.of(*runs)

    def worded(self, english: Text, make: Callable[[PaperText], str]) -> Text:
        """``english`` in an English paper (as it always printed); what ``make`` says
        in each language of another."""
        return english if self.lang == ENGLISH_LANG else self.made(make)

    def __call__(self, message: str, **fields: object) -> Text:
        return self.made(lambda t: t(message, **fields))

    def plural(self, count: int, one: str, many: str) -> Text:
        return self.made(lambda t: t.plural(count, one, many))

    def long_date(self, day: date) -> Text:
        return self.made(lambda t: t.long_date(day))

    def date(self, day: date) -> Text:
        return self.made(lambda t: t.date(day))

    def title(self, english: str, welsh: str | None) -> Text:
        """A title the clerk gave: the Welsh beside the English in a bilingual paper,
        the Welsh alone in a Welsh one (the English, marked so, where none is given)."""
        welsh = welsh if welsh and welsh.strip() else None
        if self.t.language is PaperLanguage.ENGLISH:
            return Text.of(english)
        if self.t.language is PaperLanguage.WELSH:
            return Text.of(welsh) if welsh else Text.of(Run(english, ENGLISH_LANG))
        if welsh is None:
            return Text.of(Run(english, ENGLISH_LANG))
        return Text.of(Run(welsh, WELSH), BILINGUAL_SEPARATOR, Run(english, ENGLISH_LANG))

    def english(self, sentence: str) -> Text:
        """A sentence the domain words in English: marked so in a Welsh paper."""
        return Text.of(Run(sentence, None if self.lang == ENGLISH_LANG else ENGLISH_LANG))


def data(text: str | None) -> Text:
    """What the clerk entered (a name, a venue): in no language the paper can tell."""
    return Text.of(" ".join(text.split()) if text else None)


def joined(texts: list[Text], separator: str = ", ") -> Text:
    out: list[Text | str] = []
    for text in texts:
        if out:
            out.append(separator)
        out.append(text)
    return Text.of(*out)


def person(p: PersonView) -> Text:
    """A witness: name, role and organisation."""
    return data(p.label)


def time_span(start: datetime, end: datetime | None, w: Words) -> Text:
    """``2.00 pm – 4.00 pm`` (the end's date when it ends another day), in each of the
    paper's languages: ``2.00 yp – 4.00 yp``."""
    return w.made(lambda one: _span(start, end, one))


def _span(start: datetime, end: datetime | None, one: PaperText) -> str:
    if end is None:
        return one.clock(start)
    if end.date() == start.date():
        return f"{one.clock(start)} – {one.clock(end)}"
    return f"{one.clock(start)} – {one.clock(end)}, {one.long_date(end.date())}"


def exclusion_wording(view: MeetingView, closed: Sequence[ItemView], w: Words) -> Text:
    """The resolution excluding the press and public: the view's in an English paper;
    in another, worded again in each of its languages (the review's own wording, the
    clerk's text, printed once as written)."""
    exemptions = [i.exemption for i in closed]
    own = view.exclusion_resolution
    if w.lang == ENGLISH_LANG:
        return w.english(
            view.exclusion_minute or procedure_wording.exclusion_resolution(exemptions, own)
        )
    if own and own.strip():
        return data(procedure_wording.exclusion_resolution(exemptions, own))
    return w.made(lambda one: procedure_wording.exclusion_resolution(exemptions, None, one))


def not_for_publication(w: Words, exemption: str | None) -> Text:
    """The mark on a closed item in papers for the panel, in words, with the Schedule
    12A paragraph it relies on."""
    mark = w("NOT FOR PUBLICATION")
    numbers = schedule_12a_paragraphs(exemption) if exemption else ()
    if numbers:
        return w.made(
            lambda one: (
                one("NOT FOR PUBLICATION")
                + one(
                    " by virtue of {reference} of Schedule 12A to the Local Government Act 1972",
                    reference=procedure_wording.paragraph_reference(numbers, one),
                )
            )
        )
    if exemption:
        return Text.of(mark, " – ", data(exemption))
    return mark


def meeting_heading(view: MeetingView, w: Words, paper: Text) -> tuple[Text, list[Block]]:
    """The paper's title and its opening: body, review, the one level-1 heading (what
    the paper is and the meeting), then when and where, and whose copy it is."""
    title = w.title(view.title, view.title_cy)
    full = Text.of(paper, ": ", title)
    out: list[Block] = []
    if view.body:
        out.append(Paragraph(data(view.body), Role.NOTE))
    out += [Paragraph(data(view.review_title), Role.NOTE), Heading(1, full, "paper")]
    confidential = copy_label(view, w)
    if confidential is not None:
        out.append(Paragraph(confidential, Role.CONFIDENTIAL))
    rows = [
        Field(w("Date:"), w.long_date(view.start.date())),
        Field(w("Time:"), time_span(view.start, view.end, w)),
    ]
    if view.venue:
        rows.append(Field(w("Venue:"), data(view.venue)))
    if view.status is MeetingStatus.CANCELLED:
        rows.append(Field(w("Status:"), w("This meeting has been cancelled.")))
    elif view.status is MeetingStatus.POSTPONED:
        rows.append(Field(w("Status:"), w("This meeting has been postponed.")))
    out.append(Fields(tuple(rows)))
    return full, out


def copy_label(view: MeetingView, w: Words) -> Text | None:
    """Whose copy a panel paper is (None: the public's): the view's in an English
    paper, worded again in each language of another."""
    label = view.copy_label
    if label is None:
        return None
    if w.lang == ENGLISH_LANG:
        return w.english(label)
    exempt = " – " in label  # the label of a copy with closed business
    return w.made(lambda one: procedure_wording.copy_label(view.exempt_paragraphs, exempt, one))
