"""The reports pane's undo steps: attach a PDF, print a piece of evidence, rename,
mark late, move and remove a report, each one call of ``services.reports``.

Steps find the item and the report by their keys (a removed and restored item has a
new id, and so does a report put back by an undo), and quote the version they read just
before. Undoing a removal attaches the report again under its key, at its place: a held
file from the bytes read before it was removed, a piece of evidence by the evidence's
key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ...domain import rules
from ...domain.agenda_records import ItemRecord
from ...domain.records import EvidenceFile
from ...domain.report_records import PDF_MEDIA_TYPE, ReportEntry
from ...services.container import Services
from ..shared.commands import Step


def tr(text: str) -> str:
    return QCoreApplication.translate("ReportSteps", text)


class _ReportStep(Step):
    """Knows the item by its key and finds its reports by theirs."""

    def __init__(self, text: str, services: Services, item: ItemRecord) -> None:
        super().__init__(text)
        self._services = services
        self._review_id, self._item_key = item.review_id, item.key

    def _item(self) -> ItemRecord:
        return self._services.agenda.find(self._review_id, self._item_key)

    def _report(self, key: str) -> ReportEntry:
        item = self._item()
        return next(
            r
            for r in self._services.reports.list_for_meeting(item.meeting_id)
            if r.key == key and r.item_key == self._item_key
        )

    def _take_away(self, key: str, *, keep_file: bool = False) -> EvidenceFile | None:
        """Remove the report; with ``keep_file``, its held file first, to put it back
        with (None for evidence)."""
        report = self._report(key)
        reports = self._services.reports
        file = reports.file(report.id) if keep_file and report.evidence_key is None else None
        reports.remove(report.id, report.version)
        return file

    def _put_back(self, entry: ReportEntry, file: EvidenceFile | None) -> ReportEntry:
        reports, item_id = self._services.reports, self._item().id
        if file is not None:
            return reports.attach_content(
                item_id,
                file.name,
                file.content,
                entry.title,
                entry.late,
                position=entry.position,
                key=entry.key,
            )
        assert entry.evidence_key is not None
        evidence_id = self._services.evidence.id_for(self._review_id, entry.evidence_key)
        return reports.attach_evidence(
            item_id, evidence_id, entry.title, entry.late, position=entry.position, key=entry.key
        )


class AttachReport(_ReportStep):
    """A PDF from disk held with the item, at the end of its reports."""

    def __init__(self, services: Services, item: ItemRecord, path: Path) -> None:
        super().__init__(
            tr("Attach “{name}” to “{title}”").format(name=path.name, title=item.title),
            services,
            item,
        )
        self._path = path
        self._entry: ReportEntry | None = None
        self._file: EvidenceFile | None = None

    def do(self) -> ReportEntry:
        """The file read here (the step runs on a worker) and kept for a redo; one too
        large, or unreadable, goes to ``attach_file`` unread, which refuses it by name."""
        reports, item_id, path = self._services.reports, self._item().id, self._path
        try:
            if path.stat().st_size > rules.MAX_ATTACHMENT_BYTES:
                self._entry = reports.attach_file(item_id, path)
                return self._entry
            content = path.read_bytes()
        except OSError:
            self._entry = reports.attach_file(item_id, path)
            return self._entry
        self._entry = reports.attach_content(item_id, path.name, content)
        self._file = EvidenceFile(path.name, PDF_MEDIA_TYPE, content)
        return self._entry

    def undo(self) -> None:
        assert self._entry is not None
        self._take_away(self._entry.key)

    def redo(self) -> ReportEntry:
        assert self._entry is not None
        return self._put_back(self._entry, self._file)


class AttachEvidenceReport(_ReportStep):
    """A piece of evidence from the register printed as one of the item's reports."""

    def __init__(self, services: Services, item: ItemRecord, evidence_id: int, title: str) -> None:
        super().__init__(
            tr("Print “{evidence}” with “{title}”").format(evidence=title, title=item.title),
            services,
            item,
        )
        self._evidence_id = evidence_id
        self._entry: ReportEntry | None = None

    def do(self) -> ReportEntry:
        reports = self._services.reports
        self._entry = reports.attach_evidence(self._item().id, self._evidence_id)
        return self._entry

    def undo(self) -> None:
        assert self._entry is not None
        self._take_away(self._entry.key)

    def redo(self) -> ReportEntry:
        assert self._entry is not None
        return self._put_back(self._entry, None)


class RemoveReport(_ReportStep):
    """A report taken off the item (a piece of evidence stays in the register)."""

    def __init__(self, services: Services, item: ItemRecord, report: ReportEntry) -> None:
        super().__init__(tr("Remove report “{title}”").format(title=report.title), services, item)
        self._entry = report
        self._file: EvidenceFile | None = None

    def do(self) -> None:
        self._file = self._take_away(self._entry.key, keep_file=True)

    def undo(self) -> ReportEntry:
        return self._put_back(self._entry, self._file)


class RenameReport(_ReportStep):
    def __init__(
        self, services: Services, item: ItemRecord, report: ReportEntry, title: str
    ) -> None:
        super().__init__(tr("Rename report to “{title}”").format(title=title), services, item)
        self._key, self._before, self._after = report.key, report.title, title

    def _rename(self, title: str) -> ReportEntry:
        report = self._report(self._key)
        return self._services.reports.rename(report.id, report.version, title)

    def do(self) -> ReportEntry:
        return self._rename(self._after)

    def undo(self) -> ReportEntry:
        return self._rename(self._before)


class SetReportLate(_ReportStep):
    """Late: printed in the supplementary pack, not the main one."""

    def __init__(self, services: Services, item: ItemRecord, report: ReportEntry, late: bool):
        text = (
            tr("Mark “{title}” late (supplementary pack)")
            if late
            else tr("Mark “{title}” in the main pack")
        )
        super().__init__(text.format(title=report.title), services, item)
        self._key, self._late = report.key, late

    def _set(self, late: bool) -> ReportEntry:
        report = self._report(self._key)
        return self._services.reports.set_late(report.id, report.version, late)

    def do(self) -> ReportEntry:
        return self._set(self._late)

    def undo(self) -> ReportEntry:
        return self._set(not self._late)


class MoveReport(_ReportStep):
    def __init__(
        self, services: Services, item: ItemRecord, report: ReportEntry, position: int
    ) -> None:
        super().__init__(tr("Move report “{title}”").format(title=report.title), services, item)
        self._key, self._before, self._after = report.key, report.position, position

    def _move(self, position: int) -> ReportEntry:
        report = self._report(self._key)
        return self._services.reports.move(report.id, report.version, position)

    def do(self) -> ReportEntry:
        return self._move(self._after)

    def undo(self) -> ReportEntry:
        return self._move(self._before)
