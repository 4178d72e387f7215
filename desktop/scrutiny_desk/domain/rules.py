"""The rules a review must keep, checked on the whole document.

Import checks a file with these before anything is written, and the editing services
check the review as it would be after an edit, so one set of rules holds everywhere.
Each problem is named by its path in the interchange format.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from .enums import Access, MemberRole, MinutesEvent, MinutesStatus
from .errors import Problem
from .file_names import name_problem, visible
from .links import link_problems
from .localtime import format_local, is_known_zone, local_time_problem
from .meeting_rules import MAX_SEQUENCE

if TYPE_CHECKING:
    from .invitation_records import CalendarIssue
    from .records import AgendaItem, EvidenceFile, Meeting, Review, TorItem

_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
MAX_TEXT = 1_000_000
MAX_KEY = 200  # the key columns' width
#: The longest title typed in the window (a review's, a meeting's, an item's ...):
#: longer ones do not fit a heading, a tab or a file name. Files are not refused for it.
MAX_TITLE = 200
MAX_UID = 255
MAX_CLEAR_DAYS = 30
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024  # one file attached to evidence (version 3)
MAX_REVIEW_ATTACHMENT_BYTES = 150 * 1024 * 1024  # all of a review's files together
MAX_FILE_NAME = 255
MAX_MEDIA_TYPE = 255
_MEDIA_TYPE = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
)
_NAME_FORBIDDEN = re.compile(r"[/\\\x00-\x1f\x7f]")


def megabytes(size: int) -> str:
    """A size in MB (2**20 bytes) as a clerk reads it: "20 MB", "3.5 MB". A part of a
    tenth is rounded up, so a file just over a limit never reads as the limit."""
    if size % 2**20 == 0:
        return f"{size // 2**20} MB"
    tenths = -(-size * 10 // 2**20)
    return f"{tenths // 10}.{tenths % 10} MB"


def file_problems(file: EvidenceFile, path: str) -> list[Problem]:
    """Why a file cannot be attached to evidence: its name, its type, its size."""
    found: list[Problem] = []
    name = file.name
    if not name.strip():
        found.append(Problem(f"{path}.name", "must not be empty"))
    elif _NAME_FORBIDDEN.search(name) or name in (".", ".."):
        found.append(
            Problem(
                f"{path}.name",
                "must be a file name only, without folders (/ or \\) or control characters",
            )
        )
    elif why := name_problem(name):  # a right-to-left override: "pwnedexe.txt"
        found.append(Problem(f"{path}.name", f'"{visible(name)}" {why}'))
    elif len(name) > MAX_FILE_NAME:
        found.append(Problem(f"{path}.name", f"is longer than {MAX_FILE_NAME} characters"))
    if len(file.media_type) > MAX_MEDIA_TYPE or not _MEDIA_TYPE.fullmatch(file.media_type):
        found.append(
            Problem(
                f"{path}.media_type",
                f'"{file.media_type[:60]}" is not a media type such as "application/pdf"',
            )
        )
    if file.size > MAX_ATTACHMENT_BYTES:
        found.append(
            Problem(
                f"{path}.content",
                f"the file is {megabytes(file.size)}; an attached file may be at most "
                f"{megabytes(MAX_ATTACHMENT_BYTES)}",
            )
        )
    return found


def text_problem(value: str) -> str | None:
    """Why a text cannot be stored (NUL or an unpaired surrogate), or None."""
    match = _BAD_TEXT.search(value)
    if match is None:
        return None if len(value) <= MAX_TEXT else f"is longer than {MAX_TEXT:,} characters"
    if match.group() == "\x00":
        return "contains a NUL character, which cannot be stored"
    return "contains an unpaired surrogate (invalid Unicode), which cannot be stored"


def check_review(review: Review) -> list[Problem]:
    """Every rule the review breaks, in document order."""
    return list(_ReviewChecker(review).run())


class _ReviewChecker:
    def __init__(self, review: Review) -> None:
        self.review = review
        self.members = {m.key for m in review.panel}
        self.names = {m.key: m.name for m in review.panel}
        self.witnesses = {w.key for w in review.witnesses}
        self.meetings = {m.key for m in review.meetings}
        self.items = {i.key: m.key for m in review.meetings for i in m.items}
        self.evidence = {e.key for e in review.evidence}
        self.notes = {n.key for n in review.notes}
        self.tor: set[str] = set()
        self.zone_ok = is_known_zone(review.timezone)

    def run(self) -> Iterable[Problem]:
        r = self.review
        if not r.title.strip():
            yield Problem("review.title", "must not be empty")
        if not self.zone_ok:
            yield Problem("review.timezone", f'"{r.timezone}" is not a known IANA time zone')
        if not 0 <= r.clear_days <= MAX_CLEAR_DAYS:
            yield Problem("review.clear_days", f"must be from 0 to {MAX_CLEAR_DAYS} days")
        yield from link_problems("review.web_page", r.web_page)
        yield from self._panel()
        from .procedure_checks import review_problems  # see report_document_problems

        yield from review_problems(r)  # version 6: quorum, year start, interests
        yield from self._tor(r.terms_of_reference, "review.terms_of_reference")
        yield from _unique(
            ((f"review.witnesses[{i}]", w.key) for i, w in enumerate(r.witnesses)), "witness"
        )
        yield from _unique(
            ((f"review.meetings[{i}]", m.key) for i, m in enumerate(r.meetings)), "meeting"
        )
        yield from _unique(
            (
                (f"review.meetings[{i}].items[{j}]", it.key)
                for i, m in enumerate(r.meetings)
                for j, it in enumerate(m.items)
            ),
            "item",
        )
        yield from _unique(
            (
                (f"review.meetings[{i}]", m.uid)
                for i, m in enumerate(r.meetings)
                if m.uid is not None
            ),
            "meeting",
            field="uid",
            longest=MAX_UID,
        )
        yield from _unique(  # version 6: one key space for the attendees of every meeting
            (
                (f"review.meetings[{i}].attendees[{j}]", a.key)
                for i, m in enumerate(r.meetings)
                for j, a in enumerate(m.attendees)
            ),
            "attendee",
        )
        for i, meeting in enumerate(r.meetings):
            yield from self._meeting(meeting, f"review.meetings[{i}]")
        yield from self._evidence()
        from . import report_checks  # see report_document_problems

        yield from report_checks.report_problems(r)  # version 7
        yield from self._notes()
        yield from self._recommendations()
        yield from self._actions()
        # The checks of parts of the document are imported where they run: the report's
        # bring the papers' views, and a start, which imports this module for its limits
        # (the meeting records name them), runs none of them.
        from .report_document_checks import report_document_problems

        yield from report_document_problems(r)  # version 8

    def _panel(self) -> Iterable[Problem]:
        panel = self.review.panel
        yield from _unique(
            ((f"review.panel[{i}]", m.key) for i, m in enumerate(panel)), "panel member"
        )
        chairs = [i for i, m in enumerate(panel) if m.role is MemberRole.CHAIR]
        for i in chairs[1:]:
            yield Problem(
                f"review.panel[{i}].role",
                f'a panel has at most one chair; "{panel[chairs[0]].name}" is chair already',
            )

    def _tor(self, items: Sequence[TorItem], path: str) -> Iterable[Problem]:
        for i, item in enumerate(items):
            here = f"{path}[{i}]"
            if len(item.key) > MAX_KEY:
                yield Problem(f"{here}.key", f"is longer than {MAX_KEY} characters")
            if item.key in self.tor:
                yield Problem(f"{here}.key", f'duplicate terms-of-reference key "{item.key}"')
            self.tor.add(item.key)
            yield from self._tor(item.children, f"{here}.children")

    def _refs(
        self, keys: Sequence[str], known: set[str], path: str, what: str
    ) -> Iterable[Problem]:
        seen: set[str] = set()
        for i, key in enumerate(keys):
            if key not in known:
                yield Problem(f"{path}[{i}]", f'no {what} with key "{key}"')
            elif key in seen:
                yield Problem(f"{path}[{i}]", f'"{key}" is listed twice')
            seen.add(key)

    def _ref(
        self, key: str | None, known: set[str] | dict[str, str], path: str, what: str
    ) -> Iterable[Problem]:
        if key is not None and key not in known:
            yield Problem(path, f'no {what} with key "{key}"')

    def _time(self, value: datetime, path: str) -> Iterable[Problem]:
        if self.zone_ok:
            problem = local_time_problem(value, self.review.timezone)
            if problem:
                yield Problem(path, problem)

    def _meeting(self, m: Meeting, path: str) -> Iterable[Problem]:
        if not m.title.strip():
            yield Problem(f"{path}.title", "must not be empty")
        yield from self._time(m.start, f"{path}.start")
        yield from self._time(m.end, f"{path}.end")
        if m.end <= m.start:
            yield Problem(f"{path}.end", f"must be after the start ({format_local(m.start)})")
        if not 0 <= m.sequence <= MAX_SEQUENCE:
            yield Problem(f"{path}.sequence", f"must be a whole number from 0 to {MAX_SEQUENCE:,}")
        if m.minutes_status is MinutesStatus.APPROVED and m.minutes_approved_on is None:
            yield Problem(
                f"{path}.minutes_approved_on", "is required when the minutes are approved"
            )
        yield from self._minutes_lifecycle(m, path)
        yield from link_problems(f"{path}.joining_link", m.joining_link)
        for i, issue in enumerate(m.issued):
            yield from _issue_problems(issue, f"{path}.issued[{i}]")
        seen: set[str] = set()
        for i, a in enumerate(m.attendance):
            here = f"{path}.attendance[{i}].member"
            if a.member not in self.members:
                yield Problem(here, f'no panel member with key "{a.member}"')
            elif a.member in seen:
                yield Problem(here, f'"{a.member}" is recorded twice')
            seen.add(a.member)
        for i, item in enumerate(m.items):
            yield from self._item(m, item, f"{path}.items[{i}]")
        zone = self.review.timezone if self.zone_ok else None
        from .procedure_checks import meeting_problems  # see report_document_problems

        yield from meeting_problems(m, path, self.names, zone)  # version 6

    def _minutes_lifecycle(self, m: Meeting, path: str) -> Iterable[Problem]:
        yield from self._ref(
            m.minutes_approved_at, self.meetings, f"{path}.minutes_approved_at", "meeting"
        )
        if m.minutes_snapshot is not None and m.minutes_status is not MinutesStatus.APPROVED:
            yield Problem(f"{path}.minutes_snapshot", "only approved minutes are kept as printed")
        for i, entry in enumerate(m.minutes_history):
            if not entry.by.strip():
                yield Problem(f"{path}.minutes_history[{i}].by", "must not be empty")
            if entry.event is MinutesEvent.UNLOCKED and not (entry.note or "").strip():
                yield Problem(
                    f"{path}.minutes_history[{i}].note", "an unlock records why it was unlocked"
                )
            if entry.event is MinutesEvent.REOPENED and not (entry.note or "").strip():
                yield Problem(
                    f"{path}.minutes_history[{i}].note", "a reopening records why it was reopened"
                )
            if entry.snapshot is not None and entry.event is not MinutesEvent.REOPENED:
                yield Problem(
                    f"{path}.minutes_history[{i}].snapshot",
                    "only a reopening keeps the approved minutes it set aside",
                )

    def _item(self, m: Meeting, item: AgendaItem, path: str) -> Iterable[Problem]:
        if not item.title.strip():
            yield Problem(f"{path}.title", "must not be empty")
        if item.access is Access.CLOSED and not (item.closed_reason or "").strip():
            yield Problem(f"{path}.closed_reason", "a closed item needs a reason")
        if (item.start is None) != (item.end is None):
            missing = "end" if item.end is None else "start"
            yield Problem(f"{path}.{missing}", "a slot needs both a start and an end")
        if item.start is not None and item.end is not None:
            yield from self._time(item.start, f"{path}.start")
            yield from self._time(item.end, f"{path}.end")
            if item.end <= item.start:
                yield Problem(f"{path}.end", "must be after the slot's start")
            if item.start < m.start or item.end > m.end:
                yield Problem(
                    f"{path}.start",
                    "the slot must lie inside its meeting "
                    f"({format_local(m.start)} to {format_local(m.end)})",
                )
        yield from self._refs(item.witnesses, self.witnesses, f"{path}.witnesses", "witness")
        yield from self._refs(item.tor, self.tor, f"{path}.tor", "terms-of-reference item")

    def _evidence(self) -> Iterable[Problem]:
        rows = self.review.evidence
        yield from _unique(
            ((f"review.evidence[{i}]", e.key) for i, e in enumerate(rows)), "evidence"
        )
        for i, e in enumerate(rows):
            path = f"review.evidence[{i}]"
            yield from self._ref(e.witness, self.witnesses, f"{path}.witness", "witness")
            yield from self._refs(e.tor, self.tor, f"{path}.tor", "terms-of-reference item")
            if e.file is not None:
                yield from file_problems(e.file, f"{path}.file")
        from . import report_checks  # see report_document_problems

        total = report_checks.attached_bytes(self.review)  # with held reports (version 7)
        if total > MAX_REVIEW_ATTACHMENT_BYTES:
            reports = report_checks.held_report_bytes(self.review)
            held = f" (of which the agenda items' reports {megabytes(reports)})" if reports else ""
            yield Problem(
                "review.evidence",
                f"the attached files come to {megabytes(total)}{held}; a review's files may "
                f"come to at most {megabytes(MAX_REVIEW_ATTACHMENT_BYTES)} in all",
            )

    def _notes(self) -> Iterable[Problem]:
        rows = self.review.notes
        yield from _unique(((f"review.notes[{i}]", n.key) for i, n in enumerate(rows)), "note")
        for i, n in enumerate(rows):
            path = f"review.notes[{i}]"
            if not n.tor:
                yield Problem(f"{path}.tor", "a note names at least one terms-of-reference item")
            yield from self._refs(n.tor, self.tor, f"{path}.tor", "terms-of-reference item")
            yield from self._ref(n.meeting, self.meetings, f"{path}.meeting", "meeting")
            yield from self._ref(n.item, self.items, f"{path}.item", "agenda item")
            yield from self._refs(n.witnesses, self.witnesses, f"{path}.witnesses", "witness")
            yield from self._ref(n.evidence, self.evidence, f"{path}.evidence", "evidence")
            if (
                n.item in self.items
                and n.meeting in self.meetings
                and self.items[n.item] != n.meeting
            ):
                yield Problem(
                    f"{path}.meeting",
                    f'item "{n.item}" belongs to meeting "{self.items[n.item]}", not "{n.meeting}"',
                )

    def _recommendations(self) -> Iterable[Problem]:
        rows = self.review.recommendations
        yield from _unique(
            ((f"review.recommendations[{i}]", r.key) for i, r in enumerate(rows)), "recommendation"
        )
        for i, r in enumerate(rows):
            path = f"review.recommendations[{i}]"
            if r.status.needs_lead_and_due:
                if not (r.lead or "").strip():
                    yield Problem(
                        f"{path}.lead", f'a recommendation that is "{r.status}" needs a lead'
                    )
                if r.due is None:
                    yield Problem(
                        f"{path}.due", f'a recommendation that is "{r.status}" needs a due date'
                    )
            yield from self._refs(r.tor, self.tor, f"{path}.tor", "terms-of-reference item")
            for k, update in enumerate(r.progress):
                if not update.text.strip():
                    yield Problem(f"{path}.progress[{k}].text", "must not be empty")
            yield from self._refs(r.notes, self.notes, f"{path}.notes", "note")

    def _actions(self) -> Iterable[Problem]:
        rows = self.review.actions
        yield from _unique(((f"review.actions[{i}]", a.key) for i, a in enumerate(rows)), "action")
        for i, a in enumerate(rows):
            yield from self._ref(
                a.meeting, self.meetings, f"review.actions[{i}].meeting", "meeting"
            )


def _issue_problems(issue: CalendarIssue, path: str) -> Iterable[Problem]:
    """An entry of the invitation register is a record, kept as it was written: its
    recipients' keys need not name a member or witness of the review now."""
    if not issue.recipients:
        yield Problem(f"{path}.recipients", "must name at least one recipient")
    if not 0 <= issue.sequence <= MAX_SEQUENCE:
        yield Problem(f"{path}.sequence", f"must be a whole number from 0 to {MAX_SEQUENCE:,}")
    if not issue.uid or len(issue.uid) > MAX_UID:
        yield Problem(f"{path}.uid", f"must be 1 to {MAX_UID} characters")
    for i, to in enumerate(issue.recipients):
        if not to.key or len(to.key) > MAX_KEY:
            yield Problem(f"{path}.recipients[{i}].key", f"must be 1 to {MAX_KEY} characters")


def _unique(
    pairs: Iterable[tuple[str, str]], what: str, field: str = "key", longest: int = MAX_KEY
) -> Iterable[Problem]:
    first: dict[str, str] = {}
    for path, key in pairs:
        if len(key) > longest:
            yield Problem(f"{path}.{field}", f"is longer than {longest} characters")
        if key in first:
            yield Problem(
                f"{path}.{field}", f'duplicate {what} {field} "{key}" (first used at {first[key]})'
            )
        else:
            first[key] = path
