"""Reviews as a whole: list, import, export, the shipped sample, delete."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..domain.errors import Problem, ValidationError
from ..domain.records import Review, ReviewFigures, ReviewSummary, TorItem
from ..resources_path import resource_path
from ..start_gc import collections_paused
from ..store import audit, documents, queries
from ..store.db import Database
from . import codec
from .approved_minutes import with_snapshots
from .audit import record_export
from .files import write_atomically
from .public_exports import refuse_public_reader

SAMPLE = "samples/drugs-scrutiny.json"


class ReviewService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[ReviewSummary]:
        with self.db.reading() as session:
            return queries.list_reviews(session)

    def summary(self, review_id: int) -> ReviewSummary:
        with self.db.reading() as session:
            return queries.review_summary(session, review_id)

    def document(self, review_id: int) -> Review:
        with self.db.reading() as session:
            return documents.load_review(session, review_id)

    def overview(self, review_id: int) -> tuple[Review, ReviewFigures]:
        """The review's details without its meetings, notes and evidence, and how many of
        each it holds: cheap at any size, for the Overview."""
        with self.db.reading() as session:
            return (
                documents.load_review_head(session, review_id),
                documents.review_figures(session, review_id),
            )

    def terms_of_reference(self, review_id: int) -> tuple[TorItem, ...]:
        """The review's terms-of-reference tree alone (cheap, for pickers)."""
        with self.db.reading() as session:
            queries.get_review_row(session, review_id)
            return documents.load_terms_of_reference(session, review_id)

    def import_bytes(self, data: bytes) -> int:
        """Check the whole file, then write it in one transaction; the new review's id."""
        with collections_paused(freeze=False):
            return self._import(data)

    def _import(self, data: bytes) -> int:
        review, version = codec.decode_versioned(data)
        review = replace(
            review,
            meetings=tuple(
                m if m.uid else replace(m, uid=str(uuid.uuid4())) for m in review.meetings
            ),
        )
        # Approved minutes are kept as they print; a file of version 1-3 (or one
        # without them) has them built from its own data, now.
        review = with_snapshots(review)
        with self.db.writing() as session:
            audit.importing(session, version)
            held = queries.uid_holders(session, [m.uid for m in review.meetings if m.uid])
            if held:
                problems = [
                    Problem(
                        f"review.meetings[{n}].uid",
                        f'meeting UID "{m.uid}" is already held by review '
                        f'{held[m.uid][0]} "{held[m.uid][1]}"',
                    )
                    for n, m in enumerate(review.meetings)
                    if m.uid in held
                ]
                raise ValidationError(problems)
            from ..store import review_insert  # what import alone needs

            return review_insert.insert_review(session, review)

    def import_file(self, path: str | os.PathLike[str]) -> int:
        return self.import_bytes(_read(Path(path)))

    def import_sample(self) -> int:
        return self.import_bytes(resource_path(SAMPLE).read_bytes())

    def export_bytes(self, review_id: int) -> bytes:
        """The review's file. Minutes approved before they were kept as printed (a
        database from before schema 0007, not read since) get theirs built now."""
        refuse_public_reader(self.db, "the review file")
        return codec.encode(with_snapshots(self.document(review_id)))

    def export_file(self, review_id: int, path: str | os.PathLike[str]) -> Path:
        """The review's file (``export_bytes``), written a record at a time: never whole
        in memory, nor its notes (a busy review's most) all at once: each is written as
        its row is read."""
        refuse_public_reader(self.db, "the review file")
        with collections_paused(freeze=False), self.db.reading() as session:
            review, evidence, notes = documents.load_review_streaming(session, review_id)
            lists: dict[str, Iterable[Any]] = {"evidence": evidence, "notes": notes}
            if with_snapshots(review) is not review:  # minutes to build: from the whole
                whole = replace(review, evidence=tuple(evidence), notes=tuple(notes))
                review, lists = with_snapshots(whole), {}
            pieces = codec.encode_pieces(review, lists)
            written = write_atomically(path, (piece.encode() for piece in pieces))
        record_export(self.db, "review file", None, "reviews", review_id, review_id, format="json")
        return written

    def delete(self, review_id: int) -> None:
        with self.db.writing() as session:
            queries.delete_review(session, review_id)


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > codec.MAX_FILE_BYTES:
            raise ValidationError(
                Problem(str(path), f"is larger than {codec.MAX_FILE_BYTES // 2**20} MB")
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(Problem(str(path), "no such file")) from None
    except IsADirectoryError:
        raise ValidationError(Problem(str(path), "is a folder, not a file")) from None
    except PermissionError:
        raise ValidationError(Problem(str(path), "you may not read this file")) from None
    except OSError as exc:
        raise ValidationError(Problem(str(path), exc.strerror or str(exc))) from None
