"""The public projection a shared database's public reader reads, kept in step.

On PostgreSQL the public reader's login may read no table but ``public_reviews`` and
``public_papers``. Before every write commits (``Database.before_commit``), the hook
``refresh_touched`` rebuilds the rows of each review the session wrote
(``review_scope.touched_reviews``), in the same session and transaction, from the
public audience view ``publishing`` builds: the agenda's ``meeting_view`` with its
joining link, and the minutes as ``MinutesService.printed`` gives them (approved
minutes: the approved record's public view), each as ``publishing.public_reading``
lets the public read it (no witness's e-mail address: no public paper prints one). No
other copy of the confidentiality rule exists: the rows hold what the renderer is
handed, and render byte for byte as the clerk's public papers.
"""

from __future__ import annotations

from ..domain.enums import PaperLanguage
from ..domain.meeting_rules import will_not_take_place
from ..domain.public_records import PublicPaper, PublicPaperKind
from ..domain.topics import Topic
from ..domain.views import Audience
from ..store import changes, meeting_papers, minutes_edits, review_scope
from ..store import public_projection as rows
from ..store.db import Database
from ..store.public_projection import Session
from . import publishing
from .approved_minutes import papers_snapshot


def install(db: Database) -> None:
    """Keep ``db``'s public projection in step with every write: on a PostgreSQL
    database whose roles are in force (``admin init-postgres``, which fills the
    projection as it makes them). A SQLite file has one user, its clerk, and a database
    without the roles has no public reader: neither has a projection, nor pays for one."""
    if db.dialect == "postgresql" and db.managed and refresh_touched not in db.before_commit:
        db.before_commit.append(refresh_touched)


#: What no meeting's papers hold (``meeting_papers`` cuts a review to a meeting without
#: its notes, recommendations or invitation register): a write of these alone, such as a
#: note captured in a live session, leaves the public papers as they were.
NOT_ON_PAPERS = frozenset({Topic.NOTES, Topic.RECOMMENDATIONS, Topic.INVITATIONS})


def refresh_touched(session: Session) -> None:
    """The ``before_commit`` hook: rebuild the public rows of every review this write
    session touched, in the same session. Nothing when it wrote no review, or wrote only
    what no paper holds (``NOT_ON_PAPERS``)."""
    if not changes.written(session) - NOT_ON_PAPERS:
        return
    for review_id in sorted(review_scope.touched_reviews(session)):
        refresh_review(session, review_id)


def refresh_review(session: Session, review_id: int) -> None:
    """Rebuild one review's public rows from its public audience views (its rows go
    when the review no longer exists)."""
    head = rows.review_head(session, review_id)
    if head is None:
        rows.delete_review(session, review_id)
        return
    title, language = head
    papers: list[PublicPaper] = []
    for meeting_id in rows.meeting_ids(session, review_id):
        papers.extend(_meeting_papers(session, meeting_id, language))
    rows.write_review(session, review_id, title, language, papers)


def _meeting_papers(
    session: Session, meeting_id: int, language: PaperLanguage
) -> list[PublicPaper]:
    """A meeting's public agenda and minutes, as ``ExportService.publish`` hands them to
    the renderer for the public: the same cut of the review (``meeting_papers``), the
    same views (``publishing``), the minutes as ``MinutesService.printed`` gives them."""
    cut = meeting_papers.meeting_papers(session, meeting_id)
    review, key = cut.review, cut.key
    agenda = publishing.public_reading(
        publishing.meeting_view(review, key, Audience.PUBLIC, first_minute=cut.first_minute)
    )
    link = publishing.joining_link(review, key)
    found = [PublicPaper(meeting_id, cut.review_id, PublicPaperKind.AGENDA, agenda, link, language)]
    if will_not_take_place(cut.meeting.status):  # no minutes (MinutesService.printed)
        return found
    snapshot = minutes_edits.approved_snapshot(session, meeting_id) or papers_snapshot(cut)
    minutes = publishing.public_reading(snapshot.view(Audience.PUBLIC))
    found.append(
        PublicPaper(meeting_id, cut.review_id, PublicPaperKind.MINUTES, minutes, None, language)
    )
    return found


def refresh_all(db: Database) -> int:
    """Rebuild every review's public rows in one transaction (``admin init-postgres``
    calls it after making the schema and roles); the number of reviews projected.
    Rows of reviews that no longer exist go too (by cascade they would already)."""
    with db.writing() as session:
        ids = rows.review_ids(session)
        for review_id in ids:
            refresh_review(session, review_id)
        rows.delete_others(session, ids)
    return len(ids)
