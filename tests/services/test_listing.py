"""Lists read as a paged model reads them: filtered, sorted ids; then rows by id."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrutiny_desk.domain.enums import InvitationState, MeetingStatus
from scrutiny_desk.domain.errors import ValidationError
from scrutiny_desk.domain.listing_records import (
    MEETING_ORDERS,
    WITNESS_ORDERS,
    MeetingFilter,
    WitnessFilter,
)
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.meetings import MeetingChanges

from .approved import reopen


@pytest.fixture
def sample(sample_id: int) -> int:
    return sample_id


def keys_of_meetings(services: Services, ids: list[int]) -> list[str]:
    return [m.meeting.key for m in services.listing.meetings(ids, date(2007, 1, 1))]


def test_meeting_ids_by_start_like_the_full_list(services: Services, sample: int) -> None:
    ids = services.listing.meeting_ids(sample)
    assert ids == [m.id for m in services.meetings.list(sample)]
    assert services.listing.meeting_count(sample) == 8


def test_meeting_ids_filtered_by_status_and_words(services: Services, sample: int) -> None:
    listing = services.listing
    held = listing.meeting_ids(sample, MeetingFilter(status=MeetingStatus.HELD))
    assert keys_of_meetings(services, held) == ["scoping", "ev1", "ev3", "visit", "ev4", "recs"]
    words = listing.meeting_ids(sample, MeetingFilter(text="EVIDENCE  treatment"))
    assert keys_of_meetings(services, words) == ["ev2", "ev3"]
    both = MeetingFilter(status=MeetingStatus.CANCELLED, text="treatment")
    assert keys_of_meetings(services, listing.meeting_ids(sample, both)) == ["ev2"]
    venue = listing.meeting_ids(sample, MeetingFilter(text="custody"))
    assert keys_of_meetings(services, venue) == ["visit"]
    assert listing.meeting_ids(sample, MeetingFilter(text="100%")) == []
    assert listing.meeting_ids(sample, MeetingFilter(text="_")) == []


@pytest.mark.parametrize("order", MEETING_ORDERS)
def test_meeting_ids_sort_by_every_key_both_ways(
    services: Services, sample: int, order: str
) -> None:
    up = services.listing.meeting_ids(sample, order=order)
    down = services.listing.meeting_ids(sample, order=order, descending=True)
    assert sorted(up) == sorted(down) == list(range(1, 9))
    assert down == up[::-1]


def test_meeting_orders_a_clerk_expects(services: Services, sample: int) -> None:
    listing = services.listing
    by_status = keys_of_meetings(services, listing.meeting_ids(sample, order="status"))
    assert by_status[-2:] == ["responses", "ev2"]  # postponed, then cancelled
    by_items = keys_of_meetings(services, listing.meeting_ids(sample, order="items"))
    assert by_items[-1] == "ev3"  # 6 items, 1 closed
    by_time = keys_of_meetings(services, listing.meeting_ids(sample, order="time"))
    assert by_time[0] == "visit"  # 10:00
    by_title = keys_of_meetings(services, listing.meeting_ids(sample, order="title"))
    assert by_title[0] == "responses"  # "Consideration ..."
    with pytest.raises(ValidationError, match="order"):
        listing.meeting_ids(sample, order="colour")


def test_a_page_of_meetings_with_counts_and_deadlines(services: Services, sample: int) -> None:
    ids = services.listing.meeting_ids(sample)
    page = services.listing.meetings([ids[3], 9_999, ids[0]], date(2007, 3, 1))
    assert [row.meeting.key for row in page] == ["ev3", "scoping"]  # in the order asked
    ev3 = page[0]
    assert (ev3.meeting.open_items, ev3.meeting.closed_items) == (5, 1)
    assert ev3.deadline.meeting_id == ev3.meeting.id
    assert ev3.deadline == services.meeting_edits.deadline(ev3.meeting.id, date(2007, 3, 1))
    assert services.listing.meetings([], date(2007, 3, 1)) == []


def test_a_page_read_shows_an_edit(services: Services, sample: int) -> None:
    reopen(services, sample, "ev3")
    ev3 = services.meeting_edits.find(sample, "ev3")
    services.meetings.update(ev3.id, ev3.version, MeetingChanges(title="Renamed"))
    [row] = services.listing.meetings([ev3.id], date(2007, 3, 1))
    assert row.meeting.title == "Renamed"
    assert row.meeting.version == ev3.version + 1


def test_meetings_of_a_calendar_month(services: Services, sample: int) -> None:
    listing = services.listing
    march = listing.meetings_between(sample, MeetingFilter(), date(2007, 2, 26), date(2007, 4, 8))
    assert [m.key for m in march] == ["ev2", "ev3"]
    assert (march[1].open_items, march[1].closed_items) == (5, 1)
    held = MeetingFilter(status=MeetingStatus.HELD)
    assert [
        m.key for m in listing.meetings_between(sample, held, date(2007, 2, 26), date(2007, 4, 8))
    ] == ["ev3"]
    day = listing.meetings_between(sample, MeetingFilter(), date(2007, 3, 26), date(2007, 3, 26))
    assert [m.key for m in day] == ["ev3"]
    assert (
        listing.meetings_between(sample, MeetingFilter(), date(2007, 3, 27), date(2007, 4, 15))
        == []
    )
    assert datetime(2007, 3, 26, 14) == day[0].start


def test_witness_ids_in_register_order_and_filtered(services: Services, sample: int) -> None:
    listing = services.listing
    ids = listing.witness_ids(sample)
    assert ids == [w.id for w in services.witness_edits.witnesses(sample)]
    assert listing.witness_count(sample) == 8

    def keys(flt: WitnessFilter) -> list[str]:
        return [w.key for w in listing.witnesses(listing.witness_ids(sample, flt))]

    assert keys(WitnessFilter("PROBATION")) == ["probation"]
    assert keys(WitnessFilter("example.org")) == ["mps-drugs", "cps", "probation", "dat", "jrf"]
    assert keys(WitnessFilter("in private", private=(True,))) == ["user", "soca"]
    assert keys(WitnessFilter("invited", invitations=(InvitationState.INVITED,))) == []
    assert keys(WitnessFilter("attended", invitations=(InvitationState.ATTENDED,))) == [
        w.key for w in services.witness_edits.witnesses(sample)
    ]
    assert keys(WitnessFilter("   ")) == keys(WitnessFilter())


@pytest.mark.parametrize("order", WITNESS_ORDERS)
def test_witness_ids_sort_by_every_key_both_ways(
    services: Services, sample: int, order: str
) -> None:
    up = services.listing.witness_ids(sample, order=order)
    down = services.listing.witness_ids(sample, order=order, descending=True)
    assert sorted(up) == sorted(down)
    assert down == up[::-1]


def test_witness_orders_and_pages(services: Services, sample: int) -> None:
    listing = services.listing
    by_name = listing.witnesses(listing.witness_ids(sample, order="name"))
    assert [w.name for w in by_name][:2] == ["Borough Commander", "Chief Officer"]
    by_heard = listing.witnesses(listing.witness_ids(sample, order="appearances", descending=True))
    assert len(by_heard[0].appearances) == 2
    private_last = listing.witnesses(listing.witness_ids(sample, order="private"))
    assert [w.private for w in private_last][-2:] == [True, True]
    page = listing.witnesses([by_name[1].id, 9_999, by_name[0].id])
    assert [w.name for w in page] == ["Chief Officer", "Borough Commander"]
    assert page[0] == services.witness_edits.witness(by_name[1].id)
