"""All services over one open database: what the GUI and the command line hold."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..paths import default_database
from ..store.db import Database, open_database
from .actions import ActionService
from .agenda import AgendaService
from .backups import BackupService
from .coverage import CoverageService
from .evidence import EvidenceService
from .exporting import ExportService
from .listing import ListingService
from .meeting_edits import MeetingEditService
from .meetings import MeetingService
from .minutes import MinutesService
from .notes import NotesService
from .panel import PanelService
from .recommendations import RecommendationService
from .removals import RemovalService
from .review_edits import ReviewEditService
from .reviews import ReviewService
from .search import SearchService
from .series import SeriesService
from .terms import TermsService
from .witness_edits import WitnessEditService
from .witnesses import WitnessService

DB_ENV = "SCRUTINY_DESK_DB"


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
    reviews: ReviewService = field(init=False)
    meetings: MeetingService = field(init=False)
    witnesses: WitnessService = field(init=False)
    exports: ExportService = field(init=False)
    review_edits: ReviewEditService = field(init=False)
    panel: PanelService = field(init=False)
    witness_edits: WitnessEditService = field(init=False)
    meeting_edits: MeetingEditService = field(init=False)
    series: SeriesService = field(init=False)
    agenda: AgendaService = field(init=False)
    minutes: MinutesService = field(init=False)
    actions: ActionService = field(init=False)
    recommendations: RecommendationService = field(init=False)
    coverage: CoverageService = field(init=False)
    listing: ListingService = field(init=False)
    notes: NotesService = field(init=False)
    evidence: EvidenceService = field(init=False)
    terms: TermsService = field(init=False)
    search: SearchService = field(init=False)
    removals: RemovalService = field(init=False)
    backups: BackupService = field(init=False)

    def __post_init__(self) -> None:
        self.reviews = ReviewService(self.db)
        self.meetings = MeetingService(self.db)
        self.witnesses = WitnessService(self.db)
        self.exports = ExportService(self.db)
        self.review_edits = ReviewEditService(self.db)
        self.panel = PanelService(self.db)
        self.witness_edits = WitnessEditService(self.db)
        self.meeting_edits = MeetingEditService(self.db)
        self.series = SeriesService(self.db)
        self.agenda = AgendaService(self.db)
        self.minutes = MinutesService(self.db)
        self.actions = ActionService(self.db)
        self.recommendations = RecommendationService(self.db)
        self.coverage = CoverageService(self.db)
        self.listing = ListingService(self.db)
        self.notes = NotesService(self.db)
        self.search = SearchService(self.db)
        self.evidence = EvidenceService(self.db)
        self.terms = TermsService(self.db)
        self.removals = RemovalService(self.db)
        self.backups = BackupService(self.db)

    @classmethod
    def open(cls, target: str | None = None) -> Services:
        return cls(open_database(database_target(target)))

    def close(self) -> None:
        self.db.close()
