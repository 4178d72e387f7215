"""MeetingsModel: Qt's model rules, sorting in SQL, and what a clerk reads in each column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from scrutiny_desk.domain.enums import MeetingStatus
from scrutiny_desk.domain.listing_records import ListedMeeting, MeetingFilter
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.meetings.meetings_model import MeetingColumn, MeetingsModel
from scrutiny_desk.ui.shared.display import IdRole, long_date, time_range
from scrutiny_desk.ui.shared.paged import Order
from scrutiny_desk.ui.shared.tasks import SynchronousTaskRunner

pytestmark = pytest.mark.gui

Role = Qt.ItemDataRole


TODAY = date(2007, 3, 1)


@pytest.fixture
def sample(sample_services: Services) -> tuple[Services, int]:
    [review] = sample_services.reviews.list()
    return sample_services, review.id


def make(
    services: Services,
    review_id: int,
    fetch: Callable[[Sequence[int]], list[ListedMeeting]] | None = None,
) -> MeetingsModel:
    listing = services.listing
    model = MeetingsModel(
        SynchronousTaskRunner(), fetch or (lambda ids: listing.meetings(ids, TODAY))
    )
    model.set_query(lambda o: listing.meeting_ids(review_id, None, o.key, o.descending))
    return model


def row_of(model: MeetingsModel, title: str) -> int:
    return next(r for r in range(model.rowCount()) if model.record(r).title == title)  # type: ignore[union-attr]


def test_passes_the_model_tester_empty_full_sorted_and_filtered(
    qtmodeltester: ModelTester, qapp: QApplication, sample: tuple[Services, int]
) -> None:
    services, review_id = sample
    listing = services.listing
    model = MeetingsModel(SynchronousTaskRunner(), lambda ids: listing.meetings(ids, TODAY))
    # Both testers stay connected and check again after every change below.
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.set_query(lambda o: listing.meeting_ids(review_id, None, o.key, o.descending))
    assert model.rowCount() == 8
    model.sort(MeetingColumn.ITEMS, Qt.SortOrder.DescendingOrder)
    held = MeetingFilter(status=MeetingStatus.HELD)
    model.set_query(lambda o: listing.meeting_ids(review_id, held, o.key, o.descending))
    assert model.rowCount() == 6
    model.refresh_ids([model.id_at(0) or 0])
    model.set_query(None)
    assert model.rowCount() == 0


def test_sorting_by_a_column_reads_the_ids_in_that_order(
    qapp: QApplication, sample: tuple[Services, int]
) -> None:
    model = make(*sample)
    model.sort(MeetingColumn.DATE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, MeetingColumn.DATE).data() == "Mon 9 Jul 2007"
    assert model.index(7, MeetingColumn.DATE).data() == "Mon 20 Nov 2006"
    assert model.order() == Order("start", descending=True)


def test_columns_read_as_a_clerk_writes_them(
    qapp: QApplication, sample: tuple[Services, int]
) -> None:
    model = make(*sample)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in MeetingColumn]
    assert headers == ["Date", "Time", "Title", "Venue", "Status", "Items", "Agenda deadline"]
    row = row_of(model, "Evidence session 3: criminal justice and treatment")
    assert [model.index(row, c).data() for c in MeetingColumn] == [
        "Mon 26 Mar 2007",
        "14:00–17:00",
        "Evidence session 3: criminal justice and treatment",
        "Committee Room 1, 10 Dean Farrar Street",
        "Held",
        "5 open, 1 closed",
        "Published Fri 16 Mar",
    ]
    items = model.index(row, MeetingColumn.ITEMS)
    assert items.data(Role.ToolTipRole) == (
        "5 open items and 1 closed item, not open to the public"
    )
    assert not items.data(Role.DecorationRole).isNull()  # a lock beside closed business
    record = model.record(row)
    assert record is not None
    assert model.index(row, MeetingColumn.DATE).data(IdRole) == record.id
    assert model.row_of(record.id) == row
    assert model.deadline(record.id) is not None
    scoping = row_of(model, "Scoping meeting")
    assert model.index(scoping, MeetingColumn.ITEMS).data() == "4 open"
    assert model.index(scoping, MeetingColumn.ITEMS).data(Role.DecorationRole) is None
    assert model.index(scoping, MeetingColumn.STATUS).data(Role.ToolTipRole) == (
        "Held; minutes approved"
    )


def test_times_are_right_aligned_and_cancelled_meetings_muted(
    qapp: QApplication, sample: tuple[Services, int]
) -> None:
    model = make(*sample)
    alignment = model.index(0, MeetingColumn.TIME).data(Role.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
    cancelled = next(
        r
        for r in range(8)
        if model.record(r).status is MeetingStatus.CANCELLED  # type: ignore[union-attr]
    )
    assert model.index(cancelled, MeetingColumn.TITLE).data(Role.ForegroundRole) is not None
    assert model.index(cancelled, MeetingColumn.STATUS).data() == "Cancelled"
    held = row_of(model, "Scoping meeting")
    assert model.index(held, MeetingColumn.TITLE).data(Role.ForegroundRole) is None


def test_a_meeting_without_items_or_venue(qapp: QApplication, sample: tuple[Services, int]) -> None:
    services, review_id = sample

    def bare(ids: Sequence[int]) -> list[ListedMeeting]:
        return [
            replace(row, meeting=replace(row.meeting, venue=None, open_items=0, closed_items=0))
            for row in services.listing.meetings(ids, TODAY)
        ]

    model = make(services, review_id, bare)
    assert model.index(0, MeetingColumn.ITEMS).data() == "No items"
    assert model.index(0, MeetingColumn.VENUE).data() == ""
    assert model.index(0, MeetingColumn.VENUE).data(Role.ToolTipRole) == "No venue given"


def test_dates_and_times_format() -> None:
    start = datetime(2007, 3, 26, 14, 0)
    assert long_date(start) == "Mon 26 Mar 2007"
    assert time_range(start, datetime(2007, 3, 26, 16, 30)) == "14:00–16:30"
    assert time_range(start, None) == "14:00"
    assert time_range(None, None) == ""
    assert time_range(datetime(2007, 3, 26, 22, 0), datetime(2007, 3, 27, 1, 0)) == (
        "22:00–Tue 27 Mar 2007 01:00"
    )
