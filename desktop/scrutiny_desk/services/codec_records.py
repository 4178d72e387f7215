"""Reading the interchange format: schema-valid JSON into the domain's records.

``codec`` has checked the file's structure against its version's JSON Schema before
this runs; what is left to find here are dates and times that do not parse, attached
files that are not base64 and approved minutes that do not read, each collected with
its path so that every problem is reported at once.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from ..domain.enums import (
    Access,
    ActionStatus,
    AttendanceStatus,
    AttendeeKind,
    ConsiderationOutcome,
    Country,
    EvidenceKind,
    InterestCategory,
    InvitationState,
    ItemKind,
    MeetingKind,
    MeetingStatus,
    MemberRole,
    MinutesEvent,
    MinutesStatus,
    PaperLanguage,
    RecommendationStatus,
    ReportPurpose,
    ResponseOutcome,
    ReviewStatus,
    StandardItem,
    VoteChoice,
)
from ..domain.errors import Problem
from ..domain.invitation_records import CalendarIssue, IssuedTo, IssueKind, PersonKind
from ..domain.localtime import DEFAULT_TIMEZONE, parse_date, parse_instant, parse_local
from ..domain.procedure import standard_item_for
from ..domain.records import (
    DEFAULT_CLEAR_DAYS,
    DEFAULT_QUORUM,
    DEFAULT_RESPONSE_MONTHS,
    MAY_DAY,
    Action,
    AgendaItem,
    Attendance,
    Attendee,
    Contact,
    Declaration,
    Evidence,
    EvidenceFile,
    Exclusion,
    Interest,
    Interface,
    ItemReport,
    Meeting,
    Member,
    Milestone,
    MinutesHistoryEntry,
    MonthDay,
    Note,
    ProgressUpdate,
    Recommendation,
    ReportComment,
    ReportConsideration,
    ReportParagraph,
    ReportVersion,
    Resolution,
    Review,
    ReviewReport,
    TorItem,
    Vote,
    VoteCast,
    Witness,
)
from ..domain.view_codec import (
    MinutesSnapshot,
    SnapshotError,
    report_from_plain,
    snapshot_from_plain,
)

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # stands in for a value already reported bad


@cache
def _members(kind: type[E]) -> dict[Any, E]:
    return {member.value: member for member in kind}


def _enum(kind: type[E], value: Any) -> E:
    """``kind(value)``, a third of the time for the values it has (a review's notes
    and items are tens of thousands of them); any other value is ``kind``'s to refuse."""
    try:
        member: E = _members(kind)[value]
    except (KeyError, TypeError):
        return kind(value)
    return member


class Reader:
    """Turns schema-valid JSON into records, collecting date and time problems."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.problems: list[Problem] = []

    def _parse(self, parse: Callable[[str], T], value: Any, path: str) -> T | None:
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.problems.append(Problem(path, str(exc)))
            return None

    def _parse_in(
        self, parse: Callable[[str], T], value: Any, where: str, n: int, field: str
    ) -> T | None:
        """``_parse`` of ``field`` of the ``n``th record of the list at ``where``: its
        path made only for a problem (a review has tens of thousands of such values)."""
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            self.problems.append(Problem(f"{where}[{n}].{field}", str(exc)))
            return None

    def _local(self, value: Any, path: str) -> datetime:
        return self._parse(parse_local, value, path) or datetime(2000, 1, 1)

    def review(self, r: dict[str, Any]) -> Review:
        p = "review"
        notes_at = f"{p}.notes"
        contact = r.get("contact")
        return Review(
            title=r["title"],
            body=r.get("body"),
            summary=r.get("summary"),
            status=ReviewStatus(r["status"]),
            timezone=DEFAULT_TIMEZONE if r.get("timezone") is None else r["timezone"],
            contact=Contact(**{f.name: contact.get(f.name) for f in fields(Contact)})
            if contact is not None
            else None,
            panel=tuple(
                Member(m["key"], m["name"], MemberRole(m["role"]), m.get("email"))
                for m in r.get("panel") or ()
            ),
            terms_of_reference=self._tor(r.get("terms_of_reference") or ()),
            exclusions=tuple(Exclusion(e["text"]) for e in r.get("exclusions") or ()),
            interfaces=tuple(
                Interface(i["name"], i.get("abbreviation")) for i in r.get("interfaces") or ()
            ),
            milestones=tuple(
                Milestone(
                    self._parse(parse_date, m["date"], f"{p}.milestones[{n}].date")
                    or date(2000, 1, 1),
                    m["title"],
                    m["done"],
                )
                for n, m in enumerate(r.get("milestones") or ())
            ),
            witnesses=tuple(
                Witness(
                    w["key"],
                    w["name"],
                    w.get("role"),
                    w.get("organisation"),
                    w.get("email"),
                    InvitationState(w.get("invitation") or InvitationState.TO_INVITE),
                    bool(w.get("private")),
                )
                for w in r.get("witnesses") or ()
            ),
            meetings=tuple(
                self._meeting(m, f"{p}.meetings[{n}]")
                for n, m in enumerate(r.get("meetings") or ())
            ),
            evidence=tuple(
                Evidence(
                    key=e["key"],
                    title=e["title"],
                    kind=EvidenceKind(e["kind"]),
                    witness=e.get("witness"),
                    source=e.get("source"),
                    received=self._parse(
                        parse_date, e.get("received"), f"{p}.evidence[{n}].received"
                    ),
                    access=Access(e["access"]),
                    summary=e.get("summary"),
                    tor=tuple(e.get("tor") or ()),
                    file=self._file(e.get("file"), f"{p}.evidence[{n}].file"),
                )
                for n, e in enumerate(r.get("evidence") or ())
            ),
            notes=tuple(
                Note(
                    key=x["key"],
                    text=x["text"],
                    created=self._parse_in(parse_instant, x["created"], notes_at, n, "created")
                    or _EPOCH,
                    tor=tuple(x.get("tor") or ()),
                    meeting=x.get("meeting"),
                    item=x.get("item"),
                    witnesses=tuple(x.get("witnesses") or ())
                    if self.version >= 3
                    else self._note_witnesses(x),
                    evidence=x.get("evidence"),
                    access=_enum(Access, x.get("access") or "open"),
                )
                for n, x in enumerate(r.get("notes") or ())
            ),
            recommendations=tuple(
                Recommendation(
                    key=x["key"],
                    text=x["text"],
                    lead=x.get("lead"),
                    due=self._parse(parse_date, x.get("due"), f"{p}.recommendations[{n}].due"),
                    status=RecommendationStatus(x["status"]),
                    response=x.get("response"),
                    tor=tuple(x.get("tor") or ()),
                    progress=tuple(
                        ProgressUpdate(
                            self._parse(
                                parse_date,
                                u["date"],
                                f"{p}.recommendations[{n}].progress[{k}].date",
                            )
                            or date(2000, 1, 1),
                            u["text"],
                        )
                        for k, u in enumerate(x.get("progress") or ())
                    ),
                    notes=tuple(x.get("notes") or ()),
                    # version 8: the body's response
                    response_due=self._parse(
                        parse_date, x.get("response_due"), f"{p}.recommendations[{n}].response_due"
                    ),
                    responded_on=self._parse(
                        parse_date, x.get("responded_on"), f"{p}.recommendations[{n}].responded_on"
                    ),
                    response_outcome=None
                    if x.get("response_outcome") is None
                    else ResponseOutcome(x["response_outcome"]),
                )
                for n, x in enumerate(r.get("recommendations") or ())
            ),
            actions=tuple(
                Action(
                    key=a["key"],
                    text=a["text"],
                    owner=a.get("owner"),
                    due=self._parse(parse_date, a.get("due"), f"{p}.actions[{n}].due"),
                    status=ActionStatus(a["status"]),
                    meeting=a.get("meeting"),
                    access=Access(a.get("access") or "open"),
                )
                for n, a in enumerate(r.get("actions") or ())
            ),
            clear_days=DEFAULT_CLEAR_DAYS if r.get("clear_days") is None else r["clear_days"],
            exclusion_resolution=r.get("exclusion_resolution"),
            web_page=r.get("web_page"),
            # before version 5 there was no choice: the safe one
            calendar_public_titles=r.get("calendar_public_titles", True) is not False,
            # version 6: the review's procedure and its register of interests
            quorum=DEFAULT_QUORUM if r.get("quorum") is None else r["quorum"],
            minute_numbers=r.get("minute_numbers", True) is not False,
            year_start=MAY_DAY
            if r.get("year_start") is None
            else MonthDay(r["year_start"]["month"], r["year_start"]["day"]),
            interests=tuple(
                Interest(i["member"], i["text"], InterestCategory(i["category"]))
                for i in r.get("interests") or ()
            ),
            # version 7: the papers' language and the body's country
            language=PaperLanguage(r.get("language") or PaperLanguage.ENGLISH),
            country=Country(r.get("country") or Country.ENGLAND),
            report=self._report(r.get("report") or {}, f"{p}.report"),
            # version 9: personal data's retention date and the invitations' notice
            retention_until=self._parse(
                parse_date, r.get("retention_until"), f"{p}.retention_until"
            ),
            privacy_notice=r.get("privacy_notice"),
        )

    def _report(self, r: dict[str, Any], p: str) -> ReviewReport:
        """Version 8: the review's report (an empty one before)."""
        months = r.get("response_months")
        return ReviewReport(
            title=r.get("title"),
            paragraphs=tuple(
                ReportParagraph(
                    key=x["key"],
                    place=x["place"],
                    text=x["text"],
                    access=Access(x.get("access") or "open"),
                    notes=tuple(x.get("notes") or ()),
                    evidence=tuple(x.get("evidence") or ()),
                    recommendations=tuple(x.get("recommendations") or ()),
                )
                for x in r.get("paragraphs") or ()
            ),
            versions=tuple(
                v
                for n, x in enumerate(r.get("versions") or ())
                if (v := self._report_version(x, f"{p}.versions[{n}]")) is not None
            ),
            comments=tuple(
                ReportComment(
                    version=x["version"],
                    paragraph=x["paragraph"],
                    member=x["member"],
                    text=x["text"],
                    received=self._parse(parse_date, x["received"], f"{p}.comments[{n}].received")
                    or date(2000, 1, 1),
                )
                for n, x in enumerate(r.get("comments") or ())
            ),
            considerations=tuple(
                ReportConsideration(
                    version=x["version"],
                    paragraph=x["paragraph"],
                    meeting=x["meeting"],
                    outcome=ConsiderationOutcome(x["outcome"]),
                    item=x.get("item"),
                    amendment=x.get("amendment"),
                )
                for x in r.get("considerations") or ()
            ),
            submitted_on=self._parse(parse_date, r.get("submitted_on"), f"{p}.submitted_on"),
            submitted_to=r.get("submitted_to"),
            response_months=DEFAULT_RESPONSE_MONTHS if months is None else months,
        )

    def _report_version(self, x: dict[str, Any], p: str) -> ReportVersion | None:
        try:
            content = report_from_plain(x["content"])
        except SnapshotError as exc:
            where = f"{p}.content{exc.path}" if exc.path.startswith(".") else f"{p}.content"
            self.problems.append(Problem(where, exc.message))
            return None
        return ReportVersion(
            number=x["number"],
            purpose=ReportPurpose(x["purpose"]),
            made=self._parse(parse_instant, x["made"], f"{p}.made") or _EPOCH,
            content=content,
            meeting=x.get("meeting"),
            note=x.get("note"),
        )

    def _note_witnesses(self, note: dict[str, Any]) -> tuple[str, ...]:
        if self.version < 3:  # one witness at most: "witness": "w1" or null
            single = note.get("witness")
            return () if single is None else (single,)
        return tuple(note.get("witnesses") or ())

    def _file(self, value: dict[str, Any] | None, path: str) -> EvidenceFile | None:
        if value is None:
            return None
        try:
            content = base64.b64decode(value["content"], validate=True)
        except (binascii.Error, ValueError):
            self.problems.append(Problem(f"{path}.content", "is not valid base64"))
            content = b""
        return EvidenceFile(value["name"], value["media_type"], content)

    def _tor(self, items: Iterable[dict[str, Any]]) -> tuple[TorItem, ...]:
        return tuple(
            TorItem(t["key"], t["text"], self._tor(t.get("children") or ())) for t in items
        )

    def _meeting(self, m: dict[str, Any], p: str) -> Meeting:
        items_at = f"{p}.items"
        return Meeting(
            key=m["key"],
            title=m["title"],
            kind=MeetingKind(m["kind"]),
            start=self._local(m["start"], f"{p}.start"),
            end=self._local(m["end"], f"{p}.end"),
            venue=m.get("venue"),
            status=MeetingStatus(m["status"]),
            uid=m.get("uid"),
            sequence=int(m.get("sequence") or 0),
            attendance=tuple(
                Attendance(
                    a["member"], AttendanceStatus(a["status"]), a.get("arrived"), a.get("left")
                )
                for a in m.get("attendance") or ()
            ),
            minutes_status=MinutesStatus(m["minutes_status"]),
            minutes_approved_on=self._parse(
                parse_date, m.get("minutes_approved_on"), f"{p}.minutes_approved_on"
            ),
            items=tuple(
                AgendaItem(
                    key=i["key"],
                    title=i["title"],
                    kind=_enum(ItemKind, i["kind"]),
                    access=_enum(Access, i["access"]),
                    closed_reason=i.get("closed_reason"),
                    public_title=i.get("public_title"),
                    exemption=i.get("exemption"),
                    start=self._parse_in(parse_local, i.get("start"), items_at, n, "start"),
                    end=self._parse_in(parse_local, i.get("end"), items_at, n, "end"),
                    witnesses=tuple(i.get("witnesses") or ()),
                    tor=tuple(i.get("tor") or ()),
                    minute=i.get("minute"),
                    resolutions=tuple(self._resolution(x) for x in i.get("resolutions") or ()),
                    standard=self._standard(i),
                    title_cy=i.get("title_cy"),
                    public_title_cy=i.get("public_title_cy"),
                    reports=tuple(
                        ItemReport(
                            key=x["key"],
                            title=x["title"],
                            file=self._file(x.get("file"), f"{p}.items[{n}].reports[{k}].file"),
                            evidence=x.get("evidence"),
                            late=bool(x.get("late")),
                        )
                        for k, x in enumerate(i.get("reports") or ())
                    ),
                )
                for n, i in enumerate(m.get("items") or ())
            ),
            agenda_published_on=self._parse(
                parse_date, m.get("agenda_published_on"), f"{p}.agenda_published_on"
            ),
            minutes_approved_at=m.get("minutes_approved_at"),
            # before version 4 "minutes_locked" was a second step: approved is approved
            minutes_history=tuple(
                MinutesHistoryEntry(
                    at=self._parse(parse_instant, h["at"], f"{p}.minutes_history[{n}].at")
                    or _EPOCH,
                    by=h["by"],
                    event=MinutesEvent(h["event"]),
                    note=h.get("note"),
                    snapshot=self._snapshot(
                        h.get("snapshot"), f"{p}.minutes_history[{n}].snapshot"
                    ),
                )
                for n, h in enumerate(m.get("minutes_history") or ())
            ),
            minutes_snapshot=self._snapshot(m.get("minutes_snapshot"), f"{p}.minutes_snapshot"),
            joining_link=m.get("joining_link"),
            issued=tuple(
                self._issue(i, f"{p}.issued[{n}]") for n, i in enumerate(m.get("issued") or ())
            ),
            began=self._parse(parse_local, m.get("began"), f"{p}.began"),
            ended=self._parse(parse_local, m.get("ended"), f"{p}.ended"),
            attendees=tuple(
                Attendee(
                    key=a["key"],
                    kind=AttendeeKind(a["kind"]),
                    name=a["name"],
                    role=a.get("role"),
                    email=a.get("email"),
                    substitute_for=a.get("substitute_for"),
                    arrived=a.get("arrived"),
                    left=a.get("left"),
                )
                for a in m.get("attendees") or ()
            ),
            declarations=tuple(
                Declaration(
                    member=d["member"],
                    item=d.get("item"),
                    nature=d["nature"],
                    category=InterestCategory(d["category"]),
                    left_room=bool(d.get("left_room")),
                )
                for d in m.get("declarations") or ()
            ),
            # version 7: the Welsh title and the reason for urgency
            title_cy=m.get("title_cy"),
            urgency=m.get("urgency"),
        )

    def _standard(self, item: dict[str, Any]) -> StandardItem | None:
        """Version 6 marks the standard items; before, they are known by their titles."""
        if self.version >= 6:
            value = item.get("standard")
            return None if value is None else StandardItem(value)
        return standard_item_for(item["title"], ItemKind(item["kind"]))

    def _resolution(self, x: dict[str, Any]) -> Resolution:
        """Version 6: a decision on an item, with its vote if one was recorded."""
        v = x.get("vote")
        vote = (
            None
            if v is None
            else Vote(
                in_favour=v["in_favour"],
                against=v["against"],
                abstained=v["abstained"],
                casts=tuple(
                    VoteCast(c["person"], VoteChoice(c["choice"])) for c in v.get("casts") or ()
                ),
            )
        )
        return Resolution(x["text"], vote)

    def _issue(self, i: dict[str, Any], p: str) -> CalendarIssue:
        """Version 5: an entry of the invitation register."""
        return CalendarIssue(
            at=self._parse(parse_instant, i["at"], f"{p}.at") or _EPOCH,
            by=i["by"],
            kind=IssueKind(i["kind"]),
            uid=i["uid"],
            sequence=int(i["sequence"]),
            recipients=tuple(
                IssuedTo(PersonKind(t["person"]), t["key"], t["name"], t["email"])
                for t in i.get("recipients") or ()
            ),
            reason=i.get("reason"),
        )

    def _snapshot(self, value: Any, path: str) -> MinutesSnapshot | None:
        """Version 4: approved minutes as they printed (checked field by field)."""
        if value is None:
            return None
        try:
            return snapshot_from_plain(value)
        except SnapshotError as exc:
            self.problems.append(Problem(f"{path}.{exc.path}" if exc.path else path, exc.message))
            return None
