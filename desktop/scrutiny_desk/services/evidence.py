"""The evidence register: written submissions, questionnaires, statements, research and
visits, each held against the terms-of-reference items it answers, with one attached
file stored in the database (so a shared database shares it and an export carries it).

Decisions:
- Each method is one action in one transaction; edits quote the version they read.
  Changing the file is an edit of the evidence: its version rises.
- A file is refused over ``rules.MAX_ATTACHMENT_BYTES``, or when the review's files
  would come to more than ``rules.MAX_REVIEW_ATTACHMENT_BYTES`` (so that an export
  stays importable); the message states the limit and the file's size in MB.
- A file's name holding control or bidirectional characters (U+202E makes
  "pwned\u202etxt.exe" show as "pwnedexe.txt") is refused; otherwise the name is
  cleaned (no folders) and its media type guessed from the name when not given.
- Deleting evidence returns a snapshot holding the record, its file, its terms of
  reference and the notes taken against it; restoring puts all of it back under the
  same key, at the same place, and re-links those notes.
"""

from __future__ import annotations

import builtins
import mimetypes
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from ..domain import rules
from ..domain.changes import KEEP, Keep
from ..domain.enums import Access, EvidenceKind
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.evidence_records import (
    EvidenceEntry,
    EvidenceSnapshot,
    FileChange,
    base_name,
    clean_file_name,
    file_size_problems,
)
from ..domain.file_names import name_problem
from ..domain.keys import key_problems, new_key
from ..domain.records import Evidence, EvidenceFile
from ..domain.rules import text_problem
from ..store import evidence_edits as store
from ..store import note_edits, queries
from ..store.db import Database
from ..store.report_paragraph_edits import relink_paragraphs

DEFAULT_MEDIA_TYPE = "application/octet-stream"


class EvidenceService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ----------------------------------------------------------------------------

    def list(self, review_id: int) -> builtins.list[EvidenceEntry]:
        """The register in its order, numbered from 1; files described, not read."""
        with self.db.reading() as session:
            queries.get_review_row(session, review_id)
            return store.entries(session, review_id)

    def get(self, evidence_id: int) -> EvidenceEntry:
        with self.db.reading() as session:
            return store.entry(session, evidence_id)

    def id_for(self, review_id: int, key: str) -> int:
        with self.db.reading() as session:
            found = store.id_for(session, review_id, key)
        if found is None:
            raise NotFoundError(f'There is no evidence "{key}" in review {review_id}')
        return found

    def find(self, review_id: int, key: str) -> EvidenceEntry:
        """The evidence with that key now (its id changes when it is restored)."""
        with self.db.reading() as session:
            found = store.id_for(session, review_id, key)
            if found is None:
                raise NotFoundError(f'There is no evidence "{key}" in review {review_id}')
            return store.entry(session, found)

    def file(self, evidence_id: int) -> EvidenceFile:
        """The attached file with its content; NotFoundError if there is none."""
        with self.db.reading() as session:
            found = store.file_of(session, evidence_id)
        if found is None:
            raise NotFoundError("This evidence has no file attached.")
        return found

    # Creating and editing ---------------------------------------------------------------

    def create(
        self,
        review_id: int,
        title: str,
        kind: EvidenceKind,
        *,
        witness: str | None = None,
        source: str | None = None,
        received: date | None = None,
        access: Access = Access.OPEN,
        summary: str | None = None,
        tor: Sequence[str] = (),
        key: str | None = None,
        position: int | None = None,
    ) -> EvidenceEntry:
        """Add evidence at ``position`` (default: the end of the register)."""
        values = _normalised(
            {
                "title": title,
                "kind": kind,
                "witness": witness,
                "source": source,
                "received": received,
                "access": access,
                "summary": summary,
            }
        )
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)
            problems = _field_problems(values)
            problems += _reference_problems(session, review_id, values.get("witness"), tor)

            def taken(k: str) -> bool:
                return store.key_taken(session, review_id, k)

            key = key if key is not None else new_key("evidence", taken)
            problems += key_problems(key, taken, "piece of evidence")
            if problems:
                raise ValidationError(problems)
            evidence = Evidence(
                key=key,
                title=values["title"],
                kind=values["kind"],
                witness=values["witness"],
                source=values["source"],
                received=values["received"],
                access=values["access"],
                summary=values["summary"],
                tor=tuple(tor),
            )
            evidence_id = store.insert_evidence(session, review_id, evidence, position)
            return store.entry(session, evidence_id)

    def update(
        self,
        evidence_id: int,
        expected_version: int,
        *,
        title: str | Keep = KEEP,
        kind: EvidenceKind | Keep = KEEP,
        witness: str | Keep | None = KEEP,
        source: str | Keep | None = KEEP,
        received: date | Keep | None = KEEP,
        access: Access | Keep = KEEP,
        summary: str | Keep | None = KEEP,
        tor: Sequence[str] | Keep = KEEP,
        undo_notes: Sequence[str] = (),
    ) -> EvidenceEntry:
        """Change the fields given (``KEEP`` leaves one as it is, ``None`` clears an
        optional one); the version rises if anything changed.

        Closing it stores its notes closed in the same step (closed stays closed:
        reopening it never opens them); the entry names those it closed
        (``notes_closed``). Only the undo of that step passes them back as
        ``undo_notes``, to open them again as they were."""
        given = {
            name: value
            for name, value in {
                "title": title,
                "kind": kind,
                "witness": witness,
                "source": source,
                "received": received,
                "access": access,
                "summary": summary,
            }.items()
            if not isinstance(value, Keep)
        }
        with self.db.writing() as session:
            current = self._checked(session, evidence_id, expected_version)
            values = _normalised(given)
            now = {
                "title": current.title,
                "kind": current.kind,
                "witness": current.witness.key if current.witness else None,
                "source": current.source,
                "received": current.received,
                "access": current.access,
                "summary": current.summary,
            }
            values = {name: v for name, v in values.items() if v != now[name]}
            new_tor: tuple[str, ...] | None = None
            if not isinstance(tor, Keep):
                if isinstance(tor, str):
                    raise ValidationError(Problem("tor", "must be a list of keys"))
                if tuple(tor) != tuple(t.key for t in current.tor):
                    new_tor = tuple(tor)
            problems = _field_problems(values)
            problems += _reference_problems(
                session, current.review_id, values.get("witness"), new_tor or ()
            )
            if problems:
                raise ValidationError(problems)
            store.update_evidence(session, evidence_id, values, new_tor)
            if values.get("access") is Access.CLOSED:
                closed = note_edits.close_notes_of(session, evidence_id=evidence_id)
                return replace(store.entry(session, evidence_id), notes_closed=closed)
            if values.get("access") is Access.OPEN:
                note_edits.reopen_notes_of(session, undo_notes, evidence_id=evidence_id)
            return store.entry(session, evidence_id)

    def move(self, evidence_id: int, expected_version: int, new_index: int) -> EvidenceEntry:
        """Move to ``new_index`` (0-based) in the register; the others keep their order."""
        with self.db.writing() as session:
            self._checked(session, evidence_id, expected_version)
            store.move_evidence(session, evidence_id, new_index)
            return store.entry(session, evidence_id)

    # The attached file ------------------------------------------------------------------

    def attach_file(
        self,
        evidence_id: int,
        expected_version: int,
        name: str,
        content: bytes,
        media_type: str | None = None,
    ) -> FileChange:
        """Attach a file, replacing any there was; the change holds the previous file
        (for undo). Refused over the size limits, with both sizes in the message."""
        return self.set_file(evidence_id, expected_version, _file(name, content, media_type))

    def remove_file(self, evidence_id: int, expected_version: int) -> FileChange:
        """Remove the attached file; the change holds it (for undo)."""
        return self.set_file(evidence_id, expected_version, None)

    def set_file(
        self, evidence_id: int, expected_version: int, file: EvidenceFile | None
    ) -> FileChange:
        """Attach ``file`` (None: remove it). What undo of attach or remove calls."""
        if file is not None:
            file = _file(file.name, file.content, file.media_type)
        with self.db.writing() as session:
            current = self._checked(session, evidence_id, expected_version)
            if file is not None:
                others = store.attachment_total(session, current.review_id, evidence_id)
                problems = file_size_problems(file.size, others)
                if problems:
                    raise ValidationError(problems)
            previous = store.file_of(session, evidence_id)
            store.set_file(session, evidence_id, file)
            return FileChange(store.entry(session, evidence_id), previous)

    def check_file(
        self, review_id: int, evidence_id: int | None, size: int, name: str | None = None
    ) -> None:
        """ValidationError if a file of ``size`` bytes (named ``name``) may not be
        attached: asked before reading it whole."""
        if name is not None:
            _refuse_name(name)
        with self.db.reading() as session:
            others = store.attachment_total(session, review_id, evidence_id)
        problems = file_size_problems(size, others)
        if problems:
            raise ValidationError(problems)

    # Deleting and restoring -------------------------------------------------------------

    def delete(self, evidence_id: int, expected_version: int) -> EvidenceSnapshot:
        """Delete the evidence, its file and terms of reference; the notes taken against
        it stay, unlinked. The snapshot restores all of it."""
        with self.db.writing() as session:
            self._checked(session, evidence_id, expected_version)
            snapshot = store.snapshot(session, evidence_id)
            store.delete_evidence(session, evidence_id)
            return snapshot

    def restore(self, snapshot: EvidenceSnapshot) -> EvidenceEntry:
        """Put deleted evidence back with the same key, at the same place, with its file
        and terms of reference, against the same notes (those deleted since are
        skipped, as are witnesses and terms of reference deleted since)."""
        review_id, evidence = snapshot.review_id, snapshot.evidence
        with self.db.writing() as session:
            queries.get_review_row(session, review_id)
            problems = key_problems(
                evidence.key,
                lambda k: store.key_taken(session, review_id, k),
                "piece of evidence",
            )
            if problems:
                raise ValidationError(problems)
            witness = evidence.witness
            if witness and not store.witness_ids(session, review_id, [witness]):
                witness = None
            tor = tuple(store.tor_ids(session, review_id, evidence.tor))
            kept = tuple(k for k in evidence.tor if k in tor)
            restored = Evidence(
                evidence.key,
                evidence.title,
                evidence.kind,
                witness,
                evidence.source,
                evidence.received,
                evidence.access,
                evidence.summary,
                kept,
                evidence.file,
            )
            evidence_id = store.insert_evidence(session, review_id, restored, snapshot.position)
            store.relink_notes(session, review_id, evidence_id, snapshot.notes)
            relink_paragraphs(session, review_id, "evidence", evidence_id, snapshot.paragraphs)
            return store.entry(session, evidence_id)

    def _checked(self, session: Any, evidence_id: int, expected: int) -> EvidenceEntry:
        try:
            current = store.entry(session, evidence_id)
        except NotFoundError:
            queries.check_version(session, "evidence", evidence_id, expected, "This evidence")
            raise
        queries.check_version(
            session, "evidence", evidence_id, expected, f'Evidence "{current.title}"'
        )
        return current


# Checks -----------------------------------------------------------------------------


def _normalised(values: Mapping[str, Any]) -> dict[str, Any]:
    """Optional texts given as blank are absent; the title loses surrounding spaces."""
    out = dict(values)
    if isinstance(out.get("title"), str):
        out["title"] = str(out["title"]).strip()
    for name in ("witness", "source", "summary"):
        value = out.get(name)
        if isinstance(value, str) and not value.strip():
            out[name] = None
    if isinstance(out.get("source"), str):
        out["source"] = str(out["source"]).strip()
    return out


def _field_problems(values: Mapping[str, Any]) -> builtins.list[Problem]:
    problems: builtins.list[Problem] = []
    if "title" in values:
        title = values["title"]
        if not isinstance(title, str) or not title:
            problems.append(Problem("title", "must not be empty"))
        elif why := text_problem(title):
            problems.append(Problem("title", why))
    if "kind" in values and not isinstance(values["kind"], EvidenceKind):
        problems.append(Problem("kind", "must be one of " + ", ".join(EvidenceKind)))
    if "access" in values and not isinstance(values["access"], Access):
        problems.append(Problem("access", "must be open or closed"))
    if "received" in values:
        received = values["received"]
        if received is not None and (
            not isinstance(received, date) or isinstance(received, datetime)
        ):
            problems.append(Problem("received", "must be a date (day, month and year)"))
    for name in ("source", "summary", "witness"):
        value = values.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems.append(Problem(name, "must be text"))
        elif why := text_problem(value):
            problems.append(Problem(name, why))
    return problems


def _reference_problems(
    session: Any, review_id: int, witness: object, tor: Sequence[str]
) -> builtins.list[Problem]:
    problems: builtins.list[Problem] = []
    if isinstance(witness, str) and not store.witness_ids(session, review_id, [witness]):
        problems.append(Problem("witness", f'"{witness}" is not in the witness register'))
    keys = [k for k in tor if isinstance(k, str)]
    if len(keys) != len(tor):
        problems.append(Problem("tor", "must be a list of keys"))
    known = store.tor_ids(session, review_id, keys)
    for k in keys:
        if k not in known:
            problems.append(Problem("tor", f'"{k}" is not an item of the terms of reference'))
    if len(set(keys)) != len(keys):
        problems.append(Problem("tor", "names the same item twice"))
    return problems


def _refuse_name(name: str) -> None:
    """ValidationError naming "file" if the file's own name (its folders aside) holds a
    control or bidirectional character."""
    if why := name_problem(base_name(name)):
        raise ValidationError(Problem("file", f"has a name that {why}"))


def _file(name: str, content: bytes, media_type: str | None) -> EvidenceFile:
    """The file as it will be stored: a clean name and a media type; ValidationError
    naming "file" if the name is unusable or the content is not bytes."""
    if not isinstance(content, bytes | bytearray | memoryview):
        raise ValidationError(Problem("file", "must be the file's content"))
    if isinstance(name, str):
        _refuse_name(name)
    clean = clean_file_name(name) if isinstance(name, str) else ""
    if not clean:
        raise ValidationError(
            Problem("file", "needs a name (the name given has no usable characters)")
        )
    if media_type is None:
        media_type = mimetypes.guess_type(clean, strict=False)[0] or DEFAULT_MEDIA_TYPE
    file = EvidenceFile(clean, media_type, bytes(content))
    problems = [
        Problem("file", p.message)
        for p in rules.file_problems(file, "file")
        if not p.path.endswith(".content")  # sizes: file_size_problems says more
    ]
    if problems:
        raise ValidationError(problems)
    return file
