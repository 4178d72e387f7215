"""The bank holidays kept in the cache folder: the same days as ``holidays`` gives,
made again when the package changes or the file is bad (``services/holiday_cache.py``)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from scrutiny_desk.paths import cache_dir
from scrutiny_desk.services import calendar_rules, holiday_cache
from scrutiny_desk.services.calendar_rules import CACHED_YEARS

YEARS = range(2024, 2028)


def _refuse(year: int) -> dict[date, str]:
    raise AssertionError(f"worked out {year} again, though the cache holds it")


def _file() -> Path:
    return cache_dir() / holiday_cache.FILE


def test_the_cached_days_are_the_packages_own_for_every_year_kept() -> None:
    made = holiday_cache.load_or_make(CACHED_YEARS, calendar_rules._work_out)
    read = holiday_cache.load_or_make(CACHED_YEARS, _refuse)  # from the file this time
    for year in CACHED_YEARS:
        assert dict(read[year]) == dict(calendar_rules._work_out(year)) == dict(made[year])
    assert read[2026][date(2026, 12, 28)] == "Boxing Day (substitute day)"
    data = json.loads(_file().read_bytes())
    assert data["holidays"] == holiday_cache.holidays_version() is not None
    assert list(_file().parent.iterdir()) == [_file()]  # no temporary file left behind


def test_a_cache_made_by_another_holidays_version_is_made_again() -> None:
    holiday_cache.load_or_make(YEARS, calendar_rules._work_out)
    data = json.loads(_file().read_bytes())
    data["holidays"] = "0.1"
    data["days"]["2026-12-28"] = "Not a bank holiday any more"
    _file().write_text(json.dumps(data))
    worked_out: list[int] = []

    def work_out(year: int) -> object:
        worked_out.append(year)
        return calendar_rules._work_out(year)

    read = holiday_cache.load_or_make(YEARS, work_out)  # type: ignore[arg-type]
    assert worked_out == list(YEARS)
    assert read[2026][date(2026, 12, 28)] == "Boxing Day (substitute day)"
    assert json.loads(_file().read_bytes())["holidays"] == holiday_cache.holidays_version()
    assert holiday_cache.load_or_make(YEARS, _refuse) == read  # good again


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short
        lambda text: text.replace("2026-12-28", "2026-13-28"),  # not a date
        lambda text: text.replace('"first": 2024', '"first": 2020'),  # other years
        lambda text: text.replace('"days": {', '"days": [').replace("}\n}", "]\n}"),
        lambda _text: "",
    ],
)
def test_a_bad_cache_file_is_made_again(damage: object) -> None:
    holiday_cache.load_or_make(YEARS, calendar_rules._work_out)
    _file().write_text(damage(_file().read_text()))  # type: ignore[operator]
    read = holiday_cache.load_or_make(YEARS, calendar_rules._work_out)
    for year in YEARS:
        assert dict(read[year]) == dict(calendar_rules._work_out(year))
    assert holiday_cache.load_or_make(YEARS, _refuse) == read


def test_a_cache_folder_that_cannot_be_written_still_gives_the_days() -> None:
    cache_dir().parent.mkdir(parents=True, exist_ok=True)
    cache_dir().write_text("a file where the folder should be")
    read = holiday_cache.load_or_make(YEARS, calendar_rules._work_out)
    assert read[2027][date(2027, 12, 27)] == "Christmas Day (substitute day)"


def test_the_version_is_the_one_its_installed_metadata_gives() -> None:
    """Read from its metadata folder's Version line, without ``importlib.metadata`` (and
    the ``email`` package it imports): the same version that module finds."""
    from importlib import metadata

    assert holiday_cache.holidays_version() == metadata.version("holidays")


def test_without_a_metadata_folder_beside_it_the_version_comes_from_importlib(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bundle may keep the metadata elsewhere: then ``importlib.metadata`` looks."""
    from importlib import metadata

    monkeypatch.setattr(holiday_cache, "find_spec", lambda _name: None)
    assert holiday_cache._version_beside_package() is None
    assert holiday_cache.holidays_version() == metadata.version("holidays")
