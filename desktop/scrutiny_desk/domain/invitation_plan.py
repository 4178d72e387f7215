"""What each person needs now: the rule behind Send Updates and the Invitations tab.

From the meeting as it is now and its invitation register (``invitation_records``),
say per person what they hold and what they need:

- A scheduled meeting: a person invited now (a panel member with an e-mail address, a
  substitute or officer in attendance with one, a witness on the agenda with one) who
  holds no live event (nothing issued, or last a
  cancellation) needs an invitation; one whose last request carries an older SEQUENCE
  than the meeting's needs an update (same UID, the current SEQUENCE); the rest are up
  to date. Someone who holds a live event but is no longer invited (a member taken off
  the panel, a witness taken off the agenda, a substitute or officer taken off the
  meeting, found in the register by kind and key) needs a cancellation of their UID.
  A member whose address changed gets a cancellation at the old address and an
  invitation at the new one.
- A postponed or cancelled meeting: a cancellation to everyone holding a live event,
  saying why; once a postponed meeting is scheduled again nobody holds a live event,
  so everyone invited then gets a fresh request.
- A held meeting: nothing (its invitations have served their purpose).

Files are grouped as the calendar clients expect them: the panel's members who need
the same thing share one file (the meeting's UID, all of them as ATTENDEEs); each
witness has their own (their own UID and slot). Substitutes and officers in attendance
(format version 6) are invited like members: they attend the whole meeting, as members
or as its officers, so they share the panel's file, UID and calendar view. Others
"also present" are not invited: they come for a part, at the chair's invitation.

SEQUENCE (RFC 5546): section 3.2.5 says "When a VEVENT is cancelled, the SEQUENCE
property value MUST be incremented as described in Section 2.1.4", and it lets the
organiser send the CANCEL to "different subsets of the affected Attendees". SEQUENCE
is the organiser's revision number (section 2.1.4) by which a calendar tells a newer
message from one it already holds, so a cancellation that does not carry a higher one
than the request the person holds may be ignored as stale. A cancellation to one
attendee therefore carries a SEQUENCE above the one last issued to them: the meeting's
own when it has risen since (a move, a witness taken off an item: the services raise
it), else that person's last plus one.
The same holds for a fresh request to someone whose last issue was a cancellation. A
request whose SEQUENCE is above the meeting's raises the meeting's to it when it is
issued (``highest_sequence``), so "older than the meeting" stays a comparison of
SEQUENCEs and never mistakes a later change for one already issued. A cancellation
above it does not: whoever holds a cancellation is "cancelled" whatever its SEQUENCE,
and raising the meeting's would make everyone else's copy look older (a member taken
off the panel would send every witness an update of an event that did not change).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .enums import Access, AttendeeKind, MeetingStatus
from .file_names import portable_file_name
from .invitation_records import (
    AttendingAs,
    CalendarIssue,
    IssuedTo,
    IssueKind,
    LineState,
    PersonKind,
    PlannedFile,
    RegisterLine,
    UpdatePlan,
)
from .meeting_rules import next_sequence, will_not_take_place
from .records import Attendee, Meeting, Member, Witness
from .wording import joined

NO_LONGER = {
    PersonKind.MEMBER: "no longer on the panel",
    PersonKind.WITNESS: "no longer on the agenda",
    PersonKind.ATTENDEE: "no longer attending",
}
#: Those at a meeting who are not on its panel but are invited like its members.
INVITED_ATTENDEES = (AttendeeKind.SUBSTITUTE, AttendeeKind.OFFICER)
ADDRESS_CHANGED = "e-mail address changed"
POSTPONED = "postponed"
CANCELLED = "cancelled"
HELD = "it has been held: nothing is sent for a meeting that has taken place"
UP_TO_DATE = "everyone invited holds the meeting as it is now"
NOBODY = (
    "nobody is invited: no panel member, substitute, officer or witness on the agenda has "
    "an e-mail address"
)
NOBODY_HOLDS = "nobody holds an event for it: no invitation was issued"

Who = tuple[PersonKind, str]


@dataclass(frozen=True)
class InvitationFacts:
    """What the rule reads: the meeting now, the people it may invite, its register."""

    meeting_id: int
    meeting: Meeting
    panel: tuple[Member, ...]
    witnesses: tuple[Witness, ...]  # at least those on the meeting's agenda
    issued: tuple[CalendarIssue, ...]  # oldest first
    witness_uids: Mapping[str, str]  # each witness's own UID for this meeting, by key

    @property
    def uid(self) -> str:
        assert self.meeting.uid is not None, "meetings are given a UID when they are stored"
        return self.meeting.uid


@dataclass(frozen=True)
class Person:
    """Someone the meeting invites now, with their address (None: they have none)."""

    person: PersonKind
    key: str
    name: str
    email: str | None
    attending: AttendingAs | None = None  # a substitute's or officer's place

    @property
    def who(self) -> Who:
        return (self.person, self.key)

    def to(self, email: str | None = None) -> IssuedTo:
        address = email or self.email
        assert address, "only people with an address are issued anything"
        return IssuedTo(self.person, self.key, self.name, address)


@dataclass(frozen=True)
class Held:
    """The last issue that named someone, and how it named them."""

    issue: CalendarIssue
    to: IssuedTo

    @property
    def live(self) -> bool:
        """They hold an event: the last thing issued to them was a request."""
        return self.issue.kind is not IssueKind.CANCELLATION


@dataclass(frozen=True)
class Need:
    """One person's need: what to issue them, at which address, and why."""

    kind: IssueKind
    to: IssuedTo
    reason: str | None
    held: Held | None


# Who is invited, who holds what ------------------------------------------------------


def panel_invitees(meeting: Meeting, panel: Iterable[Member]) -> tuple[Person, ...]:
    """Who holds the panel's invitation (the meeting's UID): its members, then the
    meeting's substitutes and officers in attendance in their order; address None for
    those who have none."""
    members = tuple(panel)
    names = {m.key: m.name for m in members}
    people = [Person(PersonKind.MEMBER, m.key, m.name, _address(m.email)) for m in members]
    people.extend(
        Person(PersonKind.ATTENDEE, a.key, a.name, _address(a.email), attending_as(a, names))
        for a in meeting.attendees
        if a.kind in INVITED_ATTENDEES
    )
    return tuple(people)


def attending_as(attendee: Attendee, member_names: Mapping[str, str]) -> AttendingAs:
    """How an attendee is at the meeting, naming the member a substitute attends for."""
    member = attendee.substitute_for
    return AttendingAs(
        attendee.kind,
        attendee.role,
        None if member is None else member_names.get(member),
    )


def invited_now(facts: InvitationFacts) -> tuple[Person, ...]:
    """The panel's members, its substitutes and officers (``panel_invitees``), then the
    witnesses on the agenda in the order they appear; address None for those who have
    none (they are left out, and warned about)."""
    people = list(panel_invitees(facts.meeting, facts.panel))
    known = {w.key: w for w in facts.witnesses}
    for key in dict.fromkeys(k for item in facts.meeting.items for k in item.witnesses):
        w = known.get(key)
        if w is not None:
            people.append(Person(PersonKind.WITNESS, key, w.name, _address(w.email)))
    return tuple(people)


def last_issued(issued: Iterable[CalendarIssue]) -> dict[Who, Held]:
    """The last issue that named each person (the register is oldest first)."""
    held: dict[Who, Held] = {}
    for issue in issued:
        for to in issue.recipients:
            held.pop((to.person, to.key), None)
            held[(to.person, to.key)] = Held(issue, to)
    return held


def holding(issued: Iterable[CalendarIssue]) -> tuple[IssuedTo, ...]:
    """Who holds a live event from this register (the last thing issued to them was a
    request), at the address it went to: whom deleting the meeting would leave with it."""
    return tuple(h.to for h in last_issued(issued).values() if h.live)


def sequence_after(meeting_sequence: int, held: Held | None, kind: IssueKind) -> int:
    """The SEQUENCE a new file of ``kind`` to this person carries: the meeting's; above
    what they were last issued when it turns a request into a cancellation or back
    (module docstring: RFC 5546). The same request or cancellation issued again keeps
    its SEQUENCE: nothing in the event changed (RFC 5546 section 3.2.2.2, updating or
    reconfirming an event)."""
    if held is None or held.issue.sequence < meeting_sequence:
        return meeting_sequence
    if held.live == (kind is not IssueKind.CANCELLATION):
        return held.issue.sequence
    return next_sequence(held.issue.sequence)


def line_state(meeting: Meeting, held: Held | None, person: Person | None) -> LineState:
    """Where one person stands; ``person`` None: no longer invited. Whoever ``needs``
    would send a cancellation is "to be cancelled", not "up to date" with an event
    they should no longer hold."""
    if held is not None and held.live and _cancelling(meeting, person):
        return LineState.TO_CANCEL
    if person is not None and person.email is None:
        return LineState.NO_EMAIL
    if held is None:
        return LineState.NOT_ISSUED
    if not held.live:
        return LineState.CANCELLED
    moved = person is not None and not _same(person.email, held.to.email)
    if moved or held.issue.sequence < meeting.sequence:
        return LineState.OLDER
    return LineState.UP_TO_DATE


def register_lines(facts: InvitationFacts) -> tuple[RegisterLine, ...]:
    """One line per person invited now or named in the register: members, substitutes
    and officers, then witnesses, then those the register names who are no longer
    invited (an attendee still at the meeting, now only "also present", says so)."""
    held = last_issued(facts.issued)
    lines = []
    now = invited_now(facts)
    for p in now:
        h = held.get(p.who)
        email = p.email if p.email is not None else (h.to.email if h else None)
        state = line_state(facts.meeting, h, p)
        lines.append(
            RegisterLine(p.person, p.key, p.name, email, True, _last(h), state, p.attending)
        )
    invited = {p.who for p in now}
    names = {m.key: m.name for m in facts.panel}
    still = {(PersonKind.ATTENDEE, a.key): attending_as(a, names) for a in facts.meeting.attendees}
    for who, h in held.items():
        if who not in invited:
            state = line_state(facts.meeting, h, None)
            lines.append(
                RegisterLine(*who, h.to.name, h.to.email, False, h.issue, state, still.get(who))
            )
    return tuple(lines)


# What each needs ---------------------------------------------------------------------


def needs(facts: InvitationFacts) -> tuple[Need, ...]:
    """Per person, what they need now: cancellations first (an address that changed is
    cancelled before the new one is invited), then updates and invitations."""
    status = facts.meeting.status
    held = last_issued(facts.issued)
    live = {who: h for who, h in held.items() if h.live}
    if status is MeetingStatus.HELD:
        return ()
    if status in (MeetingStatus.POSTPONED, MeetingStatus.CANCELLED):
        reason = POSTPONED if status is MeetingStatus.POSTPONED else CANCELLED
        return tuple(Need(IssueKind.CANCELLATION, h.to, reason, h) for h in live.values())
    cancels: list[Need] = []
    requests: list[Need] = []
    now = invited_now(facts)
    for p in now:
        if p.email is None:
            continue  # left out: named in the warnings
        h = held.get(p.who)
        if h is None or not h.live:
            requests.append(Need(IssueKind.INVITATION, p.to(), None, h))
        elif not _same(p.email, h.to.email):
            cancels.append(Need(IssueKind.CANCELLATION, h.to, ADDRESS_CHANGED, h))
            requests.append(Need(IssueKind.INVITATION, p.to(), None, h))
        elif h.issue.sequence < facts.meeting.sequence:
            requests.append(Need(IssueKind.UPDATE, p.to(), None, h))
    invited = {p.who for p in now}
    for who, h in live.items():
        if who not in invited:
            cancels.append(Need(IssueKind.CANCELLATION, h.to, NO_LONGER[who[0]], h))
    return (*cancels, *requests)


def plan_updates(facts: InvitationFacts, *, email: bool = True) -> UpdatePlan:
    """The files Send Updates would write (``email``: .eml, else .ics), with the
    warnings, or why there is nothing to send."""
    meeting = facts.meeting
    found = needs(facts)
    files: list[PlannedFile] = []
    groups: dict[tuple[IssueKind, str | None], list[Need]] = {}
    for need in found:
        if need.to.person.panel_file:
            groups.setdefault((need.kind, need.reason), []).append(need)
    names = _Names(meeting, ".eml" if email else ".ics")
    for (kind, reason), group in groups.items():
        sequence = max(sequence_after(meeting.sequence, n.held, kind) for n in group)
        recipients = tuple(n.to for n in group)
        name = names.of(kind, "panel" if len(group) > 1 else group[0].to.name)
        files.append(
            PlannedFile(kind, PersonKind.MEMBER, facts.uid, sequence, recipients, reason, name)
        )
    for need in found:
        if need.to.person is PersonKind.WITNESS:
            uid = facts.witness_uids[need.to.key]
            sequence = sequence_after(meeting.sequence, need.held, need.kind)
            name = names.of(need.kind, need.to.name)
            files.append(
                PlannedFile(
                    need.kind, PersonKind.WITNESS, uid, sequence, (need.to,), need.reason, name
                )
            )
    return UpdatePlan(
        meeting_id=facts.meeting_id,
        meeting_title=meeting.title,
        files=tuple(files),
        warnings=warnings(facts),
        nothing_to_send=None if files else _why_nothing(facts),
    )


def highest_sequence(meeting: Meeting, files: Iterable[PlannedFile]) -> int:
    """The meeting's SEQUENCE once these files are issued: raised to the highest
    request among them (module docstring), never lowered."""
    requests = (f.sequence for f in files if f.kind is not IssueKind.CANCELLATION)
    return max([meeting.sequence, *requests])


def same_plan(a: UpdatePlan, b: UpdatePlan) -> bool:
    """Whether two listings of a meeting's updates issue the same things to the same
    people (the file names' extension aside: e-mail or calendar file is chosen later)."""

    def essence(plan: UpdatePlan) -> tuple[object, ...]:
        return (
            plan.meeting_id,
            tuple(
                (f.kind, f.person, f.uid, f.sequence, f.recipients, f.reason) for f in plan.files
            ),
        )

    return essence(a) == essence(b)


def issued_line(planned: PlannedFile) -> str:
    """What a planned file is and to whom, in a clerk's words: "Update to Cllr Ann Lee
    <ann@example.org> and Cllr Bob Roy <bob@example.org> (panel)"."""
    what = planned.kind.value.capitalize()
    if planned.reason:
        what += f" ({planned.reason})"
    people = joined([f"{to.name} <{to.email}>" for to in planned.recipients])
    group = "panel" if planned.person.panel_file else "witness"
    return f"{what} to {people} ({group})"


# Warnings ----------------------------------------------------------------------------


def warnings(facts: InvitationFacts, witness_key: str | None = None) -> tuple[str, ...]:
    """Everyone left out for lack of an e-mail address (when invitations go out), and
    every witness who asked to give evidence in private but is on an open item. With
    ``witness_key``, only what concerns that witness."""
    found: list[str] = []
    if facts.meeting.status is MeetingStatus.SCHEDULED:
        for p in invited_now(facts):
            concerns = witness_key is None or (_is_witness(p) and p.key == witness_key)
            if p.email is None and concerns:
                where = _WHERE[p.person]
                found.append(
                    f"{p.name} ({_role(p)}) has no e-mail address and is left out of the "
                    f"invitations: add one under {where}"
                )
    private = {w.key: w for w in facts.witnesses if w.private}
    for item in facts.meeting.items:
        if item.access is Access.CLOSED:
            continue
        for key in item.witnesses:
            if key in private and witness_key in (None, key):
                name = private[key].name
                found.append(
                    f'{name} asked to give evidence in private but is on "{item.title}", an '
                    "open item: close the item or take them off it"
                )
    return tuple(dict.fromkeys(found))


# Helpers -----------------------------------------------------------------------------


def _address(email: str | None) -> str | None:
    return (email or "").strip() or None


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


def _cancelling(meeting: Meeting, person: Person | None) -> bool:
    """Whether a live event held by this person (None: no longer invited) is to be
    cancelled: the meeting will not take place, or it goes ahead without them."""
    if will_not_take_place(meeting.status):
        return True
    return person is None and meeting.status is MeetingStatus.SCHEDULED


def _last(h: Held | None) -> CalendarIssue | None:
    return None if h is None else h.issue


def _is_witness(p: Person) -> bool:
    return p.person is PersonKind.WITNESS


_WHERE = {
    PersonKind.MEMBER: "Panel",
    PersonKind.ATTENDEE: "Attendance",
    PersonKind.WITNESS: "Witnesses",
}


def _role(p: Person) -> str:
    if p.attending is not None:
        return "substitute" if p.attending.kind is AttendeeKind.SUBSTITUTE else "officer"
    return "panel member" if p.person is PersonKind.MEMBER else "witness"


def _why_nothing(facts: InvitationFacts) -> str:
    title = facts.meeting.title
    status = facts.meeting.status
    if status is MeetingStatus.HELD:
        return f'Nothing to send for "{title}": {HELD}'
    if status is not MeetingStatus.SCHEDULED:
        return f'Nothing to send for "{title}" ({status.value}): {NOBODY_HOLDS}'
    if not any(p.email for p in invited_now(facts)):
        return f'Nothing to send for "{title}": {NOBODY}'
    return f'Nothing to send for "{title}": {UP_TO_DATE}'


class _Names:
    """File names a clerk can sort and read ("2027-03-10 update - panel.eml"), each
    used once in a plan."""

    def __init__(self, meeting: Meeting, extension: str) -> None:
        self.day = _day(meeting.start)
        self.extension = extension
        self.used: set[str] = set()

    def of(self, kind: IssueKind, who: str) -> str:
        stem = portable_file_name(f"{self.day} {kind.value} - {who}", limit=120)
        name, n = stem + self.extension, 1
        while name.lower() in self.used:
            n += 1
            name = f"{stem} ({n}){self.extension}"
        self.used.add(name.lower())
        return name


def _day(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d}"
