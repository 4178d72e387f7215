"""The public projection's rows: written before every commit, read by the public reader.

``public_reviews`` holds a review's public title and papers' language; ``public_papers``
one row per public paper of a meeting (agenda, minutes), its ``content`` the JSON of
what the renderer is handed: ``{"view": <the public MeetingView>, "link": <joining
link or null>}`` (``view_codec``; read back strictly). The services decide what goes
in (``services/public_projection.py``); this writes it with the fewest statements
(rows that did not change are left alone) and reads it back.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as Session  # re-exported for the services

from ..domain.enums import PaperLanguage
from ..domain.errors import NotFoundError
from ..domain.public_records import PublicMeeting, PublicPaper, PublicPaperKind, PublicReview
from ..domain.view_codec import SnapshotError, view_from_plain, view_plain
from . import orm


def review_ids(session: Session) -> list[int]:
    """Every review's id (for rebuilding them all)."""
    return list(session.scalars(select(orm.ReviewRow.id).order_by(orm.ReviewRow.id)))


def review_head(session: Session, review_id: int) -> tuple[str, PaperLanguage] | None:
    """A review's title and papers' language; None when it no longer exists."""
    row = session.get(orm.ReviewRow, review_id)
    return None if row is None else (row.title, PaperLanguage(row.language))


def meeting_ids(session: Session, review_id: int) -> list[int]:
    """The review's meetings' ids, by start."""
    query = (
        select(orm.MeetingRow.id)
        .where(orm.MeetingRow.review_id == review_id)
        .order_by(orm.MeetingRow.start, orm.MeetingRow.id)
    )
    return list(session.scalars(query))


def content_text(paper: PublicPaper) -> str:
    """The canonical JSON text a paper's ``content`` holds."""
    value = {"view": view_plain(paper.view), "link": paper.link}
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_review(
    session: Session,
    review_id: int,
    title: str,
    language: PaperLanguage,
    papers: Sequence[PublicPaper],
) -> None:
    """Make the review's public rows exactly these: its row upserted, each paper
    inserted or updated where it changed, papers no longer given (a removed meeting's,
    minutes gone back to none) deleted."""
    now = datetime.now(UTC).replace(tzinfo=None)
    head = session.get(orm.PublicReviewRow, review_id)
    if head is None:
        session.add(
            orm.PublicReviewRow(
                review_id=review_id, title=title, language=language.value, refreshed_utc=now
            )
        )
        session.flush()
    else:
        head.title, head.language, head.refreshed_utc = title, language.value, now
    rows = session.scalars(
        select(orm.PublicPaperRow).where(orm.PublicPaperRow.review_id == review_id)
    ).all()
    held = {(r.meeting_id, r.paper): r for r in rows}
    wanted: set[tuple[int, str]] = set()
    for paper in papers:
        key = (paper.meeting_id, paper.paper.value)
        wanted.add(key)
        content = content_text(paper)
        title_, starts = paper.view.title, paper.view.start
        row = held.get(key)
        if row is None:
            session.add(
                orm.PublicPaperRow(
                    review_id=review_id,
                    meeting_id=paper.meeting_id,
                    paper=paper.paper.value,
                    title=title_,
                    starts=starts,
                    content=content,
                )
            )
        elif (row.title, row.starts, row.content) != (title_, starts, content):
            row.title, row.starts, row.content = title_, starts, content
    for key, row in held.items():
        if key not in wanted:
            session.delete(row)
    session.flush()


def delete_review(session: Session, review_id: int) -> None:
    """A review that is gone: its public rows go (its papers by cascade)."""
    session.execute(delete(orm.PublicPaperRow).where(orm.PublicPaperRow.review_id == review_id))
    session.execute(delete(orm.PublicReviewRow).where(orm.PublicReviewRow.review_id == review_id))


def delete_others(session: Session, kept: Sequence[int]) -> None:
    """Every review's public rows but those of ``kept`` go."""
    session.execute(delete(orm.PublicReviewRow).where(orm.PublicReviewRow.review_id.not_in(kept)))


# Reading ---------------------------------------------------------------------------


def reviews(session: Session) -> list[PublicReview]:
    rows = session.scalars(
        select(orm.PublicReviewRow).order_by(
            orm.PublicReviewRow.title, orm.PublicReviewRow.review_id
        )
    )
    return [PublicReview(r.review_id, r.title, PaperLanguage(r.language)) for r in rows]


def meetings(session: Session, review_id: int) -> list[PublicMeeting]:
    if session.get(orm.PublicReviewRow, review_id) is None:
        raise NotFoundError(f"There is no review {review_id} among the public papers")
    rows = session.execute(
        select(
            orm.PublicPaperRow.meeting_id,
            orm.PublicPaperRow.paper,
            orm.PublicPaperRow.title,
            orm.PublicPaperRow.starts,
        ).where(orm.PublicPaperRow.review_id == review_id)
    ).all()
    papers: dict[int, list[PublicPaperKind]] = defaultdict(list)
    heads: dict[int, tuple[str, datetime]] = {}
    for meeting_id, paper, title, starts in rows:
        papers[meeting_id].append(PublicPaperKind(paper))
        if paper == PublicPaperKind.AGENDA.value or meeting_id not in heads:
            heads[meeting_id] = (title, starts)
    order = list(PublicPaperKind)
    found = [
        PublicMeeting(
            id=meeting_id,
            review_id=review_id,
            title=heads[meeting_id][0],
            starts=heads[meeting_id][1],
            papers=tuple(sorted(kinds, key=order.index)),
        )
        for meeting_id, kinds in papers.items()
    ]
    return sorted(found, key=lambda m: (m.starts, m.id))


def paper(session: Session, meeting_id: int, kind: PublicPaperKind) -> PublicPaper:
    row = session.execute(
        select(orm.PublicPaperRow, orm.PublicReviewRow.language)
        .join(orm.PublicReviewRow)
        .where(orm.PublicPaperRow.meeting_id == meeting_id, orm.PublicPaperRow.paper == kind.value)
    ).first()
    if row is None:
        what = "an agenda" if kind is PublicPaperKind.AGENDA else "minutes"
        raise NotFoundError(f"Meeting {meeting_id} has no public {what}")
    found, language = row
    try:
        value = json.loads(found.content)
        if not isinstance(value, dict) or set(value) != {"view", "link"}:
            raise SnapshotError("", 'must be an object with "view" and "link"')
        view = view_from_plain(value["view"], "view")
        link = value["link"]
        if link is not None and not isinstance(link, str):
            raise SnapshotError("link", "must be text or null")
    except (json.JSONDecodeError, SnapshotError) as exc:
        raise NotFoundError(
            f"The public {kind.value} of meeting {meeting_id} does not read ({exc}); "
            "ask a clerk to save any change to the review to rebuild it"
        ) from None
    return PublicPaper(
        meeting_id=meeting_id,
        review_id=found.review_id,
        paper=kind,
        view=view,
        link=link,
        language=PaperLanguage(language),
    )
