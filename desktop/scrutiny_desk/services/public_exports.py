"""What a shared database's public reader may export: the public papers, from the
public projection, byte-identical to the clerk's public export.

A public reader's login reads only the public projection (``public_projection`` writes
it from the public audience view). Its agenda and minutes are rendered from the view
kept there, with the same renderers and the same inputs as ``ExportService.publish``
gives them for the public (view, joining link, clock, the papers' language), so the
file is the clerk's, byte for byte. Every other export (the panel's papers, the
programme, the report, coverage, packs, the review file, invitations, the web site) is
refused with ``NotPermittedError`` before anything is read or written.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from ..domain.errors import NotPermittedError
from ..domain.public_records import PublicPaperKind
from ..domain.roles import DbRole
from ..domain.views import Audience
from ..store.db import Database

PUBLIC_ONLY = (
    "Your database login is a public reader: it may export only the public agenda and "
    "minutes of meetings."
)


def refuse_public_reader(db: Database, what: str) -> None:
    """NotPermittedError when ``db``'s login is a public reader: ``what`` (e.g. "the
    panel's papers") is for a clerk or a reader to export. Nothing for other roles."""
    if db.role is DbRole.PUBLIC_READER:
        raise NotPermittedError(f"{PUBLIC_ONLY} Ask a clerk for {what}.")


def publish(
    db: Database,
    paper: str,
    meeting_id: int,
    audience: Audience,
    path: str | os.PathLike[str],
    clock: Callable[[], datetime],
) -> object:
    """The public reader's ``ExportService.publish``: a meeting's public agenda or
    minutes (.pdf or .docx) from the projection (``meeting_id`` as
    ``PublicPapersService.meetings`` lists it); anything else refused. Returns the
    ``Exported`` (no private witnesses named: a public reader is not told who asked to
    be heard in private)."""
    raise NotImplementedError  # API commit: filled in next


def _kind(paper: str) -> PublicPaperKind:
    return PublicPaperKind(paper)
