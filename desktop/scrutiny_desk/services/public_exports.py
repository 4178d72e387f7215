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
from typing import TYPE_CHECKING

from ..domain.errors import ExportError, NotFoundError, NotPermittedError
from ..domain.public_records import PublicPaperKind
from ..domain.roles import DbRole
from ..store.db import Database
from .files import write_atomically
from .public_papers import PublicPapersService

if TYPE_CHECKING:
    from ..domain.views import Audience
    from .exporting import Exported

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
) -> Exported:
    """The public reader's ``ExportService.publish``: a meeting's public agenda or
    minutes (.pdf or .docx) from the projection (``meeting_id`` as
    ``PublicPapersService.meetings`` lists it), rendered as the clerk's; anything else
    refused before anything is read or written. No private witnesses are named: a
    public reader is not told who asked to be heard in private."""
    if paper not in ("agenda", "minutes"):
        refuse_public_reader(db, "the programme and calendar files")
    from ..domain.views import Audience  # not imported by what only guards

    if audience is not Audience.PUBLIC:
        refuse_public_reader(db, "the panel's papers")
    # exporting imports this module for its guard: its pieces are imported here.
    from .exporting import Exported, _is_word, _word

    word = _is_word(paper, path)
    from ..exports import agenda_pdf, minutes_pdf
    from ..exports.paper_text import PaperText

    try:
        found = PublicPapersService(db).paper(meeting_id, paper)
    except NotFoundError as exc:
        raise ExportError(str(exc)) from None
    view, text = found.view, PaperText(found.language)
    if found.paper is PublicPaperKind.AGENDA:
        content = (
            _word(paper, view, text, found.link, clock())
            if word
            else agenda_pdf.render_agenda(view, found.link, clock(), text=text)
        )
    else:
        content = (
            _word(paper, view, text, None, clock())
            if word
            else minutes_pdf.render_minutes(view, clock(), text=text)
        )
    written = write_atomically(path, content)
    from .audit import record_export  # through the database's function: no INSERT for it

    record_export(db, paper, audience, "meetings", meeting_id, found.review_id, path)
    return Exported(written)
