"""Versions of the review's report, the panel's comments on them and the meetings'
consideration of them (issue 17).

The working draft follows the review: it is built afresh from it whenever it is read
(``report_outline.build_report``). Making a version freezes it: the panel's view as it
prints then is kept as canonical JSON (``view_codec.report_text``) and never rebuilt,
as approving minutes keeps their views (``approved_minutes``), so a minute citing
paragraph 3.2 of version 0.2 keeps citing the same words whatever happens to the draft.
The public version of a frozen one is cut from its panel view by the one rule
(``publishing.report_view``).

Numbers: drafts "0.1", "0.2" … in the order made, then "final"; nothing after the final
report. Comments are taken on versions issued for comment; consideration is recorded on
versions for comment or for a meeting; both name a paragraph of that version's content
by key and show its number as that version printed it. Withdrawing a version (the undo
of making it) is allowed for the newest only, and only while nothing refers to it.
"""

from __future__ import annotations

from datetime import date, datetime

from ..domain.changes import KEEP, Keep
from ..domain.enums import ConsiderationOutcome, ReportPurpose
from ..domain.report_version_records import (
    CommentEntry,
    CommentSnapshot,
    ConsiderationEntry,
    ConsiderationSnapshot,
    VersionEntry,
)
from ..domain.report_views import ReportDocView
from ..domain.views import Audience
from ..store.db import Database


class ReportVersionService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Versions ---------------------------------------------------------------------------

    def versions(self, review_id: int) -> tuple[VersionEntry, ...]:
        """The review's versions in the order made."""
        raise NotImplementedError

    def make(
        self,
        review_id: int,
        purpose: ReportPurpose,
        *,
        meeting_key: str | None = None,
        note: str | None = None,
        now: datetime | None = None,
    ) -> VersionEntry:
        """Freeze the working draft as the next version: "0.n" for comment or a meeting,
        "final" for the final report (refused after it). A version for a meeting names
        a meeting of the review (``meeting_key``). ``now``: when it is made (aware;
        default: now in the review's time zone)."""
        raise NotImplementedError

    def withdraw(self, version_id: int) -> None:
        """Take back the newest version (the undo of ``make``): refused for an older
        one, or one with comments or decisions recorded on it."""
        raise NotImplementedError

    def content(self, review_id: int, number: str, audience: Audience) -> ReportDocView:
        """A frozen version as it printed for ``audience`` (panel or public)."""
        raise NotImplementedError

    def working(self, review_id: int, audience: Audience, today: date) -> ReportDocView:
        """The working draft as it stands now for ``audience``, dated ``today``."""
        raise NotImplementedError

    def difference(self, review_id: int, old: str, new: str | None) -> tuple[object, ...]:
        """What changed from version ``old`` to version ``new`` (None: the working
        draft), paragraph by paragraph (``report_diff.ParagraphChange``), panel view."""
        raise NotImplementedError

    # Comments ---------------------------------------------------------------------------

    def comments(self, review_id: int, version: str | None = None) -> tuple[CommentEntry, ...]:
        """The comments on version ``version`` (None: on every version), in order."""
        raise NotImplementedError

    def add_comment(
        self,
        review_id: int,
        version: str,
        paragraph_key: str,
        member_key: str,
        text: str,
        received: date,
    ) -> CommentEntry:
        """A panel member's comment on a paragraph of a version issued for comment."""
        raise NotImplementedError

    def edit_comment(
        self,
        comment_id: int,
        expected_version: int,
        *,
        text: str | Keep = KEEP,
        received: date | Keep = KEEP,
        member_key: str | Keep = KEEP,
    ) -> CommentEntry:
        raise NotImplementedError

    def delete_comment(self, comment_id: int, expected_version: int) -> CommentSnapshot:
        """Delete a comment; the snapshot puts it back (``restore_comment``)."""
        raise NotImplementedError

    def restore_comment(self, snapshot: CommentSnapshot) -> CommentEntry:
        raise NotImplementedError

    # Consideration ----------------------------------------------------------------------

    def considerations(
        self, review_id: int, version: str | None = None
    ) -> tuple[ConsiderationEntry, ...]:
        """The decisions recorded on version ``version`` (None: on every version)."""
        raise NotImplementedError

    def record(
        self,
        review_id: int,
        version: str,
        paragraph_key: str,
        meeting_key: str,
        outcome: ConsiderationOutcome,
        *,
        item_key: str | None = None,
        amendment: str | None = None,
    ) -> ConsiderationEntry:
        """What ``meeting_key`` decided on a paragraph of a version for comment or for a
        meeting, under agenda item ``item_key`` of that meeting (its minutes word it).
        ``amendment``: the words agreed, only with outcome "amended"."""
        raise NotImplementedError

    def edit_consideration(
        self,
        consideration_id: int,
        expected_version: int,
        *,
        outcome: ConsiderationOutcome | Keep = KEEP,
        amendment: str | Keep | None = KEEP,
        item_key: str | Keep | None = KEEP,
    ) -> ConsiderationEntry:
        raise NotImplementedError

    def delete_consideration(
        self, consideration_id: int, expected_version: int
    ) -> ConsiderationSnapshot:
        raise NotImplementedError

    def restore_consideration(self, snapshot: ConsiderationSnapshot) -> ConsiderationEntry:
        raise NotImplementedError
