"""Bank holidays in England and Wales, for series previews and publication deadlines.

The ``holidays`` package ships its data, so nothing is fetched. England and Wales share
one list of bank holidays (the package's "ENG" and "WLS" agree), and one is used here.

The package also names the day itself when a holiday falls at a weekend (Christmas Day
on a Saturday) as well as the substitute day. Only weekdays are kept, as GOV.UK lists
them: a Saturday is not a working day anyway, and a series on Saturdays should not lose
a meeting to a holiday whose bank holiday is the Monday after. Substitute days are
called so, not "(observed)".

Years the package has no data for (before 1872, after 2100) have no bank holidays.

The years a council's meetings fall in (``CACHED_YEARS``) are kept in the cache folder
(``holiday_cache``), so listing meetings at start imports no ``holidays``; other years
are worked out when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType

from . import holiday_cache

SUBDIVISION = "ENG"  # England; Wales ("WLS") has the same bank holidays
CACHED_YEARS = range(1990, 2061)


@lru_cache(maxsize=1)
def _cached_years() -> Mapping[int, Mapping[date, str]]:
    return holiday_cache.load_or_make(CACHED_YEARS, _work_out)


@lru_cache(maxsize=256)
def _year(year: int) -> Mapping[date, str]:
    if year in CACHED_YEARS:
        return MappingProxyType(dict(sorted(_cached_years()[year].items())))
    return _work_out(year)


def _work_out(year: int) -> Mapping[date, str]:
    """The year's bank holidays from the ``holidays`` package itself."""
    import holidays  # 0.25 s and its data: imported when the cache cannot answer

    table = holidays.country_holidays("GB", subdiv=SUBDIVISION, years=year, language="en_GB")
    return MappingProxyType(
        {
            day: _name(name)
            for day, name in sorted(table.items())
            if day.year == year and day.weekday() < 5
        }
    )


def _name(name: str) -> str:
    return name.replace("(observed)", "(substitute day)")


@lru_cache(maxsize=64)
def _years(start: int, stop: int, step: int) -> Mapping[date, str]:
    merged: dict[date, str] = {}
    for year in range(start, stop, step):
        if date.min.year <= year <= date.max.year:
            merged.update(_year(year))
    return MappingProxyType(merged)


def england_and_wales_holidays(years: range) -> Mapping[date, str]:
    """Bank holiday to its name (``Christmas Day``, ``Boxing Day (substitute day)``)
    for those years, in date order; read-only and cached."""
    return _years(years.start, years.stop, years.step)


def holidays_between(first: date, last: date) -> Mapping[date, str]:
    """The bank holidays of every year from ``first`` to ``last``: what a series spanning
    those dates needs (``domain.recurrence.expand``)."""
    return england_and_wales_holidays(range(first.year, last.year + 1))


def is_bank_holiday(day: date) -> bool:
    return day in _year(day.year)


def bank_holiday_name(day: date) -> str | None:
    return _year(day.year).get(day)


def is_christmas_eve(day: date) -> bool:
    return (day.month, day.day) == (12, 24)


def clear_day_exclusions(*, christmas_eve: bool = False) -> Callable[[date], bool]:
    """What ``domain.deadlines`` treats as a holiday: bank holidays, and Christmas Eve
    for a council that also leaves it out of clear days."""
    if not christmas_eve:
        return is_bank_holiday
    return lambda day: is_bank_holiday(day) or is_christmas_eve(day)
