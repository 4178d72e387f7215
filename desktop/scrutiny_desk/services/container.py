"""All services over one open database: what the GUI and the command line hold.

Each service is made the first time it is asked for, and its module imported then:
a start that shows the meetings needs a few of them, and the command line one, while
some import heavy libraries (reportlab and icalendar for papers, jsonschema for review
files). The attributes and their types are the same as if all were made at once.

The store (SQLAlchemy, the mapping, the records) is imported by ``open``, with garbage
collections held off and then frozen (``start_gc``), not with this module: importing
the services' container, as the window's modules do, imports no SQLAlchemy. A start on
a SQLite file the app left cleanly shows its first meetings before the store is
imported at all (``first_look.FirstLookServices``, whose services stand in for these
until the store is open).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from ..paths import DB_ENV, default_database
from ..start_gc import collections_paused

if TYPE_CHECKING:
    from ..store.db import Database
    from .actions import ActionService
    from .agenda import AgendaService
    from .attendees import AttendeeService
    from .audit import AuditService
    from .backups import BackupService
    from .coverage import CoverageService
    from .declarations import DeclarationService
    from .evidence import EvidenceService
    from .exporting import ExportService
    from .interests import InterestService
    from .invitations import InvitationService
    from .listing import ListingService
    from .live_updates import LiveUpdates
    from .meeting_edits import MeetingEditService
    from .meetings import MeetingService
    from .minutes import MinutesService
    from .notes import NotesService
    from .packs import PackService
    from .panel import PanelService
    from .personal_data import PersonalDataService
    from .programme_feeds import ProgrammeFeeds
    from .public_papers import PublicPapersService
    from .recommendations import RecommendationService
    from .removals import RemovalService
    from .report_paragraphs import ReportParagraphService
    from .report_responses import ReportResponseService
    from .report_versions import ReportVersionService
    from .reports import ReportService
    from .resolutions import ResolutionService
    from .review_edits import ReviewEditService
    from .reviews import ReviewService
    from .search import SearchService
    from .series import SeriesService
    from .terms import TermsService
    from .web_publishing import WebPublishingService
    from .witness_edits import WitnessEditService
    from .witnesses import WitnessService

__all__ = ["DB_ENV", "Services", "database_target"]


def database_target(given: str | None) -> str:
    """--db, else $SCRUTINY_DESK_DB, else the SQLite file in the user's data folder."""
    if given:
        return given
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    path = default_database()
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)


@dataclass
class Services:
    db: Database

    def __post_init__(self) -> None:
        if self.db.dialect != "postgresql":
            return  # a SQLite file has neither (nor imports them: the papers' reading)
        from ..store.live import announce_commits
        from .public_projection import install

        install(self.db)  # the public projection, written before commits (roles in force)
        announce_commits(self.db)  # every write's NOTIFY, before commit

    @cached_property
    def reviews(self) -> ReviewService:
        from .reviews import ReviewService

        return ReviewService(self.db)

    @cached_property
    def meetings(self) -> MeetingService:
        from .meetings import MeetingService

        return MeetingService(self.db)

    @cached_property
    def witnesses(self) -> WitnessService:
        from .witnesses import WitnessService

        return WitnessService(self.db)

    @cached_property
    def exports(self) -> ExportService:
        from .exporting import ExportService

        return ExportService(self.db)

    @cached_property
    def web_publishing(self) -> WebPublishingService:
        from .web_publishing import WebPublishingService

        return WebPublishingService(self.db)

    @cached_property
    def programme_feeds(self) -> ProgrammeFeeds:
        from .programme_feeds import ProgrammeFeeds

        return ProgrammeFeeds(self.db, self.exports)

    @cached_property
    def invitations(self) -> InvitationService:
        from .invitations import InvitationService

        return InvitationService(self.db)

    @cached_property
    def review_edits(self) -> ReviewEditService:
        from .review_edits import ReviewEditService

        return ReviewEditService(self.db)

    @cached_property
    def panel(self) -> PanelService:
        from .panel import PanelService

        return PanelService(self.db)

    @cached_property
    def witness_edits(self) -> WitnessEditService:
        from .witness_edits import WitnessEditService

        return WitnessEditService(self.db)

    @cached_property
    def meeting_edits(self) -> MeetingEditService:
        from .meeting_edits import MeetingEditService

        return MeetingEditService(self.db)

    @cached_property
    def series(self) -> SeriesService:
        from .series import SeriesService

        return SeriesService(self.db)

    @cached_property
    def agenda(self) -> AgendaService:
        from .agenda import AgendaService

        return AgendaService(self.db)

    @cached_property
    def minutes(self) -> MinutesService:
        from .minutes import MinutesService

        return MinutesService(self.db)

    @cached_property
    def attendees(self) -> AttendeeService:
        from .attendees import AttendeeService

        return AttendeeService(self.db)

    @cached_property
    def interests(self) -> InterestService:
        from .interests import InterestService

        return InterestService(self.db)

    @cached_property
    def declarations(self) -> DeclarationService:
        from .declarations import DeclarationService

        return DeclarationService(self.db)

    @cached_property
    def resolutions(self) -> ResolutionService:
        from .resolutions import ResolutionService

        return ResolutionService(self.db)

    @cached_property
    def actions(self) -> ActionService:
        from .actions import ActionService

        return ActionService(self.db)

    @cached_property
    def recommendations(self) -> RecommendationService:
        from .recommendations import RecommendationService

        return RecommendationService(self.db)

    @cached_property
    def report_versions(self) -> ReportVersionService:
        from .report_versions import ReportVersionService

        return ReportVersionService(self.db)

    @cached_property
    def report_responses(self) -> ReportResponseService:
        from .report_responses import ReportResponseService

        return ReportResponseService(self.db)

    @cached_property
    def coverage(self) -> CoverageService:
        from .coverage import CoverageService

        return CoverageService(self.db)

    @cached_property
    def listing(self) -> ListingService:
        from .listing import ListingService

        return ListingService(self.db)

    @cached_property
    def notes(self) -> NotesService:
        from .notes import NotesService

        return NotesService(self.db)

    @cached_property
    def report_paragraphs(self) -> ReportParagraphService:
        from .report_paragraphs import ReportParagraphService

        return ReportParagraphService(self.db)

    @cached_property
    def evidence(self) -> EvidenceService:
        from .evidence import EvidenceService

        return EvidenceService(self.db)

    @cached_property
    def terms(self) -> TermsService:
        from .terms import TermsService

        return TermsService(self.db)

    @cached_property
    def search(self) -> SearchService:
        from .search import SearchService

        return SearchService(self.db)

    @cached_property
    def removals(self) -> RemovalService:
        from .removals import RemovalService

        return RemovalService(self.db)

    @cached_property
    def backups(self) -> BackupService:
        from .backups import BackupService

        return BackupService(self.db)

    @cached_property
    def reports(self) -> ReportService:
        from .reports import ReportService

        return ReportService(self.db)

    @cached_property
    def packs(self) -> PackService:
        from .packs import PackService

        return PackService(self.db)

    @cached_property
    def personal_data(self) -> PersonalDataService:
        from .personal_data import PersonalDataService

        return PersonalDataService(self.db)

    @cached_property
    def audit(self) -> AuditService:
        from .audit import AuditService

        return AuditService(self.db)

    @cached_property
    def live_updates(self) -> LiveUpdates:
        from .live_updates import LiveUpdates

        return LiveUpdates(self.db)

    @cached_property
    def public_papers(self) -> PublicPapersService:
        from .public_papers import PublicPapersService

        return PublicPapersService(self.db)

    @classmethod
    def open(cls, target: str | None = None) -> Services:
        with collections_paused():
            from ..store.db import open_database

        return cls(open_database(database_target(target)))

    def built(self) -> list[str]:
        """The services made so far, by attribute name."""
        return [name for name in vars(self) if name != "db"]

    def close(self) -> None:
        if "live_updates" in vars(self):
            self.live_updates.close()
        self.db.close()
