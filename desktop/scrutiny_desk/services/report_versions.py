"""Versions of the review's report, the panel's comments on them and the meetings'
consideration of them (issue 17).

The working draft follows the review: it is built afresh from it whenever it is read
(``report_outline.build_report``). Making a version freezes it: the panel's view as it
prints then is kept as canonical JSON (``view_codec.report_text``) and never rebuilt,
as approving minutes keeps their views (``approved_minutes``), so a minute citing
paragraph 3.2 of version 0.2 keeps citing the same words whatever happens to the draft.
The public version of a frozen one is cut from its panel view by the one rule
(``publishing.report_view``).

Numbers: drafts "0.1", "0.2" … in the order made, then "final"; nothing after the final
report. Comments are taken on versions issued for comment; consideration is recorded on
versions for comment or for a meeting; both name a paragraph of that version's content
by key and show its number as that version printed it. Withdrawing a version (the undo
of making it) is allowed for the newest only, and only while nothing refers to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from ..domain.changes import KEEP, Keep
from ..domain.enums import ConsiderationOutcome, ReportPurpose
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.localtime import zone
from ..domain.report_diff import ParagraphChange, difference
from ..domain.report_version_records import (
    CommentEntry,
    CommentSnapshot,
    ConsiderationEntry,
    ConsiderationSnapshot,
    VersionEntry,
    next_number,
)
from ..domain.report_views import ReportDocView
from ..domain.rules import text_problem
from ..domain.views import Audience
from ..store import minutes_edits, queries
from ..store import report_version_edits as store
from ..store.db import Database
from ..store.documents import load_review
from . import report_outline
from .publishing_report import report_view

T = TypeVar("T")

#: which versions take comments, and which consideration
TAKES_COMMENTS = (ReportPurpose.COMMENT,)
TAKES_CONSIDERATION = (ReportPurpose.COMMENT, ReportPurpose.MEETING)


class ReportVersionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Versions ---------------------------------------------------------------------------

    def versions(self, review_id: int) -> tuple[VersionEntry, ...]:
        """The review's versions in the order made."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            return store.version_entries(session, review_id)

    def make(
        self,
        review_id: int,
        purpose: ReportPurpose,
        *,
        meeting_key: str | None = None,
        note: str | None = None,
        now: datetime | None = None,
    ) -> VersionEntry:
        """Freeze the working draft as the next version: "0.n" for comment or a meeting,
        "final" for the final report (refused after it). A version for a meeting names
        a meeting of the review (``meeting_key``). ``now``: when it is made (aware;
        default: now in the review's time zone)."""
        with self.db.writing() as session:
            minutes_edits.require_review(session, review_id)
            store.lock_review(session, review_id)
            problems: list[Problem] = []
            numbers = [v.number for v in store.versions_made(session, review_id)]
            number = next_number(numbers, purpose)
            if number is None:
                problems.append(
                    Problem("purpose", "the final report has been made: nothing follows it")
                )
            meeting_id = None
            if meeting_key is not None:
                meeting_id = minutes_edits.meeting_id_for(session, review_id, meeting_key)
                if meeting_id is None:
                    problems.append(
                        Problem("meeting", f'no meeting with key "{meeting_key}" in this review')
                    )
            elif purpose is ReportPurpose.MEETING:
                problems.append(
                    Problem(
                        "meeting", "a version for a meeting needs the meeting that considers it"
                    )
                )
            note = _blank(note)
            if note is not None and (why := text_problem(note)):
                problems.append(Problem("note", why))
            if problems:
                raise ValidationError(problems)
            assert number is not None
            review = load_review(session, review_id)
            made = (now or datetime.now(zone(review.timezone))).replace(microsecond=0)
            if made.tzinfo is None:
                raise ValidationError(Problem("made", "must carry its time zone"))
            view = report_outline.build_report(
                review, made=made.date(), version=number, purpose=purpose
            )
            store.insert_version(session, review_id, number, purpose, made, meeting_id, note, view)
            return store.version_entries(session, review_id)[-1]

    def withdraw(self, version_id: int) -> None:
        """Take back the newest version (the undo of ``make``): refused for an older
        one, or one with comments or decisions recorded on it. (A redo makes it again,
        from the working draft as it is then.)"""
        with self.db.writing() as session:
            row = store.version_by_id(session, version_id)
            if row is None:
                raise NotFoundError(f"There is no version of the report with id {version_id}")
            newest = store.versions_made(session, row.review_id)[-1]
            if newest.id != version_id:
                raise ValidationError(
                    Problem(
                        "version",
                        f"version {row.number} is not the newest ({newest.number}): "
                        "only the newest can be withdrawn",
                    )
                )
            if store.referred(session, version_id):
                raise ValidationError(
                    Problem(
                        "version", f"version {row.number} has comments or decisions recorded on it"
                    )
                )
            store.delete_version(session, version_id)

    def content(self, review_id: int, number: str, audience: Audience) -> ReportDocView:
        """A frozen version as it printed for ``audience`` (panel or public)."""
        with self.db.reading() as session:
            row = self._version(session, review_id, number)
            view = row.content()
        return report_view(view, audience)

    def working(self, review_id: int, audience: Audience, today: date) -> ReportDocView:
        """The working draft as it stands now for ``audience``, dated ``today``."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            review = load_review(session, review_id)
        return report_view(report_outline.build_report(review, made=today), audience)

    def difference(
        self, review_id: int, old: str, new: str | None, today: date | None = None
    ) -> tuple[ParagraphChange, ...]:
        """What changed from version ``old`` to version ``new`` (None: the working
        draft), paragraph by paragraph, in the panel's view."""
        before = self.content(review_id, old, Audience.PANEL)
        if new is None:
            after = self.working(review_id, Audience.PANEL, today or date.today())
        else:
            after = self.content(review_id, new, Audience.PANEL)
        return difference(before, after)

    # Comments ---------------------------------------------------------------------------

    def comments(self, review_id: int, version: str | None = None) -> tuple[CommentEntry, ...]:
        """The comments on version ``version`` (None: on every version), in order."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            vid = None if version is None else self._version(session, review_id, version).id
            return store.comment_entries(session, review_id, vid)

    def add_comment(
        self,
        review_id: int,
        version: str,
        paragraph_key: str,
        member_key: str,
        text: str,
        received: date,
        *,
        position: int | None = None,
    ) -> CommentEntry:
        """A panel member's comment on a paragraph of a version issued for comment."""
        with self.db.writing() as session:
            minutes_edits.require_review(session, review_id)
            store.lock_review(session, review_id)
            row = self._version(session, review_id, version)
            problems = _takes(row, TAKES_COMMENTS, "comments", "for comment")
            problems += _paragraph_problems(row, paragraph_key)
            member = minutes_edits.member_for(session, review_id, member_key)
            if member is None:
                problems.append(Problem("member", f'no panel member with key "{member_key}"'))
            problems += _comment_problems(text)
            if problems:
                raise ValidationError(problems)
            assert member is not None
            new_id = store.insert_comment(
                session,
                review_id,
                row.id,
                paragraph_key,
                member[0],
                text.strip(),
                received,
                position,
            )
            return _one(store.comment_entries(session, review_id, row.id), new_id)

    def edit_comment(
        self,
        comment_id: int,
        expected_version: int,
        *,
        text: str | Keep = KEEP,
        received: date | Keep = KEEP,
        member_key: str | Keep = KEEP,
    ) -> CommentEntry:
        """Change a comment read at ``expected_version``."""
        with self.db.writing() as session:
            queries.check_version(
                session, "report comment", comment_id, expected_version, "The comment"
            )
            review_id, version_id = store.comment_review(session, comment_id)
            problems = [] if isinstance(text, Keep) else _comment_problems(text)
            member_id: int | Keep = KEEP
            if not isinstance(member_key, Keep):
                member = minutes_edits.member_for(session, review_id, member_key)
                if member is None:
                    problems.append(Problem("member", f'no panel member with key "{member_key}"'))
                else:
                    member_id = member[0]
            if problems:
                raise ValidationError(problems)
            store.update_comment(
                session,
                comment_id,
                text=text if isinstance(text, Keep) else text.strip(),
                received=received,
                member_id=member_id,
            )
            return _one(store.comment_entries(session, review_id, version_id), comment_id)

    def delete_comment(self, comment_id: int, expected_version: int) -> CommentSnapshot:
        """Delete a comment; the snapshot puts it back (``restore_comment``)."""
        with self.db.writing() as session:
            queries.check_version(
                session, "report comment", comment_id, expected_version, "The comment"
            )
            review_id = store.comment_review(session, comment_id)[0]
            position, comment = store.delete_comment(session, comment_id)
            return CommentSnapshot(review_id, position, comment)

    def restore_comment(self, snapshot: CommentSnapshot) -> CommentEntry:
        """Put a deleted comment back where it was."""
        c = snapshot.comment
        return self.add_comment(
            snapshot.review_id,
            c.version,
            c.paragraph,
            c.member,
            c.text,
            c.received,
            position=snapshot.position,
        )

    # Consideration ----------------------------------------------------------------------

    def considerations(
        self, review_id: int, version: str | None = None
    ) -> tuple[ConsiderationEntry, ...]:
        """The decisions recorded on version ``version`` (None: on every version)."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            vid = None if version is None else self._version(session, review_id, version).id
            return store.consideration_entries(session, review_id, vid)

    def record(
        self,
        review_id: int,
        version: str,
        paragraph_key: str,
        meeting_key: str,
        outcome: ConsiderationOutcome,
        *,
        item_key: str | None = None,
        amendment: str | None = None,
        position: int | None = None,
    ) -> ConsiderationEntry:
        """What ``meeting_key`` decided on a paragraph of a version for comment or for a
        meeting, under agenda item ``item_key`` of that meeting (its minutes word it).
        ``amendment``: the words agreed, only with outcome "amended"."""
        with self.db.writing() as session:
            minutes_edits.require_review(session, review_id)
            store.lock_review(session, review_id)
            row = self._version(session, review_id, version)
            problems = _takes(
                row, TAKES_CONSIDERATION, "consideration", "for comment or for a meeting"
            )
            problems += _paragraph_problems(row, paragraph_key)
            meeting_id = minutes_edits.meeting_id_for(session, review_id, meeting_key)
            item_id = None
            if meeting_id is None:
                problems.append(
                    Problem("meeting", f'no meeting with key "{meeting_key}" in this review')
                )
            else:
                minutes_edits.refuse_if_approved(session, meeting_id)
                item_id, why = _item(session, meeting_id, item_key)
                problems += why
            amendment = _blank(amendment)
            problems += _outcome_problems(outcome, amendment)
            if problems:
                raise ValidationError(problems)
            assert meeting_id is not None
            new_id = store.insert_consideration(
                session,
                review_id,
                row.id,
                paragraph_key,
                meeting_id,
                outcome,
                item_id,
                amendment,
                position,
            )
            return _one(store.consideration_entries(session, review_id, row.id), new_id)

    def edit_consideration(
        self,
        consideration_id: int,
        expected_version: int,
        *,
        outcome: ConsiderationOutcome | Keep = KEEP,
        amendment: str | Keep | None = KEEP,
        item_key: str | Keep | None = KEEP,
    ) -> ConsiderationEntry:
        """Change a decision read at ``expected_version`` (refused while the minutes of
        its meeting are approved: they print it)."""
        with self.db.writing() as session:
            queries.check_version(
                session, "report consideration", consideration_id, expected_version, "The decision"
            )
            row = store.decision(session, consideration_id)
            minutes_edits.refuse_if_approved(session, row.meeting_id)
            new_outcome = row.outcome if isinstance(outcome, Keep) else outcome
            new_amendment = row.amendment if isinstance(amendment, Keep) else _blank(amendment)
            problems = _outcome_problems(new_outcome, new_amendment)
            item_id: int | Keep | None = KEEP
            if not isinstance(item_key, Keep):
                item_id, why = _item(session, row.meeting_id, item_key)
                problems += why
            if problems:
                raise ValidationError(problems)
            store.update_decision(session, consideration_id, new_outcome, new_amendment, item_id)
            return _one(
                store.consideration_entries(session, row.review_id, row.version_id),
                consideration_id,
            )

    def delete_consideration(
        self, consideration_id: int, expected_version: int
    ) -> ConsiderationSnapshot:
        """Delete a decision; the snapshot puts it back (``restore_consideration``)."""
        with self.db.writing() as session:
            queries.check_version(
                session, "report consideration", consideration_id, expected_version, "The decision"
            )
            row = store.decision(session, consideration_id)
            minutes_edits.refuse_if_approved(session, row.meeting_id)
            review_id = row.review_id
            position, decision = store.delete_consideration(session, consideration_id)
            return ConsiderationSnapshot(review_id, position, decision)

    def restore_consideration(self, snapshot: ConsiderationSnapshot) -> ConsiderationEntry:
        """Put a deleted decision back where it was."""
        d = snapshot.consideration
        return self.record(
            snapshot.review_id,
            d.version,
            d.paragraph,
            d.meeting,
            d.outcome,
            item_key=d.item,
            amendment=d.amendment,
            position=snapshot.position,
        )

    def agree_remaining(
        self, review_id: int, version: str, meeting_key: str, *, item_key: str | None = None
    ) -> tuple[ConsiderationEntry, ...]:
        """Record "agreed" for every paragraph of the version on which the meeting has
        decided nothing yet, in the version's order, in one transaction (the window's
        "Agree all remaining"); ``delete_considerations`` of what it returns undoes it."""
        with self.db.writing() as session:
            minutes_edits.require_review(session, review_id)
            store.lock_review(session, review_id)
            row = self._version(session, review_id, version)
            problems = _takes(
                row, TAKES_CONSIDERATION, "consideration", "for comment or for a meeting"
            )
            meeting_id = minutes_edits.meeting_id_for(session, review_id, meeting_key)
            item_id = None
            if meeting_id is None:
                problems.append(
                    Problem("meeting", f'no meeting with key "{meeting_key}" in this review')
                )
            else:
                minutes_edits.refuse_if_approved(session, meeting_id)
                item_id, why = _item(session, meeting_id, item_key)
                problems += why
            if problems:
                raise ValidationError(problems)
            assert meeting_id is not None
            decided = {
                d.paragraph_key
                for d in store.consideration_entries(session, review_id, row.id)
                if d.meeting.key == meeting_key
            }
            made = [
                store.insert_consideration(
                    session,
                    review_id,
                    row.id,
                    p.key,
                    meeting_id,
                    ConsiderationOutcome.AGREED,
                    item_id,
                    None,
                )
                for p in row.content().paragraphs()
                if p.key not in decided
            ]
            entries = store.consideration_entries(session, review_id, row.id)
            return tuple(e for e in entries if e.id in set(made))

    def delete_considerations(
        self, entries: Sequence[ConsiderationEntry]
    ) -> tuple[ConsiderationSnapshot, ...]:
        """Delete several decisions in one transaction (the undo of ``agree_remaining``),
        each checked against the version it was read at; snapshots in the order given."""
        with self.db.writing() as session:
            taken = []
            for entry in entries:
                queries.check_version(
                    session, "report consideration", entry.id, entry.version, "The decision"
                )
                row = store.decision(session, entry.id)
                minutes_edits.refuse_if_approved(session, row.meeting_id)
                position, decision = store.delete_consideration(session, entry.id)
                taken.append(ConsiderationSnapshot(row.review_id, position, decision))
            return tuple(taken)

    # Helpers ------------------------------------------------------------------------------

    @staticmethod
    def _version(session: Any, review_id: int, number: str) -> store.StoredVersion:
        row = store.find_version(session, review_id, number)
        if row is None:
            raise ValidationError(Problem("version", f'the report has no version "{number}"'))
        return row


_MADE_FOR = {
    ReportPurpose.COMMENT: "for comment",
    ReportPurpose.MEETING: "for a meeting",
    ReportPurpose.FINAL: "as the final report",
}


def _blank(text: str | None) -> str | None:
    return text.strip() or None if text is not None else None


def _one(entries: tuple[T, ...], row_id: int) -> T:
    return next(e for e in entries if e.id == row_id)  # type: ignore[attr-defined]


def _takes(
    row: store.StoredVersion, purposes: tuple[ReportPurpose, ...], what: str, which: str
) -> list[Problem]:
    if row.purpose in purposes:
        return []
    return [
        Problem(
            "version",
            f"version {row.number} was made {_MADE_FOR[row.purpose]}: "
            f"{what} is recorded only on versions {which}",
        )
    ]


def _paragraph_problems(row: store.StoredVersion, key: str) -> list[Problem]:
    if any(p.key == key for p in row.content().paragraphs()):
        return []
    return [Problem("paragraph", f'version {row.number} has no paragraph with key "{key}"')]


def _comment_problems(text: str) -> list[Problem]:
    if not text.strip():
        return [Problem("text", "a comment must say something")]
    if why := text_problem(text):
        return [Problem("text", why)]
    return []


def _outcome_problems(outcome: ConsiderationOutcome, amendment: str | None) -> list[Problem]:
    if amendment is not None and outcome is not ConsiderationOutcome.AMENDED:
        return [
            Problem(
                "amendment", f'only a paragraph "amended" has an amendment, not one "{outcome}"'
            )
        ]
    if amendment is not None and (why := text_problem(amendment)):
        return [Problem("amendment", why)]
    return []


def _item(session: Any, meeting_id: int, key: str | None) -> tuple[int | None, list[Problem]]:
    if key is None:
        return None, []
    found = store.item_of_meeting(session, meeting_id, key)
    if found is None:
        return None, [Problem("item", f'the meeting has no agenda item with key "{key}"')]
    return found, []
