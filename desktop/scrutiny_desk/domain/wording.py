"""The English words a clerk reads in the domain's messages and on the papers.

Dates, times, counts and "a"/"an" were written out by hand in many modules, and the
copies drifted ("an recommendation", "1 reviews", three things called ``long_date``).
They are written once here, in British English as committee papers print them
(English month and day names whatever the locale). The GUI's own words go through
Qt's translation; everything the domain, the services, the exports and the command
line say comes from here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any, Protocol

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
#: What papers show for a closed item with no public title (``views`` gives it too).
CLOSED_TITLE = "Closed session"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Words that begin with a vowel letter but a consonant sound, and the reverse.
_A_BEFORE = ("one", "once", "uni", "use", "usu", "user", "euro", "eu")
_AN_BEFORE = ("hour", "honest", "honour", "heir")


# Dates and times ---------------------------------------------------------------------


def long_date(day: date) -> str:
    """``Tuesday 19 January 2027``: a meeting's day, as agendas and invitations print it."""
    return f"{WEEKDAYS[day.weekday()]} {day_month_year(day)}"


def day_month_year(day: date) -> str:
    """``19 January 2027``: a date without its weekday (received, approved, due)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """``19 Jan 2027``: a date in a narrow column of a paper or a list."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def clock(moment: time | datetime) -> str:
    """``2.00 pm``, ``12.00 noon``, ``12.00 midnight``: a time as council papers write it."""
    if (moment.hour, moment.minute) == (12, 0):
        return "12.00 noon"
    if (moment.hour, moment.minute) == (0, 0):
        return "12.00 midnight"
    return f"{moment.hour % 12 or 12}.{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


# Counts, articles and lists ------------------------------------------------------------


def plural_of(singular: str) -> str:
    """``recommendation`` -> ``recommendations``, ``apology`` -> ``apologies``,
    ``witness`` -> ``witnesses``; a word that follows no rule is given to ``plural``."""
    if singular.endswith("y") and singular[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return singular[:-1] + "ies"
    if singular.endswith(("s", "x", "z", "ch", "sh")):
        return singular + "es"
    return singular + "s"


def word_for(count: int, singular: str, plural: str | None = None) -> str:
    """The noun alone, singular for exactly one: ``word_for(2, "item")`` -> ``items``."""
    if count == 1:
        return singular
    return plural if plural is not None else plural_of(singular)


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """``1 recommendation``, ``2 recommendations``, ``1 apology``, ``1,200 notes``."""
    return f"{count:,} {word_for(count, singular, plural)}"


def a_or_an(noun: str) -> str:
    """``a recommendation``, ``an action``, ``an agenda item``, ``a user``, ``an hour``."""
    first = noun.lstrip().lower()
    if first.startswith(_AN_BEFORE):
        return f"an {noun}"
    if first.startswith(_A_BEFORE):
        return f"a {noun}"
    return f"{'an' if first[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {noun}"


def joined(words: Sequence[str], last: str = "and") -> str:
    """``a, b and c``; ``a and b``; ``a``; nothing for no words."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last} {words[-1]}"


# Papers in other languages ---------------------------------------------------------


def N_(message: str) -> str:
    """Marks a message for the papers' translation catalogue where it is written (a
    constant), to be translated where it is printed (``words(CONSTANT)``)."""
    return message


class Words(Protocol):
    """The fixed words of a sentence in one language: the papers pass theirs (the
    exports' ``PaperText``, one language at a time) to the sentence builders of
    ``procedure_wording``; ``ENGLISH_WORDS`` is the default. Messages are British
    English with ``{fields}``, formatted after translation."""

    def __call__(self, message: str, **fields: Any) -> str: ...

    def plural(self, count: int, one: str, many: str, **fields: Any) -> str: ...

    def date(self, day: date) -> str: ...

    def clock(self, moment: time | datetime) -> str: ...


class EnglishWords:
    """``Words`` in English: the messages as written."""

    def __call__(self, message: str, **fields: Any) -> str:
        return message.format(**fields) if fields else message

    def plural(self, count: int, one: str, many: str, **fields: Any) -> str:
        return (one if count == 1 else many).format(count=count, **fields)

    def date(self, day: date) -> str:
        return day_month_year(day)

    def clock(self, moment: time | datetime) -> str:
        return clock(moment)


ENGLISH_WORDS = EnglishWords()
