"""The reports an agenda item considers, printed after the agenda in its pack: a PDF
held with the item, or a piece of evidence from the register whose own PDF is printed.

Decisions:
- Each method is one action in one transaction; edits quote the version they read and
  are refused (``ConflictError``) on a stale one. Adding, moving and removing a report
  change the topic AGENDA (``store.changes`` decides it from the rows written).
- Only a PDF a pack can append is taken: a file that is not a PDF, is damaged, is
  encrypted or has no pages is refused by its name (``exports.pdf_reports``), as is one
  over ``rules.MAX_ATTACHMENT_BYTES`` or one that would take the review's files (its
  evidence files and its held reports) over ``rules.MAX_REVIEW_ATTACHMENT_BYTES``, so
  that an export stays importable.
- A report from the register is the evidence's own file, not a copy: it counts once
  towards the limit, and changes when the evidence's file does (the pack checks it
  again). The evidence must be in the item's review and hold a PDF; closed evidence
  goes only on a closed item (an open item's reports are printed in the public pack).
- A ``late`` report goes in the supplementary pack, whose page numbers continue the
  main pack's; the main pack lists it as to follow.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..domain import rules
from ..domain.errors import NotFoundError, Problem, ValidationError
from ..domain.evidence_records import clean_file_name
from ..domain.file_names import name_problem
from ..domain.keys import new_key
from ..domain.records import EvidenceFile
from ..domain.report_records import PDF_MEDIA_TYPE, RemovedReport, ReportEntry
from ..domain.rules import megabytes, text_problem
from ..store import evidence_edits, queries
from ..store import report_edits as store
from ..store.db import Database

MAX_TITLE = 500


class ReportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Reading ----------------------------------------------------------------------------

    def list_for_meeting(self, meeting_id: int) -> list[ReportEntry]:
        """The meeting's reports, item by item in agenda order, each item's in its own
        order; files described, not read."""
        with self.db.reading() as session:
            queries.get_meeting_row(session, meeting_id)
            return store.entries_for_meeting(session, meeting_id)

    def get(self, report_id: int) -> ReportEntry:
        with self.db.reading() as session:
            return store.entry(session, report_id)

    # Adding -----------------------------------------------------------------------------

    def attach_file(
        self,
        item_id: int,
        path: str | os.PathLike[str],
        title: str | None = None,
        late: bool = False,
        *,
        position: int | None = None,
    ) -> ReportEntry:
        """Hold the PDF at ``path`` with the item, at ``position`` in its list (the end
        by default), titled ``title`` (the file's name without ``.pdf`` if None)."""
        source = Path(path)
        name = clean_file_name(source.name)
        if why := name_problem(source.name):
            raise ValidationError(Problem("file", f"The file's name {why}."))
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise ValidationError(Problem("file", f"{source.name}: {_os_reason(exc)}")) from None
        with self.db.reading() as session:
            review_id, _ = store.item_facts(session, item_id)
            _refuse_size(session, review_id, size, name)
        try:
            content = source.read_bytes()
        except OSError as exc:
            raise ValidationError(Problem("file", f"{source.name}: {_os_reason(exc)}")) from None
        return self.attach_content(item_id, name, content, title, late, position=position)

    def attach_content(
        self,
        item_id: int,
        name: str,
        content: bytes,
        title: str | None = None,
        late: bool = False,
        *,
        position: int | None = None,
        key: str | None = None,
    ) -> ReportEntry:
        """``attach_file`` with the file already read (and what undo of ``remove``
        calls, with the removed report's key)."""
        name = clean_file_name(name) or "report.pdf"
        _check_pdf(name, content)
        file = EvidenceFile(name, PDF_MEDIA_TYPE, content)
        with self.db.writing() as session:
            review_id, _ = store.item_facts(session, item_id)
            _refuse_size(session, review_id, file.size, name)
            chosen = _title(title, _stem(name))
            report_id = store.insert_report(
                session,
                review_id,
                item_id,
                key=self._key(session, review_id, key),
                title=chosen,
                late=late,
                file=file,
                position=position,
            )
            return store.entry(session, report_id)

    def attach_evidence(
        self,
        item_id: int,
        evidence_id: int,
        title: str | None = None,
        late: bool = False,
        *,
        position: int | None = None,
        key: str | None = None,
    ) -> ReportEntry:
        """Print a piece of evidence's own PDF as one of the item's reports, titled
        ``title`` (the evidence's title if None)."""
        with self.db.writing() as session:
            review_id, item_closed = store.item_facts(session, item_id)
            try:
                evidence = evidence_edits.entry(session, evidence_id)
            except NotFoundError:
                raise ValidationError(
                    Problem("evidence", f"there is no evidence with id {evidence_id}")
                ) from None
            if evidence.review_id != review_id:
                raise ValidationError(
                    Problem("evidence", f'"{evidence.title}" belongs to another review')
                )
            if evidence.is_closed and not item_closed:
                raise ValidationError(
                    Problem(
                        "evidence",
                        f'"{evidence.title}" is closed evidence: the public pack prints an open '
                        "item's reports, so attach it to a closed item, or open the evidence first",
                    )
                )
            file = evidence_edits.file_of(session, evidence_id)
            if file is None:
                raise ValidationError(
                    Problem(
                        "evidence", f'"{evidence.title}" has no file attached: attach its PDF first'
                    )
                )
            _check_pdf(file.name, file.content, "evidence")
            report_id = store.insert_report(
                session,
                review_id,
                item_id,
                key=self._key(session, review_id, key),
                title=_title(title, evidence.title),
                late=late,
                evidence_id=evidence_id,
                position=position,
            )
            return store.entry(session, report_id)

    # Editing ----------------------------------------------------------------------------

    def rename(self, report_id: int, expected_version: int, title: str) -> ReportEntry:
        return self._update(report_id, expected_version, {"title": _title(title, None)})

    def set_late(self, report_id: int, expected_version: int, late: bool) -> ReportEntry:
        """Mark the report late (printed in the supplementary pack) or not."""
        return self._update(report_id, expected_version, {"late": bool(late)})

    def move(self, report_id: int, expected_version: int, position: int) -> ReportEntry:
        """Move the report to ``position`` (0-based) in its item's list."""
        with self.db.writing() as session:
            self._checked(session, report_id, expected_version)
            store.move_report(session, report_id, position)
            return store.entry(session, report_id)

    def remove(self, report_id: int, expected_version: int) -> ReportEntry:
        """Remove the report (a piece of evidence stays in the register); the entry as
        it was."""
        return self.delete(report_id, expected_version).entry

    def delete(self, report_id: int, expected_version: int) -> RemovedReport:
        """``remove``, returning what undo needs to put it back (``restore``)."""
        with self.db.writing() as session:
            current = self._checked(session, report_id, expected_version)
            review_id, _ = store.item_facts(session, current.item_id)
            file = store.held_file(session, report_id)
            store.delete_report(session, report_id)
            return RemovedReport(review_id, current, file)

    def restore(self, removed: RemovedReport) -> ReportEntry:
        """Put a removed report back on its item, at its place, under its key (a new
        one if that was taken since); a piece of evidence is found by its key."""
        entry = removed.entry
        if removed.file is not None:
            return self.attach_content(
                entry.item_id,
                removed.file.name,
                removed.file.content,
                entry.title,
                entry.late,
                position=entry.position,
                key=entry.key,
            )
        with self.db.reading() as session:
            evidence_id = evidence_edits.id_for(
                session, removed.review_id, entry.evidence_key or ""
            )
        if evidence_id is None:
            raise NotFoundError(f'The evidence "{entry.evidence_key}" has been deleted since')
        return self.attach_evidence(
            entry.item_id,
            evidence_id,
            entry.title,
            entry.late,
            position=entry.position,
            key=entry.key,
        )

    # Helpers ----------------------------------------------------------------------------

    def _update(self, report_id: int, expected: int, values: dict[str, Any]) -> ReportEntry:
        with self.db.writing() as session:
            current = self._checked(session, report_id, expected)
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            store.update_report(session, report_id, changed)
            return store.entry(session, report_id)

    def _checked(self, session: Any, report_id: int, expected: int) -> ReportEntry:
        try:
            current = store.entry(session, report_id)
        except NotFoundError:
            queries.check_version(session, "report", report_id, expected, "This report")
            raise
        queries.check_version(session, "report", report_id, expected, f'Report "{current.title}"')
        return current

    @staticmethod
    def _key(session: Any, review_id: int, key: str | None) -> str:
        def taken(k: str) -> bool:
            return store.key_taken(session, review_id, k)

        if key is not None and not taken(key):
            return key
        return new_key("report", taken)


def _refuse_size(session: Any, review_id: int, size: int, name: str) -> None:
    others = evidence_edits.attachment_total(session, review_id)  # evidence and reports
    limit, review_limit = rules.MAX_ATTACHMENT_BYTES, rules.MAX_REVIEW_ATTACHMENT_BYTES
    if size > limit:
        raise ValidationError(
            Problem(
                "file",
                f"{name} is {megabytes(size)}; a report may be at most {megabytes(limit)}. "
                "Attach a smaller copy (for example a PDF saved for screen).",
            )
        )
    if others + size > review_limit:
        raise ValidationError(
            Problem(
                "file",
                f"{name} is {megabytes(size)}, and the review's files (evidence and reports) "
                f"already come to {megabytes(others)}; together they may be at most "
                f"{megabytes(review_limit)}. Remove a file the review no longer needs, or "
                "attach a smaller copy.",
            )
        )


def _check_pdf(name: str, content: bytes, field: str = "file") -> None:
    from ..exports.pdf_reports import check_pdf

    try:
        check_pdf(name, content)
    except ValueError as exc:
        raise ValidationError(Problem(field, str(exc))) from None


def _title(title: str | None, default: str | None) -> str:
    chosen = (title if title is not None else default or "").strip()
    if not chosen:
        raise ValidationError(Problem("title", "must not be empty"))
    if len(chosen) > MAX_TITLE:
        raise ValidationError(Problem("title", f"is longer than {MAX_TITLE} characters"))
    if why := text_problem(chosen):
        raise ValidationError(Problem("title", why))
    return chosen


def _stem(name: str) -> str:
    stem, ext = os.path.splitext(name)
    return stem if ext.lower() == ".pdf" and stem else name


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
