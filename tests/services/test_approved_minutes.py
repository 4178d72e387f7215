"""Approved minutes stay as approved (issue 10).

While a meeting's minutes are approved, every edit that would change them is refused
in the services (so the window and the command line behave alike), with a message
saying to reopen the minutes first, and nothing in the database changes; the approved
minutes of both audiences print byte for byte the same after every refused edit and
after edits the minutes do not stop (the witness register). After reopening, each edit
goes through. A meeting that did not take place has no minutes to export.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from scrutiny_desk.domain.agenda_records import MinutesLockedError
from scrutiny_desk.domain.enums import (
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MinutesEvent,
    MinutesStatus,
    StandardItem,
)
from scrutiny_desk.domain.errors import ExportError, ValidationError
from scrutiny_desk.domain.people_records import WitnessChanges
from scrutiny_desk.domain.procedure_records import (
    AttendeeChanges,
    DeclarationChanges,
    InterestChanges,
)
from scrutiny_desk.domain.records import Vote
from scrutiny_desk.domain.views import Audience
from scrutiny_desk.services import codec
from scrutiny_desk.services.actions import ActionChanges
from scrutiny_desk.services.agenda import ItemChanges
from scrutiny_desk.services.container import Services
from scrutiny_desk.services.exporting import ExportService
from scrutiny_desk.services.meetings import MeetingChanges

from .old_versions import as_version_6, as_version_7, as_version_8

REVIEW = 1
MEETING = "ev3"  # approved on 16 April 2007; "ev3-user" is heard in private
REOPEN_FIRST = "reopen the minutes first"


@pytest.fixture
def sample(sample_id: int) -> int:
    assert sample_id == REVIEW
    return sample_id


def _meeting_id(services: Services, key: str = MEETING) -> int:
    return services.meeting_edits.find(REVIEW, key).id


def _item(services: Services, key: str):  # type: ignore[no-untyped-def]
    return services.agenda.find(REVIEW, key)


def _meeting_version(services: Services) -> int:
    return services.meetings.get(_meeting_id(services)).version


def _action(services: Services):  # type: ignore[no-untyped-def]
    return next(a for a in services.actions.for_meeting(_meeting_id(services)))


def _attendance(services: Services):  # type: ignore[no-untyped-def]
    return services.minutes.attendance(_meeting_id(services))[0]


def _reschedule(services: Services) -> None:
    meeting = services.meetings.get(_meeting_id(services))
    services.meeting_edits.edit_meeting(
        meeting.id,
        meeting.version,
        MeetingChanges(start=datetime(2007, 3, 26, 13, 0), end=datetime(2007, 3, 26, 17, 0)),
    )


#: Every edit that changes what a meeting's minutes print. Later issues that add data
#: the minutes print extend this table (one row each): refused while approved, allowed
#: after reopening.
EDITS: dict[str, Callable[[Services], object]] = {
    "item title": lambda s: s.agenda.update_item(
        (i := _item(s, "ev3-cps")).id, i.version, ItemChanges(title="Evidence from the CPS")
    ),
    "item kind": lambda s: s.agenda.update_item(
        (i := _item(s, "ev3-cps")).id, i.version, ItemChanges(kind=ItemKind.REPORT)
    ),
    "item slot": lambda s: s.agenda.update_item(
        (i := _item(s, "ev3-cps")).id, i.version, ItemChanges(start=None, end=None)
    ),
    "close an item (access)": lambda s: s.agenda.close_item(
        (i := _item(s, "ev3-probation")).id, i.version, "The witness asked to be heard in private"
    ),
    "open a closed item (access)": lambda s: s.agenda.reopen_item(
        (i := _item(s, "ev3-user")).id, i.version
    ),
    "public title": lambda s: s.agenda.close_item(
        (i := _item(s, "ev3-user")).id,
        i.version,
        i.closed_reason or "",
        i.exemption,
        "Evidence from a member of the public",
    ),
    "exemption": lambda s: s.agenda.close_item(
        (i := _item(s, "ev3-user")).id, i.version, i.closed_reason or "", "Paragraph 7", None
    ),
    "minutes text": lambda s: s.minutes.set_minute(
        (i := _item(s, "ev3-cps")).id, i.version, "A different minute."
    ),
    "witnesses of an item": lambda s: s.agenda.set_item_witnesses(
        (i := _item(s, "ev3-cps")).id, i.version, ["cps", "probation"]
    ),
    "terms of reference of an item": lambda s: s.agenda.set_item_tor(
        (i := _item(s, "ev3-cps")).id, i.version, ["justice"]
    ),
    "add an item": lambda s: s.agenda.add_item(_meeting_id(s), "Any other business"),
    "add the standard items": lambda s: s.agenda.add_standard_items(_meeting_id(s)),
    "remove an item": lambda s: s.agenda.remove_item(
        (i := _item(s, "ev3-probation")).id, i.version
    ),
    "move an item": lambda s: s.agenda.move_item((i := _item(s, "ev3-cps")).id, i.version, 0),
    "attendance": lambda s: s.minutes.set_attendance(
        _meeting_id(s),
        (a := _attendance(s)).member_key,
        AttendanceStatus.ABSENT,
        a.version,
    ),
    "add an action": lambda s: s.actions.add_action(_meeting_id(s), "Write to the CPS"),
    "change an action": lambda s: s.actions.update_action(
        (a := _action(s)).id, a.version, ActionChanges(text="Changed")
    ),
    "delete an action": lambda s: s.actions.delete_action((a := _action(s)).id, a.version),
    "meeting title": lambda s: s.meeting_edits.edit_meeting(
        _meeting_id(s), _meeting_version(s), MeetingChanges(title="Evidence session 3")
    ),
    "meeting kind": lambda s: s.meeting_edits.edit_meeting(
        _meeting_id(s), _meeting_version(s), MeetingChanges(kind=MeetingKind.OTHER)
    ),
    "meeting venue": lambda s: s.meeting_edits.edit_meeting(
        _meeting_id(s), _meeting_version(s), MeetingChanges(venue="Committee Room 2")
    ),
    "meeting times": _reschedule,
    # issue 15: the procedural record
    "add a substitute": lambda s: s.attendees.add_attendee(
        _meeting_id(s), AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="mccartney"
    ),
    "arrival and departure by item": lambda s: s.attendees.set_stay(
        _meeting_id(s), (a := _attendance(s)).member_key, None, "ev3-cps", a.version or 0
    ),
    "when the meeting began and ended": lambda s: s.attendees.set_times(
        _meeting_id(s), _meeting_version(s), datetime(2007, 3, 26, 14, 5), None
    ),
    "add a declaration": lambda s: s.declarations.add_declaration(
        _meeting_id(s), "sumray", "ev3-cps", "Trustee", InterestCategory.OTHER_REGISTRABLE
    ),
    "add a resolution": lambda s: s.resolutions.add_resolution(
        _item(s, "ev3-cps").id, "That the evidence be noted.", Vote(4, 0, 0)
    ),
    "standard item mark": lambda s: s.agenda.update_item(
        (i := _item(s, "ev3-cps")).id, i.version, ItemChanges(standard=StandardItem.APOLOGIES)
    ),
    "meeting status": lambda s: s.meeting_edits.edit_meeting(
        _meeting_id(s), _meeting_version(s), MeetingChanges(status=MeetingStatus.SCHEDULED)
    ),
}


def _pdfs(services: Services, folder: Path) -> dict[Audience, bytes]:
    """Both audiences' minutes, made at one fixed moment (a PDF says when it was made)."""
    exports = ExportService(services.db, clock=lambda: datetime(2007, 5, 1, 9, 0, tzinfo=UTC))
    out = {}
    for audience in (Audience.PUBLIC, Audience.PANEL):
        path = exports.minutes(_meeting_id(services), audience, folder / f"{audience.value}.pdf")
        out[audience] = path.read_bytes()
    return out


def _reopen(services: Services, reason: str = "A correction") -> None:
    meeting_id = _meeting_id(services)
    services.minutes.reopen_minutes(
        meeting_id, services.minutes.minutes(meeting_id).version, reason
    )


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_an_edit_of_approved_minutes_waits_until_they_are_reopened(
    services: Services, sample: int, tmp_path: Path, edit: Callable[[Services], object]
) -> None:
    before = services.reviews.export_bytes(sample)
    printed = _pdfs(services, tmp_path)
    with pytest.raises(MinutesLockedError) as refused:
        edit(services)
    assert REOPEN_FIRST in str(refused.value)
    assert str(refused.value).startswith(
        'The minutes of "Evidence session 3: criminal justice and treatment" were approved '
        "on 16 April 2007"
    )
    assert services.reviews.export_bytes(sample) == before  # no row changed
    assert _pdfs(services, tmp_path) == printed  # byte for byte, both audiences

    _reopen(services)
    edit(services)  # allowed now
    assert services.reviews.export_bytes(sample) != before


def test_the_procedural_record_of_approved_minutes_is_frozen_until_reopened(
    services: Services, sample: int
) -> None:
    """Issue 15: the people, declarations, resolutions and votes of approved minutes
    cannot be changed, removed or put back until the minutes are reopened; the register
    of interests is not the minutes and still changes."""
    meeting = _meeting_id(services)
    _reopen(services)
    sub = services.attendees.add_attendee(
        meeting, AttendeeKind.SUBSTITUTE, "Cllr A", substitute_for="mccartney"
    )
    declared = services.declarations.add_declaration(
        meeting, sub.key, None, "Lives nearby", InterestCategory.NON_REGISTRABLE
    )
    item = _item(services, "ev3-cps")
    resolved = services.resolutions.add_resolution(item.id, "That it be noted.", Vote(3, 0, 0))
    interest = services.interests.add_interest(
        REVIEW, "sumray", "Trustee", InterestCategory.OTHER_REGISTRABLE
    )
    version = services.minutes.minutes(meeting).version
    services.minutes.approve_minutes(meeting, version, date(2007, 4, 16), "visit")

    reads = (
        lambda: services.attendees.attendees(meeting),
        lambda: services.declarations.declarations(meeting),
        lambda: services.resolutions.resolutions(item.id),
        lambda: services.attendees.times(meeting),
        lambda: services.minutes.attendance(meeting),
    )
    before = [read() for read in reads]
    refused: list[Callable[[], object]] = [
        lambda: services.attendees.update_attendee(
            sub.id, sub.version, AttendeeChanges(name="Cllr B")
        ),
        lambda: services.attendees.remove_attendee(sub.id, sub.version),
        lambda: services.declarations.update_declaration(
            declared.id, declared.version, DeclarationChanges(left_room=True)
        ),
        lambda: services.declarations.remove_declaration(declared.id, declared.version),
        lambda: services.resolutions.update_resolution(resolved.id, resolved.version, vote=None),
        lambda: services.resolutions.move_resolution(resolved.id, resolved.version, 0),
        lambda: services.resolutions.remove_resolution(resolved.id, resolved.version),
    ]
    for edit in refused:
        with pytest.raises(MinutesLockedError, match=REOPEN_FIRST):
            edit()
    assert [read() for read in reads] == before  # no row changed

    services.interests.update_interest(interest.id, interest.version, InterestChanges(text="x"))
    _reopen(services)
    snapshot = services.attendees.remove_attendee(sub.id, sub.version)
    version = services.minutes.minutes(meeting).version
    services.minutes.approve_minutes(meeting, version, date(2007, 4, 16), "visit")
    with pytest.raises(MinutesLockedError, match=REOPEN_FIRST):
        services.attendees.restore_attendee(snapshot)
    assert services.attendees.attendees(meeting) == []


def test_the_witness_register_never_alters_approved_minutes(
    services: Services, sample: int, tmp_path: Path
) -> None:
    printed = _pdfs(services, tmp_path)
    cps = services.witness_edits.find_witness(REVIEW, "cps")
    services.witness_edits.update_witness(
        cps.id, cps.version, WitnessChanges(name="Someone Else Entirely")
    )
    user = services.witness_edits.find_witness(REVIEW, "user")
    services.witness_edits.remove_witness(user.id, user.version)
    assert _pdfs(services, tmp_path) == printed
    panel = services.minutes.printed(_meeting_id(services), Audience.PANEL)
    cps_item = next(i for i in panel.items if i.title.startswith("Evidence from the Crown"))
    assert "Someone Else Entirely" not in {w.name for w in cps_item.witnesses}
    # A draft is built from the data as it is: after reopening, the new name shows.
    _reopen(services)
    redrafted = services.minutes.printed(_meeting_id(services), Audience.PANEL)
    names = {w.name for i in redrafted.items for w in i.witnesses}
    assert "Someone Else Entirely" in names


def test_reopening_needs_a_reason_and_records_who_when_why_and_what(
    services: Services, sample: int
) -> None:
    meeting_id = _meeting_id(services)
    approved = services.minutes.minutes(meeting_id)
    assert approved.snapshot is not None  # built from the sample's data at import
    before = services.reviews.export_bytes(sample)
    for blank in ("", "   \n"):
        with pytest.raises(ValidationError, match="reason: say why the minutes are reopened"):
            services.minutes.reopen_minutes(meeting_id, approved.version, blank)
    assert services.reviews.export_bytes(sample) == before
    services.db.user = "Clerk Two"
    reopened = services.minutes.reopen_minutes(
        meeting_id, approved.version, "The CPS witness's title was wrong"
    )
    entry = reopened.history[-1]
    assert (entry.event, entry.by, entry.note) == (
        MinutesEvent.REOPENED,
        "Clerk Two",
        "The CPS witness's title was wrong",
    )
    assert entry.at.tzinfo is not None and entry.at.year >= 2026
    assert entry.snapshot == approved.snapshot
    assert reopened.status is MinutesStatus.DRAFT and reopened.snapshot is None
    # The history survives an export and an import, snapshot included.
    document = services.reviews.document(sample)
    stored = next(m for m in document.meetings if m.key == MEETING)
    assert stored.minutes_history[-1] == entry and stored.minutes_snapshot is None


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "read.pdf"
    path.write_bytes(pdf)
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_opening_a_closed_item_cannot_publish_it_under_an_approved_heading(
    services: Services, sample: int, tmp_path: Path
) -> None:
    """The issue's scenario: after approval, one click on Reopen for a closed item put
    its real title, its witness and its minute into public minutes still headed
    "Approved on ..."."""
    closed = _item(services, "ev3-user")
    public = _text(_pdfs(services, tmp_path)[Audience.PUBLIC], tmp_path)
    assert "Approved on" in public or "approved" in public.lower()
    assert "former drug user" not in public
    with pytest.raises(MinutesLockedError, match=REOPEN_FIRST):
        services.agenda.reopen_item(closed.id, closed.version)
    assert _text(_pdfs(services, tmp_path)[Audience.PUBLIC], tmp_path) == public

    _reopen(services, "The item can now be heard in public")
    closed = _item(services, "ev3-user")
    services.agenda.reopen_item(closed.id, closed.version)
    now = _text(_pdfs(services, tmp_path)[Audience.PUBLIC], tmp_path)
    assert "Approved on" not in now
    assert "DRAFT" in now
    assert "former drug user" in now  # public now, but only as a draft


def test_approving_again_keeps_a_new_record(
    services: Services, sample: int, tmp_path: Path
) -> None:
    first = _pdfs(services, tmp_path)
    _reopen(services)
    item = _item(services, "ev3-cps")
    services.minutes.set_minute(item.id, item.version, "A corrected minute.")
    meeting_id = _meeting_id(services)
    record = services.minutes.minutes(meeting_id)
    services.minutes.approve_minutes(meeting_id, record.version, date(2007, 4, 23))
    again = _pdfs(services, tmp_path)
    assert again[Audience.PANEL] != first[Audience.PANEL]
    assert "A corrected minute." in _text(again[Audience.PANEL], tmp_path)
    assert "23 April 2007" in _text(again[Audience.PUBLIC], tmp_path)
    history = services.minutes.minutes(meeting_id).history
    assert [h.event for h in history][-2:] == [MinutesEvent.REOPENED, MinutesEvent.APPROVED]


@pytest.mark.parametrize(("key", "status"), [("ev2", "cancelled"), ("responses", "postponed")])
def test_a_meeting_that_did_not_take_place_has_no_minutes(
    services: Services, sample: int, tmp_path: Path, key: str, status: str
) -> None:
    meeting_id = _meeting_id(services, key)
    target = tmp_path / "minutes.pdf"
    with pytest.raises(ExportError, match=f"was {status}, so it has no minutes"):
        services.exports.minutes(meeting_id, Audience.PUBLIC, target)
    assert not target.exists()
    with pytest.raises(ValidationError, match="has no minutes"):
        services.minutes.printed(meeting_id, Audience.PANEL)


# The interchange format, version 4 -----------------------------------------------------


def test_version_4_carries_the_approved_minutes_and_round_trips_byte_for_byte(
    services: Services, sample: int
) -> None:
    _reopen(services, "Kept in the history")  # a reopening with the minutes it set aside
    first = services.reviews.export_bytes(sample)
    written = json.loads(first)
    assert written["version"] == codec.CURRENT_VERSION  # 4 carried them first
    ev3 = next(m for m in written["review"]["meetings"] if m["key"] == MEETING)
    assert "minutes_locked" not in ev3 and ev3["minutes_snapshot"] is None
    reopened = ev3["minutes_history"][-1]
    assert reopened["event"] == "reopened" and reopened["note"] == "Kept in the history"
    assert reopened["snapshot"]["public"]["audience"] == "public"
    ev1 = next(m for m in written["review"]["meetings"] if m["key"] == "ev1")
    # v5 after it, then v6 and v7
    assert list(ev1)[-9:-6] == ["minutes_snapshot", "joining_link", "issued"]
    assert ev1["minutes_snapshot"]["panel"]["items"]
    services.reviews.delete(sample)
    again = services.reviews.import_bytes(first)
    assert services.reviews.export_bytes(again) == first


#: how an export writes a review's report that holds nothing (version 8)
EMPTY_REPORT = {
    "title": None,
    "paragraphs": [],
    "versions": [],
    "comments": [],
    "considerations": [],
    "submitted_on": None,
    "submitted_to": None,
    "response_months": 2,
}


def _without_procedure(data: bytes) -> dict[str, Any]:
    """An export without the procedural record version 6 added (the sample's is at its
    draft "recs" meeting; the standard marks, derived from titles before, stay), nor
    what version 7 added (the sample's report, at the same meeting), nor what version 8
    added (the review's report and the responses to its recommendations)."""
    document = json.loads(data)
    document["review"]["interests"] = []
    document["review"]["report"] = EMPTY_REPORT
    for recommendation in document["review"]["recommendations"]:
        recommendation.update(response_due=None, responded_on=None, response_outcome=None)
    document["review"].update(language="en", country="england")
    for meeting in document["review"]["meetings"]:
        meeting.update(began=None, ended=None, attendees=[], declarations=[])
        meeting.update(title_cy=None, urgency=None)
        for attendance in meeting["attendance"]:
            attendance.update(arrived=None, left=None)
        for item in meeting["items"]:
            item["resolutions"] = []
            item.update(title_cy=None, public_title_cy=None, reports=[])
    return document


def _as_version_3(data: bytes) -> bytes:
    """A version 4 export written as version 3 would have it: no snapshots, and the
    approved minutes approved but not locked (nor what versions 5, 6 and 7 added)."""
    document = as_version_6(as_version_7(as_version_8(_without_procedure(data))))
    document["version"] = 3
    for name in ("web_page", "calendar_public_titles"):
        assert document["review"].pop(name) in (None, True)
    assert [document["review"].pop(name) for name in ("quorum", "minute_numbers")] == [3, True]
    assert document["review"].pop("year_start") == {"month": 5, "day": 1}
    assert document["review"].pop("interests") == []
    for meeting in document["review"]["meetings"]:
        assert (meeting.pop("joining_link"), meeting.pop("issued")) == (None, [])
        for name in ("began", "ended", "attendees", "declarations"):
            meeting.pop(name)
        for attendance in meeting["attendance"]:
            del attendance["arrived"], attendance["left"]
        for item in meeting["items"]:
            del item["resolutions"], item["standard"]
        snapshot = meeting.pop("minutes_snapshot")
        meeting["minutes_locked"] = False if snapshot is not None else None
        for entry in meeting["minutes_history"]:
            entry.pop("snapshot")
    return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8")


def test_a_version_3_file_gets_its_approved_minutes_kept_at_import(
    services: Services, sample: int
) -> None:
    current = services.reviews.export_bytes(sample)
    old = _as_version_3(current)
    services.reviews.delete(sample)
    review_id = services.reviews.import_bytes(old)
    approved = [
        m for m in services.meetings.list(review_id) if m.minutes_status is MinutesStatus.APPROVED
    ]
    assert len(approved) == 5
    for meeting in approved:  # approved but unlocked in the file: approved, and frozen
        record = services.minutes.minutes(meeting.id)
        assert record.locked and record.snapshot is not None
    exported = json.loads(services.reviews.export_bytes(review_id))
    expected = _without_procedure(current)  # nothing else lost
    built = [m.pop("minutes_snapshot") for m in exported["review"]["meetings"]]
    kept = [m.pop("minutes_snapshot") for m in expected["review"]["meetings"]]
    assert exported == expected
    # the minutes built at import print the items the kept ones print (what views add
    # since, such as minute numbers, aside)
    assert list(map(_printed_items, built)) == list(map(_printed_items, kept))
    assert sum(1 for b in built if b) == 5


def _printed_items(snapshot: dict[str, Any] | None) -> list[tuple[Any, ...]]:
    if snapshot is None:
        return []
    return [
        (audience, i["number"], i["title"], i["closed"], i["minute"])
        for audience in ("public", "panel")
        for i in snapshot[audience]["items"]
    ]


def test_a_version_4_file_is_checked(services: Services, sample: int) -> None:
    document = json.loads(services.reviews.export_bytes(sample))
    meeting = document["review"]["meetings"][1]
    meeting["minutes_locked"] = True
    meeting["minutes_snapshot"]["panel"]["items"][0]["number"] = "one"
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    message = str(caught.value)
    assert 'review.meetings[1]: unknown field "minutes_locked"' in message
    del meeting["minutes_locked"]
    with pytest.raises(ValidationError) as caught:
        codec.decode(json.dumps(document).encode("utf-8"))
    assert "review.meetings[1].minutes_snapshot.panel.items[0].number" in str(caught.value)
    draft = document["review"]["meetings"][6]
    assert draft["minutes_status"] == "draft"
    draft["minutes_snapshot"] = meeting["minutes_snapshot"]
    meeting["minutes_snapshot"]["panel"]["items"][0]["number"] = 1
    with pytest.raises(ValidationError, match="minutes_snapshot: only approved minutes"):
        codec.decode(json.dumps(document).encode("utf-8"))
