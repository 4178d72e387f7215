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
from ..domain.wording import day_month_year, long_date
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
