"""MeetingsModel: Qt's model rules, and what a clerk reads in each column."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester

from scrutiny_desk.domain.enums import MeetingStatus
from scrutiny_desk.domain.records import MeetingSummary
from scrutiny_desk.services.container import Services
from scrutiny_desk.ui.models import IdRole, SortRole, long_date, time_range
from scrutiny_desk.ui.models.meetings_model import MeetingColumn, MeetingsModel

pytestmark = pytest.mark.gui

Role = Qt.ItemDataRole


@pytest.fixture
def meetings(sample_services: Services) -> list[MeetingSummary]:
    [review] = sample_services.reviews.list()
    return sample_services.meetings.list(review.id)


def row_of(model: MeetingsModel, title: str) -> int:
    return next(r for r in range(model.rowCount()) if model.record(r).title == title)


def test_passes_the_model_tester_empty_and_full(
    qtmodeltester: ModelTester,
    qapp: QApplication,
    meetings: list[MeetingSummary],
) -> None:
    model = MeetingsModel()
    # Both testers stay connected and check again after every reset below.
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)
    model.set_rows(meetings)
    assert model.rowCount() == 8
    model.set_rows([])
    assert model.rowCount() == 0
    model.set_rows(meetings)


def test_behind_a_sorting_proxy_it_still_passes(
    qtmodeltester: ModelTester,
    qapp: QApplication,
    meetings: list[MeetingSummary],
) -> None:
    model = MeetingsModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SortRole)
    proxy.sort(MeetingColumn.DATE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    model.set_rows(meetings)
    assert proxy.index(0, MeetingColumn.DATE).data() == "Mon 9 Jul 2007"
    assert proxy.index(7, MeetingColumn.DATE).data() == "Mon 20 Nov 2006"


def test_columns_read_as_a_clerk_writes_them(
    qapp: QApplication, meetings: list[MeetingSummary]
) -> None:
    model = MeetingsModel()
    model.set_rows(meetings)
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
        "",  # no deadlines given
    ]
    items = model.index(row, MeetingColumn.ITEMS)
    assert items.data(Role.ToolTipRole) == (
        "5 open items and 1 closed item, not open to the public"
    )
    assert not items.data(Role.DecorationRole).isNull()  # a lock beside closed business
    assert model.index(row, MeetingColumn.DATE).data(IdRole) == model.record(row).id
    assert model.row_of(model.record(row).id) == row
    scoping = row_of(model, "Scoping meeting")
    assert model.index(scoping, MeetingColumn.ITEMS).data() == "4 open"
    assert model.index(scoping, MeetingColumn.ITEMS).data(Role.DecorationRole) is None
    assert model.index(scoping, MeetingColumn.STATUS).data(Role.ToolTipRole) == (
        "Held; minutes approved"
    )


def test_times_are_right_aligned_and_cancelled_meetings_muted(
    qapp: QApplication, meetings: list[MeetingSummary]
) -> None:
    model = MeetingsModel()
    model.set_rows(meetings)
    alignment = model.index(0, MeetingColumn.TIME).data(Role.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
    cancelled = next(r for r in range(8) if model.record(r).status is MeetingStatus.CANCELLED)
    assert model.index(cancelled, MeetingColumn.TITLE).data(Role.ForegroundRole) is not None
    assert model.index(cancelled, MeetingColumn.STATUS).data() == "Cancelled"
    held = row_of(model, "Scoping meeting")
    assert model.index(held, MeetingColumn.TITLE).data(Role.ForegroundRole) is None


def test_a_meeting_without_items_or_venue(
    qapp: QApplication, meetings: list[MeetingSummary]
) -> None:
    bare = replace(meetings[0], venue=None, open_items=0, closed_items=0)
    model = MeetingsModel()
    model.set_rows([bare])
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
