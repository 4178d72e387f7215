"""The calendar views (issue 14): what ``publishing`` lets a calendar file say, decided
there and nowhere else, and the older views left exactly as they were."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scrutiny_desk.domain.records import Review
from scrutiny_desk.domain.views import CLOSED_TITLE, Audience, MeetingView
from scrutiny_desk.resources_path import resource_file
from scrutiny_desk.services import codec, publishing

REVIEW = codec.decode(resource_file("samples/drugs-scrutiny.json").read_bytes())
OFF = replace(REVIEW, calendar_public_titles=False)


def names(view: MeetingView) -> set[str]:
    return {p.name for item in view.items for p in item.witnesses}


def test_public_titles_only_is_the_public_view_with_the_panel_addresses() -> None:
    view = publishing.calendar_view(REVIEW, "ev3")
    public = publishing.meeting_view(REVIEW, "ev3", Audience.PUBLIC)
    assert [(i.number, i.title, i.closed, i.start) for i in view.meeting.items] == [
        (i.number, i.title, i.closed, i.start) for i in public.items
    ]
    assert all(i.reason is None and i.minute is None for i in view.meeting.items if i.closed)
    assert "Service user" not in names(view.meeting)  # private, and under a closed item
    assert [m.email for m in view.meeting.members] == [m.email for m in REVIEW.panel]
    assert view.confidential is False and view.witness is None and view.numbered


def test_a_private_witness_on_an_open_item_is_named_by_no_calendar() -> None:
    recs = next(m for m in REVIEW.meetings if m.key == "recs")
    items = tuple(
        replace(i, witnesses=("soca",)) if i.key == "recs-findings" else i for i in recs.items
    )
    moved = replace(
        REVIEW, meetings=tuple(replace(m, items=items) if m is recs else m for m in REVIEW.meetings)
    )
    assert "Senior officer" in names(publishing.meeting_view(moved, "recs", Audience.PUBLIC))
    assert "Senior officer" not in names(publishing.calendar_view(moved, "recs").meeting)
    for audience in (Audience.PUBLIC, Audience.PANEL):
        programme = publishing.calendar_programme_view(moved, audience)
        assert all("Senior officer" not in names(m) for m in programme.meetings)
    full = publishing.calendar_view(replace(moved, calendar_public_titles=False), "recs")
    assert "Senior officer" in names(full.meeting) and full.confidential


def test_with_the_setting_off_the_panel_view_marked_when_closed() -> None:
    closed = publishing.calendar_view(OFF, "ev3")
    assert closed.meeting == publishing.meeting_view(OFF, "ev3", Audience.PANEL)
    assert closed.confidential is True
    assert publishing.calendar_view(OFF, "ev1").confidential is False  # all open, none private


def test_the_sequence_given_replaces_the_meetings() -> None:
    assert publishing.calendar_view(REVIEW, "ev3", sequence=9).meeting.sequence == 9
    own = publishing.witness_calendar_view(REVIEW, "ev3", "cps", sequence=9)
    assert own.witness is not None and own.witness.sequence == 9


@pytest.mark.parametrize("review", [REVIEW, OFF], ids=["public titles", "full view"])
def test_a_private_witness_sees_the_public_title_and_no_numbers(review: Review) -> None:
    own = publishing.witness_calendar_view(review, "ev3", "user")
    (item,) = own.meeting.items
    assert item.title != "Evidence from a former drug user" and item.closed
    assert item.title in ("Evidence heard in private", CLOSED_TITLE)
    assert own.numbered is False and own.confidential is False
    assert [p.name for p in item.witnesses] == ["Service user"]  # themselves only


def test_a_witness_who_is_not_private_follows_the_setting() -> None:
    on = publishing.witness_calendar_view(REVIEW, "ev3", "cps")
    off = publishing.witness_calendar_view(OFF, "ev3", "cps")
    assert on.meeting.items == off.meeting.items  # an open item: the same either way
    assert on.numbered and not on.confidential and not off.confidential


def test_the_older_views_are_unchanged() -> None:
    """Approved minutes freeze ``meeting_view``'s output: the calendar's choices must
    not reach it (tests/services/test_approved_minutes.py holds the bytes)."""
    for audience in (Audience.PUBLIC, Audience.PANEL):
        assert publishing.meeting_view(REVIEW, "ev3", audience) == publishing.meeting_view(
            OFF, "ev3", audience
        )
    panel = publishing.meeting_view(REVIEW, "ev3", Audience.PANEL)
    assert "Service user" in names(panel)
    witness = publishing.witness_view(REVIEW, "ev3", "user")
    assert witness.meeting.items[0].title == "Evidence from a former drug user"


def test_a_programme_carries_the_web_page_and_the_links() -> None:
    ev3 = next(m for m in REVIEW.meetings if m.key == "ev3")
    linked = replace(
        REVIEW,
        web_page="https://example.org/review",
        meetings=tuple(
            replace(m, joining_link="https://example.org/join") if m is ev3 else m
            for m in REVIEW.meetings
        ),
    )
    programme = publishing.calendar_programme_view(linked, Audience.PUBLIC)
    assert programme.web_page == "https://example.org/review"
    links = {e.meeting.uid: e.joining_link for e in programme.events}
    assert links[ev3.uid] == "https://example.org/join"
    assert sum(1 for v in links.values() if v) == 1
    assert publishing.joining_link(linked, "ev3") == "https://example.org/join"
    with pytest.raises(ValueError, match="public or for the panel"):
        publishing.calendar_programme_view(linked, Audience.WITNESS)
