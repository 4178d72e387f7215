"""What a shared database's public reader lists and exports: the public projection.

A public reader's login reads no table but the projection (``public_projection``
writes it), so everything it is shown comes from here: the reviews, each review's
meetings with which public papers exist, and a paper's public view as its renderer is
handed it (``public_exports`` renders it, byte-identical to the clerk's public paper).
A clerk or reader may use it too: it reads the same rows.
"""

from __future__ import annotations

from ..domain.public_records import PublicMeeting, PublicPaper, PublicPaperKind, PublicReview
from ..store import public_projection
from ..store.db import Database


class PublicPapersService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def reviews(self) -> list[PublicReview]:
        """Every review in the projection, by title."""
        with self.db.reading() as session:
            return public_projection.reviews(session)

    def meetings(self, review_id: int) -> list[PublicMeeting]:
        """The review's meetings by start, each with which public papers exist.
        NotFoundError when the projection holds no such review."""
        with self.db.reading() as session:
            return public_projection.meetings(session, review_id)

    def paper(self, meeting_id: int, paper: PublicPaperKind | str) -> PublicPaper:
        """One public paper of a meeting (``"agenda"`` or ``"minutes"``), its view read
        back strictly (``view_codec``). NotFoundError naming the meeting when it has no
        such paper (no minutes yet, or no such meeting)."""
        with self.db.reading() as session:
            return public_projection.paper(session, meeting_id, PublicPaperKind(paper))
