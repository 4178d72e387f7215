"""Witnesses' and others' personal data: what is held, subject access, erasure and
retention (UK GDPR).

Decisions (see ``domain.personal_data_records`` for the records):
- ``people`` lists the data subjects of a review: its witnesses, then the substitutes,
  officers and others present at its meetings (one person per name).
- ``held`` lists everything the database holds about one person: their fields, the
  invitation register's entries that went to them, the items and meetings they are
  on, the notes and evidence linked to them, the free-text mentions of their name the
  search finds (notes, evidence, minutes, agenda items, recommendations, actions and
  report paragraphs), approved minutes that name them and frozen report versions.
- ``export_subject_access`` writes that list to a file for the person: a PDF, or plain
  text or JSON, chosen by the file's extension; written to a temporary name, then
  renamed.
- ``erase`` replaces the person's name, role, organisation and e-mail with a neutral
  label wherever they are stored (witness or attendee rows, the invitation register's
  recipients, frozen report versions), in one transaction that also records the
  erasure (not the erased data) in the audit trail. It leaves approved minutes as
  approved (a statutory record) and free text as the clerk wrote it (the plan lists
  it). Then, on SQLite, it rebuilds the full-text index, truncates the WAL and
  vacuums with ``secure_delete`` on, so the name lingers in neither file. It cannot be
  undone: ``Erased.clear_undo`` tells the window to clear every undo history.
- Retention: the review's ``retention_until``, else six years after it closed (set
  when its status becomes closed, by the review edits); ``retention_due`` lists the
  reviews whose date has passed, for the window's reminder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..domain.personal_data_records import (
    DataSubject,
    Erased,
    ErasurePlan,
    PersonalDataHeld,
    RetentionState,
)
from ..store.db import Database

#: Person: a ``DataSubject`` from ``people``, or a witness's or attendee's key or id.
Person = DataSubject | str | int


class PersonalDataService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def people(self, review_id: int) -> list[DataSubject]:
        """The review's data subjects: witnesses in register order, then attendees by
        their first meeting. Raises NotFoundError for an unknown review."""
        raise NotImplementedError

    def person(self, review_id: int, person: Person) -> DataSubject:
        """One data subject, by key or id (a witness's first). Raises NotFoundError
        naming the key when no witness or attendee of the review has it."""
        raise NotImplementedError

    def held(self, review_id: int, person: Person) -> PersonalDataHeld:
        """Everything held about the person in the review, read in one snapshot."""
        raise NotImplementedError

    def export_subject_access(self, review_id: int, person: Person, path: Path) -> Path:
        """Write ``held`` to ``path``: ``.pdf`` (a readable report), ``.txt`` or
        ``.json``; another extension is refused naming it. Returns the path written."""
        raise NotImplementedError

    def erasure_plan(self, review_id: int, person: Person) -> ErasurePlan:
        """What ``erase`` will change, the free-text mentions to edit first and the
        approved minutes it leaves as they are."""
        raise NotImplementedError

    def erase(self, review_id: int, person: Person) -> Erased:
        """Erase the person's personal data (see the module's decisions). Raises
        ConflictError when they are already erased."""
        raise NotImplementedError

    def retention(self, review_id: int) -> RetentionState:
        """The review's retention date, as set and in effect."""
        raise NotImplementedError

    def retention_due(self, today: date) -> list[RetentionState]:
        """Every review whose retention date has passed by ``today``: the reminder."""
        raise NotImplementedError

    def set_retention(self, review_id: int, until: date | None, version: int) -> RetentionState:
        """Set (or, with None, clear) the review's retention date; ``version`` is the
        review's (ConflictError when it changed)."""
        raise NotImplementedError
