"""Witnesses' and others' personal data, as UK GDPR asks a council to handle it.

A review holds personal data about people who are not its panel: witnesses, and the
substitutes, officers and others present recorded at its meetings. Each is a data
subject (``DataSubject``): the Personal Data view lists them, says everything the
database holds about one of them (``PersonalDataHeld``, also what a subject-access
export writes), plans an erasure (``ErasurePlan``) and reports one (``Erased``).

Decisions:
- A witness is one row of the register. A substitute, officer or other person present
  is recorded once per meeting (``meeting_attendees``): rows of one review with the
  same name (ignoring case and spaces) are one person, named by the first of them.
- Erasure replaces a person's name, role, organisation and e-mail address with a
  neutral label ("Witness 3", "Officer 2"): the number is the person's place among the
  people of that kind in the review, so the same person always gets the same label.
- Approved minutes are a statutory record open to inspection (Local Government Act
  1972 s.228): UK GDPR (Article 17(3)(b) and (e)) lets them be kept as approved, so
  erasure leaves them as they are and says so first (``APPROVED_MINUTES_EXCEPTION``).
- Free text (notes, evidence summaries, minutes, report paragraphs ...) is the clerk's
  writing: erasure does not rewrite it, it lists the mentions for the clerk to edit
  first (``Mention``).
- The retention date is the review's own (``retention_until``), else six years after
  the review closed, as for minutes; a review still open has none yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .summaries import RetentionState as RetentionState  # defined there: a start reads it
from .topics import EVERYTHING, Topics

#: How long personal data is kept after a review closes when the review sets no date.
RETENTION_YEARS = 6

#: What erasure says before it starts (and the plan repeats), in British English.
APPROVED_MINUTES_EXCEPTION = (
    "Approved minutes are a statutory record open to public inspection, so they are "
    "kept as approved: UK GDPR allows personal data to be kept where the law requires "
    "the record (Article 17(3)(b)) or for archiving in the public interest (Article "
    "17(3)(e)). Erasure does not change them."
)
IRREVERSIBLE = (
    "Erasure cannot be undone: the name, role, organisation and e-mail address are "
    "replaced everywhere they are stored, and every undo history is cleared."
)

#: The privacy notice invitations to witnesses carry when a review sets none.
STANDARD_PRIVACY_NOTICE = (
    "Privacy notice: the council holds your name, role, organisation and e-mail "
    "address to invite you to give evidence to this scrutiny review and to record the "
    "evidence you give. Your evidence may be quoted in the review's public papers and "
    "report. Approved minutes are kept permanently as a public record; other personal "
    "data is kept for six years after the review ends and then erased. You may ask "
    "the scrutiny officer named above for a copy of the data held about you, or to "
    "have it corrected or erased."
)


def retention_default(closed_on: date) -> date:
    """Six years after the day a review closed (29 February: 28 February)."""
    try:
        return closed_on.replace(year=closed_on.year + RETENTION_YEARS)
    except ValueError:
        return closed_on.replace(year=closed_on.year + RETENTION_YEARS, day=28)


_LABEL = re.compile(r"(Witness|Substitute|Officer|Person present) [0-9]+")
ERASED_DOMAIN = "erased.invalid"  # RFC 2606: a domain that can never receive mail


def is_neutral_label(name: str) -> bool:
    """Whether a name is a label erasure gave ("Witness 3"): the person is erased."""
    return _LABEL.fullmatch(name.strip()) is not None


def erased_address(label: str) -> str:
    """The address an erased person's register entries keep: "witness-3@erased.invalid"
    (the register needs one; it is no one's and can receive nothing)."""
    return "-".join(label.lower().split()) + "@" + ERASED_DOMAIN


def neutral_text(text: str, person: DataSubject, label: str) -> str:
    """``text`` with the person's words replaced by ``label``: their name and e-mail
    address (ignoring case), and the role and organisation printed after the name (as
    lists print a witness: "name, role, organisation", "name, organisation"). Used on
    frozen drafts, never on the clerk's own writing."""
    for words in (person.name, person.email):
        if words and words.strip():
            text = re.sub(re.escape(words.strip()), lambda _m: label, text, flags=re.IGNORECASE)
    after = [re.escape(w.strip()) for w in (person.role, person.organisation) if w and w.strip()]
    if after:
        trailing = "(?:, (?:" + "|".join(after) + "))+"
        text = re.sub(re.escape(label) + trailing, lambda _m: label, text, flags=re.IGNORECASE)
    return text


class SubjectKind(StrEnum):
    """Who a data subject is to the review."""

    WITNESS = "witness"
    SUBSTITUTE = "substitute"
    OFFICER = "officer"
    ALSO_PRESENT = "also-present"

    @property
    def label(self) -> str:
        """The neutral label's word: "Witness", "Substitute", "Officer", "Person present"."""
        return _LABELS[self]

    @property
    def table(self) -> str:
        """The table that holds the person: what the audit trail names."""
        return "witnesses" if self is SubjectKind.WITNESS else "meeting_attendees"


_LABELS = {
    SubjectKind.WITNESS: "Witness",
    SubjectKind.SUBSTITUTE: "Substitute",
    SubjectKind.OFFICER: "Officer",
    SubjectKind.ALSO_PRESENT: "Person present",
}


@dataclass(frozen=True)
class DataSubject:
    """A person the review holds personal data about.

    ``id`` is the witness's row, or the first of an attendee's rows (``row_ids`` are
    all of them, one per meeting). ``label`` is the neutral label erasure gives them;
    ``erased`` says they already carry it."""

    kind: SubjectKind
    key: str
    id: int
    name: str
    role: str | None
    organisation: str | None
    email: str | None
    label: str
    erased: bool = False
    row_ids: tuple[int, ...] = ()

    @property
    def kind_label(self) -> str:
        return {
            SubjectKind.WITNESS: "witness",
            SubjectKind.SUBSTITUTE: "substitute",
            SubjectKind.OFFICER: "officer in attendance",
            SubjectKind.ALSO_PRESENT: "also present",
        }[self.kind]


@dataclass(frozen=True)
class HeldField:
    """One of the person's own fields as stored (``field``: name, role, organisation,
    email, meeting, private request, invitation state)."""

    field: str
    value: str


@dataclass(frozen=True)
class HeldInvitation:
    """An invitation register entry naming the person: what was issued to them, when,
    by whom, and the name and address it went to."""

    meeting_key: str
    meeting_title: str
    meeting_start: datetime
    issued_at: datetime  # aware, as recorded
    by: str
    kind: str  # invitation, update, cancellation
    name: str
    email: str


@dataclass(frozen=True)
class HeldItem:
    """An agenda item the person is on (a witness heard under it) or a meeting they
    were recorded at (an attendee: ``item_key`` is None)."""

    meeting_key: str
    meeting_title: str
    meeting_start: datetime
    item_key: str | None
    item_title: str | None
    closed: bool
    minutes_approved: bool


@dataclass(frozen=True)
class HeldRecord:
    """A note or piece of evidence linked to the person (attributed to them, submitted
    by them)."""

    kind: str  # "note" or "evidence"
    key: str
    id: int
    text: str  # the note's text, the evidence's title
    closed: bool


@dataclass(frozen=True)
class Mention:
    """A free-text place the person's name appears, found by the search: what the
    clerk edits before erasure (erasure does not rewrite the clerk's writing)."""

    kind: str  # note, evidence, minute, item, recommendation, action, paragraph
    key: str
    id: int
    where: str  # the record as the clerk finds it ("Note of 3 Feb", "Item 4: ...")
    text: str  # the text around the mention
    approved: bool = False  # in minutes already approved (left as they are)


@dataclass(frozen=True)
class ApprovedMinutesHeld:
    """Approved minutes that name the person: kept as approved (the statutory record)."""

    meeting_id: int
    meeting_key: str
    meeting_title: str
    meeting_start: datetime
    approved_on: date | None


@dataclass(frozen=True)
class PersonalDataHeld:
    """Everything the database holds about one person in one review: the Personal Data
    view shows it and a subject-access export writes it."""

    review_id: int
    review_title: str
    person: DataSubject
    fields: tuple[HeldField, ...]
    invitations: tuple[HeldInvitation, ...]
    items: tuple[HeldItem, ...]
    notes: tuple[HeldRecord, ...]
    evidence: tuple[HeldRecord, ...]
    mentions: tuple[Mention, ...]
    approved_minutes: tuple[ApprovedMinutesHeld, ...]
    report_versions: tuple[str, ...]  # numbers of frozen report versions naming them
    retention: RetentionState


@dataclass(frozen=True)
class ErasurePlan:
    """What ``erase`` will do, said before it is done.

    ``changes`` are plain sentences ("The witness register: name, role, organisation
    and e-mail address become "Witness 3"."); ``mentions`` the free text to edit first;
    ``approved_minutes`` what is kept as approved (with ``exception`` saying why)."""

    review_id: int
    person: DataSubject
    label: str
    changes: tuple[str, ...]
    mentions: tuple[Mention, ...]
    approved_minutes: tuple[ApprovedMinutesHeld, ...]
    exception: str = APPROVED_MINUTES_EXCEPTION
    warning: str = IRREVERSIBLE

    @property
    def mentions_to_edit(self) -> tuple[Mention, ...]:
        """The mentions the clerk can edit (those in approved minutes stay)."""
        return tuple(m for m in self.mentions if not m.approved)


@dataclass(frozen=True)
class Erased:
    """What ``erase`` did. ``clear_undo``: every undo history must be cleared (their
    commands hold the erased data); ``topics``: everything may show it."""

    review_id: int
    kind: SubjectKind
    ids: tuple[int, ...]
    label: str
    rows_changed: int
    mentions_left: tuple[Mention, ...]
    approved_minutes_kept: tuple[ApprovedMinutesHeld, ...]
    file_scrubbed: bool  # SQLite: index rebuilt, WAL truncated, file vacuumed
    clear_undo: bool = True
    topics: Topics = EVERYTHING
