"""Series of meetings: previewed with the dates left out and the clashes, created in one
transaction, taken away again in one action. On SQLite and PostgreSQL, with the real
England and Wales bank holidays."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest

from scrutiny_desk.domain.enums import MeetingKind, MeetingStatus
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.recurrence import SeriesKind, SeriesRule, SkippedDate
from scrutiny_desk.domain.scheduling import ClashKind
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meeting_edits import MeetingEditService
from scrutiny_desk.services.series import SeriesService
from scrutiny_desk.store import queries

MON, WED, SUN = 0, 2, 6

THIRD_WEDNESDAY = SeriesRule(
    SeriesKind.NTH_WEEKDAY_MONTHLY,
    first=date(2026, 9, 1),
    last=date(2027, 7, 31),
    start=time(14, 0),
    end=time(16, 30),
    title="Panel meeting {n}",
    weekday=WED,
    ordinal=3,
    venue="Committee Room 1",
    meeting_kind=MeetingKind.DELIBERATIVE,
)

MONDAYS_OVER_WINTER = SeriesRule(
    SeriesKind.WEEKLY,
    first=date(2026, 12, 14),
    last=date(2027, 4, 5),
    start=time(10, 0),
    end=time(12, 0),
    title="Evidence session",
    weekday=MON,
    venue="Committee Room 2",
)


@pytest.fixture
def review(services: Services) -> int:
    document = {
        "format": "scrutiny-desk.review",
        "version": 2,
        "review": {"title": "Adult Social Care", "status": "scoping"},
    }
    return services.reviews.import_bytes(json.dumps(document).encode())


@pytest.fixture
def series(services: Services) -> SeriesService:
    return SeriesService(services.db)


def test_third_wednesday_from_september_to_july(
    services: Services, review: int, series: SeriesService
) -> None:
    before = services.reviews.export_bytes(review)
    plan = series.preview(review, THIRD_WEDNESDAY)
    assert plan.dates == (
        date(2026, 9, 16),
        date(2026, 10, 21),
        date(2026, 11, 18),
        date(2026, 12, 16),
        date(2027, 1, 20),
        date(2027, 2, 17),
        date(2027, 3, 17),
        date(2027, 4, 21),
        date(2027, 5, 19),
        date(2027, 6, 16),
        date(2027, 7, 21),
    )
    assert plan.preview.skipped == ()  # no bank holiday falls on a third Wednesday
    assert plan.warnings == ()
    assert plan.description.startswith("The third Wednesday of every month from 1 September 2026")
    first = plan.preview.meetings[0]
    assert (first.title, first.start, first.end) == (
        "Panel meeting 1",
        datetime(2026, 9, 16, 14),
        datetime(2026, 9, 16, 16, 30),
    )
    assert services.reviews.export_bytes(review) == before  # a preview saves nothing


def test_weekly_mondays_skip_christmas_and_easter_bank_holidays(
    review: int, series: SeriesService
) -> None:
    plan = series.preview(review, MONDAYS_OVER_WINTER, frozenset({date(2027, 2, 15)}))
    assert plan.preview.skipped == (
        SkippedDate(date(2026, 12, 28), "bank holiday: Boxing Day (substitute day)"),
        SkippedDate(date(2027, 2, 15), "left out of the series"),
        SkippedDate(date(2027, 3, 29), "bank holiday: Easter Monday"),
    )
    assert len(plan.dates) == 17 - 3
    assert date(2027, 1, 4) in plan.dates and date(2026, 12, 28) not in plan.dates


def test_preview_warns_of_clashes_with_meetings_already_arranged(
    services: Services, review: int, series: SeriesService
) -> None:
    edits = MeetingEditService(services.db)
    existing = edits.create_meeting(
        review,
        "Site visit",
        MeetingKind.VISIT,
        datetime(2027, 1, 11, 11),
        datetime(2027, 1, 11, 13),
    )
    (warning,) = series.preview(review, MONDAYS_OVER_WINTER).warnings
    assert warning.kind is ClashKind.OVERLAP
    assert warning.day == date(2027, 1, 11)
    assert warning.meetings == (existing.key,)
    planned, saved = warning.meeting_ids  # earlier first; a planned meeting has no id yet
    assert planned < 0 and saved == existing.id
    assert warning.message == (
        "Evidence session (10:00–12:00) overlaps Site visit (11:00–13:00) on 11 January 2027"
    )
    # Cancelled, it clashes with nothing.
    edits.cancel_meeting(existing.id, existing.version)
    assert series.preview(review, MONDAYS_OVER_WINTER).warnings == ()


def test_create_series_makes_every_meeting_and_delete_series_takes_them_away(
    services: Services, review: int, series: SeriesService
) -> None:
    before = services.reviews.export_bytes(review)
    made = series.create_series(review, THIRD_WEDNESDAY)
    assert [m.start.date() for m in made] == list(series.preview(review, THIRD_WEDNESDAY).dates)
    assert {m.status for m in made} == {MeetingStatus.SCHEDULED}
    assert {m.sequence for m in made} == {0}
    assert len({m.uid for m in made}) == len({m.key for m in made}) == 11
    stored = services.reviews.document(review).meetings
    assert [m.title for m in stored] == [f"Panel meeting {n}" for n in range(1, 12)]
    assert {(m.kind, m.venue) for m in stored} == {(MeetingKind.DELIBERATIVE, "Committee Room 1")}
    # The series' own meetings on the same Wednesdays would now clash with a second one.
    assert len(series.preview(review, THIRD_WEDNESDAY).warnings) == 11

    snapshots = series.delete_series(review, [m.key for m in made])
    assert services.reviews.export_bytes(review) == before
    again = series.restore_series(snapshots)
    assert [(m.key, m.uid) for m in again] == [(m.key, m.uid) for m in made]
    assert {m.sequence for m in again} == {1}  # calendars take the restored events as newer


def test_create_series_with_the_callers_keys(
    services: Services, review: int, series: SeriesService
) -> None:
    rule = MONDAYS_OVER_WINTER
    count = len(series.preview(review, rule).dates)
    keys = [f"ev{n}" for n in range(1, count + 1)]
    made = series.create_series(review, rule, keys=keys)
    assert [m.key for m in made] == keys
    before = services.reviews.export_bytes(review)
    with pytest.raises(ValidationError) as caught:
        series.create_series(review, rule, keys=["ev1", "new", "new"])
    paths = {p.path for p in caught.value.problems}
    assert paths == {"keys", "keys[0]", "keys[2]"}
    assert services.reviews.export_bytes(review) == before


def test_a_failure_part_way_writes_nothing(
    services: Services, review: int, series: SeriesService, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = services.reviews.export_bytes(review)

    def fail(*_: object) -> None:
        raise RuntimeError("the disk is full")

    # The meetings are written, then reading them back fails: all of it rolls back.
    monkeypatch.setattr(queries, "list_meetings", fail)
    with pytest.raises(RuntimeError):
        series.create_series(review, THIRD_WEDNESDAY)
    monkeypatch.undo()
    assert services.reviews.export_bytes(review) == before
    assert services.meetings.list(review) == []


def test_an_unusable_rule_is_refused_naming_the_field(
    services: Services, review: int, series: SeriesService
) -> None:
    before = services.reviews.export_bytes(review)
    bad = SeriesRule(
        SeriesKind.NTH_WEEKDAY_MONTHLY,
        first=date(2027, 7, 1),
        last=date(2026, 9, 1),
        start=time(16, 0),
        end=time(14, 0),
        title=" ",
        weekday=WED,
        ordinal=5,
    )
    for attempt in (series.preview, series.create_series):
        with pytest.raises(ValidationError) as caught:
            attempt(review, bad)
        paths = {p.path for p in caught.value.problems}
        assert {"series.title", "series.end", "series.last", "series.ordinal"} <= paths
    assert services.reviews.export_bytes(review) == before


def test_a_time_the_clocks_skip_is_refused_with_its_date(
    services: Services, review: int, series: SeriesService
) -> None:
    night = SeriesRule(
        SeriesKind.WEEKLY,
        first=date(2027, 3, 1),
        last=date(2027, 4, 30),
        start=time(1, 30),
        end=time(2, 30),
        title="Night shift visit",
        weekday=SUN,
    )
    with pytest.raises(ValidationError) as caught:
        series.create_series(review, night)
    (problem,) = caught.value.problems
    assert problem.path == "series.start"
    assert problem.message.startswith("on 28 March 2027: 2027-03-28T01:30 does not exist")
    assert services.meetings.list(review) == []
