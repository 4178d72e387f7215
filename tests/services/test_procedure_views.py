"""The procedural record in each audience's view (issue 15, services/publishing.py and
services/procedure_views.py): attendance by item, substitutes, officers and others
present, declarations, quorum lost and regained, the exclusion minute, resolutions and
votes, running minute numbers across municipal years, standard items worded from the
record, whose copy a paper is, and approved minutes kept before version 6 still read.

Built from records alone (no database): one meeting with every piece, in both
audiences, with a marker ("SECRET") in every closed place.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, fields, is_dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

import jsonschema
import pytest

from scrutiny_desk.domain import procedure
from scrutiny_desk.domain.enums import (
    Access,
    AttendanceStatus,
    AttendeeKind,
    InterestCategory,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    StandardItem,
    VoteChoice,
)
from scrutiny_desk.domain.records import (
    AgendaItem,
    Attendance,
    Attendee,
    Declaration,
    Meeting,
    Member,
    MonthDay,
    Resolution,
    Review,
    Vote,
    Witness,
)
from scrutiny_desk.domain.view_codec import (
    MinutesSnapshot,
    SnapshotError,
    snapshot_from_plain,
    snapshot_plain,
)
from scrutiny_desk.domain.views import (
    AttendanceView,
    AttendeeView,
    Audience,
    DeclarationView,
    ItemView,
    MeetingView,
    ReportView,
    ResolutionView,
    VoteView,
)
from scrutiny_desk.resources_path import resource_path
from scrutiny_desk.services import publishing
from scrutiny_desk.services.approved_minutes import build_snapshot
from scrutiny_desk.services.container import Services

PARAGRAPH_3 = "Paragraph 3 of Part 1 of Schedule 12A"
SECRET = "SECRET"


def _item(key: str, title: str, **kw: Any) -> AgendaItem:
    return AgendaItem(key, title, kw.pop("kind", ItemKind.EVIDENCE), **kw)


def _meeting(key: str, start: datetime, items: int = 3, **kw: Any) -> Meeting:
    return Meeting(
        key,
        f"Meeting {key}",
        MeetingKind.EVIDENCE,
        start,
        start + timedelta(hours=2),
        uid=f"{key}@example.org",
        items=kw.pop("items_given", tuple(_item(f"{key}-{n}", f"Item {n}") for n in range(items))),
        **kw,
    )


def _review(**kw: Any) -> Review:
    """Four members (quorum three), a meeting in March 2027 (three items), the meeting
    under test on 20 April 2027 (the same municipal year), a cancelled one between (no
    minutes) and one on 20 May 2027 (the next municipal year)."""
    panel = (
        Member("ann", "Ann Archer", MemberRole.CHAIR),
        Member("bob", "Bob Baker"),
        Member("cat", "Cat Cole"),
        Member("dan", "Dan Dyer"),
    )
    items = (
        _item("apologies", "Apologies for absence", kind=ItemKind.PROCEDURAL,
              standard=StandardItem.APOLOGIES),
        _item("declarations", "Declarations of interest", kind=ItemKind.PROCEDURAL,
              standard=StandardItem.DECLARATIONS),
        _item("contract", f"{SECRET} Contract award", access=Access.CLOSED,
              public_title="Commercial matter", exemption=PARAGRAPH_3,
              closed_reason=f"{SECRET} reason", minute=f"{SECRET} minute",
              resolutions=(Resolution(f"That the {SECRET} contract be awarded",
                                      procedure.named_vote([("ann", VoteChoice.FOR)])),)),
        _item("treatment", "Treatment services", minute="The panel heard the evidence.",
              witnesses=("w",)),
        _item("housing", "Housing", resolutions=(
            Resolution("That the report be noted."),
            Resolution("That the Chair write to the Home Office.", procedure.named_vote(
                [("ann", VoteChoice.FOR), ("bob", VoteChoice.FOR),
                 ("eve", VoteChoice.AGAINST)])),
            Resolution("That the evidence be published.", Vote(2, 0, 1)),
        )),
    )  # fmt: skip
    meeting = _meeting(
        "m1",
        datetime(2027, 4, 20, 14),
        items_given=items,
        status=MeetingStatus.HELD,
        began=datetime(2027, 4, 20, 14, 2),
        ended=datetime(2027, 4, 20, 16, 32),
        agenda_published_on=date(2027, 4, 12),
        attendance=(
            Attendance("ann", AttendanceStatus.PRESENT),
            Attendance("bob", AttendanceStatus.PRESENT, arrived="housing"),
            Attendance("cat", AttendanceStatus.APOLOGIES),
            Attendance("dan", AttendanceStatus.PRESENT, left="declarations"),
        ),
        attendees=(
            Attendee("gus", AttendeeKind.ALSO_PRESENT, "Gus Green", "Ward councillor"),
            Attendee("fay", AttendeeKind.OFFICER, "Fay Ford", "Scrutiny Officer"),
            Attendee("eve", AttendeeKind.SUBSTITUTE, "Eve Evans", substitute_for="cat"),
        ),
        declarations=(
            Declaration("ann", "housing", "a trustee of a housing charity",
                        InterestCategory.OTHER_REGISTRABLE),
            Declaration("eve", "contract", f"{SECRET} nature",
                        InterestCategory.DISCLOSABLE_PECUNIARY, left_room=True),
            Declaration("eve", None, "a member of the Rotary Club",
                        InterestCategory.NON_REGISTRABLE),
        ),
    )  # fmt: skip
    return Review(
        "Drugs and crime",
        panel=panel,
        witnesses=(Witness("w", "Wendy West", "Director"),),
        meetings=(
            _meeting("m0", datetime(2027, 3, 1, 14)),
            _meeting("off", datetime(2027, 4, 1, 14), status=MeetingStatus.CANCELLED),
            meeting,
            _meeting("m2", datetime(2027, 5, 20, 14), items=2),
        ),
        **kw,
    )


def _views(review: Review | None = None, key: str = "m1") -> dict[Audience, MeetingView]:
    review = review or _review()
    return {a: publishing.meeting_view(review, key, a) for a in (Audience.PUBLIC, Audience.PANEL)}


def _by_title(view: MeetingView) -> dict[str, ItemView]:
    return {i.title: i for i in view.items}


def _text(view: MeetingView) -> str:
    return json.dumps(snapshot_plain(MinutesSnapshot(view, view))["public"], ensure_ascii=False)


# Attendance -----------------------------------------------------------------------------


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
def test_attendance_by_item_substitutes_officers_and_others_in_both_audiences(
    audience: Audience,
) -> None:
    view = _views()[audience]
    # Order of business: 1 apologies, 2 declarations, 3 treatment, 4 housing, 5 contract.
    assert [i.number for i in view.items] == [1, 2, 3, 4, 5]
    assert view.attendance == (
        AttendanceView("Ann Archer", MemberRole.CHAIR, AttendanceStatus.PRESENT),
        AttendanceView("Bob Baker", MemberRole.MEMBER, AttendanceStatus.PRESENT, arrived=4),
        AttendanceView(
            "Cat Cole", MemberRole.MEMBER, AttendanceStatus.APOLOGIES, substitute="Eve Evans"
        ),
        AttendanceView("Dan Dyer", MemberRole.MEMBER, AttendanceStatus.PRESENT, left=2),
    )
    assert view.attendees == (  # substitutes, officers, also present
        AttendeeView(AttendeeKind.SUBSTITUTE, "Eve Evans", None, substitute_for="Cat Cole"),
        AttendeeView(AttendeeKind.OFFICER, "Fay Ford", "Scrutiny Officer"),
        AttendeeView(AttendeeKind.ALSO_PRESENT, "Gus Green", "Ward councillor"),
    )
    assert view.began == datetime(2027, 4, 20, 14, 2)
    assert view.ended == datetime(2027, 4, 20, 16, 32)


def test_the_apologies_minute_is_worded_from_the_record_unless_the_clerk_wrote_one() -> None:
    for view in _views().values():
        apologies = _by_title(view)["Apologies for absence"]
        assert apologies.standard is StandardItem.APOLOGIES and apologies.worded
        assert apologies.minute == (
            "Apologies for absence were received from Cat Cole. "
            "Eve Evans attended as a substitute for Cat Cole."
        )
    review = _review()
    written = replace(
        review,
        meetings=tuple(
            replace(
                m,
                items=tuple(
                    replace(i, minute="Apologies were noted.") if i.key == "apologies" else i
                    for i in m.items
                ),
            )
            for m in review.meetings
        ),
    )
    item = _by_title(_views(written)[Audience.PUBLIC])["Apologies for absence"]
    assert (item.minute, item.worded) == ("Apologies were noted.", False)


def test_nothing_is_worded_before_attendance_is_recorded() -> None:
    review = _review()
    bare = replace(
        review,
        meetings=tuple(
            replace(m, attendance=(), attendees=(), declarations=()) if m.key == "m1" else m
            for m in review.meetings
        ),
    )
    view = _views(bare)[Audience.PANEL]
    assert [i.minute for i in view.items[:2]] == [None, None]
    assert all(i.present is None and i.quorate for i in view.items)
    assert view.quorum_notes == ()


# Declarations -------------------------------------------------------------------------


def test_declarations_in_full_for_the_panel() -> None:
    panel = _views()[Audience.PANEL]
    assert panel.declarations == (
        DeclarationView(
            "Ann Archer",
            4,
            "Housing",
            "a trustee of a housing charity",
            InterestCategory.OTHER_REGISTRABLE,
        ),
        DeclarationView(
            "Eve Evans",
            5,
            f"{SECRET} Contract award",
            f"{SECRET} nature",
            InterestCategory.DISCLOSABLE_PECUNIARY,
            left_room=True,
        ),
        DeclarationView(
            "Eve Evans", None, None, "a member of the Rotary Club", InterestCategory.NON_REGISTRABLE
        ),
    )
    minute = _by_title(panel)["Declarations of interest"].minute
    assert minute is not None
    assert (
        f"Eve Evans declared a disclosable pecuniary interest in item 5 ({SECRET} Contract "
        f"award) as {SECRET} nature, and left the room for that item." in minute
    )


def test_a_declaration_on_a_closed_item_shows_the_public_its_member_item_and_category() -> None:
    public = _views()[Audience.PUBLIC]
    closed = public.declarations[1]
    assert closed == DeclarationView(
        "Eve Evans",
        5,
        "Commercial matter",
        None,
        InterestCategory.DISCLOSABLE_PECUNIARY,
        left_room=True,
    )
    assert public.declarations[0].nature == "a trustee of a housing charity"  # open item
    minute = _by_title(public)["Declarations of interest"].minute
    assert minute == (
        "Ann Archer declared an other registrable interest in item 4 (Housing) as a trustee "
        "of a housing charity. Eve Evans declared a disclosable pecuniary interest in item 5 "
        "(Commercial matter), and left the room for that item. Eve Evans declared a "
        "non-registrable interest in the business of the meeting as a member of the Rotary "
        "Club."
    )
    assert SECRET not in _text(public)


def test_no_declarations_are_worded_as_none() -> None:
    review = _review()
    none = replace(
        review,
        meetings=tuple(replace(m, declarations=()) for m in review.meetings),
    )
    for view in _views(none).values():
        item = _by_title(view)["Declarations of interest"]
        assert item.minute == "There were no declarations of interest."


# Quorum -------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
def test_quorum_lost_and_regained(audience: Audience) -> None:
    view = _views()[audience]
    # Ann, Dan (until item 2) and Eve; Bob from item 4.
    assert [(i.number, i.present, i.quorate) for i in view.items] == [
        (1, 3, True),
        (2, 3, True),
        (3, 2, False),
        (4, 3, True),
        (5, 3, True),
    ]
    assert view.quorum == 3
    assert view.quorum_notes == (
        "The meeting was inquorate for item 3 (two members present; the quorum is three); "
        "it was quorate again from item 4.",
    )


def test_a_higher_quorum_lost_to_the_end() -> None:
    view = _views(_review(quorum=4))[Audience.PANEL]
    assert view.quorum_notes == (
        "The meeting was inquorate for items 1, 2, 3, 4 and 5 (two or three members present; "
        "the quorum is four).",
    )


# Exempt business ------------------------------------------------------------------------


def test_the_exclusion_minute_and_the_closed_items_title_in_both_audiences() -> None:
    views = _views()
    for view in views.values():
        assert view.exclusion_minute is not None
        assert view.exclusion_minute.startswith(
            "That under Section 100A(4) of the Local Government Act 1972 the press and public"
        )
        assert "paragraph 3 of Part 1 of Schedule 12A" in view.exclusion_minute
        assert view.exempt_paragraphs == (3,)
    public = views[Audience.PUBLIC].items[-1]
    assert (public.number, public.title, public.closed, public.exemption) == (
        5,
        "Commercial matter",
        True,
        PARAGRAPH_3,
    )
    assert public.minute is None and public.resolutions == () and public.reason is None
    panel = views[Audience.PANEL].items[-1]
    assert panel.minute == f"{SECRET} minute"
    assert panel.resolutions[0].text == f"That the {SECRET} contract be awarded"


def test_the_review_s_own_exclusion_wording_names_the_paragraphs() -> None:
    own = "That the public be excluded under paragraph {paragraphs}."
    for view in _views(_review(exclusion_resolution=own)).values():
        assert view.exclusion_minute == "That the public be excluded under paragraph 3."


def test_whose_copy_a_paper_is() -> None:
    views = _views()
    assert views[Audience.PUBLIC].copy_label is None
    assert (
        views[Audience.PANEL].copy_label == "PANEL COPY – contains exempt information (paragraph 3)"
    )
    open_only = _views(key="m0")
    assert open_only[Audience.PANEL].copy_label == "PANEL COPY"
    assert open_only[Audience.PANEL].exclusion_minute is None
    assert open_only[Audience.PUBLIC].exclusion_minute is None


def test_the_agenda_s_publication() -> None:
    view = _views()[Audience.PUBLIC]
    # Published Monday 12 April 2027 for Tuesday 20 April: 13-16 and 19 April are clear.
    assert (view.agenda_published_on, view.clear_days) == (date(2027, 4, 12), 5)
    assert _views(key="m0")[Audience.PUBLIC].clear_days is None
    # A date typed in the wrong year is printed, but its days are not counted (each
    # would be looked up among the bank holidays).
    review = _review()
    long_ago = replace(
        review,
        meetings=tuple(
            replace(m, agenda_published_on=date(2026, 4, 12)) if m.key == "m1" else m
            for m in review.meetings
        ),
    )
    view = _views(long_ago)[Audience.PUBLIC]
    assert (view.agenda_published_on, view.clear_days) == (date(2026, 4, 12), None)


# Resolutions and votes ------------------------------------------------------------------


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.PANEL])
def test_resolutions_and_votes_on_an_open_item(audience: Audience) -> None:
    housing = _by_title(_views()[audience])["Housing"]
    assert housing.resolutions == (
        ResolutionView("That the report be noted."),
        ResolutionView(
            "That the Chair write to the Home Office.",
            VoteView(2, 1, 0, ("Ann Archer", "Bob Baker"), ("Eve Evans",), ()),
        ),
        ResolutionView("That the evidence be published.", VoteView(2, 0, 1)),
    )


# Minute numbers -------------------------------------------------------------------------


def test_minute_numbers_run_through_the_municipal_year_and_start_again() -> None:
    review = _review()
    m0 = publishing.meeting_view(review, "m0", Audience.PUBLIC)
    m1 = _views(review)
    m2 = publishing.meeting_view(review, "m2", Audience.PUBLIC)
    assert [i.minute_number for i in m0.items] == ["1/26", "2/26", "3/26"]
    for view in m1.values():  # the cancelled meeting has no minutes and takes no numbers
        assert [i.minute_number for i in view.items] == ["4/26", "5/26", "6/26", "7/26", "8/26"]
    assert [i.minute_number for i in m2.items] == ["1/27", "2/27"]
    cancelled = publishing.meeting_view(review, "off", Audience.PUBLIC)
    assert [i.minute_number for i in cancelled.items] == [None, None, None]


def test_the_year_can_start_on_another_day_and_numbering_can_be_off() -> None:
    # The year from 1 April: the March meeting is in 2026/27, April's and May's in 2027/28.
    review = _review(year_start=MonthDay(4, 1))
    assert [i.minute_number for i in _views(review)[Audience.PANEL].items][:2] == ["1/27", "2/27"]
    off = _views(_review(minute_numbers=False))
    assert all(i.minute_number is None for v in off.values() for i in v.items)


def test_a_review_cut_down_to_the_meeting_is_numbered_from_the_first_minute_given() -> None:
    review = _review()
    cut = replace(review, meetings=tuple(m for m in review.meetings if m.key == "m1"))
    whole = publishing.meeting_view(review, "m1", Audience.PANEL)
    assert publishing.meeting_view(cut, "m1", Audience.PANEL, first_minute=4) == whole
    assert publishing.meeting_view(cut, "m1", Audience.PANEL).items[0].minute_number == "1/26"
    snapshot = build_snapshot(cut, "m1", first_minute=4)
    assert snapshot == MinutesSnapshot(_views(review)[Audience.PUBLIC], whole)


def test_approved_minutes_keep_the_numbers_they_were_approved_with(
    sqlite_services: Services,
) -> None:
    """Approving stores the numbered views (the store counts the first minute from the
    review's other meetings); a meeting added earlier in the municipal year renumbers
    the draft minutes, never the approved ones."""
    services = sqlite_services
    review_id = services.reviews.import_sample()
    recs = services.meeting_edits.find(review_id, "recs")  # 14 May 2007: first of 2007/08
    drafted = services.minutes.printed(recs.id, Audience.PANEL)
    numbers = [f"{n}/07" for n in range(1, len(drafted.items) + 1)]
    assert [i.minute_number for i in drafted.items] == numbers
    version = services.minutes.minutes(recs.id).version
    services.minutes.approve_minutes(recs.id, version, date(2007, 7, 9))
    earlier = services.meeting_edits.create_meeting(
        review_id,
        "Extra meeting",
        MeetingKind.DELIBERATIVE,
        datetime(2007, 5, 8, 14),
        datetime(2007, 5, 8, 16),
        status=MeetingStatus.HELD,
    )
    services.agenda.add_item(earlier.id, "Urgent business")
    for audience in (Audience.PUBLIC, Audience.PANEL):
        kept = services.minutes.printed(recs.id, audience)
        assert [i.minute_number for i in kept.items] == numbers
    assert [
        i.minute_number for i in services.minutes.printed(earlier.id, Audience.PUBLIC).items
    ] == ["1/07"]
    services.minutes.reopen_minutes(
        recs.id, services.minutes.minutes(recs.id).version, "A correction"
    )
    renumbered = services.minutes.printed(recs.id, Audience.PANEL)
    assert [i.minute_number for i in renumbered.items] == [
        f"{n}/07" for n in range(2, len(drafted.items) + 2)
    ]


# A witness's papers, and calendars showing public titles only ------------------------


def test_a_witness_s_papers_carry_none_of_the_record() -> None:
    view = publishing.witness_view(_review(), "m1", "w").meeting
    assert (view.attendance, view.attendees, view.declarations) == ((), (), ())
    assert view.exclusion_minute is None and view.copy_label is None and view.quorum is None
    assert all(i.resolutions == () for i in view.items)


def test_a_calendar_with_public_titles_withholds_the_nature_on_a_closed_item() -> None:
    calendar = publishing.calendar_view(_review(), "m1").meeting
    assert calendar.declarations[1].nature is None
    assert calendar.copy_label == "PANEL COPY"  # it shows no closed business
    assert SECRET not in _text(calendar)


# Approved minutes kept before version 6 -------------------------------------------------

NEW_MEETING_FIELDS = (
    "began", "ended", "attendees", "declarations", "quorum", "quorum_notes",
    "agenda_published_on", "clear_days", "exempt_paragraphs", "copy_label", "exclusion_minute",
)  # fmt: skip
NEW_ITEM_FIELDS = ("resolutions", "minute_number", "present", "quorate", "standard", "worded")


def test_a_snapshot_kept_before_version_6_still_reads_with_the_defaults() -> None:
    plain = snapshot_plain(build_snapshot(_review(), "m1"))
    for view in plain.values():
        for name in NEW_MEETING_FIELDS:
            del view[name]
        for item in view["items"]:
            for name in NEW_ITEM_FIELDS:
                del item[name]
        for a in view["attendance"]:
            del a["arrived"], a["left"], a["substitute"]
    old = snapshot_from_plain(plain)
    assert old.panel.attendees == () and old.panel.exclusion_minute is None
    assert [i.minute_number for i in old.panel.items] == [None] * 5
    assert all(i.quorate and i.resolutions == () for i in old.public.items)
    assert old.panel.attendance[1].arrived is None
    # A version 6 snapshot reads back as it was written, and a wrong value is named.
    kept = build_snapshot(_review(), "m1")
    assert snapshot_from_plain(snapshot_plain(kept)) == kept
    broken = snapshot_plain(kept)
    broken["panel"]["items"][4]["resolutions"][0]["vote"]["for_names"] = [1]
    with pytest.raises(SnapshotError, match=r"panel\.items\[4\]\.resolutions\[0\]\.vote"):
        snapshot_from_plain(broken)


# The format's JSON Schema describes the views exactly ----------------------------------

SCHEMA_DEFS = {
    MeetingView: "meetingView",
    ItemView: "itemView",
    AttendanceView: "attendanceView",
    AttendeeView: "attendeeView",
    DeclarationView: "declarationView",
    ResolutionView: "resolutionView",
    VoteView: "voteView",
}
V7_SCHEMA_DEFS = {**SCHEMA_DEFS, ReportView: "reportView"}
#: the views' fields version 7 added, which version 6's schema does not know
V7_FIELDS = {MeetingView: ("title_cy", "urgency"), ItemView: ("title_cy", "reports")}
#: the views' fields version 8 added, which versions 6 and 7's schemas do not know
V8_FIELDS = {ItemView: ("considered",)}


def _schema(version: int) -> dict[str, Any]:
    path = resource_path(f"schema/review-format-v{version}.schema.json")
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def _names_every_field(record: type, version: int, defs: dict[type, str]) -> None:
    assert is_dataclass(record)
    definition = _schema(version)["$defs"][defs[record]]
    later = (V7_FIELDS.get(record, ()) if version == 6 else ()) + (
        V8_FIELDS.get(record, ()) if version <= 7 else ()
    )
    names = [f.name for f in fields(record) if f.name not in later]
    assert sorted(definition["properties"]) == sorted(names)
    without_default = {
        f.name for f in fields(record) if f.default is MISSING and f.default_factory is MISSING
    }
    assert set(definition["required"]) <= set(names)
    assert without_default <= set(definition["required"])


@pytest.mark.parametrize("record", list(SCHEMA_DEFS), ids=lambda r: r.__name__)
def test_the_v6_schema_s_view_defs_name_every_field_but_version_7_s(record: type) -> None:
    _names_every_field(record, 6, SCHEMA_DEFS)


@pytest.mark.parametrize("record", list(V7_SCHEMA_DEFS), ids=lambda r: r.__name__)
def test_the_v7_schema_s_view_defs_name_every_field(record: type) -> None:
    _names_every_field(record, 7, V7_SCHEMA_DEFS)


@pytest.mark.parametrize("record", list(V7_SCHEMA_DEFS), ids=lambda r: r.__name__)
def test_the_v8_schema_s_view_defs_name_every_field(record: type) -> None:
    _names_every_field(record, 8, V7_SCHEMA_DEFS)


def _validator(version: int) -> jsonschema.Draft202012Validator:
    schema = _schema(version)
    snapshot = schema["$defs"]["minutesSnapshot"]
    return jsonschema.Draft202012Validator({**snapshot, "$defs": schema["$defs"]})


def test_the_v6_schema_accepts_the_views_as_version_6_kept_them() -> None:
    validator = _validator(6)
    plain = snapshot_plain(build_snapshot(_review(), "m1"))
    for view in plain.values():
        for name in V7_FIELDS[MeetingView]:
            del view[name]
        for item in view["items"]:
            for name in V7_FIELDS[ItemView] + V8_FIELDS[ItemView]:
                del item[name]
    assert list(validator.iter_errors(plain)) == []
    old = snapshot_from_plain(plain)  # kept before version 7: read with the defaults
    assert (old.panel.title_cy, old.panel.urgency) == (None, None)
    assert all(i.title_cy is None and i.reports == () for i in old.panel.items)
    plain["public"]["declarations"][0]["secret"] = SECRET
    assert [e.validator for e in validator.iter_errors(plain)] == ["additionalProperties"]


def test_the_v7_schema_accepts_the_views_and_refuses_a_stray_field() -> None:
    validator = _validator(7)
    review = _review()
    meetings = tuple(
        replace(
            m,
            title_cy="Cyfarfod",
            urgency="The report came late",
            items=tuple(replace(i, title_cy=f"Eitem {i.key}") for i in m.items),
        )
        if m.key == "m1"
        else m
        for m in review.meetings
    )
    plain = snapshot_plain(build_snapshot(replace(review, meetings=meetings), "m1"))
    for view in plain.values():  # as version 7 kept them: without what version 8 added
        for item in view["items"]:
            for name in V8_FIELDS[ItemView]:
                del item[name]
    assert plain["panel"]["title_cy"] == "Cyfarfod"
    assert plain["panel"]["urgency"] == "The report came late"
    assert list(validator.iter_errors(plain)) == []
    plain["public"]["items"][0]["reports"] = [{"key": "r", "title": "R", "late": True}]
    assert list(validator.iter_errors(plain)) == []
    plain["public"]["items"][0]["reports"][0]["secret"] = SECRET
    assert [e.validator for e in validator.iter_errors(plain)] == ["additionalProperties"]
    # version 6 refuses what version 7 added
    assert {e.validator for e in _validator(6).iter_errors(plain)} == {"additionalProperties"}
