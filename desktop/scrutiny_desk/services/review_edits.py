"""A review's own details: create, edit, delete and restore a review.

Decisions:
- A time-zone change keeps every meeting's wall-clock times (a meeting at 14:00 stays at
  14:00, now in the new zone). Every time must exist in the new zone, or the change is
  refused naming the first meeting that breaks. The meetings' UTC instants move, so
  every meeting's calendar SEQUENCE rises.
- The review's title, body and contact are printed in every meeting's invitation (its
  SUMMARY is "review title: meeting title"; its DESCRIPTION names the body and the
  contact), so changing any of them raises every meeting's SEQUENCE too; so does its
  web page (the invitations' URL) and the setting "calendar entries show public titles
  only" (it changes their SUMMARY and DESCRIPTION).
- The web page is an http or https URL (``domain.links``); blank is none.
- An optional text given as "" is stored as absent (None); a contact whose every field
  is empty is no contact.
- The exclusion, interface and milestone lists are replaced whole, in the same action
  as the rest of the details.
- The procedure settings (quorum, minute numbering, the day the municipal year
  starts) change draft minutes only: approved minutes print as they were approved.
- Personal data (version 9): the review's retention date (``retention_until``) and
  the privacy notice its invitations to witnesses carry (None: the standard one).
  When the status becomes closed and no retention date is set, it is set to six
  years from today, as for minutes. The notice is printed in witnesses'
  invitations, so changing it raises every meeting's SEQUENCE.
- The papers' language (English, Welsh or bilingual) and the body's country (which
  numbering of Schedule 12A's exemption paragraphs its papers cite) are settings like
  the others (format version 7). The language is printed in every invitation's fixed
  texts, so changing it raises every meeting's SEQUENCE; the country is not.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from ..domain.changes import given_changes
from ..domain.enums import Country, PaperLanguage, ReviewStatus
from ..domain.errors import ConflictError, Problem, ValidationError
from ..domain.links import link_problems, normalised_link
from ..domain.localtime import DEFAULT_TIMEZONE, format_local, is_known_zone, local_time_problem
from ..domain.people_records import (
    MeetingTimes,
    ReviewChanges,
    ReviewDetails,
    ReviewSnapshot,
    email_problem,
    milestone_date_ok,
)
from ..domain.personal_data_records import retention_default
from ..domain.procedure import quorum_problem, year_start_problem
from ..domain.records import (
    DEFAULT_CLEAR_DAYS,
    DEFAULT_QUORUM,
    MAY_DAY,
    Contact,
    Exclusion,
    Interface,
    Milestone,
    MonthDay,
    Review,
    ReviewSummary,
)
from ..domain.rules import MAX_CLEAR_DAYS, text_problem
from ..domain.wording import plural
from ..store import documents, queries, review_insert
from ..store import review_edits as store
from ..store.db import Database

# A change to any of these is a change to every meeting's invitation.
INVITATION_FIELDS = (
    "title",
    "body",
    "timezone",
    "contact",
    "web_page",
    "calendar_public_titles",
    "language",
    "privacy_notice",
)


class ReviewEditService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def details(self, review_id: int) -> ReviewDetails:
        with self.db.reading() as session:
            return store.review_details(session, review_id)

    def create_review(
        self,
        title: str,
        body: str | None = None,
        timezone: str = DEFAULT_TIMEZONE,
        *,
        summary: str | None = None,
        status: ReviewStatus = ReviewStatus.SCOPING,
        contact: Contact | None = None,
        clear_days: int = DEFAULT_CLEAR_DAYS,
        exclusion_resolution: str | None = None,
        web_page: str | None = None,
        calendar_public_titles: bool = True,
        quorum: int = DEFAULT_QUORUM,
        minute_numbers: bool = True,
        year_start: MonthDay = MAY_DAY,
        language: PaperLanguage = PaperLanguage.ENGLISH,
        country: Country = Country.ENGLAND,
    ) -> ReviewSummary:
        """A new, empty review; undo it with ``delete_review``. Its calendar entries
        show public titles only unless ``calendar_public_titles`` is False; its papers
        print in ``language`` and cite the exemption paragraphs of ``country``."""
        values = _normalised(
            {
                "title": title,
                "body": body,
                "summary": summary,
                "status": status,
                "timezone": timezone,
                "contact": contact,
                "clear_days": clear_days,
                "exclusion_resolution": exclusion_resolution,
                "web_page": web_page,
                "calendar_public_titles": calendar_public_titles,
                "quorum": quorum,
                "minute_numbers": minute_numbers,
                "year_start": year_start,
                "language": language,
                "country": country,
            }
        )
        problems = _check(values)
        if problems:
            raise ValidationError(problems)
        with self.db.writing() as session:
            review_id = review_insert.insert_review(session, Review(**values))
            return queries.review_summary(session, review_id)

    def update_details(
        self, review_id: int, expected_version: int, changes: ReviewChanges
    ) -> ReviewDetails:
        """Edit the details read at ``expected_version`` in one step; ConflictError if
        the review moved on, ValidationError (nothing saved) if a change breaks a rule."""
        with self.db.writing() as session:
            store.check_review_version(session, review_id, expected_version)
            current = store.review_details(session, review_id)
            new = {
                name: value
                for name, value in _normalised(given_changes(changes)).items()
                if value != getattr(current, name)
            }
            if (
                new.get("status") is ReviewStatus.CLOSED
                and "retention_until" not in new
                and current.retention_until is None
            ):
                new["retention_until"] = retention_default(date.today())
            problems = _check(new)
            zone_changes = "timezone" in new and not any(p.path == "timezone" for p in problems)
            if zone_changes:
                problems += _zone_problems(store.meeting_times(session, review_id), new["timezone"])
            if problems:
                raise ValidationError(problems)
            store.write_details(session, review_id, new)
            if any(name in new for name in INVITATION_FIELDS):
                store.raise_sequences(session, review_id=review_id)
            return store.review_details(session, review_id)

    def delete_review(self, review_id: int, expected_version: int) -> ReviewSnapshot:
        """Delete the review and everything in it; the snapshot restores it."""
        with self.db.writing() as session:
            store.check_review_version(session, review_id, expected_version)
            snapshot = ReviewSnapshot(review_id, documents.load_review(session, review_id))
            queries.delete_review(session, review_id)
            return snapshot

    def restore_review(self, snapshot: ReviewSnapshot) -> int:
        """Import a deleted review again, same keys and meeting UIDs; its new id."""
        review = snapshot.review
        with self.db.writing() as session:
            held = queries.uid_holders(session, [m.uid for m in review.meetings if m.uid])
            if held:
                holder_id, holder = next(iter(held.values()))
                raise ConflictError(
                    f'"{review.title}" cannot be restored: its meetings\' calendar UIDs are '
                    f'now held by review {holder_id} "{holder}"'
                )
            return review_insert.insert_review(session, review)


_OPTIONAL_TEXT = ("body", "summary", "exclusion_resolution", "privacy_notice")


def _normalised(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if isinstance(out.get("web_page"), str):
        out["web_page"] = normalised_link(out["web_page"])
    for name in _OPTIONAL_TEXT:
        if out.get(name) == "":
            out[name] = None
    contact = out.get("contact")
    if isinstance(contact, Contact):
        cleared = {
            f.name: None if getattr(contact, f.name) == "" else getattr(contact, f.name)
            for f in fields(contact)
        }
        if isinstance(cleared["email"], str):
            cleared["email"] = cleared["email"].strip() or None
        out["contact"] = None if all(v is None for v in cleared.values()) else Contact(**cleared)
    return out


def _check(new: dict[str, Any]) -> list[Problem]:
    """Problems with the given values, each named by its field."""
    problems: list[Problem] = []

    def text(path: str, value: object, *, required: bool = False) -> None:
        if value is None and not required:
            return
        if not isinstance(value, str):
            problems.append(Problem(path, "must be text"))
        elif required and not value.strip():
            problems.append(Problem(path, "must not be empty"))
        elif why := text_problem(value):
            problems.append(Problem(path, why))

    if "title" in new:
        text("title", new["title"], required=True)
    for name in _OPTIONAL_TEXT:
        if name in new:
            text(name, new[name])
    page = new.get("web_page")
    if page is not None and not isinstance(page, str):
        problems.append(Problem("web_page", "must be text"))
    elif isinstance(page, str):  # the link rule refuses NUL and surrogates too
        problems += link_problems("web_page", page)
    if "calendar_public_titles" in new and not isinstance(new["calendar_public_titles"], bool):
        problems.append(Problem("calendar_public_titles", "must be true or false"))
    if "quorum" in new and (why := quorum_problem(new["quorum"])):
        problems.append(Problem("quorum", why))
    if "minute_numbers" in new and not isinstance(new["minute_numbers"], bool):
        problems.append(Problem("minute_numbers", "must be true or false"))
    if "year_start" in new:
        start = new["year_start"]
        why = (
            year_start_problem(start.month, start.day)
            if isinstance(start, MonthDay)
            else "must be a day and a month"
        )
        if why:
            problems.append(Problem("year_start", why))
    until = new.get("retention_until")
    if until is not None and not milestone_date_ok(until):
        problems.append(Problem("retention_until", "must be a date (or nothing)"))
    for name, allowed in (
        ("status", ReviewStatus),
        ("language", PaperLanguage),
        ("country", Country),
    ):
        if name in new and not isinstance(new[name], allowed):
            problems.append(Problem(name, "must be one of " + ", ".join(allowed)))
    if "timezone" in new and not (
        isinstance(new["timezone"], str) and is_known_zone(new["timezone"])
    ):
        problems.append(
            Problem(
                "timezone",
                f'"{new["timezone"]}" is not a known time zone '
                f'(use an IANA name such as "{DEFAULT_TIMEZONE}")',
            )
        )
    if "clear_days" in new:
        days = new["clear_days"]
        if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= MAX_CLEAR_DAYS:
            problems.append(
                Problem("clear_days", f"must be a whole number of days from 0 to {MAX_CLEAR_DAYS}")
            )
    contact = new.get("contact")
    if isinstance(contact, Contact):
        for f in fields(contact):
            text(f"contact.{f.name}", getattr(contact, f.name))
        if isinstance(contact.email, str) and (why := email_problem(contact.email)):
            problems.append(Problem("contact.email", why))
    elif contact is not None:
        problems.append(Problem("contact", "must be a contact or nothing"))
    for i, e in enumerate(new.get("exclusions", ())):
        if not isinstance(e, Exclusion):
            problems.append(Problem(f"exclusions[{i}]", "must be an exclusion"))
            continue
        text(f"exclusions[{i}].text", e.text, required=True)
    for i, f in enumerate(new.get("interfaces", ())):
        if not isinstance(f, Interface):
            problems.append(Problem(f"interfaces[{i}]", "must be an organisation"))
            continue
        text(f"interfaces[{i}].name", f.name, required=True)
        text(f"interfaces[{i}].abbreviation", f.abbreviation)
    for i, m in enumerate(new.get("milestones", ())):
        if not isinstance(m, Milestone):
            problems.append(Problem(f"milestones[{i}]", "must be a milestone"))
            continue
        if not milestone_date_ok(m.date):
            problems.append(Problem(f"milestones[{i}].date", "must be a date"))
        text(f"milestones[{i}].title", m.title, required=True)
    return problems


def _zone_problems(meetings: list[MeetingTimes], zone: str) -> list[Problem]:
    """The first meeting (by start) with a time the new zone skips, as one problem."""
    broken: list[tuple[MeetingTimes, str]] = []
    for m in meetings:
        times = [("starts", m.start), ("ends", m.end)]
        times += [(f'has item "{key}" at', t) for key, s, e in m.slots for t in (s, e)]
        for label, value in times:
            if local_time_problem(value, zone) is not None:
                broken.append((m, f"{label} {format_local(value)}"))
                break
    if not broken:
        return []
    first, when = broken[0]
    others = len(broken) - 1
    more = f" ({plural(others, 'more meeting')} too)" if others else ""
    return [
        Problem(
            "timezone",
            f'meeting "{first.title}" {when}, a time that does not exist in {zone} '
            f"(the clocks go forward then); move it first{more}",
        )
    ]
