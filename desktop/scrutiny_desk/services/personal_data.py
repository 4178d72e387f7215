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

from dataclasses import replace
from datetime import date
from pathlib import Path

from ..domain.audit_records import AuditAction
from ..domain.errors import ConflictError, ExportError
from ..domain.people_records import ReviewChanges
from ..domain.personal_data_records import (
    DataSubject,
    Erased,
    ErasurePlan,
    Mention,
    PersonalDataHeld,
    RetentionState,
    SubjectKind,
    erased_address,
)
from ..store import audit
from ..store import personal_data_edits as edits
from ..store import personal_data_reads as reads
from ..store.db import Database
from .files import write_atomically
from .search import SearchService

#: Person: a ``DataSubject`` from ``people``, or a witness's or attendee's key or id.
Person = DataSubject | str | int
FORMATS = (".pdf", ".txt", ".json")
#: At most this many hits of each kind are listed as mentions.
MENTIONS_PER_KIND = 500


class PersonalDataService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def people(self, review_id: int) -> list[DataSubject]:
        """The review's data subjects: witnesses in register order, then attendees by
        their first meeting. Raises NotFoundError for an unknown review."""
        with self.db.reading() as session:
            return reads.subjects(session, review_id)

    def person(self, review_id: int, person: Person) -> DataSubject:
        """One data subject, by key or id (a witness's first). Raises NotFoundError
        naming the key when no witness or attendee of the review has it."""
        with self.db.reading() as session:
            return reads.subject(session, review_id, person)

    def held(self, review_id: int, person: Person) -> PersonalDataHeld:
        """Everything held about the person in the review (the free-text mentions
        through the search, then the rest read in one snapshot)."""
        subject = self.person(review_id, person)
        # an erased person's label is no one's name: its words are not searched for
        indexed = [] if subject.erased else self._indexed_mentions(review_id, subject)
        with self.db.reading() as session:
            subject = reads.subject(session, review_id, subject)
            approved = reads.approved_item_ids(session, review_id)
            mentions = [
                replace(m, approved=m.kind == "minute" and m.id in approved) for m in indexed
            ]
            if not subject.erased:
                mentions += reads.unindexed_mentions(session, review_id, subject.name)
            notes, evidence = reads.linked_records(session, subject)
            return PersonalDataHeld(
                review_id=review_id,
                review_title=reads.retention(session, review_id).title,
                person=subject,
                fields=reads.fields(session, subject),
                invitations=reads.invitations(session, review_id, subject),
                items=reads.items(session, subject),
                notes=notes,
                evidence=evidence,
                mentions=tuple(mentions),
                approved_minutes=reads.approved_minutes(session, review_id, subject),
                report_versions=reads.report_versions(session, review_id, subject),
                retention=reads.retention(session, review_id),
            )

    def _indexed_mentions(self, review_id: int, person: DataSubject) -> list[Mention]:
        """What the search finds for the person's name, but their own register row."""
        results = SearchService(self.db).search(review_id, person.name, per_kind=MENTIONS_PER_KIND)
        own = "witness" if person.kind is SubjectKind.WITNESS else None
        return [
            Mention(h.kind, h.key, h.row_id, h.title, h.text)
            for h in results.hits
            if not (h.kind == own and h.row_id == person.id)
        ]

    def export_subject_access(self, review_id: int, person: Person, path: Path) -> Path:
        """Write ``held`` to ``path``: ``.pdf`` (a readable report), ``.txt`` or
        ``.json``; another extension is refused naming it. Returns the path written."""
        from ..exports import subject_access

        suffix = Path(path).suffix.lower()
        if suffix not in FORMATS:
            raise ExportError(
                f'Cannot write a subject-access export as "{suffix or "(no extension)"}": '
                "use .pdf, .txt or .json"
            )
        held = self.held(review_id, person)
        render = {
            ".pdf": subject_access.render_pdf,
            ".txt": subject_access.render_text,
            ".json": subject_access.render_json,
        }[suffix]
        written = write_atomically(path, render(held))
        with self.db.appending() as session:
            if session is not None:
                detail = {"paper": "subject-access", "audience": None, "format": suffix[1:]}
                audit.record_export(
                    session, detail, held.person.kind.table, held.person.id, review_id
                )
        return written

    def erasure_plan(self, review_id: int, person: Person) -> ErasurePlan:
        """What ``erase`` will change, the free-text mentions to edit first and the
        approved minutes it leaves as they are."""
        held = self.held(review_id, person)
        subject = held.person
        label = subject.label
        what = {
            SubjectKind.WITNESS: "The witness register",
            SubjectKind.SUBSTITUTE: "The meetings' substitutes",
            SubjectKind.OFFICER: "The meetings' officers in attendance",
            SubjectKind.ALSO_PRESENT: "The meetings' lists of others present",
        }[subject.kind]
        rows = len(subject.row_ids)
        if subject.erased:
            raise ConflictError(
                f'"{subject.name}" is already erased: their personal data was replaced '
                "by this label"
            )
        changes = [
            f'{what}: the name becomes "{label}", and the role, organisation and e-mail '
            "address are cleared" + (f" in {rows} meetings' records." if rows > 1 else ".")
        ]
        if held.invitations:
            changes.append(
                f"The invitation register: {len(held.invitations)} "
                f"{'entry keeps' if len(held.invitations) == 1 else 'entries keep'} "
                f'"{label}" and the address {erased_address(label)}, which is no one\'s.'
            )
        if held.report_versions:
            changes.append(
                "Frozen report drafts (not a statutory record): the name becomes "
                f'"{label}" in version {", ".join(held.report_versions)}.'
            )
        changes.append(
            "The search index is rebuilt and the database file compacted, so that the name "
            "is left nowhere in it. Backups keep it until they expire."
            if self.db.dialect == "sqlite"
            else "The search index no longer finds the name; the server reclaims the old "
            "rows when it next vacuums. Backups keep it until they expire."
        )
        changes.append("The audit trail records that an erasure was done, not what was erased.")
        return ErasurePlan(
            review_id=review_id,
            person=subject,
            label=label,
            changes=tuple(changes),
            mentions=held.mentions,
            approved_minutes=held.approved_minutes,
        )

    def erase(self, review_id: int, person: Person) -> Erased:
        """Erase the person's personal data (see the module's decisions). Raises
        ConflictError when they are already erased."""
        plan = self.erasure_plan(review_id, person)
        with self.db.writing() as session:
            edits.secure_delete(session)
            subject = reads.subject(session, review_id, plan.person)
            if subject.erased:
                raise ConflictError(
                    f'"{subject.name}" is already erased: their personal data was replaced '
                    "by this label"
                )
            if subject != plan.person:
                raise ConflictError(
                    f'{subject.kind_label.capitalize()} "{subject.key}" changed while the '
                    "erasure was being planned: look at the plan again"
                )
            changed = edits.erase_rows(session, review_id, subject, plan.label)
            for row_id in subject.row_ids:
                audit.record(session, AuditAction.ERASED, subject.kind.table, row_id, review_id)
        scrubbed = edits.scrub_sqlite(self.db)
        return Erased(
            review_id=review_id,
            kind=subject.kind,
            ids=subject.row_ids,
            label=plan.label,
            rows_changed=changed,
            mentions_left=plan.mentions,
            approved_minutes_kept=plan.approved_minutes,
            file_scrubbed=scrubbed,
        )

    def retention(self, review_id: int) -> RetentionState:
        """The review's retention date, as set and in effect."""
        with self.db.reading() as session:
            return reads.retention(session, review_id)

    def retention_due(self, today: date) -> list[RetentionState]:
        """Every review whose retention date has passed by ``today``: the reminder."""
        with self.db.reading() as session:
            return [r for r in reads.every_retention(session) if r.due(today)]

    def set_retention(self, review_id: int, until: date | None, version: int) -> RetentionState:
        """Set (or, with None, clear) the review's retention date; ``version`` is the
        review's (ConflictError when it changed)."""
        from .review_edits import ReviewEditService

        ReviewEditService(self.db).update_details(
            review_id, version, ReviewChanges(retention_until=until)
        )
        return self.retention(review_id)
