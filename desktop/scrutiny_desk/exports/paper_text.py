"""The fixed texts of papers, calendar files and e-mails, in the review's language.

Every fixed text a renderer prints ("Agenda", "Membership", "Witnesses:") goes through
one translation catalogue: gettext, read through Babel, from
``resources/translations/<locale>/LC_MESSAGES/papers.mo`` (compiled from the ``.po``
beside it by ``make translations``). English is the source language, so an English
paper needs no catalogue. A Welsh paper prints the Welsh text; a bilingual paper prints
both, Welsh first, as the Welsh Language Standards expect. Dates come from Babel's
locale data (``cy``: "Dydd Mawrth 19 Ionawr 2027").

The window's own strings are not here: they go through Qt's ``tr()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
import datetime as dt
from functools import cache
from typing import Any

from ..domain.enums import PaperLanguage
from ..domain.wording import clock, day_month_year, long_date
from ..resources_path import resource_file

DOMAIN = "papers"
WELSH = "cy"
#: between the Welsh and the English of one text in a bilingual paper
BILINGUAL_SEPARATOR = " / "


@dataclass(frozen=True)
class Phrase:
    """One fixed text in the paper's languages: ``welsh`` is None in an English paper,
    ``english`` None in a Welsh one; a bilingual paper has both. Layouts that set the
    two apart (a heading above its translation, an HTML ``lang`` on each) use this;
    ``text`` is the two joined as one line."""

    welsh: str | None
    english: str | None

    @property
    def text(self) -> str:
        return BILINGUAL_SEPARATOR.join(x for x in (self.welsh, self.english) if x is not None)


class PaperText:
    """Translates one paper's fixed texts. ``t("Agenda")`` is the text as the paper
    prints it; texts with fields are formatted after translation, so a translation
    may move them: ``t("Minutes of the meeting held on {day}", day=...)``."""

    def __init__(self, language: PaperLanguage = PaperLanguage.ENGLISH) -> None:
        self.language = language
        self._welsh = _catalogue(WELSH) if language is not PaperLanguage.ENGLISH else None

    @property
    def lang(self) -> str:
        """The paper's language as HTML's ``lang`` and PDF's ``/Lang`` name it (a
        bilingual paper leads in Welsh)."""
        return "en-GB" if self.language is PaperLanguage.ENGLISH else "cy"

    def phrase(self, message: str, **fields: Any) -> Phrase:
        english = message.format(**fields) if fields else message
        if self._welsh is None:
            return Phrase(None, english)
        translated = self._welsh.gettext(message)
        welsh = translated.format(**fields) if fields else translated
        if self.language is PaperLanguage.WELSH:
            return Phrase(welsh, None)
        return Phrase(welsh, english)

    def __call__(self, message: str, **fields: Any) -> str:
        return self.phrase(message, **fields).text

    def plural(self, count: int, one: str, many: str, **fields: Any) -> str:
        """The form for ``count`` ("Witness:" / "Witnesses:"); Welsh has more forms than
        two, which its catalogue gives."""
        english = (one if count == 1 else many).format(count=count, **fields)
        if self._welsh is None:
            return english
        welsh: str = self._welsh.ngettext(one, many, count).format(count=count, **fields)
        if self.language is PaperLanguage.WELSH:
            return welsh
        return BILINGUAL_SEPARATOR.join((welsh, english))

    def long_date(self, day: dt.date) -> str:
        """``Tuesday 19 January 2027``; in Welsh ``Dydd Mawrth 19 Ionawr 2027``."""
        return self._dated(day, long_date, "EEEE d MMMM y")

    def date(self, day: dt.date) -> str:
        """``19 January 2027``; in Welsh ``19 Ionawr 2027``."""
        return self._dated(day, day_month_year, "d MMMM y")

    def _dated(self, day: dt.date, english: Callable[[dt.date], str], pattern: str) -> str:
        if self.language is PaperLanguage.ENGLISH:
            return english(day)
        from babel.dates import format_date

        welsh = format_date(day, pattern, locale=WELSH)
        if self.language is PaperLanguage.WELSH:
            return welsh
        return BILINGUAL_SEPARATOR.join((welsh, english(day)))

    def clock(self, moment: dt.time | dt.datetime) -> str:
        """``2.00 pm``, ``12.00 noon``; in Welsh ``2.00 yp``, ``12.00 canol dydd``."""
        return self.each(lambda one: one._clock(moment))

    def _clock(self, moment: dt.time | dt.datetime) -> str:
        if self._welsh is None:
            return clock(moment)
        if (moment.hour, moment.minute) == (12, 0):
            return self("12.00 noon")
        if (moment.hour, moment.minute) == (0, 0):
            return self("12.00 midnight")
        hour, minute = moment.hour % 12 or 12, f"{moment.minute:02d}"
        if moment.hour < 12:
            return self("{hour}.{minute} am", hour=hour, minute=minute)
        return self("{hour}.{minute} pm", hour=hour, minute=minute)

    def each(self, build: Callable[[PaperText], str]) -> str:
        """A sentence built in each of the paper's languages (Welsh first) and joined:
        for sentences whose fields are themselves worded (a date, a list joined with
        "and"), which ``build`` words with the one-language ``PaperText`` it is given.
        ``domain.procedure_wording``'s builders take it as their ``Words``."""
        return self.each_phrase(build).text

    def each_phrase(self, build: Callable[[PaperText], str]) -> Phrase:
        """``each``, the languages kept apart (for layouts that mark each one)."""
        if self.language is PaperLanguage.BILINGUAL:
            return Phrase(build(one_language(PaperLanguage.WELSH)), build(ENGLISH))
        if self.language is PaperLanguage.WELSH:
            return Phrase(build(self), None)
        return Phrase(None, build(self))

    def title(self, english: str, welsh: str | None) -> str:
        """A title the clerk gave in English and perhaps in Welsh: a bilingual paper
        prints both (Welsh first), a Welsh paper the Welsh where there is one, and the
        English otherwise."""
        if welsh is None or not welsh.strip() or self.language is PaperLanguage.ENGLISH:
            return english
        if self.language is PaperLanguage.WELSH:
            return welsh
        return BILINGUAL_SEPARATOR.join((welsh, english))


ENGLISH = PaperText()


@cache
def one_language(language: PaperLanguage) -> PaperText:
    """The shared ``PaperText`` of one language (English or Welsh)."""
    return ENGLISH if language is PaperLanguage.ENGLISH else PaperText(language)


@cache
def _catalogue(locale: str) -> Any:
    """The compiled catalogue (``babel.support.Translations``, a gettext catalogue)."""
    from babel.support import Translations

    folder = resource_file("translations")
    found = Translations.load(str(folder), [locale], DOMAIN)
    if not isinstance(found, Translations):  # Babel falls back to NullTranslations
        raise FileNotFoundError(
            f"The {locale} catalogue is missing: {folder}/{locale}/LC_MESSAGES/{DOMAIN}.mo"
        )
    return found
