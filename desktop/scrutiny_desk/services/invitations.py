"""The invitation register and Send Updates: what each person was issued, what they
need now, and issuing it (the meeting's Invitations tab, Send Updates in the window,
``scrutiny-desk export updates`` and the single invitations and cancellations).

The rule is ``domain.invitation_plan``; this reads the meeting and its register, draws
the files (``invitation_files``) and records every file it writes in the register, in
the same step: a file is on disk if and only if the register says it was issued.

On PostgreSQL one witness's own file (``invite`` or ``cancellation`` for a witness, what
a clerk issues most) is read and recorded through the driver in one transaction, without
a session (``_witness_on_driver``, issue 13): a session's begin, flush, audit gathering
and SQLAlchemy's work on each statement cost this process more than the rows. The same
file, register and audit rows, change notice and errors as in a session.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain import invitation_plan as rule
from ..domain.enums import MeetingStatus
from ..domain.errors import ConflictError, ExportError
from ..domain.invitation_plan import InvitationFacts
from ..domain.invitation_records import (
    CalendarIssue,
    IssuedFiles,
    IssuedTo,
    IssueKind,
    PersonKind,
    PlannedFile,
    RegisterLine,
    UpdatePlan,
)
from ..domain.meeting_rules import will_not_take_place
from ..domain.records import Review
from ..domain.topics import Topic
from ..store import changes, invitation_register, queries
from ..store.db import Database
from ..store.meeting_papers import MeetingCalendar, WitnessCalendar
from . import publishing
from .audit import issue_detail, record_issue
from .files import write_atomically
from .invitation_files import all_or_none, is_email, organizer_of, render
from .public_exports import refuse_public_reader

Clock = Callable[[], datetime]

CHANGED = (
    'The meeting or its invitation register changed since the updates for "{title}" were '
    "listed (another clerk may have sent them): list them again, then send"
)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _WitnessUids(Mapping[str, str]):
    """Each witness's own UID for a meeting, by key (``publishing.witness_uid``), made
    when it is asked for: one witness's invitation needs one of the meeting's forty."""

    def __init__(self, meeting_uid: str, keys: set[str]) -> None:
        self._meeting_uid = meeting_uid
        self._keys = keys

    def __getitem__(self, key: str) -> str:
        if key not in self._keys:
            raise KeyError(key)
        return publishing.witness_uid(self._meeting_uid, key)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._keys))

    def __len__(self) -> int:
        return len(self._keys)


@dataclass(frozen=True)
class _Read:
    """A meeting read for issuing: the rule's facts, its review cut down to it (for
    drawing) and its key; the ids of the witnesses it holds, by id their keys."""

    facts: InvitationFacts
    review: Review
    key: str
    review_id: int
    witness_ids: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Issued:
    """One file written by ``export invite``/``export cancellation`` and recorded."""

    path: Path
    issue: CalendarIssue
    warnings: tuple[str, ...]


class InvitationService:
    def __init__(self, db: Database, clock: Clock = _utc_now) -> None:
        self.db = db
        self.clock = clock

    # Reading ----------------------------------------------------------------

    @staticmethod
    def _facts(papers: MeetingCalendar, issued: tuple[CalendarIssue, ...]) -> _Read:
        meeting_id = papers.meeting_id
        meeting = papers.meeting
        assert meeting.uid is not None, "meetings are given a UID when they are stored"
        keys = {k for item in meeting.items for k in item.witnesses}
        keys.update(
            to.key for issue in issued for to in issue.recipients if to.person is PersonKind.WITNESS
        )
        uids = _WitnessUids(meeting.uid, keys)
        facts = InvitationFacts(
            meeting_id, meeting, papers.review.panel, papers.review.witnesses, issued, uids
        )
        return _Read(facts, papers.review, papers.key, papers.review_id, papers.witness_ids)

    def _reading(self, meeting_id: int) -> _Read:
        with self.db.reading() as session:
            found = invitation_register.meeting_and_register(session, meeting_id)
        return self._facts(*found)

    def register(self, meeting_id: int) -> tuple[RegisterLine, ...]:
        """One line per person invited now or named in the register: what was last
        issued to them and whether it is older than the meeting now is."""
        return rule.register_lines(self._reading(meeting_id).facts)

    def issued(self, meeting_id: int) -> tuple[CalendarIssue, ...]:
        """The meeting's register itself, oldest first."""
        with self.db.reading() as session:
            queries.get_meeting(session, meeting_id)  # NotFoundError naming the id
            return invitation_register.issues(session, meeting_id)

    def holders(self, meeting_id: int) -> tuple[IssuedTo, ...]:
        """Who holds a live event for the meeting (nothing cancelled it since): asked
        before the meeting is deleted, after which no cancellation can be issued."""
        return rule.holding(self.issued(meeting_id))

    def plan_updates(self, meeting_id: int, *, email: bool = True) -> UpdatePlan:
        """What Send Updates would write, to whom, and the warnings; nothing written."""
        return rule.plan_updates(self._reading(meeting_id).facts, email=email)

    def warnings(self, meeting_id: int, witness_id: int | None = None) -> tuple[str, ...]:
        """Everyone left out for lack of an e-mail address, every witness who asked to
        be heard in private but is on an open item (with ``witness_id``: that one's)."""
        with self.db.reading() as session:
            read = self._facts(*invitation_register.meeting_and_register(session, meeting_id))
            key = None if witness_id is None else queries.get_witness(session, witness_id).key
        return rule.warnings(read.facts, key)

    # Send Updates -----------------------------------------------------------

    def send_updates(
        self,
        meeting_id: int,
        folder: str | os.PathLike[str],
        *,
        email: bool = True,
        expected: UpdatePlan | None = None,
    ) -> IssuedFiles:
        """Write what each person needs into ``folder`` (.eml, else .ics) and record
        every file in the register, all or nothing. With ``expected`` (the plan the
        clerk was shown), refuse if the meeting or its register changed since."""
        refuse_public_reader(self.db, "invitations")
        read = self._reading(meeting_id)
        plan = rule.plan_updates(read.facts, email=email)
        if expected is not None and not rule.same_plan(expected, plan):
            raise ConflictError(CHANGED.format(title=plan.meeting_title))
        where = str(Path(folder).expanduser().absolute())
        if not plan.files:
            return IssuedFiles(where, (), plan)
        organizer = organizer_of(read.review)
        now = self.clock()
        files = [
            (f.file_name, render(read.review, read.key, f, organizer, now, email=email))
            for f in plan.files
        ]
        with all_or_none(folder, files) as place, self.db.writing() as session:
            found = invitation_register.meeting_and_register(session, meeting_id, lock=True)
            again = self._facts(*found)
            if not rule.same_plan(rule.plan_updates(again.facts, email=email), plan):
                raise ConflictError(CHANGED.format(title=plan.meeting_title))
            self._record(session, again.facts, plan.files, now)
            for f in plan.files:
                record_issue(session, f.kind, f.person, meeting_id, read.review_id, f.file_name)
            paths = place()
        return IssuedFiles(where, tuple(str(p) for p in paths), plan)

    def _record(
        self,
        session: Any,  # the store's session, passed through
        facts: InvitationFacts,
        files: tuple[PlannedFile, ...],
        now: datetime,
    ) -> None:
        for f in files:
            invitation_register.record(
                session,
                facts.meeting_id,
                CalendarIssue(now, self.db.user, f.kind, f.uid, f.sequence, f.recipients, f.reason),
            )
        invitation_register.raise_sequence_to(
            session, facts.meeting_id, rule.highest_sequence(facts.meeting, files)
        )

    # One file: export invite / export cancellation ---------------------------

    def invite(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Issued:
        """The panel's invitation (every member, substitute and officer with an
        address) or one witness's own, written to ``path`` (.ics or .eml) and recorded:
        an invitation, or an update for those who already hold the meeting."""
        refuse_public_reader(self.db, "invitations")
        email = is_email(path)
        now = None
        if witness_id is not None and self._on_driver():
            issued = self._witness_on_driver(meeting_id, witness_id, path, email, self._invited)
            if isinstance(issued, Issued):
                return issued
            now = issued
        with self._issuing() as (session, written):
            read, witness_key = self._one(session, meeting_id, witness_id)
            kind, recipients = self._invitation(read, witness_key)
            return self._issue_one(
                session, written, read, witness_key, kind, recipients, None, path, email, now
            )

    def _invited(
        self, read: _Read, witness_key: str | None
    ) -> tuple[IssueKind, str | None, tuple[IssuedTo, ...]]:
        kind, recipients = self._invitation(read, witness_key)
        return kind, None, recipients

    def _invitation(
        self, read: _Read, witness_key: str | None
    ) -> tuple[IssueKind, tuple[IssuedTo, ...]]:
        """What ``invite`` issues, and to whom; ExportError if it may not."""
        meeting = read.facts.meeting
        if will_not_take_place(meeting.status):
            raise ExportError(
                f'"{meeting.title}" is {meeting.status.value}: it gets no invitation'
                + (
                    " (send the cancellation instead)"
                    if meeting.status is MeetingStatus.CANCELLED
                    else " until it is rescheduled"
                )
            )
        if witness_key is not None:
            self._on_agenda(read, witness_key)
        recipients = self._recipients(read, witness_key)
        held = rule.last_issued(read.facts.issued)
        live = [held.get((to.person, to.key)) for to in recipients]
        kind = (
            IssueKind.UPDATE
            if recipients and all(h is not None and h.live and h.to.email == to.email
                                  for h, to in zip(live, recipients, strict=True))
            else IssueKind.INVITATION
        )  # fmt: skip
        return kind, recipients

    def cancellation(
        self, meeting_id: int, path: str | os.PathLike[str], witness_id: int | None = None
    ) -> Issued:
        """A cancelled or postponed meeting's cancellation, to the panel or one witness;
        or, for a witness taken off the agenda who holds an invitation, theirs."""
        refuse_public_reader(self.db, "cancellations")
        email = is_email(path)
        if witness_id is not None and self._on_driver():
            issued = self._witness_on_driver(meeting_id, witness_id, path, email, self._cancelled)
            if isinstance(issued, Issued):
                return issued  # (a cancellation never raises the SEQUENCE: always issued)
        with self._issuing() as (session, written):
            read, witness_key = self._one(session, meeting_id, witness_id)
            reason, recipients = self._cancellation(read, witness_key)
            kind = IssueKind.CANCELLATION
            return self._issue_one(
                session, written, read, witness_key, kind, recipients, reason, path, email
            )

    def _cancellation(
        self, read: _Read, witness_key: str | None
    ) -> tuple[str | None, tuple[IssuedTo, ...]]:
        """Why ``cancellation`` issues one, and to whom; ExportError if it may not."""
        meeting = read.facts.meeting
        held = rule.last_issued(read.facts.issued)
        reason: str | None
        if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
            reason = rule.CANCELLED if meeting.status is MeetingStatus.CANCELLED else rule.POSTPONED
            if witness_key is not None and not self._is_on_agenda(read, witness_key):
                self._holds(read, held, witness_key)
        elif witness_key is not None and not self._is_on_agenda(read, witness_key):
            self._holds(read, held, witness_key)
            reason = rule.NO_LONGER[PersonKind.WITNESS]
        else:
            raise ExportError(
                f'"{meeting.title}" is {meeting.status.value}, not cancelled: '
                "cancel (or postpone) the meeting first, then send its cancellation"
            )
        return reason, self._recipients(read, witness_key)

    def _cancelled(
        self, read: _Read, witness_key: str | None
    ) -> tuple[IssueKind, str | None, tuple[IssuedTo, ...]]:
        reason, recipients = self._cancellation(read, witness_key)
        return IssueKind.CANCELLATION, reason, recipients

    @contextmanager
    def _issuing(self) -> Iterator[tuple[Any, list[Path]]]:
        """The one transaction in which a single file is read, decided, drawn, recorded
        and written (``invite``, ``cancellation``): the meeting and its register are
        read as they are recorded, and the database is asked for one transaction, not
        a reading and then a writing one. The file written is removed if the
        transaction fails after all. A database open read-only is read in a reading
        session: what the meeting refuses is said first, then recording refuses."""
        written: list[Path] = []
        try:
            with self.db.reading() if self.db.read_only else self.db.writing() as session:
                yield session, written
        except BaseException:
            for path in written:  # the register could not record it: no file either
                path.unlink(missing_ok=True)
            raise

    def _one(
        self,
        session: Any,  # the store's session, passed through
        meeting_id: int,
        witness_id: int | None,
    ) -> tuple[_Read, str | None]:
        """The meeting and its register as the file decides from them: the panel's
        file, the whole of both; one witness's own, only what concerns that witness
        (``invitation_register.witness_and_register``): their file prints nothing of
        the panel, the substitutes and officers or the other witnesses, and is decided
        by what was last issued to them."""
        if witness_id is None:
            found = invitation_register.meeting_and_register(session, meeting_id)
            return self._facts(*found), None
        return self._own(invitation_register.witness_and_register(session, meeting_id, witness_id))

    def _own(self, own: WitnessCalendar) -> tuple[_Read, str]:
        """A witness's own file's read, refused for a witness of another review."""
        witness = own.witness
        if witness.review_id != own.calendar.review_id:
            raise ExportError(f'Witness {witness.id} ("{witness.name}") belongs to another review')
        return self._facts(own.calendar, own.issued), witness.key

    @staticmethod
    def _is_on_agenda(read: _Read, witness_key: str) -> bool:
        return any(witness_key in item.witnesses for item in read.facts.meeting.items)

    def _on_agenda(self, read: _Read, witness_key: str) -> None:
        if not self._is_on_agenda(read, witness_key):
            name = next(w.name for w in read.review.witnesses if w.key == witness_key)
            raise ExportError(
                f'{name} is not on the agenda of "{read.facts.meeting.title}": '
                "assign them to an item first"
            )

    @staticmethod
    def _holds(read: _Read, held: dict[rule.Who, rule.Held], witness_key: str) -> None:
        h = held.get((PersonKind.WITNESS, witness_key))
        if h is None or not h.live:
            name = next(w.name for w in read.review.witnesses if w.key == witness_key)
            raise ExportError(
                f'{name} is not on the agenda of "{read.facts.meeting.title}" and holds no '
                "invitation to it: there is nothing to cancel"
            )

    @staticmethod
    def _recipients(read: _Read, witness_key: str | None) -> tuple[IssuedTo, ...]:
        """Whom the file goes to: the witness (at their address now, else the one last
        issued to), or every member, substitute and officer with an address (each
        address once)."""
        if witness_key is not None:
            w = next(w for w in read.review.witnesses if w.key == witness_key)
            address = (w.email or "").strip()
            if not address:
                h = rule.last_issued(read.facts.issued).get((PersonKind.WITNESS, witness_key))
                address = h.to.email if h is not None else ""
            if not address:
                raise ExportError(
                    f"{w.name} has no e-mail address; add one under Witnesses to send them "
                    "an invitation"
                )
            return (IssuedTo(PersonKind.WITNESS, w.key, w.name, address),)
        seen: dict[str, IssuedTo] = {}
        for person in rule.panel_invitees(read.facts.meeting, read.review.panel):
            if person.email is not None:
                seen.setdefault(person.email.lower(), person.to())
        return tuple(seen.values())

    def _issue_one(
        self,
        session: Any,  # the store's session (``_issuing``), passed through
        written: list[Path],
        read: _Read,
        witness_key: str | None,
        kind: IssueKind,
        recipients: tuple[IssuedTo, ...],
        reason: str | None,
        path: str | os.PathLike[str],
        email: bool,
        now: datetime | None = None,
    ) -> Issued:
        facts = read.facts
        drawn = self._drawn(read, witness_key, kind, recipients, reason, path, email, now)
        planned, issue = drawn.planned, drawn.issue
        if self.db.read_only:
            with self.db.writing():  # refuses, saying why (ReadOnlyError): nothing written
                pass
        invitation_register.record(session, facts.meeting_id, issue)
        record_issue(
            session, kind, planned.person, facts.meeting_id, read.review_id, planned.file_name
        )
        if drawn.top > facts.meeting.sequence:  # it is never lowered: else nothing to do
            invitation_register.raise_sequence_to(session, facts.meeting_id, drawn.top)
        written.append(write_atomically(path, drawn.data))
        warnings = rule.warnings(facts, witness_key)
        return Issued(written[-1], issue, warnings)

    def _drawn(
        self,
        read: _Read,
        witness_key: str | None,
        kind: IssueKind,
        recipients: tuple[IssuedTo, ...],
        reason: str | None,
        path: str | os.PathLike[str],
        email: bool,
        now: datetime | None = None,
    ) -> _Drawn:
        """The file ``invite`` or ``cancellation`` issues, drawn (at ``now``, by default
        the clock's time), and its register entry."""
        facts = read.facts
        held = rule.last_issued(facts.issued)
        sequence = max(
            [facts.meeting.sequence]
            + [rule.sequence_after(facts.meeting.sequence, held.get((to.person, to.key)), kind)
               for to in recipients]
        )  # fmt: skip
        person = PersonKind.MEMBER if witness_key is None else PersonKind.WITNESS
        uid = (
            facts.uid
            if witness_key is None
            else facts.witness_uids.get(witness_key)
            or publishing.witness_uid(facts.uid, witness_key)
        )
        planned = PlannedFile(kind, person, uid, sequence, recipients, reason, Path(path).name)
        organizer = organizer_of(read.review)
        if now is None:
            now = self.clock()
        data = render(read.review, read.key, planned, organizer, now, email=email)
        issue = CalendarIssue(now, self.db.user, kind, uid, sequence, recipients, reason)
        return _Drawn(planned, issue, data, rule.highest_sequence(facts.meeting, [planned]))

    # One witness's file on PostgreSQL, through the driver ---------------------

    def _on_driver(self) -> bool:
        """Whether a witness's own file is issued through the driver, without a session
        (``_witness_on_driver``): on PostgreSQL, open for writing, when whatever runs
        before a write commits is known to it: the change's notice (``live``), which it
        sends itself, and the public projection, which no register entry changes
        (``public_projection.NOT_ON_PAPERS``). Else, and on SQLite, in a session."""
        if self.db.dialect != "postgresql" or self.db.read_only:
            return False
        from ..store.live import Announcer
        from .public_projection import NOT_ON_PAPERS, refresh_touched

        if Topic.INVITATIONS not in NOT_ON_PAPERS:
            return False
        return all(
            isinstance(hook, Announcer) or hook is refresh_touched for hook in self.db.before_commit
        )

    def _witness_on_driver(
        self,
        meeting_id: int,
        witness_id: int,
        path: str | os.PathLike[str],
        email: bool,
        decide: Callable[[_Read, str | None], tuple[IssueKind, str | None, tuple[IssuedTo, ...]]],
    ) -> Issued | datetime:
        """``invite``'s or ``cancellation``'s one witness's file, read, decided
        (``decide``), drawn, written and recorded as ``_issuing`` does, in one
        transaction of the driver (``pg_driver.transaction``): the read in one trip;
        the register's issue and recipients, the audit rows and the change's notice in
        another (``invitation_register.record_on``); the file written; the COMMIT. In a
        session's order, with the same rows, file and errors: a refused row leaves a
        file already at ``path`` alone; the file is removed if the COMMIT fails. For a
        file that would raise the meeting's SEQUENCE (a request after a cancellation to
        the same person, which changes the meeting and so its public papers) nothing is
        written: the time it was drawn at is returned, and it is issued in a session
        instead, drawn at that time."""
        from ..store import pg_driver
        from ..store.live import CHANNEL, announcer_of, payload_of

        written: list[Path] = []
        try:
            with pg_driver.transaction(self.db) as reader:
                own = invitation_register.witness_and_register_on(reader, meeting_id, witness_id)
                read, witness_key = self._own(own)
                kind, reason, recipients = decide(read, witness_key)
                drawn = self._drawn(read, witness_key, kind, recipients, reason, path, email)
                if drawn.top > read.facts.meeting.sequence:
                    return drawn.issue.at
                warnings = rule.warnings(read.facts, witness_key)
                announcer = announcer_of(self.db)
                notice = (
                    None
                    if announcer is None
                    else (CHANNEL, payload_of(_WRITTEN, (read.review_id,), announcer.instance))
                )
                invitation_register.record_on(
                    reader,
                    meeting_id,
                    read.review_id,
                    drawn.issue,
                    issue_detail(kind, drawn.planned.person, drawn.planned.file_name),
                    actor=str(self.db.user or "unknown"),
                    notice=notice,
                )
                # As in a session: the rows first (a refused one leaves a file already
                # at ``path`` alone), then the file, then the COMMIT.
                written.append(write_atomically(path, drawn.data))
        except BaseException:
            for done in written:  # the register could not record it: no file either
                done.unlink(missing_ok=True)
            raise
        changes.reported(_WRITTEN)
        return Issued(written[-1], drawn.issue, warnings)


_WRITTEN = frozenset({Topic.INVITATIONS})
"""What a register entry changes (``changes``: its tables' topic)."""


@dataclass(frozen=True)
class _Drawn:
    """One file drawn for ``invite`` or ``cancellation``: what it is, its register
    entry, its bytes and the meeting's SEQUENCE once it is issued."""

    planned: PlannedFile
    issue: CalendarIssue
    data: bytes
    top: int
