"""The reports pane's undo steps: attach a PDF, print a piece of evidence, rename,
mark late, move and remove a report, each one call of ``services.reports``.

Steps find the item and the report by their keys (a removed and restored item has a
new id, and so does a report put back by an undo), and quote the version they read just
before. Removing keeps what the service took (``reports.delete``: the entry and its
held file), and undoing it puts that back under its key, at its place
(``reports.restore``).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...services.container import Services
from ..shared.commands import Step

if TYPE_CHECKING:
    from ...domain.agenda_records import ItemRecord
    from ...domain.report_records import RemovedReport, ReportEntry


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

    def _take_away(self, key: str) -> RemovedReport:
        """Remove the report; what putting it back needs (its held file, if any)."""
        report = self._report(key)
        return self._services.reports.delete(report.id, report.version)

    def _put_back(self, removed: RemovedReport) -> ReportEntry:
        """Back on the item (found by its key: its id may have changed), at its place,
        under its key."""
        entry = replace(removed.entry, item_id=self._item().id)
        return self._services.reports.restore(replace(removed, entry=entry))


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
        self._removed: RemovedReport | None = None

    def do(self) -> ReportEntry:
        """Read and checked by the service (on a worker: ``perform_later``); a redo puts
        back what the undo took, so it needs no file on disk."""
        self._entry = self._services.reports.attach_file(self._item().id, self._path)
        return self._entry

    def undo(self) -> None:
        assert self._entry is not None
        self._removed = self._take_away(self._entry.key)

    def redo(self) -> ReportEntry:
        assert self._removed is not None
        return self._put_back(self._removed)


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
        self._removed: RemovedReport | None = None

    def do(self) -> ReportEntry:
        reports = self._services.reports
        self._entry = reports.attach_evidence(self._item().id, self._evidence_id)
        return self._entry

    def undo(self) -> None:
        assert self._entry is not None
        self._removed = self._take_away(self._entry.key)

    def redo(self) -> ReportEntry:
        assert self._removed is not None
        return self._put_back(self._removed)


class RemoveReport(_ReportStep):
    """A report taken off the item (a piece of evidence stays in the register)."""

    def __init__(self, services: Services, item: ItemRecord, report: ReportEntry) -> None:
        super().__init__(tr("Remove report “{title}”").format(title=report.title), services, item)
        self._key = report.key
        self._removed: RemovedReport | None = None

    def do(self) -> None:
        self._removed = self._take_away(self._key)

    def undo(self) -> ReportEntry:
        assert self._removed is not None
        return self._put_back(self._removed)


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
