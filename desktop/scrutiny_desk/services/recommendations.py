"""Recommendations: what the review asks of others, and how it is followed up.

A recommendation is numbered by its place in the review's list. From "agreed" on it
needs a lead and a due date (``RecommendationStatus.needs_lead_and_due``): the same rule
the interchange format keeps, checked here on the recommendation as it would be after
the edit. Dated progress updates are kept oldest first. Agreed and in-progress
recommendations whose due date has passed are overdue.

The tracker joins the recommendations being followed up with the actions agreed at
meetings, and the action plan is the PDF of the recommendations for one audience.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.changes import KEEP, Keep
from ..domain.enums import ActionStatus, RecommendationStatus
from ..domain.errors import ConflictError, NotFoundError, Problem, ValidationError
from ..domain.keys import key_problems
from ..domain.recommendation_records import (
    FINISHED,
    FOLLOWED_UP,
    ProgressEntry,
    ProgressSnapshot,
    RecommendationEntry,
    RecommendationSnapshot,
    TrackerKind,
    TrackerRow,
    progress_problems,
    recommendation_problems,
    status_words,
)
from ..domain.records import ProgressUpdate, Recommendation
from ..domain.views import Audience
from ..domain.wording import short_date
from ..store import action_edits, minutes_edits, response_edits
from ..store import recommendation_edits as store
from ..store.db import Database
from ..store.documents import load_review
from ..store.report_paragraph_edits import relink_paragraphs
from . import publishing, report_responses
from .files import write_atomically
from .public_exports import refuse_public_reader


class RecommendationService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ------------------------------------------------------------------------

    def list(self, review_id: int, today: date) -> builtins.list[RecommendationEntry]:
        """Every recommendation of the review, in its order (numbered from 1)."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            return store.review_entries(session, review_id, today)

    def get(self, recommendation_id: int, today: date | None = None) -> RecommendationEntry:
        with self.db.reading() as session:
            return store.entry(session, recommendation_id, today or date.today())

    def id_for(self, review_id: int, key: str) -> int:
        with self.db.reading() as session:
            found = store.id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no recommendation with key "{key}" in this review')
        return found

    def find(self, review_id: int, key: str, today: date | None = None) -> RecommendationEntry:
        return self.get(self.id_for(review_id, key), today)

    def validate(
        self,
        text: str | None,
        lead: str | None,
        due: date | None,
        status: RecommendationStatus,
        response: str | None = None,
    ) -> builtins.list[Problem]:
        """What saving these values would be refused for (no database needed): the
        editor shows each message beside its field before the clerk saves."""
        return recommendation_problems(text, _blank(lead), due, status, _blank(response))

    # Editing ------------------------------------------------------------------------

    def create(
        self,
        review_id: int,
        text: str,
        *,
        lead: str | None = None,
        due: date | None = None,
        status: RecommendationStatus = RecommendationStatus.DRAFT,
        response: str | None = None,
        tor: Sequence[str] = (),
        notes: Sequence[str] = (),
        position: int | None = None,
        key: str | None = None,
        today: date | None = None,
    ) -> RecommendationEntry:
        """A new recommendation at ``position`` (None: at the end of the list)."""
        with self.db.writing() as session:
            minutes_edits.require_review(session, review_id)
            store.lock_list(session, review_id)
            lead, response = _blank(lead), _blank(response)
            problems = recommendation_problems(text, lead, due, status, response)
            problems += _link_problems(session, review_id, tor, notes)
            if key is None:
                key = store.new_key(session, review_id)
            else:
                taken = store.id_for(session, review_id, key) is not None
                problems += key_problems(key, taken, "recommendation")
            if position is not None and not 0 <= position <= store.count(session, review_id):
                problems.append(Problem("position", "is outside the list"))
            if problems:
                raise ValidationError(problems)
            rec = Recommendation(
                key=key,
                text=text,
                lead=lead,
                due=due,
                status=status,
                response=response,
                tor=tuple(tor),
                notes=tuple(notes),
            )
            rec_id = store.insert_recommendation(session, review_id, rec, position)
            return store.entry(session, rec_id, today or date.today())

    def update(
        self,
        recommendation_id: int,
        expected_version: int,
        *,
        text: str | Keep = KEEP,
        lead: str | Keep | None = KEEP,
        due: date | Keep | None = KEEP,
        status: RecommendationStatus | Keep = KEEP,
        response: str | Keep | None = KEEP,
        today: date | None = None,
    ) -> RecommendationEntry:
        """Change the fields given (a field left at KEEP is not touched; None clears
        lead, due date or response). The lead/due rule holds on the result."""
        with self.db.writing() as session:
            store.checked(session, recommendation_id, expected_version)
            now = store.entry(session, recommendation_id, date.today())
            values: dict[str, Any] = {}
            if not isinstance(text, Keep):
                values["text"] = text
            if not isinstance(lead, Keep):
                values["lead"] = _blank(lead)
            if not isinstance(due, Keep):
                values["due"] = due
            if not isinstance(status, Keep):
                values["status"] = status
            if not isinstance(response, Keep):
                values["response"] = _blank(response)
            problems = recommendation_problems(
                values.get("text"),
                values.get("lead", now.lead),
                values.get("due", now.due),
                values.get("status", now.status),
                values.get("response"),
            )
            status_now = values.get("status")
            if status_now not in (None, RecommendationStatus.REJECTED) and (
                response_edits.rejected(session, recommendation_id)
            ):  # the record says why it changed: a new response, not a bare status
                problems.append(Problem("status", _STILL_REJECTED))
            if problems:
                raise ValidationError(problems)
            store.update_fields(session, recommendation_id, values)
            return store.entry(session, recommendation_id, today or date.today())

    def set_tor(
        self,
        recommendation_id: int,
        expected_version: int,
        keys: Sequence[str],
        today: date | None = None,
    ) -> RecommendationEntry:
        """The terms-of-reference items it answers, in this order."""
        return self._set_links(recommendation_id, expected_version, "tor", keys, today)

    def set_notes(
        self,
        recommendation_id: int,
        expected_version: int,
        keys: Sequence[str],
        today: date | None = None,
    ) -> RecommendationEntry:
        """The notes that support it, in this order."""
        return self._set_links(recommendation_id, expected_version, "notes", keys, today)

    def _set_links(
        self,
        recommendation_id: int,
        expected_version: int,
        link: str,
        keys: Sequence[str],
        today: date | None,
    ) -> RecommendationEntry:
        with self.db.writing() as session:
            review_id = store.checked(session, recommendation_id, expected_version)
            tor, notes = (keys, ()) if link == "tor" else ((), keys)
            problems = _link_problems(session, review_id, tor, notes)
            if problems:
                raise ValidationError(problems)
            store.set_links(session, recommendation_id, link, keys)
            return store.entry(session, recommendation_id, today or date.today())

    def move(
        self,
        recommendation_id: int,
        expected_version: int,
        position: int,
        today: date | None = None,
    ) -> RecommendationEntry:
        """Move it to ``position`` (0 = first); the others are renumbered."""
        with self.db.writing() as session:
            review_id = store.checked(session, recommendation_id, expected_version)
            store.lock_list(session, review_id)
            if not 0 <= position < store.count(session, review_id):
                raise ValidationError(Problem("position", "is outside the list"))
            store.move(session, recommendation_id, position)
            return store.entry(session, recommendation_id, today or date.today())

    def delete(self, recommendation_id: int, expected_version: int) -> RecommendationSnapshot:
        """Delete it with its links and progress updates; a snapshot for ``restore``."""
        with self.db.writing() as session:
            store.checked(session, recommendation_id, expected_version)
            return store.delete_recommendation(session, recommendation_id)

    def restore(
        self, snapshot: RecommendationSnapshot, today: date | None = None
    ) -> RecommendationEntry:
        """Put a deleted recommendation back with its key, links and progress updates,
        at its place in the list. Notes deleted since are left out."""
        rec = snapshot.recommendation
        with self.db.writing() as session:
            minutes_edits.require_review(session, snapshot.review_id)
            store.lock_list(session, snapshot.review_id)
            problems = recommendation_problems(
                rec.text, rec.lead, rec.due, rec.status, rec.response
            )
            for update in rec.progress:
                problems += progress_problems(update.text)
            problems += key_problems(
                rec.key,
                lambda k: store.id_for(session, snapshot.review_id, k) is not None,
                "recommendation",
            )
            if problems:
                raise ValidationError(problems)
            tor = store.known_keys(session, "tor", snapshot.review_id, rec.tor)
            notes = store.known_keys(session, "notes", snapshot.review_id, rec.notes)
            if len(tor) != len(set(rec.tor)):
                raise ConflictError(
                    "A terms-of-reference item this recommendation answered has been "
                    "deleted, so the recommendation cannot be put back as it was."
                )
            kept = replace(rec, notes=tuple(k for k in rec.notes if k in notes))
            rec_id = store.insert_recommendation(
                session, snapshot.review_id, kept, snapshot.position
            )
            relink_paragraphs(
                session, snapshot.review_id, "recommendations", rec_id, snapshot.paragraphs
            )
            return store.entry(session, rec_id, today or date.today())

    # Progress updates ---------------------------------------------------------------

    def add_progress(self, recommendation_id: int, day: date, text: str) -> ProgressEntry:
        """A dated progress update, placed so the updates stay oldest first."""
        with self.db.writing() as session:
            store.entry(session, recommendation_id, date.today())  # exists, or NotFound
            problems = progress_problems(text)
            if problems:
                raise ValidationError(problems)
            at = store.dated_position(session, recommendation_id, day, None)
            progress_id = store.insert_progress(
                session, recommendation_id, ProgressUpdate(day, text), at
            )
            return store.progress_entry(session, progress_id)

    def update_progress(
        self,
        progress_id: int,
        expected_version: int,
        *,
        day: date | Keep = KEEP,
        text: str | Keep = KEEP,
    ) -> ProgressEntry:
        """Change an update's date or text; a new date moves it to keep date order."""
        with self.db.writing() as session:
            rec_id = store.checked_progress(session, progress_id, expected_version)
            problems = progress_problems(None if isinstance(text, Keep) else text)
            if problems:
                raise ValidationError(problems)
            values: dict[str, Any] = {}
            position = None
            if not isinstance(text, Keep):
                values["text"] = text
            if not isinstance(day, Keep):
                values["date"] = day
                position = store.dated_position(session, rec_id, day, progress_id)
            store.update_progress(session, progress_id, values, position)
            return store.progress_entry(session, progress_id)

    def delete_progress(self, progress_id: int, expected_version: int) -> ProgressSnapshot:
        with self.db.writing() as session:
            store.checked_progress(session, progress_id, expected_version)
            return store.delete_progress(session, progress_id)

    def restore_progress(self, snapshot: ProgressSnapshot) -> ProgressEntry:
        """Put a deleted update back at its place under its recommendation."""
        with self.db.writing() as session:
            rec_id = store.id_for(session, snapshot.review_id, snapshot.recommendation_key)
            if rec_id is None:
                raise ConflictError(
                    "The recommendation of this progress update has been deleted, so the "
                    "update cannot be put back."
                )
            problems = progress_problems(snapshot.update.text)
            if problems:
                raise ValidationError(problems)
            progress_id = store.insert_progress(session, rec_id, snapshot.update, snapshot.position)
            return store.progress_entry(session, progress_id)

    # Following up -------------------------------------------------------------------

    def tracker(self, review_id: int, today: date) -> builtins.list[TrackerRow]:
        """Recommendations being followed up (agreed, in progress; implemented and
        rejected shown as done) and every action agreed at a meeting, soonest due first
        (no due date last)."""
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            recs = store.review_entries(session, review_id, today)
            actions = action_edits.review_actions(session, review_id)
            starts = store.meeting_starts(session, review_id)
            responses = {e.key: e for e in report_responses.entries_in(session, review_id, today)}
        rows: builtins.list[TrackerRow] = []
        for r in recs:
            if r.status not in FOLLOWED_UP and r.status not in FINISHED:
                continue
            latest = r.latest
            rows.append(
                TrackerRow(
                    kind=TrackerKind.RECOMMENDATION,
                    key=r.key,
                    reference=f"R{r.number}",
                    text=r.text,
                    who=r.lead,
                    due=r.due,
                    status=status_words(r.status),
                    done=r.status in FINISHED,
                    overdue=r.overdue,
                    closed=False,
                    latest=None if latest is None else ProgressUpdate(latest.date, latest.text),
                    number=r.number,
                    response_awaited=responses[r.key].awaiting and not responses[r.key].overdue,
                    response_overdue=responses[r.key].overdue,
                )
            )
        for a in actions:
            start = starts.get(a.meeting_id) if a.meeting_id is not None else None
            reference = (
                f"Action · {short_date(start.date())} meeting" if start is not None else "Action"
            )
            done = a.status is ActionStatus.DONE
            rows.append(
                TrackerRow(
                    kind=TrackerKind.ACTION,
                    key=a.key,
                    reference=reference,
                    text=a.text,
                    who=a.owner,
                    due=a.due,
                    status="Done" if done else "Open",
                    done=done,
                    overdue=not done and a.due is not None and a.due < today,
                    closed=a.is_closed,
                    meeting_id=a.meeting_id,
                    meeting_key=a.meeting_key,
                )
            )
        rows.sort(key=lambda t: (t.due is None, t.due or date.min))
        return rows

    # The action plan ----------------------------------------------------------------

    def action_plan_pdf(self, review_id: int, audience: Audience, today: date) -> bytes:
        """The action plan for the public (the default: drafts left out, no closed
        note anywhere) or for the panel (drafts marked)."""
        if audience is Audience.WITNESS:
            raise ValidationError(Problem("audience", "the action plan is public or for the panel"))
        with self.db.reading() as session:
            minutes_edits.require_review(session, review_id)
            review = load_review(session, review_id)
        view = publishing.action_plan_view(review, audience, today)
        from ..exports import action_plan_pdf  # reportlab: imported when first written
        from ..exports.paper_text import PaperText

        return action_plan_pdf.render_action_plan(view, text=PaperText(review.language))

    def export_action_plan(
        self,
        review_id: int,
        audience: Audience,
        path: str | os.PathLike[str],
        today: date | None = None,
    ) -> Path:
        """Write the action plan PDF safely (a temporary file, then renamed)."""
        refuse_public_reader(self.db, "the action plan")
        return write_atomically(
            path, self.action_plan_pdf(review_id, audience, today or date.today())
        )


_STILL_REJECTED = (
    "the body's response rejected this recommendation: record its new response "
    "(Record Response…) to change its status"
)


def _blank(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def _link_problems(
    session: Any, review_id: int, tor: Sequence[str], notes: Sequence[str]
) -> builtins.list[Problem]:
    problems: builtins.list[Problem] = []
    for link, keys, what in (
        ("tor", tor, "terms-of-reference item"),
        ("notes", notes, "note"),
    ):
        known = store.known_keys(session, link, review_id, keys)
        seen: set[str] = set()
        for key in keys:
            if key not in known:
                problems.append(Problem(link, f'there is no {what} with key "{key}"'))
            elif key in seen:
                problems.append(Problem(link, f'"{key}" is listed twice'))
            seen.add(key)
    return problems
